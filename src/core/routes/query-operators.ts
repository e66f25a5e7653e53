/**
 * Run-time semantics of the condition operators, after edgeHub's Bool, Null, QueryValue and
 * ComparisonOperators types. Three-valued logic: a comparison involving undefined is undefined,
 * `false AND undefined` is false, `true OR undefined` is true, and a route matches only when its
 * condition is exactly true.
 */
import type { QueryValue } from './condition-ast.js';

export type CompareOperator = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** Order of value kinds when a `$body` value meets a value of another kind (QueryValueType). */
function kindRank(value: Exclude<QueryValue, undefined>): number {
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  return 4; // null
}

function order(a: Exclude<QueryValue, undefined>, b: Exclude<QueryValue, undefined>): number {
  const rankA = kindRank(a);
  const rankB = kindRank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (a === null || b === null) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  // Ordinal comparison of UTF-16 code units, as .NET's StringComparison.Ordinal.
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}

export function compare(op: CompareOperator, a: QueryValue, b: QueryValue): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  const sign = order(a, b);
  switch (op) {
    case '=': return sign === 0;
    case '!=': return sign !== 0;
    case '<': return sign < 0;
    case '<=': return sign <= 0;
    case '>': return sign > 0;
    case '>=': return sign >= 0;
  }
}

export type ArithmeticOperator = '*' | '/' | '%' | '+' | '-';

export function arithmetic(op: ArithmeticOperator, a: QueryValue, b: QueryValue): number | undefined {
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  let result: number;
  switch (op) {
    case '*': result = a * b; break;
    case '/': result = a / b; break;
    case '%': result = a % b; break;
    case '+': result = a + b; break;
    case '-': result = a - b; break;
  }
  return Number.isNaN(result) ? undefined : result;
}

/**
 * AND. With a `$body` operand (dynamic) both sides must be booleans or the result is undefined;
 * otherwise null wins (edgeHub: Null & Bool = Null) and undefined is the third truth value.
 */
export function and(a: QueryValue, b: QueryValue, dynamic: boolean): boolean | null | undefined {
  if (dynamic) return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : undefined;
  if (a === null || b === null) return null;
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

/** OR. Null is ignored beside a boolean (Bool | Null = Bool); null OR null is null. */
export function or(a: QueryValue, b: QueryValue, dynamic: boolean): boolean | null | undefined {
  if (dynamic) return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : undefined;
  if (a === null) return b === null ? null : asBool(b);
  if (b === null) return asBool(a);
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

/** NOT. `NOT null` is true (edgeHub's Null operator !); a `$body` value must be a boolean. */
export function not(a: QueryValue): boolean | undefined {
  if (a === null) return true;
  return typeof a === 'boolean' ? !a : undefined;
}

function asBool(value: QueryValue): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
