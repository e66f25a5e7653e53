import t from 'tap';
import { simpleSigningPayload } from '../../../src/core/signing/simple-signing.js';
import { buildSignatureArtifact, parseSignatureManifest, sha256Digest, signatureTag } from '../../../src/core/signing/sig-manifest.js';
import { decodeSignature, parsePublicKey, verifyPayload } from '../../../src/core/signing/signature.js';
import { verifySignatureLayer } from '../../../src/core/signing/verify-signatures.js';
import { goJson } from '../../../src/core/signing/go-json.js';
import { containersImageSignature, vectorFile, vectorText } from './vectors.js';

t.test('cosign v3.0.4 artifact: payload, manifest and config are rebuilt byte for byte', async (t) => {
  const payload = vectorFile('cosign-v3.0.4-tobby-fixture/payload.json');
  const manifest = vectorFile('cosign-v3.0.4-tobby-fixture/sig-manifest.json');
  const digest = 'sha256:f20c43161d73848408ef247f0ec7111b19fe58ffebc0cbcaa0d2c8bda4967268';
  t.same(simpleSigningPayload({ dockerReference: 'localhost:15381/tobby/fixture', manifestDigest: digest, optional: null }), payload);
  const layers = parseSignatureManifest(manifest);
  if (layers === undefined) throw new Error('unparsed');
  const rebuilt = buildSignatureArtifact(layers);
  t.equal(rebuilt.manifest.toString(), manifest.toString());
  t.same(rebuilt.config, vectorFile('cosign-v3.0.4-tobby-fixture/config.json'));
  t.equal(signatureTag(digest), 'sha256-f20c43161d73848408ef247f0ec7111b19fe58ffebc0cbcaa0d2c8bda4967268.sig');
  const key = parsePublicKey(vectorText('cosign-v3.0.4-tobby-fixture/cosign.pub'));
  const layer = layers[0];
  if (layer === undefined) throw new Error('no layer');
  t.ok(verifySignatureLayer(layer, payload, [key], digest).ok, 'the real signature verifies');
  const other = verifySignatureLayer(layer, payload, [key], `sha256:${'0'.repeat(64)}`);
  t.same(other.ok ? 'ok' : other.failure, 'digest-mismatch', 'and is refused for another digest');
});

t.test('cosign v2.4.1 attach trace: manifest with a wrapped base64 signature is rebuilt byte for byte', async (t) => {
  const manifest = vectorFile('cosign-v2-alpine-trace/sig-manifest.json');
  const payload = vectorFile('cosign-v2-alpine-trace/payload.json');
  const layers = parseSignatureManifest(manifest);
  if (layers === undefined) throw new Error('unparsed');
  t.equal(buildSignatureArtifact(layers).manifest.toString(), manifest.toString());
  t.ok(sha256Digest(manifest).startsWith('sha256:36570d59'), 'the digest the registry served');
  t.equal(layers[0]?.digest, sha256Digest(payload));
  const signature = decodeSignature(layers[0]?.annotations?.['dev.cosignproject.cosign/signature'] ?? '');
  t.ok(signature !== undefined && signature[0] === 0x30, 'the wrapped signature decodes to DER');
});

t.test('payloads from real cosign signatures are reproduced byte for byte', async (t) => {
  for (const path of ['dir-img-cosign-valid/signature-1', 'dir-img-cosign-key-rekor-valid/signature-1', 'dir-img-cosign-pki-valid/signature-1']) {
    const { payload } = containersImageSignature(path);
    const doc = JSON.parse(payload.toString()) as { critical: { identity: { 'docker-reference': string }; image: { 'docker-manifest-digest': string } } };
    const rebuilt = simpleSigningPayload({ dockerReference: doc.critical.identity['docker-reference'], manifestDigest: doc.critical.image['docker-manifest-digest'], optional: null });
    t.same(rebuilt, payload, path);
  }
});

t.test('optional annotations are sorted by byte order and escaped like Go', async (t) => {
  const payload = simpleSigningPayload({ dockerReference: 'r/x', manifestDigest: 'sha256:00', optional: { env: 'a<b&c>', GIT_HASH: 'abc' } });
  t.equal(payload.toString(), '{"critical":{"identity":{"docker-reference":"r/x"},"image":{"docker-manifest-digest":"sha256:00"},"type":"cosign container image signature"},"optional":{"GIT_HASH":"abc","env":"a\\u003cb\\u0026c\\u003e"}}');
  t.equal(simpleSigningPayload({ dockerReference: 'r/x', manifestDigest: 'sha256:00', optional: {} }).toString().endsWith('"optional":null}'), true);
  t.equal(goJson({ a: '\u2028' }), '{"a":"\\u2028"}');
});

t.test('signature annotations are decoded strictly', async (t) => {
  t.ok(decodeSignature('MEUC\nIQ==\n'));
  t.equal(decodeSignature('MEUC*IQ=='), undefined);
  t.equal(decodeSignature(''), undefined);
  t.equal(decodeSignature('abc'), undefined);
  const key = parsePublicKey(vectorText('containers-image-fixtures/cosign.pub'));
  t.notOk(verifyPayload(Buffer.from('x'), 'not base64!', key));
  t.notOk(verifyPayload(Buffer.from('x'), Buffer.from('not DER').toString('base64'), key));
});

t.test('several signatures: config lists one diff_id and one history entry per layer', async (t) => {
  const a = { mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', size: 1, digest: 'sha256:aa', annotations: { 'dev.cosignproject.cosign/signature': 'x' } };
  const b = { ...a, digest: 'sha256:bb' };
  const config = JSON.parse(buildSignatureArtifact([a, b]).config.toString()) as { history: unknown[]; rootfs: { diff_ids: string[] } };
  t.equal(config.history.length, 2);
  t.same(config.rootfs.diff_ids, ['sha256:aa', 'sha256:bb']);
  t.equal(parseSignatureManifest(Buffer.from('{"layers":"no"}')), undefined);
  t.equal(parseSignatureManifest(Buffer.from('not json')), undefined);
});
