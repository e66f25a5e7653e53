/**
 * Parses a WHERE condition from route tokens into an Expression, type-checking as it goes.
 * Precedence follows edgeHub's Condition.g4, tightest first: unary `-` and NOT, `* / %`,
 * `+ - ||`, `< <= > >=`, `= != <>`, AND, OR, `??`; all binary operators associate left.
 * Note that NOT binds tighter than comparisons there: `NOT a = b` means `(NOT a) = b`.
 */
import { parseBodyPath } from './body-path.js';
import { callResultType, requireBuiltin } from './call-check.js';
import type { BinaryOperator, Expression, StaticType } from './condition-ast.js';
import { fail, join, SyntaxFailure, unexpectedAfterOperand, unexpectedValue } from './condition-diagnostics.js';
import { checkBinary, checkUnary, type TypeCheck } from './condition-types.js';
import type { Token } from './route-lexer.js';
import type { RouteSource, RouteSyntaxError, TextSpan } from './route-types.js';

export interface ConditionContext {
  /** The route's source kind: twin_change_includes is only valid on twin change notifications. */
  sourceKind?: RouteSource['kind'];
}

export type ConditionParse = { ok: true; expression: Expression } | { ok: false; error: RouteSyntaxError };

const BINARY_POWER: Record<string, number> = {
  '??': 1, OR: 2, AND: 3, '=': 4, '!=': 4, '<>': 4, '<': 5, '<=': 5, '>': 5, '>=': 5, '+': 6, '-': 6, '||': 6, '*': 7, '/': 7, '%': 7,
};

/** `tokens` must end with an `eof` token; the whole token list must be the condition. */
export function parseCondition(tokens: readonly Token[], context: ConditionContext = {}): ConditionParse {
  const parser = new ConditionParser(tokens, context);
  try {
    return { ok: true, expression: parser.parseAll() };
  } catch (caught) {
    if (caught instanceof SyntaxFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}

class ConditionParser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[], private readonly context: ConditionContext) {}

  parseAll(): Expression {
    if (this.peek().kind === 'eof') fail('expected a condition after WHERE', this.peek().span, "e.g. WHERE $connectionModuleId = 'sensor'");
    const expression = this.parseExpression(1);
    const rest = this.peek();
    if (rest.kind !== 'eof') unexpectedAfterOperand(rest);
    return expression;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private binaryOperator(token: Token): string | undefined {
    if (token.kind === 'punct' && token.text in BINARY_POWER) return token.text;
    if (token.kind === 'word-op' && (token.value === 'AND' || token.value === 'OR')) return token.value;
    return undefined;
  }

  private parseExpression(minPower: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const op = this.binaryOperator(token);
      const power = op === undefined ? undefined : BINARY_POWER[op];
      if (op === undefined || power === undefined || power < minPower) return left;
      this.next();
      const right = this.parseExpression(power + 1);
      const normalised = (op === '<>' ? '!=' : op) as BinaryOperator;
      const type = this.checked(checkBinary(normalised, token.text, left.type, right.type), token.span);
      left = { kind: 'binary', op: normalised, left, right, opSpan: token.span, span: join(left.span, right.span), type };
    }
  }

  private checked(check: TypeCheck, span: TextSpan): StaticType {
    if (check.ok) return check.type;
    return fail(check.message, span, check.hint);
  }

  private parseUnary(): Expression {
    const token = this.peek();
    if ((token.kind === 'punct' && token.text === '-') || (token.kind === 'word-op' && token.value === 'NOT')) {
      this.next();
      const operand = this.parseUnary();
      const op = token.text === '-' ? '-' : 'NOT';
      const check = checkUnary(op, operand.type);
      if (!check.ok && op === 'NOT' && this.binaryOperator(this.peek()) !== undefined) {
        fail(check.message, token.span, `NOT binds tighter than '${this.peek().text}' in edgeHub: write NOT (…) around the whole comparison`);
      }
      const type = this.checked(check, token.span);
      return { kind: 'unary', op, operand, span: join(token.span, operand.span), type };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: token.value as number, span: token.span, type: 'number' };
      case 'string':
        return { kind: 'literal', value: token.value as string, span: token.span, type: 'string' };
      case 'literal-word':
        return literalWord(token);
      case 'sys-prop':
        return this.propertyReference(token, false, token.span);
      case 'id':
        return this.peek().kind === 'punct' && this.peek().text === '(' ? this.parseCall(token) : { kind: 'app-property', name: token.text, span: token.span, type: 'string' };
      case 'punct':
        return this.parsePunctPrimary(token);
      default:
        return unexpectedValue(token, this.tokens[this.index - 2]);
    }
  }

  private parsePunctPrimary(token: Token): Expression {
    if (token.text === '(') {
      const inner = this.parseExpression(1);
      const close = this.next();
      if (close.kind !== 'punct' || close.text !== ')') fail("missing closing ')'", token.span, close.kind === 'eof' ? "the '(' here is never closed" : `found '${close.text}' where ')' was expected`);
      return { ...inner, span: join(token.span, close.span) };
    }
    if (token.text === '{') {
      const property = this.next();
      const close = this.next();
      if (property.kind !== 'sys-prop' || close.kind !== 'punct' || close.text !== '}') {
        fail("expected '{$name}': braces may only wrap a $ system property", join(token.span, close.span), 'e.g. {$contentType} reads the system property even if an application property of that name exists');
      }
      return this.propertyReference(property, true, join(token.span, close.span));
    }
    return unexpectedValue(token, this.tokens[this.index - 2]);
  }

  private propertyReference(token: Token, escaped: boolean, span: TextSpan): Expression {
    const text = token.text;
    if (text.toLowerCase().startsWith('$body.')) {
      const query = text.slice('$body.'.length);
      const parsed = parseBodyPath(query);
      if (!parsed.ok) {
        // Point at the offending rest of the path, or at the whole reference when the path just stops.
        const at = parsed.offset < query.length ? { offset: token.span.offset + 6 + parsed.offset, length: query.length - parsed.offset } : token.span;
        fail(`error in $body query: ${parsed.message}`, at, 'a $body path is names joined by dots, each optionally indexed once: $body.a.b[0].c');
      }
      return { kind: 'body-query', query, path: parsed.path, escaped, span, type: 'dynamic' };
    }
    // edgeHub compiles a system property whose name holds brackets to the constant undefined.
    if (text.includes('[') || text.includes(']')) return { kind: 'literal', value: undefined, span, type: 'undefined' };
    return { kind: 'system-property', name: text.slice(1), escaped, span, type: 'string' };
  }

  private parseCall(nameToken: Token): Expression {
    const open = this.next();
    const name = nameToken.text.toLowerCase();
    if (name === 'twin_change_includes') return this.parseTwinChangeIncludes(nameToken, open);
    const builtin = requireBuiltin(nameToken);
    const args: Expression[] = [];
    if (!(this.peek().kind === 'punct' && this.peek().text === ')')) {
      for (;;) {
        args.push(this.parseExpression(1));
        const separator = this.peek();
        if (separator.kind === 'punct' && separator.text === ',') {
          this.next();
          continue;
        }
        break;
      }
    }
    const close = this.next();
    if (close.kind !== 'punct' || close.text !== ')') fail(`missing closing ')' for ${nameToken.text}(`, open.span, `found '${close.text || 'the end'}' where ',' or ')' was expected`);
    const span = join(nameToken.span, close.span);
    return { kind: 'call', name: builtin.name, args, nameSpan: nameToken.span, span, type: callResultType(builtin, args, span) };
  }

  private parseTwinChangeIncludes(nameToken: Token, open: Token): Expression {
    if (this.context.sourceKind !== 'twin-change-notifications') {
      fail('twin_change_includes can only be used in routes FROM /twinChangeNotifications', nameToken.span);
    }
    // edgeHub reads the argument as raw text: one path such as properties.desired.x.
    const argument = this.next();
    const close = argument.kind === 'punct' && argument.text === ')' ? argument : this.next();
    const span = join(nameToken.span, close.span);
    if (argument === close || argument.kind !== 'id' || close.kind !== 'punct' || close.text !== ')') {
      fail('twin_change_includes takes one twin path', close.kind === 'eof' ? open.span : span, TWIN_PATH_HINT);
    }
    const text = argument.text;
    const parsed = parseBodyPath(text);
    if (!parsed.ok) fail(`invalid argument to twin_change_includes: ${parsed.message}`, argument.span, TWIN_PATH_HINT);
    if (!TWIN_PATH_PREFIX.test(text)) fail(`twin_change_includes(${text}) is not supported: the path must start with properties.desired., properties.reported. or tags.`, argument.span, TWIN_PATH_HINT);
    return { kind: 'twin-change-includes', query: text, path: parsed.path, span, type: 'bool' };
  }
}

const TWIN_PATH_PREFIX = /^(properties\.reported\.|properties\.desired\.|tags\.)/i;
const TWIN_PATH_HINT = 'e.g. twin_change_includes(properties.desired.telemetryInterval)';

function literalWord(token: Token): Expression {
  switch (token.text) {
    case 'true':
      return { kind: 'literal', value: true, span: token.span, type: 'bool' };
    case 'false':
      return { kind: 'literal', value: false, span: token.span, type: 'bool' };
    case 'null':
      return { kind: 'literal', value: null, span: token.span, type: 'null' };
    default:
      return { kind: 'literal', value: undefined, span: token.span, type: 'undefined' };
  }
}
