/**
 * A child process's stdin/stdout as one Duplex, the way the Docker CLI's commandconn wraps
 * `ssh … docker system dial-stdio`: the HTTP client writes requests into stdin and reads answers
 * from stdout. Ending the stream closes stdin; destroying it also ends the child. (The CLI's own
 * dial-stdio connection is SshTransport.dial; tests use this one to bridge to a local supervisor.)
 */
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';

export function spawnStdioDuplex(file: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { stdio: ['pipe', 'pipe', 'inherit'], ...(env === undefined ? {} : { env }) });
    child.once('error', reject);
    child.once('spawn', () => {
      const duplex = Duplex.from({ readable: child.stdout, writable: child.stdin });
      duplex.once('close', () => { if (child.exitCode === null) child.kill(); });
      resolve(duplex);
    });
  });
}
