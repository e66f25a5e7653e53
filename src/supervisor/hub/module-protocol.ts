/**
 * The module-facing side of the broker: who may connect (SAS token, username, client id), what each
 * module may publish and subscribe to (its own topics only; refusals logged), and what its publishes
 * mean: telemetry to route, twin requests, method responses (edgehub-mqtt.md §2–§7).
 */
import type { Client, PublishPacket, Subscription } from 'aedes';
import { parsePropertyBag, type HubMessage } from '../../core/hub/hub-message.js';
import { parseModuleUsername } from '../../core/hub/mqtt-username.js';
import { allowedSubscriptions, classifyPublish, twinResponseTopic, type ModuleIdentity } from '../../core/hub/module-topics.js';
import { checkSasToken } from '../../core/hub/sas-token.js';
import { isJsonObject, twinGetBody } from '../../core/hub/twin-document.js';
import type { HubLogEntry } from './hub-types.js';
import type { IdentityStore } from './identity-store.js';
import type { MethodCalls } from './method-calls.js';
import type { ModuleRouter } from './module-router.js';
import type { TwinStore } from './twin-store.js';

/** Refuse message bodies over 256 KiB, as IoT Hub and edgeHub do (§8.8). */
const MAX_BODY_BYTES = 256 * 1024;

export interface ProtocolDeps {
  deviceId: string;
  hostNames: readonly string[];
  identities: IdentityStore;
  twins: TwinStore;
  methods: MethodCalls;
  router: ModuleRouter;
  log: (entry: HubLogEntry) => void;
  now: () => number;
}

export class ModuleProtocol {
  private readonly identities = new WeakMap<Client, ModuleIdentity>();
  refusals = 0;

  constructor(private readonly deps: ProtocolDeps) {}

  identityOf(client: Client): ModuleIdentity | undefined {
    return this.identities.get(client);
  }

  private refuse(event: string, message: string, moduleId?: string): void {
    this.refusals++;
    this.deps.log({ level: 'warn', event, message, ...(moduleId === undefined ? {} : { module: moduleId }) });
  }

  authenticate = (client: Client, username: string | undefined, password: Buffer | undefined, done: (error: null, success: boolean) => void): void => {
    const parsed = parseModuleUsername(username ?? '');
    if (!parsed.ok) return this.deny(client, done, parsed.reason);
    const { deviceId, moduleId } = parsed.value;
    if (deviceId !== this.deps.deviceId) return this.deny(client, done, `device ${deviceId} is not this device`, moduleId);
    if (client.id !== `${deviceId}/${moduleId}`) return this.deny(client, done, `client id ${client.id} is not ${deviceId}/${moduleId}`, moduleId);
    const key = this.deps.identities.get(moduleId);
    if (key === undefined) return this.deny(client, done, `module ${moduleId} is not in the deployment`, moduleId);
    const check = checkSasToken(password?.toString('utf8') ?? '', {
      hostNames: this.deps.hostNames,
      deviceId,
      moduleId,
      keys: [Buffer.from(key.primaryKey, 'base64')],
      nowSeconds: Math.floor(this.deps.now() / 1000),
    });
    if (!check.ok) return this.deny(client, done, check.reason, moduleId);
    this.identities.set(client, { deviceId, moduleId });
    this.deps.log({ level: 'info', event: 'module-connected', message: `module ${moduleId} connected`, module: moduleId });
    done(null, true);
  };

  private deny(client: Client, done: (error: null, success: boolean) => void, reason: string, moduleId?: string): void {
    this.refuse('connect-refused', `connection of client ${client.id} refused: ${reason}`, moduleId);
    done(null, false);
  }

  authorizeSubscribe = (client: Client, subscription: Subscription, done: (error: null, subscription: Subscription | null) => void): void => {
    const identity = this.identities.get(client);
    if (identity !== undefined && allowedSubscriptions(identity).has(subscription.topic)) {
      done(null, { ...subscription, qos: subscription.qos > 1 ? 1 : subscription.qos });
      return;
    }
    this.refuse('subscribe-refused', `module ${identity?.moduleId ?? client.id} may not subscribe to ${subscription.topic}`, identity?.moduleId);
    done(null, null);
  };

  /** Only what the hub itself sends reaches clients: module publishes never fan out to other subscribers. */
  authorizeForward = <P extends { clientId?: string }>(_client: Client, packet: P): P | null => (packet.clientId === undefined ? packet : null);

  authorizePublish = (client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void => {
    const identity = client === null ? undefined : this.identities.get(client);
    if (client === null || identity === undefined) return done(new Error('publish from an unauthenticated client'));
    // Retained messages are never stored nor sent to modules (§8.5).
    packet.retain = false;
    if (packet.qos > 1) {
      this.refuse('publish-refused', `module ${identity.moduleId} published at QoS 2`, identity.moduleId);
      return done(new Error('QoS 2 is not supported'));
    }
    const topic = classifyPublish(identity, packet.topic);
    switch (topic.kind) {
      case 'refused':
        this.refuse('publish-refused', `module ${identity.moduleId} may not publish to ${packet.topic}: ${topic.reason}`, identity.moduleId);
        return done(new Error(topic.reason));
      case 'telemetry':
        return done(this.onTelemetry(identity, topic.bag, packet.payload));
      case 'twin-get':
        this.reply(client, twinResponseTopic(200, topic.rid), JSON.stringify(twinGetBody(this.deps.twins.get(identity.moduleId))));
        return done(null);
      case 'twin-reported':
        this.onReported(client, identity, topic.rid, packet.payload);
        return done(null);
      case 'method-response':
        this.deps.methods.complete(identity.moduleId, topic.rid, topic.status, Buffer.from(packet.payload));
        return done(null);
    }
  };

  private onTelemetry(identity: ModuleIdentity, bag: string, payload: Buffer | string): Error | null {
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    if (body.length > MAX_BODY_BYTES) {
      this.refuse('publish-refused', `module ${identity.moduleId} sent a ${body.length}-byte message (max ${MAX_BODY_BYTES})`, identity.moduleId);
      return new Error('message too large');
    }
    const { systemProperties, applicationProperties } = parsePropertyBag(bag);
    // The sender is who authenticated, whatever the bag claims.
    systemProperties['connectionDeviceId'] = identity.deviceId;
    systemProperties['connectionModuleId'] = identity.moduleId;
    const output = systemProperties['outputName'];
    const source = output === undefined ? `/messages/modules/${identity.moduleId}` : `/messages/modules/${identity.moduleId}/outputs/${output}`;
    const message: HubMessage = { body, systemProperties, applicationProperties, source, enqueuedAt: this.deps.now() };
    this.deps.router.route(message, identity.moduleId);
    return null;
  }

  private onReported(client: Client, identity: ModuleIdentity, rid: string, payload: Buffer | string): void {
    let patch: unknown;
    try {
      patch = JSON.parse(payload.toString());
    } catch {
      patch = undefined;
    }
    if (!isJsonObject(patch)) {
      // A JSON error body: an empty or non-JSON one would crash the Node SDK (G5).
      this.reply(client, twinResponseTopic(400, rid), JSON.stringify({ errorCode: 400, message: 'reported properties must be a JSON object' }));
      return;
    }
    const twin = this.deps.twins.applyReported(identity.moduleId, patch);
    this.reply(client, twinResponseTopic(204, rid, twin.reportedVersion), '');
  }

  /** Straight to this one client: every module subscribes to the same `$iothub/...` filters. */
  reply(client: Client, topic: string, body: string): void {
    client.publish({ cmd: 'publish', topic, payload: Buffer.from(body), qos: 0, retain: false, dup: false }, noop);
  }
}

// aedes needs a completion callback on every client.publish.
function noop(): void {}
