import t from 'tap';
import { checkModuleName, checkRepository, defaultRepository } from '../../../src/core/scaffold/module-names.js';
import { LANGUAGES, type Language } from '../../../src/core/scaffold/scaffold-types.js';

const HOSTILE = ['../escape', '/abs', 'a;touch x', '$(touch x)', 'with space', '`id`', 'a/b', 'a\\b', '.hidden', 'a\nb', '', 'x'.repeat(65), '-flag', '_under', 'trailing_', 'edgeHub', 'EDGEAGENT', 'a__-b'];

t.test('hostile and malformed names are refused in every language', async (t) => {
  for (const language of LANGUAGES) {
    for (const name of HOSTILE) {
      const check = checkModuleName(name, language);
      t.equal(check.ok, false, `${language}: ${JSON.stringify(name)}`);
    }
  }
});

t.test('names valid everywhere', async (t) => {
  for (const language of LANGUAGES) {
    for (const name of ['filtermodule', 'FilterModule', 'filter_module', 'f1', 'x'.repeat(64)]) {
      t.same(checkModuleName(name, language), { ok: true }, `${language}: ${name}`);
    }
  }
});

t.test('per-language rules', async (t) => {
  const cases: Array<[string, Language, boolean]> = [
    ['filter-module', 'node', true],
    ['filter-module', 'python', false],
    ['filter-module', 'java', false],
    ['filter-module', 'csharp', false],
    ['filter-module', 'c', false],
    ['import', 'python', false],
    ['import', 'node', true],
    ['class', 'java', false],
    ['Class', 'java', false],
    ['namespace', 'csharp', false],
    ['System', 'csharp', false],
    ['main', 'c', false],
    ['int', 'c', false],
    ['int', 'python', true],
  ];
  for (const [name, language, ok] of cases) t.equal(checkModuleName(name, language).ok, ok, `${language}: ${name}`);
});

t.test('a refusal says what was wrong without raw control characters', async (t) => {
  const check = checkModuleName('a\u001b[31mred', 'node');
  t.equal(check.ok, false);
  if (!check.ok) t.notOk(check.reason.includes('\u001b'), 'no raw escape');
});

t.test('repositories', async (t) => {
  const cases: Array<[string, boolean]> = [
    ['localhost:5000/filtermodule', true],
    ['myregistry.azurecr.io/team/filter-module', true],
    ['filtermodule', true],
    ['${CONTAINER_REGISTRY_SERVER}/filtermodule', true],
    ['localhost:5000/FilterModule', false],
    ['localhost:5000/filter:1.0', false],
    ['localhost:5000/', false],
    ['../x', false],
    ['a;b', false],
    ['$(touch x)/y', false],
    ['', false],
  ];
  for (const [repository, ok] of cases) t.equal(checkRepository(repository).ok, ok, repository);
  t.equal(defaultRepository('FilterModule'), 'localhost:5000/filtermodule');
});
