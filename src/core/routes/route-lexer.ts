/**
 * Splits route text into tokens the way edgeHub's ANTLR lexer (GrammarLexer.g4) does: at each
 * position the longest match wins and ties go to the rule listed first. That is why `a-b`,
 * `temp*2` and `'x'y` are single names there (identifiers may hold `-`, `*`, `'`…), why `-5` is
 * one number token, and why `True` is a name while `true` is the literal. Matching it exactly
 * keeps validate and the hub in agreement with what edgeHub would accept.
 */
import type { TextSpan } from './route-types.js';

export type TokenKind =
  | 'punct' // ( ) , { } * / % + - = != <> <= >= < > || ??
  | 'keyword' // SELECT FROM WHERE INTO (any case)
  | 'word-op' // AND OR NOT (any case)
  | 'literal-word' // true false null undefined (lower case only)
  | 'string'
  | 'unterminated-string'
  | 'bad-escape'
  | 'number'
  | 'sys-prop' // $name…
  | 'id'
  | 'query-path' // a name holding [ or ], valid only after $
  | 'unknown'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written. For keywords and word operators, upper-cased in `value`. */
  text: string;
  /** Decoded string contents, parsed number, or upper-cased keyword. */
  value?: string | number;
  span: TextSpan;
  /** For `bad-escape`: where the offending escape sequence is. */
  problem?: TextSpan;
}

const PUNCT2 = ['!=', '<>', '<=', '>=', '||', '??'];
const PUNCT1 = '(),{}*/%+-=<>';
const KEYWORDS: ReadonlySet<string> = new Set(['SELECT', 'FROM', 'WHERE', 'INTO']);
const WORD_OPS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT']);
const LITERAL_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'undefined']);
// Characters that end a name (GrammarLexer.g4 ID_CHARS / QUERY_PATH_CHARS).
const NOT_QUERY_PATH = new Set('()<>@,;:\\"/?={} \t\n\r');
const NOT_ID = new Set([...NOT_QUERY_PATH, '[', ']']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

function runLength(text: string, start: number, excluded: Set<string>): number {
  let i = start;
  while (i < text.length && !excluded.has(text[i] as string)) i++;
  return i - start;
}

function digitsFrom(text: string, i: number): number {
  let j = i;
  while (isDigit(text[j])) j++;
  return j - i;
}

/** Length of a number token at `start` (INTEGER, HEX or REAL), 0 if none. */
function numberLength(text: string, start: number): number {
  if (text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X') && isHex(text[start + 2])) {
    let j = start + 2;
    while (isHex(text[j])) j++;
    return j - start;
  }
  let i = start;
  if (text[i] === '-') i++;
  const whole = digitsFrom(text, i);
  let j = i + whole;
  let best = whole > 0 ? j - start : 0;
  if (text[j] === '.' && isDigit(text[j + 1])) {
    j += 1 + digitsFrom(text, j + 1);
    best = j - start;
  }
  const exponent = exponentLength(text, j);
  if (exponent > 0 && (best > 0 || whole === 0)) best = j + exponent - start;
  return best;
}

function exponentLength(text: string, i: number): number {
  if (text[i] !== 'e' && text[i] !== 'E') return 0;
  let j = i + 1;
  if (text[j] === '+' || text[j] === '-') j++;
  const digits = digitsFrom(text, j);
  return digits > 0 ? j + digits - i : 0;
}

interface StringScan {
  length: number;
  terminated: boolean;
  value: string;
  badEscapeAt?: number;
}

/** A quoted string with edgeHub's escapes: \" \' \\ and \uXXXX only. */
function scanString(text: string, start: number): StringScan {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) return { length: i + 1 - start, terminated: true, value };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '"' || next === "'" || next === '\\') {
        value += next;
        i += 2;
        continue;
      }
      const hex = text.slice(i + 2, i + 6);
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      return { length: i - start, terminated: false, value, badEscapeAt: i };
    }
    value += c;
    i++;
  }
  return { length: i - start, terminated: false, value };
}

/** The next token at `start` (whitespace and comments are skipped by `tokenize`). */
function nextToken(text: string, start: number): Token {
  const span = (length: number): TextSpan => ({ offset: start, length });
  const c = text[start] as string;
  let best: Token = { kind: 'unknown', text: c, span: span(1) };
  const offer = (token: Token): void => {
    if (token.span.length > best.span.length || best.kind === 'unknown') best = token;
  };
  const two = text.slice(start, start + 2);
  if (PUNCT2.includes(two)) offer({ kind: 'punct', text: two, span: span(2) });
  else if (PUNCT1.includes(c)) offer({ kind: 'punct', text: c, span: span(1) });
  const idLen = runLength(text, start, NOT_ID);
  const word = idLen > 0 ? text.slice(start, start + idLen) : '';
  // A keyword, word operator or literal only wins when it is the whole name run (longest match).
  const upper = word.toUpperCase();
  if (KEYWORDS.has(upper)) offer({ kind: 'keyword', text: word, value: upper, span: span(idLen) });
  if (c === '"' || c === "'") {
    const scan = scanString(text, start);
    if (scan.terminated) offer({ kind: 'string', text: text.slice(start, start + scan.length), value: scan.value, span: span(scan.length) });
    else if (scan.badEscapeAt !== undefined) {
      const escape = text.slice(scan.badEscapeAt, scan.badEscapeAt + 2);
      offer({ kind: 'bad-escape', text: escape, span: span(scan.length), problem: { offset: scan.badEscapeAt, length: escape.length } });
    }
    else offer({ kind: 'unterminated-string', text: text.slice(start, start + scan.length), value: scan.value, span: span(scan.length) });
  }
  const numberLen = isDigit(c) || c === '-' || c === '.' ? numberLength(text, start) : 0;
  if (numberLen > 0) {
    const raw = text.slice(start, start + numberLen);
    offer({ kind: 'number', text: raw, value: /^0[xX]/.test(raw) ? parseInt(raw.slice(2), 16) : Number(raw), span: span(numberLen) });
  }
  if (LITERAL_WORDS.has(word)) offer({ kind: 'literal-word', text: word, value: word, span: span(idLen) });
  if (WORD_OPS.has(upper)) offer({ kind: 'word-op', text: word, value: upper, span: span(idLen) });
  if (c === '$') {
    const pathLen = runLength(text, start + 1, NOT_QUERY_PATH);
    if (pathLen > 0) offer({ kind: 'sys-prop', text: text.slice(start, start + 1 + pathLen), span: span(1 + pathLen) });
  }
  if (idLen > 0) offer({ kind: 'id', text: word, span: span(idLen) });
  // A query path is longer than the name only when brackets follow: skip the rescan otherwise.
  const next = text[start + idLen];
  const pathLen = next === '[' || next === ']' ? runLength(text, start, NOT_QUERY_PATH) : idLen;
  if (pathLen > idLen) offer({ kind: 'query-path', text: text.slice(start, start + pathLen), span: span(pathLen) });
  return best;
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** The index of the first character at or after `i` that is not whitespace or a closed comment. */
export function skipTrivia(text: string, i: number): number {
  for (;;) {
    const c = text[i];
    if (c !== undefined && WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end >= 0) {
        i = end + 2;
        continue;
      }
    }
    return i;
  }
}

/** The token at `i` or after any whitespace there (`eof` at the end of the text). */
export function readToken(text: string, i: number): Token {
  const start = skipTrivia(text, i);
  if (start >= text.length) return { kind: 'eof', text: '', span: { offset: text.length, length: 0 } };
  return nextToken(text, start);
}

/** Tokens of `text` from `from` to the end, always ending with an `eof` token. */
export function tokenize(text: string, from = 0): Token[] {
  const tokens: Token[] = [];
  let i = from;
  for (;;) {
    const token = readToken(text, i);
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
    if (token.kind === 'bad-escape') {
      tokens.push({ kind: 'eof', text: '', span: { offset: text.length, length: 0 } });
      return tokens;
    }
    i = token.span.offset + Math.max(1, token.span.length);
  }
}
