/**
 * The JSON path subset edgeHub accepts after `$body.` and in twin_change_includes
 * (Routing.Core query/jsonpath/JsonPath.g4): names joined by dots, each optionally followed by
 * one array index, e.g. `a.b[0].c`. No wildcards, no quoted names, no `[0][1]`.
 */
import type { BodyPathStep, QueryValue } from './condition-ast.js';

const NOT_NAME = new Set('()<>@,;:\\"/[]?={}.\t\n\r');

export type BodyPathParse = { ok: true; path: BodyPathStep[] } | { ok: false; message: string; offset: number };

export function parseBodyPath(query: string): BodyPathParse {
  if (query.length === 0) return { ok: false, message: 'the $body query is empty', offset: 0 };
  const path: BodyPathStep[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    while (i < query.length && !NOT_NAME.has(query[i] as string)) i++;
    if (i === start) return { ok: false, message: i < query.length ? `expected a property name at '${query.slice(i)}'` : 'the path ends without a property name', offset: i };
    path.push(query.slice(start, i));
    if (query[i] === '[') {
      const close = query.indexOf(']', i);
      const digits = close < 0 ? '' : query.slice(i + 1, close);
      if (!/^[0-9]+$/.test(digits)) return { ok: false, message: 'an array index must be a whole number in brackets, e.g. [0]', offset: i };
      path.push(Number(digits));
      i = close + 1;
    }
    if (i === query.length) return { ok: true, path };
    if (query[i] !== '.') return { ok: false, message: `unexpected '${query[i] ?? ''}' in the $body query`, offset: i };
    i++;
  }
}

/** What a path lookup found: a usable value, nothing at all, or an object/array. */
const MISSING = Symbol('missing');

function walk(document: unknown, path: readonly BodyPathStep[]): unknown {
  let node: unknown = document;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return MISSING;
    if (typeof step === 'number' ? !Array.isArray(node) : Array.isArray(node)) return MISSING;
    const container = node as Record<string | number, unknown>;
    if (!Object.hasOwn(container, step)) return MISSING;
    node = container[step];
  }
  return node;
}

/**
 * The value at `path` in a parsed JSON body, as edgeHub's JsonMessageQueryValueProvider reads
 * it: a path that matches nothing is null (not undefined), and objects or arrays are undefined
 * because a condition cannot use them.
 */
export function readBodyPath(document: unknown, path: readonly BodyPathStep[]): QueryValue {
  const node = walk(document, path);
  if (node === MISSING) return null;
  if (typeof node === 'string') return isJsonNetDate(node) ? undefined : node;
  if (node === null || typeof node === 'number' || typeof node === 'boolean') return node;
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const MICROSOFT_DATE = /^\/Date\(-?\d+([+-]\d{4})?\)\/$/;

/**
 * edgeHub parses bodies with Json.NET, which turns strings that look like ISO 8601 date-times
 * ("2017-03-09T00:00:00.000Z") or "/Date(…)/" into dates; a date is not a value a condition can
 * use, so in edgeHub such a field reads as undefined. We read it the same way.
 */
function isJsonNetDate(text: string): boolean {
  if (text.startsWith('/')) return MICROSOFT_DATE.test(text);
  if (text.length < 19 || text.length > 40) return false;
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

/**
 * twin_change_includes: false when the path matches nothing, true when it matches anything
 * (null and objects included), as edgeHub's TwinChangeIncludes does.
 */
export function bodyPathPresent(document: unknown, path: readonly BodyPathStep[]): boolean {
  return walk(document, path) !== MISSING;
}
