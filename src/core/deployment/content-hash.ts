/**
 * Content hashes: the same JSON gives the same hash whatever the order of its keys, so re-applying a
 * reformatted manifest is a no-op and a module is recreated only when what it runs really changed.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A deployment's id: the first 16 hex digits of the sha256 of its canonical JSON. */
export function deploymentId(manifest: unknown): string {
  return sha256Hex(canonicalJson(manifest)).slice(0, 16);
}
