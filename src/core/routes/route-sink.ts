/**
 * Route sinks (the part after INTO). edgeHub knows two (EndpointFactory): `$upstream`, and
 * `BrokeredEndpoint("/modules/<module>/inputs/<input>")` with exactly those four path segments.
 */
import { closestMatch } from '../closest-match.js';
import type { Token } from './route-lexer.js';
import type { RouteSink, RouteSyntaxError, TextSpan } from './route-types.js';

export type SinkParse = { ok: true; sink: RouteSink; warning?: RouteSyntaxError } | { ok: false; error: RouteSyntaxError };

const SINK_HINT = 'a sink is $upstream or BrokeredEndpoint("/modules/<module>/inputs/<input>")';

const error = (message: string, span: TextSpan, hint = SINK_HINT): SinkParse => ({ ok: false, error: { message, span, hint } });
const join = (a: TextSpan, b: TextSpan): TextSpan => ({ offset: a.offset, length: b.offset + b.length - a.offset });
const isPunct = (token: Token | undefined, text: string): boolean => token?.kind === 'punct' && token.text === text;

/** `tokens` are everything after INTO, ending with `eof`. */
export function parseSink(tokens: readonly Token[]): SinkParse {
  const first = tokens[0] as Token;
  if (first.kind === 'eof') return error('expected a sink after INTO', first.span);
  let parsed: SinkParse;
  let used: number;
  if (first.kind === 'sys-prop') {
    parsed = first.text.toLowerCase() === '$upstream'
      ? { ok: true, sink: { kind: 'upstream', span: first.span } }
      : error(`unknown sink '${first.text}'${closestMatch(first.text, ['$upstream']) ? '; did you mean $upstream?' : ''}`, first.span);
    used = 1;
  } else if (first.kind === 'id' && isPunct(tokens[1], '(')) {
    used = 4;
    parsed = parseFunctionSink(first, tokens);
  } else {
    return error(`expected a sink after INTO but found '${first.text}'`, first.span);
  }
  if (!parsed.ok) return parsed;
  const extra = tokens[used];
  if (extra !== undefined && extra.kind !== 'eof') {
    const last = tokens[tokens.length - 2] as Token;
    return error(`unexpected text after the sink: '${extra.text}'`, join(extra.span, last.span), 'a route ends with its sink; put each route in its own entry');
  }
  return parsed;
}

function parseFunctionSink(name: Token, tokens: readonly Token[]): SinkParse {
  if (name.text.toLowerCase() !== 'brokeredendpoint') {
    const suggestion = closestMatch(name.text, ['BrokeredEndpoint']);
    return error(`unknown sink function ${name.text}${suggestion ? `; did you mean ${suggestion}?` : ''}`, name.span);
  }
  const argument = tokens[2] as Token;
  if (argument.kind === 'unterminated-string') return error('unterminated string', argument.span, 'close it with a matching quote: BrokeredEndpoint("/modules/<module>/inputs/<input>")');
  if (argument.kind !== 'string') return error('BrokeredEndpoint takes one quoted string', argument.span);
  const close = tokens[3];
  if (!isPunct(close, ')')) return error("missing closing ')' after the BrokeredEndpoint string", close?.span ?? argument.span);
  // edgeHub (EndpointFactory) trims the address, drops one leading and one trailing '/', and
  // wants exactly four segments; it reads the module from the second and the input from the fourth.
  let address = String(argument.value).trim();
  if (address.startsWith('/')) address = address.slice(1);
  if (address.endsWith('/')) address = address.slice(0, -1);
  const segments = address.split('/');
  const [first, module, third, input] = segments;
  if (segments.length !== 4 || !module || !input) {
    return error(`invalid BrokeredEndpoint address "${String(argument.value)}": expected "/modules/<module>/inputs/<input>"`, argument.span, 'BrokeredEndpoint delivers to one input of one module, e.g. BrokeredEndpoint("/modules/filter/inputs/input1")');
  }
  const warning: RouteSyntaxError | undefined = first === 'modules' && third === 'inputs'
    ? undefined
    : { message: `BrokeredEndpoint address "${String(argument.value)}" should read /modules/${module}/inputs/${input}`, span: argument.span, hint: "edgeHub ignores the first and third segments, so this still delivers to that module's input" };
  const sink: RouteSink = { kind: 'module-input', module, input, span: join(name.span, (close as Token).span) };
  return warning === undefined ? { ok: true, sink } : { ok: true, sink, warning };
}
