/** Two modules on the real Azure IoT Node SDK talk through the hub: outputs, routes, inputs. */
import t from 'tap';
import { startTestHub } from './hub-fixture.js';

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
  a.send({ op: 'send', output: 'out', body: '{"t":21}', messageId: 'm-1', correlationId: 'c/1', contentType: 'application/json', properties: { 'alert type': 'a&b=c/d' } });
  const input = await b.next((e) => e.event === 'input');
  t.equal(input['input'], 'input1');
  t.equal(input['body'], '{"t":21}');
  t.equal(input['messageId'], 'm-1');
  t.equal(input['correlationId'], 'c/1');
  t.equal(input['contentType'], 'application/json');
  t.same(input['properties'], { '$.cdid': 'dev1', '$.cmid': 'A', 'alert type': 'a&b=c/d' });
});
