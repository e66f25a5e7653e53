import t from 'tap';
import { renderTemplate, restoreDotfile, substitute, TemplateVariableError, underDirectory } from '../../../src/core/scaffold/template-render.js';

t.test('substitute replaces {{name}} and nothing else', async (t) => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['{{a}}', { a: 'x' }, 'x'],
    ['pre {{a}}-{{b}} post', { a: '1', b: '2' }, 'pre 1-2 post'],
    ['{{ a }} and {a} and {{{a}}}', { a: 'x' }, '{{ a }} and {a} and {x}'],
    ['$"{{\\"machine\\":1}}"', {}, '$"{{\\"machine\\":1}}"'],
    ['no placeholders', {}, 'no placeholders'],
    ['{{a}}{{a}}', { a: '$&$1' }, '$&$1$&$1'],
  ];
  for (const [text, variables, expected] of cases) t.equal(substitute(text, variables), expected, text);
});

t.test('an unknown variable names the variable and the file', async (t) => {
  t.throws(() => substitute('x {{missing}}', {}, 'app.js'), new TemplateVariableError('missing', 'app.js'));
});

t.test('stored dotfiles get their names back, in any folder', async (t) => {
  const cases: Array<[string, string]> = [
    ['_gitignore', '.gitignore'],
    ['sub/_dockerignore', 'sub/.dockerignore'],
    ['_env', '.env'],
    ['__init__.py', '__init__.py'],
    ['tests/__init__.py', 'tests/__init__.py'],
    ['_gitignore.txt', '_gitignore.txt'],
  ];
  for (const [stored, written] of cases) t.equal(restoreDotfile(stored), written, stored);
});

t.test('renderTemplate substitutes paths and contents, sorts, keeps the executable bit', async (t) => {
  const ops = renderTemplate([
    { path: 'src/{{pkg}}/App.java', content: 'package {{pkg}};' },
    { path: '_gitignore', content: 'target/' },
    { path: 'run.sh', content: '#!/bin/sh', executable: true },
  ], { pkg: 'demo' });
  t.same(ops, [
    { kind: 'write', path: '.gitignore', content: 'target/' },
    { kind: 'write', path: 'run.sh', content: '#!/bin/sh', executable: true },
    { kind: 'write', path: 'src/demo/App.java', content: 'package demo;' },
  ]);
});

t.test('two template files that render to one path are refused', async (t) => {
  t.throws(() => renderTemplate([{ path: '_gitignore', content: '' }, { path: '.gitignore', content: '' }], {}), /two files to \.gitignore/);
});

t.test('underDirectory prefixes paths', async (t) => {
  t.same(underDirectory([{ path: 'a' }], 'modules/x/'), [{ path: 'modules/x/a' }]);
  t.same(underDirectory([{ path: 'a' }], '.'), [{ path: 'a' }]);
});
