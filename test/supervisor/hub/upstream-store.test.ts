import t from 'tap';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubMessage } from '../../../src/core/hub/hub-message.js';
import { sizeLimits, UpstreamStore } from '../../../src/supervisor/hub/upstream-store.js';

const message = (body: string): HubMessage => ({ body: Buffer.from(body), systemProperties: { connectionModuleId: 'A' }, applicationProperties: { k: 'v' }, source: '/messages/modules/A', enqueuedAt: 0 });

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-upstream-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'upstream');
}

t.test('bounded by size: the oldest segments go, and what they held is counted', async (t) => {
  const dir = tempDir(t);
  const store = new UpstreamStore({ dir, maxSizeBytes: 8192, now: () => 0 });
  for (let i = 0; i < 100; i++) store.append(message(`m${i}-${'x'.repeat(200)}`), 'A', undefined);
  const status = store.status();
  t.ok(status.bytes <= 8192 + 2048, `stays near the bound (${status.bytes} bytes)`);
  t.ok(status.droppedSize > 0, 'drops are counted');
  t.equal(status.messages + status.droppedSize, 100, 'every message is either kept or counted');
  const kept = store.read();
  t.match(kept.at(-1)?.body.toString(), /^m99-/, 'the newest is kept');
  t.equal(statSync(dir).mode & 0o777, 0o700, 'the store directory is owner-only');
  store.close();
});

t.test('a torn last line (a crash mid-append) is ignored, the rest is read', async (t) => {
  const dir = tempDir(t);
  const store = new UpstreamStore({ dir, maxSizeBytes: 1 << 20 });
  store.append(message('one'), 'A', undefined);
  store.append(message('two'), 'A', undefined);
  store.close();
  const segment = readdirSync(dir).find((n) => n.startsWith('segment-'));
  appendFileSync(join(dir, segment ?? ''), '{"s":3,"m":"A","t":0,"x":nu');
  const reopened = new UpstreamStore({ dir, maxSizeBytes: 1 << 20 });
  t.same(reopened.read().map((m) => m.body.toString()), ['one', 'two']);
  t.equal(reopened.append(message('three'), 'A', undefined), 3, 'sequence numbers continue');
  reopened.close();
});

t.test('ack removes what a forwarder delivered, also across restarts', async (t) => {
  const dir = tempDir(t);
  const store = new UpstreamStore({ dir, maxSizeBytes: 1 << 20 });
  const seen: number[] = [];
  store.subscribe((m) => seen.push(m.seq));
  for (const body of ['a', 'b', 'c']) store.append(message(body), 'A', undefined);
  t.same(seen, [1, 2, 3], 'subscribers see each append');
  store.ack(2);
  t.same(store.read().map((m) => m.body.toString()), ['c']);
  store.close();
  const reopened = new UpstreamStore({ dir, maxSizeBytes: 1 << 20 });
  t.same(reopened.read().map((m) => m.seq), [3]);
  t.same(reopened.read({ afterSeq: 3 }), []);
  reopened.close();
});

t.test('size limits: a bound of at least 4 KiB, segments a quarter of it within 1 KiB..4 MiB', async (t) => {
  const cases: [number, number, number][] = [
    // requested, bound, segment
    [0, 4096, 1024],
    [8192, 8192, 2048],
    [1 << 20, 1 << 20, 1 << 18],
    [256 << 20, 256 << 20, 4 << 20],
  ];
  for (const [requested, maxSizeBytes, segmentBytes] of cases) t.same(sizeLimits(requested), { maxSizeBytes, segmentBytes }, `${requested} bytes`);
});

t.test('a limit set by a deployment (setMaxSize) bounds the store as the same limit given at start does', async (t) => {
  const fill = (store: UpstreamStore): void => {
    for (let i = 0; i < 100; i++) store.append(message(`m${i}-${'x'.repeat(200)}`), 'A', undefined);
  };
  const started = new UpstreamStore({ dir: tempDir(t), maxSizeBytes: 8192, now: () => 0 });
  const changedDir = tempDir(t);
  const changed = new UpstreamStore({ dir: changedDir, maxSizeBytes: 1 << 20, now: () => 0 });
  changed.setMaxSize(8192);
  fill(started);
  fill(changed);
  t.same(changed.status(), started.status());
  t.equal(readdirSync(changedDir).filter((n) => n.startsWith('segment-')).length > 1, true, 'several segments, so the segment size changed too');
  started.close();
  changed.close();
});
