/**
 * `edgectl new module <name>`: a module from templates/<lang>, registered in the solution's
 * deployment templates. Missing values are asked for on a terminal and are usage errors elsewhere;
 * a refused name changes nothing.
 */
import { join } from 'node:path';
import { usageError } from '../../core/errors.js';
import { checkModuleName, checkRepository, defaultRepository, MODULE_NAME_RULE } from '../../core/scaffold/module-names.js';
import { checkModulesDir, DEPLOYMENT_TEMPLATES, planModule, type ModulePlan } from '../../core/scaffold/scaffold-plan.js';
import { isLanguage, LANGUAGES, type Language } from '../../core/scaffold/scaffold-types.js';
import type { Prompter } from '../../adapters/prompts.js';
import { planningError, type ScaffoldDeps } from './scaffold-deps.js';

export interface NewModuleOptions {
  name?: string;
  lang?: string;
  repository?: string;
  dir: string;
  force: boolean;
  dryRun: boolean;
  /** The solution root (absolute): where deployment templates are looked for. */
  root: string;
}

export interface NewModuleResult {
  module: string;
  language: Language;
  repository: string;
  directory: string;
  dryRun: boolean;
  /** Files created, relative to the solution root. */
  files: string[];
  edited: Array<{ file: string; changes: string[] }>;
  warnings: string[];
  next: string[];
}

export const LANGUAGE_CHOICES = [
  { value: 'node', name: 'Node.js (azure-iot-device)' },
  { value: 'python', name: 'Python (azure-iot-device)' },
  { value: 'java', name: 'Java (iot-device-client, Maven)' },
  { value: 'csharp', name: 'C# (.NET 8, Microsoft.Azure.Devices.Client)' },
  { value: 'c', name: 'C (azure-iot-sdk-c, CMake)' },
] as const;

export async function runNewModule(options: NewModuleOptions, deps: ScaffoldDeps): Promise<NewModuleResult> {
  const dirProblem = checkModulesDir(options.dir);
  if (dirProblem !== undefined) throw usageError('INVALID_DIR', dirProblem, 'e.g. --dir modules');
  const language = await resolveLanguage(options.lang, deps.prompter);
  const name = await resolveName(options.name, language, deps.prompter);
  const repository = await resolveRepository(options.repository, name, deps.prompter);

  const deploymentTemplates = new Map<string, string>();
  for (const { path } of DEPLOYMENT_TEMPLATES) {
    const text = await deps.readText(join(options.root, path));
    if (text !== undefined) deploymentTemplates.set(path, text);
  }
  const template = await deps.readTemplate(language);
  let plan: ModulePlan;
  try {
    plan = planModule({ name, language, repository, modulesDir: options.dir, template, deploymentTemplates, force: options.force });
  } catch (error) {
    throw planningError(error, name);
  }
  const destination = join(options.root, ...plan.moduleDir.split('/'));
  if (!options.force && (await deps.exists(destination))) {
    throw usageError('MODULE_EXISTS', `${plan.moduleDir} already exists`, `choose another name, or add --force to replace ${plan.moduleDir}`);
  }
  if (!options.dryRun) {
    await deps.apply({
      destination,
      files: plan.files,
      replace: options.force,
      edits: plan.edits.map((edit) => ({ ...edit, path: join(options.root, edit.path) })),
    });
  }
  return {
    module: name,
    language,
    repository,
    directory: plan.moduleDir,
    dryRun: options.dryRun,
    files: plan.files.map((file) => `${plan.moduleDir}/${file.path}`),
    edited: plan.edits.map((edit) => ({ file: edit.path, changes: edit.changes })),
    warnings: deploymentTemplates.size === 0 ? [`no deployment.template.json in ${options.root}: ${name} was created but not registered in a deployment`] : [],
    next: nextSteps(language, plan.moduleDir),
  };
}

async function resolveLanguage(given: string | undefined, prompter: Prompter | undefined): Promise<Language> {
  if (given !== undefined) {
    if (isLanguage(given)) return given;
    throw usageError('INVALID_LANGUAGE', `--lang ${JSON.stringify(given)} is not a template`, `use one of: ${LANGUAGES.join(', ')}`);
  }
  if (prompter === undefined) throw usageError('MISSING_OPTION', 'the module language is missing', `add --lang ${LANGUAGES.join('|')}`);
  return prompter.select({ message: 'Language', choices: LANGUAGE_CHOICES, default: 'node' });
}

async function resolveName(given: string | undefined, language: Language, prompter: Prompter | undefined): Promise<string> {
  if (given === undefined) {
    if (prompter === undefined) throw usageError('MISSING_ARGUMENT', 'the module name is missing', 'edgectl new module <name> --lang <lang>, e.g. edgectl new module filtermodule --lang node');
    return prompter.input({
      message: 'Module name',
      default: 'filtermodule',
      validate: (value) => { const check = checkModuleName(value, language); return check.ok ? true : check.reason; },
    });
  }
  const check = checkModuleName(given, language);
  if (!check.ok) throw usageError('INVALID_MODULE_NAME', check.reason, `${MODULE_NAME_RULE}; e.g. filtermodule`);
  return given;
}

async function resolveRepository(given: string | undefined, name: string, prompter: Prompter | undefined): Promise<string> {
  const fallback = defaultRepository(name);
  const value = given ?? (prompter === undefined ? fallback : await prompter.input({
    message: 'Image repository',
    default: fallback,
    validate: (text) => { const check = checkRepository(text); return check.ok ? true : check.reason; },
  }));
  const check = checkRepository(value);
  if (!check.ok) throw usageError('INVALID_REPOSITORY', check.reason, `e.g. --repository ${fallback}`);
  return value;
}

export function nextSteps(language: Language, moduleDir: string): string[] {
  const test: Record<Language, string> = {
    node: 'npm install && npm test',
    python: 'python3 -m unittest',
    java: 'mvn test',
    csharp: 'dotnet test tests',
    c: 'cmake -S . -B build -DEDGE_MODULE_WITH_SDK=OFF && cmake --build build && ctest --test-dir build',
  };
  return [`cd ${moduleDir} && ${test[language]}`, 'edgectl genconfig && edgectl validate config/deployment.amd64.json'];
}
