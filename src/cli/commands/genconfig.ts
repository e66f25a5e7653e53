/**
 * `edgectl genconfig`: deployment.template.json + .env + the environment + modules' module.json →
 * config/<name>.<platform>.json, validated before it is written (atomically). The environment wins
 * over .env. An undefined placeholder is an error naming every one and where it is.
 */
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { EdgeError, ExitCode, usageError } from '../../core/errors.js';
import type { TemplateProblem } from '../../core/genconfig/expand-template.js';
import type { ModuleBuildInfo, ModuleReference } from '../../core/genconfig/module-images.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { CliContext } from '../context.js';
import type { Style } from '../style.js';

export interface GenconfigOptions {
  template: string;
  platform: string | undefined;
  debug: boolean;
  outDir: string | undefined;
  envFile: string | undefined;
  allowUndefined: boolean;
  /** Expand and validate, but write nothing; the result carries the manifest instead. */
  dryRun?: boolean;
}

export interface GenconfigDeps {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): string;
  exists(path: string): boolean;
  writeFile(path: string, text: string): void;
}

export interface GenconfigResult {
  template: string;
  output: string;
  platform: string;
  /** Placeholders left undefined (only with --allow-undefined). */
  undefinedVariables: { name: string; file: string; line: number; column: number }[];
  diagnostics: Diagnostic[];
  written: boolean;
  /** The generated manifest, under --dry-run only. */
  manifest?: unknown;
}

export async function runGenconfig(options: GenconfigOptions, deps: GenconfigDeps): Promise<GenconfigResult> {
  const path = { basename, dirname, join, relative, resolve };
  const [{ parseDotenv, mergeVariables }, { expandTemplate }, { readModuleBuildInfo }, { validateDocument }] = await Promise.all([
    import('../../core/genconfig/dotenv.js'), import('../../core/genconfig/expand-template.js'), import('../../core/genconfig/module-images.js'), import('../../core/manifest/validate-deployment.js'),
  ]);
  const templatePath = path.resolve(deps.cwd, options.template);
  const templateDir = path.dirname(templatePath);
  const envPath = path.resolve(deps.cwd, options.envFile ?? path.join(templateDir, '.env'));
  let dotenv = new Map<string, string>();
  if (options.envFile !== undefined || deps.exists(envPath)) {
    const parsed = parseDotenv(deps.readFile(envPath));
    if (parsed.errors.length > 0) throw usageError('DOTENV_INVALID', `${envPath}:${parsed.errors[0]?.line ?? 0}: ${parsed.errors[0]?.message ?? ''}`, 'lines are KEY=value, optionally quoted; # starts a comment');
    dotenv = parsed.values;
  }
  const variables = mergeVariables(dotenv, deps.env);
  const platform = options.platform ?? variables.get('DEFAULT_PLATFORM') ?? 'amd64';
  const modulesDir = path.resolve(templateDir, variables.get('MODULES_PATH') ?? 'modules');
  const moduleProblems: TemplateProblem[] = [];
  const cache = new Map<string, ModuleBuildInfo | string>();
  const resolveModule = (reference: ModuleReference): ModuleBuildInfo | string => {
    const file = reference.kind === 'folder'
      ? path.join(modulesDir, reference.folder, 'module.json')
      : path.resolve(templateDir, reference.path.replace(/\\/g, '/'), 'module.json');
    const cached = cache.get(file);
    if (cached !== undefined) return cached;
    let info: ModuleBuildInfo | string;
    if (!deps.exists(file)) info = `no module.json at ${path.relative(deps.cwd, file) || file}`;
    else {
      const expanded = expandTemplate({ text: deps.readFile(file), file: path.relative(deps.cwd, file), variables, platform, debug: false, resolveModule: () => 'module.json cannot name other modules' });
      moduleProblems.push(...expanded.problems);
      info = readModuleBuildInfo(expanded.manifest);
    }
    cache.set(file, info);
    return info;
  };
  const relativeTemplate = path.relative(deps.cwd, templatePath) || templatePath;
  const expanded = expandTemplate({ text: deps.readFile(templatePath), file: relativeTemplate, variables, platform, debug: options.debug, resolveModule });
  const problems = [...expanded.problems, ...moduleProblems];
  const undefinedOnes = problems.filter((p) => p.code === 'UNDEFINED_VARIABLE');
  const blocking = problems.filter((p) => p.code !== 'UNDEFINED_VARIABLE' || !options.allowUndefined);
  if (blocking.length > 0) throw templateError(blocking);

  const outDir = path.resolve(deps.cwd, options.outDir ?? variables.get('CONFIG_OUTPUT_DIR') ?? path.join(templateDir, 'config'));
  const base = path.basename(templatePath).replace(/(\.template)?\.json$/i, '');
  const output = path.join(outDir, `${base}.${platform}.json`);
  const text = `${JSON.stringify(expanded.manifest, null, 2)}\n`;
  const report = validateDocument(text, { fileName: path.relative(deps.cwd, output) || output, kind: 'auto' });
  // The generated file holds the secrets .env supplied by design (config/ is not committed); the
  // secret warnings are for the template, where a literal secret would end up in git.
  const diagnostics = report.diagnostics
    .filter((d) => d.code !== 'REGISTRY_PASSWORD_LITERAL' && d.code !== 'SECRET_IN_MANIFEST')
    .map((d) => options.allowUndefined && d.code === 'PLACEHOLDER_UNEXPANDED' ? { ...d, severity: 'warning' as const } : d);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new EdgeError({
      code: 'MANIFEST_INVALID',
      message: `the generated manifest is invalid, so it was not written:\n${errors.map((d) => `  ${d.file}:${d.line}:${d.column} [${d.code}] ${d.message}`).join('\n')}`,
      hint: `fix ${relativeTemplate}; \`edgectl validate ${relativeTemplate}\` shows the findings in the template`,
      exitCode: ExitCode.failed,
      details: { diagnostics: errors },
    });
  }
  if (options.dryRun !== true) deps.writeFile(output, text);
  return {
    template: relativeTemplate,
    output: path.relative(deps.cwd, output) || output,
    platform,
    undefinedVariables: undefinedOnes.map((p) => ({ name: p.name ?? '', file: p.file, line: p.line, column: p.column })),
    diagnostics,
    written: options.dryRun !== true,
    ...(options.dryRun === true ? { manifest: expanded.manifest } : {}),
  };
}

function templateError(problems: readonly TemplateProblem[]): EdgeError {
  const undefinedOnes = problems.filter((p) => p.code === 'UNDEFINED_VARIABLE');
  const names = [...new Set(undefinedOnes.map((p) => p.name ?? ''))];
  const list = problems.map((p) => `  ${p.file}:${p.line}:${p.column} ${p.message}`).join('\n');
  const onlyUndefined = undefinedOnes.length === problems.length;
  return usageError(
    onlyUndefined ? 'UNDEFINED_VARIABLE' : (problems[0]?.code ?? 'TEMPLATE_INVALID'),
    onlyUndefined ? `${names.length} undefined variable${names.length === 1 ? '' : 's'} (${names.join(', ')}):\n${list}` : `the template cannot be expanded:\n${list}`,
    onlyUndefined ? `define ${names.join(', ')} in .env or the environment, or pass --allow-undefined to leave them as they are` : 'fix the places listed above',
    { problems },
  );
}

export function renderGenconfig(result: GenconfigResult, style: Style): string {
  if (!result.written) return `${JSON.stringify(result.manifest, null, 2)}\n`;
  let text = `${style.green('✔')} wrote ${result.output} (platform ${result.platform}) from ${result.template}\n`;
  for (const u of result.undefinedVariables) text += `${style.yellow('warning')}: left undefined ${u.name} at ${u.file}:${u.line}:${u.column}\n`;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  if (warnings > 0) text += style.dim(`${warnings} warning${warnings === 1 ? '' : 's'}; run \`edgectl validate ${result.output}\` to see them\n`);
  return text;
}

export function registerGenconfig(program: Command, context: CliContext): void {
  program
    .command('genconfig')
    .description('expand deployment.template.json into config/deployment.<platform>.json (placeholders, module images, createOptions)')
    .option('-f, --file <template>', 'the template', 'deployment.template.json')
    .option('-P, --platform <platform>', 'target platform for ${MODULES.x} images (default: DEFAULT_PLATFORM or amd64)')
    .option('--debug', 'use the .debug image variant for ${MODULES.x} (and show debug logs)')
    .option('--debug-images', 'use the .debug image variant, without debug logs')
    .option('-o, --output-dir <dir>', 'where to write (default: CONFIG_OUTPUT_DIR or config/ next to the template)')
    .option('--env-file <file>', '.env file to read (default: .env next to the template)')
    .option('--allow-undefined', 'leave undefined placeholders as they are (a warning) instead of failing')
    .option('--dry-run', 'print the generated manifest instead of writing it (still validated)')
    .addHelpText('after', [
      '',
      'Variables come from .env and the environment; the ENVIRONMENT WINS over .env (as with iotedgedev),',
      'so CI can override a committed .env. .env lines: KEY=value, `export KEY=value`, quotes, # comments.',
      'Placeholders: $VAR, ${VAR}, unquoted ${VAR} for numbers/booleans, ${MODULES.<dir>[.<platform>][.debug]}',
      '(image <repository>:<version>-<platform> from modules/<dir>/module.json), ${MODULEDIR<path>[.<platform>]}.',
      '',
      'Examples:',
      '  $ edgectl genconfig',
      '  $ edgectl genconfig -f deployment.debug.template.json --platform arm64v8',
      '  $ CONTAINER_REGISTRY_SERVER=myacr.azurecr.io edgectl genconfig -o out/',
      '  $ edgectl genconfig --dry-run | jq .modulesContent',
      '',
    ].join('\n'))
    .action(async (flags: { file: string; platform?: string; debugImages?: boolean; outputDir?: string; envFile?: string; allowUndefined?: boolean; dryRun?: boolean }) => {
      const { fileExists, readTextFile, writeTextFileAtomic } = await import('../../adapters/text-files.js');
      const result = await runGenconfig(
        { template: flags.file, platform: flags.platform, // `--debug` is edgectl's global flag, taken out of argv before commander sees it; as for
        // build and push (and Azure's tools) it also selects the .debug images here.
        debug: flags.debugImages === true || context.debug, outDir: flags.outputDir, envFile: flags.envFile, allowUndefined: flags.allowUndefined === true, dryRun: flags.dryRun === true },
        { cwd: context.cwd, env: context.env, readFile: (p) => readTextFile(p), exists: fileExists, writeFile: writeTextFileAtomic },
      );
      context.output.result(result, renderGenconfig);
    });
}
