/**
 * A JSON parser that remembers where every value came from. `JSON.parse` keeps neither positions
 * nor duplicate keys (the last one silently wins), and a manifest with two "modules" keys is a
 * real mistake we must point at, so diagnostics get line:column and the duplicate is reported.
 * Strict RFC 8259; a leading byte-order mark is skipped. (Over 200 lines: a recursive-descent
 * parser reads best as one class.)
 */
import { appendPointer } from './json-pointer.js';

/** Where one value sits in the text, as UTF-16 offsets; `key*` is its property name, if any. */
export interface JsonSpan {
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
}

export interface DuplicateKey {
  pointer: string;
  key: string;
  offset: number;
  firstOffset: number;
}

export interface JsonSyntaxError {
  message: string;
  offset: number;
}

export interface ParsedJson {
  value: unknown;
  /** JSON pointer → span, for every value in the document ('' is the root). */
  spans: Map<string, JsonSpan>;
  duplicates: DuplicateKey[];
}

export type JsonParseResult = ({ ok: true } & ParsedJson) | { ok: false; error: JsonSyntaxError; duplicates: DuplicateKey[] };

/** Deeper nesting than any manifest needs; it keeps hostile input from exhausting the stack. */
export const MAX_JSON_DEPTH = 256;

class SyntaxFailure {
  constructor(readonly message: string, readonly offset: number) {}
}

export interface JsonParseOptions {
  /**
   * Accept a bare `${NAME}` where a value belongs (`"ttl": ${TTL}`), as templates do; it is read as
   * the string "${NAME}". Such a template is not JSON until genconfig has expanded it.
   */
  barePlaceholders?: boolean;
  /** Skip `//` and `/* … *\/` comments, which some hand-edited deployment templates carry. */
  comments?: boolean;
}

export function parseJsonWithPositions(text: string, options: JsonParseOptions = {}): JsonParseResult {
  const parser = new Parser(text, options.barePlaceholders === true, options.comments === true);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, spans: parser.spans, duplicates: parser.duplicates };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: { message: error.message, offset: error.offset }, duplicates: parser.duplicates };
    throw error;
  }
}

/** RFC 8259 number; sticky, so it matches exactly at `lastIndex`. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS_SPACE = 0x20, WS_TAB = 0x09, WS_LF = 0x0a, WS_CR = 0x0d, SLASH = 0x2f, STAR = 0x2a;

class Parser {
  readonly spans = new Map<string, JsonSpan>();
  readonly duplicates: DuplicateKey[] = [];
  private pos = 0;

  constructor(private readonly text: string, private readonly barePlaceholders: boolean, private readonly comments: boolean) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  parseDocument(): unknown {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the file is empty: expected a JSON value');
    const value = this.parseValue('', 0, undefined);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the JSON document`);
    return value;
  }

  private parseValue(pointer: string, depth: number, key: { start: number; end: number } | undefined): unknown {
    const start = this.pos;
    const value = this.parseBare(pointer, depth);
    this.spans.set(pointer, key === undefined ? { start, end: this.pos } : { start, end: this.pos, keyStart: key.start, keyEnd: key.end });
    return value;
  }

  private parseBare(pointer: string, depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: return this.parseObject(pointer, depth + 1);
      case 0x5b: return this.parseArray(pointer, depth + 1);
      case 0x22: return this.parseString();
      case 0x74: return this.parseLiteral('true', true);
      case 0x66: return this.parseLiteral('false', false);
      case 0x6e: return this.parseLiteral('null', null);
      case 0x24:
        if (this.barePlaceholders && this.text.charCodeAt(this.pos + 1) === 0x7b) return this.parseBarePlaceholder();
        return this.fail(`unexpected ${this.describe()}: expected a value (object, array, string, number, true, false or null)`);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        return this.fail(`unexpected ${this.describe()}: expected a value (object, array, string, number, true, false or null)`);
    }
  }

  private parseObject(pointer: string, depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    const result: Record<string, unknown> = {};
    const firstSeen = new Map<string, number>();
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) { this.pos++; return result; }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail(`unexpected ${this.describe()}: expected a property name in double quotes`);
      const keyStart = this.pos;
      const key = this.parseString();
      const keyEnd = this.pos;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail(`unexpected ${this.describe()}: expected ':' after property name "${key}"`);
      this.pos++;
      this.skipWhitespace();
      const childPointer = appendPointer(pointer, key);
      const earlier = firstSeen.get(key);
      if (earlier === undefined) firstSeen.set(key, keyStart);
      else this.duplicates.push({ pointer: childPointer, key, offset: keyStart, firstOffset: earlier });
      const value = this.parseValue(childPointer, depth, { start: keyStart, end: keyEnd });
      // "__proto__" must become an own property, never the object's prototype.
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      if (next === 0x2c) {
        this.pos++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) === 0x7d) this.fail('trailing comma before \'}\'');
        continue;
      }
      if (next === 0x7d) { this.pos++; return result; }
      this.fail(`unexpected ${this.describe()}: expected ',' or '}' after a property value`);
    }
  }

  private parseArray(pointer: string, depth: number): unknown[] {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    const result: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) { this.pos++; return result; }
    for (;;) {
      result.push(this.parseValue(appendPointer(pointer, result.length), depth, undefined));
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      if (next === 0x2c) {
        this.pos++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) === 0x5d) this.fail('trailing comma before \']\'');
        continue;
      }
      if (next === 0x5d) { this.pos++; return result; }
      this.fail(`unexpected ${this.describe()}: expected ',' or ']' after an array element`);
    }
  }

  private parseString(): string {
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = this.text.charCodeAt(i);
      if (Number.isNaN(c)) { this.pos = start; this.fail('unterminated string'); }
      if (c === 0x22) break;
      if (c === 0x5c) { escaped = true; i += 2; continue; }
      if (c < 0x20) { this.pos = i; this.fail('control character in a string (newlines and tabs must be escaped as \\n, \\t)'); }
      i++;
    }
    this.pos = i + 1;
    if (!escaped) return this.text.slice(start + 1, i);
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid escape sequence in a string');
    }
  }

  private parseBarePlaceholder(): string {
    const end = this.text.indexOf('}', this.pos);
    if (end === -1 || /[\s"{]/.test(this.text.slice(this.pos + 2, end))) this.fail('unterminated ${…} placeholder');
    const value = this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
    return value;
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const found = NUMBER.exec(this.text);
    if (found === null) this.fail(`invalid number`);
    this.pos += found[0].length;
    return Number(found[0]);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`unexpected ${this.describe()}: expected a value`);
    this.pos += word.length;
    return value;
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c === WS_SPACE || c === WS_LF || c === WS_CR || c === WS_TAB) this.pos++;
      else if (c === SLASH && this.comments) this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    const second = this.text.charCodeAt(this.pos + 1);
    if (second === SLASH) {
      const end = this.text.indexOf('\n', this.pos);
      this.pos = end === -1 ? this.text.length : end;
    } else if (second === STAR) {
      const end = this.text.indexOf('*/', this.pos + 2);
      if (end === -1) this.fail('unterminated /* comment');
      this.pos = end + 2;
    } else {
      this.fail(`unexpected ${this.describe()}: expected a value or a comment`);
    }
  }

  private describe(): string {
    if (this.pos >= this.text.length) return 'end of file';
    const rest = /^[A-Za-z0-9_$.{}-]{1,20}/.exec(this.text.slice(this.pos, this.pos + 20))?.[0];
    if (rest !== undefined && rest.length > 1) return `'${rest}'`;
    return `character ${JSON.stringify(this.text[this.pos])}`;
  }

  private fail(message: string): never {
    throw new SyntaxFailure(message, this.pos);
  }
}

