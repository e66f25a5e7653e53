/**
 * The device's own bridge network on the Docker Engine: found by name, created when absent (labelled
 * with the device id, so a supervisor can tell its network from anyone else's), and never removed:
 * it outlives the supervisor, like its modules, and keeps its gateway address across restarts.
 */
import { Label, OWNER_VALUE } from '../core/deployment/container-spec.js';
import { DockerApiError, type DockerEngineApi } from './docker-engine-api.js';

export interface DeviceNetwork {
  name: string;
  id: string;
  /** The host's address on the network: where containers on it reach the host. */
  gateway: string;
  created: boolean;
}

interface NetworkInfo {
  Id: string;
  Name: string;
  Driver?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] | null };
}

const statusOf = (error: unknown): number | undefined => (error instanceof DockerApiError ? error.statusCode : undefined);

async function inspect(api: DockerEngineApi, name: string): Promise<NetworkInfo | undefined> {
  try {
    return await api.json<NetworkInfo>({ method: 'GET', path: `/networks/${encodeURIComponent(name)}` });
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The first host address of an IPv4 subnet ("172.17.0.0/16" → "172.17.0.1"): Docker's gateway when it names none. */
export function firstHostOf(subnet: string): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet);
  if (match === null) return undefined;
  const address = match.slice(1, 5).reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const bits = Number(match[5]);
  const network = bits === 0 ? 0 : address - (address % 2 ** (32 - bits));
  const host = network + 1;
  return [24, 16, 8, 0].map((shift) => Math.floor(host / 2 ** shift) % 256).join('.');
}

/** The IPv4 gateway of a network (the default bridge often lists only its subnet: docker0 holds the first address). */
export function ipv4Gateway(info: Pick<NetworkInfo, 'IPAM'>): string | undefined {
  for (const config of info.IPAM?.Config ?? []) {
    if (config.Subnet !== undefined && config.Subnet.includes(':')) continue; // IPv6
    const gateway = config.Gateway ?? (config.Subnet === undefined ? undefined : firstHostOf(config.Subnet));
    if (gateway !== undefined) return gateway;
  }
  return undefined;
}

/** The default bridge's gateway: the host as containers on the default network see it. */
export async function bridgeGateway(api: DockerEngineApi): Promise<string | undefined> {
  const info = await inspect(api, 'bridge');
  return info === undefined ? undefined : ipv4Gateway(info);
}

/**
 * The device's network, made if absent. Throws when the name is held by a network that is not this
 * device's (another device's, or the user's): it is never taken over.
 */
export async function ensureDeviceNetwork(api: DockerEngineApi, name: string, deviceId: string): Promise<DeviceNetwork> {
  let info = await inspect(api, name);
  let created = false;
  if (info === undefined) {
    try {
      await api.json({
        method: 'POST',
        path: '/networks/create',
        body: { Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { [Label.owner]: OWNER_VALUE, [Label.deviceId]: deviceId } },
      });
      created = true;
    } catch (error) {
      if (statusOf(error) !== 409) throw error; // 409: made meanwhile by someone else; look at it below
    }
    info = await inspect(api, name);
    if (info === undefined) throw new Error(`the Docker network ${name} vanished right after it was made`);
  }
  const owner = info.Labels?.[Label.deviceId];
  if (owner !== deviceId) {
    throw new Error(`the Docker network ${name} exists but is not this device's (${owner === undefined ? 'no device label' : `device ${owner}`}); remove or rename it`);
  }
  if (info.Driver !== undefined && info.Driver !== 'bridge') throw new Error(`the Docker network ${name} uses the ${info.Driver} driver, not bridge`);
  const gateway = ipv4Gateway(info);
  if (gateway === undefined) throw new Error(`the Docker network ${name} has no IPv4 gateway address`);
  return { name, id: info.Id, gateway, created };
}
