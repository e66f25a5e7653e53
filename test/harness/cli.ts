/** Runs the built edgectl (bin/edgectl) as a user would, and collects what it did. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const EDGECTL_BIN = fileURLToPath(new URL('../../../bin/edgectl', import.meta.url));
export const SUPERVISOR_BIN = fileURLToPath(new URL('../../../bin/edge-supervisor', import.meta.url));

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document --json promises; throws if it is not. */
  json<T = unknown>(): T;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

/** Runs bin/edgectl as a command, as a user's shell does: its shebang and first line are part of it. */
export async function runEdgectl(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return runCommand([EDGECTL_BIN, ...args], options);
}

export async function runNode(script: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return runCommand([process.execPath, script, ...args], options);
}

async function runCommand(command: readonly string[], options: CliOptions): Promise<CliRun> {
  // Through `env -u NODE_OPTIONS`: tap re-injects its loaders into every child it sees spawned, which
  // a user's edgectl never has; the binary must run exactly as a user runs it.
  const child = spawn('env', ['-u', 'NODE_OPTIONS', ...command], {
    cwd: options.cwd,
    // Tests control colour and prompting explicitly: no TTY, CI-like by default.
    env: { ...userEnvironment(), NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 120_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdin.end(options.input ?? '');
  const exitCode = await new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128))));
  return {
    exitCode,
    stdout,
    stderr,
    json<T>() {
      return JSON.parse(stdout) as T;
    },
  };
}

/**
 * This process's environment without the test runner's own variables: tap's NODE_OPTIONS loaders
 * would otherwise be injected into the spawned binary, which a user never has.
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !key.startsWith('TAP') && !key.startsWith('_TAPJS')));
}

/**
 * Starts the built edgectl and hands back the process, for tests that signal it (Ctrl-C) or kill what
 * it started. Through `env -u NODE_OPTIONS` for the reason given in runCommand; env and then
 * bin/edgectl's shell line exec in place, so the pid is edgectl's own.
 */
export function spawnEdgectl(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn('env', ['-u', 'NODE_OPTIONS', EDGECTL_BIN, ...args], {
    env: { ...userEnvironment(), NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
