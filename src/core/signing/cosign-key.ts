/**
 * cosign's encrypted private key file (cosign.key): PEM around base64 JSON of
 * go-securesystemslib's encrypted envelope, scrypt for the key, NaCl secretbox
 * (XSalsa20-Poly1305) for the PKCS#8 DER. Keys move both ways between edgectl and cosign.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import nacl from 'tweetnacl';
import { EdgeError } from '../errors.js';
import { decodePem, encodePem } from './pem.js';

export const SIGSTORE_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
/** Older cosign releases wrote this label; cosign still reads it, so do we. */
export const LEGACY_COSIGN_KEY_LABEL = 'ENCRYPTED COSIGN PRIVATE KEY';

/** go-securesystemslib "Standard" parameters, what cosign uses when it writes a key. */
const WRITE_PARAMS = { N: 65536, r: 8, p: 1 } as const;
/** The only parameter sets cosign decrypts: anything else could make us burn memory on a hostile file. */
const ACCEPTED_N = new Set([32768, 65536, 131072]);
/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below what N=65536 takes. */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;

export interface CosignKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKeyPair(): CosignKeyPair {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

export async function encryptPrivateKey(privateKey: KeyObject, password: string): Promise<string> {
  const salt = randomBytes(32);
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  const key = await deriveKey(password, salt, WRITE_PARAMS.N);
  const plaintext = privateKey.export({ type: 'pkcs8', format: 'der' });
  const sealed = nacl.secretbox(new Uint8Array(plaintext), new Uint8Array(nonce), new Uint8Array(key));
  // Key order is go-securesystemslib's struct order, so the file reads like cosign's own.
  const envelope = {
    kdf: { name: 'scrypt', params: WRITE_PARAMS, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(sealed).toString('base64'),
  };
  return encodePem(SIGSTORE_KEY_LABEL, Buffer.from(JSON.stringify(envelope)));
}

/** Decrypts cosign.key; the errors say whether the file or the password is wrong. */
export async function decryptPrivateKey(pem: string, password: string): Promise<CosignKeyPair> {
  const block = decodePem(pem);
  if (block === undefined || (block.label !== SIGSTORE_KEY_LABEL && block.label !== LEGACY_COSIGN_KEY_LABEL)) {
    throw keyError('KEY_FORMAT_UNSUPPORTED', `not a cosign private key (expected a PEM "${SIGSTORE_KEY_LABEL}" block${block === undefined ? '' : `, found "${block.label}"`})`);
  }
  const envelope = parseEnvelope(block.der);
  const key = await deriveKey(password, envelope.salt, envelope.N);
  const opened = nacl.secretbox.open(envelope.ciphertext, envelope.nonce, new Uint8Array(key));
  if (opened === null) {
    throw new EdgeError({
      code: 'KEY_PASSWORD_WRONG',
      message: 'the password does not decrypt this private key',
      hint: 'set EDGECTL_PASSWORD (or COSIGN_PASSWORD) to the password given when the key was made',
    });
  }
  let privateKey: KeyObject;
  try {
    // cosign accepts PKCS#8 only; a SEC1 "EC PRIVATE KEY" inside is rejected by cosign too.
    privateKey = createPrivateKey({ key: Buffer.from(opened), format: 'der', type: 'pkcs8' });
  } catch {
    throw keyError('KEY_FORMAT_UNSUPPORTED', 'the decrypted key is not PKCS#8 (cosign rejects such keys as well)');
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

interface Envelope { N: number; salt: Buffer; nonce: Uint8Array; ciphertext: Uint8Array }

function parseEnvelope(json: Buffer): Envelope {
  let doc: unknown;
  try {
    doc = JSON.parse(json.toString('utf8'));
  } catch {
    throw keyError('KEY_FORMAT_UNSUPPORTED', 'the private key PEM does not hold cosign\'s JSON envelope');
  }
  // Go decodes JSON field names case-insensitively; cosign always writes them lower-case (N upper).
  const kdf = member(doc, 'kdf');
  const params = member(kdf, 'params');
  const cipher = member(doc, 'cipher');
  if (member(kdf, 'name') !== 'scrypt' || member(cipher, 'name') !== 'nacl/secretbox') {
    throw keyError('KEY_FORMAT_UNSUPPORTED', 'the private key uses a KDF or cipher other than scrypt + nacl/secretbox');
  }
  const N = member(params, 'N');
  if (typeof N !== 'number' || !ACCEPTED_N.has(N) || member(params, 'r') !== 8 || member(params, 'p') !== 1) {
    throw keyError('KEY_FORMAT_UNSUPPORTED', 'unsupported scrypt parameters in the private key');
  }
  const salt = base64Member(kdf, 'salt');
  const nonce = base64Member(cipher, 'nonce');
  const ciphertext = base64Member(doc, 'ciphertext');
  if (nonce.length !== nacl.secretbox.nonceLength || ciphertext.length < nacl.secretbox.overheadLength) {
    throw keyError('KEY_FORMAT_UNSUPPORTED', 'the private key\'s nonce or ciphertext is malformed');
  }
  return { N, salt, nonce: new Uint8Array(nonce), ciphertext: new Uint8Array(ciphertext) };
}

function deriveKey(password: string, salt: Buffer, N: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(password, 'utf8'), salt, 32, { N, r: 8, p: 1, maxmem: SCRYPT_MAXMEM }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function member(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (name in record) return record[name];
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function base64Member(value: unknown, name: string): Buffer {
  const text = member(value, name);
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw keyError('KEY_FORMAT_UNSUPPORTED', `the private key's "${name}" is not base64`);
  }
  return Buffer.from(text, 'base64');
}

function keyError(code: string, message: string): EdgeError {
  return new EdgeError({ code, message, hint: 'use a key made by `edgectl keygen` or `cosign generate-key-pair`' });
}
