/**
 * Test helpers for the supervisor against the real Docker Engine: a tiny module image built FROM the
 * harness's local Node base (never pulled), a supervisor process per test device with short back-off,
 * manifests built in code, and cleanup of everything a test device owned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SupervisorClient, unixSocketConnect } from '../../src/adapters/supervisor-client.js';
import { sha256Hex } from '../../src/core/deployment/content-hash.js';
import { supervisorLaunch } from '../../src/core/devices/supervisor-launch-profile.js';
import type { StatusResponse } from '../../src/protocol/supervisor-api.js';
import { SUPERVISOR_BIN, userEnvironment } from '../harness/cli.js';
import { ensureBaseImages, imageExists, NODE_BASE_IMAGES } from '../harness/base-images.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run, runOrThrow } from '../harness/processes.js';

const APP = `
const mode = process.env.MODE || 'run';
console.log('hello from ' + process.env.IOTEDGE_MODULEID + ' mode=' + mode + ' greeting=' + (process.env.GREETING || ''));
console.error('to stderr from ' + process.env.IOTEDGE_MODULEID);
process.on('SIGTERM', () => process.exit(0));
if (mode === 'crash') setTimeout(() => process.exit(3), Number(process.env.CRASH_AFTER_MS || 50));
else setInterval(() => console.log('tick'), 500);
`;

/** Tag of the test module image; the tag carries a hash of its content, so a changed app rebuilds. */
export const MODULE_IMAGE = `edgectl-test/supervisor-module:${sha256Hex(APP).slice(0, 12)}`;

/** Docker Engine up, base image present, module image built: throws when any is missing. */
export async function ensureModuleImage(): Promise<void> {
  await ensureDockerEngine();
  ensureBaseImages();
  if (imageExists(MODULE_IMAGE)) return;
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-module-'));
  writeFileSync(join(dir, 'app.js'), APP);
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${NODE_BASE_IMAGES[0]}\nCOPY app.js /app.js\nCMD ["node", "/app.js"]\n`);
  runOrThrow('docker', ['build', '-q', '-t', MODULE_IMAGE, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  rmSync(dir, { recursive: true, force: true });
}

export interface ModuleSpec {
  env?: Record<string, string>;
  restartPolicy?: string;
  status?: string;
  startupOrder?: number;
  createOptions?: Record<string, unknown>;
  image?: string;
  version?: string;
  imagePullPolicy?: string;
}

/** Every real manifest names Microsoft's system modules; the supervisor reports them and runs neither. */
export const SYSTEM_MODULES = {
  edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.5', createOptions: '{}' } },
  edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.5', createOptions: '{}' } },
};

export function manifest(modules: Record<string, ModuleSpec>): string {
  const entries = Object.fromEntries(Object.entries(modules).map(([name, spec]) => [name, {
    type: 'docker',
    status: spec.status ?? 'running',
    restartPolicy: spec.restartPolicy ?? 'always',
    ...(spec.version === undefined ? {} : { version: spec.version }),
    ...(spec.startupOrder === undefined ? {} : { startupOrder: spec.startupOrder }),
    ...(spec.imagePullPolicy === undefined ? {} : { imagePullPolicy: spec.imagePullPolicy }),
    settings: { image: spec.image ?? MODULE_IMAGE, createOptions: JSON.stringify(spec.createOptions ?? {}) },
    env: Object.fromEntries(Object.entries(spec.env ?? {}).map(([k, v]) => [k, { value: v }])),
  }]));
  return JSON.stringify({
    modulesContent: {
      $edgeAgent: { 'properties.desired': { schemaVersion: '1.1', runtime: { type: 'docker', settings: {} }, systemModules: SYSTEM_MODULES, modules: entries } },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {}, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
    },
  });
}

export const FAST_BACKOFF = ['--backoff-unit-ms', '200', '--backoff-max-ms', '1000', '--resync-ms', '1000', '--stop-timeout', '1'];

export class TestSupervisor {
  readonly stateDir: string;
  readonly socket: string;
  readonly client: SupervisorClient;
  private child: ChildProcess | undefined;
  log = '';

  constructor(readonly deviceId: string, private readonly args: string[] = FAST_BACKOFF, stateDir?: string, private readonly env: NodeJS.ProcessEnv = {}) {
    this.stateDir = stateDir ?? mkdtempSync(join(tmpdir(), `edgectl-sv-${deviceId}-`));
    mkdirSync(this.stateDir, { recursive: true });
    this.socket = join(this.stateDir, 'supervisor.sock');
    this.client = new SupervisorClient({ connect: unixSocketConnect(this.socket), description: `supervisor ${deviceId}` });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    // `env -u NODE_OPTIONS` (which execs, keeping the pid): tap would inject its loaders otherwise.
    // Started as every launcher starts it: the node flags and malloc settings of the launch profile.
    const launch = supervisorLaunch(process.execPath, SUPERVISOR_BIN, ['run', '--state-dir', this.stateDir, '--device-id', this.deviceId, ...this.args], { ...userEnvironment(), ...this.env });
    const child = spawn('env', ['-u', 'NODE_OPTIONS', launch.command, ...launch.args], { env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => { this.log += chunk.toString(); });
    this.child = child;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`supervisor exited ${child.exitCode}: ${this.log}`);
      try {
        await this.client.health();
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`supervisor ${this.deviceId} did not answer: ${this.log}`);
  }

  /** SIGKILL: no chance to clean up, as in a power cut or an OOM kill. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }

  /** Stops the process, removes every container of this device, deletes the state. */
  async destroy(): Promise<void> {
    await this.stop();
    removeDeviceContainers(this.deviceId);
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  async waitFor(what: string, predicate: (status: StatusResponse) => boolean, timeoutMs = 30_000): Promise<StatusResponse> {
    const deadline = Date.now() + timeoutMs;
    let last: StatusResponse | undefined;
    while (Date.now() < deadline) {
      last = await this.client.status();
      if (predicate(last)) return last;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}; last status: ${JSON.stringify(last?.modules.map((m) => [m.name, m.runtimeStatus, m.description, m.reason]))} ${JSON.stringify(last?.deployment)}\n${this.log}`);
  }

  waitConverged(deploymentId: string, timeoutMs?: number): Promise<StatusResponse> {
    return this.waitFor(`deployment ${deploymentId} to converge`, (s) => s.deployment?.id === deploymentId && s.deployment.state === 'converged', timeoutMs);
  }
}

export interface DockerContainerRow { id: string; name: string; module: string; state: string }

/** All containers of a device, as `docker ps -a` sees them (not through the supervisor). */
export function deviceContainers(deviceId: string): DockerContainerRow[] {
  const out = runOrThrow('docker', ['ps', '-a', '--no-trunc', '--filter', `label=dev.edgectl.device-id=${deviceId}`, '--format', '{{.ID}}\t{{.Names}}\t{{.Label "dev.edgectl.module"}}\t{{.State}}']);
  return out.trim().split('\n').filter((l) => l !== '').map((line) => {
    const [id = '', name = '', module = '', state = ''] = line.split('\t');
    return { id, name, module, state };
  });
}

/** Removes the device's containers and its network (the supervisor keeps both; a test must not). */
export function removeDeviceContainers(deviceId: string): void {
  const ids = deviceContainers(deviceId).map((c) => c.id);
  if (ids.length > 0) run('docker', ['rm', '-f', ...ids]);
  const networks = run('docker', ['network', 'ls', '-q', '--filter', `label=dev.edgectl.device-id=${deviceId}`]).stdout.trim().split('\n').filter((n) => n !== '');
  if (networks.length > 0) run('docker', ['network', 'rm', ...networks]);
}

export function uniqueDeviceId(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
}
