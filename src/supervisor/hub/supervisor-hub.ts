/**
 * The hub as the supervisor runs it: where it listens (by default the gateway address of the device's
 * own Docker network, port 8883: where its module containers reach the host, on the port the SDKs
 * dial, and an address no other supervisor on the machine uses), and how its settings reach each
 * module container (attachHub). Failing to start the hub (no Docker, the address taken) is a warning,
 * not a crash: modules still run, without a hub.
 */
import type { DockerEngineApi } from '../../adapters/docker-engine-api.js';
import { bridgeGateway, ensureDeviceNetwork } from '../../adapters/docker-networks.js';
import { deviceNetworkName } from '../../core/hub/device-network.js';
import { attachHub, type HubAttachment } from '../../core/hub/attach-hub.js';
import { hubDeploymentFromManifest } from '../../core/hub/hub-deployment.js';
import type { DesiredDeployment } from '../../core/deployment/desired-module.js';
import { startHub } from './hub.js';
import type { HubListen } from '../supervisor-options.js';
import type { Hub, HubLogEntry } from './hub-types.js';
import type { TlsMaker } from './tls-material.js';

/** The fixed MQTTS port of the Azure IoT SDKs: the connection string has no port. */
export const SDK_MQTTS_PORT = 8883;
export const CA_PATH_IN_CONTAINER = '/etc/edgectl/hub-ca.pem';

export interface SupervisorHubOptions {
  stateDir: string;
  deviceId: string;
  listen: HubListen;
  /** The name modules dial (GatewayHostName), mapped to the listen address in each container. */
  hostName: string;
  docker: DockerEngineApi;
  log: (message: string) => void;
  /** How the hub's certificates are made (the daemon: in a child process). */
  makeTls?: TlsMaker;
}

export interface SupervisorHub {
  hub: Hub;
  /** Apply the manifest's hub settings (routes, twins, identities) and wire the hub into its modules. */
  apply(deployment: DesiredDeployment, manifest: unknown): DesiredDeployment;
  /** Wire the hub into modules without changing the hub (for dry runs). */
  attach(deployment: DesiredDeployment): DesiredDeployment;
}

interface AutoListen { host: string; network?: string; warning?: string }

/**
 * `auto`: the gateway of the device's network (made if absent). When that network cannot be had (an
 * address pool exhausted, the name held by someone else), the default bridge as before, with a warning:
 * the hub then works for the first supervisor on the machine only.
 */
async function autoListen(options: SupervisorHubOptions): Promise<AutoListen | { warning: string }> {
  const name = deviceNetworkName(options.deviceId);
  try {
    const network = await ensureDeviceNetwork(options.docker, name, options.deviceId);
    options.log(`hub: ${network.created ? 'made' : 'using'} the device network ${name} (gateway ${network.gateway})`);
    return { host: network.gateway, network: name };
  } catch (error) {
    const why = (error as Error).message;
    const gateway = await bridgeGateway(options.docker).catch(() => undefined);
    if (gateway === undefined) return { warning: `the message hub did not start: no device network (${why}) and no Docker bridge gateway; pass --hub-listen host:port` };
    return { host: gateway, warning: `the device network ${name} is not available (${why}); the hub listens on the default bridge (${gateway}) instead` };
  }
}

export async function startSupervisorHub(options: SupervisorHubOptions): Promise<{ hub: SupervisorHub; warning?: string } | { warning: string }> {
  if (options.listen === 'off') return { warning: 'the message hub is off (--hub-listen off): modules cannot reach a hub' };
  let where: { host: string; port: number };
  let auto: AutoListen | undefined;
  if (options.listen === 'auto') {
    const found = await autoListen(options);
    if (!('host' in found)) return found;
    auto = found;
    where = { host: found.host, port: SDK_MQTTS_PORT };
  } else {
    where = options.listen;
  }
  const log = (entry: HubLogEntry): void => {
    if (entry.level !== 'info') options.log(`hub: ${entry.message}`);
  };
  let hub: Hub;
  try {
    hub = await startHub({ stateDir: options.stateDir, deviceId: options.deviceId, hostName: options.hostName, listen: where, extraHostNames: [where.host], log, ...(options.makeTls === undefined ? {} : { makeTls: options.makeTls }) });
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
    ...(auto?.network === undefined ? {} : { network: auto.network }),
  };
  return {
    ...(auto?.warning === undefined ? {} : { warning: auto.warning }),
    hub: {
      hub,
      apply(deployment, manifest) {
        // An invalid route is logged by the hub itself (route-invalid); the others still run.
        hub.applyDeployment(hubDeploymentFromManifest(manifest));
        return attachHub(deployment, attachment);
      },
      attach: (deployment) => attachHub(deployment, attachment),
    },
  };
}
