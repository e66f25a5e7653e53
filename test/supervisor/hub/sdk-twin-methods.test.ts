/** Twins and direct methods between the hub and a module on the real Azure IoT Node SDK. */
import t from 'tap';
import { listens, startTestHub, until } from './hub-fixture.js';

t.test('desired properties from the deployment, their updates, and reported properties', async (t) => {
  const deployment = { modules: ['B'], routes: {}, moduleTwins: { B: { threshold: 25, nested: { a: 1, b: 2 } } } };
  const hub = await startTestHub(deployment);
  t.teardown(() => hub.cleanup());
  const b = hub.start('B');
  await b.next((e) => e.event === 'open');
  b.send({ op: 'watch-desired' });
  await b.next((e) => e.event === 'watching');
  b.send({ op: 'get-twin' });
  const twin = await b.next((e) => e.event === 'twin');
  await until(() => listens(hub.hub, 'B', 'desired'), 'the desired-properties subscription');
  t.match(twin['desired'], { threshold: 25, nested: { a: 1, b: 2 }, $version: 2 }, 'GET returns the deployment desired properties');

  const applied = hub.hub.applyDeployment({ ...deployment, moduleTwins: { B: { threshold: 30, nested: { a: 1 } } } });
  t.same(applied.desiredPatched, ['B']);
  const patch = await b.next((e) => e.event === 'desired' && (e['patch'] as { $version?: number }).$version === 3);
  t.match(patch['patch'], { threshold: 30, nested: { b: null }, $version: 3 }, 'the change arrives as a PATCH with deletions as null');
  t.notOk('a' in ((patch['patch'] as { nested: object }).nested), 'unchanged keys are not in the patch');

  t.same(hub.hub.applyDeployment({ ...deployment, moduleTwins: { B: { threshold: 30, nested: { a: 1 } } } }).desiredPatched, [], 'an unchanged deployment sends no patch');

  b.send({ op: 'report', patch: { status: 'ok', count: 3 } });
  await b.next((e) => e.event === 'reported');
  t.match(hub.hub.getTwin('B').reported, { status: 'ok', count: 3 }, 'reported properties are stored');
  b.send({ op: 'report', patch: { count: null } });
  await b.next((e) => e.event === 'reported' && b.events.filter((x) => x.event === 'reported').length === 2);
  t.notOk('count' in hub.hub.getTwin('B').reported, 'null deletes a reported property');
});

t.test('a direct method round-trip, a JSON null payload, and a timeout', async (t) => {
  const hub = await startTestHub({ modules: ['B'], routes: {} });
  t.teardown(() => hub.cleanup());
  const b = hub.start('B');
  await b.next((e) => e.event === 'open');
  await t.rejects(hub.hub.invokeMethod('B', 'reset', {}, 1000), { code: 'HUB_MODULE_NOT_CONNECTED' }, 'no method subscription yet');
  b.send({ op: 'on-method', name: 'reset', status: 200, reply: { done: true } });
  await b.next((e) => e.event === 'method-ready');
  await until(() => listens(hub.hub, 'B', 'methods'), 'the methods subscription');
  t.same(await hub.hub.invokeMethod('B', 'reset', { level: 2 }, 20_000), { status: 200, payload: { done: true } });
  t.match(await b.next((e) => e.event === 'method'), { name: 'reset', payload: { level: 2 } });
  await hub.hub.invokeMethod('B', 'reset', undefined, 20_000);
  const nullCall = await b.next((e) => e.event === 'method' && e['payload'] === null, 5000, 'method call with a null payload');
  t.equal(nullCall['payload'], null, 'no payload reaches the handler as null');
  await t.rejects(hub.hub.invokeMethod('B', 'unknownMethod', {}, 500), { code: 'HUB_METHOD_TIMEOUT' });
});
