/**
 * `edgectl device install` as a plan: from what the device reported (probe) and the supervisor build
 * at hand, decide what to do, so --dry-run can show it and a test can check it without a device.
 */
import { EdgeError, usageError } from '../errors.js';
import { isAtLeast } from '../version-compare.js';
import { parseKeyValues } from './installer-output.js';
import { STATE_DIR, SUPERVISOR_CONTAINER_IMAGE, TRUST_KEY_FILE } from './remote-installer.js';

export const DEVICE_MINIMUM_NODE = '20.0.0';

export interface DeviceFacts {
  nodePath?: string;
  nodeVersion?: string;
  /** The device clock (ms since the epoch) when node is there, else seconds × 1000. */
  clockMs?: number;
  /** The Docker Engine version, or the reason it could not be read. */
  docker: { ok: true; version: string } | { ok: false; reason: string };
  systemd: 'user' | 'none';
  installedBuild?: string;
  /** The supervisor's container, when it was installed with --as-container. */
  container?: string;
  /** Whether the docker CLI is on the device user's PATH (--as-container drives Docker through it). */
  dockerCli: boolean;
  pid?: number;
  diskFreeKb?: number;
  home: string;
  arch: string;
}

export function parseProbe(stdout: string): DeviceFacts {
  const values = parseKeyValues(stdout);
  const text = (key: string): string | undefined => { const value = values.get(key); return value === undefined || value === '' ? undefined : value; };
  const number = (key: string): number | undefined => { const value = text(key); return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined; };
  const docker = text('docker') ?? 'no answer';
  const seconds = number('time');
  const clockMs = number('timeMs') ?? (seconds === undefined ? undefined : seconds * 1000);
  const facts: DeviceFacts = {
    docker: /^\d+\.\d+/.test(docker) ? { ok: true, version: docker } : { ok: false, reason: docker },
    systemd: text('systemd') === 'user' ? 'user' : 'none',
    dockerCli: text('dockerCli') === 'yes',
    home: text('home') ?? '',
    arch: text('arch') ?? 'unknown',
  };
  const optional = { nodePath: text('node'), nodeVersion: text('nodeVersion'), clockMs, installedBuild: text('installed'), container: text('container'), pid: number('pid'), diskFreeKb: number('diskFreeKb') };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(facts, { [key]: value });
  return facts;
}

export interface SupervisorBuild {
  version: string;
  sha256: string;
  bytes: number;
}

/** The directory name of a build on the device: readable version, exact content. */
export function buildName(build: SupervisorBuild): string {
  return `${build.version}-${build.sha256.slice(0, 12)}`;
}

export interface InstallOptions {
  deviceId: string;
  enforceSignatures: boolean;
  /** PEM text of the public key deployments must be signed with. */
  trustKeyPem?: string;
  /** Run the supervisor in a container on SUPERVISOR_CONTAINER_IMAGE (devices with Docker but no Node). */
  asContainer?: boolean;
}

export type InstallStep =
  | { kind: 'upload'; build: string; bytes: number }
  | { kind: 'trust-key' }
  | { kind: 'activate'; build: string; mode: InstallMode };

export type InstallMode = 'systemd-user' | 'background' | 'container';

export interface InstallPlan {
  device: string;
  build: string;
  /** install: nothing there; upgrade: another build runs; same-build: only settings or a restart. */
  action: 'install' | 'upgrade' | 'same-build';
  /** Node on the device; absent when the supervisor runs in a container. */
  nodePath?: string;
  /** With --as-container: the image the supervisor's container runs on. */
  image?: string;
  /** `edge-supervisor run` flags beyond --state-dir and --socket, which the installer adds. */
  runFlags: string[];
  steps: InstallStep[];
}

const DEVICE_ID = /^[A-Za-z0-9_][A-Za-z0-9._:-]{0,127}$/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

export function checkDeviceId(deviceId: string): string {
  if (!DEVICE_ID.test(deviceId)) throw usageError('USAGE', `--device-id ${JSON.stringify(deviceId)} is not valid: use letters, digits, ".", "_", ":" and "-" (at most 128)`, 'for example --device-id lab-pi-01');
  return deviceId;
}

export function planInstall(device: string, facts: DeviceFacts, build: SupervisorBuild, options: InstallOptions): InstallPlan {
  if (!VERSION.test(build.version) || !/^[0-9a-f]{64}$/.test(build.sha256)) throw new Error(`malformed supervisor build ${build.version} ${build.sha256}`);
  if (options.asContainer === true) checkContainerable(device, facts);
  else if (facts.nodePath === undefined || facts.nodeVersion === undefined || !isAtLeast(facts.nodeVersion, DEVICE_MINIMUM_NODE)) {
    const found = facts.nodeVersion === undefined ? 'no Node.js' : `Node.js ${facts.nodeVersion}`;
    throw new EdgeError({
      code: 'DEVICE_NODE_MISSING',
      message: `${device} has ${found}; the supervisor needs Node.js ${DEVICE_MINIMUM_NODE} or newer on the device`,
      hint: `install Node.js 20 or newer on the device (https://nodejs.org/en/download, or your distribution's nodejs package), or run the supervisor in a container: edgectl device install --device ${device} --as-container`,
      details: { device, ...(facts.nodeVersion === undefined ? {} : { nodeVersion: facts.nodeVersion }) },
    });
  }
  const name = buildName(build);
  const runFlags = ['--device-id', checkDeviceId(options.deviceId)];
  if (options.trustKeyPem !== undefined) runFlags.push('--trust-key', `${facts.home}/${STATE_DIR}/${TRUST_KEY_FILE}`);
  if (options.enforceSignatures) runFlags.push('--enforce-signatures');
  // The installer writes these into a script inside single quotes.
  const unsafe = [...runFlags, ...(facts.nodePath === undefined ? [] : [facts.nodePath])].find((flag) => flag.includes("'") || [...flag].some((char) => char < ' '));
  if (unsafe !== undefined) throw new EdgeError({ code: 'DEVICE_INSTALL_FAILED', message: `cannot install on ${device}: the path ${JSON.stringify(unsafe)} holds a quote or control character`, hint: 'install Node.js and use a home directory without quotes in their paths' });
  const steps: InstallStep[] = [];
  // A build directory is never modified once written, so a matching name means the bytes are there.
  if (facts.installedBuild !== name) steps.push({ kind: 'upload', build: name, bytes: build.bytes });
  if (options.trustKeyPem !== undefined) steps.push({ kind: 'trust-key' });
  steps.push({ kind: 'activate', build: name, mode: options.asContainer === true ? 'container' : facts.systemd === 'user' ? 'systemd-user' : 'background' });
  const action = facts.installedBuild === undefined ? 'install' : facts.installedBuild === name ? 'same-build' : 'upgrade';
  const runtime = options.asContainer === true ? { image: SUPERVISOR_CONTAINER_IMAGE } : { nodePath: facts.nodePath ?? '' };
  return { device, build: name, action, ...runtime, runFlags, steps };
}

/** --as-container drives the device's Docker Engine through its docker CLI: both must be there. */
function checkContainerable(device: string, facts: DeviceFacts): void {
  if (!facts.docker.ok) {
    throw new EdgeError({
      code: 'DOCKER_NOT_RUNNING',
      message: `the Docker Engine on ${device} cannot be reached by the device user (${facts.docker.reason}), and --as-container runs the supervisor in it`,
      hint: `start Docker on the device and add the user to the docker group, then run edgectl device install --device ${device} --as-container again`,
      details: { device },
    });
  }
  if (!facts.dockerCli) {
    throw new EdgeError({
      code: 'DEVICE_INSTALL_FAILED',
      message: `${device} has no docker CLI on the device user's PATH, which --as-container uses to run the supervisor's container`,
      hint: 'install the docker CLI on the device (Debian: apt-get install docker.io), or install Node.js 20+ and leave out --as-container',
      details: { device },
    });
  }
}
