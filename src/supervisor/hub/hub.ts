/**
 * startHub: the edgeHub-compatible MQTT hub inside the supervisor. Wires the broker (aedes) on a TLS
 * listener to the module protocol, the router, twins, methods and the upstream store, and gives the
 * supervisor the interface in hub-types.ts. See README.md beside this file.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Client } from 'aedes';
import { EdgeError } from '../../core/errors.js';
import { moduleEnvironment } from '../../core/hub/module-environment.js';
import { desiredFilter, desiredPatchTopic, methodFilter, methodRequestTopic, receivesInputs } from '../../core/hub/module-topics.js';
import { compileRoutes, DEFAULT_MESSAGE_TTL_SECS } from '../../core/hub/route-table.js';
import type { JsonObject } from '../../core/hub/twin-document.js';
import { ensurePrivateDir } from '../../adapters/atomic-file.js';
import type { ApplyResult, Hub, HubDeployment, HubOptions, HubStatus } from './hub-types.js';
import { IdentityStore } from './identity-store.js';
import { InputQueues } from './input-queues.js';
import { MethodCalls } from './method-calls.js';
import { ModuleProtocol } from './module-protocol.js';
import { clientFilters, ModuleRouter } from './module-router.js';
import { createModuleBroker, guardPacketSize } from './module-broker.js';
import { SessionStore } from './session-store.js';
import { ensureTlsMaterial } from './tls-material.js';
import { TwinStore } from './twin-store.js';
import { UpstreamStore } from './upstream-store.js';

const DEFAULT_UPSTREAM_BYTES = 256 * 1024 * 1024;
const DEFAULT_METHOD_TIMEOUT_MS = 30_000;

export async function startHub(options: HubOptions): Promise<Hub> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const iotHubHostName = options.iotHubHostName ?? options.hostName;
  ensurePrivateDir(options.stateDir);
  const names = [options.hostName, 'localhost', '127.0.0.1', ...(options.extraHostNames ?? [])].filter((n) => n !== '0.0.0.0');
  const tls = await ensureTlsMaterial(join(options.stateDir, 'tls'), names, undefined, options.makeTls);
  const identities = new IdentityStore(join(options.stateDir, 'identities.json'));
  const twins = new TwinStore(join(options.stateDir, 'twins.json'));
  const sessions = new SessionStore(join(options.stateDir, 'sessions.json'));
  const upstream = new UpstreamStore({ dir: join(options.stateDir, 'upstream'), maxSizeBytes: DEFAULT_UPSTREAM_BYTES, now });
  const inputs = new InputQueues(options.maxPendingPerModule ?? 10_000, now);
  const methods = new MethodCalls();

  // Called only once the broker below exists.
  const clientOf = (moduleId: string): Client | undefined =>
    (broker as unknown as { clients: Record<string, Client | undefined> }).clients[`${options.deviceId}/${moduleId}`];
  const router = new ModuleRouter({ deviceId: options.deviceId, upstream, inputs, client: clientOf, now });
  const protocol = new ModuleProtocol({
    deviceId: options.deviceId,
    hostNames: [iotHubHostName, options.hostName],
    identities,
    twins,
    methods,
    router,
    log,
    now,
  });

  const broker = await createModuleBroker({ protocol, router, sessions, log });

  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem, minVersion: 'TLSv1.2' }, (socket) => guardPacketSize(broker.handle(socket), socket, log));
  server.listen(options.listen.port, options.listen.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    // The address is taken or missing: leave nothing running behind the error.
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    upstream.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const sweeper = setInterval(() => upstream.sweep(), 5000);
  sweeper.unref();

  let routeErrors: ApplyResult['routeErrors'] = [];
  const hasFilter = (client: Client | undefined, filter: string): client is Client => client !== undefined && client.connected && clientFilters(client).includes(filter);

  const applyDeployment = (deployment: HubDeployment): ApplyResult => {
    const { routes, errors } = compileRoutes(deployment.routes);
    router.routes = routes;
    routeErrors = errors;
    const ttl = deployment.storeAndForward?.timeToLiveSecs;
    router.defaultTtlSecs = ttl === undefined || ttl === 0 ? DEFAULT_MESSAGE_TTL_SECS : ttl;
    if (deployment.storeAndForward?.maxSizeBytes !== undefined) upstream.setMaxSize(deployment.storeAndForward.maxSizeBytes);
    const { added, removed } = identities.sync(deployment.modules);
    for (const moduleId of removed) {
      clientOf(moduleId)?.close();
      inputs.forget(moduleId);
      sessions.forget(`${options.deviceId}/${moduleId}`);
    }
    twins.forget(removed);
    const desired = new Map<string, JsonObject>(deployment.modules.map((m) => [m, deployment.moduleTwins?.[m] ?? {}]));
    const patches = twins.setDesired(desired);
    for (const [moduleId, patch] of patches) {
      const client = clientOf(moduleId);
      if (hasFilter(client, desiredFilter)) protocol.reply(client, desiredPatchTopic(Number(patch['$version'])), JSON.stringify(patch));
    }
    for (const error of errors) log({ level: 'error', event: 'route-invalid', message: `route ${error.name}: ${error.message}` });
    log({ level: 'info', event: 'deployment-applied', message: `${routes.length} routes, ${deployment.modules.length} modules` });
    return { routes: routes.length, routeErrors: errors, addedModules: added, removedModules: removed, desiredPatched: [...patches.keys()] };
  };

  const invokeMethod = async (moduleId: string, method: string, payload: unknown, timeoutMs = DEFAULT_METHOD_TIMEOUT_MS) => {
    const client = clientOf(moduleId);
    if (!hasFilter(client, methodFilter)) {
      throw new EdgeError({
        code: 'HUB_MODULE_NOT_CONNECTED',
        message: `module ${moduleId} is not connected to the hub or does not take direct methods`,
        hint: 'check the module with `edgectl status` and `edgectl logs <module>`; it must call onMethod()',
      });
    }
    const call = methods.start(moduleId, method, timeoutMs);
    // No payload is sent as JSON null: an empty body makes the Node SDK answer 400 by itself (G6).
    protocol.reply(client, methodRequestTopic(method, call.rid), JSON.stringify(payload ?? null));
    return call.result;
  };

  const status = (): HubStatus => {
    const pending = inputs.sizes();
    return {
      listening: { host: options.listen.host, port },
      modules: identities.modules().map((id) => {
        const client = clientOf(id);
        return {
          id,
          connected: client?.connected === true,
          pendingInputs: pending[id] ?? 0,
          listens: {
            inputs: client !== undefined && client.connected && receivesInputs({ deviceId: options.deviceId, moduleId: id }, clientFilters(client)),
            desired: hasFilter(client, desiredFilter),
            methods: hasFilter(client, methodFilter),
          },
        };
      }),
      routes: router.routes.length,
      routeErrors,
      upstream: upstream.status(),
      dropped: { inputExpired: inputs.droppedExpired, inputQueueFull: inputs.droppedFull },
      refusals: protocol.refusals,
      routedMessages: router.routed,
    };
  };

  const close = async (): Promise<void> => {
    clearInterval(sweeper);
    // Stop accepting first; the server's close completes only once the broker has closed every client.
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await serverClosed;
    upstream.close();
  };

  return {
    port,
    caFile: tls.caFile,
    applyDeployment,
    moduleEnvironment(moduleId, envOptions = {}) {
      const key = identities.get(moduleId);
      if (key === undefined) {
        throw new EdgeError({ code: 'HUB_UNKNOWN_MODULE', message: `module ${moduleId} has no hub identity`, hint: 'apply a deployment that lists the module first' });
      }
      const env = moduleEnvironment({
        iotHubHostName,
        gatewayHostName: envOptions.gatewayHostName ?? options.hostName,
        deviceId: options.deviceId,
        moduleId,
        sharedAccessKey: key.primaryKey,
        generationId: key.generationId,
        caPath: envOptions.caPathInContainer ?? tls.caFile,
      });
      return { env, caFile: tls.caFile };
    },
    getTwin(moduleId) {
      const twin = twins.get(moduleId);
      return { desired: { ...twin.desired, $version: twin.desiredVersion }, reported: { ...twin.reported, $version: twin.reportedVersion } };
    },
    invokeMethod,
    readUpstream: (readOptions = {}) => upstream.read(readOptions),
    subscribeUpstream: (listener) => upstream.subscribe(listener),
    ackUpstream: (seq) => upstream.ack(seq),
    status,
    close,
  };
}
