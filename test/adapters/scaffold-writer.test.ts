import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { applyScaffold, temporaryPaths } from '../../src/adapters/scaffold-writer.js';
import type { WriteFileOperation } from '../../src/core/scaffold/scaffold-types.js';

const files: WriteFileOperation[] = [
  { kind: 'write', path: 'app.js', content: 'console.log(1)\n' },
  { kind: 'write', path: 'test/a.test.js', content: 'ok\n' },
  { kind: 'write', path: 'run.sh', content: '#!/bin/sh\n', executable: true },
];

function solution(): string {
  const root = mkdtempSync(join(tmpdir(), 'edgectl-writer-'));
  writeFileSync(join(root, 'deployment.template.json'), 'original\n');
  return root;
}

/** Everything under root, so a test can say "nothing else appeared". */
function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
}

t.test('writes the folder and the edits, leaving no temporary files', async (t) => {
  const root = solution();
  const destination = join(root, 'modules', 'filter');
  await applyScaffold({ destination, files, replace: false, edits: [{ kind: 'edit', path: join(root, 'deployment.template.json'), content: 'edited\n', changes: [] }] });
  t.same(tree(root), ['deployment.template.json', 'modules', 'modules/filter', 'modules/filter/app.js', 'modules/filter/run.sh', 'modules/filter/test', 'modules/filter/test/a.test.js']);
  t.equal(readFileSync(join(root, 'deployment.template.json'), 'utf8'), 'edited\n');
  t.equal(statSync(join(destination, 'run.sh')).mode & 0o777, 0o755);
  t.equal(statSync(join(destination, 'app.js')).mode & 0o777, 0o644);
  t.equal(temporaryPaths.size, 0);
});

t.test('a failure after the folder was placed undoes everything', async (t) => {
  const root = solution();
  const destination = join(root, 'modules', 'filter');
  const edits = [
    { kind: 'edit' as const, path: join(root, 'deployment.template.json'), content: 'edited\n', changes: [] },
    // Vanishes between planning and applying: its rename fails after the first edit went in.
    { kind: 'edit' as const, path: join(root, 'deployment.debug.template.json'), content: 'edited\n', changes: [] },
  ];
  await t.rejects(applyScaffold({ destination, files, replace: false, edits }), { code: 'WRITE_FAILED' });
  t.same(tree(root), ['deployment.template.json'], 'no module folder, no modules/ parent, no temporary files');
  t.equal(readFileSync(join(root, 'deployment.template.json'), 'utf8'), 'original\n', 'the first edit was rolled back');
});

t.test('replace swaps an existing folder; an empty folder is filled', async (t) => {
  const root = solution();
  const destination = join(root, 'm');
  mkdirSync(destination);
  writeFileSync(join(destination, 'old.txt'), 'old');
  await t.rejects(applyScaffold({ destination, files, replace: false, edits: [] }), { code: 'TARGET_EXISTS' });
  t.ok(existsSync(join(destination, 'old.txt')), 'kept when not replacing');
  await applyScaffold({ destination, files, replace: true, edits: [] });
  t.notOk(existsSync(join(destination, 'old.txt')));
  t.ok(existsSync(join(destination, 'app.js')));
  t.same(readdirSync(root).sort(), ['deployment.template.json', 'm'], 'the backup is gone');

  const empty = join(root, 'empty');
  mkdirSync(empty);
  await applyScaffold({ destination: empty, files, replace: false, edits: [] });
  t.same(readdirSync(empty).sort(), ['app.js', 'run.sh', 'test']);
});
