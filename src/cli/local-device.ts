/**
 * The embedded local device: a supervisor on this machine with device id `local` and its state
 * under the user's XDG state directory. The first command that needs it starts it, detached, with
 * its log beside its state; later commands find it by its socket, and replace it when it is another
 * build than this edgectl's (an upgrade), as `device install` does on a device.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { EdgeError } from '../core/errors.js';
import { supervisorLaunch } from '../core/devices/supervisor-launch-profile.js';
import { SupervisorClient, unixSocketConnect } from '../adapters/supervisor-client.js';
import { buildIdOf, type HealthResponse } from '../protocol/supervisor-api.js';

export const LOCAL_DEVICE = 'local';
const SUPERVISOR_BIN = fileURLToPath(new URL('../../../bin/edge-supervisor', import.meta.url));
const BUNDLE_SHA256 = new URL('../supervisor/edge-supervisor.bundle.mjs.sha256', import.meta.url);

export interface LocalDevicePaths {
  stateDir: string;
  socket: string;
  log: string;
  deviceId: string;
  /** Extra `edge-supervisor run` flags (EDGECTL_LOCAL_SUPERVISOR_ARGS), e.g. short back-off in tests. */
  extraArgs: string[];
}

export function localDevicePaths(env: Readonly<Record<string, string | undefined>>): LocalDevicePaths {
  const xdg = env['XDG_STATE_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : join(env['HOME'] ?? homedir(), '.local', 'state');
  const stateDir = join(base, 'edgectl', LOCAL_DEVICE);
  const extra = env['EDGECTL_LOCAL_SUPERVISOR_ARGS'];
  return {
    stateDir,
    socket: join(stateDir, 'supervisor.sock'),
    log: join(stateDir, 'supervisor.log'),
    deviceId: env['EDGECTL_LOCAL_DEVICE_ID'] || LOCAL_DEVICE,
    extraArgs: extra === undefined || extra.trim() === '' ? [] : extra.trim().split(/\s+/),
  };
}

/** A client for the local supervisor, started first if nothing answers on its socket. */
export async function localSupervisor(env: Readonly<Record<string, string | undefined>>, onStart?: (message: string) => void): Promise<SupervisorClient> {
  const paths = localDevicePaths(env);
  const client = new SupervisorClient({ connect: unixSocketConnect(paths.socket), description: 'the local supervisor' });
  const running = await health(client);
  const wanted = installedBuild();
  if (running !== undefined && (wanted === undefined || running.build === wanted)) return client;
  if (running !== undefined) {
    // edgectl was upgraded or rebuilt since this supervisor started: replace it, as `device install`
    // does on a device. Its modules keep running; the new one adopts them.
    onStart?.(`the local supervisor runs another build (${running.build ?? 'unknown'}, this edgectl has ${String(wanted)}): restarting it`);
    await stopSupervisor(client, running.pid);
  }
  onStart?.(`starting the local supervisor (state in ${paths.stateDir})`);
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  const log = openSync(paths.log, 'a', 0o600);
  // The same node flags and malloc settings as on any device (supervisor-launch-profile.ts).
  const launch = supervisorLaunch(process.execPath, SUPERVISOR_BIN, ['run', '--state-dir', paths.stateDir, '--socket', paths.socket, '--device-id', paths.deviceId, ...paths.extraArgs], env);
  const child = spawn(launch.command, launch.args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: launch.env,
  });
  closeSync(log);
  let exited: number | null = null;
  child.once('exit', (code) => { exited = code ?? 1; });
  child.unref();
  // What our supervisor said as it exited, read once then: the log is appended to over every start
  // and can be long, and not re-read every 100 ms while another supervisor comes up.
  let lastWords: string | undefined;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await answers(client)) return client;
    if (exited !== null && lastWords === undefined) {
      lastWords = tail(paths.log);
      // Lost a race with another edgectl starting the same supervisor: theirs will answer soon.
      if (!/already listens/.test(lastWords)) throw startFailed(` (exit ${String(exited)})`, lastWords, paths.log);
    }
    await sleep(100);
  }
  throw startFailed(exited === null ? ' within 15 s' : ` (exit ${String(exited)})`, tail(paths.log), paths.log);
}

function startFailed(why: string, lastWords: string, logPath: string): EdgeError {
  return new EdgeError({
    code: 'LOCAL_SUPERVISOR_START_FAILED',
    message: `the local supervisor did not start${why}: ${lastWords || 'no log output'}`,
    hint: `see ${logPath}; is Docker running? (\`edgectl doctor\`)`,
  });
}

async function answers(client: SupervisorClient): Promise<boolean> {
  return (await health(client)) !== undefined;
}

async function health(client: SupervisorClient): Promise<HealthResponse | undefined> {
  try {
    return await client.health();
  } catch {
    return undefined;
  }
}

/** The build this edgectl starts: the checksum `npm run build` wrote beside the supervisor bundle. */
function installedBuild(): string | undefined {
  try {
    return buildIdOf(readFileSync(BUNDLE_SHA256, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM (modules keep running), then wait until nothing answers on the socket. */
async function stopSupervisor(client: SupervisorClient, pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (error) {
    // Already gone (another edgectl replaced it first): nothing to stop.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw new EdgeError({ code: 'LOCAL_SUPERVISOR_START_FAILED', message: `the running local supervisor (pid ${pid}) could not be stopped: ${(error as Error).message}`, hint: 'stop it yourself, then run the command again', cause: error });
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (await answers(client))) await sleep(100);
}

function tail(path: string): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').trim().split('\n').slice(-3).join(' | ');
}
