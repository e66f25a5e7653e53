/** Size-limited reads and atomic writes on a real temp directory. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { display, fileExists, readTextFile, writeTextFileAtomic } from '../../src/adapters/text-files.js';

const dir = mkdtempSync(join(tmpdir(), 'edgectl-files-'));

t.test('reads within the limit, refuses over it, names the problem', async (t) => {
  writeFileSync(join(dir, 'a.json'), '{"é": 1}');
  t.equal(readTextFile(join(dir, 'a.json')), '{"é": 1}');
  t.throws(() => readTextFile(join(dir, 'a.json'), 4), { code: 'FILE_TOO_LARGE', exitCode: 2 });
  t.throws(() => readTextFile(join(dir, 'missing.json')), { code: 'FILE_NOT_FOUND', exitCode: 2 });
  t.throws(() => readTextFile(dir), { code: 'FILE_UNREADABLE' });
  t.throws(() => readTextFile('/dev/null/x'), { code: 'FILE_UNREADABLE' });
  t.throws(() => readTextFile('a\u0000b'), { code: 'FILE_UNREADABLE' });
});

t.test('atomic write: creates directories, replaces content, leaves no temp file', async (t) => {
  const target = join(dir, 'config', 'deployment.amd64.json');
  writeTextFileAtomic(target, 'one');
  writeTextFileAtomic(target, 'two');
  t.equal(readFileSync(target, 'utf8'), 'two');
  t.same(readdirSync(join(dir, 'config')), ['deployment.amd64.json']);
  t.ok(fileExists(target));
  t.notOk(fileExists(join(dir, 'config')));
});

t.test('a failed write keeps the old file and cleans up', async (t) => {
  const blocked = join(dir, 'blocked');
  mkdirSync(join(blocked, 'out.json'), { recursive: true });
  t.throws(() => writeTextFileAtomic(join(blocked, 'out.json'), 'x'), { code: 'FILE_WRITE_FAILED' });
  t.same(readdirSync(blocked), ['out.json'], 'no temp file left behind');
});

t.test('paths with control characters are printed escaped', async (t) => {
  t.equal(display('a\nb\u001b[31m'), '"a\\nb\\u001b[31m"');
  t.equal(display('plain/path.json'), 'plain/path.json');
});
