import t from 'tap';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateStore } from '../../src/supervisor/state-store.js';

const deployment = (id: string) => ({ id, appliedAt: '2026-01-01T00:00:00.000Z', manifest: { id } });

t.test('commit keeps current and previous, owner-only', async (t) => {
  const dir = t.testdir();
  const store = new StateStore(dir);
  store.commit(deployment('one'), undefined);
  store.commit(deployment('two'), deployment('one'));
  const loaded = new StateStore(dir).load();
  t.equal(loaded.current?.id, 'two');
  t.equal(loaded.previous?.id, 'one');
  t.same(loaded.warnings, []);
  t.equal(statSync(join(dir, 'current-deployment.json')).mode & 0o777, 0o600);
  t.same(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp files left');
});

t.test('a corrupted current file is set aside and the previous deployment used', async (t) => {
  const dir = t.testdir();
  const store = new StateStore(dir);
  store.commit(deployment('one'), undefined);
  store.commit(deployment('two'), deployment('one'));
  const path = join(dir, 'current-deployment.json');
  writeFileSync(path, readFileSync(path, 'utf8').replace('"two"', '"tw0"'));
  const loaded = new StateStore(dir).load();
  t.equal(loaded.current?.id, 'one');
  t.match(loaded.warnings.join('\n'), /failed its checksum/);
  t.ok(readdirSync(dir).some((f) => f.includes('.corrupt-')), 'the bad file is kept for inspection');
});

t.test('a truncated file is detected too', async (t) => {
  const dir = t.testdir();
  new StateStore(dir).commit(deployment('one'), undefined);
  writeFileSync(join(dir, 'current-deployment.json'), '{"format":1,"chec');
  const loaded = new StateStore(dir).load();
  t.equal(loaded.current, undefined);
  t.equal(loaded.warnings.length, 1);
});
