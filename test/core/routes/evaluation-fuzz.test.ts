/**
 * Random well-formed conditions evaluated against random messages: evaluation never throws and
 * always answers a boolean, whatever the body (not JSON, arrays, deep objects, odd encodings).
 */
import t from 'tap';
import { evaluateCondition, parseRoute } from '../../../src/core/routes/index.js';
import type { Expression, RouteMessage } from '../../../src/core/routes/index.js';
import { seededRandom } from './fixtures/fuzz-inputs.js';

const random = seededRandom(8);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const LEAVES = ['1', '-2.5', '0x10', "'a'", '"temp"', 'true', 'false', 'null', 'undefined', 'alert', 'level', 'missing', '$connectionModuleId', '$outputName', '{$contentType}', '$body.temperature', '$body.machine.on', '$body.list[1]', '$body.deep.a.b', '$body.text'];
const UNARY = ['NOT', '-'];
const BINARY = ['*', '/', '%', '+', '-', '||', '<', '<=', '>', '>=', '=', '!=', '<>', 'AND', 'OR', '??'];
const CALLS: [string, number][] = [['abs', 1], ['as_number', 1], ['ceiling', 1], ['concat', 3], ['contains', 2], ['ends_with', 2], ['exp', 1], ['floor', 1], ['index_of', 2], ['is_bool', 1], ['is_defined', 1], ['is_null', 1], ['is_number', 1], ['is_string', 1], ['length', 1], ['lower', 1], ['power', 2], ['sign', 1], ['sqrt', 1], ['square', 1], ['starts_with', 2], ['substring', 3], ['upper', 1]];

function expression(depth: number): string {
  const roll = random();
  if (depth <= 0 || roll < 0.3) return pick(LEAVES);
  if (roll < 0.45) return `${pick(UNARY)} ${expression(depth - 1)}`;
  if (roll < 0.65) {
    const [name, arity] = pick(CALLS);
    return `${name}(${Array.from({ length: arity }, () => expression(depth - 1)).join(', ')})`;
  }
  if (roll < 0.75) return `(${expression(depth - 1)})`;
  return `${expression(depth - 1)} ${pick(BINARY)} ${expression(depth - 1)}`;
}

const encoder = new TextEncoder();
const BODIES: (Uint8Array | string)[] = [
  encoder.encode(JSON.stringify({ temperature: 21.5, machine: { on: true }, list: [1, 'two', null], deep: { a: { b: [1] } }, text: 'Hi' })),
  encoder.encode('{"temperature": "hot", "machine": null}'),
  encoder.encode('[1, 2, 3]'),
  encoder.encode('not json at all'),
  new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
  '',
  '{"text": 5}',
];

function message(): RouteMessage {
  return {
    body: pick(BODIES),
    systemProperties: random() < 0.8 ? { contentType: 'application/json', contentEncoding: pick(['utf-8', 'UTF-16', 'utf-32', 'ascii']), connectionModuleId: 'm' } : {},
    applicationProperties: random() < 0.5 ? { alert: 'yes', level: pick(['7', 'x', '']) } : {},
  };
}

t.test('5,000 random conditions × random messages: never a throw, always a boolean', async (t) => {
  let parsed = 0;
  let evaluated = 0;
  let attempts = 0;
  while (parsed < 5000 && attempts < 200_000) {
    attempts++;
    const text = expression(4);
    const result = parseRoute(`FROM /messages/* WHERE ${text} INTO $upstream`);
    if (!result.ok) continue;
    parsed++;
    const condition = result.route.condition as Expression;
    for (let i = 0; i < 3; i++) {
      try {
        const answer = evaluateCondition(condition, message());
        if (typeof answer !== 'boolean') t.fail(`${text}: answered ${String(answer)}`);
        else evaluated++;
      } catch (error) {
        t.fail(`${text}: threw ${String(error)}`);
      }
    }
  }
  t.equal(parsed, 5000, `${parsed} well-typed conditions out of ${attempts} generated`);
  t.equal(evaluated, 15000);
});
