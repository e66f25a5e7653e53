/** Every template file ships in the npm package, dotfiles (stored as _gitignore…) and lock files included. */
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
});
