/**
 * The "simple signing" payload cosign signs for an image (sigstore/sigstore payload.go): which
 * manifest digest is vouched for, under which repository name. Byte-exact with cosign's output.
 */
import { goJson, sortedRecord } from './go-json.js';

export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';

export interface SimpleSigningClaims {
  /** registry/repository, no tag or digest, e.g. `localhost:5000/demo/filter`. */
  dockerReference: string;
  /** `sha256:<64 hex>` of the signed manifest. */
  manifestDigest: string;
  /** cosign `-a key=value` annotations; null when there are none (Go's nil map). */
  optional: Readonly<Record<string, string>> | null;
}

export function simpleSigningPayload(claims: SimpleSigningClaims): Buffer {
  const payload = {
    critical: {
      identity: { 'docker-reference': claims.dockerReference },
      image: { 'docker-manifest-digest': claims.manifestDigest },
      type: SIMPLE_SIGNING_TYPE,
    },
    optional: claims.optional === null || Object.keys(claims.optional).length === 0 ? null : sortedRecord(claims.optional),
  };
  return Buffer.from(goJson(payload), 'utf8');
}

export type PayloadCheck =
  | { ok: true; claims: SimpleSigningClaims }
  | { ok: false; reason: 'not-json' | 'wrong-type' | 'no-digest' | 'other-digest'; detail: string };

/**
 * Reads a payload and checks it vouches for `expectedDigest`. Stricter than cosign (which ignores
 * `type`): like containers/image we require the cosign type, so other JSON signed by the same key
 * cannot pass as an image signature.
 */
export function checkSimpleSigningPayload(payload: Buffer, expectedDigest: string): PayloadCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not-json', detail: 'the signed payload is not JSON' };
  }
  const critical = field(parsed, 'critical');
  const type = field(critical, 'type');
  if (type !== SIMPLE_SIGNING_TYPE) {
    return { ok: false, reason: 'wrong-type', detail: `the signed payload's type is ${JSON.stringify(type)}, not "${SIMPLE_SIGNING_TYPE}"` };
  }
  const digest = field(field(critical, 'image'), 'docker-manifest-digest');
  if (typeof digest !== 'string') return { ok: false, reason: 'no-digest', detail: 'the signed payload names no manifest digest' };
  if (digest !== expectedDigest) {
    return { ok: false, reason: 'other-digest', detail: `the signature is for ${digest}, not ${expectedDigest}` };
  }
  const reference = field(field(critical, 'identity'), 'docker-reference');
  const optional = field(parsed, 'optional');
  return {
    ok: true,
    claims: {
      dockerReference: typeof reference === 'string' ? reference : '',
      manifestDigest: digest,
      optional: stringMembers(optional),
    },
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** Annotations as cosign's `-a` compares them: string values only (skopeo adds an integer timestamp). */
function stringMembers(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
