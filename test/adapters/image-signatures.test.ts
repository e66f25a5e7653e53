import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { RegistryClient } from '../../src/adapters/registry-client.js';
import { nodeHttpTransport, type HttpTransport } from '../../src/adapters/http-transport.js';
import { signImage, verifyImageSignature } from '../../src/adapters/image-signatures.js';
import { generateSigningKeyPair } from '../../src/core/signing/cosign-key.js';
import { simpleSigningPayload } from '../../src/core/signing/simple-signing.js';
import { buildSignatureArtifact, parseSignatureManifest, signatureLayer, signatureTag } from '../../src/core/signing/sig-manifest.js';
import { publicKeyPem, signPayload } from '../../src/core/signing/signature.js';
import { EdgeError } from '../../src/core/errors.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { pushTinyImage } from './registry-fixtures.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof EdgeError ? error.code : `unexpected: ${String(error)}`;
  }
}

t.test('sign and verify against a real registry', async (t) => {
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const client = new RegistryClient({ registry: registry.host });
  const alice = generateSigningKeyPair();
  const mallory = generateSigningKeyPair();
  const digest = await pushTinyImage(client, 'demo/filter', '0.0.1-amd64');
  const image = `${registry.host}/demo/filter:0.0.1-amd64`;

  t.equal(await codeOf(verifyImageSignature({ image, publicKeys: [publicKeyPem(alice.publicKey)] })), 'SIGNATURE_NOT_FOUND', 'unsigned image');

  const signed = await signImage({ image, privateKey: alice.privateKey });
  t.equal(signed.digest, digest, 'the tag was resolved to the manifest digest');
  t.equal(signed.signatureTag, signatureTag(digest));
  t.ok(signed.added);

  const verified = await verifyImageSignature({ image, publicKeys: [publicKeyPem(alice.publicKey)] });
  t.equal(verified.digest, digest);
  t.equal(verified.pinned, `${registry.host}/demo/filter@${digest}`);
  t.equal(verified.signatures[0]?.dockerReference, `${registry.host}/demo/filter`);
  t.ok((await verifyImageSignature({ image: `${registry.host}/demo/filter@${digest}`, publicKeys: [alice.publicKey] })).signatures.length === 1, 'by digest too');

  t.test('the stored artifact has cosign\'s exact layout', async (t) => {
    const stored = await client.getManifest('demo/filter', signatureTag(digest));
    if (stored === undefined) throw new Error('no .sig manifest');
    t.equal(stored.mediaType, 'application/vnd.oci.image.manifest.v1+json');
    const doc = JSON.parse(stored.bytes.toString()) as { schemaVersion: number; mediaType: string; config: { mediaType: string; digest: string }; layers: Array<{ mediaType: string; digest: string; annotations: Record<string, string> }> };
    t.same(Object.keys(doc), ['schemaVersion', 'mediaType', 'config', 'layers'], 'no subject, no manifest annotations');
    t.equal(doc.config.mediaType, 'application/vnd.oci.image.config.v1+json');
    t.equal(doc.layers[0]?.mediaType, 'application/vnd.dev.cosign.simplesigning.v1+json');
    t.same(Object.keys(doc.layers[0] ?? {}), ['mediaType', 'size', 'digest', 'annotations'], 'Go descriptor field order');
    t.same(Object.keys(doc.layers[0]?.annotations ?? {}), ['dev.cosignproject.cosign/signature'], 'only the signature annotation in keyed mode');
    t.match(doc.layers[0]?.annotations['dev.cosignproject.cosign/signature'], /^MEY|^MEU|^MEQ/);
    const payload = await client.getBlob('demo/filter', doc.layers[0]?.digest ?? '', 4096);
    t.same(payload, simpleSigningPayload({ dockerReference: `${registry.host}/demo/filter`, manifestDigest: digest, optional: null }), 'payload is the simple-signing document');
    const config = await client.getBlob('demo/filter', doc.config.digest, 4096);
    t.equal(config?.toString(), `{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"}],"os":"","rootfs":{"type":"layers","diff_ids":["${doc.layers[0]?.digest ?? ''}"]},"config":{}}`);
    const layers = parseSignatureManifest(stored.bytes) ?? [];
    t.same(buildSignatureArtifact(layers).manifest, stored.bytes, 'the registry serves exactly the bytes cosign would write');
    // Against what real cosign v3.0.4 stored: identical once digests, sizes, signature and names are blanked.
    const cosignManifest = readFileSync(fileURLToPath(new URL('../../../test/fixtures/signing-vectors/cosign-v3.0.4-tobby-fixture/sig-manifest.json', import.meta.url)), 'utf8');
    const cosignConfig = readFileSync(fileURLToPath(new URL('../../../test/fixtures/signing-vectors/cosign-v3.0.4-tobby-fixture/config.json', import.meta.url)), 'utf8');
    const cosignPayload = readFileSync(fileURLToPath(new URL('../../../test/fixtures/signing-vectors/cosign-v3.0.4-tobby-fixture/payload.json', import.meta.url)), 'utf8');
    t.equal(blank(stored.bytes.toString()), blank(cosignManifest), 'manifest byte layout equals cosign\'s');
    t.equal(blank(config?.toString() ?? ''), blank(cosignConfig), 'config byte layout equals cosign\'s');
    t.equal(blank(payload?.toString() ?? ''), blank(cosignPayload), 'payload byte layout equals cosign\'s');
  });

  t.test('signing again with the same key adds nothing; another key appends', async (t) => {
    t.equal((await signImage({ image, privateKey: alice.privateKey })).added, false);
    const bob = generateSigningKeyPair();
    const second = await signImage({ image, privateKey: Promise.resolve(bob.privateKey) });
    t.equal(second.signatureCount, 2);
    t.ok(await verifyImageSignature({ image, publicKeys: [publicKeyPem(alice.publicKey)] }));
    t.ok(await verifyImageSignature({ image, publicKeys: [publicKeyPem(bob.publicKey)] }));
  });

  t.equal(await codeOf(verifyImageSignature({ image, publicKeys: [publicKeyPem(mallory.publicKey)] })), 'SIGNATURE_KEY_MISMATCH', 'wrong key');
  t.ok(await verifyImageSignature({ image, publicKeys: [alice.publicKey], identities: [`${registry.host}/demo/filter`] }), 'the signed identity is accepted');
  t.equal(await codeOf(verifyImageSignature({ image, publicKeys: [alice.publicKey], identities: ['mirror.example.com/demo/filter'] })), 'SIGNATURE_IDENTITY_MISMATCH', 'another identity is refused when asked');

  t.test('a signature moved from another image is refused as for another digest', async (t) => {
    const otherDigest = await pushTinyImage(client, 'demo/filter', 'other');
    const payload = simpleSigningPayload({ dockerReference: `${registry.host}/demo/filter`, manifestDigest: digest, optional: null });
    await writeSignatureManifest(client, otherDigest, [signatureLayer(payload, signPayload(payload, mallory.privateKey))], payload);
    t.equal(await codeOf(verifyImageSignature({ image: `${registry.host}/demo/filter:other`, publicKeys: [mallory.publicKey] })), 'SIGNATURE_DIGEST_MISMATCH');
  });

  t.test('a payload rewritten in the registry (signature kept) fails the key check', async (t) => {
    const target = await pushTinyImage(client, 'demo/filter', 'tampered');
    const original = simpleSigningPayload({ dockerReference: `${registry.host}/demo/filter`, manifestDigest: digest, optional: null });
    const forged = simpleSigningPayload({ dockerReference: `${registry.host}/demo/filter`, manifestDigest: target, optional: null });
    await writeSignatureManifest(client, target, [signatureLayer(forged, signPayload(original, alice.privateKey))], forged);
    t.equal(await codeOf(verifyImageSignature({ image: `${registry.host}/demo/filter:tampered`, publicKeys: [alice.publicKey] })), 'SIGNATURE_KEY_MISMATCH');
  });

  t.test('a payload altered on the way (digest no longer matches) is reported as tampered', async (t) => {
    const tampering: HttpTransport = async (url, request) => {
      const response = await nodeHttpTransport(url, request);
      if (!url.includes('/blobs/sha256:') || request.method !== 'GET') return response;
      return { ...response, body: Buffer.from(response.body.toString().replace('demo/filter', 'demo/filteR')) };
    };
    t.equal(await codeOf(verifyImageSignature({ image, publicKeys: [alice.publicKey], transport: tampering })), 'SIGNATURE_PAYLOAD_TAMPERED');
  });

  t.equal(await codeOf(verifyImageSignature({ image: `${registry.host}/demo/missing:1`, publicKeys: [alice.publicKey] })), 'IMAGE_NOT_FOUND');
});

async function writeSignatureManifest(client: RegistryClient, imageDigest: string, layers: ReturnType<typeof signatureLayer>[], payload: Buffer): Promise<void> {
  const artifact = buildSignatureArtifact(layers);
  await client.uploadBlob('demo/filter', payload);
  await client.uploadBlob('demo/filter', artifact.config);
  await client.putManifest('demo/filter', signatureTag(imageDigest), artifact.manifest, 'application/vnd.oci.image.manifest.v1+json');
}

/** The variable parts of a cosign artifact blanked out, leaving only its byte layout. */
function blank(text: string): string {
  return text
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:D')
    .replace(/"size":\d+/g, '"size":N')
    .replace(/("dev\.cosignproject\.cosign\/signature":)"[^"]*"/g, '$1"SIG"')
    .replace(/("docker-reference":)"[^"]*"/g, '$1"REF"');
}
