import t from 'tap';
import type { HubMessage } from '../../../src/core/hub/hub-message.js';
import { InputQueues } from '../../../src/supervisor/hub/input-queues.js';

const message = (body: string): HubMessage => ({ body: Buffer.from(body), systemProperties: {}, applicationProperties: {}, source: '/messages/modules/A', enqueuedAt: 0 });

t.test('priority order, expiry at drain, bounded', async (t) => {
  let now = 0;
  const queues = new InputQueues(3, () => now);
  queues.push('B', { input: 'i', message: message('low'), priority: 5, expiresAt: undefined });
  queues.push('B', { input: 'i', message: message('high'), priority: 0, expiresAt: undefined });
  queues.push('B', { input: 'i', message: message('short'), priority: 0, expiresAt: 10 });
  queues.push('B', { input: 'i', message: message('low2'), priority: 5, expiresAt: undefined });
  t.equal(queues.droppedFull, 1, 'a full queue refuses a newcomer of the lowest priority');
  now = 20;
  const drained: string[] = [];
  queues.drain('B', (item) => drained.push(item.message.body.toString()));
  t.same(drained, ['high', 'low']);
  t.equal(queues.droppedExpired, 1);
  t.same(queues.sizes(), {});
});
