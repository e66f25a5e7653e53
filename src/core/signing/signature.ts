/**
 * Signing and checking a payload the way sigstore does: ECDSA over SHA-256, ASN.1 DER encoded,
 * standard base64 in the annotation. On verification a signature that is not DER is retried as
 * IEEE-P1363 r||s, and RSA keys use PKCS#1 v1.5, as sigstore's verifiers do.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export function signPayload(payload: Buffer, privateKey: KeyObject): string {
  return sign('sha256', payload, { key: privateKey, dsaEncoding: 'der' }).toString('base64');
}

/**
 * Decodes a signature annotation strictly. Go's base64 decoder skips CR and LF (signatures
 * attached with `cosign attach` may hold wrapped lines) but rejects anything else that is not
 * base64; Node's decoder silently skips junk, hence the check first.
 */
export function decodeSignature(annotation: string): Buffer | undefined {
  const text = annotation.replace(/[\r\n]/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

export function verifyPayload(payload: Buffer, signatureAnnotation: string, publicKey: KeyObject): boolean {
  const signature = decodeSignature(signatureAnnotation);
  if (signature === undefined) return false;
  try {
    if (publicKey.asymmetricKeyType === 'ec') {
      if (verify('sha256', payload, { key: publicKey, dsaEncoding: 'der' }, signature)) return true;
      return signature.length % 2 === 0 && signature.length <= 132 && verify('sha256', payload, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    }
    return verify('sha256', payload, publicKey, signature);
  } catch {
    // A malformed signature (bad DER, wrong length) is a failed check, not an error.
    return false;
  }
}

/** A PEM public key (PKIX `PUBLIC KEY`, or PKCS#1 `RSA PUBLIC KEY`) as a KeyObject. */
export function parsePublicKey(pem: string): KeyObject {
  return createPublicKey({ key: pem, format: 'pem' });
}

/** The SPKI PEM cosign writes to cosign.pub; Node's export is byte-identical to Go's pem encoder. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** sha256 of the SPKI DER: the key id we report for the key that verified a signature. */
export function publicKeyFingerprint(key: KeyObject): string {
  return `sha256:${createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}
