import t from 'tap';
import { evaluateCondition, evaluateExpression, parseRoute } from '../../../src/core/routes/index.js';
import type { Expression, QueryValue, RouteMessage } from '../../../src/core/routes/index.js';

const encoder = new TextEncoder();

function message(overrides: Partial<RouteMessage> = {}): RouteMessage {
  return {
    body: encoder.encode(JSON.stringify({ temperature: 30.5, machine: { pressure: 2, name: 'press-1', on: true, nothing: null }, readings: [1, 2, { unit: 'C' }], text: 'Hello' })),
    systemProperties: { connectionDeviceId: 'dev1', connectionModuleId: 'sensor', outputName: 'out1', contentType: 'application/json', contentEncoding: 'utf-8', messageId: 'm-1' },
    applicationProperties: { alert: 'yes', level: '7', 'temp-sensor': 'x', $outputName: 'shadow' },
    ...overrides,
  };
}

function condition(text: string, source = '/messages/*'): Expression {
  const result = parseRoute(`FROM ${source} WHERE ${text} INTO $upstream`);
  if (!result.ok || result.route.condition === undefined) throw new Error(`${text}: ${result.ok ? 'no condition' : result.error.message}`);
  return result.route.condition;
}

const value = (text: string, m: RouteMessage = message()): QueryValue => evaluateExpression(condition(text), m);

t.test('properties and literals evaluate to their values', async (t) => {
  const cases: [string, QueryValue][] = [
    ['alert', 'yes'],
    ['missing', undefined],
    ['$connectionDeviceId', 'dev1'],
    ['$connectionModuleId', 'sensor'],
    ['$messageId', 'm-1'],
    ['$correlationId', undefined],
    // An application property named "$outputName" wins over the system property…
    ['$outputName', 'shadow'],
    // …unless the reference is escaped.
    ['{$outputName}', 'out1'],
    ['$body.temperature', 30.5],
    ['$body.machine.name', 'press-1'],
    ['$body.machine.on', true],
    ['$body.machine.nothing', null],
    ['$body.readings[1]', 2],
    ['$body.readings[2].unit', 'C'],
    // A path that matches nothing is null in edgeHub, not undefined…
    ['$body.absent', null],
    ['$body.readings[9]', null],
    ['$body.text.length', null],
    // …while objects and arrays are not values at all.
    ['$body.machine', undefined],
    ['$body.readings', undefined],
    ["'lit'", 'lit'],
    ['0x1F', 31],
    ['undefined', undefined],
    ['null', null],
  ];
  for (const [text, want] of cases) t.equal(value(text), want, text);
});

t.test('arithmetic, concatenation and coalescing', async (t) => {
  const cases: [string, QueryValue][] = [
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 % 4', 3],
    ['1 / 4', 0.25],
    ['1 / 0', Infinity],
    ['0 / 0', undefined],
    ['- 3', -3],
    ['$body.temperature * 2', 61],
    ['$body.text + 1', undefined],
    ["alert || '!'", 'yes!'],
    ["missing || '!'", undefined],
    ["$body.text || ' world'", 'Hello world'],
    ['missing ?? alert', 'yes'],
    ['alert ?? missing', 'yes'],
    ['$body.absent ?? 1', null],
    ['$body.machine ?? 1', 1],
    ['missing ?? missing', undefined],
    ['undefined ?? undefined', undefined],
  ];
  for (const [text, want] of cases) t.equal(value(text), want, text);
});

t.test('comparisons: same-type ordering, undefined propagates', async (t) => {
  const cases: [string, QueryValue][] = [
    ["alert = 'yes'", true],
    ["alert != 'yes'", false],
    ["alert <> 'no'", true],
    ["'a' < 'b'", true],
    ["'B' < 'a'", true], // ordinal: upper case sorts first
    ["'abc' >= 'abd'", false],
    ['1 < 2', true],
    ['2 <= 2', true],
    ['true > false', true],
    ['null = null', true],
    ['null < null', false],
    ['null >= null', true],
    ['undefined = undefined', undefined],
    ["missing = 'x'", undefined],
    ["missing != 'x'", undefined],
    ['$body.temperature > 25', true],
    ['$body.temperature = 30.5', true],
    ["$body.machine.name = 'press-1'", true],
    ['$body.machine.on = true', true],
    // A $body value of another kind than the literal: unequal, never an error.
    ["$body.temperature = '30.5'", false],
    ["$body.temperature != '30.5'", true],
    ["$body.absent = 'x'", false],
    ['$body.absent = null', true],
    ['$body.machine = 1', undefined],
    ["level = '7'", true],
    ['as_number(level) > 5', true],
    ['as_number(alert) > 5', undefined],
  ];
  for (const [text, want] of cases) t.equal(value(text), want, text);
});

t.test('three-valued logic', async (t) => {
  const u = "missing = 'x'"; // undefined: a comparison with a missing property
  const cases: [string, QueryValue][] = [
    ['true AND true', true],
    ['true AND false', false],
    [`false AND ${u}`, false],
    [`${u} AND false`, false],
    [`true AND ${u}`, undefined],
    [`true OR ${u}`, true],
    [`${u} OR true`, true],
    [`false OR ${u}`, undefined],
    [`NOT (${u})`, undefined],
    ['NOT true', false],
    ['NOT null', true],
    ['true AND null', null],
    ['false AND null', null],
    ['true OR null', true],
    ['false OR null', false],
    ['null OR null', null],
    ['$body.machine.on AND true', true],
    ['$body.machine.on AND $body.temperature', undefined],
    ['NOT $body.machine.on', false],
    ['NOT $body.absent', undefined],
    ["$body.machine.on OR alert = 'yes'", true],
  ];
  for (const [text, want] of cases) t.equal(value(text), want, text);
});

t.test('every built-in at run time', async (t) => {
  const cases: [string, QueryValue][] = [
    ['abs(-2.5)', 2.5], ['abs($body.text)', undefined],
    ['exp(0)', 1],
    ['power(2, 10)', 1024], ['power(-8, 0.5)', undefined],
    ['square(3)', 9],
    ['ceiling(1.2)', 2], ['ceiling(-1.2)', -1],
    ['floor(1.8)', 1], ['floor(-1.2)', -2],
    ['sign(-3)', -1], ['sign(0)', 0], ['sign(4)', 1],
    ['sqrt(16)', 4], ['sqrt(-1)', undefined],
    ["as_number('12.5')", 12.5], ["as_number(' -3 ')", -3], ["as_number('1,000')", 1000], ["as_number('1e3')", 1000],
    ["as_number('0x10')", undefined], ["as_number('abc')", undefined], ["as_number('')", undefined], ['as_number(7)', 7],
    ['as_number($body.temperature)', 30.5], ['as_number($body.machine.on)', undefined],
    ['is_bool($body.machine.on)', true], ['is_bool(alert)', false],
    ['is_defined(alert)', true], ['is_defined(missing)', false], ['is_defined($body.absent)', true], ['is_defined($body.machine)', false],
    ['is_defined(undefined)', false], ['is_defined(null)', true],
    ['is_null($body.machine.nothing)', true], ['is_null(alert)', false], ['is_null(null)', true],
    ['is_number($body.temperature)', true], ['is_number(level)', false],
    ['is_string(level)', true], ['is_string($body.temperature)', false], ['is_string(missing)', false],
    ["concat(alert, '-', $connectionModuleId)", 'yes-sensor'], ["concat(alert, missing)", undefined], ["concat($body.text, '!')", 'Hello!'],
    ['length(alert)', 3], ["length('')", 0], ['length(missing)', undefined], ['length($body.temperature)', undefined],
    ["lower('AbC')", 'abc'], ["upper('AbC')", 'ABC'], ['upper(missing)', undefined],
    ["substring('Hello', 1)", 'ello'], ["substring('Hello', 5)", ''], ["substring('Hello', 6)", undefined], ["substring('Hello', -1)", undefined],
    ["substring('Hello', 1, 3)", 'ell'], ["substring('Hello', 1, 5)", undefined], ["substring('Hello', 5, 0)", undefined], ["substring('Hello', 0, 0)", ''],
    ["index_of('Hello', 'l')", 2], ["index_of('Hello', 'z')", -1], ["index_of(missing, 'z')", undefined],
    ["starts_with($body.text, 'He')", true], ["starts_with($body.text, 'he')", false],
    ["ends_with(alert, 's')", true], ["ends_with(alert, 'x')", false],
    ["contains($connectionModuleId, 'ens')", true], ["contains($connectionModuleId, 'x')", false], ["contains(missing, 'x')", undefined],
  ];
  for (const [text, want] of cases) t.equal(value(text), want, text);
});

t.test('a route matches only when its condition is exactly true', async (t) => {
  const cases: [string, boolean][] = [
    ["alert = 'yes'", true],
    ["alert = 'no'", false],
    ["missing = 'x'", false],
    ["NOT (missing = 'x')", false],
    ['null', false],
    ['undefined', false],
    ["NOT IS_DEFINED($connectionModuleId)", false],
    ['$body.temperature > 25 AND $body.machine.pressure < 3', true],
    ["alert", false], // a string is not true
    ['true AND null', false],
  ];
  for (const [text, want] of cases) t.equal(evaluateCondition(condition(text), message()), want, text);
  t.equal(evaluateCondition(undefined, message()), true, 'no WHERE');
});

t.test('$body is read only for application/json bodies in a supported encoding', async (t) => {
  const cases: [string, Partial<RouteMessage>, QueryValue][] = [
    ['json utf-8', {}, 30.5],
    ['upper-case headers', { contentType: 'APPLICATION/JSON', contentEncoding: 'UTF-8' }, 30.5],
    ['string body', { body: '{"temperature": 30.5}' }, 30.5],
    ['fields beat system properties', { contentType: 'text/plain' }, undefined],
    ['text/plain', { systemProperties: { contentType: 'text/plain', contentEncoding: 'utf-8' } }, undefined],
    ['json with charset suffix', { systemProperties: { contentType: 'application/json; charset=utf-8', contentEncoding: 'utf-8' } }, undefined],
    ['no encoding', { systemProperties: { contentType: 'application/json' } }, undefined],
    ['unsupported encoding', { systemProperties: { contentType: 'application/json', contentEncoding: 'latin1' } }, undefined],
    ['no content type', { systemProperties: {} }, undefined],
    ['not JSON', { body: encoder.encode('temperature=30') }, undefined],
    ['a JSON array', { body: encoder.encode('[1,2]') }, undefined],
    ['utf-16', { body: utf16('{"temperature":30.5}'), systemProperties: { contentType: 'application/json', contentEncoding: 'utf-16' } }, 30.5],
    ['utf-32', { body: utf32('{"temperature":30.5}'), systemProperties: { contentType: 'application/json', contentEncoding: 'utf-32' } }, 30.5],
  ];
  for (const [name, overrides, want] of cases) t.equal(value('$body.temperature', message(overrides)), want, name);
  // An application property literally named "$body.temperature" wins over the body, unless escaped.
  const shadowed = message({ applicationProperties: { '$body.temperature': 'app' } });
  t.equal(value('$body.temperature', shadowed), 'app');
  t.equal(value('{$body.temperature}', shadowed), 30.5);
});

t.test('the body is parsed once per message, however many routes query it', async (t) => {
  const m = message();
  let parses = 0;
  const original = JSON.parse;
  JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
    parses++;
    return original(text, reviver);
  }) as typeof JSON.parse;
  try {
    for (let i = 0; i < 50; i++) evaluateCondition(condition(`$body.temperature > ${i}`), m);
  } finally {
    JSON.parse = original;
  }
  t.equal(parses, 1);
});

t.test('twin_change_includes', async (t) => {
  const twin = message({ body: encoder.encode(JSON.stringify({ properties: { desired: { interval: 5, cleared: null, nested: { a: 1 } } } })) });
  const cases: [string, boolean][] = [
    ['twin_change_includes(properties.desired.interval)', true],
    ['twin_change_includes(properties.desired.cleared)', true],
    ['twin_change_includes(properties.desired.nested)', true],
    ['twin_change_includes(properties.desired.other)', false],
    ['twin_change_includes(properties.reported.interval)', false],
  ];
  for (const [text, want] of cases) t.equal(evaluateCondition(condition(text, '/twinChangeNotifications'), twin), want, text);
});

function utf16(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[i * 2] = code & 0xff;
    bytes[i * 2 + 1] = code >> 8;
  }
  return bytes;
}

function utf32(text: string): Uint8Array {
  const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
  const bytes = new Uint8Array(codes.length * 4);
  const view = new DataView(bytes.buffer);
  codes.forEach((code, i) => view.setUint32(i * 4, code, true));
  return bytes;
}
