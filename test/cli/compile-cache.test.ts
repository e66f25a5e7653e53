/**
 * The launcher's V8 code cache: named for the exact bundle, command, Node and flags; read only from
 * a private directory; any bad cache means a normal (slower) start, never a different one.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import compileCache from '../../src/cli/compile-cache.cjs';
import { runEdgectl } from '../harness/cli.js';

const sha = 'ab'.repeat(32);
const key = (command: string) => ({ bundleSha256: sha, command, execArgv: [] });

function scratch(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-v8cache-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('a cache is written 0600 in a 0700 directory and read back', async (t) => {
  const base = scratch(t);
  const cache = compileCache.openCompileCache({ XDG_CACHE_HOME: base }, key('build'));
  if (cache === undefined) throw new Error('no cache');
  t.equal(cache.read(), undefined, 'nothing yet');
  cache.write(Buffer.from('compiled'));
  t.equal(cache.read()?.toString(), 'compiled');
  t.equal(statSync(join(base, 'edgectl', 'v8')).mode & 0o777, 0o700);
  t.equal(statSync(cache.file).mode & 0o777, 0o600);
  t.match(cache.file, new RegExp(`/abababababababab-build-${process.version}-${process.arch}-[0-9a-f]{8}\\.bin$`));
});

t.test('no cache when disabled, homeless, or keyed on something that is not a sha256', async (t) => {
  const base = scratch(t);
  t.equal(compileCache.openCompileCache({ XDG_CACHE_HOME: base, NODE_DISABLE_COMPILE_CACHE: '1' }, key('build')), undefined);
  t.equal(compileCache.openCompileCache({}, key('build')), undefined);
  t.equal(compileCache.openCompileCache({ HOME: 'relative/home' }, key('build')), undefined);
  t.equal(compileCache.openCompileCache({ XDG_CACHE_HOME: base }, { ...key('build'), bundleSha256: '../../etc' }), undefined);
  t.ok(compileCache.openCompileCache({ HOME: base }, key('build'))?.file.startsWith(join(base, '.cache', 'edgectl', 'v8')), 'HOME/.cache without XDG_CACHE_HOME');
});

t.test('the command word names the file only when it looks like a command', async (t) => {
  for (const hostile of ['../x', '$(reboot)', 'a;b', '', '--help', 'A', 'x'.repeat(40)]) t.equal(compileCache.cacheCommandName(hostile), 'other', hostile);
  t.equal(compileCache.cacheCommandName('status'), 'status');
  const flagged = compileCache.openCompileCache({ XDG_CACHE_HOME: '/c' }, { ...key('build'), execArgv: ['--stack-size=2000'] });
  t.not(flagged?.file, compileCache.openCompileCache({ XDG_CACHE_HOME: '/c' }, key('build'))?.file, 'other flags, other file');
});

t.test('a directory others may write to, or a link, is never read or written', async (t) => {
  const base = scratch(t);
  const shared = join(base, 'shared');
  mkdirSync(join(shared, 'edgectl', 'v8'), { recursive: true });
  chmodSync(join(shared, 'edgectl', 'v8'), 0o777);
  const open = compileCache.openCompileCache({ XDG_CACHE_HOME: shared }, key('build'));
  writeFileSync(open?.file ?? '', 'planted');
  t.equal(open?.read(), undefined, 'a planted file in a world-writable directory is not read');
  open?.write(Buffer.from('ours'));
  t.equal(readFileSync(open?.file ?? '', 'utf8'), 'planted', 'nor overwritten');

  const linked = join(base, 'linked');
  mkdirSync(join(linked, 'edgectl'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'), { mode: 0o700 });
  symlinkSync(join(base, 'elsewhere'), join(linked, 'edgectl', 'v8'));
  t.equal(compileCache.isPrivateDirectory(join(linked, 'edgectl', 'v8')), false);
});

t.test('end to end: the first run makes the cache, later runs use it, a broken one is replaced', async (t) => {
  const base = scratch(t);
  const env = { XDG_CACHE_HOME: base };
  const first = await runEdgectl(['validate', '--help'], { env });
  t.equal(first.exitCode, 0);
  const dir = join(base, 'edgectl', 'v8');
  const files = readdirSync(dir);
  t.equal(files.length, 1);
  t.match(files[0], /-validate-/);
  const file = join(dir, files[0] ?? '');
  const made = readFileSync(file);

  const second = await runEdgectl(['validate', '--help'], { env });
  t.equal(second.stdout, first.stdout);
  t.same(readFileSync(file), made, 'an accepted cache is left as it is');

  writeFileSync(file, Buffer.alloc(made.length, 0x5a));
  const third = await runEdgectl(['validate', '--help'], { env });
  t.equal(third.exitCode, 0);
  t.equal(third.stdout, first.stdout, 'a corrupt cache changes nothing the user sees');
  t.not(readFileSync(file).readUInt8(0), 0x5a, 'and is written afresh');
});

t.test('end to end: NODE_DISABLE_COMPILE_CACHE leaves no cache behind', async (t) => {
  const base = scratch(t);
  const run = await runEdgectl(['validate', '--help'], { env: { XDG_CACHE_HOME: base, NODE_DISABLE_COMPILE_CACHE: '1' } });
  t.equal(run.exitCode, 0);
  t.notOk(existsSync(join(base, 'edgectl')));
});

t.test('writing a cache removes other builds\' caches once they are a day old, and leaves younger ones', async (t) => {
  const base = scratch(t);
  const cache = compileCache.openCompileCache({ XDG_CACHE_HOME: base }, key('build'));
  cache?.write(Buffer.from('first'));
  const dir = join(base, 'edgectl', 'v8');
  const old = join(dir, `cdcdcdcdcdcdcdcd-build-${process.version}-${process.arch}-00000000.bin`);
  const young = join(dir, `efefefefefefefef-build-${process.version}-${process.arch}-00000000.bin`);
  const deadWriter = join(dir, `x.bin.123.tmp`);
  for (const file of [old, young, deadWriter]) writeFileSync(file, 'x');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  utimesSync(deadWriter, twoDaysAgo, twoDaysAgo);
  compileCache.openCompileCache({ XDG_CACHE_HOME: base }, key('status'))?.write(Buffer.from('second'));
  t.same(readdirSync(dir).sort(), [`abababababababab-build-${process.version}-${process.arch}-${cache?.file.slice(-12, -4)}.bin`, `abababababababab-status-${process.version}-${process.arch}-${cache?.file.slice(-12, -4)}.bin`, young.slice(dir.length + 1)].sort());
});
