import t from 'tap';
import type { HubMessage } from '../../../src/core/hub/hub-message.js';
import { compileRoutes, DEFAULT_ROUTE_PRIORITY, routeMessage } from '../../../src/core/hub/route-table.js';

const message = (source: string, applicationProperties: Record<string, string> = {}, body = '{}'): HubMessage => ({
  body: Buffer.from(body),
  systemProperties: { connectionDeviceId: 'dev1', connectionModuleId: 'A', contentType: 'application/json', contentEncoding: 'utf-8' },
  applicationProperties,
  source,
  enqueuedAt: 1_000_000,
});

const { routes, errors } = compileRoutes({
  toB: 'FROM /messages/modules/A/outputs/out INTO BrokeredEndpoint("/modules/B/inputs/in")',
  hot: { route: 'FROM /messages/modules/A/* WHERE $body.t > 25 INTO BrokeredEndpoint("/modules/B/inputs/in")', priority: 1, timeToLiveSecs: 10 },
  up: { route: 'FROM /messages/* INTO $upstream', priority: 3 },
  bad: 'FROM nowhere INTO $upstream',
  notAString: { priority: 1 },
});

t.test('compiling keeps good routes and names the bad ones', async (t) => {
  t.same(routes.map((r) => r.name), ['toB', 'hot', 'up']);
  t.same(errors.map((e) => e.name), ['bad', 'notAString']);
  t.equal(routes[0]?.priority, DEFAULT_ROUTE_PRIORITY);
  t.same(routes.map((r) => r.sinkKey), ['B/in', 'B/in', '$upstream'], 'each sink key is computed once, when compiling');
});

t.test('source prefixes, conditions, de-duplication per sink', async (t) => {
  const plain = routeMessage(routes, message('/messages/modules/A/outputs/out'), 7200);
  t.same(plain.map((d) => d.sink), [{ kind: 'module-input', module: 'B', input: 'in' }, { kind: 'upstream' }]);
  const hot = routeMessage(routes, message('/messages/modules/A/outputs/out', {}, '{"t":30}'), 7200);
  t.same(hot[0]?.routes, ['toB', 'hot'], 'two routes to one sink deliver once');
  t.equal(hot[0]?.priority, 1, 'at the higher priority');
  t.equal(hot[0]?.expiresAt, 1_000_000 + 7200 * 1000, 'with the longer lifetime');
  t.same(routeMessage(routes, message('/messages/modules/AB/outputs/out'), 7200).map((d) => d.sink.kind), ['upstream'], 'module AB is not module A');
});

t.test('de-duplication goes by the compiled sink key', async (t) => {
  const [toB, hot] = routes;
  if (toB === undefined || hot === undefined) throw new Error('fixture routes missing');
  const apart = [toB, { ...hot, sinkKey: 'elsewhere' }];
  t.equal(routeMessage(apart, message('/messages/modules/A/outputs/out', {}, '{"t":30}'), 7200).length, 2, 'different keys: two deliveries');
});

t.test('lifetimes: route TTL, else the store-and-forward one; negative is forever', async (t) => {
  const { routes: only } = compileRoutes({ r: { route: 'FROM /messages/* INTO $upstream', timeToLiveSecs: 10 }, s: 'FROM /messages/* INTO BrokeredEndpoint("/modules/B/inputs/in")' });
  const deliveries = routeMessage(only, message('/messages/modules/A'), -1);
  t.equal(deliveries[0]?.expiresAt, 1_000_000 + 10_000);
  t.equal(deliveries[1]?.expiresAt, undefined);
});
