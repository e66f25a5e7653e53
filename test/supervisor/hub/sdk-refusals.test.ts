/** The hub's ACL against real SDK clients and raw MQTT clients: wrong keys and foreign topics are refused. */
import t from 'tap';
import mqtt from 'mqtt';
import { readFileSync } from 'node:fs';
import { createSasToken } from '../../../src/core/hub/sas-token.js';
import { spawnModule, startTestHub } from './hub-fixture.js';

function keyOf(env: Record<string, string>): string {
  return /SharedAccessKey=([^;]+)/.exec(env['EdgeHubConnectionString'] ?? '')?.[1] ?? '';
}

t.test('a module using another module\'s key is refused at connect', async (t) => {
  const hub = await startTestHub({ modules: ['A', 'B'], routes: {} });
  t.teardown(() => hub.cleanup());
  const envA = hub.env('A');
  const envB = hub.env('B');
  const forged = { ...envA, EdgeHubConnectionString: (envA['EdgeHubConnectionString'] ?? '').replace(keyOf(envA), keyOf(envB)) };
  const a = spawnModule('A-with-B-key', forged);
  const failed = await a.next((e) => e.event === 'open-failed' || e.event === 'open');
  t.equal(failed.event, 'open-failed');
  t.match(failed['name'], /Unauthorized/);
  t.ok(hub.logs.some((l) => l.event === 'connect-refused' && l.module === 'A'), 'the refusal is logged');
  await a.exited;
});

t.test('publishing to or subscribing on another module\'s topics is refused', async (t) => {
  const hub = await startTestHub({ modules: ['A', 'B'], routes: { all: 'FROM /messages/* INTO BrokeredEndpoint("/modules/B/inputs/input1")' } });
  t.teardown(() => hub.cleanup());
  const key = Buffer.from(keyOf(hub.env('A')), 'base64');
  const password = createSasToken('localhost/devices/dev1/modules/A', key, Math.floor(Date.now() / 1000) + 3600);
  const connect = () =>
    mqtt.connect(`mqtts://localhost:${hub.hub.port}`, {
      clientId: 'dev1/A',
      username: 'localhost/dev1/A/?api-version=2021-04-12',
      password,
      ca: readFileSync(hub.hub.caFile),
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 0,
    });

  const sub = connect();
  t.teardown(() => sub.end(true));
  await new Promise((resolve, reject) => (sub.once('connect', resolve), sub.once('error', reject)));
  // mqtt.js reports a 0x80 grant as an error but still hands over the grants.
  const granted = await new Promise<unknown>((resolve) =>
    sub.subscribe(['devices/dev1/modules/B/inputs/#', 'devices/dev1/modules/A/inputs/#'], { qos: 1 }, (_e, _g, packet) => resolve((packet as { granted?: unknown } | undefined)?.granted)),
  );
  t.same(granted, [128, 1], 'B\'s inputs refused, A\'s own granted');
  t.ok(hub.logs.some((l) => l.event === 'subscribe-refused'), 'the refused subscription is logged');

  const closed = new Promise<void>((resolve) => sub.once('close', () => resolve()));
  sub.publish('devices/dev1/modules/B/messages/events/', 'spoofed', { qos: 1 });
  await closed;
  t.ok(hub.logs.some((l) => l.event === 'publish-refused' && l.module === 'A'), 'publishing as B closes A\'s connection and is logged');
  t.equal(hub.hub.status().routedMessages, 0, 'nothing was routed');
});

t.test('a packet over the size limit closes the connection before it is buffered whole', async (t) => {
  const hub = await startTestHub({ modules: ['A'], routes: { up: 'FROM /messages/* INTO $upstream' } });
  t.teardown(() => hub.cleanup());
  const key = Buffer.from(keyOf(hub.env('A')), 'base64');
  const client = mqtt.connect(`mqtts://localhost:${hub.hub.port}`, {
    clientId: 'dev1/A',
    username: 'localhost/dev1/A/?api-version=2021-04-12',
    password: createSasToken('localhost/devices/dev1/modules/A', key, Math.floor(Date.now() / 1000) + 3600),
    ca: readFileSync(hub.hub.caFile),
    reconnectPeriod: 0,
  });
  t.teardown(() => client.end(true));
  await new Promise((resolve, reject) => (client.once('connect', resolve), client.once('error', reject)));
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.publish('devices/dev1/modules/A/messages/events/', Buffer.alloc(400 * 1024, 1), { qos: 1 });
  await closed;
  t.ok(hub.logs.some((l) => l.event === 'packet-too-large'), 'logged');
  t.equal(hub.hub.status().upstream.messages, 0, 'nothing was stored');
});
