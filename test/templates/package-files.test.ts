/**
 * What the npm package holds: every template file (dotfiles stored as _gitignore…, lock files), what the
 * two binaries load at run time, and not the compiled tests and benchmarks.
 */
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { listFiles, REPO_ROOT } from './rendered-tree.js';

t.test('npm pack includes every file under templates/', async (t) => {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  t.equal(result.status, 0, result.stderr);
  const packed = new Set((JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path));
  const templateFiles = listFiles(`${REPO_ROOT}templates`).map((f) => `templates/${f}`);
  t.ok(templateFiles.length > 80, `${templateFiles.length} template files`);
  t.same(templateFiles.filter((f) => !packed.has(f)), [], 'none left out');
  const runtime = [
    'bin/edgectl', 'bin/package.json', 'bin/edge-supervisor',
    'dist/src/cli/launcher.cjs', 'dist/src/cli/compile-cache.cjs', 'dist/src/bundle/edgectl.cjs', 'dist/src/bundle/edgectl.cjs.sha256',
    'dist/src/supervisor/edge-supervisor.bundle.mjs', 'dist/src/supervisor/edge-supervisor.bundle.mjs.sha256',
  ];
  t.same(runtime.filter((f) => !packed.has(f)), [], 'what bin/edgectl and bin/edge-supervisor load is there');
  t.same([...packed].filter((f) => f.startsWith('dist/test/') || f.startsWith('dist/bench/')), [], 'no compiled tests or benchmarks');
});
