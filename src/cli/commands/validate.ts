/**
 * `edgectl validate <file…>`: JSON syntax, schema and semantic checks of deployment manifests,
 * templates, layered deployments and module.json files. Exit 0 without errors (warnings allowed
 * unless --strict), 1 with errors, 2 when a file cannot be read or the call is wrong.
 */
import { Option, type Command } from 'commander';
import { parseByteSize } from '../../core/byte-size.js';
import { usageError } from '../../core/errors.js';
import type { DocumentKind } from '../../core/manifest/document-kind.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { CliContext } from '../context.js';
import type { Style } from '../style.js';

export type ValidateFormat = 'text' | 'json' | 'sarif';

export interface ValidateCommandOptions {
  files: string[];
  strict: boolean;
  maxBytes: number;
  kind: DocumentKind | 'auto';
  layered: boolean;
}

export interface ValidatedFile {
  file: string;
  kind: DocumentKind | null;
  errors: number;
  warnings: number;
}

export interface ValidateResult {
  ok: boolean;
  errors: number;
  warnings: number;
  files: ValidatedFile[];
  diagnostics: Diagnostic[];
}

export interface ValidateDeps {
  readFile(path: string, maxBytes: number): string;
  validate(text: string, options: { fileName: string; kind: DocumentKind | 'auto'; layered: boolean }): { kind: DocumentKind | undefined; diagnostics: Diagnostic[] };
}

/** Reads every file first (an unreadable one is a usage error, exit 2), then validates each. */
export function runValidate(options: ValidateCommandOptions, deps: ValidateDeps): { result: ValidateResult; sources: Map<string, string> } {
  const sources = new Map<string, string>();
  for (const file of options.files) sources.set(file, deps.readFile(file, options.maxBytes));
  const files: ValidatedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of sources) {
    const report = deps.validate(text, { fileName: file, kind: options.kind, layered: options.layered });
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    files.push({ file, kind: report.kind ?? null, errors, warnings: report.diagnostics.length - errors });
    diagnostics.push(...report.diagnostics);
  }
  const errors = files.reduce((n, f) => n + f.errors, 0);
  const warnings = files.reduce((n, f) => n + f.warnings, 0);
  return { result: { ok: errors === 0 && (!options.strict || warnings === 0), errors, warnings, files, diagnostics }, sources };
}

export function renderValidateText(result: ValidateResult, sources: ReadonlyMap<string, string>, style: Style, render: (d: Diagnostic, line: string | undefined, s: Style) => string): string {
  const lineCache = new Map<string, string[]>();
  const lineOf = (d: Diagnostic): string | undefined => {
    let lines = lineCache.get(d.file);
    if (lines === undefined) { lines = (sources.get(d.file) ?? '').split('\n'); lineCache.set(d.file, lines); }
    return lines[d.line - 1]?.replace(/\r$/, '');
  };
  let text = result.diagnostics.map((d) => render(d, lineOf(d), style)).join('\n');
  const clean = result.files.filter((f) => f.errors === 0 && f.warnings === 0);
  for (const f of clean) text += `${style.green('✔')} ${f.file}: valid ${f.kind ?? ''}\n`;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (result.errors + result.warnings > 0) {
    text += `${text.length > 0 ? '\n' : ''}${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.files.length, 'file')}\n`;
  }
  return text;
}

function parseFormat(value: string): ValidateFormat {
  if (value === 'text' || value === 'json' || value === 'sarif') return value;
  throw usageError('USAGE', `--format must be text, json or sarif, not "${value}"`, 'see `edgectl validate --help`');
}

export function registerValidate(program: Command, context: CliContext): void {
  program
    .command('validate')
    .description('check deployment manifests, templates and module.json files (syntax, schema, routes, images, createOptions)')
    .argument('<file...>', 'files to check (deployment.json, deployment.template.json, module.json, layered deployments); - reads standard input')
    .option('--format <format>', 'output: text, json or sarif (SARIF 2.1.0 for code scanning)', 'text')
    .option('--strict', 'fail (exit 1) on warnings too')
    .option('--max-size <size>', 'refuse files larger than this (e.g. 4MiB, 512KiB)', '4MiB')
    .addOption(new Option('--kind <kind>', 'treat the files as this kind instead of detecting it').choices(['auto', 'deployment', 'template', 'layered', 'layered-template', 'module']).default('auto'))
    .option('--layered', 'treat the files as layers of a layered deployment (routes may name modules of other layers)')
    .addHelpText('after', [
      '',
      'Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 unreadable file or bad usage.',
      'Diagnostic codes are listed in docs/diagnostics.md.',
      '',
      'Examples:',
      '  $ edgectl validate config/deployment.amd64.json',
      '  $ edgectl validate deployment.template.json modules/*/module.json',
      '  $ edgectl validate --format sarif config/*.json > edgectl.sarif',
      '  $ edgectl genconfig --dry-run | edgectl validate -',
      '  $ edgectl validate --json deployment.json | jq \'.diagnostics[] | select(.severity == "error")\'',
      '',
    ].join('\n'))
    .action(async (files: string[], flags: { format: string; strict?: boolean; maxSize: string; kind: DocumentKind | 'auto'; layered?: boolean }) => {
      // --format sarif is a JSON document too, so it holds under the global --json; otherwise --json means json.
      const format = flags.format === 'sarif' ? 'sarif' : context.output.json ? 'json' : parseFormat(flags.format);
      const maxBytes = parseByteSize(flags.maxSize);
      if (maxBytes === undefined) throw usageError('USAGE', `--max-size must be a size such as 4MiB or 65536, not "${flags.maxSize}"`);
      const [{ readTextFile, readStandardInput }, { validateDocument }] = await Promise.all([import('../../adapters/text-files.js'), import('../../core/manifest/validate-deployment.js')]);
      if (files.includes('-') && context.stdinIsTTY) throw usageError('USAGE', '`-` reads the manifest from standard input, but standard input is a terminal', 'pipe a manifest in: edgectl genconfig --dry-run | edgectl validate -');
      const { result, sources } = runValidate(
        { files, strict: flags.strict === true, maxBytes, kind: flags.kind, layered: flags.layered === true },
        { readFile: (path, max) => (path === '-' ? readStandardInput(max) : readTextFile(path, max)), validate: (text, options) => validateDocument(text, options) },
      );
      if (format === 'sarif') {
        const { toSarif } = await import('../../core/manifest/sarif.js');
        const sarif = toSarif(result.diagnostics, { version: context.version });
        context.output.result(sarif, () => JSON.stringify(sarif, null, 2));
      } else if (format === 'json') {
        context.output.result(result, () => JSON.stringify(result, null, 2));
      } else {
        const { renderDiagnostic } = await import('../render-diagnostics.js');
        context.output.result(result, (data, style) => renderValidateText(data, sources, style, renderDiagnostic));
      }
      if (!result.ok) context.exitCode = 1;
    });
}
