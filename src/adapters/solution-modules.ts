/**
 * The modules of an Azure-style solution: `modules/<name>/module.json` (MODULES_PATH may move the
 * folder), parsed with the solution's environment, filtered by `--module` and by the deployment
 * template's `${MODULES.<name>}` references when `-f` is given.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closestMatch } from '../core/closest-match.js';
import { usageError } from '../core/errors.js';
import { modulesReferencedByTemplate, parseModuleConfig, type ModuleConfig } from '../core/images/module-config.js';

export interface SolutionModule {
  config: ModuleConfig;
  /** Absolute path of the module folder. */
  dir: string;
}

export interface ModuleSelection {
  solutionDir: string;
  env: Readonly<Record<string, string | undefined>>;
  modules: readonly string[];
  template?: string | undefined;
}

export function selectModules(selection: ModuleSelection): SolutionModule[] {
  const modulesDir = resolve(selection.solutionDir, selection.env['MODULES_PATH'] ?? 'modules');
  const names = existsSync(modulesDir) ? readdirSync(modulesDir).filter((name) => existsSync(join(modulesDir, name, 'module.json'))).sort() : [];
  if (names.length === 0) {
    throw usageError('NO_MODULES', `no modules/<name>/module.json under ${selection.solutionDir}`, 'run edgectl from the solution folder, or add a module with `edgectl add`');
  }
  let wanted = names;
  if (selection.template !== undefined) {
    const path = resolve(selection.solutionDir, selection.template);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw usageError('TEMPLATE_NOT_FOUND', `cannot read the deployment template ${selection.template}`, 'pass the path of deployment.template.json with -f');
    }
    const referenced = new Set(modulesReferencedByTemplate(text));
    wanted = names.filter((name) => referenced.has(name));
  }
  for (const name of selection.modules) {
    if (!names.includes(name)) {
      const near = closestMatch(name, names);
      throw usageError('MODULE_NOT_FOUND', `there is no module "${name}" in ${modulesDir}`, near === undefined ? `modules: ${names.join(', ')}` : `did you mean --module ${near}?`);
    }
  }
  if (selection.modules.length > 0) wanted = wanted.filter((name) => selection.modules.includes(name));
  return wanted.map((name) => {
    const dir = join(modulesDir, name);
    return { dir, config: parseModuleConfig(name, readFileSync(join(dir, 'module.json'), 'utf8'), selection.env) };
  });
}
