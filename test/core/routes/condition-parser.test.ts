import t from 'tap';
import { parseRoute } from '../../../src/core/routes/index.js';
import type { Expression } from '../../../src/core/routes/index.js';

/** The condition of `FROM <source> WHERE <condition> INTO $upstream`, or the error message. */
function parse(condition: string, source = '/messages/*'): { expression?: Expression; error?: string; hint?: string; covered?: string } {
  const text = `FROM ${source} WHERE ${condition} INTO $upstream`;
  const result = parseRoute(text);
  if (result.ok) return result.route.condition === undefined ? {} : { expression: result.route.condition };
  const { offset, length } = result.error.span;
  return { error: result.error.message, covered: text.slice(offset, offset + length), ...(result.error.hint === undefined ? {} : { hint: result.error.hint }) };
}

/** A compact, fully parenthesised rendering, so precedence is visible. */
function show(node: Expression): string {
  switch (node.kind) {
    case 'literal':
      return node.value === undefined ? 'undefined' : JSON.stringify(node.value);
    case 'app-property':
      return node.name;
    case 'system-property':
      return node.escaped ? `{$${node.name}}` : `$${node.name}`;
    case 'body-query':
      return `body(${node.path.join(',')})`;
    case 'unary':
      return `(${node.op} ${show(node.operand)})`;
    case 'binary':
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'twin-change-includes':
      return `twin_change_includes(${node.path.join(',')})`;
  }
}

function shown(condition: string, source?: string): string {
  const result = parse(condition, source);
  return result.expression ? show(result.expression) : `ERROR ${result.error ?? ''}`;
}

t.test('literals', async (t) => {
  const cases: [string, string][] = [
    ['1 = 1', '(1 = 1)'],
    ['-1 = -1.5', '(-1 = -1.5)'],
    ['.5 = 5e-1', '(0.5 = 0.5)'],
    ['1E3 = 0x3E8', '(1000 = 1000)'],
    ["'a' = \"a\"", '("a" = "a")'],
    ["'it\\'s' = \"say \\\"hi\\\"\"", '("it\'s" = "say \\"hi\\"")'],
    ["'\\u0041\\\\' = 'A\\\\'", '("A\\\\" = "A\\\\")'],
    ['true = false', '(true = false)'],
    ['null = null', '(null = null)'],
    ['undefined = undefined', '(undefined = undefined)'],
    ["'' = ''", '("" = "")'],
  ];
  for (const [condition, want] of cases) t.equal(shown(condition), want, condition);
});

t.test('properties: application, system, escaped, $body', async (t) => {
  const cases: [string, string][] = [
    ["alert = 'yes'", '(alert = "yes")'],
    ["$connectionDeviceId = 'dev'", '($connectionDeviceId = "dev")'],
    ["$connectionModuleId = 'm' AND $outputName = 'o'", '(($connectionModuleId = "m") AND ($outputName = "o"))'],
    ["{$contentType} = 'application/json'", '({$contentType} = "application/json")'],
    ['$body.temperature > 25', '(body(temperature) > 25)'],
    ['$body.machine.temperature >= 25.5', '(body(machine,temperature) >= 25.5)'],
    ["$body.readings[2].unit = 'C'", '(body(readings,2,unit) = "C")'],
    ['$BODY.x = 1', '(body(x) = 1)'],
    ['{$body.x} = 1', '(body(x) = 1)'],
    ["$body.Welcome!.he = 'x'", '(body(Welcome!,he) = "x")'],
    // Names may hold characters that are operators elsewhere: edgeHub's lexer reads these as one name.
    ["temp-sensor = 'a'", '(temp-sensor = "a")'],
    ["a*b = 'a'", '(a*b = "a")'],
    // `True` (capitalised) is a property name; only lower-case `true` is the literal.
    ["True = 'x'", '(True = "x")'],
  ];
  for (const [condition, want] of cases) t.equal(shown(condition), want, condition);
});

t.test('precedence and associativity follow Condition.g4', async (t) => {
  const cases: [string, string][] = [
    ['1 + 2 * 3 = 7', '((1 + (2 * 3)) = 7)'],
    ['(1 + 2) * 3 = 9', '(((1 + 2) * 3) = 9)'],
    ['10 - 4 - 3 = 3', '(((10 - 4) - 3) = 3)'],
    ['8 / 4 / 2 = 1', '(((8 / 4) / 2) = 1)'],
    ['7 % 4 * 2 = 6', '(((7 % 4) * 2) = 6)'],
    ['- 2 * 3 = -6', '(((- 2) * 3) = -6)'],
    ["a || b = 'ab'", '((a || b) = "ab")'],
    ['1 < 2 = true', '((1 < 2) = true)'],
    ['1 <> 2', '(1 != 2)'],
    ['1 != 2', '(1 != 2)'],
    ['true OR false AND false', '(true OR (false AND false))'],
    ['(true OR false) AND false', '((true OR false) AND false)'],
    ['true AND true OR false', '((true AND true) OR false)'],
    ['NOT true AND false', '((NOT true) AND false)'],
    ['NOT (1 = 2)', '(NOT (1 = 2))'],
    ['NOT NOT true', '(NOT (NOT true))'],
    ['not true or false', '((NOT true) OR false)'],
    ['$body.a ?? true OR false', '(body(a) ?? (true OR false))'],
    ['$body.a ?? $body.b ?? 1 = 1', '((body(a) ?? body(b)) ?? (1 = 1))'],
    ['1 = 1 AND 2 = 2 OR 3 = 3 AND 4 = 4', '(((1 = 1) AND (2 = 2)) OR ((3 = 3) AND (4 = 4)))'],
    ['1 < 2 = 2 > 1', '((1 < 2) = (2 > 1))'],
  ];
  for (const [condition, want] of cases) t.equal(shown(condition), want, condition);
});

t.test('every built-in, case-insensitively, with its arity', async (t) => {
  const cases: [string, string][] = [
    ['abs(-1) = 1', '(abs(-1) = 1)'],
    ['as_number(x) = 1', '(as_number(x) = 1)'],
    ['as_number(1) = 1', '(as_number(1) = 1)'],
    ['ceiling(1.5) = 2', '(ceiling(1.5) = 2)'],
    ["concat(a, 'b') = 'ab'", '(concat(a, "b") = "ab")'],
    ["concat('a', 'b', 'c', 'd') = 'abcd'", '(concat("a", "b", "c", "d") = "abcd")'],
    ["contains(a, 'b')", 'contains(a, "b")'],
    ["ends_with(a, 'b')", 'ends_with(a, "b")'],
    ['exp(0) = 1', '(exp(0) = 1)'],
    ['floor(1.5) = 1', '(floor(1.5) = 1)'],
    ["index_of(a, 'b') = 0", '(index_of(a, "b") = 0)'],
    ['is_bool($body.x)', 'is_bool(body(x))'],
    ['is_defined(a)', 'is_defined(a)'],
    ['IS_DEFINED($connectionModuleId)', 'is_defined($connectionModuleId)'],
    ['is_defined(undefined)', 'is_defined(undefined)'],
    ['is_null(null)', 'is_null(null)'],
    ['is_number(1)', 'is_number(1)'],
    ["is_string('s')", 'is_string("s")'],
    ['length(a) = 3', '(length(a) = 3)'],
    ["lower(a) = 'x'", '(lower(a) = "x")'],
    ['power(2, 3) = 8', '(power(2, 3) = 8)'],
    ['sign(-3) = -1', '(sign(-3) = -1)'],
    ['sqrt(4) = 2', '(sqrt(4) = 2)'],
    ['square(3) = 9', '(square(3) = 9)'],
    ["starts_with(a, 'b')", 'starts_with(a, "b")'],
    ["substring(a, 1) = 'b'", '(substring(a, 1) = "b")'],
    ["substring(a, 1, 2) = 'bc'", '(substring(a, 1, 2) = "bc")'],
    ["upper(a) = 'X'", '(upper(a) = "X")'],
    ["Upper($body.name) = 'X'", '(upper(body(name)) = "X")'],
    ['abs($body.delta) > 2', '(abs(body(delta)) > 2)'],
    ["$body.on AND alert = 'yes'", '(body(on) AND (alert = "yes"))'],
    ['as_number($body.x) % 2 = 1', '((as_number(body(x)) % 2) = 1)'],
    ['0 - $body.x > 1', '((0 - body(x)) > 1)'],
  ];
  for (const [condition, want] of cases) t.equal(shown(condition), want, condition);
  t.equal(shown('twin_change_includes(properties.desired.interval)', '/twinChangeNotifications'), 'twin_change_includes(properties,desired,interval)');
});

/** [condition, message fragment, text the span covers] */
const ERRORS: [string, string, string][] = [
  ['lenght(a) = 1', 'unknown function lenght; did you mean length?', 'lenght'],
  ['is_defind(a)', 'did you mean is_defined?', 'is_defind'],
  ['frobnicate(a)', 'unknown function frobnicate', 'frobnicate'],
  ["length(a, 'b') = 1", 'length takes 1 argument, got 2', "length(a, 'b')"],
  ['length() = 1', 'length takes 1 argument, got 0', 'length()'],
  ['power(2) = 4', 'power takes 2 arguments, got 1', 'power(2)'],
  ['substring(a) = 4', 'substring takes 2 or 3 arguments, got 1', 'substring(a)'],
  ["concat('a') = 'a'", 'concat takes at least 2 arguments, got 1', "concat('a')"],
  ['is_null() = true', 'is_null takes 1 argument, got 0', 'is_null()'],
  ['length(1) = 1', "invalid arguments to built-in function 'length': length(number)", 'length(1)'],
  ["abs('x') = 1", "invalid arguments to built-in function 'abs': abs(string)", "abs('x')"],
  ["starts_with(a, 1)", "starts_with(string, number)", 'starts_with(a, 1)'],
  ['temperature > 25', "invalid operands to binary operator '>': have 'string' and 'number'", '>'],
  ["$body.x = undefined", "invalid operands to binary operator '='", '='],
  ["a = null", "have 'string' and 'null'", '='],
  ["a + 1 = 2", "invalid operands to binary operator '+'", '+'],
  ["'a' AND true", "invalid operands to binary operator 'AND'", 'AND'],
  ["NOT a", "invalid operands to unary operator 'NOT'", 'NOT'],
  ["NOT a = 'b'", "invalid operands to unary operator 'NOT'", 'NOT'],
  ["- 'a' = 1", "invalid operands to unary operator '-'", '-'],
  ["1 || 'a' = 'a'", "invalid operands to binary operator '||'", '||'],
  // Quirks of edgeHub's compiler, kept so validate rejects what edgeHub would reject.
  ["alert = 'yes' AND $body.on", 'a $body value on the right of AND', 'AND'],
  ["alert = 'yes' OR $body.on", 'a $body value on the right of OR', 'OR'],
  ['- $body.x > 1', "cannot apply '-' to a $body value", '-'],
  ['$body.x % 2 = 1', "cannot apply '%' to a $body value", '%'],
  // An unterminated string runs to the end of the route, swallowing INTO.
  ["a = 'b", 'unterminated string', "'b INTO $upstream"],
  ['a = "b', 'unterminated string', '"b INTO $upstream'],
  ["a = 'b\\n'", "unsupported escape '\\n' in string", '\\n'],
  ['a == 1', "expected a value but found '='", '='],
  ['a && b', "found '&&'", '&&'],
  ["a = '1' b = '2'", "found 'b'", 'b'],
  ['$body.x -1 = 0', 'expected an operator but found the number -1', '-1'],
  ['(a = "b"', "missing closing ')'", '('],
  ['a = "b")', "unmatched closing ')'", ')'],
  ['length(a', "missing closing ')' for length(", '('],
  ['a = ', 'the condition ends too early', ''],
  ['a =', 'the condition ends too early', ''],
  ['AND', "expected a value but found 'AND'", 'AND'],
  ['a @ b', "invalid symbol '@'", '@'],
  ['a[0] = 1', "invalid name 'a[0]'", 'a[0]'],
  ['$body.a[0][1] = 1', 'error in $body query', '[1]'],
  ['$body.a..b = 1', 'error in $body query', '.b'],
  ['$body.a[x] = 1', 'error in $body query', '[x]'],
  ['{a} = 1', "braces may only wrap a $ system property", '{a}'],
  ['twin_change_includes(properties.desired)', 'twin_change_includes can only be used in routes FROM /twinChangeNotifications', 'twin_change_includes'],
  ['a = FROM', "expected a value but found the keyword FROM", 'FROM'],
];

t.test('condition errors say what is wrong and point at it', async (t) => {
  for (const [condition, message, covered] of ERRORS) {
    const result = parse(condition);
    if (result.error === undefined) {
      t.fail(`${condition}: parsed but should not`);
      continue;
    }
    t.match(result.error, message, condition);
    t.equal(result.covered, covered, `${condition}: span`);
  }
});

t.test('hints for the common mistakes', async (t) => {
  t.match(parse('temperature > 25').hint, 'as_number');
  t.match(parse("NOT a = 'b'").hint, 'NOT (');
  t.match(parse('a && b').hint, 'use AND');
  t.match(parse('a == 1').hint, "single '='");
  t.match(parse('$body.x -1 = 0').hint, "'- 1'");
  t.match(parse('lenght(a) = 1').hint, 'length');
});

t.test('node spans cover their text', async (t) => {
  const condition = "length($body.a) + 1 > 2 AND NOT is_null(b)";
  const text = `FROM /messages/* WHERE ${condition} INTO $upstream`;
  const result = parseRoute(text);
  t.ok(result.ok);
  if (!result.ok || result.route.condition === undefined) return;
  const root = result.route.condition;
  const cover = (node: Expression): string => text.slice(node.span.offset, node.span.offset + node.span.length);
  t.equal(cover(root), condition);
  if (root.kind !== 'binary') return t.fail('root is AND');
  t.equal(cover(root.left), 'length($body.a) + 1 > 2');
  t.equal(cover(root.right), 'NOT is_null(b)');
});
