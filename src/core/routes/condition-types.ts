/**
 * The static operand checks edgeHub's route compiler makes (Routing.Core ConditionVisitor): both
 * sides of a comparison must have the same type unless one is a `$body` value, arithmetic wants
 * numbers, AND/OR want booleans. A route that fails them is rejected by edgeHub at deployment, so
 * we reject it when it is parsed. Properties are strings: `temperature > 25` is such an error.
 */
import type { BinaryOperator, StaticType, UnaryOperator } from './condition-ast.js';

export type TypeCheck = { ok: true; type: StaticType } | { ok: false; message: string; hint?: string };

/** Types a `$body` value may be compared or combined with (edgeHub's QueryValue.IsSupportedType). */
const DYNAMIC_PARTNERS: ReadonlySet<StaticType> = new Set(['null', 'number', 'string', 'bool', 'dynamic']);

function pairMatches(expected: StaticType, given: StaticType): boolean {
  return expected === given || (given === 'dynamic' && DYNAMIC_PARTNERS.has(expected)) || (expected === 'dynamic' && DYNAMIC_PARTNERS.has(given));
}

function operandError(op: string, given: readonly StaticType[], expected: readonly StaticType[]): TypeCheck {
  const arity = given.length === 1 ? 'unary ' : 'binary ';
  const have = given.map((type) => `'${typeName(type)}'`).join(' and ');
  const want = expected.map((type) => `'${typeName(type)}'`).join(' and ');
  const hint = given.includes('string') && expected.includes('number')
    ? 'properties are strings: convert with as_number(…), e.g. as_number(temperature) > 25'
    : given.includes('string') && given.includes('number')
      ? "properties are strings: compare with a string ('25') or convert with as_number(…)"
      : undefined;
  return { ok: false, message: `invalid operands to ${arity}operator '${op}': have ${have}, expected ${want}`, ...(hint === undefined ? {} : { hint }) };
}

export function typeName(type: StaticType): string {
  return type === 'dynamic' ? '$body value' : type;
}

/**
 * edgeHub builds these operators on its dynamic QueryValue type, which has no unary minus and no
 * modulo, so the route fails to compile there; say so instead of accepting what edgeHub rejects.
 */
function noDynamicOperator(op: string, hint: string): TypeCheck {
  return { ok: false, message: `edgeHub cannot apply '${op}' to a $body value`, hint };
}

const resultOf = (left: StaticType, right: StaticType, type: StaticType): StaticType => (left === 'dynamic' || right === 'dynamic' ? 'dynamic' : type);

export function checkUnary(op: UnaryOperator, operand: StaticType): TypeCheck {
  if (op === '-') {
    if (operand === 'dynamic') return noDynamicOperator('-', "write 0 - $body.x");
    return operand === 'number' ? { ok: true, type: 'number' } : operandError('-', [operand], ['number']);
  }
  // "NOT null" is allowed; otherwise the operand must be a boolean (or a $body value).
  return operand === 'null' || pairMatches('bool', operand) ? { ok: true, type: 'bool' } : operandError('NOT', [operand], ['bool']);
}

export function checkBinary(op: BinaryOperator, opText: string, left: StaticType, right: StaticType): TypeCheck {
  switch (op) {
    case '%':
      if (left === 'dynamic' || right === 'dynamic') return noDynamicOperator('%', 'convert it first, e.g. as_number($body.x) % 2');
      return pairMatches('number', left) && pairMatches('number', right) ? { ok: true, type: 'number' } : operandError(opText, [left, right], ['number', 'number']);
    case '*': case '/': case '+': case '-':
      return pairMatches('number', left) && pairMatches('number', right)
        ? { ok: true, type: resultOf(left, right, 'number') }
        : operandError(opText, [left, right], ['number', 'number']);
    case '||':
      return pairMatches('string', left) && pairMatches('string', right)
        ? { ok: true, type: 'string' }
        : operandError(opText, [left, right], ['string', 'string']);
    case '<': case '<=': case '>': case '>=': case '=': case '!=':
      return pairMatches(left, left) && pairMatches(left, right) ? { ok: true, type: 'bool' } : operandError(opText, [left, right], [left, left]);
    case 'AND': case 'OR':
      return checkLogical(op, opText, left, right);
    case '??':
      if (!pairMatches(left, left) || !pairMatches(left, right)) return operandError(opText, [left, right], [left, left]);
      return { ok: true, type: left === 'undefined' ? right : left === 'dynamic' || right === 'dynamic' ? 'dynamic' : left };
  }
}

const LOGICAL: ReadonlySet<StaticType> = new Set(['null', 'bool', 'undefined', 'dynamic']);

function checkLogical(op: 'AND' | 'OR', opText: string, left: StaticType, right: StaticType): TypeCheck {
  // edgeHub checks the right operand against the *left* operand's dynamic-ness (a quirk of
  // ConditionVisitor.CheckBooleanOperands); kept so we accept exactly what it accepts.
  if (LOGICAL.has(left) && right === 'dynamic' && left !== 'dynamic') {
    return { ok: false, message: `edgeHub does not accept a $body value on the right of ${op} unless the left side is one too`, hint: 'compare it explicitly, e.g. … AND $body.flag = true, or swap the operands' };
  }
  const valid = LOGICAL.has(left) && (LOGICAL.has(right) || left === 'dynamic');
  if (!valid) return operandError(opText, [left, right], ['bool', 'bool']);
  const nullish = op === 'AND' ? left === 'null' || right === 'null' : left === 'null' && right === 'null';
  return { ok: true, type: nullish ? 'null' : 'bool' };
}
