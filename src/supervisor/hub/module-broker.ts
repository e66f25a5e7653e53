/**
 * The aedes broker behind the hub's TLS listener, with the module protocol's hooks, persistent sessions
 * restored from the session store, and inputs flushed to a module as soon as it subscribes to them.
 */
import { Aedes, type Client } from 'aedes';
import { receivesInputs } from '../../core/hub/module-topics.js';
import type { HubLogEntry } from './hub-types.js';
import type { ModuleProtocol } from './module-protocol.js';
import { clientFilters, type ModuleRouter } from './module-router.js';
import type { SavedSubscription, SessionStore } from './session-store.js';

export interface ModuleBrokerDeps {
  protocol: ModuleProtocol;
  router: ModuleRouter;
  sessions: SessionStore;
  log: (entry: HubLogEntry) => void;
}

/**
 * Module publishes are consumed by the hub in authorizePublish (routed, answered) and never fan out
 * to other clients (authorizeForward). aedes would still run its publish pipeline for each one (topic
 * match, offline-queue lookup, emit); skipping it for identified clients is a third of the CPU per
 * routed message. The PUBACK has already been written by then, as aedes does for QoS 1.
 */
function skipFanOutOfModulePublishes(broker: Aedes, protocol: ModuleProtocol): void {
  type PublishFn = (packet: unknown, client?: unknown, done?: (error?: Error) => void) => void;
  const target = broker as unknown as { publish: PublishFn };
  const original = target.publish.bind(broker);
  target.publish = (packet, client, done) => {
    if (typeof client === 'object' && client !== null && protocol.identityOf(client as Client) !== undefined) {
      done?.();
      return;
    }
    original(packet, client, done);
  };
}

export async function createModuleBroker({ protocol, router, sessions, log }: ModuleBrokerDeps): Promise<Aedes> {
  const broker = new Aedes({
    authenticate: protocol.authenticate,
    authorizePublish: protocol.authorizePublish,
    authorizeSubscribe: protocol.authorizeSubscribe,
    authorizeForward: protocol.authorizeForward as never,
    // Module client ids are "<device>/<module>", longer than MQTT 3.1's 23 characters.
    maxClientsIdLength: 1024,
    concurrency: 1000,
  });
  await broker.listen();
  skipFanOutOfModulePublishes(broker, protocol);
  // Persistent sessions from before a restart: aedes restores them when the client reconnects with clean session 0.
  const persistence = (broker as unknown as { persistence: { addSubscriptions(client: { id: string }, subs: SavedSubscription[]): Promise<void> } }).persistence;
  for (const [clientId, subscriptions] of sessions.all()) await persistence.addSubscriptions({ id: clientId }, subscriptions);

  const saveSession = (client: Client): void => {
    if (client.clean) return;
    const subs = (client as unknown as { subscriptions: Record<string, { qos: number }> }).subscriptions;
    sessions.save(client.id, Object.entries(subs).map(([topic, s]) => ({ topic, qos: s.qos > 0 ? 1 : 0 })));
  };
  const flushIfReady = (client: Client): void => {
    const identity = protocol.identityOf(client);
    if (identity !== undefined && receivesInputs(identity, clientFilters(client))) router.flush(identity.moduleId, client);
  };
  broker.on('clientReady', (client) => {
    if (client.clean) sessions.forget(client.id);
    flushIfReady(client);
  });
  broker.on('subscribe', (_subs, client) => {
    saveSession(client);
    flushIfReady(client);
  });
  broker.on('unsubscribe', (_subs, client) => saveSession(client));
  broker.on('clientDisconnect', (client) => {
    const identity = protocol.identityOf(client);
    if (identity !== undefined) log({ level: 'info', event: 'module-disconnected', message: `module ${identity.moduleId} disconnected`, module: identity.moduleId });
  });
  broker.on('clientError', (client, error) => log({ level: 'warn', event: 'client-error', message: `client ${client.id}: ${error.message}` }));

  return broker;
}

/** A body may be 256 KiB (§8.8); topic and property bag get 64 KiB more before a packet is refused. */
export const MAX_PACKET_BYTES = 256 * 1024 + 64 * 1024;

/**
 * aedes buffers a packet whole, however large its header says it is; edgeHub closes the connection on a
 * packet over its limit instead. The parser reports its unconsumed bytes and the packet's announced
 * length, so a connection announcing or buffering more than MAX_PACKET_BYTES is closed at once.
 */
export function guardPacketSize(client: Client, connection: { destroy(error?: Error): void }, log: (entry: HubLogEntry) => void): void {
  const parser = (client as unknown as { _parser: { parse(buf: Buffer): number; packet?: { length?: number } } })._parser;
  const parse = parser.parse.bind(parser);
  parser.parse = (buf: Buffer): number => {
    const buffered = parse(buf);
    const announced = parser.packet?.length ?? 0;
    if (buffered > MAX_PACKET_BYTES || announced > MAX_PACKET_BYTES) {
      log({ level: 'warn', event: 'packet-too-large', message: `client ${client.id ?? '(before CONNECT)'} sent a packet of ${Math.max(buffered, announced)} bytes (max ${MAX_PACKET_BYTES}); connection closed` });
      connection.destroy(new Error('packet too large'));
    }
    return buffered;
  };
}
