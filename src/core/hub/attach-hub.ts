/**
 * A deployment with the hub wired into every module container, as edgeAgent wires edgeHub: the
 * connection environment, the device CA mounted read-only, and the gateway host name resolving to the
 * address the hub listens on. With `network` (the device's own bridge, where the hub listens on the
 * gateway) a module joins that network unless its createOptions chose a network themselves; either way
 * the gateway address is a host address, so a module on any bridge network still reaches the hub.
 * Pure; the supervisor applies it before reconciling, so a changed key, address or network changes the
 * module's config hash and recreates its container once (which is also how containers made before the
 * device network existed move onto it). The result is idempotent, so nothing recreates in a loop.
 */
import { isObject } from '../json/json-value.js';
import type { DesiredDeployment, DesiredModule } from '../deployment/desired-module.js';

export interface HubAttachment {
  env(module: string): Record<string, string>;
  /** The CA file on the host. */
  caFile: string;
  caPathInContainer: string;
  /** "name:ip" entries, e.g. "edgehub:172.17.0.1". */
  extraHosts: readonly string[];
  /** The device's network: modules that did not pick a network join it. */
  network?: string;
}

type Json = Record<string, unknown>;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function attachHubToModule(module: DesiredModule, hub: HubAttachment): DesiredModule {
  const hostConfig: Json = { ...(isObject(module.createOptions['HostConfig']) ? module.createOptions['HostConfig'] : {}) };
  hostConfig['Binds'] = [...strings(hostConfig['Binds']).filter((b) => !b.includes(`:${hub.caPathInContainer}`)), `${hub.caFile}:${hub.caPathInContainer}:ro`];
  // Docker refuses host-name mappings on the host network; such a module reaches the hub by its address.
  if (hostConfig['NetworkMode'] !== 'host' && hub.extraHosts.length > 0) {
    const names = new Set(hub.extraHosts.map((h) => h.slice(0, h.indexOf(':'))));
    hostConfig['ExtraHosts'] = [...strings(hostConfig['ExtraHosts']).filter((h) => !names.has(h.slice(0, h.indexOf(':')))), ...hub.extraHosts];
  }
  const networking = hub.network === undefined ? {} : joinNetwork(module, hostConfig, hub.network);
  return { ...module, env: { ...module.env, ...hub.env(module.name) }, createOptions: { ...module.createOptions, HostConfig: hostConfig, ...networking } };
}

/**
 * Puts the module on the device network, reachable by its module name as on IoT Edge's network, unless
 * it chose a network mode (host, none, container:…, another network) or endpoints itself: then its
 * choice stands. Sets `hostConfig.NetworkMode` in place; returns the createOptions to add.
 */
function joinNetwork(module: DesiredModule, hostConfig: Json, network: string): Json {
  const mode = hostConfig['NetworkMode'];
  const networking = module.createOptions['NetworkingConfig'];
  const endpoints = isObject(networking) && isObject(networking['EndpointsConfig']) ? Object.keys(networking['EndpointsConfig']) : [];
  const ours = mode === network && endpoints.every((e) => e === network); // already attached by an earlier pass
  if (!ours && ((typeof mode === 'string' && mode !== '' && mode !== 'default') || endpoints.length > 0)) return {};
  hostConfig['NetworkMode'] = network;
  const existing = isObject(networking) && isObject(networking['EndpointsConfig']) ? networking['EndpointsConfig'][network] : undefined;
  const endpoint: Json = isObject(existing) ? existing : {};
  const aliases = [...new Set([...strings(endpoint['Aliases']), module.name])];
  return { NetworkingConfig: { ...(isObject(networking) ? networking : {}), EndpointsConfig: { [network]: { ...endpoint, Aliases: aliases } } } };
}

export function attachHub(deployment: DesiredDeployment, hub: HubAttachment): DesiredDeployment {
  return { ...deployment, modules: deployment.modules.map((m) => attachHubToModule(m, hub)) };
}
