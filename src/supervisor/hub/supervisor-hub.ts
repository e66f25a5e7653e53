/**
 * The hub as the supervisor runs it: where it listens (by default the Docker bridge's gateway address,
 * port 8883, which is where module containers can reach the host and the port the SDKs dial), and how
 * its settings reach each module container (attachHub). Failing to start the hub (the port taken by
 * another supervisor, no Docker bridge) is a warning, not a crash: modules still run, without a hub.
 */
import type { DockerEngineApi } from '../../adapters/docker-engine-api.js';
import { attachHub, type HubAttachment } from '../../core/hub/attach-hub.js';
import { hubDeploymentFromManifest } from '../../core/hub/hub-deployment.js';
import type { DesiredDeployment } from '../../core/deployment/desired-module.js';
import { startHub } from './hub.js';
import type { Hub, HubLogEntry } from './hub-types.js';

/** The fixed MQTTS port of the Azure IoT SDKs: the connection string has no port. */
export const SDK_MQTTS_PORT = 8883;
export const CA_PATH_IN_CONTAINER = '/etc/edgectl/hub-ca.pem';

export type HubListen = 'auto' | 'off' | { host: string; port: number };

export interface SupervisorHubOptions {
  stateDir: string;
  deviceId: string;
  listen: HubListen;
  /** The name modules dial (GatewayHostName), mapped to the listen address in each container. */
  hostName: string;
  docker: DockerEngineApi;
  log: (message: string) => void;
}

export interface SupervisorHub {
  hub: Hub;
  /** Apply the manifest's hub settings (routes, twins, identities) and wire the hub into its modules. */
  apply(deployment: DesiredDeployment, manifest: unknown): DesiredDeployment;
  /** Wire the hub into modules without changing the hub (for dry runs). */
  attach(deployment: DesiredDeployment): DesiredDeployment;
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

/** The default bridge's gateway: the host as containers on the default network see it. */
export async function bridgeGateway(docker: DockerEngineApi): Promise<string | undefined> {
  const network = await docker.json<{ IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] } }>({ method: 'GET', path: '/networks/bridge' });
  // The default bridge often lists only its subnet; docker0 then holds the subnet's first address.
  for (const config of network.IPAM?.Config ?? []) {
    const gateway = config.Gateway ?? (config.Subnet === undefined ? undefined : firstHostOf(config.Subnet));
    if (gateway !== undefined) return gateway;
  }
  return undefined;
}

export function parseHubListen(text: string | undefined): HubListen {
  if (text === undefined || text === 'auto') return 'auto';
  if (text === 'off') return 'off';
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--hub-listen must be host:port, auto or off, not ${text}`);
  return { host: text.slice(0, colon), port };
}

export async function startSupervisorHub(options: SupervisorHubOptions): Promise<{ hub: SupervisorHub } | { warning: string }> {
  if (options.listen === 'off') return { warning: 'the message hub is off (--hub-listen off): modules cannot reach a hub' };
  let listen = options.listen;
  if (listen === 'auto') {
    const gateway = await bridgeGateway(options.docker).catch(() => undefined);
    if (gateway === undefined) return { warning: 'the message hub did not start: the Docker bridge network has no gateway address; pass --hub-listen host:port' };
    listen = { host: gateway, port: SDK_MQTTS_PORT };
  }
  const where = listen;
  const log = (entry: HubLogEntry): void => {
    if (entry.level !== 'info') options.log(`hub: ${entry.message}`);
  };
  let hub: Hub;
  try {
    hub = await startHub({ stateDir: options.stateDir, deviceId: options.deviceId, hostName: options.hostName, listen: where, extraHostNames: [where.host], log });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the address is taken (another supervisor on this machine?)' : code ?? (error as Error).message;
    return { warning: `the message hub did not start on ${where.host}:${where.port}: ${why}; pass --hub-listen host:port` };
  }
  options.log(`hub: listening on ${where.host}:${hub.port} as ${options.hostName}`);
  // The SDKs dial 8883; on any other port only SDKs that read "host:port" from GatewayHostName (Node's does) get there.
  const gatewayHostName = hub.port === SDK_MQTTS_PORT ? options.hostName : `${options.hostName}:${hub.port}`;
  const attachment: HubAttachment = {
    env: (module) => {
      try {
        return hub.moduleEnvironment(module, { caPathInContainer: CA_PATH_IN_CONTAINER, gatewayHostName }).env;
      } catch {
        return {}; // not yet an identity: only in a dry run, before apply makes one
      }
    },
    caFile: hub.caFile,
    caPathInContainer: CA_PATH_IN_CONTAINER,
    extraHosts: [`${options.hostName}:${where.host}`],
  };
  return {
    hub: {
      hub,
      apply(deployment, manifest) {
        const result = hub.applyDeployment(hubDeploymentFromManifest(manifest));
        for (const error of result.routeErrors) options.log(`hub: route ${error.name} ignored: ${error.message}`);
        return attachHub(deployment, attachment);
      },
      attach: (deployment) => attachHub(deployment, attachment),
    },
  };
}
