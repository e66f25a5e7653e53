/**
 * How a desired module becomes a Docker container: its name, its ownership labels and the
 * ContainerCreate body (the module's createOptions, with image, env and labels laid over them).
 * The config hash covers exactly the recreate triggers of edgeAgent: image, env, createOptions, version.
 */
import { canonicalJson } from '../json/canonical-json.js';
import { sha256Hex } from './content-hash.js';
import type { DesiredModule } from './desired-module.js';

export const Label = {
  owner: 'dev.edgectl.owner',
  deviceId: 'dev.edgectl.device-id',
  module: 'dev.edgectl.module',
  configHash: 'dev.edgectl.config-hash',
} as const;
export const OWNER_VALUE = 'edge-supervisor';

export function moduleConfigHash(module: DesiredModule): string {
  return sha256Hex(canonicalJson({ image: module.image, env: module.env, createOptions: module.createOptions, version: module.version })).slice(0, 16);
}

/**
 * One container name per device and module: Docker refuses a second container of the same name, which
 * is what keeps "exactly one container per module" true across crashes of the supervisor.
 */
export function containerName(deviceId: string, module: string): string {
  const device = deviceId.replace(/[^a-zA-Z0-9_.-]/g, '_');
  return `${device}.${module}`;
}

export interface ContainerSpec {
  name: string;
  body: Record<string, unknown>;
  /** createOptions the supervisor overrides, to be reported rather than silently dropped. */
  overridden: string[];
}

export function containerSpec(module: DesiredModule, deviceId: string): ContainerSpec {
  const options = module.createOptions;
  const overridden: string[] = [];
  const hostConfig = { ...(asObject(options['HostConfig']) ?? {}) };
  if (hostConfig['RestartPolicy'] !== undefined) {
    // Docker restarting on its own would fight the supervisor's back-off; the manifest's policy rules.
    delete hostConfig['RestartPolicy'];
    overridden.push('HostConfig.RestartPolicy (the module restartPolicy applies instead)');
  }
  const env = new Map<string, string>();
  for (const entry of Array.isArray(options['Env']) ? options['Env'] : []) {
    if (typeof entry !== 'string') continue;
    const eq = entry.indexOf('=');
    env.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? '' : entry.slice(eq + 1));
  }
  // Like edgeAgent, the module learns who it is; the manifest's env wins over createOptions.Env.
  env.set('IOTEDGE_DEVICEID', deviceId);
  env.set('IOTEDGE_MODULEID', module.name);
  for (const [key, value] of Object.entries(module.env)) env.set(key, value);
  const labels = {
    ...(asObject(options['Labels']) as Record<string, string> | undefined ?? {}),
    [Label.owner]: OWNER_VALUE,
    [Label.deviceId]: deviceId,
    [Label.module]: module.name,
    [Label.configHash]: moduleConfigHash(module),
  };
  const body: Record<string, unknown> = {
    ...options,
    Image: module.image,
    Env: [...env].map(([key, value]) => `${key}=${value}`),
    Labels: labels,
    HostConfig: hostConfig,
  };
  return { name: containerName(deviceId, module.name), body, overridden };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
