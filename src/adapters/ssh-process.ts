/**
 * Running the system ssh and knowing when it is done. Not "when its pipes close": the call that opens
 * a device's ControlMaster forks the master into the background (ControlPersist), and that process
 * inherits our stderr pipe and keeps it open until the master exits, ten minutes later. OpenSSH points
 * the master's stdout at /dev/null, so ssh is done when it has exited and its stdout has ended; stderr
 * gets a short grace period for ssh's last words, and is then let go.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const STDERR_GRACE_MS = 100;

export interface SshExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function spawnSsh(argv: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('ssh', [...argv], { shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves once ssh has exited and its stdout ended; rejects if ssh could not be started at all. */
export function sshFinished(child: ChildProcessWithoutNullStreams): Promise<SshExit> {
  const exited = new Promise<SshExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const stdoutClosed = new Promise<void>((resolve) => child.stdout.once('close', () => resolve()));
  const stderrClosed = new Promise<void>((resolve) => child.stderr.once('close', () => resolve()));
  return (async () => {
    const exit = await exited;
    await stdoutClosed;
    // The grace timer is cancelled once stderr closes: a pending timer would keep edgectl alive for it.
    const grace = new AbortController();
    await Promise.race([stderrClosed, sleep(STDERR_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined)]);
    grace.abort();
    child.stderr.destroy();
    return exit;
  })();
}

/** Runs ssh to completion, collecting its output; `timeoutMs` kills it (SIGTERM) when it runs over. */
export async function runSsh(argv: readonly string[], options: { input?: string | Uint8Array; timeoutMs?: number } = {}): Promise<SshExit & { stdout: string; stderr: string; timedOut: boolean }> {
  const child = spawnSsh(argv);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined); // EPIPE when ssh dies before reading its input: its exit says why.
  child.stdin.end(options.input);
  let timedOut = false;
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; child.kill('SIGTERM'); }, options.timeoutMs);
  try {
    const exit = await sshFinished(child);
    return { ...exit, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
