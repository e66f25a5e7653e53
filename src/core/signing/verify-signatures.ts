/**
 * The verdict on an image's cosign signatures, given the .sig layers and their payload blobs:
 * at least one layer must carry a signature by a trusted key over a simple-signing payload that
 * names exactly the manifest digest being run (reference §4.2). When none does, the most telling
 * failure decides the error code, so `verify` can say *why* an image is refused.
 */
import type { KeyObject } from 'node:crypto';
import { checkSimpleSigningPayload, type SimpleSigningClaims } from './simple-signing.js';
import { SIGNATURE_ANNOTATION, sha256Digest, type Descriptor } from './sig-manifest.js';
import { publicKeyFingerprint, verifyPayload } from './signature.js';

export type LayerVerdict =
  | { ok: true; keyFingerprint: string; claims: SimpleSigningClaims; payload: Buffer }
  | { ok: false; failure: SignatureFailure; detail: string };

/** Ordered from least to most telling: the summary reports the highest one seen. */
export const SIGNATURE_FAILURES = ['unsigned', 'key-mismatch', 'payload-tampered', 'digest-mismatch'] as const;
export type SignatureFailure = (typeof SIGNATURE_FAILURES)[number];

export function verifySignatureLayer(layer: Descriptor, payload: Buffer, keys: readonly KeyObject[], expectedDigest: string): LayerVerdict {
  const signature = layer.annotations?.[SIGNATURE_ANNOTATION];
  if (signature === undefined) return { ok: false, failure: 'unsigned', detail: `layer ${layer.digest} carries no signature annotation` };
  if (payload.length !== layer.size || sha256Digest(payload) !== layer.digest) {
    return { ok: false, failure: 'payload-tampered', detail: `the payload blob does not match its digest ${layer.digest}: it was altered after signing` };
  }
  const key = keys.find((candidate) => verifyPayload(payload, signature, candidate));
  if (key === undefined) {
    return { ok: false, failure: 'key-mismatch', detail: `the signature in layer ${layer.digest} was not made by the given key over this payload` };
  }
  const check = checkSimpleSigningPayload(payload, expectedDigest);
  if (!check.ok) {
    return { ok: false, failure: check.reason === 'other-digest' ? 'digest-mismatch' : 'payload-tampered', detail: check.detail };
  }
  return { ok: true, keyFingerprint: publicKeyFingerprint(key), claims: check.claims, payload };
}

/** The most telling failure among layers that all failed, or 'unsigned' when there were none. */
export function worstFailure(verdicts: readonly LayerVerdict[]): { failure: SignatureFailure; details: string[] } {
  let worst: SignatureFailure = 'unsigned';
  const details: string[] = [];
  for (const verdict of verdicts) {
    if (verdict.ok) continue;
    details.push(verdict.detail);
    if (SIGNATURE_FAILURES.indexOf(verdict.failure) > SIGNATURE_FAILURES.indexOf(worst)) worst = verdict.failure;
  }
  return { failure: worst, details };
}

/** Stable error codes for each failure, documented in docs/errors.md. */
export const SIGNATURE_FAILURE_CODES: Record<SignatureFailure, string> = {
  'unsigned': 'SIGNATURE_NOT_FOUND',
  'payload-tampered': 'SIGNATURE_PAYLOAD_TAMPERED',
  'key-mismatch': 'SIGNATURE_KEY_MISMATCH',
  'digest-mismatch': 'SIGNATURE_DIGEST_MISMATCH',
};
