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
    if (i === start) return { ok: false, message: `expected a property name at '${query.slice(i) || 'the end'}'`, offset: i };
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

/**
 * The value at `path` in a parsed JSON document. Objects and arrays are not values a condition
 * can use, so they read as undefined (edgeHub's BodyQuery does the same).
 */
export function readBodyPath(document: unknown, path: readonly BodyPathStep[]): QueryValue {
  let node: unknown = document;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (Array.isArray(node) || !Object.hasOwn(node, step)) return undefined;
      node = (node as Record<string, unknown>)[step];
    }
  }
  return toQueryValue(node);
}

/** Whether `path` exists at all (objects included), for twin_change_includes: null → false. */
export function bodyPathPresence(document: unknown, path: readonly BodyPathStep[]): boolean | undefined {
  let node: unknown = document;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    const container = node as Record<string | number, unknown>;
    if (!Object.hasOwn(container, step)) return undefined;
    node = container[step];
  }
  if (node === undefined) return undefined;
  return node !== null;
}

function toQueryValue(node: unknown): QueryValue {
  if (node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return node;
  return undefined;
}
