import t, { type Test } from 'tap';
import { runNewModule, type NewModuleOptions } from '../../src/cli/commands/new-module.js';
import { runNewSolution } from '../../src/cli/commands/new-solution.js';
import type { ScaffoldDeps } from '../../src/cli/commands/scaffold-deps.js';
import type { Prompter } from '../../src/adapters/prompts.js';
import type { ScaffoldWrite } from '../../src/adapters/scaffold-writer.js';
import { EdgeError } from '../../src/core/errors.js';

const TEMPLATE = '{\n  "modulesContent": {\n    "$edgeAgent": {\n      "properties.desired": {\n        "modules": {}\n      }\n    },\n    "$edgeHub": {\n      "properties.desired": {\n        "routes": {}\n      }\n    }\n  }\n}\n';

function fakeDeps(overrides: Partial<ScaffoldDeps> = {}): ScaffoldDeps & { applied: ScaffoldWrite[] } {
  const applied: ScaffoldWrite[] = [];
  return {
    applied,
    readTemplate: async (name) => [{ path: 'main.{{moduleName}}', content: `${name} {{moduleName}} {{repository}}` }, { path: '_gitignore', content: 'x' }],
    readText: async (path) => (path.endsWith('deployment.template.json') || path.endsWith('deployment.debug.template.json') ? TEMPLATE : undefined),
    exists: async () => false,
    isEmptyDirectory: async () => false,
    apply: async (write) => { applied.push(write); },
    ...overrides,
  };
}

const options = (extra: Partial<NewModuleOptions> = {}): NewModuleOptions => ({ dir: 'modules', force: false, dryRun: false, root: '/solution', ...extra });

async function usageCode(t: Test, promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    t.fail('expected a usage error');
    return undefined;
  } catch (error) {
    t.type(error, EdgeError);
    t.equal((error as EdgeError).exitCode, 2, 'exit 2');
    return (error as EdgeError).code;
  }
}

t.test('creates the module and edits both templates', async (t) => {
  const deps = fakeDeps();
  const result = await runNewModule(options({ name: 'filter', lang: 'python' }), deps);
  t.same(result.files, ['modules/filter/.gitignore', 'modules/filter/main.filter']);
  t.same(result.edited.map((e) => e.file), ['deployment.template.json', 'deployment.debug.template.json']);
  t.equal(result.repository, 'localhost:5000/filter');
  t.equal(deps.applied.length, 1);
  t.equal(deps.applied[0]?.destination, '/solution/modules/filter');
  t.same(deps.applied[0]?.edits.map((e) => e.path), ['/solution/deployment.template.json', '/solution/deployment.debug.template.json']);
  t.match(deps.applied[0]?.files.find((f) => f.path === 'main.filter')?.content, 'python filter localhost:5000/filter');
});

t.test('--dry-run plans and writes nothing', async (t) => {
  const deps = fakeDeps();
  const result = await runNewModule(options({ name: 'filter', lang: 'node', dryRun: true }), deps);
  t.equal(result.dryRun, true);
  t.equal(result.files.length, 2);
  t.equal(deps.applied.length, 0);
});

t.test('without a TTY a missing value is a usage error naming the flag', async (t) => {
  t.equal(await usageCode(t, runNewModule(options({ name: 'filter' }), fakeDeps())), 'MISSING_OPTION');
  t.equal(await usageCode(t, runNewModule(options({ lang: 'node' }), fakeDeps())), 'MISSING_ARGUMENT');
  await runNewModule(options({ name: 'filter' }), fakeDeps()).catch((error: EdgeError) => t.match(error.hint, /--lang/));
});

t.test('hostile names, languages, repositories and dirs: exit 2 and nothing applied', async (t) => {
  const deps = fakeDeps();
  for (const name of ['../escape', '/abs', 'a;touch x', '$(touch x)', 'with space']) {
    t.equal(await usageCode(t, runNewModule(options({ name, lang: 'node' }), deps)), 'INVALID_MODULE_NAME', name);
  }
  t.equal(await usageCode(t, runNewModule(options({ name: 'f', lang: 'rust' }), deps)), 'INVALID_LANGUAGE');
  t.equal(await usageCode(t, runNewModule(options({ name: 'f', lang: 'node', repository: 'UPPER/x' }), deps)), 'INVALID_REPOSITORY');
  t.equal(await usageCode(t, runNewModule(options({ name: 'f', lang: 'node', dir: '../out' }), deps)), 'INVALID_DIR');
  t.equal(await usageCode(t, runNewModule(options({ name: 'f', lang: 'node', dir: '/tmp' }), deps)), 'INVALID_DIR');
  t.equal(deps.applied.length, 0);
});

t.test('an existing module folder needs --force', async (t) => {
  const deps = fakeDeps({ exists: async () => true });
  t.equal(await usageCode(t, runNewModule(options({ name: 'filter', lang: 'node' }), deps)), 'MODULE_EXISTS');
  await runNewModule(options({ name: 'filter', lang: 'node', force: true }), deps);
  t.equal(deps.applied[0]?.replace, true);
});

t.test('a broken deployment template is a usage error, nothing applied', async (t) => {
  const deps = fakeDeps({ readText: async () => '{ "modulesContent": ' });
  t.equal(await usageCode(t, runNewModule(options({ name: 'filter', lang: 'node' }), deps)), 'TEMPLATE_INVALID_JSON');
  t.equal(deps.applied.length, 0);
});

t.test('no deployment template: the module is created with a warning', async (t) => {
  const result = await runNewModule(options({ name: 'filter', lang: 'node' }), fakeDeps({ readText: async () => undefined }));
  t.same(result.edited, []);
  t.match(result.warnings[0], /not registered/);
});

t.test('on a TTY the missing values are asked for, with defaults', async (t) => {
  const asked: string[] = [];
  const prompter: Prompter = {
    input: async (q) => { asked.push(q.message); t.equal(q.validate?.('bad name'), q.validate?.('bad name')); return q.default ?? ''; },
    select: async <T extends string>(q: { message: string; default?: T }) => { asked.push(q.message); return q.default as T; },
  };
  const result = await runNewModule(options(), fakeDeps({ prompter }));
  t.same(asked, ['Language', 'Module name', 'Image repository']);
  t.equal(result.module, 'filtermodule');
  t.equal(result.language, 'node');
});

t.test('a cancelled prompt propagates (run-cli maps it to exit 130) and nothing is applied', async (t) => {
  const cancelled = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
  const deps = fakeDeps({ prompter: { input: async () => { throw cancelled; }, select: async () => { throw cancelled; } } });
  await t.rejects(runNewModule(options(), deps), { name: 'ExitPromptError' });
  t.equal(deps.applied.length, 0);
});

t.test('new solution: a missing folder without a TTY is a usage error; --lang needs --module', async (t) => {
  const deps = fakeDeps();
  t.equal(await usageCode(t, runNewSolution({ dryRun: false, cwd: '/w' }, deps)), 'MISSING_ARGUMENT');
  t.equal(await usageCode(t, runNewSolution({ dir: 's', lang: 'node', dryRun: false, cwd: '/w' }, deps)), 'MISSING_ARGUMENT');
  t.equal(await usageCode(t, runNewSolution({ dir: 's', module: 'a;b', lang: 'node', dryRun: false, cwd: '/w' }, deps)), 'INVALID_MODULE_NAME');
  t.equal(await usageCode(t, runNewSolution({ dir: 's', dryRun: false, cwd: '/w' }, fakeDeps({ exists: async () => true }))), 'TARGET_EXISTS');
  t.equal(deps.applied.length, 0);
});
