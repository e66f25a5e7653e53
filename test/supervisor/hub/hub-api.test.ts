/**
 * The hub's API routes over real HTTP, against a real hub and a module on the real Azure IoT Node SDK:
 * what `edgectl twin`, `edgectl invoke` and `edgectl monitor` get from the supervisor.
 */
import t from 'tap';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubApiPath, upstreamQueryString } from '../../../src/protocol/hub-api.js';
import { handleHubApi } from '../../../src/supervisor/hub/hub-api.js';
import { listens, startTestHub, until } from './hub-fixture.js';

async function call(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.once('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

t.test('twin, invoke and upstream through the API', async (t) => {
  const hub = await startTestHub({
    modules: ['A', 'B'],
    routes: { up: 'FROM /messages/modules/A/* INTO $upstream' },
    moduleTwins: { B: { threshold: 25 } },
  });
  t.teardown(() => hub.cleanup());
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://supervisor');
    handleHubApi(hub.hub, req, res, url.pathname.slice('/v1'.length), url).then((handled) => {
      if (!handled) res.writeHead(404).end();
    }, () => res.writeHead(500).end());
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => server.close());
  const port = (server.address() as AddressInfo).port;

  const a = hub.start('A');
  const b = hub.start('B');
  await Promise.all([a.next((e) => e.event === 'open'), b.next((e) => e.event === 'open')]);
  b.send({ op: 'report', patch: { state: 'ready' } });
  await b.next((e) => e.event === 'reported');
  const twin = await call(port, 'GET', HubApiPath.twin('B'));
  t.equal(twin.status, 200);
  t.match(JSON.parse(twin.text), { module: 'B', desired: { threshold: 25 }, reported: { state: 'ready' } }, 'the twin shows desired and reported');
  t.equal((await call(port, 'GET', HubApiPath.twin('nope'))).status, 404);

  b.send({ op: 'on-method', name: 'ping', status: 201, reply: { pong: true } });
  await until(() => listens(hub.hub, 'B', 'methods'), 'the methods subscription');
  const invoked = await call(port, 'POST', HubApiPath.invoke('B', 'ping'), { payload: { n: 1 }, timeoutSeconds: 20 });
  t.same(JSON.parse(invoked.text), { module: 'B', method: 'ping', status: 201, payload: { pong: true } });
  const timedOut = await call(port, 'POST', HubApiPath.invoke('B', 'missing'), { timeoutSeconds: 5 });
  t.equal(timedOut.status, 504);
  t.match(JSON.parse(timedOut.text), { error: { code: 'HUB_METHOD_TIMEOUT' } });
  t.equal((await call(port, 'POST', HubApiPath.invoke('B', 'ping'), { timeoutSeconds: 1 })).status, 400, 'timeouts below 5 s are refused');

  for (const n of [1, 2, 3]) a.send({ op: 'send', output: 'o', body: `m${n}`, properties: { n: String(n) } });
  await a.next(() => a.events.filter((e) => e.event === 'sent').length === 3);
  const stored = await call(port, 'GET', HubApiPath.upstream + upstreamQueryString({ module: 'A', count: 2 }));
  const lines = stored.text.trim().split('\n').map((l) => JSON.parse(l) as { body: string; applicationProperties: object; systemProperties: object });
  t.same(lines.map((l) => l.body), ['m2', 'm3'], 'the newest `count`, oldest first, one JSON document per line');
  t.match(lines[0], { applicationProperties: { n: '2' }, systemProperties: { connectionModuleId: 'A', outputName: 'o' } });

  const followed = call(port, 'GET', HubApiPath.upstream + upstreamQueryString({ follow: true, count: 4 }));
  a.send({ op: 'send', output: 'o', body: 'live' });
  const streamed = (await followed).text.trim().split('\n').map((l) => (JSON.parse(l) as { body: string }).body);
  t.same(streamed, ['m1', 'm2', 'm3', 'live'], 'follow prints the stored ones, then live ones, until count');
});
