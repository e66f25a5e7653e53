/**
 * The built-in functions of edgeHub's route conditions (Routing.Core query/builtins): their
 * signatures, checked when a route is parsed, and what they compute. A function given a value of
 * the wrong type at run time (a `$body` field that is a number where a string was expected, a
 * missing property) yields undefined, never an error, as in edgeHub.
 */
import type { QueryValue, StaticType } from './condition-ast.js';

export interface BuiltinSignature {
  args: readonly StaticType[];
  /** The last argument may repeat (concat). */
  variadic?: boolean;
  /** `$body` values (dynamic) are accepted where a concrete type is expected. */
  acceptsDynamic: boolean;
  result: StaticType;
}

export interface Builtin {
  name: string;
  signatures: readonly BuiltinSignature[];
  run(args: readonly QueryValue[]): QueryValue;
}

const numeric = (fn: (x: number) => number): Builtin['run'] => (args) => {
  const [x] = args;
  if (typeof x !== 'number') return undefined;
  const result = fn(x);
  return Number.isNaN(result) ? undefined : result;
};

const stringPair = (fn: (a: string, b: string) => QueryValue): Builtin['run'] => (args) => {
  const [a, b] = args;
  return typeof a === 'string' && typeof b === 'string' ? fn(a, b) : undefined;
};

const one = (arg: StaticType, result: StaticType): BuiltinSignature[] => [{ args: [arg], acceptsDynamic: true, result }];
const anyOne = (result: StaticType): BuiltinSignature[] =>
  (['string', 'number', 'bool', 'null', 'undefined', 'dynamic'] as const).map((arg) => ({ args: [arg], acceptsDynamic: false, result }));

// .NET's double.TryParse(NumberStyles.Any, invariant culture): optional sign, thousands
// separators, a decimal point, an exponent, surrounding spaces; never hex.
const NUMBER_TEXT = /^\s*[+-]?(?=[\d.])(\d[\d,]*)?(\.\d*)?([eE][+-]?\d+)?\s*$/;

function asNumber(args: readonly QueryValue[]): QueryValue {
  const [x] = args;
  if (typeof x === 'number') return x;
  if (typeof x !== 'string' || !NUMBER_TEXT.test(x) || !/\d/.test(x)) return undefined;
  const value = Number(x.trim().replace(/,/g, ''));
  return Number.isNaN(value) ? undefined : value;
}

function substring(args: readonly QueryValue[]): QueryValue {
  const [input, start, length] = args;
  if (typeof input !== 'string' || typeof start !== 'number' || start < 0) return undefined;
  if (args.length === 2) return start <= input.length ? input.slice(Math.trunc(start)) : undefined;
  if (typeof length !== 'number' || start >= input.length || length < 0 || length > input.length - start) return undefined;
  const from = Math.trunc(start);
  return input.slice(from, from + Math.trunc(length));
}

const BUILTINS: readonly Builtin[] = [
  { name: 'abs', signatures: one('number', 'number'), run: numeric(Math.abs) },
  { name: 'exp', signatures: one('number', 'number'), run: numeric(Math.exp) },
  {
    name: 'power',
    signatures: [{ args: ['number', 'number'], acceptsDynamic: true, result: 'number' }],
    run: ([x, y]) => {
      if (typeof x !== 'number' || typeof y !== 'number') return undefined;
      const result = Math.pow(x, y);
      return Number.isNaN(result) ? undefined : result;
    },
  },
  { name: 'square', signatures: one('number', 'number'), run: numeric((x) => x * x) },
  { name: 'ceiling', signatures: one('number', 'number'), run: numeric(Math.ceil) },
  { name: 'floor', signatures: one('number', 'number'), run: numeric(Math.floor) },
  { name: 'sign', signatures: one('number', 'number'), run: numeric((x) => (x === 0 ? 0 : Math.sign(x))) },
  { name: 'sqrt', signatures: one('number', 'number'), run: numeric(Math.sqrt) },
  {
    name: 'as_number',
    signatures: [{ args: ['string'], acceptsDynamic: true, result: 'number' }, { args: ['number'], acceptsDynamic: false, result: 'number' }],
    run: asNumber,
  },
  { name: 'is_bool', signatures: anyOne('bool'), run: ([x]) => typeof x === 'boolean' },
  { name: 'is_defined', signatures: anyOne('bool'), run: ([x]) => x !== undefined },
  { name: 'is_null', signatures: anyOne('bool'), run: ([x]) => x === null },
  // edgeHub: is_number(3 / 0) is false; infinities are defined but not numbers.
  { name: 'is_number', signatures: anyOne('bool'), run: ([x]) => typeof x === 'number' && Number.isFinite(x) },
  { name: 'is_string', signatures: anyOne('bool'), run: ([x]) => typeof x === 'string' },
  {
    name: 'concat',
    signatures: [{ args: ['string', 'string'], variadic: true, acceptsDynamic: true, result: 'string' }],
    run: (args) => (args.every((x) => typeof x === 'string') ? args.join('') : undefined),
  },
  { name: 'length', signatures: one('string', 'number'), run: ([x]) => (typeof x === 'string' ? x.length : undefined) },
  { name: 'lower', signatures: one('string', 'string'), run: ([x]) => (typeof x === 'string' ? x.toLowerCase() : undefined) },
  { name: 'upper', signatures: one('string', 'string'), run: ([x]) => (typeof x === 'string' ? x.toUpperCase() : undefined) },
  {
    name: 'substring',
    signatures: [
      { args: ['string', 'number'], acceptsDynamic: true, result: 'string' },
      { args: ['string', 'number', 'number'], acceptsDynamic: true, result: 'string' },
    ],
    run: substring,
  },
  {
    name: 'index_of',
    signatures: [{ args: ['string', 'string'], acceptsDynamic: true, result: 'number' }],
    run: stringPair((a, b) => a.indexOf(b)),
  },
  { name: 'starts_with', signatures: [{ args: ['string', 'string'], acceptsDynamic: true, result: 'bool' }], run: stringPair((a, b) => a.startsWith(b)) },
  { name: 'ends_with', signatures: [{ args: ['string', 'string'], acceptsDynamic: true, result: 'bool' }], run: stringPair((a, b) => a.endsWith(b)) },
  { name: 'contains', signatures: [{ args: ['string', 'string'], acceptsDynamic: true, result: 'bool' }], run: stringPair((a, b) => a.includes(b)) },
];

const BY_NAME = new Map(BUILTINS.map((builtin) => [builtin.name, builtin]));

/** Every function name a condition may call, twin_change_includes included (it is parsed apart). */
export const BUILTIN_NAMES: readonly string[] = [...BUILTINS.map((builtin) => builtin.name), 'twin_change_includes'].sort();

/** The built-in of that name, case-insensitively (edgeHub accepts IS_DEFINED and is_defined alike). */
export function findBuiltin(name: string): Builtin | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The signature `argTypes` selects, the first that fits, as edgeHub picks its executor. */
export function selectSignature(builtin: Builtin, argTypes: readonly StaticType[]): BuiltinSignature | undefined {
  return builtin.signatures.find((signature) => signatureFits(signature, argTypes));
}

function signatureFits(signature: BuiltinSignature, given: readonly StaticType[]): boolean {
  const expected = signature.args;
  if (signature.variadic ? given.length < expected.length : given.length !== expected.length) return false;
  return given.every((type, i) => {
    const want = expected[Math.min(i, expected.length - 1)] as StaticType;
    return type === want || (signature.acceptsDynamic && type === 'dynamic' && want !== 'undefined');
  });
}

/** "takes 1 argument", "takes 2 or 3 arguments", "takes at least 2 arguments". */
export function describeArity(builtin: Builtin): string {
  const counts = [...new Set(builtin.signatures.map((signature) => signature.args.length))].sort();
  const variadic = builtin.signatures.some((signature) => signature.variadic);
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  if (variadic) return `takes at least ${counts[0] ?? 0} ${plural(counts[0] ?? 0)}`;
  const last = counts[counts.length - 1] ?? 0;
  return `takes ${counts.join(' or ')} ${plural(last)}`;
}

/** Whether some signature has that many arguments: an arity error is clearer than a type error. */
export function acceptsArgCount(builtin: Builtin, count: number): boolean {
  return builtin.signatures.some((signature) => (signature.variadic ? count >= signature.args.length : count === signature.args.length));
}
