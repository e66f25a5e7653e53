import t from 'tap';
import { allowedSubscriptions, classifyPublish, inputTopic, receivesInputs } from '../../../src/core/hub/module-topics.js';

const me = { deviceId: 'dev1', moduleId: 'A' };

const publishes: [string, Record<string, unknown>][] = [
  ['devices/dev1/modules/A/messages/events/', { kind: 'telemetry', bag: '' }],
  ['devices/dev1/modules/A/messages/events', { kind: 'telemetry', bag: '' }],
  ['devices/dev1/modules/A/messages/events/k=v', { kind: 'telemetry', bag: 'k=v' }],
  ['devices/dev1/modules/A/messages/events/%24.on=o&k=v/', { kind: 'telemetry', bag: '%24.on=o&k=v' }],
  ['$iothub/twin/GET/?$rid=42', { kind: 'twin-get', rid: '42' }],
  ['$iothub/twin/PATCH/properties/reported/?$rid=7', { kind: 'twin-reported', rid: '7' }],
  ['$iothub/methods/res/200/?$rid=5', { kind: 'method-response', status: 200, rid: '5' }],
  ['$iothub/twin/GET/', { kind: 'refused' }],
  ['$iothub/twin/GET/?$rid=', { kind: 'refused' }],
  ['devices/dev1/modules/B/messages/events/', { kind: 'refused', reason: 'topic of another identity' }],
  ['devices/dev1/modules/B/inputs/input1/x=y', { kind: 'refused' }],
  ['devices/dev1/modules/AB/messages/events/', { kind: 'refused' }],
  ['devices/dev1/messages/events/', { kind: 'refused' }],
  ['$iothub/twin/PATCH/properties/desired/?$version=3', { kind: 'refused' }],
  ['$iothub/methods/POST/reset/?$rid=1', { kind: 'refused' }],
  ['anything/else', { kind: 'refused' }],
];
for (const [topic, want] of publishes) t.test(`publish ${topic}`, async (t) => t.match(classifyPublish(me, topic), want));

t.test('subscriptions: own inputs, twin and methods only', async (t) => {
  const allowed = allowedSubscriptions(me);
  for (const ok of ['devices/dev1/modules/A/inputs/#', 'devices/dev1/modules/A/#', '$iothub/twin/res/#', '$iothub/twin/PATCH/properties/desired/#', '$iothub/methods/POST/#']) t.ok(allowed.has(ok), ok);
  for (const no of ['#', 'devices/#', 'devices/dev1/modules/B/inputs/#', 'devices/dev1/modules/+/inputs/#', '$iothub/methods/res/#', '$SYS/#']) t.notOk(allowed.has(no), no);
});

t.test('input topics always end in a bag segment the SDK accepts', async (t) => {
  t.equal(inputTopic(me, 'input1', '%24.cdid=dev1'), 'devices/dev1/modules/A/inputs/input1/%24.cdid=dev1');
  t.ok(receivesInputs(me, ['$iothub/twin/res/#', 'devices/dev1/modules/A/#']));
  t.notOk(receivesInputs(me, ['$iothub/methods/POST/#']));
});
