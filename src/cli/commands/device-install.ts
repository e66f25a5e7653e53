/**
 * `edgectl device install --device d`: copies the self-contained supervisor build to the device over
 * ssh (as the stdin of a fixed remote command, checked against its sha256 there), and starts it as a
 * systemd user service, or as a background process with a pid file where there is no systemd.
 * Idempotent: the same build is neither copied nor restarted again; a new build replaces the running
 * supervisor in place, and the modules (containers of the device's Docker Engine) keep running.
 */
import type { HealthResponse } from '../../protocol/supervisor-api.js';
import { EdgeError } from '../../core/errors.js';
import { installerArgv, STATE_DIR, SUPERVISOR_SOCKET } from '../../core/devices/remote-installer.js';
import { parseKeyValues, parseLogTail } from '../../core/devices/installer-output.js';
import { parseProbe, planInstall, type DeviceFacts, type InstallMode, type InstallPlan, type SupervisorBuild } from '../../core/devices/install-plan.js';
import type { Style } from '../style.js';

export interface RemoteRunner {
  run(argv: readonly string[], options?: { input?: string | Uint8Array; timeoutMs?: number }): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

/** The part of the supervisor's health that install and check report. */
export type SupervisorHealth = Pick<HealthResponse, 'ok' | 'version' | 'deviceId' | 'pid' | 'docker'>;

export interface DeviceInstallOptions {
  device: string;
  deviceId: string;
  enforceSignatures: boolean;
  trustKeyPem?: string;
  asContainer?: boolean;
  dryRun: boolean;
}

export interface DeviceInstallDeps {
  remote: RemoteRunner;
  bundle: SupervisorBuild & { content: Uint8Array };
  /** Polls the supervisor's /v1/health over dial-stdio until it answers, or rejects. */
  waitHealthy(): Promise<SupervisorHealth>;
  progress(message: string): void;
}

export interface DeviceInstallResult {
  device: string;
  deviceId: string;
  build: string;
  action: InstallPlan['action'];
  dryRun: boolean;
  steps: InstallPlan['steps'];
  mode?: InstallMode;
  /** With --as-container: the supervisor's container on the device. */
  container?: string;
  pid?: number;
  restarted?: boolean;
  health?: SupervisorHealth;
  /** The supervisor's socket on the device (absolute), which later calls reach through a forward. */
  supervisorSocket?: string;
  notes: string[];
}

export async function runDeviceInstall(options: DeviceInstallOptions, deps: DeviceInstallDeps): Promise<DeviceInstallResult> {
  deps.progress(`probing ${options.device}`);
  const facts: DeviceFacts = parseProbe((await remoteStep(deps.remote, options.device, 'probe', installerArgv('probe'))).stdout);
  const plan = planInstall(options.device, facts, deps.bundle, options);
  const base = { device: options.device, deviceId: options.deviceId, build: plan.build, action: plan.action, steps: plan.steps };
  const notes: string[] = [];
  if (!facts.docker.ok) notes.push(`the Docker Engine is not reachable by the device user (${facts.docker.reason}): modules cannot run until it is`);
  if (options.dryRun) return { ...base, dryRun: true, notes };

  let activated: { mode: InstallMode; pid?: number; container?: string; restarted: boolean } | undefined;
  for (const step of plan.steps) {
    if (step.kind === 'upload') {
      deps.progress(`copying the supervisor build ${step.build} (${Math.round(step.bytes / 1024)} KiB)`);
      await remoteStep(deps.remote, options.device, 'upload', installerArgv('upload', [step.build, deps.bundle.sha256, deps.bundle.version]), deps.bundle.content);
    } else if (step.kind === 'trust-key') {
      await remoteStep(deps.remote, options.device, 'trust-key', installerArgv('trust-key'), options.trustKeyPem ?? '');
    } else {
      deps.progress('starting the supervisor');
      const argv = plan.image === undefined ? installerArgv('activate', [step.build, plan.nodePath ?? '', ...plan.runFlags]) : installerArgv('activate-container', [step.build, plan.image, ...plan.runFlags]);
      const out = parseKeyValues((await remoteStep(deps.remote, options.device, 'activate', argv)).stdout);
      const pid = Number(out.get('pid'));
      const container = out.get('container');
      activated = { mode: activatedMode(out.get('mode')), restarted: out.get('changed') === '1', ...(Number.isInteger(pid) && pid > 0 ? { pid } : {}), ...(container === undefined || container === '' ? {} : { container }) };
    }
  }
  if (activated === undefined) throw new Error('install plan without an activate step');
  if (activated.mode === 'background') {
    notes.push(`no systemd on ${options.device}: the supervisor runs as a background process (pid file ~/${STATE_DIR}/supervisor.pid, log ~/${STATE_DIR}/supervisor.log) and does not start again after a reboot; run \`edgectl device install --device ${options.device}\` after one`);
  }
  deps.progress('waiting for the supervisor to answer');
  let health: SupervisorHealth;
  try {
    health = await deps.waitHealthy();
  } catch (error) {
    throw await withLogTail(deps.remote, options.device, error);
  }
  const supervisorSocket = facts.home.startsWith('/') ? { supervisorSocket: `${facts.home}/${SUPERVISOR_SOCKET}` } : {};
  return { ...base, dryRun: false, mode: activated.mode, ...(activated.pid === undefined ? {} : { pid: activated.pid }), ...(activated.container === undefined ? {} : { container: activated.container }), restarted: activated.restarted, health, ...supervisorSocket, notes };
}

async function remoteStep(remote: RemoteRunner, device: string, step: string, argv: readonly string[], input?: Uint8Array | string): Promise<{ stdout: string }> {
  const result = await remote.run(argv, { timeoutMs: 120_000, ...(input === undefined ? {} : { input }) });
  if (result.exitCode !== 0) {
    throw new EdgeError({
      code: 'DEVICE_INSTALL_FAILED',
      message: `device install failed on ${device} at the ${step} step (exit ${result.exitCode}): ${result.stderr.trim().split('\n').slice(-3).join(' / ') || 'no message'}`,
      hint: `check the device with \`edgectl device check --device ${device}\`, then run the install again (it is safe to repeat)`,
      details: { device, step, exitCode: result.exitCode },
    });
  }
  return result;
}

/** When the supervisor does not come up, its own last words are the most useful thing to show. */
async function withLogTail(remote: RemoteRunner, device: string, error: unknown): Promise<unknown> {
  if (!(error instanceof EdgeError) || error.code !== 'SUPERVISOR_NOT_ANSWERING') return error;
  const tail = await remote.run(installerArgv('log-tail'), { timeoutMs: 30_000 }).catch(() => undefined);
  if (tail === undefined) return error;
  const { running, log: all } = parseLogTail(tail.stdout);
  const log = all.slice(-8);
  return new EdgeError({
    code: error.code,
    message: `${error.message}\n${running ? 'the process is running' : 'the process has exited'}; the end of its log:\n${log.map((line) => `  ${line}`).join('\n') || '  (empty)'}`,
    hint: `fix the cause, then run edgectl device install --device ${device} again`,
    details: { device, running, log },
  });
}

function activatedMode(mode: string | undefined): InstallMode {
  return mode === 'systemd-user' || mode === 'container' ? mode : 'background';
}

export function renderDeviceInstall(result: DeviceInstallResult, style: Style): string {
  if (result.dryRun) {
    const steps = result.steps.map((step) => `  - ${step.kind === 'upload' ? `copy build ${step.build} (${Math.round(step.bytes / 1024)} KiB) and verify its sha256` : step.kind === 'trust-key' ? 'install the signing trust key' : `start it (${step.mode === 'systemd-user' ? 'systemd user unit' : step.mode === 'container' ? 'a container on the device\'s Docker Engine, restarted unless stopped' : 'background process with a pid file'})`}`);
    return [`${style.cyan('plan')} for ${result.device} (${result.action}, build ${result.build}, device id ${result.deviceId}):`, ...steps, ...result.notes.map((n) => `${style.yellow('!')} ${n}`), 'nothing was changed (--dry-run)'].join('\n');
  }
  const verb = result.action === 'install' ? 'installed' : result.action === 'upgrade' ? 'upgraded' : result.restarted === true ? 'reconfigured' : 'already up to date:';
  const how = result.mode === 'systemd-user' ? 'systemd user unit edge-supervisor.service' : result.mode === 'container' ? `container ${result.container ?? ''} (restarted by Docker unless stopped)` : `background process${result.pid === undefined ? '' : ` (pid ${result.pid})`}`;
  return [
    `${style.green('✔')} ${verb} edge-supervisor ${result.health?.version ?? ''} on ${result.device} as device ${result.deviceId}, running as a ${how}`,
    ...result.notes.map((n) => `${style.yellow('!')} ${n}`),
    `next: edgectl device check --device ${result.device}`,
  ].join('\n');
}
