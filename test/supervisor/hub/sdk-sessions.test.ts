/**
 * Persistent sessions (edgehub-mqtt.md §8.1, G2): the Node SDK never re-sends its twin subscription
 * after a reconnect, so the hub must remember it, also across a restart of the hub.
 */
import t from 'tap';
import { startHub } from '../../../src/supervisor/hub/hub.js';
import { listens, startTestHub, until } from './hub-fixture.js';

t.test('desired-property updates still arrive after the hub restarts', async (t) => {
  const deployment = { modules: ['B'], routes: { r: 'FROM /messages/* INTO BrokeredEndpoint("/modules/B/inputs/input1")' }, moduleTwins: { B: { v: 1 } } };
  const first = await startTestHub(deployment);
  const b = first.start('B');
  t.teardown(() => first.cleanup());
  await b.next((e) => e.event === 'open');
  b.send({ op: 'watch-desired' });
  await b.next((e) => e.event === 'watching');
  b.send({ op: 'listen-inputs' });
  await b.next((e) => e.event === 'listening');
  await until(() => listens(first.hub, 'B', 'desired'), 'the desired-properties subscription');
  const port = first.hub.port;
  await first.hub.close();

  const second = await startHub({ stateDir: first.stateDir, deviceId: 'dev1', hostName: 'localhost', listen: { host: '127.0.0.1', port } });
  t.teardown(() => second.close());
  second.applyDeployment(deployment);
  // The SDK reconnects on its own back-off; wait until the restored session is in force.
  await until(() => second.status().modules.some((m) => m.id === 'B' && m.connected), 'B to reconnect');
  t.ok(listens(second, 'B', 'desired'), 'its desired-properties subscription is restored, though the SDK never re-sends it');
  const patched = second.applyDeployment({ ...deployment, moduleTwins: { B: { v: 2 } } });
  t.same(patched.desiredPatched, ['B']);
  const patch = await b.next((e) => e.event === 'desired' && (e['patch'] as { v?: number }).v === 2, 20_000, 'desired patch after the restart');
  t.match(patch['patch'], { v: 2 });
});
