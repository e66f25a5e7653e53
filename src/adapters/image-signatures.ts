/**
 * Signing and verifying images in a registry, cosign's keyed "attached" way: the simple-signing
 * payload as a layer of the `sha256-<hex>.sig` manifest in the image's own repository. This is
 * what `edgectl sign`/`verify` and the device supervisor's signature enforcement call.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { EdgeError } from '../core/errors.js';
import { parseImageReference, repositoryName, type ImageReference } from '../core/images/image-reference.js';
import { simpleSigningPayload } from '../core/signing/simple-signing.js';
import { buildSignatureArtifact, OCI_MANIFEST_MEDIA_TYPE, parseSignatureManifest, signatureConfig, signatureLayer, signatureTag, type Descriptor } from '../core/signing/sig-manifest.js';
import { parsePublicKey, publicKeyFingerprint, signPayload } from '../core/signing/signature.js';
import { SIGNATURE_FAILURE_CODES, verifySignatureLayer, worstFailure, type LayerVerdict } from '../core/signing/verify-signatures.js';
import type { HttpTransport } from './http-transport.js';
import { RegistryClient, type RegistryCredentials } from './registry-client.js';

/** A simple-signing payload is ~250 bytes; anything near this is not one (cosign allows 128 MiB, a device need not). */
const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface RegistryAccess {
  credentials?: RegistryCredentials | undefined;
  /** Plain http for a registry that is not on loopback. */
  insecure?: boolean;
  transport?: HttpTransport;
}

export interface VerifyImageSignatureOptions extends RegistryAccess {
  /** `registry/repo:tag` or `registry/repo@sha256:…`; a tag is resolved to its digest first. */
  image: string | ImageReference;
  /** Trusted keys: PEM text (cosign.pub) or KeyObjects. One valid signature by any of them suffices. */
  publicKeys: ReadonlyArray<string | KeyObject>;
  /**
   * Repository names (`registry/repo`) a signature's docker-reference must be one of. cosign does not
   * check it; a device can, so a signature made for one repository is not accepted for a copy elsewhere.
   * Leave it out to accept any (e.g. images relocated to a mirror).
   */
  identities?: readonly string[];
}

export interface VerifiedSignature {
  keyFingerprint: string;
  dockerReference: string;
  layerDigest: string;
  annotations: Record<string, string> | null;
}

export interface ImageVerification {
  /** registry/repository, e.g. 127.0.0.1:5000/demo/filter. */
  repository: string;
  /** The manifest digest the signatures were checked against: run exactly this, never the tag. */
  digest: string;
  /** `repository@digest`, the reference to pull. */
  pinned: string;
  signatures: VerifiedSignature[];
}

/**
 * Resolves the image to its digest and checks its cosign signatures against the keys. Resolves
 * when at least one signature verifies; otherwise throws an EdgeError whose code says why:
 * SIGNATURE_NOT_FOUND, SIGNATURE_KEY_MISMATCH, SIGNATURE_PAYLOAD_TAMPERED, SIGNATURE_DIGEST_MISMATCH,
 * SIGNATURE_IDENTITY_MISMATCH (only with `identities`), or IMAGE_NOT_FOUND / REGISTRY_* for lookups.
 */
export async function verifyImageSignature(options: VerifyImageSignatureOptions): Promise<ImageVerification> {
  const reference = typeof options.image === 'string' ? parseImageReference(options.image) : options.image;
  const keys = options.publicKeys.map((key) => (typeof key === 'string' ? parsePublicKey(key) : key));
  const client = clientFor(reference, options);
  const digest = await resolveDigest(client, reference);
  const repository = repositoryName(reference);
  const layers = await readSignatureLayers(client, reference, digest);
  const verdicts: LayerVerdict[] = await Promise.all(layers.map(async (layer) => {
    const payload = layer.size > MAX_PAYLOAD_BYTES ? undefined : await client.getBlob(reference.repository, layer.digest, MAX_PAYLOAD_BYTES);
    if (payload === undefined) return { ok: false, failure: 'payload-tampered', detail: `the payload blob ${layer.digest} is missing or too large` } as const;
    return verifySignatureLayer(layer, payload, keys, digest);
  }));
  const signatures: VerifiedSignature[] = [];
  verdicts.forEach((verdict, index) => {
    if (verdict.ok) {
      signatures.push({ keyFingerprint: verdict.keyFingerprint, dockerReference: verdict.claims.dockerReference, layerDigest: layers[index]?.digest ?? '', annotations: verdict.claims.optional });
    }
  });
  if (signatures.length === 0) throw signatureError(repository, digest, verdicts, keys);
  const accepted = options.identities === undefined ? signatures : signatures.filter((sig) => options.identities?.includes(sig.dockerReference));
  if (accepted.length === 0) {
    throw new EdgeError({
      code: 'SIGNATURE_IDENTITY_MISMATCH',
      message: `${repository}@${digest} is signed by the key, but for ${signatures.map((sig) => sig.dockerReference).join(', ')}, not ${(options.identities ?? []).join(', ')}`,
      hint: 'sign the image under the repository the device pulls from, or add that name to the accepted identities',
      details: { repository, digest },
    });
  }
  return { repository, digest, pinned: `${repository}@${digest}`, signatures: accepted };
}

export interface SignImageOptions extends RegistryAccess {
  image: string | ImageReference;
  /** May be a promise, so decrypting the key (scrypt) overlaps the registry round trips. */
  privateKey: KeyObject | Promise<KeyObject>;
  annotations?: Record<string, string>;
}

export interface SignedImage {
  repository: string;
  digest: string;
  signatureTag: string;
  /** False when an identical signature by this key was already there (cosign's dupe detection). */
  added: boolean;
  signatureCount: number;
}

/**
 * Signs the image's manifest digest and appends the signature to its `.sig` manifest. The payload
 * and the new config depend only on the digest, not on the signature, so they are uploaded while
 * the key is still being decrypted; only the manifest PUT waits for the signature.
 */
export async function signImage(options: SignImageOptions): Promise<SignedImage> {
  const reference = typeof options.image === 'string' ? parseImageReference(options.image) : options.image;
  const client = clientFor(reference, options);
  const repository = repositoryName(reference);
  const digest = await resolveDigest(client, reference);
  const tag = signatureTag(digest);
  const existing = await readSignatureLayers(client, reference, digest);
  const payload = simpleSigningPayload({ dockerReference: repository, manifestDigest: digest, optional: options.annotations ?? null });
  const unsigned = signatureLayer(payload, '');
  const config = signatureConfig([...existing, unsigned]);
  const [privateKey] = await Promise.all([
    options.privateKey,
    client.uploadBlob(reference.repository, payload),
    client.uploadBlob(reference.repository, config),
  ]);
  const layer = signatureLayer(payload, signPayload(payload, privateKey));
  const publicKey = createPublicKey(privateKey);
  const duplicate = existing.some((old) => old.digest === layer.digest && verifySignatureLayer(old, payload, [publicKey], digest).ok);
  if (duplicate) return { repository, digest, signatureTag: tag, added: false, signatureCount: existing.length };
  const layers = [...existing, layer];
  const artifact = buildSignatureArtifact(layers);
  await client.putManifest(reference.repository, tag, artifact.manifest, OCI_MANIFEST_MEDIA_TYPE);
  return { repository, digest, signatureTag: tag, added: true, signatureCount: layers.length };
}

function clientFor(reference: ImageReference, access: RegistryAccess): RegistryClient {
  return new RegistryClient({ registry: reference.registry, credentials: access.credentials, ...(access.insecure === undefined ? {} : { insecure: access.insecure }), ...(access.transport === undefined ? {} : { transport: access.transport }) });
}

/** The manifest digest for a reference: the pinned one, or sha256 of what the tag serves now. */
export async function resolveDigest(client: RegistryClient, reference: ImageReference): Promise<string> {
  if (reference.digest !== undefined) return reference.digest;
  const tag = reference.tag ?? 'latest';
  const manifest = await client.getManifest(reference.repository, tag);
  if (manifest === undefined) {
    throw new EdgeError({
      code: 'IMAGE_NOT_FOUND',
      message: `${repositoryName(reference)}:${tag} is not in the registry`,
      hint: 'push it first (`edgectl push`), or check the repository and tag',
    });
  }
  return manifest.digest;
}

async function readSignatureLayers(client: RegistryClient, reference: ImageReference, digest: string): Promise<Descriptor[]> {
  const manifest = await client.getManifest(reference.repository, signatureTag(digest), `${OCI_MANIFEST_MEDIA_TYPE}, application/vnd.docker.distribution.manifest.v2+json`);
  if (manifest === undefined) return [];
  const layers = parseSignatureManifest(manifest.bytes);
  if (layers === undefined) {
    throw new EdgeError({ code: 'SIGNATURE_MANIFEST_INVALID', message: `${repositoryName(reference)}:${signatureTag(digest)} is not a cosign signature manifest` });
  }
  return layers;
}

function signatureError(repository: string, digest: string, verdicts: readonly LayerVerdict[], keys: readonly KeyObject[]): EdgeError {
  const { failure, details } = worstFailure(verdicts);
  const keyList = keys.map(publicKeyFingerprint).join(', ');
  const messages: Record<typeof failure, string> = {
    'unsigned': `${repository}@${digest} has no signatures`,
    'key-mismatch': `no signature on ${repository}@${digest} was made by the given key (${keyList}); it was signed with another key, or its payload was altered after signing`,
    'payload-tampered': `a signature payload of ${repository}@${digest} was altered after signing`,
    'digest-mismatch': `the signature by the given key vouches for another image, not ${digest}`,
  };
  const hints: Record<typeof failure, string> = {
    'unsigned': `sign it: edgectl sign ${repository}@${digest} --key cosign.key`,
    'key-mismatch': 'check that --key is the public half of the key the image was signed with',
    'payload-tampered': 'do not run this image; re-sign it from a trusted build and check who can write to the registry',
    'digest-mismatch': 'the signature was copied from another image: re-sign this exact digest',
  };
  return new EdgeError({ code: SIGNATURE_FAILURE_CODES[failure], message: messages[failure], hint: hints[failure], details: { repository, digest, reasons: details } });
}
