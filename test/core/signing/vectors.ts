/** Loads the real cosign test vectors (test/fixtures/signing-vectors, copied from shared/reference). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Descriptor } from '../../../src/core/signing/sig-manifest.js';
import { sha256Digest } from '../../../src/core/signing/sig-manifest.js';

export const VECTORS = fileURLToPath(new URL('../../../../test/fixtures/signing-vectors/', import.meta.url));

export function vectorFile(path: string): Buffer {
  return readFileSync(`${VECTORS}${path}`);
}

export function vectorText(path: string): string {
  return vectorFile(path).toString('utf8');
}

/** A containers/image `dir:` signature file as the .sig layer and payload blob cosign stored. */
export function containersImageSignature(path: string): { layer: Descriptor; payload: Buffer } {
  const raw = vectorText(`containers-image-fixtures/${path}`);
  const prefix = '\u0000sigstore-json\n';
  if (!raw.startsWith(prefix)) throw new Error(`${path} is not a sigstore-json signature`);
  const doc = JSON.parse(raw.slice(prefix.length)) as { mimeType: string; payload: string; annotations: Record<string, string> };
  const payload = Buffer.from(doc.payload, 'base64');
  return { payload, layer: { mediaType: doc.mimeType, size: payload.length, digest: sha256Digest(payload), annotations: doc.annotations } };
}

/** The digest of the image a containers/image fixture directory holds. */
export function fixtureImageDigest(dir: string): string {
  return sha256Digest(vectorFile(`containers-image-fixtures/${dir}/manifest.json`));
}
