import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { listBuildContext } from '../../src/adapters/build-context.js';
import { digestBuildContext } from '../../src/adapters/image-context-digest.js';

const later = () => BigInt(Date.now() + 60_000) * 1_000_000n;

function setup(teardown: (fn: () => void) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-digest-'));
  teardown(() => rmSync(dir, { recursive: true, force: true }));
  const context = join(dir, 'context');
  mkdirSync(context);
  return { context, env: { XDG_CACHE_HOME: join(dir, 'cache') } };
}

t.test('the stat cache spares unchanged files and notices every change', async (t) => {
  const { context, env } = setup((fn) => t.teardown(fn));
  writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(context, 'app.js'), 'one\n');
  writeFileSync(join(context, 'secret.txt'), 'no\n');
  writeFileSync(join(context, '.dockerignore'), 'secret.txt\n');
  const digest = (clock = later) => digestBuildContext(context, listBuildContext(context, join(context, 'Dockerfile')), env, clock);

  const first = digest();
  t.equal(first.filesHashed, 3, 'Dockerfile, .dockerignore and app.js are read once');
  t.equal(readdirSync(join(env.XDG_CACHE_HOME, 'edgectl', 'context-stamps')).length, 1, 'the cache lives in the cache folder, outside the context');
  const second = digest();
  t.same(second, { digest: first.digest, filesHashed: 0 }, 'unchanged: nothing is read again');

  writeFileSync(join(context, 'secret.txt'), 'changed, but ignored\n');
  t.same(digest(), { digest: first.digest, filesHashed: 0 }, 'an ignored file does not count');

  const before = statSync(join(context, 'app.js'));
  writeFileSync(join(context, 'app.js'), 'two\n');
  utimesSync(join(context, 'app.js'), before.atime, before.mtime);
  const rewritten = digest();
  t.equal(rewritten.filesHashed, 1, 'same size, mtime put back: ctime still gives it away');
  t.not(rewritten.digest, first.digest);

  writeFileSync(join(context, '.dockerignore'), '');
  const unignored = digest();
  t.not(unignored.digest, rewritten.digest, 'a file brought in by .dockerignore changes the digest');

  const now = () => BigInt(Date.now()) * 1_000_000n;
  writeFileSync(join(context, 'app.js'), 'three\n');
  t.equal(digest(now).filesHashed, 1, 'app.js changed');
  t.equal(digest(now).filesHashed, 4, 'files written moments ago (all of them, by this clock) are racy: hashed again rather than trusted');
  t.equal(digest(later).filesHashed, 4, 'once old enough they are remembered');
  t.equal(digest(later).filesHashed, 0);
});

t.test('a broken cache file only costs a re-read', async (t) => {
  const { context, env } = setup((fn) => t.teardown(fn));
  writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\n');
  const digest = () => digestBuildContext(context, listBuildContext(context, join(context, 'Dockerfile')), env, later);
  const first = digest();
  const dir = join(env.XDG_CACHE_HOME, 'edgectl', 'context-stamps');
  for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{"version":1,"files":');
  t.same(digest(), first);
});

t.test('the cache file is rewritten only when what it remembers changes', async (t) => {
  const { context, env } = setup((fn) => t.teardown(fn));
  writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\n');
  const digest = (clock: () => bigint) => digestBuildContext(context, listBuildContext(context, join(context, 'Dockerfile')), env, clock);
  const cacheFile = () => { const dir = join(env.XDG_CACHE_HOME, 'edgectl', 'context-stamps'); return join(dir, readdirSync(dir)[0] ?? ''); };
  digest(later);
  const written = statSync(cacheFile(), { bigint: true }).mtimeNs;
  digest(later);
  t.equal(statSync(cacheFile(), { bigint: true }).mtimeNs, written, 'nothing new to remember: not rewritten');
  writeFileSync(join(context, 'young.txt'), 'just written\n');
  const now = () => BigInt(Date.now()) * 1_000_000n;
  digest(now);
  const afterYoung = statSync(cacheFile()).ino;
  t.equal(digest(now).filesHashed, 2, 'young files are read again');
  t.equal(statSync(cacheFile()).ino, afterYoung, 'but the cache is not rewritten for them (an atomic rewrite would change the inode)');
});
