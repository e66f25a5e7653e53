/**
 * Behaviour checked against what edgeHub's own route-compiler tests expect
 * (Azure/iotedge Routing.Core.Test query/ConditionCompilerTest.cs): the same message, the same
 * conditions, the same three-valued answers, and the same conditions refused at compile time.
 * edgeHub's answer for a whole condition is True, False or Undefined; null counts as False.
 */
import t from 'tap';
import { evaluateExpression, parseRoute } from '../../../src/core/routes/index.js';
import type { RouteMessage } from '../../../src/core/routes/index.js';

const MESSAGE: RouteMessage = {
  body: new Uint8Array(0),
  applicationProperties: { key1: 'value1', key2: '3', key3: 'VALUE3', $sys4: 'value4' },
  systemProperties: { sys1: 'sysvalue1', sys2: '4', sys3: 'SYSVALUE3', sys4: 'sysvalue4' },
};

type Answer = 'T' | 'F' | 'U';

/** edgeHub's verdict: a static null converts to False, a $body null (and anything else) to Undefined. */
function answer(condition: string, message = MESSAGE, source = '/messages/*'): Answer | string {
  const result = parseRoute(`FROM ${source} WHERE ${condition} INTO $upstream`);
  if (!result.ok) return `refused: ${result.error.message}`;
  const expression = result.route.condition;
  const value = expression === undefined ? undefined : evaluateExpression(expression, message);
  if (value === true) return 'T';
  if (value === false || (value === null && expression?.type === 'null')) return 'F';
  return 'U';
}

const ANSWERS: [string, Answer][] = [
  // literals that are not booleans
  ['3', 'U'], ['"a string"', 'U'], ["'a string'", 'U'],
  // equality and inequality
  ['3 = 3', 'T'], ['3 = 4', 'F'], ['"3" = "3"', 'T'], ["'3' = '4'", 'F'], ['true = true', 'T'], ['false = true', 'F'],
  ['key2 = "3"', 'T'], ["key2 = '3'", 'T'], ['as_number(key2) = 3', 'T'], ['as_number(key2) = 4', 'F'],
  ['is_defined(none = "4")', 'F'], ['as_number(none) = 3', 'U'], ['$sys2 = "4"', 'T'], ['as_number($sys2) = 4', 'T'],
  ['is_defined($none)', 'F'], ['as_number($none) = 3', 'U'],
  ['3 != 3', 'F'], ['3 <> 4', 'T'], ["'3' <> '3'", 'F'], ['true != false', 'T'], ['key2 != "3"', 'F'], ['none != "4"', 'U'], ['none <> "4"', 'U'],
  // logic
  ['true', 'T'], ['false', 'F'], ['not true', 'F'], ['not false', 'T'], ['not (true and false)', 'T'], ['true AND not true', 'F'],
  ['true or false', 'T'], ['false or false', 'F'],
  ['undefined', 'U'], ['undefined or false', 'U'], ['undefined or true', 'T'], ['true or undefined', 'T'], ['false or undefined', 'U'],
  ['undefined or undefined', 'U'], ['true and undefined', 'U'], ['false and undefined', 'F'], ['undefined and false', 'F'],
  ['undefined and undefined', 'U'], ['undefined < undefined', 'U'],
  ["true or none = 'true'", 'T'], ["false or none = 'true'", 'U'], ["none = 'true' or true", 'T'], ["none = 'true' or none2 = 'true'", 'U'],
  ["true and none = 'true'", 'U'], ["false and none = 'true'", 'F'], ["none = 'true' and false", 'F'], ["not (none = 'true')", 'U'],
  // coalesce
  ['undefined ?? undefined', 'U'], ['(key1 ?? "hello") = "value1"', 'T'], ['(none ?? "hello") = "hello"', 'T'],
  ['(none ?? none ?? "hello") = "hello"', 'T'], ['(as_number(key2) ?? 12.34) = 3', 'T'], ['(as_number(key1) ?? 12.34) = 12.34', 'T'],
  ['(3 % 0 ?? 12.34) = 12.34', 'T'], ['(none ?? none) = "value"', 'U'],
  // null
  ['null and null', 'F'], ['(null and null) = null', 'T'], ['(null and false) = null', 'T'], ['(null and true) = null', 'T'],
  ['null or true', 'T'], ['null or false', 'F'], ['(null or null) = null', 'T'], ['null', 'F'], ['not null', 'T'],
  // arithmetic
  ['3 + 4 = 7', 'T'], ['(3 + as_number(key2)) = 6', 'T'], ['is_defined(3 + as_number(none))', 'F'], ['is_defined(3 + as_number(key1))', 'F'],
  ['3 - 4 = -1', 'T'], ['3 * 4 = 12', 'T'], ['3 / 4 = 0.75', 'T'], ['(3 / as_number(key2)) = 1', 'T'],
  ['4 % 3 = 1', 'T'], ['(3 % as_number(key2)) = 0', 'T'], ['is_defined(3 % 0)', 'F'],
  ['-1 < 0', 'T'], ['-(3 + 4) = -7', 'T'], ['is_defined(-undefined)', 'F'],
  // ordering
  ['4 < 7', 'T'], ['7 < 7', 'F'], ['3 + 4 < 7', 'F'], ['3 < as_number(none)', 'U'], ["'a' < 'b'", 'T'], ["'b' < 'a'", 'F'], ["'a' < none", 'U'],
  ['7 <= 7', 'T'], ['3 + 4 <= 7', 'T'], ["'a' <= 'a'", 'T'], ['8 > 7', 'T'], ["'b' > 'a'", 'T'], ["'a' > none", 'U'], ['7 >= 7', 'T'], ["'a' >= 'b'", 'F'],
  // property access: case-insensitive names, $name prefers the application property, {$name} the system one
  ['key1 = "value1"', 'T'], ['KEY1 = "value1"', 'T'], ['key1 = "value2" or key1 = "value1"', 'T'], ['key2 = "value1"', 'F'],
  ['none = "value1"', 'U'], ['$sys4 = "value4"', 'T'], ['{$sys4} = "sysvalue4"', 'T'], ['$sys1 = "sysvalue1"', 'T'],
  ['{$sys1} = "sysvalue1"', 'T'], ['{ $sys1 } = "sysvalue1"', 'T'],
  // as_number
  ['as_number("3") = 3', 'T'], ['AS_NUMBER("3") = 3', 'T'], ["AS_NUMBER('10e10') = 10e10", 'T'], ["AS_NUMBER('10e1000') = 1/0", 'T'],
  ["AS_NUMBER('10000000000000000000000000') = 1e25", 'T'], ['as_number(key1) = 3', 'U'], ['as_number(key3) * 3 = 9', 'U'],
  ['as_number(as_number(4)) * 3 = 12', 'T'],
  // type tests
  ['is_bool(12.34)', 'F'], ["is_bool('x')", 'F'], ['IS_BOOL(true)', 'T'], ['is_bool(none)', 'F'], ['is_bool(key1)', 'F'],
  ['is_defined(undefined)', 'F'], ['is_defined(key1)', 'T'], ['is_defined(key4)', 'F'], ['is_defined(undefined and true)', 'F'],
  ['is_defined(as_number("apple"))', 'F'], ['is_defined(null)', 'T'], ['is_defined(10e1000)', 'T'],
  ['is_null(12.34)', 'F'], ['is_null(3 / 0)', 'F'], ['is_null(as_number(key1))', 'F'], ['is_null(null)', 'T'], ['is_null(none)', 'F'],
  ['is_number(12.34)', 'T'], ["is_number('x')", 'F'], ['is_number(3 / 0)', 'F'], ['is_number(as_number(key2))', 'T'], ['is_number(as_number(key1))', 'F'],
  ['is_string(12.34)', 'F'], ["is_string('x')", 'T'], ['is_string(none)', 'F'], ['is_string(key1)', 'T'], ["is_string('a' || 'b')", 'T'],
  // strings
  ["concat('a', 'b', 'c', 'd') = 'abcd'", 'T'], ["concat('a', 'b') = concat('a', 'b')", 'T'], ["concat('a', key1, 'd') = 'avalue1d'", 'T'],
  ["is_defined(concat('a', none, 'd'))", 'F'], ["'a' || 'b' || 'c' || 'd' = 'abcd'", 'T'], ["'a' || key1 || 'd' = 'avalue1d'", 'T'],
  ["is_defined('a' || none || 'd')", 'F'],
  ["length('HELLO') = 5", 'T'], ["LENGTH('') = 0", 'T'], ['length(key3) = 6', 'T'], ['is_defined(length(none))', 'F'],
  ["lower(key3) = 'value3'", 'T'], ["upper(key1) = 'VALUE1'", 'T'], ['is_defined(upper(none))', 'F'],
  ["substring('abc', 1) = 'bc'", 'T'], ["SUBSTRING('abc', 3) = 'c'", 'F'], ["SUBSTRING('abc', 4) = 'c'", 'U'], ["substring('abc', -1) = ''", 'U'],
  ["substring('abc', 1 % 0) = ''", 'U'], ["substring(none, 1) = 'a'", 'U'], ["substring('abc', 1, 0) = ''", 'T'], ["SUBSTRING(key1, 1, 1) = 'a'", 'T'],
  ["substring('abc', -1, 0) = ''", 'U'], ["substring('abc', 1, -2) = ''", 'U'], ["substring('hello', 0, 5) = 'hello'", 'T'], ["substring('hello', 4, 0) = ''", 'T'],
  ["index_of('abcdef', 'cd') = 2", 'T'], ["index_of('abc', 'xz') = -1", 'T'], ["index_of('lue1value1', key1) = 4", 'T'], ["index_of(none, '1') = 0", 'U'],
  ["starts_with('abc', 'ab')", 'T'], ["STARTS_WITH(key1, 'val')", 'T'], ["starts_with('abc', key1)", 'F'], ["starts_with(none, '1')", 'U'],
  ["ends_with('abc', 'bc')", 'T'], ["ENDS_WITH(key1, 'e1')", 'T'], ["ends_with(none, '1')", 'U'],
  ["contains('abc', 'ab')", 'T'], ["contains('value1value1', key1)", 'T'], ["contains(none, '1')", 'U'],
  // maths
  ['abs(-12) = 12', 'T'], ['ABS(as_number(key2)) = 3', 'T'], ['is_defined(abs(as_number(key1)))', 'F'], ['is_defined(abs(3 / 0))', 'T'], ['is_defined(abs(3 % 0))', 'F'],
  ['exp(0) = 1', 'T'], ['abs(exp(1) - 2.718281) < 1e-6', 'T'], ['exp(4000) = 3/0', 'T'],
  ['power(2, 3) = 8', 'T'], ['POWER(10, 4000) = 3/0', 'T'], ['power(as_number(key2), as_number(key2)) = 27', 'T'], ['is_defined(power(2, 3 % 0))', 'F'],
  ['square(2) = 4', 'T'], ['is_defined(square(3 / 0))', 'T'],
  ['ceiling(2.1) = 3', 'T'], ['ceiling(-2.1) = -2', 'T'], ['floor(2.1) = 2', 'T'], ['floor(-2.1) = -3', 'T'],
  ['sign(0) = 0', 'T'], ['sign(-2.1) = -1', 'T'], ['sign(3 / 0) = 1', 'T'], ['sign(-3 / 0) = -1', 'T'], ['is_defined(sign(3 % 0))', 'F'],
  ['sqrt(4) = 2', 'T'], ['SQRT(-4) = -2', 'U'], ['abs(sqrt(as_number(key2)) - 1.732050) < 1e-6', 'T'], ['is_defined(sqrt(3 / 0))', 'T'],
];

/** Conditions edgeHub refuses to compile (so a deployment carrying them fails there). */
const REFUSED = [
  'is_defined(3 + none)', 'is_defined(true + 3)', 'is_defined(3 + undefined)', "is_defined('a' + 'b')", 'is_defined(undefined + undefined)',
  'is_defined(3 - none)', 'is_defined(3 * true)', 'is_defined(3 / undefined)', "is_defined('a' % 'b')",
  'is_defined(3 = none)', 'is_defined(3 <> none)', 'is_defined(3 >= none)', 'is_defined(3 <= none.key1)',
  'key1 ?? "hello" = "value1"', '(key1 ?? 12.34)', '(12.34 ?? key1)', '(as_number(key2) ?? key1)', '(key1 ?? null)', '(null && key1)', '(key1 ?? true)', '(true && key1)',
  "concat() = 'x'", "concat('a') = 'x'", "concat(3) = 'x'", "concat('a', null) = 'x'", "concat('a', undefined) = 'x'", "concat('a', true) = 'x'",
  "'a' || null = 'x'", "'a' || undefined = 'x'", "'a' || true = 'x'",
  "length(12.34) = 'hello'", 'length(null) = 1', 'length(undefined) = 1', 'length(true) = 1',
  "lower(12.34) = 'x'", "upper(null) = 'x'",
  "substring() = 'x'", "substring('hello') = 'x'", "substring('hello', 'a') = 'x'", "substring('hello', 'a', 'b') = 'x'", "substring(12.34) = 'x'",
  'index_of()', "index_of('hello')", "index_of('hello', 'a', 'b')", "index_of('hello', 12.34)", "index_of(null, 'hello')", "index_of('hello', undefined)", 'index_of(true, true)',
  'starts_with()', "starts_with('hello', 12.34)", "ends_with(null, 'x')", "contains('hello', true)",
  'is_defined(abs(null))', 'is_defined(abs(undefined))', 'is_defined(abs(true))', 'is_defined(abs(key1))', 'is_defined(abs(3, 4))',
  'is_defined(power(null, 2))', 'is_defined(power(2, key1))', 'is_defined(power(2, 3, 4))',
  'is_defined(square(key1))', 'is_defined(ceiling(true))', 'is_defined(floor(3, 3))', 'is_defined(sign(undefined))', 'is_defined(sqrt(key1))',
  'test == true', 'true == test', 'none = "', 'none and true', 'undefined and "hello"', 'none or true', '- (key1)', 'is_defined(not key1)',
];

t.test("edgeHub's answers", async (t) => {
  for (const [condition, expected] of ANSWERS) t.equal(answer(condition), expected, condition);
});

t.test('what edgeHub refuses, we refuse', async (t) => {
  for (const condition of REFUSED) t.match(answer(condition), /^refused: /, condition);
});

const encoder = new TextEncoder();

/** The body and property bags of edgeHub's BodyQueryTest. */
const WEATHER: RouteMessage = {
  body: encoder.encode(JSON.stringify({
    message: {
      Weather: {
        Temperature: 50, FreezingTemperature: -50.4, PreciseTemperature: 50.4, Temperature_PropertyConflict: 50, NullValue: null,
        Time: '2017-03-09T00:00:00.000Z', PrevTemperatures: [20, 30, 40], IsEnabled: true, IsDisabled: false,
        Location: { Street: 'One Microsoft Way', City: 'Redmond', State: 'WA' },
        HistoricalData: [{ Month: 'Feb', Temperature: 40 }, { Month: 'Jan', Temperature: 30 }],
      },
    },
  })),
  applicationProperties: { City: 'Redmond', $State: 'WA', '$body.message.Weather.Temperature_PropertyConflict': '100', IntegerProperty: '110' },
  systemProperties: { State: 'CA', '$body.message.Weather.Location.State': 'CA', contentEncoding: 'UTF-8', contentType: 'application/json' },
};

const W = '$body.message.Weather';
const BODY_ANSWERS: [string, Answer][] = [
  [`50 >= ${W}.Temperature`, 'T'], ['$BODY.message.Weather.Temperature >= 50', 'T'], ['$bODy.message.Weather.Temperature <= 50', 'T'],
  [`${W}.Temperature <> 500`, 'T'], [`${W}.Temperature = 40 + 10`, 'T'], [`${W}.Temperature >= ${W}.PrevTemperatures[0]`, 'T'],
  [`${W}.PrevTemperatures[0] + ${W}.PrevTemperatures[1]= 50 `, 'T'], [`${W}.PrevTemperatures[1] / ${W}.PrevTemperatures[0] = 1.5`, 'T'],
  [`${W}.HistoricalData[0].Temperature - 10 = ${W}.HistoricalData[1].Temperature`, 'T'], [`${W}.HistoricalData[0].Month = 'Feb'`, 'T'],
  [`10 >= ${W}.Temperature`, 'F'], [`${W}.Temperature = '50'`, 'F'], [`${W}.Temperature <> 40 + 10`, 'F'],
  [`${W}.PrevTemperatures[1] / ${W}.PrevTemperatures[0] = 3/3`, 'F'],
  [`${W}.Temperature <> '100'`, 'T'], [`${W}.Location.City = City`, 'T'], [`${W}.Location.State = $State`, 'T'],
  [`${W}.Location.State <> ${W}.Location.City`, 'T'], [`${W}.Location.City != City`, 'F'], [`${W}.Location.State = City`, 'F'],
  [`${W}.IsEnabled`, 'T'], [`${W}.IsDisabled <> true`, 'T'], [`NOT ${W}.IsDisabled`, 'T'], [`${W}.InvalidKey <> '100'`, 'T'],
  [`${W}.IsEnabled AND ${W}.IsEnabled`, 'T'], [`${W}.IsDisabled OR NOT(${W}.IsDisabled)`, 'T'],
  ['$body', 'U'], [`${W}.HistoricalData[0].Temperature.InvalidKey`, 'U'], [`$City <> ${W}.InvalidKey`, 'U'],
  // an application property named like the query wins; braces force the body
  [`${W}.Temperature_PropertyConflict = '100'`, 'T'], [`as_number(${W}.Temperature_PropertyConflict) = 100`, 'T'],
  [`{${W}.Temperature_PropertyConflict} <> 100`, 'T'], [`${W}.Location.State = 'WA'`, 'T'], [`{${W}.Location.State} <> 'CA'`, 'T'],
  // Json.NET reads ISO date strings as dates, which conditions cannot use; objects are not values either
  [`${W}.Time <> '100'`, 'U'], [`${W} <> null`, 'U'],
  [`${W}.NullValue = null`, 'T'], ['$body.message.Temperature = null', 'T'], [`${W}.Temperature != null`, 'T'],
  [`${W}.InvalidProperty = null`, 'T'], [`NOT (${W}.InvalidProperty != null)`, 'T'],
  [`abs(${W}.FreezingTemperature) = 50.4`, 'T'], [`ceiling(as_number(${W}.PreciseTemperature)) = 51`, 'T'],
  [`concat(${W}.Location.Street, ', ', ${W}.Location.City, ', ', ${W}.Location.State) = 'One Microsoft Way, Redmond, WA'`, 'T'],
  [`exp((${W}.Temperature - 49)) < (${W}.Temperature - 47)`, 'T'], [`index_of(${W}.Location.Street, 'Way') > 6`, 'T'],
  [`is_null(${W}.NullValue)`, 'T'], [`power(${W}.Temperature, length(${W}.Location.State)) = square(${W}.Temperature)`, 'T'],
  [`sign(${W}.FreezingTemperature) = -1`, 'T'], [`substring(${W}.Location.Street, length(${W}.Location.Street) - 3) = 'Way'`, 'T'],
  [`substring(${W}.Location.Street, 4, length('Microsoft')) = 'Microsoft'`, 'T'], [`upper(${W}.Location.Street) = 'ONE MICROSOFT WAY'`, 'T'],
];

t.test("edgeHub's answers for $body queries", async (t) => {
  for (const [condition, expected] of BODY_ANSWERS) t.equal(answer(condition, WEATHER), expected, condition);
  for (const condition of ['$body.properties[]', '$body.properties[1:2]', '$body;@']) t.match(answer(condition, WEATHER), /^refused: /, condition);
});

const TWIN: RouteMessage = {
  body: encoder.encode(JSON.stringify({ properties: { reported: { WeatherTwin: { Temperature: 50, Location: { Street: 'One Microsoft Way', City: 'Redmond', State: 'WA' } }, Metadata: 'metadata', $version: 4 } } })),
  applicationProperties: {},
  systemProperties: { contentEncoding: 'UTF-8', contentType: 'application/json' },
};
const TW = 'twin_change_includes(properties.reported.WeatherTwin';

t.test("edgeHub's answers for twin_change_includes", async (t) => {
  const cases: [string, Answer][] = [
    [`${TW})`, 'T'], ['TWIN_CHANGE_INCLUDES(properties.reported.WeatherTwin)', 'T'], ['Twin_Change_Includes(properties.reported.WeatherTwin)', 'T'],
    [`${TW}.Temperature)`, 'T'], [`${TW}.Location.City)`, 'T'], [`${TW}.Location.City) AND ${TW}.Temperature) = true`, 'T'],
    [`${TW}.Location.City) AND Not(${TW}.Temperature123))`, 'T'],
    ['twin_change_includes(properties.desired.WeatherTwin)', 'F'], [`${TW}.Location.City) AND ${TW}.Temperature123)`, 'F'],
  ];
  for (const [condition, expected] of cases) t.equal(answer(condition, TWIN, '/twinChangeNotifications'), expected, condition);
  const refused = [
    'twin_change_includes()', 'twin_change_includes(      )', 'twin_change_includes(properties.)', 'twin_change_includes(123123)',
    'twin_change_includes(properties.abcd123)', 'twin_change_includes(123abc)', 'twin_change_includes(properties.desired.twin,,,,,)',
    'twin_change_includes(properties[0])', 'twin_change_includes(properties.desired.twin[0].test1)', 'twin_change_includes(properties.desired.[123])',
    'twin_change_includes(properties[])', 'twin_change_includes(properties[123].props11, abc)',
  ];
  for (const condition of refused) t.match(answer(condition, TWIN, '/twinChangeNotifications'), /^refused: /, condition);
  t.match(answer(`${TW})`, TWIN, '/messages/*'), /^refused: /, 'only on twin change notifications');
  for (const body of ['', 'random message']) t.equal(answer(`${TW})`, { ...TWIN, body }, '/twinChangeNotifications'), 'U', `body ${JSON.stringify(body)}`);
});
