/**
 * `edgectl device check --device d`: is the device ready, like `iotedge check`? ssh reachability,
 * Docker Engine, Node.js, disk space, clock skew and the supervisor's own health. Exit 1 on a failure.
 */
import { isEdgeError } from '../../core/errors.js';
import { isAtLeast } from '../../core/version-compare.js';
import { installerArgv } from '../../core/devices/remote-installer.js';
import { DEVICE_MINIMUM_NODE, parseProbe, type DeviceFacts } from '../../core/devices/install-plan.js';
import type { Style } from '../style.js';
import type { RemoteRunner, SupervisorHealth } from './device-install.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface DeviceCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
}
export interface DeviceCheckResult {
  device: string;
  ok: boolean;
  checks: DeviceCheck[];
}

export interface DeviceCheckDeps {
  remote: RemoteRunner;
  health(): Promise<SupervisorHealth>;
  now(): number;
}

const GIB_KB = 1024 * 1024;

export async function runDeviceCheck(device: string, deps: DeviceCheckDeps): Promise<DeviceCheckResult> {
  const started = deps.now();
  // ssh failures (unreachable, host key, auth) are the answer here, not a crash: they are thrown on.
  const probe = await deps.remote.run(installerArgv('probe'), { timeoutMs: 60_000 });
  const finished = deps.now();
  const facts = parseProbe(probe.stdout);
  const checks: DeviceCheck[] = [{ name: 'ssh', status: 'ok', detail: `connected, ${finished - started} ms for a command` }];
  checks.push(checkDocker(device, facts), checkNode(device, facts), checkDisk(facts), checkClock(facts, (started + finished) / 2));
  checks.push(await checkSupervisor(device, facts, deps));
  return { device, ok: checks.every((c) => c.status !== 'fail'), checks };
}

function checkDocker(device: string, facts: DeviceFacts): DeviceCheck {
  if (facts.docker.ok) return { name: 'docker engine', status: 'ok', detail: `Docker Engine ${facts.docker.version}` };
  return { name: 'docker engine', status: 'fail', detail: `DOCKER_NOT_RUNNING: not reachable by the device user (${facts.docker.reason})`, hint: `on ${device}: start Docker (sudo systemctl start docker) and add the user to the docker group` };
}

function checkNode(device: string, facts: DeviceFacts): DeviceCheck {
  // Installed --as-container: the supervisor's Node is the image's, none is needed on the device.
  if (facts.container !== undefined) return { name: 'node', status: 'ok', detail: `the supervisor runs in the container ${facts.container} (Node.js from its image)` };
  if (facts.nodeVersion !== undefined && isAtLeast(facts.nodeVersion, DEVICE_MINIMUM_NODE)) return { name: 'node', status: 'ok', detail: `Node.js ${facts.nodeVersion} (${facts.nodePath ?? '?'})` };
  return { name: 'node', status: 'fail', detail: facts.nodeVersion === undefined ? 'no Node.js on the device' : `Node.js ${facts.nodeVersion} is older than ${DEVICE_MINIMUM_NODE}`, hint: `install Node.js 20+ on the device, or use edgectl device install --device ${device} --as-container` };
}

function checkDisk(facts: DeviceFacts): DeviceCheck {
  if (facts.diskFreeKb === undefined) return { name: 'disk space', status: 'warn', detail: 'could not read the free space of the home directory' };
  const gib = (facts.diskFreeKb / GIB_KB).toFixed(1);
  if (facts.diskFreeKb < GIB_KB / 5) return { name: 'disk space', status: 'fail', detail: `${gib} GiB free in ${facts.home}`, hint: 'free space: images and logs need room (docker system prune)' };
  if (facts.diskFreeKb < GIB_KB) return { name: 'disk space', status: 'warn', detail: `${gib} GiB free in ${facts.home}`, hint: 'less than 1 GiB left; image pulls may fail' };
  return { name: 'disk space', status: 'ok', detail: `${gib} GiB free in ${facts.home}` };
}

function checkClock(facts: DeviceFacts, localMidpointMs: number): DeviceCheck {
  if (facts.clockMs === undefined) return { name: 'clock', status: 'warn', detail: 'could not read the device clock' };
  const skew = (facts.clockMs - localMidpointMs) / 1000;
  const detail = `${skew >= 0 ? '+' : ''}${skew.toFixed(1)} s from this machine`;
  const hint = 'enable time synchronisation on the device (timedatectl set-ntp true): TLS and signature checks need a correct clock';
  if (Math.abs(skew) > 300) return { name: 'clock', status: 'fail', detail, hint };
  if (Math.abs(skew) > 10) return { name: 'clock', status: 'warn', detail, hint };
  return { name: 'clock', status: 'ok', detail };
}

async function checkSupervisor(device: string, facts: DeviceFacts, deps: DeviceCheckDeps): Promise<DeviceCheck> {
  const install = `edgectl device install --device ${device}`;
  if (facts.installedBuild === undefined) return { name: 'supervisor', status: 'fail', detail: 'SUPERVISOR_NOT_INSTALLED', hint: install };
  try {
    const health = await deps.health();
    if (!health.ok) return { name: 'supervisor', status: 'fail', detail: `edge-supervisor ${health.version} answers but reports a problem (docker ${health.docker})`, hint: `edgectl logs --device ${device} (or ~/.local/state/edgectl/supervisor.log on the device)` };
    return { name: 'supervisor', status: 'ok', detail: `edge-supervisor ${health.version}, device id ${health.deviceId}, pid ${health.pid}` };
  } catch (error) {
    if (!isEdgeError(error) && !(error instanceof Error)) throw error;
    return { name: 'supervisor', status: 'fail', detail: `build ${facts.installedBuild} is installed but does not answer: ${error.message}`, hint: install };
  }
}

export function renderDeviceCheck(result: DeviceCheckResult, style: Style): string {
  const mark: Record<CheckStatus, string> = { ok: style.green('✔'), warn: style.yellow('!'), fail: style.red('✖') };
  const lines = result.checks.map((c) => `${mark[c.status]} ${c.name.padEnd(14)} ${c.detail}${c.hint === undefined ? '' : `\n    ${style.cyan('fix')}: ${c.hint}`}`);
  return [`${result.device}:`, ...lines].join('\n');
}
