/**
 * A deployment with the hub wired into every module container, as edgeAgent wires edgeHub: the
 * connection environment, the device CA mounted read-only, and the gateway host name resolving to the
 * address the hub listens on. Pure; the supervisor applies it before reconciling, so a changed key or
 * address changes the module's config hash and recreates its container.
 */
import type { DesiredDeployment, DesiredModule } from '../deployment/desired-module.js';

export interface HubAttachment {
  env(module: string): Record<string, string>;
  /** The CA file on the host. */
  caFile: string;
  caPathInContainer: string;
  /** "name:ip" entries, e.g. "edgehub:172.17.0.1". */
  extraHosts: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function attachHubToModule(module: DesiredModule, hub: HubAttachment): DesiredModule {
  const hostConfig: Json = { ...(isObject(module.createOptions['HostConfig']) ? module.createOptions['HostConfig'] : {}) };
  hostConfig['Binds'] = [...strings(hostConfig['Binds']).filter((b) => !b.includes(`:${hub.caPathInContainer}`)), `${hub.caFile}:${hub.caPathInContainer}:ro`];
  // Docker refuses host-name mappings on the host network; such a module reaches the hub by its address.
  if (hostConfig['NetworkMode'] !== 'host' && hub.extraHosts.length > 0) {
    const names = new Set(hub.extraHosts.map((h) => h.slice(0, h.indexOf(':'))));
    hostConfig['ExtraHosts'] = [...strings(hostConfig['ExtraHosts']).filter((h) => !names.has(h.slice(0, h.indexOf(':')))), ...hub.extraHosts];
  }
  return { ...module, env: { ...module.env, ...hub.env(module.name) }, createOptions: { ...module.createOptions, HostConfig: hostConfig } };
}

export function attachHub(deployment: DesiredDeployment, hub: HubAttachment): DesiredDeployment {
  return { ...deployment, modules: deployment.modules.map((m) => attachHubToModule(m, hub)) };
}
