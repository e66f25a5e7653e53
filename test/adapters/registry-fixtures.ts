/** Puts small but real OCI images into a test registry through our own client, no Docker needed. */
import { randomBytes } from 'node:crypto';
import type { RegistryClient } from '../../src/adapters/registry-client.js';

export async function pushTinyImage(client: RegistryClient, repository: string, tag: string): Promise<string> {
  const layer = randomBytes(64);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
  const layerDigest = await client.uploadBlob(repository, layer);
  const configDigest = await client.uploadBlob(repository, config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: configDigest },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layer.length, digest: layerDigest }],
  }));
  return client.putManifest(repository, tag, manifest, 'application/vnd.oci.image.manifest.v1+json');
}
