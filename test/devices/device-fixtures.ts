/**
 * Helpers for end-to-end tests of devices over ssh: a small module image built from the harness's
 * local Node base (never pulled), deployment manifests built in code, the edgectl arguments that
 * reach a harness device, and the cleanup of everything a test device ran.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBaseImages, imageExists, NODE_BASE_IMAGES } from '../harness/base-images.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run, runOrThrow } from '../harness/processes.js';
import type { SshDevice } from '../harness/ssh-device.js';
import { removeDeviceContainers, SYSTEM_MODULES } from '../supervisor/supervisor-process.js';

/** The device's containers and its hub network, as the supervisor tests remove them. */
export { removeDeviceContainers };

const APP = `
console.log('hello from ' + process.env.IOTEDGE_MODULEID + ' greeting=' + (process.env.GREETING || ''));
process.on('SIGTERM', () => process.exit(0));
let n = 0;
setInterval(() => console.log('tick ' + (++n) + ' ' + Date.now()), Number(process.env.TICK_MS || 500));
`;

export const MODULE_IMAGE = `edgectl-test/ssh-module:${createHash('sha256').update(APP).digest('hex').slice(0, 12)}`;

export async function ensureModuleImage(): Promise<void> {
  await ensureDockerEngine();
  ensureBaseImages();
  if (imageExists(MODULE_IMAGE)) return;
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-ssh-module-'));
  writeFileSync(join(dir, 'app.js'), APP);
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${NODE_BASE_IMAGES[0]}\nCOPY app.js /app.js\nCMD ["node", "/app.js"]\n`);
  runOrThrow('docker', ['build', '-q', '-t', MODULE_IMAGE, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  rmSync(dir, { recursive: true, force: true });
}

/** An Azure IoT Edge deployment manifest with these modules, each running MODULE_IMAGE. */
export function manifest(modules: Record<string, Record<string, string>>): string {
  const entries = Object.fromEntries(Object.entries(modules).map(([name, env]) => [name, {
    type: 'docker', status: 'running', restartPolicy: 'always', version: '1.0',
    settings: { image: MODULE_IMAGE, createOptions: '{}' },
    env: Object.fromEntries(Object.entries(env).map(([key, value]) => [key, { value }])),
  }]));
  return JSON.stringify({
    modulesContent: {
      $edgeAgent: { 'properties.desired': { schemaVersion: '1.1', runtime: { type: 'docker', settings: {} }, systemModules: SYSTEM_MODULES, modules: entries } },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {}, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
    },
  }, null, 2);
}

/** `--device <alias> --ssh-config <file>`: how a user with that ssh_config would name the device. */
export function deviceArgs(device: SshDevice): string[] {
  return ['--device', device.alias, '--ssh-config', device.sshConfig];
}

/** Starts from a device without edgectl: a home left over from an earlier run is wiped. */
export function wipeDeviceInstall(device: SshDevice): void {
  stopDeviceSupervisor(device);
  rmSync(join(device.home, '.local'), { recursive: true, force: true });
}

export function stopDeviceSupervisor(device: SshDevice): void {
  run('sh', ['-c', 'p=$(cat "$1" 2>/dev/null) && kill "$p" 2>/dev/null; true', 'sh', join(device.home, '.local/state/edgectl/supervisor.pid')]);
}

/** The containers the supervisor made for this device id (by the ownership label). */
export function deviceContainers(deviceId: string): Array<{ id: string; name: string; state: string }> {
  const out = run('docker', ['ps', '-a', '--filter', `label=dev.edgectl.device-id=${deviceId}`, '--format', '{{.ID}} {{.Names}} {{.State}}']).stdout;
  return out.split('\n').filter((line) => line.trim() !== '').map((line) => {
    const [id = '', name = '', state = ''] = line.split(' ');
    return { id, name, state };
  });
}

