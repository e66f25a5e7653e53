/**
 * JSON texts a user edits by hand (deployment templates): parsed leniently (comments, bare `${X}`
 * placeholders) with every value's position kept, so an edit can touch only the bytes it must and
 * leave the user's formatting, key order and `"_comment"` keys alone.
 */
import { parseJsonWithPositions, type ParsedJson } from './json-parse.js';
import { appendPointer, valueAt } from './json-pointer.js';
import { LineIndex } from './line-index.js';
import { isObject } from './json-value.js';

export class JsonTextError extends Error {
  constructor(message: string, readonly offset: number, readonly line: number, readonly column: number) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = 'JsonTextError';
  }
}

/** Parses a hand-edited JSON text; a syntax error throws JsonTextError with its line and column. */
export function parseJsonText(text: string): ParsedJson {
  const parsed = parseJsonWithPositions(text, { comments: true, barePlaceholders: true });
  if (parsed.ok) return parsed;
  const at = new LineIndex(text).locate(parsed.error.offset);
  throw new JsonTextError(parsed.error.message, parsed.error.offset, at.line, at.column);
}

export interface JsonMemberSpan {
  key: string;
  keyStart: number;
  /** Offset just after the member's value. */
  valueEnd: number;
}

/** The members of the object at `pointer` in the order they are written, or undefined if it is not an object. */
export function objectMembers(parsed: ParsedJson, pointer: string): JsonMemberSpan[] | undefined {
  const value = valueAt(parsed.value, pointer);
  if (!isObject(value)) return undefined;
  const members: JsonMemberSpan[] = [];
  for (const key of Object.keys(value)) {
    const span = parsed.spans.get(appendPointer(pointer, key));
    if (span?.keyStart !== undefined) members.push({ key, keyStart: span.keyStart, valueEnd: span.end });
  }
  // Object.keys puts integer-like keys first; the text's order is what an edit must follow.
  return members.sort((a, b) => a.keyStart - b.keyStart);
}
