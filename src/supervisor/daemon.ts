/**
 * `edge-supervisor run`: loads the state, starts the reconciler and the API, and stops cleanly on
 * SIGTERM/SIGINT. Modules keep running while the supervisor is down, as with edgeAgent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isEdgeError } from '../core/errors.js';
import { dockerEndpoint } from '../adapters/docker.js';
import { DockerEngineApi } from '../adapters/docker-engine-api.js';
import { DockerContainers } from '../adapters/docker-containers.js';
import { listenApi } from './api-server.js';
import { startSupervisorHub } from './hub/supervisor-hub.js';
import type { TlsMaker } from './hub/tls-material.js';
import type { VerifyImage } from './executor.js';
import { Reconciler } from './reconciler.js';
import { RestartCountFile, StateStore } from './state-store.js';
import { SupervisorService } from './supervisor-service.js';
import type { RunOptions } from './supervisor-options.js';

export async function runDaemon(options: RunOptions, { version, build }: { version: string; build: string }, makeTls?: TlsMaker): Promise<void> {
  const log = (message: string): void => { process.stderr.write(`${new Date().toISOString()} ${message}\n`); };
  const store = new StateStore(options.stateDir);
  const loaded = store.load();
  const restartCounts = new RestartCountFile(options.stateDir);
  for (const warning of loaded.warnings) log(`warning: ${warning}`);
  const dockerApi = new DockerEngineApi(dockerEndpoint(process.env));
  const docker = new DockerContainers(dockerApi, options.deviceId);
  const hub = await startSupervisorHub({ stateDir: join(options.stateDir, 'hub'), deviceId: options.deviceId, listen: options.hubListen, hostName: options.hubHostName, docker: dockerApi, log, ...(makeTls === undefined ? {} : { makeTls }) });
  const hubWarning = 'warning' in hub ? hub.warning : undefined;
  const warnings = hubWarning === undefined ? loaded.warnings : [...loaded.warnings, hubWarning];
  if (hubWarning !== undefined) log(`warning: ${hubWarning}`);
  const reconciler = new Reconciler({
    docker,
    deviceId: options.deviceId,
    backoff: options.backoff,
    resyncMs: options.resyncMs,
    stopTimeoutSeconds: options.stopTimeoutSeconds,
    verifyImage: await signaturePolicy(options),
    now: Date.now,
    log,
    ...(process.env['EDGE_SUPERVISOR_DEBUG'] ? { debug: log } : {}),
    onSettled: memoryReleaser(),
    saveRestarts: (records) => restartCounts.save(records),
  });
  const service = new SupervisorService({ deviceId: options.deviceId, version, build, store, reconciler, docker, now: Date.now, startedAt: Date.now(), warnings, ...('hub' in hub ? { hub: hub.hub } : {}) }, loaded);
  reconciler.restoreRestarts(restartCounts.load());
  const server = await listenApi(service, options.socket, log);
  reconciler.start();
  log(`edge-supervisor ${version} (build ${build}) for device ${options.deviceId}: state ${options.stateDir}, API on ${options.socket}`);
  const shutdown = (signal: string): void => {
    log(`${signal}: stopping (modules keep running)`);
    reconciler.stop();
    if ('hub' in hub) void hub.hub.hub.close();
    server.close();
    server.closeAllConnections();
    process.exitCode = 0;
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/**
 * The signature policy: with --enforce-signatures every image must carry a cosign signature by one of
 * the trusted keys (verified against its registry); it then runs by the verified digest. A refused
 * signature is final for that deployment; a registry that cannot be reached is retried.
 */
async function signaturePolicy(options: RunOptions): Promise<VerifyImage | undefined> {
  if (!options.enforceSignatures) return undefined;
  if (options.trustKeys.length === 0) throw new Error('--enforce-signatures needs at least one --trust-key');
  const keys = options.trustKeys.map((path) => readFileSync(path, 'utf8'));
  const { verifyImageSignature } = await import('../adapters/image-signatures.js');
  return async (image, credential) => {
    try {
      const verified = await verifyImageSignature({
        image,
        publicKeys: keys,
        ...(credential === undefined ? {} : { credentials: { username: credential.username, password: credential.password } }),
      });
      return { ok: true, reference: verified.pinned };
    } catch (error) {
      const code = isEdgeError(error) ? error.code : 'VERIFY_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `${code}: ${message}`, permanent: code.startsWith('SIGNATURE_') || code === 'IMAGE_NOT_FOUND' || code === 'IMAGE_REFERENCE_INVALID' };
    }
  };
}

/** Garbage a daemon may hold while idle before it collects it; the check runs every 30 s. */
const IDLE_GARBAGE_BYTES = 1024 * 1024;
const IDLE_CHECK_MS = 30_000;

/**
 * After a burst of work (an apply, a round of restarts) V8 keeps the heap it grew until some later
 * collection; a daemon that then idles for hours would hold it all that time. One full collection a
 * few seconds after the work settles returns it (~10 MB), at the cost of a few milliseconds. Idle
 * resyncs and status calls leave garbage too, which V8 collects only once the old generation has
 * grown 30 % (--heap-growing-percent in the launch profile): idle RSS samples then ranged 55.9–59.5 MB
 * with 10 modules, by when V8 last collected. A check every 30 s collects once 1 MB has piled up.
 */
function memoryReleaser(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => undefined;
  let timer: NodeJS.Timeout | undefined;
  let collectedAt = getHeapStatistics().used_heap_size;
  const collect = (): void => {
    gc();
    collectedAt = getHeapStatistics().used_heap_size;
  };
  setInterval(() => {
    if (getHeapStatistics().used_heap_size - collectedAt > IDLE_GARBAGE_BYTES) collect();
  }, IDLE_CHECK_MS).unref();
  return () => {
    clearTimeout(timer);
    timer = setTimeout(collect, 3000);
    timer.unref();
  };
}
