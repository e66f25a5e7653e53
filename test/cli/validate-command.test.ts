/** runValidate with fakes: reading, exit decision (--strict), and the text rendering. */
import t from 'tap';
import { renderValidateText, runValidate } from '../../src/cli/commands/validate.js';
import { renderDiagnostic } from '../../src/cli/render-diagnostics.js';
import { PLAIN_STYLE } from '../../src/cli/style.js';
import { usageError } from '../../src/core/errors.js';
import { validateDocument } from '../../src/core/manifest/validate-deployment.js';

const files: Record<string, string> = {
  'ok.json': '{"x": 1}',
  'dup.json': '{\n  "modulesContent": {},\n  "modulesContent": {}\n}',
};
const deps = {
  readFile: (path: string) => { const text = files[path]; if (text === undefined) throw usageError('FILE_NOT_FOUND', `${path} does not exist`); return text; },
  validate: validateDocument,
};
const base = { strict: false, maxBytes: 1024, kind: 'auto' as const, layered: false };

t.test('errors make the result fail; counts per file', async (t) => {
  const { result } = runValidate({ ...base, files: ['dup.json'] }, deps);
  t.equal(result.ok, false);
  t.ok(result.errors >= 1);
  t.equal(result.files[0]?.file, 'dup.json');
  t.ok(result.diagnostics.some((d) => d.code === 'DUPLICATE_KEY' && d.line === 3 && d.column === 3));
});

t.test('an unreadable file stops the run before any validation (exit 2 upstream)', async (t) => {
  t.throws(() => runValidate({ ...base, files: ['dup.json', 'missing.json'] }, deps), { code: 'FILE_NOT_FOUND' });
});

t.test('--strict turns warnings into failure', async (t) => {
  const warningOnly = { ...deps, validate: () => ({ kind: 'deployment' as const, diagnostics: [{ severity: 'warning' as const, code: 'W', message: 'w', file: 'ok.json', line: 1, column: 1, endLine: 1, endColumn: 2, pointer: '' }] }) };
  t.equal(runValidate({ ...base, files: ['ok.json'] }, warningOnly).result.ok, true);
  t.equal(runValidate({ ...base, strict: true, files: ['ok.json'] }, warningOnly).result.ok, false);
});

t.test('text rendering: location, code, source line, caret, hint, summary', async (t) => {
  const { result, sources } = runValidate({ ...base, files: ['dup.json'] }, deps);
  const text = renderValidateText(result, sources, PLAIN_STYLE, renderDiagnostic);
  t.match(text, /^dup\.json:3:3: error\[DUPLICATE_KEY\]: duplicate key "modulesContent"/m);
  t.match(text, /^3 \| {3}"modulesContent": \{\}$/m);
  t.match(text, /^ {2}\| {3}\^{16}$/m);
  t.match(text, /hint: merge the two entries/);
  t.match(text, /\d+ errors?, \d+ warnings? in 1 file/);
});
