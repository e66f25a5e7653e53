/**
 * How the condition parser reports problems: one failure (the first), thrown inside the parser
 * and turned into a result at its edge, with messages and hints for the mistakes people make.
 */
import type { Token } from './route-lexer.js';
import type { RouteSyntaxError, TextSpan } from './route-types.js';

/** Thrown inside the parser only; `parseCondition` turns it into a result. */
export class SyntaxFailure {
  constructor(readonly error: RouteSyntaxError) {}
}

export function fail(message: string, span: TextSpan, hint?: string): never {
  throw new SyntaxFailure({ message, span, ...(hint === undefined ? {} : { hint }) });
}

export const join = (a: TextSpan, b: TextSpan): TextSpan => ({ offset: a.offset, length: b.offset + b.length - a.offset });

/** A token where a value (operand) was expected. `previous` is the token before it. */
export function unexpectedValue(token: Token, previous: Token | undefined): never {
  switch (token.kind) {
    case 'eof':
      return fail('the condition ends too early: expected a value', token.span);
    case 'unterminated-string':
      return fail('unterminated string', token.span, `close it with a matching ${token.text[0] ?? "'"} quote`);
    case 'bad-escape':
      return fail(`unsupported escape '${token.text}' in string`, token.problem ?? token.span, "only \\', \\\", \\\\ and \\uXXXX are escapes");
    case 'query-path':
      return fail(`invalid name '${token.text}': '[' and ']' may only follow a $body path`, token.span, 'e.g. $body.readings[0]');
    case 'keyword':
      return fail(`expected a value but found the keyword ${String(token.value)}`, token.span);
    case 'unknown':
      return fail(`invalid symbol '${token.text}'`, token.span, symbolHint(token.text));
    default: {
      const hint = token.text === '=' && previous?.text === '=' ? "compare with a single '='" : undefined;
      return fail(`expected a value but found '${token.text}'`, token.span, hint);
    }
  }
}

/** A token after a complete operand that is not an operator, `)` or the end. */
export function unexpectedAfterOperand(token: Token): never {
  if (token.kind === 'number' && token.text.startsWith('-')) {
    return fail(`expected an operator but found the number ${token.text}`, token.span, `edgeHub reads '${token.text}' as a negative number: write '- ${token.text.slice(1)}' with a space to subtract`);
  }
  if (token.kind === 'punct' && token.text === ')') return fail("unmatched closing ')'", token.span);
  if (token.kind === 'unterminated-string' || token.kind === 'bad-escape' || token.kind === 'unknown' || token.kind === 'query-path') return unexpectedValue(token, undefined);
  const hint = OPERATOR_HINTS[token.text.toLowerCase()];
  return fail(`expected an operator or the end of the condition but found '${token.text}'`, token.span, hint);
}

const OPERATOR_HINTS: Record<string, string> = {
  '&&': 'use AND',
  '&': 'use AND',
  '|': 'use OR',
  '!': 'use NOT',
  '==': "compare with a single '='",
  '!==': "use '!=' or '<>'",
};

function symbolHint(symbol: string): string | undefined {
  if (symbol === '[' || symbol === ']') return 'brackets may only index a $body path, e.g. $body.readings[0]';
  if (symbol === '?') return "'??' is the coalescing operator: a ?? b";
  return undefined;
}
