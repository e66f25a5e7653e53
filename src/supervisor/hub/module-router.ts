/**
 * Where module messages go: the compiled routes of the current deployment, swapped whole on redeploy
 * (connections stay up), deliveries to module inputs (straight to the connected client, or held until
 * it subscribes) and to the `$upstream` store.
 */
import type { Client } from 'aedes';
import { formatInputBag, type HubMessage } from '../../core/hub/hub-message.js';
import { inputTopic, receivesInputs } from '../../core/hub/module-topics.js';
import { DEFAULT_MESSAGE_TTL_SECS, routeMessage, type HubRoute } from '../../core/hub/route-table.js';
import type { InputQueues} from './input-queues.js';
import { type PendingInput } from './input-queues.js';
import type { UpstreamStore } from './upstream-store.js';

export interface RouterDeps {
  deviceId: string;
  upstream: UpstreamStore;
  inputs: InputQueues;
  /** The connected client of a module, if any. */
  client(moduleId: string): Client | undefined;
  now: () => number;
}

export function clientFilters(client: Client): string[] {
  return Object.keys((client as unknown as { subscriptions: Record<string, unknown> }).subscriptions);
}

export class ModuleRouter {
  routes: readonly HubRoute[] = [];
  defaultTtlSecs = DEFAULT_MESSAGE_TTL_SECS;
  routed = 0;

  constructor(private readonly deps: RouterDeps) {}

  route(message: HubMessage, fromModule: string): void {
    for (const delivery of routeMessage(this.routes, message, this.defaultTtlSecs)) {
      this.routed++;
      if (delivery.sink.kind === 'upstream') this.deps.upstream.append(message, fromModule, delivery.expiresAt);
      else this.deliverInput(delivery.sink.module, { input: delivery.sink.input, message, priority: delivery.priority, expiresAt: delivery.expiresAt });
    }
  }

  private deliverInput(moduleId: string, item: Omit<PendingInput, 'order'>): void {
    const client = this.deps.client(moduleId);
    const identity = { deviceId: this.deps.deviceId, moduleId };
    if (client !== undefined && client.connected && receivesInputs(identity, clientFilters(client))) this.send(client, moduleId, item);
    else this.deps.inputs.push(moduleId, item);
  }

  /** The module just became able to take inputs: hand it what waited, in priority order. */
  flush(moduleId: string, client: Client): void {
    this.deps.inputs.drain(moduleId, (item) => this.send(client, moduleId, item));
  }

  private send(client: Client, moduleId: string, item: Omit<PendingInput, 'order'>): void {
    const topic = inputTopic({ deviceId: this.deps.deviceId, moduleId }, item.input, formatInputBag(item.message));
    client.publish({ cmd: 'publish', topic, payload: item.message.body, qos: 1, retain: false, dup: false }, noop);
  }
}

// aedes needs a completion callback on every client.publish.
function noop(): void {}
