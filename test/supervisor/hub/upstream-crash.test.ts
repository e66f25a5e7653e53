/**
 * `$upstream` messages survive a kill -9 of the hub within their lifetime; expired ones are dropped and
 * counted. The hub runs as a child process; the module is the real SDK, and each message it sent was
 * acknowledged (PUBACK) before the kill.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startHub } from '../../../src/supervisor/hub/hub.js';
import { spawnModule } from './hub-fixture.js';

const hubScript = fileURLToPath(new URL('./fixtures/hub-process.js', import.meta.url));

t.test('upstream store after kill -9', async (t) => {
  const stateDir = mkdtempSync(join(tmpdir(), 'edgectl-hub-crash-'));
  t.teardown(() => rmSync(stateDir, { recursive: true, force: true }));
  const deployment = {
    modules: ['A'],
    routes: {
      keep: { route: 'FROM /messages/modules/A/outputs/keep INTO $upstream', priority: 0, timeToLiveSecs: 3600 },
      short: { route: 'FROM /messages/modules/A/outputs/short INTO $upstream', priority: 1, timeToLiveSecs: 5 },
    },
    storeAndForward: { timeToLiveSecs: 7200 },
  };
  const hubProcess = spawn(process.execPath, [hubScript, stateDir, JSON.stringify(deployment), 'A'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const hubExited = new Promise((resolve) => hubProcess.on('exit', resolve));
  t.teardown(() => hubProcess.kill('SIGKILL'));
  const ready = await new Promise<{ port: number; env: Record<string, string> }>((resolve) =>
    createInterface({ input: hubProcess.stdout }).once('line', (line) => resolve(JSON.parse(line) as { port: number; env: Record<string, string> })),
  );

  const a = spawnModule('A', ready.env);
  t.teardown(() => a.kill());
  await a.next((e) => e.event === 'open');
  for (let i = 0; i < 20; i++) a.send({ op: 'send', output: 'keep', body: `keep-${i}`, properties: { n: String(i) } });
  for (let i = 0; i < 5; i++) a.send({ op: 'send', output: 'short', body: `short-${i}` });
  await a.next(() => a.events.filter((e) => e.event === 'sent').length === 25, 30_000, '25 acknowledged sends');
  a.kill();
  hubProcess.kill('SIGKILL');
  await hubExited;

  // The restarted hub runs 60 s in the future: the 5-second messages have expired, the hour-long ones not.
  const hub = await startHub({ stateDir, deviceId: 'dev1', hostName: 'localhost', listen: { host: '127.0.0.1', port: 0 }, now: () => Date.now() + 60_000 });
  const kept = hub.readUpstream();
  t.same(kept.map((m) => m.body.toString()).sort(), Array.from({ length: 20 }, (_, i) => `keep-${i}`).sort(), 'every acknowledged message within its lifetime is there');
  t.match(kept[0], { module: 'A', systemProperties: { connectionModuleId: 'A', outputName: 'keep' } });
  t.equal(hub.status().upstream.droppedExpired, 5, 'the expired ones are dropped and counted');
  t.equal(hub.readUpstream({ count: 3 }).length, 3, 'count limits the read to the newest');
  t.equal(hub.readUpstream({ module: 'other' }).length, 0, 'module filters');
  await hub.close();

  const again = await startHub({ stateDir, deviceId: 'dev1', hostName: 'localhost', listen: { host: '127.0.0.1', port: 0 }, now: () => Date.now() + 60_000 });
  t.teardown(() => again.close());
  t.equal(again.readUpstream().length, 20, 'a second restart keeps them');
  t.equal(again.status().upstream.droppedExpired, 5, 'and does not count the expired ones twice');
});
