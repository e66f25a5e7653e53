/**
 * The Docker Engine the tests use: the running one if there is one, otherwise (as root) Debian's
 * dockerd started here, in the background, and stopped by the global teardown.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { harnessDir } from './state.js';
import { waitFor } from './processes.js';

export const DOCKER_SOCKET = '/var/run/docker.sock';

/** GET /_ping on the engine's socket: true when the engine answers. */
export async function dockerAnswers(socketPath = DOCKER_SOCKET): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => { req.destroy(); resolve(false); });
    req.end();
  });
}

/** Makes sure an engine answers; returns the pid of a dockerd this call started, if any. */
export async function ensureDockerEngine(): Promise<{ startedPid?: number }> {
  if (await dockerAnswers()) return {};
  if (process.getuid?.() !== 0) throw new Error(`no Docker Engine at ${DOCKER_SOCKET}, and not root to start dockerd`);
  const log = openSync(join(harnessDir(), 'dockerd.log'), 'a');
  const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] });
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`cannot start dockerd: ${error.message}`))));
  child.unref();
  await Promise.race([waitFor('dockerd to answer on its socket', () => dockerAnswers(), 60_000, 250), failed]);
  return child.pid === undefined ? {} : { startedPid: child.pid };
}
