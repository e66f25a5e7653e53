/**
 * The plans behind `edgectl new module` and `edgectl new solution`: which files to create and which
 * deployment templates to edit, computed from template files and the solution's current text alone.
 * The CLI applies a plan (or prints it under --dry-run); nothing here touches the disk.
 */
import { DEFAULT_TEMPERATURE_THRESHOLD, registerModule } from './module-registration.js';
import { renderTemplate, underDirectory } from './template-render.js';
import type { EditFileOperation, Language, TemplateFile, TemplateVariables, WriteFileOperation } from './scaffold-types.js';

/** The deployment templates a solution has, in the order they are edited. */
export const DEPLOYMENT_TEMPLATES = [
  { path: 'deployment.template.json', debug: false },
  { path: 'deployment.debug.template.json', debug: true },
] as const;

export interface ModulePlanInput {
  name: string;
  language: Language;
  repository: string;
  /** Folder that holds modules, relative to the solution root (`modules`). */
  modulesDir: string;
  template: readonly TemplateFile[];
  /** The solution's deployment templates that exist, by path, with their current text. */
  deploymentTemplates: ReadonlyMap<string, string>;
  force: boolean;
}

export interface ModulePlan {
  /** Module folder relative to the solution root. */
  moduleDir: string;
  /** Files of the module, relative to moduleDir. */
  files: WriteFileOperation[];
  edits: EditFileOperation[];
}

export function moduleVariables(name: string, repository: string): TemplateVariables {
  const lower = name.toLowerCase();
  return {
    moduleName: name,
    moduleNameLower: lower,
    repository,
    javaPackage: `com.edgectl.modules.${lower}`,
    javaPackagePath: `com/edgectl/modules/${lower}`,
    temperatureThreshold: String(DEFAULT_TEMPERATURE_THRESHOLD),
  };
}

export function planModule(input: ModulePlanInput): ModulePlan {
  const moduleDir = joinRelative(input.modulesDir, input.name);
  const files = renderTemplate(input.template, moduleVariables(input.name, input.repository));
  const edits: EditFileOperation[] = [];
  for (const { path, debug } of DEPLOYMENT_TEMPLATES) {
    const text = input.deploymentTemplates.get(path);
    if (text === undefined) continue;
    const registration = registerModule(text, { name: input.name, language: input.language, moduleDir, debug, keepExisting: input.force });
    if (registration.changes.length > 0) edits.push({ kind: 'edit', path, content: registration.content, changes: registration.changes });
  }
  return { moduleDir, files, edits };
}

export interface SolutionPlanInput {
  solutionTemplate: readonly TemplateFile[];
  /** The first module, when one is asked for at creation. */
  firstModule?: Omit<ModulePlanInput, 'deploymentTemplates' | 'force'>;
}

/** All files of a fresh solution, relative to its root, with the first module already registered. */
export function planSolution(input: SolutionPlanInput): WriteFileOperation[] {
  const solution = renderTemplate(input.solutionTemplate, {});
  if (input.firstModule === undefined) return solution;
  const templates = new Map(solution.filter((op) => DEPLOYMENT_TEMPLATES.some((t) => t.path === op.path)).map((op) => [op.path, op.content]));
  const module = planModule({ ...input.firstModule, deploymentTemplates: templates, force: false });
  const edited = new Map(module.edits.map((edit) => [edit.path, edit.content]));
  const files = [
    ...solution.map((op) => ({ ...op, content: edited.get(op.path) ?? op.content })),
    ...underDirectory(module.files, module.moduleDir),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function joinRelative(directory: string, name: string): string {
  const clean = directory.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return clean === '' || clean === '.' ? name : `${clean}/${name}`;
}

/**
 * A --dir value is a folder inside the solution: relative, without `..`, and free of characters
 * that would make a surprising path. Returns a reason when refused.
 */
export function checkModulesDir(directory: string): string | undefined {
  if (directory.startsWith('/') || /^[A-Za-z]:/.test(directory)) return `--dir must be relative to the solution, not ${JSON.stringify(directory)}`;
  const segments = directory.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return `--dir must stay inside the solution (no "..")`;
  if (!segments.every((s) => /^[A-Za-z0-9_.-]+$/.test(s))) return `--dir may only use letters, digits, ".", "_" and "-" in folder names`;
  return undefined;
}
