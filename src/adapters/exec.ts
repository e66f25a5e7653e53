/**
 * Runs programs with an argv array, never a shell string: nothing a user typed can become shell
 * syntax. Wraps execa so callers get a plain result and an EdgeError when the program is missing.
 */
import { EdgeError } from '../core/errors.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  input?: string;
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export type Exec = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** The real runner. A missing program is an EdgeError naming it; a non-zero exit is a result. */
export const exec: Exec = async (file, args, options = {}) => {
  const { execa } = await import('execa');
  try {
    const result = await execa(file, [...args], {
      reject: false,
      shell: false,
      stripFinalNewline: true,
      ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      ...(options.env === undefined ? {} : { env: options.env, extendEnv: false }),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    if (result.failed && result.exitCode === undefined) {
      throw result.cause ?? new Error(result.message);
    }
    return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new EdgeError({
        code: 'PROGRAM_NOT_FOUND',
        message: `\`${file}\` was not found on the PATH`,
        hint: `install ${file} and try again`,
        cause: error,
      });
    }
    throw error;
  }
};
