/**
 * Shared-access-signature tokens as the Azure IoT SDKs make them and edgeHub checks them
 * (shared/reference/edgehub-mqtt.md §3). Pure: HMAC is computation, the clock is a parameter.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** edgeHub tolerates this much clock skew past `se` (SharedAccessSignatureConstants.MaxClockSkew). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface SasToken {
  /** The resource URI exactly as it appeared in the token (still percent-encoded): it is what was signed. */
  rawResource: string;
  /** The decoded resource URI, e.g. "hub/devices/d/modules/m". */
  resource: string;
  signature: string;
  expiry: number;
  /** The raw `se` text: signed as written. */
  rawExpiry: string;
}

export type SasCheck = { ok: true } | { ok: false; reason: string };

/** The SDK's encoding: encodeURIComponent plus ! ' ( ) *, uppercase hex. */
export function encodeStrict(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function parseSasToken(text: string): SasToken | { error: string } {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] !== 'SharedAccessSignature') return { error: 'not a SharedAccessSignature token' };
  const fields = new Map<string, string>();
  for (const item of (parts[1] ?? '').split('&')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    fields.set(item.slice(0, eq).toLowerCase(), item.slice(eq + 1));
  }
  const rawResource = fields.get('sr');
  const rawSig = fields.get('sig');
  const rawExpiry = fields.get('se');
  if (rawResource === undefined || rawSig === undefined || rawExpiry === undefined) return { error: 'token lacks sr, sig or se' };
  const resource = safeDecode(rawResource);
  const signature = safeDecode(rawSig);
  const expiryText = safeDecode(rawExpiry);
  if (resource === undefined || signature === undefined || expiryText === undefined) return { error: 'token is not percent-encoded correctly' };
  if (!/^\d+$/.test(expiryText)) return { error: 'token expiry is not a number' };
  return { rawResource, resource, signature, expiry: Number(expiryText), rawExpiry };
}

export function signSas(rawResource: string, rawExpiry: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${rawResource}\n${rawExpiry}`, 'utf8').digest('base64');
}

/** A token as the Node SDK makes one: for tests, benchmarks and raw MQTT clients. */
export function createSasToken(resource: string, key: Buffer, expiry: number): string {
  const sr = encodeStrict(resource);
  const se = String(expiry);
  return `SharedAccessSignature sr=${sr}&sig=${encodeStrict(signSas(sr, se, key))}&se=${se}`;
}

export interface SasExpectation {
  /** Host names the audience may name: the IoT hub name handed out and the gateway name (G14). */
  hostNames: readonly string[];
  deviceId: string;
  moduleId: string;
  /** Primary then secondary key, base64-decoded. */
  keys: readonly Buffer[];
  nowSeconds: number;
}

export function checkSasToken(text: string, expect: SasExpectation): SasCheck {
  const token = parseSasToken(text);
  if ('error' in token) return { ok: false, reason: token.error };
  if (token.expiry + MAX_CLOCK_SKEW_SECONDS < expect.nowSeconds) return { ok: false, reason: 'token expired' };
  const segments = token.resource.split('/');
  if (segments.length !== 5 || segments[1] !== 'devices' || segments[3] !== 'modules') return { ok: false, reason: 'token resource is not a module' };
  const lower = (s: string | undefined): string => (s ?? '').toLowerCase();
  if (!expect.hostNames.some((h) => lower(h) === lower(segments[0]))) return { ok: false, reason: 'token names another hub' };
  if (lower(segments[2]) !== lower(expect.deviceId) || lower(segments[4]) !== lower(expect.moduleId)) {
    return { ok: false, reason: 'token names another identity' };
  }
  const given = Buffer.from(token.signature, 'base64');
  for (const key of expect.keys) {
    const wanted = Buffer.from(signSas(token.rawResource, token.rawExpiry, key), 'base64');
    if (wanted.length === given.length && timingSafeEqual(wanted, given)) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
}
