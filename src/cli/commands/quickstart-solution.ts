/**
 * The quickstart's demo solution: made with `new solution`'s run function (sample sensor + a Node
 * filter module) in a new or empty folder, or reused when the folder holds the demo from an earlier
 * run, so running the quickstart twice just redeploys. Any other non-empty folder is refused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usageError } from '../../core/errors.js';
import { SENSOR_MODULE } from '../../core/scaffold/module-registration.js';
import type { CliContext } from '../context.js';

export const QUICKSTART_MODULE = 'filtermodule';
export const DEFAULT_QUICKSTART_DIR = 'edgectl-quickstart';

/** Seconds between sensor readings in the demo: Azure's 5 s default leaves a first-time user waiting. */
const DEMO_SEND_INTERVAL = '1';

export interface DemoSolution {
  dir: string;
  reused: boolean;
}

export async function prepareDemoSolution(dir: string, context: CliContext): Promise<DemoSolution> {
  const destination = resolve(context.cwd, dir);
  if (existsSync(destination) && readdirSync(destination).length > 0) {
    if (isDemoSolution(destination)) return { dir: destination, reused: true };
    throw usageError('QUICKSTART_DIR_IN_USE', `${dir} already exists and does not hold the quickstart's demo solution`,
      `choose another folder: edgectl quickstart --dir <new folder> (or remove ${dir})`);
  }
  const [{ withDeps }, { runNewSolution }, { writeTextFileAtomic }] = await Promise.all([
    import('./new.js'), import('./new-solution.js'), import('../../adapters/text-files.js'),
  ]);
  // Never prompt: every answer the scaffolding could ask for is given here.
  await withDeps({ ...context, interactive: false }, (deps) => runNewSolution({ dir: destination, module: QUICKSTART_MODULE, lang: 'node', dryRun: false, cwd: context.cwd }, deps));
  const template = join(destination, 'deployment.template.json');
  const text = readFileSync(template, 'utf8');
  const faster = text.replace(/("SendInterval":\s*\{\s*"value":\s*)"5"/, `$1"${DEMO_SEND_INTERVAL}"`);
  if (faster !== text) writeTextFileAtomic(template, faster);
  return { dir: destination, reused: false };
}

/** The folders and files the quickstart made, enough to build and deploy it again. */
function isDemoSolution(dir: string): boolean {
  return [
    'deployment.template.json',
    join('modules', QUICKSTART_MODULE, 'module.json'),
    join('modules', SENSOR_MODULE, 'module.json'),
  ].every((file) => existsSync(join(dir, file)));
}
