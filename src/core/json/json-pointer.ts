/** RFC 6901 JSON Pointers: how a diagnostic names the value it is about, independent of layout. */
import type { JsonSpan } from './json-parse.js';

export function escapePointerToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

export function appendPointer(pointer: string, token: string | number): string {
  return `${pointer}/${typeof token === 'number' ? String(token) : escapePointerToken(token)}`;
}

export function joinPointer(tokens: readonly (string | number)[]): string {
  let pointer = '';
  for (const token of tokens) pointer = appendPointer(pointer, token);
  return pointer;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer`, or undefined when the path does not exist. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const token of splitPointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** The pointer of the innermost value that contains `offset` (for "what is at line:col?"). */
export function pointerAt(spans: ReadonlyMap<string, JsonSpan>, offset: number): string | undefined {
  let best: string | undefined;
  let bestSize = Number.POSITIVE_INFINITY;
  for (const [pointer, span] of spans) {
    const start = span.keyStart ?? span.start;
    if (offset >= start && offset < span.end && span.end - start < bestSize) {
      best = pointer;
      bestSize = span.end - start;
    }
  }
  return best;
}
