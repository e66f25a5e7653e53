/**
 * `edgectl new solution|module`: the scaffolding commands' flags, help, wiring of real adapters and
 * human output. The work is in new-solution.ts and new-module.ts; the plans in src/core/scaffold.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { Style } from '../style.js';
import type { ScaffoldDeps } from './scaffold-deps.js';
import type { NewModuleResult } from './new-module.js';
import type { NewSolutionResult } from './new-solution.js';

export function registerNew(program: Command, context: CliContext): void {
  const group = program
    .command('new')
    .description('create a solution or a module from a template (node, python, java, csharp, c)')
    .helpCommand(false);
  group
    .command('solution')
    .argument('[dir]', 'folder to create (must not exist, or be empty)')
    .description('create a solution: deployment templates, .env, modules/ with a sample temperature sensor')
    .option('-m, --module <name>', 'also create a first module, wired to the sensor')
    .option('-l, --lang <lang>', 'language of the first module: node, python, java, csharp, c')
    .option('-r, --repository <repo>', 'image repository of the first module (default localhost:5000/<name>)')
    .option('--dry-run', 'print the files that would be created; write nothing')
    .addHelpText('after', '\nExamples:\n  $ edgectl new solution EdgeSolution\n  $ edgectl new solution EdgeSolution --module filtermodule --lang python\n  $ edgectl new solution . --dry-run\n')
    .action(async (dir: string | undefined, flags: { module?: string; lang?: string; repository?: string; dryRun?: boolean }) => {
      const { runNewSolution } = await import('./new-solution.js');
      const result = await withDeps(context, (deps) => runNewSolution({ ...defined({ dir, module: flags.module, lang: flags.lang, repository: flags.repository }), dryRun: flags.dryRun === true, cwd: context.cwd }, deps));
      context.output.result(result, renderSolution);
    });
  group
    .command('module')
    .argument('[name]', 'module name: letters, digits and _ (Node also -), starting with a letter')
    .description('create a module from templates/<lang> and register it in the solution\'s deployment templates')
    .option('-l, --lang <lang>', 'node, python, java, csharp or c')
    .option('-r, --repository <repo>', 'image repository (default localhost:5000/<name>)')
    .option('-d, --dir <dir>', 'folder for modules, relative to the solution', 'modules')
    .option('-f, --force', 'replace an existing module folder and keep existing template entries')
    .option('--dry-run', 'print the files to create and the template edits; write nothing')
    .addHelpText('after', '\nRun it in the solution folder (where deployment.template.json is).\n\nExamples:\n  $ edgectl new module filtermodule --lang node\n  $ edgectl new module Filter --lang csharp --repository myregistry.azurecr.io/filter\n  $ edgectl new module filtermodule --lang python --dry-run --json\n')
    .action(async (name: string | undefined, flags: { lang?: string; repository?: string; dir: string; force?: boolean; dryRun?: boolean }) => {
      const { runNewModule } = await import('./new-module.js');
      const result = await withDeps(context, (deps) => runNewModule({ ...defined({ name, lang: flags.lang, repository: flags.repository }), dir: flags.dir, force: flags.force === true, dryRun: flags.dryRun === true, root: context.cwd }, deps));
      context.output.result(result, renderModule);
    });
}

/** exactOptionalPropertyTypes: drop keys whose value is undefined. */
function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}

/**
 * Builds the real adapters and, while files are being written, removes temporary files if the user
 * presses Ctrl-C, then exits 130 (inquirer handles Ctrl-C during prompts itself).
 */
export async function withDeps<T>(context: CliContext, run: (deps: ScaffoldDeps) => Promise<T>): Promise<T> {
  const [{ templateReader }, writer, files, prompts] = await Promise.all([
    import('../../adapters/template-source.js'),
    import('../../adapters/scaffold-writer.js'),
    import('../../adapters/scaffold-files.js'),
    context.interactive ? import('../../adapters/prompts.js') : Promise.resolve(undefined),
  ]);
  // A SIGINT listener replaces Node's default exit, so it must end the process itself (the one
  // exit outside main.ts): the undo steps of applyScaffold cannot run after a signal, so the
  // temporary files are removed here, synchronously, first.
  const onInterrupt = (): void => {
    files.removeNow(writer.temporaryPaths);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await run({
      readTemplate: templateReader(),
      readText: files.readTextIfExists,
      exists: files.pathExists,
      isEmptyDirectory: files.isEmptyDirectory,
      apply: writer.applyScaffold,
      ...(prompts === undefined ? {} : { prompter: prompts.inquirerPrompter() }),
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

function renderModule(result: NewModuleResult, style: Style): string {
  const verb = result.dryRun ? 'would create' : 'created';
  const lines = [`${style.green('✔')} ${verb} ${result.directory} (${result.language}, image ${result.repository})`];
  if (result.dryRun) lines.push(...result.files.map((file) => `  create ${file}`));
  for (const edit of result.edited) lines.push(`  ${result.dryRun ? 'edit' : 'edited'} ${edit.file}: ${edit.changes.join(', ')}`);
  for (const warning of result.warnings) lines.push(`${style.yellow('!')} ${warning}`);
  if (!result.dryRun) lines.push('', 'next:', ...result.next.map((step) => `  $ ${step}`));
  return lines.join('\n');
}

function renderSolution(result: NewSolutionResult, style: Style): string {
  const verb = result.dryRun ? 'would create' : 'created';
  const module = result.module === undefined ? '' : ` with module ${result.module.name} (${result.module.language})`;
  const lines = [`${style.green('✔')} ${verb} solution ${result.solution}${module}`];
  if (result.dryRun) lines.push(...result.files.map((file) => `  create ${file}`));
  else lines.push('', 'next:', ...result.next.map((step) => `  $ ${step}`));
  return lines.join('\n');
}
