/**
 * `edge-supervisor run`: loads the state, starts the reconciler and the API, and stops cleanly on
 * SIGTERM/SIGINT. Modules keep running while the supervisor is down, as with edgeAgent.
 */
import { dockerEndpoint, connectDocker } from '../adapters/docker.js';
import { DockerContainers } from '../adapters/docker-containers.js';
import { listenApi } from './api-server.js';
import type { VerifyImage } from './executor.js';
import { Reconciler } from './reconciler.js';
import { StateStore } from './state-store.js';
import { SupervisorService } from './supervisor-service.js';
import type { RunOptions } from './supervisor-options.js';

export async function runDaemon(options: RunOptions, version: string): Promise<void> {
  const log = (message: string): void => { process.stderr.write(`${new Date().toISOString()} ${message}\n`); };
  const store = new StateStore(options.stateDir);
  const loaded = store.load();
  for (const warning of loaded.warnings) log(`warning: ${warning}`);
  const docker = new DockerContainers(await connectDocker(dockerEndpoint(process.env)), options.deviceId);
  const reconciler = new Reconciler({
    docker,
    deviceId: options.deviceId,
    backoff: options.backoff,
    resyncMs: options.resyncMs,
    stopTimeoutSeconds: options.stopTimeoutSeconds,
    verifyImage: signaturePolicy(options),
    now: Date.now,
    log,
    ...(process.env['EDGE_SUPERVISOR_DEBUG'] ? { debug: log } : {}),
  });
  const service = new SupervisorService({ deviceId: options.deviceId, version, store, reconciler, docker, now: Date.now, startedAt: Date.now(), warnings: loaded.warnings }, loaded);
  const server = await listenApi(service, options.socket, log);
  reconciler.start();
  log(`edge-supervisor ${version} for device ${options.deviceId}: state ${options.stateDir}, API on ${options.socket}`);
  const shutdown = (signal: string): void => {
    log(`${signal}: stopping (modules keep running)`);
    reconciler.stop();
    server.close();
    server.closeAllConnections();
    process.exitCode = 0;
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/**
 * The signature seam. Verification itself arrives with the images work; until then enforcing
 * signatures fails closed, naming why, rather than running unverified images.
 */
function signaturePolicy(options: RunOptions): VerifyImage | undefined {
  if (!options.enforceSignatures) return undefined;
  if (options.trustKeys.length === 0) throw new Error('--enforce-signatures needs at least one --trust-key');
  return async () => ({ ok: false, reason: 'signature verification is not available in this build of edge-supervisor' });
}
