import t from 'tap';
import { joinCreateOptions, parseCreateOptions } from '../../../src/core/deployment/create-options.js';

t.test('chunks are joined in order; an object is stringified', async (t) => {
  t.same(joinCreateOptions({ image: 'x', createOptions01: '"b":2}', createOptions: '{"a":1,' }), { ok: true, text: '{"a":1,"b":2}' });
  t.same(joinCreateOptions({ createOptions: { a: 1 } }), { ok: true, text: '{"a":1}' });
  t.same(joinCreateOptions({ image: 'x' }), { ok: true, text: '' });
});

t.test('a gap in the numbering is refused, like edgeAgent', async (t) => {
  const result = joinCreateOptions({ createOptions: '{', createOptions02: '}' });
  t.equal(result.ok, false);
  t.match(result.ok ? '' : result.message, /createOptions01 is missing/);
});

const parses: [string, unknown][] = [['', {}], ['  ', {}], ['null', {}], ['{"Env":["A=1"]}', { Env: ['A=1'] }]];
for (const [text, value] of parses) {
  t.test(`parse ${JSON.stringify(text)}`, async (t) => t.same(parseCreateOptions(text), { ok: true, value }));
}
for (const bad of ['[1]', '"x"', '{oops']) {
  t.test(`parse ${bad} fails`, async (t) => t.equal(parseCreateOptions(bad).ok, false));
}
