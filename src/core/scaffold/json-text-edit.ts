/**
 * Inserts a property into a JSON object inside a JSON text, changing nothing else: the member goes
 * after the object's last member, indented like its siblings (or one indentation unit deeper than
 * the object's own line when it is empty), with the document's line ending. A single-line object
 * gets the new member on the same line.
 */
import { nodeAt, parseJsonText, type JsonObjectNode } from './json-text-parse.js';

export class JsonEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonEditError';
  }
}

export function insertProperty(text: string, pointer: string, key: string, value: unknown): string {
  const target = nodeAt(parseJsonText(text), pointer);
  if (target === undefined) throw new JsonEditError(`${pointer || '/'} does not exist`);
  if (target.type !== 'object') throw new JsonEditError(`${pointer || '/'} is not an object`);
  if (target.members.some((member) => member.key === key)) throw new JsonEditError(`${pointer}/${key} already exists`);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const last = target.members.at(-1);
  if (last === undefined) return insertIntoEmpty(text, target, key, value, unit, newline);
  const lineBreakBeforeFirst = /[\r\n]/.test(text.slice(target.start + 1, target.members[0]?.keyStart));
  if (!lineBreakBeforeFirst) {
    return `${text.slice(0, last.value.end)}, ${JSON.stringify(key)}: ${JSON.stringify(value)}${text.slice(last.value.end)}`;
  }
  const memberIndent = lineIndent(text, last.keyStart);
  const member = `${JSON.stringify(key)}: ${serialize(value, unit, memberIndent, newline)}`;
  return `${text.slice(0, last.value.end)},${newline}${memberIndent}${member}${text.slice(last.value.end)}`;
}

function insertIntoEmpty(text: string, target: JsonObjectNode, key: string, value: unknown, unit: string, newline: string): string {
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
