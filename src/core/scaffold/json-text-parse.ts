/**
 * A JSON parser that keeps where everything is in the text, so an edit can touch only the bytes it
 * must and leave the user's formatting, key order and `"_comment"` keys alone. It also skips `//`
 * and `/* … *\/` comments, which some hand-edited deployment templates carry.
 */

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonScalarNode;

export interface JsonMember {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export interface JsonObjectNode {
  type: 'object';
  start: number;
  /** Offset just after the closing brace. */
  end: number;
  members: JsonMember[];
}

export interface JsonArrayNode {
  type: 'array';
  start: number;
  end: number;
  items: JsonNode[];
}

export interface JsonScalarNode {
  type: 'scalar';
  start: number;
  end: number;
  value: string | number | boolean | null;
}

export class JsonTextError extends Error {
  constructor(message: string, readonly offset: number, readonly line: number, readonly column: number) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = 'JsonTextError';
  }
}

export function parseJsonText(text: string): JsonNode {
  const parser = new Parser(text);
  const node = parser.value();
  parser.skipBlank();
  if (parser.offset < text.length) parser.fail('unexpected text after the JSON value');
  return node;
}

class Parser {
  offset = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    const before = this.text.slice(0, this.offset);
    const line = before.split('\n').length;
    const column = this.offset - before.lastIndexOf('\n');
    throw new JsonTextError(message, this.offset, line, column);
  }

  skipBlank(): void {
    for (;;) {
      const rest = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(this.text.slice(this.offset, this.offset + 4096));
      if (rest === null || rest[0].length === 0) return;
      this.offset += rest[0].length;
    }
  }

  value(): JsonNode {
    this.skipBlank();
    const start = this.offset;
    const char = this.text[this.offset];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { type: 'scalar', start, value: this.string(), end: this.offset };
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(this.text.slice(start, start + 400));
    if (literal === null) this.fail(char === undefined ? 'unexpected end of the JSON text' : `unexpected character ${JSON.stringify(char)}`);
    this.offset += literal[0].length;
    return { type: 'scalar', start, end: this.offset, value: JSON.parse(literal[0]) as JsonScalarNode['value'] };
  }

  string(): string {
    // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
    const match = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(this.text.slice(this.offset));
    if (match === null) this.fail('malformed string');
    this.offset += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  object(): JsonObjectNode {
    const start = this.offset++;
    const members: JsonMember[] = [];
    this.skipBlank();
    if (this.text[this.offset] === '}') return { type: 'object', start, end: ++this.offset, members };
    for (;;) {
      this.skipBlank();
      if (this.text[this.offset] !== '"') this.fail('expected a property name in double quotes');
      const keyStart = this.offset;
      const key = this.string();
      this.skipBlank();
      if (this.text[this.offset] !== ':') this.fail('expected ":"');
      this.offset++;
      members.push({ key, keyStart, value: this.value() });
      this.skipBlank();
      const next = this.text[this.offset++];
      if (next === '}') return { type: 'object', start, end: this.offset, members };
      if (next !== ',') { this.offset--; this.fail('expected "," or "}"'); }
    }
  }

  array(): JsonArrayNode {
    const start = this.offset++;
    const items: JsonNode[] = [];
    this.skipBlank();
    if (this.text[this.offset] === ']') return { type: 'array', start, end: ++this.offset, items };
    for (;;) {
      items.push(this.value());
      this.skipBlank();
      const next = this.text[this.offset++];
      if (next === ']') return { type: 'array', start, end: this.offset, items };
      if (next !== ',') { this.offset--; this.fail('expected "," or "]"'); }
    }
  }
}

/** The node at a JSON pointer (`/modulesContent/$edgeAgent/properties.desired`), or undefined. */
export function nodeAt(root: JsonNode, pointer: string): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of pointerSegments(pointer)) {
    if (node === undefined) return undefined;
    if (node.type === 'object') node = node.members.find((member) => member.key === segment)?.value;
    else if (node.type === 'array') node = /^(?:0|[1-9][0-9]*)$/.test(segment) ? node.items[Number(segment)] : undefined;
    else return undefined;
  }
  return node;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with "/": ${pointer}`);
  return pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The plain value of a node, for reading (the edit functions work on the text). */
export function plainValue(node: JsonNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'array') return node.items.map(plainValue);
  return Object.fromEntries(node.members.map((member) => [member.key, plainValue(member.value)]));
}
