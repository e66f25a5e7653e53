/** The positional JSON parser: values equal JSON.parse's, positions and duplicates are right, errors are located. */
import t from 'tap';
import { parseJsonWithPositions } from '../../../src/core/json/json-parse.js';
import { LineIndex } from '../../../src/core/json/line-index.js';
import { joinPointer, pointerAt, splitPointer, valueAt } from '../../../src/core/json/json-pointer.js';

const sameAsJsonParse = ['{}', '[]', '0', '-1.5e3', '"a\\u00e9\\n"', 'true', 'null', '{"a":[1,{"b":"c"}],"d":{}}', ' \n\t{"x" : [ ] } ', '"\\ud83d\\ude00"', '{"a/b":{"~":1}}'];
for (const text of sameAsJsonParse) {
  t.test(`parses ${JSON.stringify(text)} like JSON.parse`, async (t) => {
    const result = parseJsonWithPositions(text);
    t.ok(result.ok);
    if (result.ok) t.same(result.value, JSON.parse(text));
  });
}

const syntaxErrors: [string, RegExp, number][] = [
  ['', /empty/, 0],
  ['{', /property name/, 1],
  ['{"a" 1}', /expected ':'/, 5],
  ['{"a":1,}', /trailing comma/, 7],
  ['[1,]', /trailing comma/, 3],
  ['[1 2]', /expected ','/, 3],
  ['"abc', /unterminated/, 0],
  ['"a\nb"', /control character/, 2],
  ['{"a":01}', /expected ','/, 6],
  ['{"a":tru}', /expected a value/, 5],
  ['{} x', /after the end/, 3],
  ['{"a":"\\x"}', /escape/, 5],
  ['[${X}]', /expected a value/, 1],
];
for (const [text, message, offset] of syntaxErrors) {
  t.test(`rejects ${JSON.stringify(text)}`, async (t) => {
    const result = parseJsonWithPositions(text);
    t.notOk(result.ok);
    if (!result.ok) { t.match(result.error.message, message); t.equal(result.error.offset, offset); }
  });
}

t.test('spans and duplicate keys', async (t) => {
  const text = '{\n  "a": {"b": 1},\n  "a": [true, "x"]\n}';
  const result = parseJsonWithPositions(text);
  if (!result.ok) throw new Error('expected ok');
  t.same(result.value, { a: [true, 'x'] }, 'the last duplicate wins, as in JSON.parse');
  t.equal(result.duplicates.length, 1);
  t.equal(result.duplicates[0]?.pointer, '/a');
  const lines = new LineIndex(text);
  t.same(lines.locate(result.duplicates[0]?.offset ?? -1), { line: 3, column: 3 });
  t.same(lines.locate(result.duplicates[0]?.firstOffset ?? -1), { line: 2, column: 3 });
  const span = result.spans.get('/a/1');
  t.equal(text.slice(span?.start, span?.end), '"x"');
  const key = result.spans.get('/a');
  t.equal(text.slice(key?.keyStart, key?.keyEnd), '"a"');
});

t.test('bare ${X} values only when asked (templates)', async (t) => {
  const text = '{"ttl": ${TTL}}';
  t.notOk(parseJsonWithPositions(text).ok);
  const result = parseJsonWithPositions(text, { barePlaceholders: true });
  t.ok(result.ok && (result.value as { ttl: string }).ttl === '${TTL}');
});

t.test('comments only when asked (hand-edited templates)', async (t) => {
  const text = '// top\n{"a": /* why */ 1, // after\n "b": [2 /* two */]}\n/* end */';
  t.notOk(parseJsonWithPositions(text).ok, 'strict JSON has no comments');
  const result = parseJsonWithPositions(text, { comments: true });
  t.ok(result.ok);
  if (result.ok) {
    t.same(result.value, { a: 1, b: [2] });
    t.equal(text.slice(result.spans.get('/a')?.start, result.spans.get('/a')?.end), '1');
  }
  const open = parseJsonWithPositions('{"a": 1 /* never closed', { comments: true });
  t.ok(!open.ok && /unterminated/.test(open.error.message));
  t.notOk(parseJsonWithPositions('{"a": 1 / 2}', { comments: true }).ok, 'a lone slash is still an error');
});

t.test('hostile input: deep nesting, __proto__, BOM', async (t) => {
  t.notOk(parseJsonWithPositions('['.repeat(10_000)).ok, 'deep nesting is a syntax error, not a stack overflow');
  const proto = parseJsonWithPositions('{"__proto__": {"x": 1}}');
  t.ok(proto.ok && Object.hasOwn(proto.value as object, '__proto__'), '__proto__ is an own key');
  t.equal(({} as Record<string, unknown>)['x'], undefined);
  t.ok(parseJsonWithPositions('\uFEFF{}').ok);
});

t.test('JSON pointers', async (t) => {
  t.equal(joinPointer(['a/b', '~c', 0]), '/a~1b/~0c/0');
  t.same(splitPointer('/a~1b/~0c/0'), ['a/b', '~c', '0']);
  t.equal(valueAt({ 'a/b': [5] }, '/a~1b/0'), 5);
  t.equal(valueAt({ a: 1 }, '/a/b'), undefined);
});

t.test('location → pointer', async (t) => {
  const text = '{"a": {"b": [1, "xy"]}}';
  const result = parseJsonWithPositions(text);
  if (!result.ok) throw new Error('expected ok');
  t.equal(pointerAt(result.spans, text.indexOf('"xy"') + 1), '/a/b/1');
  t.equal(pointerAt(result.spans, text.indexOf('"b"')), '/a/b', 'a property name belongs to its value');
  t.equal(pointerAt(result.spans, 0), '');
  t.equal(pointerAt(result.spans, 999), undefined);
});
