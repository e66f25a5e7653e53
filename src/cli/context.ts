/**
 * What every command is handed: the output layer, the environment it may read, and whether it may
 * prompt. Built once in run-cli.ts; commands never reach for process.* themselves.
 */
import type { Output } from './output.js';

export interface CliContext {
  output: Output;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** True only on a TTY, without --json, --yes or CI: the one condition under which we prompt. */
  interactive: boolean;
  /** Whether standard input is a terminal, for commands that read it (`validate -`); prompts go by `interactive`. */
  stdinIsTTY: boolean;
  debug: boolean;
  version: string;
  /**
   * The status the process ends with when a command returns normally; a command sets it when it
   * completed its job but the answer is a failure (e.g. validate found errors).
   */
  exitCode: number;
}

export function isInteractive(options: { stdinIsTTY: boolean; json: boolean; yes: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  const ci = options.env['CI'];
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
  return options.stdinIsTTY && !options.json && !options.yes && !inCi;
}
