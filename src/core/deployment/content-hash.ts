/**
 * Content hashes: the same JSON gives the same hash whatever the order of its keys, so re-applying a
 * reformatted manifest is a no-op and a module is recreated only when what it runs really changed.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A deployment's id: the first 16 hex digits of the sha256 of its canonical JSON. */
export function deploymentId(manifest: unknown): string {
  return sha256Hex(canonicalJson(manifest)).slice(0, 16);
}
