/**
 * Parses an edgeHub route: `[SELECT *] FROM <source> [WHERE <condition>] INTO <sink>`
 * (Route.g4). Keywords are case-insensitive; whitespace, newlines and comments may appear
 * anywhere between the parts. Never throws: every problem is a RouteSyntaxError with a span.
 */
import type { Expression } from './condition-ast.js';
import { parseCondition } from './condition-parser.js';
import { readToken, skipTrivia, tokenize, type Token } from './route-lexer.js';
import { parseSink } from './route-sink.js';
import { parseSource } from './route-source.js';
import type { Route, RouteParseResult, RouteSyntaxError, TextSpan } from './route-types.js';

const EXAMPLE = 'e.g. FROM /messages/modules/sensor/outputs/* INTO BrokeredEndpoint("/modules/filter/inputs/input1")';

const failure = (message: string, span: TextSpan, hint?: string): RouteParseResult => ({
  ok: false,
  error: { message, span, ...(hint === undefined ? {} : { hint }) },
});

const isKeyword = (token: Token, word: string): boolean => token.kind === 'keyword' && token.value === word;
const end = (token: Token): number => token.span.offset + token.span.length;

export function parseRoute(text: string): RouteParseResult {
  try {
    return parseRouteText(typeof text === 'string' ? text : String(text));
  } catch (caught) {
    // A bug here must not take down `validate` or the hub: report it as a diagnostic instead.
    const detail = caught instanceof Error ? caught.message : String(caught);
    return failure(`internal error while parsing the route (${detail}); this is a bug in edgectl`, { offset: 0, length: 0 });
  }
}

function parseRouteText(text: string): RouteParseResult {
  let token = readToken(text, 0);
  if (token.kind === 'eof') return failure('the route is empty', { offset: 0, length: text.length }, EXAMPLE);
  if (isKeyword(token, 'SELECT')) {
    const star = readToken(text, end(token));
    if (!(star.kind === 'punct' && star.text === '*')) return failure("expected '*' after SELECT", star.span, 'edgeHub only supports SELECT * (or leave SELECT out)');
    token = readToken(text, end(star));
  }
  if (!isKeyword(token, 'FROM')) return failure(`expected FROM at the start of the route but found '${token.text}'`, token.span, EXAMPLE);
  const sourceStart = skipTrivia(text, end(token));
  const source = parseSource(text, sourceStart);
  if (!source.ok) return failure(source.message, source.span, source.hint);

  const rest = tokenize(text, source.end);
  const first = rest[0] as Token;
  let sinkFrom = 1;
  let condition: Pick<Route, 'condition' | 'conditionSpan' | 'warnings'> = {};
  if (isKeyword(first, 'WHERE')) {
    const intoIndex = rest.findIndex((t) => isKeyword(t, 'INTO'));
    const conditionTokens = intoIndex < 0 ? rest.slice(1) : [...rest.slice(1, intoIndex), eofAt((rest[intoIndex] as Token).span.offset)];
    const parsed = parseCondition(conditionTokens, { sourceKind: source.source.kind });
    if (!parsed.ok) return { ok: false, error: parsed.error };
    if (intoIndex < 0) return failure('expected INTO after the condition', (rest[rest.length - 1] as Token).span, 'a route ends with INTO <sink>');
    condition = { condition: parsed.expression, conditionSpan: parsed.expression.span };
    const warning = neverTrueWarning(parsed.expression);
    if (warning !== undefined) condition.warnings = [warning];
    sinkFrom = intoIndex + 1;
  } else if (!isKeyword(first, 'INTO')) {
    return unexpectedAfterSource(first);
  }
  const sink = parseSink(rest.slice(sinkFrom));
  if (!sink.ok) return { ok: false, error: sink.error };
  const warnings = [...(condition.warnings ?? []), ...(sink.warning === undefined ? [] : [sink.warning])];
  const { warnings: _conditionWarnings, ...conditionParts } = condition;
  return { ok: true, route: { source: source.source, ...conditionParts, sink: sink.sink, ...(warnings.length > 0 ? { warnings } : {}) } };
}

/** edgeHub converts a non-boolean condition to "undefined", so such a route never matches. */
function neverTrueWarning(expression: Expression): RouteSyntaxError | undefined {
  const { type } = expression;
  if (type !== 'string' && type !== 'number' && type !== 'null' && type !== 'undefined') return undefined;
  return {
    message: `the condition is ${type === 'undefined' || type === 'null' ? `always ${type}` : `a ${type}, not a boolean`}, so this route never matches`,
    span: expression.span,
    hint: type === 'string' ? "compare it, e.g. alert = 'yes'" : 'write a comparison or a boolean function such as is_defined(…)',
  };
}

function eofAt(offset: number): Token {
  return { kind: 'eof', text: '', span: { offset, length: 0 } };
}

function unexpectedAfterSource(token: Token): RouteParseResult {
  if (token.kind === 'eof') return failure('expected INTO after the source', token.span, 'a route ends with INTO $upstream or INTO BrokeredEndpoint("/modules/<module>/inputs/<input>")');
  const error: RouteSyntaxError = {
    message: `expected INTO after the source but found '${token.text}'`,
    span: token.span,
    hint: 'write WHERE <condition> before INTO to filter; a source path has no spaces',
  };
  return { ok: false, error };
}
