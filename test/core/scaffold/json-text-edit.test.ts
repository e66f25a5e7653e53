import t from 'tap';
import { insertProperty, JsonEditError } from '../../../src/core/scaffold/json-text-edit.js';
import { JsonTextError, parseJsonText } from '../../../src/core/json/json-text.js';

t.test('inserts after the last member, indented like its siblings', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['two spaces', '{\n  "a": {\n    "x": 1\n  }\n}\n', '{\n  "a": {\n    "x": 1,\n    "k": {\n      "v": [\n        1\n      ]\n    }\n  }\n}\n'],
    ['four spaces', '{\n    "a": {\n        "x": 1\n    }\n}', '{\n    "a": {\n        "x": 1,\n        "k": {\n            "v": [\n                1\n            ]\n        }\n    }\n}'],
    ['tabs', '{\n\t"a": {\n\t\t"x": 1\n\t}\n}', '{\n\t"a": {\n\t\t"x": 1,\n\t\t"k": {\n\t\t\t"v": [\n\t\t\t\t1\n\t\t\t]\n\t\t}\n\t}\n}'],
    ['CRLF', '{\r\n  "a": {\r\n    "x": 1\r\n  }\r\n}\r\n', '{\r\n  "a": {\r\n    "x": 1,\r\n    "k": {\r\n      "v": [\r\n        1\r\n      ]\r\n    }\r\n  }\r\n}\r\n'],
    ['single-line object', '{\n  "a": { "x": 1 }\n}', '{\n  "a": { "x": 1, "k": {"v":[1]} }\n}'],
    ['empty object', '{\n  "a": {}\n}', '{\n  "a": {\n    "k": {\n      "v": [\n        1\n      ]\n    }\n  }\n}'],
    ['empty object spread over lines', '{\n  "a": {\n  }\n}', '{\n  "a": {\n    "k": {\n      "v": [\n        1\n      ]\n    }\n  }\n}'],
  ];
  for (const [name, before, after] of cases) {
    const result = insertProperty(before, '/a', 'k', { v: [1] });
    t.equal(result, after, name);
    t.same((parseJsonText(result).value as { a: { k: unknown } }).a.k, { v: [1] }, `${name}: parses back`);
  }
});

t.test('comment keys, key order, odd spacing and // comments elsewhere are untouched', async (t) => {
  const before = '{\n  "_comment": "keep me",\n  "z":   1,\n  // a note\n  "a": {\n    "_comment": "mine",   "b": 2\n  },\n  "m": [ 1,2 ]\n}\n';
  const after = insertProperty(before, '/a', 'c', 3);
  t.equal(after, '{\n  "_comment": "keep me",\n  "z":   1,\n  // a note\n  "a": {\n    "_comment": "mine",   "b": 2,\n    "c": 3\n  },\n  "m": [ 1,2 ]\n}\n');
});

t.test('keys with "." and "$", and pointer escapes', async (t) => {
  const text = '{\n  "modulesContent": {\n    "$edgeAgent": {\n      "properties.desired": {\n        "a/b": {}\n      }\n    }\n  }\n}';
  const result = insertProperty(text, '/modulesContent/$edgeAgent/properties.desired/a~1b', 'n', 'v');
  t.equal((parseJsonText(result).value as { modulesContent: { $edgeAgent: { 'properties.desired': { 'a/b': { n: unknown } } } } }).modulesContent.$edgeAgent['properties.desired']['a/b'].n, 'v');
  t.match(result, /\n {8}"a\/b": \{\n {10}"n": "v"\n {8}\}/);
});

t.test('errors', async (t) => {
  t.throws(() => insertProperty('{"a":1}', '/b', 'k', 1), JsonEditError, 'missing object');
  t.throws(() => insertProperty('{"a":1}', '/a', 'k', 1), JsonEditError, 'not an object');
  t.throws(() => insertProperty('{"a":{"k":1}}', '/a', 'k', 2), /already exists/);
  t.throws(() => insertProperty('{"a":{"k":1},}', '/a', 'j', 2), JsonTextError, 'trailing comma');
  t.throws(() => parseJsonText('{\n  "a": TTL\n}'), /line 2, column 8/);
  t.throws(() => parseJsonText('{\n  "a": 1 /* open'), /unterminated \/\* comment/);
});

t.test('the parser agrees with JSON.parse on real values', async (t) => {
  const samples = ['{"a":[1,2.5e3,-0.1,true,false,null,"\\u00e9\\n"],"b":{}}', '[]', '"x"', '{"nested":{"deep":[{"x":[[]]}]}}'];
  for (const sample of samples) t.same(parseJsonText(sample).value, JSON.parse(sample), sample);
});

t.test('a bare ${X} placeholder, as templates have, is kept and does not stop an edit', async (t) => {
  const before = '{\n  "a": {\n    "ttl": ${TTL}\n  }\n}';
  t.equal(insertProperty(before, '/a', 'k', 1), '{\n  "a": {\n    "ttl": ${TTL},\n    "k": 1\n  }\n}');
});

t.test('members are edited in the order they are written, integer-like keys included', async (t) => {
  t.equal(insertProperty('{\n  "a": {\n    "z": 1,\n    "10": 2\n  }\n}', '/a', 'k', 3), '{\n  "a": {\n    "z": 1,\n    "10": 2,\n    "k": 3\n  }\n}');
});
