/** Two modules on the real Azure IoT Node SDK talk through the hub: outputs, routes, inputs. */
import t from 'tap';
import { listens, startTestHub, until } from './hub-fixture.js';

t.test('sendOutputEvent on A reaches B input1 through a route, with the properties the SDK expects', async (t) => {
  const hub = await startTestHub({
    modules: ['A', 'B'],
    routes: { AtoB: 'FROM /messages/modules/A/outputs/out INTO BrokeredEndpoint("/modules/B/inputs/input1")' },
  });
  t.teardown(() => hub.cleanup());
  const a = hub.start('A');
  const b = hub.start('B');
  await Promise.all([a.next((e) => e.event === 'open'), b.next((e) => e.event === 'open')]);
  b.send({ op: 'listen-inputs' });
  await b.next((e) => e.event === 'listening');
  await until(() => listens(hub.hub, 'B', 'inputs'), 'the inputs subscription');
  a.send({ op: 'send', output: 'out', body: '{"t":21}', messageId: 'm-1', correlationId: 'c/1', contentType: 'application/json', properties: { 'alert type': 'a&b=c/d' } });
  const input = await b.next((e) => e.event === 'input');
  t.equal(input['input'], 'input1');
  t.equal(input['body'], '{"t":21}');
  t.equal(input['messageId'], 'm-1');
  t.equal(input['correlationId'], 'c/1');
  t.equal(input['contentType'], 'application/json');
  t.same(input['properties'], { '$.cdid': 'dev1', '$.cmid': 'A', 'alert type': 'a&b=c/d' });
});

t.test('WHERE decides, and a redeploy swaps routes without dropping connections', async (t) => {
  const deployment = {
    modules: ['A', 'B'],
    routes: {
      hot: 'FROM /messages/modules/A/outputs/out WHERE $body.t > 25 INTO BrokeredEndpoint("/modules/B/inputs/input1")',
      tagged: { route: "FROM /messages/modules/A/outputs/* WHERE kind = 'alert' INTO BrokeredEndpoint(\"/modules/B/inputs/input2\")", priority: 0, timeToLiveSecs: 60 },
    },
  };
  const hub = await startTestHub(deployment);
  t.teardown(() => hub.cleanup());
  const a = hub.start('A');
  const b = hub.start('B');
  await Promise.all([a.next((e) => e.event === 'open'), b.next((e) => e.event === 'open')]);
  b.send({ op: 'listen-inputs' });
  await b.next((e) => e.event === 'listening');
  const json = { contentType: 'application/json', contentEncoding: 'utf-8' };
  a.send({ op: 'send', output: 'out', body: '{"t":10}', ...json });
  await a.next((e) => e.event === 'sent' && e['body'] === '{"t":10}');
  a.send({ op: 'send', output: 'out', body: '{"t":30}', ...json });
  const hot = await b.next((e) => e.event === 'input');
  // Deliveries on one connection keep their order: had {"t":10} been routed, it would have come first.
  t.equal(hot['body'], '{"t":30}', 'only the message the WHERE accepts is routed');
  t.equal(hot['input'], 'input1');
  a.send({ op: 'send', output: 'other', body: 'x', properties: { kind: 'alert' } });
  const tagged = await b.next((e) => e.event === 'input' && e['input'] === 'input2');
  t.equal(tagged['body'], 'x', 'an application-property condition routes too');
  t.equal(b.events.filter((e) => e.event === 'input').length, 2, 'nothing else arrived');

  const applied = hub.hub.applyDeployment({ ...deployment, routes: { all: 'FROM /messages/modules/A/* INTO BrokeredEndpoint("/modules/B/inputs/input3")' } });
  t.same(applied.routeErrors, []);
  a.send({ op: 'send', output: 'out', body: '{"t":1}', ...json });
  const after = await b.next((e) => e.event === 'input' && e['input'] === 'input3');
  t.equal(after['body'], '{"t":1}', 'the new route is in force');
  t.equal(hub.logs.filter((l) => l.event === 'module-connected').length, 2, 'neither module reconnected');
  t.equal(hub.logs.filter((l) => l.event === 'module-disconnected').length, 0);
});

t.test('messages for a module that is not connected wait for it, highest priority first', async (t) => {
  const hub = await startTestHub({
    modules: ['A', 'B'],
    routes: {
      low: { route: "FROM /messages/modules/A/outputs/* WHERE level = 'low' INTO BrokeredEndpoint(\"/modules/B/inputs/input1\")", priority: 5, timeToLiveSecs: 3600 },
      high: { route: "FROM /messages/modules/A/outputs/* WHERE level = 'high' INTO BrokeredEndpoint(\"/modules/B/inputs/input1\")", priority: 0, timeToLiveSecs: 3600 },
    },
  });
  t.teardown(() => hub.cleanup());
  const a = hub.start('A');
  await a.next((e) => e.event === 'open');
  a.send({ op: 'send', output: 'o', body: 'low-1', properties: { level: 'low' } });
  a.send({ op: 'send', output: 'o', body: 'high-1', properties: { level: 'high' } });
  await a.next(() => a.events.filter((e) => e.event === 'sent').length === 2);
  t.same(hub.hub.status().modules.find((m) => m.id === 'B')?.pendingInputs, 2, 'held while B is away');
  const b = hub.start('B');
  await b.next((e) => e.event === 'open');
  b.send({ op: 'listen-inputs' });
  await b.next(() => b.events.filter((e) => e.event === 'input').length === 2);
  t.same(b.events.filter((e) => e.event === 'input').map((e) => e['body']), ['high-1', 'low-1']);
});
