/** The router's message lifetime before any deployment states one: edgeHub's default. */
import t from 'tap';
import type { HubMessage } from '../../../src/core/hub/hub-message.js';
import { compileRoutes, DEFAULT_MESSAGE_TTL_SECS } from '../../../src/core/hub/route-table.js';
import { InputQueues } from '../../../src/supervisor/hub/input-queues.js';
import { ModuleRouter } from '../../../src/supervisor/hub/module-router.js';
import type { UpstreamStore } from '../../../src/supervisor/hub/upstream-store.js';

const message: HubMessage = { body: Buffer.from('{}'), systemProperties: {}, applicationProperties: {}, source: '/messages/modules/A/outputs/out', enqueuedAt: 1_000_000 };

t.test('a route without a lifetime, before any storeAndForward: 7200 s', async (t) => {
  const appended: (number | undefined)[] = [];
  const upstream = { append: (_m: HubMessage, _from: string, expiresAt: number | undefined) => appended.push(expiresAt) } as unknown as UpstreamStore;
  const router = new ModuleRouter({ deviceId: 'dev1', upstream, inputs: new InputQueues(10, () => 0), client: () => undefined, now: () => 0 });
  router.routes = compileRoutes({ up: 'FROM /messages/* INTO $upstream' }).routes;
  router.route(message, 'A');
  t.equal(DEFAULT_MESSAGE_TTL_SECS, 7200);
  t.same(appended, [1_000_000 + 7200 * 1000]);
});
