/**
 * Reaching the supervisor API on a device: through the supervisor socket forwarded by the device's
 * master connection (supervisor-forward.ts), or `edge-supervisor dial-stdio` started over that
 * connection, its stdio used as the HTTP connection (as `docker -H ssh://` does).
 */
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { EdgeError, isEdgeError } from '../core/errors.js';
import { LAUNCHER } from '../core/devices/remote-installer.js';
import { requestOverStream } from './http-over-stream.js';
import type { SshTransport } from './ssh.js';
import { ForwardedSupervisor } from './supervisor-forward.js';

export const DIAL_STDIO_ARGV = [LAUNCHER, 'dial-stdio'] as const;

/** The `connect` a SupervisorClient takes: each call opens one API connection, forwarded or over dial-stdio. */
export function sshDialer(transport: SshTransport): () => Promise<Duplex> {
  const forwarded = new ForwardedSupervisor(transport, stdioDialer(transport));
  return () => forwarded.connect();
}

/** dial-stdio only: for `device install`, which must see the supervisor it just started, as it starts. */
export function stdioDialer(transport: SshTransport): () => Promise<Duplex> {
  return () => transport.dial(DIAL_STDIO_ARGV);
}

export async function getJsonOverSsh<T>(transport: SshTransport, path: string, timeoutMs = 15_000, connect = stdioDialer(transport)): Promise<T> {
  const response = await requestOverStream(await connect(), { method: 'GET', path, timeoutMs });
  if (response.status !== 200) {
    throw new EdgeError({ code: 'SUPERVISOR_ERROR', message: `the supervisor on ${transport.label} answered ${response.status} to ${path}: ${response.body.slice(0, 300)}` });
  }
  return JSON.parse(response.body) as T;
}

/** What a supervisor that is still starting looks like from outside; anything else will not get better. */
const STARTING_UP = new Set(['SUPERVISOR_ERROR', 'SUPERVISOR_NOT_INSTALLED', 'SUPERVISOR_NOT_RUNNING']);

/** Polls /v1/health until the supervisor answers (it was just started), up to `timeoutMs`. */
export async function waitForHealth<T>(transport: SshTransport, timeoutMs: number, alive?: () => Promise<boolean>): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await getJsonOverSsh<T>(transport, '/v1/health', 5_000);
    } catch (error) {
      // ssh itself failing (host key, auth, unreachable) will not get better by waiting.
      if (isEdgeError(error) && !STARTING_UP.has(error.code)) throw error;
      last = error;
      // A supervisor that exited will not answer: say so now instead of at the deadline.
      if (alive !== undefined && Date.now() - started > 1_000 && !(await alive())) break;
      await sleep(250);
    }
  }
  throw new EdgeError({
    code: 'SUPERVISOR_NOT_ANSWERING',
    message: `the supervisor on ${transport.label} did not answer within ${Math.round((Date.now() - started) / 100) / 10} s: ${last instanceof Error ? last.message : String(last)}`,
    hint: 'look at ~/.local/state/edgectl/supervisor.log on the device',
  });
}
