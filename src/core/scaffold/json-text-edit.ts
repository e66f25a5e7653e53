/**
 * Inserts a property into a JSON object inside a JSON text, changing nothing else: the member goes
 * after the object's last member, indented like its siblings (or one indentation unit deeper than
 * the object's own line when it is empty), with the document's line ending. A single-line object
 * gets the new member on the same line.
 */
import type { JsonSpan } from '../json/json-parse.js';
import { objectMembers, parseJsonText } from '../json/json-text.js';

export class JsonEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonEditError';
  }
}

export function insertProperty(text: string, pointer: string, key: string, value: unknown): string {
  const parsed = parseJsonText(text);
  const target = parsed.spans.get(pointer);
  if (target === undefined) throw new JsonEditError(`${pointer || '/'} does not exist`);
  const members = objectMembers(parsed, pointer);
  if (members === undefined) throw new JsonEditError(`${pointer || '/'} is not an object`);
  if (members.some((member) => member.key === key)) throw new JsonEditError(`${pointer}/${key} already exists`);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const last = members.at(-1);
  if (last === undefined) return insertIntoEmpty(text, target, key, value, unit, newline);
  const lineBreakBeforeFirst = /[\r\n]/.test(text.slice(target.start + 1, members[0]?.keyStart));
  if (!lineBreakBeforeFirst) {
    return `${text.slice(0, last.valueEnd)}, ${JSON.stringify(key)}: ${JSON.stringify(value)}${text.slice(last.valueEnd)}`;
  }
  const memberIndent = lineIndent(text, last.keyStart);
  const member = `${JSON.stringify(key)}: ${serialize(value, unit, memberIndent, newline)}`;
  return `${text.slice(0, last.valueEnd)},${newline}${memberIndent}${member}${text.slice(last.valueEnd)}`;
}

function insertIntoEmpty(text: string, target: JsonSpan, key: string, value: unknown, unit: string, newline: string): string {
  const objectIndent = lineIndent(text, target.start);
  const memberIndent = objectIndent + unit;
  const member = `${JSON.stringify(key)}: ${serialize(value, unit, memberIndent, newline)}`;
  // Whatever was between the braces (whitespace, comments) is kept before the new member.
  const inside = text.slice(target.start + 1, target.end - 1).replace(/\s+$/, '');
  return `${text.slice(0, target.start + 1)}${inside}${newline}${memberIndent}${member}${newline}${objectIndent}${text.slice(target.end - 1)}`;
}

/** Pretty-prints a value with the document's indentation unit, continuing at `indent`. */
function serialize(value: unknown, unit: string, indent: string, newline: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(`${newline}${indent}`);
}

/** The leading whitespace of the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** The document's indentation unit: the first indented line's leading whitespace, else two spaces. */
export function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match?.[1] ?? '  ';
}
