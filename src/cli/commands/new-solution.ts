/**
 * `edgectl new solution <dir>`: deployment templates, .env, .gitignore, modules/ with the sample
 * temperature sensor (Node), and optionally a first module wired to it.
 */
import { resolve, relative } from 'node:path';
import { usageError } from '../../core/errors.js';
import { checkModuleName, checkRepository, defaultRepository, MODULE_NAME_RULE } from '../../core/scaffold/module-names.js';
import { planSolution } from '../../core/scaffold/scaffold-plan.js';
import { isLanguage, LANGUAGES, type Language } from '../../core/scaffold/scaffold-types.js';
import { LANGUAGE_CHOICES, nextSteps } from './new-module.js';
import { planningError, type ScaffoldDeps } from './scaffold-deps.js';

export interface NewSolutionOptions {
  dir?: string;
  module?: string;
  lang?: string;
  repository?: string;
  dryRun: boolean;
  cwd: string;
}

export interface NewSolutionResult {
  solution: string;
  dryRun: boolean;
  module?: { name: string; language: Language; repository: string };
  /** Files created, relative to the solution folder. */
  files: string[];
  next: string[];
}

export async function runNewSolution(options: NewSolutionOptions, deps: ScaffoldDeps): Promise<NewSolutionResult> {
  const dir = options.dir ?? (deps.prompter === undefined
    ? missing('the solution folder is missing', 'edgectl new solution <dir>, e.g. edgectl new solution EdgeSolution')
    : await deps.prompter.input({ message: 'Solution folder', default: 'EdgeSolution' }));
  if (dir.trim() === '' || [...dir].some((char) => char.charCodeAt(0) < 0x20)) throw usageError('INVALID_DIR', `${JSON.stringify(dir)} is not a folder name`, 'e.g. edgectl new solution EdgeSolution');
  const destination = resolve(options.cwd, dir);
  if ((await deps.exists(destination)) && !(await deps.isEmptyDirectory(destination))) {
    throw usageError('TARGET_EXISTS', `${dir} already exists and is not empty`, 'choose a new folder, or run `edgectl new module` inside an existing solution');
  }
  const first = await resolveFirstModule(options, deps);
  const solutionTemplate = await deps.readTemplate('solution');
  let files;
  try {
    files = planSolution({
      solutionTemplate,
      ...(first === undefined ? {} : { firstModule: { ...first, modulesDir: 'modules', template: await deps.readTemplate(first.language) } }),
    });
  } catch (error) {
    throw planningError(error, first?.name ?? '');
  }
  if (!options.dryRun) await deps.apply({ destination, files, replace: false, edits: [] });
  const shown = relative(options.cwd, destination) || '.';
  return {
    solution: destination,
    dryRun: options.dryRun,
    ...(first === undefined ? {} : { module: { name: first.name, language: first.language, repository: first.repository } }),
    files: files.map((file) => file.path),
    next: [
      `cd ${shown}`,
      ...(first === undefined ? ['edgectl new module filtermodule --lang node'] : nextSteps(first.language, `modules/${first.name}`).slice(1)),
    ],
  };
}

async function resolveFirstModule(options: NewSolutionOptions, deps: ScaffoldDeps): Promise<{ name: string; language: Language; repository: string } | undefined> {
  let name = options.module;
  if (name === undefined && deps.prompter !== undefined && options.lang === undefined) {
    name = (await deps.prompter.input({ message: 'First module (leave empty for none)', default: 'filtermodule' })).trim();
    if (name === '') return undefined;
  }
  if (name === undefined) {
    if (options.lang !== undefined) missing('--lang was given without --module', 'add --module <name>, e.g. --module filtermodule');
    return undefined;
  }
  let language: Language;
  if (options.lang !== undefined) {
    if (!isLanguage(options.lang)) throw usageError('INVALID_LANGUAGE', `--lang ${JSON.stringify(options.lang)} is not a template`, `use one of: ${LANGUAGES.join(', ')}`);
    language = options.lang;
  } else if (deps.prompter !== undefined) {
    language = await deps.prompter.select({ message: 'Language', choices: LANGUAGE_CHOICES, default: 'node' });
  } else {
    missing('the first module\'s language is missing', `add --lang ${LANGUAGES.join('|')}`, 'MISSING_OPTION');
  }
  const check = checkModuleName(name, language);
  if (!check.ok) throw usageError('INVALID_MODULE_NAME', check.reason, `${MODULE_NAME_RULE}; e.g. filtermodule`);
  const repository = options.repository ?? defaultRepository(name);
  const repositoryCheck = checkRepository(repository);
  if (!repositoryCheck.ok) throw usageError('INVALID_REPOSITORY', repositoryCheck.reason, `e.g. --repository ${defaultRepository(name)}`);
  return { name, language, repository };
}

function missing(message: string, hint: string, code = 'MISSING_ARGUMENT'): never {
  throw usageError(code, message, hint);
}
