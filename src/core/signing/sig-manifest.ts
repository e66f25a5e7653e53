/**
 * The registry artifact holding cosign "attached" signatures: an OCI image manifest tagged
 * `sha256-<hex>.sig` in the image's repository, one layer per signature (the payload blob, with
 * the base64 signature as an annotation), and the config go-containerregistry derives for them.
 * Byte-exact with cosign's output, so the digests match the ones cosign would compute.
 */
import { createHash } from 'node:crypto';
import { goJson, sortedRecord } from './go-json.js';
import { SIMPLE_SIGNING_MEDIA_TYPE } from './simple-signing.js';

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** cosign refuses more layers than this on one .sig manifest. */
export const MAX_SIGNATURE_LAYERS = 1000;

export interface Descriptor {
  mediaType: string;
  size: number;
  digest: string;
  annotations?: Record<string, string>;
}

export interface SignatureManifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
}

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** `sha256:abc…` → `sha256-abc….sig`, the tag cosign stores signatures under. */
export function signatureTag(manifestDigest: string): string {
  return `${manifestDigest.replace(':', '-')}.sig`;
}

export function signatureLayer(payload: Buffer, signature: string): Descriptor {
  return { mediaType: SIMPLE_SIGNING_MEDIA_TYPE, size: payload.length, digest: sha256Digest(payload), annotations: { [SIGNATURE_ANNOTATION]: signature } };
}

/**
 * The config of go-containerregistry's `mutate.Append(empty.Image, layers…)`: one diff_id and one
 * empty history entry per layer (layers are uncompressed, so diff_id = layer digest).
 */
export function signatureConfig(layers: readonly Descriptor[]): Buffer {
  const epoch = '0001-01-01T00:00:00Z';
  return Buffer.from(goJson({
    architecture: '',
    created: epoch,
    history: layers.map(() => ({ created: epoch })),
    os: '',
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
    config: {},
  }));
}

export interface SignatureArtifact {
  manifest: Buffer;
  config: Buffer;
}

/** The manifest and config bytes for these layers, serialized in Go's field order. */
export function buildSignatureArtifact(layers: readonly Descriptor[]): SignatureArtifact {
  const config = signatureConfig(layers);
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_MEDIA_TYPE,
    config: { mediaType: OCI_CONFIG_MEDIA_TYPE, size: config.length, digest: sha256Digest(config) },
    layers: layers.map(orderedDescriptor),
  };
  return { manifest: Buffer.from(goJson(manifest)), config };
}

function orderedDescriptor(layer: Descriptor): Descriptor {
  return {
    mediaType: layer.mediaType,
    size: layer.size,
    digest: layer.digest,
    ...(layer.annotations === undefined ? {} : { annotations: sortedRecord(layer.annotations) }),
  };
}

/** Reads the layers of an existing .sig manifest; anything not shaped like one yields undefined. */
export function parseSignatureManifest(bytes: Buffer): Descriptor[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  const layers = (doc as { layers?: unknown }).layers;
  if (!Array.isArray(layers) || layers.length > MAX_SIGNATURE_LAYERS) return undefined;
  const descriptors: Descriptor[] = [];
  for (const layer of layers as unknown[]) {
    const d = layer as Partial<Descriptor> | null;
    if (d === null || typeof d !== 'object' || typeof d.mediaType !== 'string' || typeof d.size !== 'number' || typeof d.digest !== 'string') return undefined;
    const annotations = typeof d.annotations === 'object' && d.annotations !== null ? d.annotations : undefined;
    descriptors.push({ mediaType: d.mediaType, size: d.size, digest: d.digest, ...(annotations === undefined ? {} : { annotations }) });
  }
  return descriptors;
}
