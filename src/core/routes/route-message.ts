/**
 * The message a route condition is evaluated against, and the lazily parsed JSON body that
 * `$body` queries read. The parse is cached per message object, so a hundred routes querying
 * the same message parse its body once: do not change a message's body, content type or
 * encoding once it is being routed (make a new message object instead).
 */
export interface RouteMessage {
  body: Uint8Array | string;
  /** Falls back to systemProperties.contentType, where edgeHub reads it. */
  contentType?: string;
  /** Falls back to systemProperties.contentEncoding. */
  contentEncoding?: string;
  /** Keyed by edgeHub's names without `$`: connectionDeviceId, connectionModuleId, outputName, messageId… */
  systemProperties: Readonly<Record<string, string>>;
  applicationProperties: Readonly<Record<string, string>>;
}

/** The system property names edgeHub stamps and routes read as `$name` (Routing.Core SystemProperties). */
export const SystemPropertyName = {
  messageId: 'messageId',
  correlationId: 'correlationId',
  userId: 'userId',
  to: 'to',
  contentType: 'contentType',
  contentEncoding: 'contentEncoding',
  connectionDeviceId: 'connectionDeviceId',
  connectionModuleId: 'connectionModuleId',
  outputName: 'outputName',
  inputName: 'inputName',
  enqueuedTime: 'enqueuedTime',
  creationTime: 'creationTime',
} as const;

const NOT_JSON = Symbol('not a JSON object');
const parsedBodies = new WeakMap<RouteMessage, unknown>();

/**
 * The body as a parsed JSON object, or undefined when edgeHub would not query it: the content
 * type must be application/json and the encoding utf-8, utf-16 or utf-32 (case-insensitive;
 * both are required), and the body must parse to a JSON object.
 */
export function bodyDocument(message: RouteMessage): object | undefined {
  let parsed = parsedBodies.get(message);
  if (parsed === undefined) {
    parsed = parseBody(message);
    parsedBodies.set(message, parsed);
  }
  return parsed === NOT_JSON ? undefined : (parsed as object);
}

function parseBody(message: RouteMessage): unknown {
  const contentType = message.contentType ?? message.systemProperties['contentType'];
  const encoding = (message.contentEncoding ?? message.systemProperties['contentEncoding'])?.toLowerCase();
  if (contentType?.toLowerCase() !== 'application/json' || encoding === undefined) return NOT_JSON;
  const text = decode(message.body, encoding);
  if (text === undefined) return NOT_JSON;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : NOT_JSON;
  } catch {
    return NOT_JSON;
  }
}

const utf8 = new TextDecoder('utf-8');
const utf16 = new TextDecoder('utf-16le');

function decode(body: Uint8Array | string, encoding: string): string | undefined {
  if (encoding !== 'utf-8' && encoding !== 'utf-16' && encoding !== 'utf-32') return undefined;
  if (typeof body === 'string') return body;
  if (encoding === 'utf-8') return utf8.decode(body);
  if (encoding === 'utf-16') return utf16.decode(body);
  return decodeUtf32(body);
}

/** UTF-32 little-endian (.NET's Encoding.UTF32); TextDecoder has no UTF-32. */
function decodeUtf32(body: Uint8Array): string {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let text = '';
  for (let i = 0; i + 3 < body.byteLength; i += 4) {
    const code = view.getUint32(i, true);
    text += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  }
  return text;
}
