import t from 'tap';
import { parsePublicKey } from '../../../src/core/signing/signature.js';
import { verifySignatureLayer, worstFailure, type SignatureFailure } from '../../../src/core/signing/verify-signatures.js';
import { sha256Digest } from '../../../src/core/signing/sig-manifest.js';
import { containersImageSignature, fixtureImageDigest, vectorText } from './vectors.js';

const cosignPub = parsePublicKey(vectorText('containers-image-fixtures/cosign.pub'));
const cosign2Pub = parsePublicKey(vectorText('containers-image-fixtures/cosign2.pub'));
const rsaPub = parsePublicKey(vectorText('containers-image-fixtures/some-rsa-key.pub'));
const VALID_DIGEST = 'sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00';

interface Case { name: string; signature: string; image: string; key: typeof cosignPub; expect: 'ok' | SignatureFailure }

const cases: Case[] = [
  { name: 'cosign keyed signature', signature: 'dir-img-cosign-valid/signature-1', image: 'dir-img-cosign-valid', key: cosignPub, expect: 'ok' },
  { name: 'second signature of valid-2', signature: 'dir-img-cosign-valid-2/signature-2', image: 'dir-img-cosign-valid-2', key: cosignPub, expect: 'ok' },
  { name: 'first signature of valid-2', signature: 'dir-img-cosign-valid-2/signature-1', image: 'dir-img-cosign-valid-2', key: cosignPub, expect: 'ok' },
  { name: 'signature with a Rekor bundle, cosign2 key', signature: 'dir-img-cosign-key-rekor-valid/signature-1', image: 'dir-img-cosign-key-rekor-valid', key: cosign2Pub, expect: 'ok' },
  { name: 'skopeo-made signature with optional claims', signature: 'dir-img-cosign-valid-with-tag/signature-1', image: 'dir-img-cosign-valid-with-tag', key: cosignPub, expect: 'ok' },
  { name: 'mixed: the valid signature', signature: 'dir-img-cosign-mixed/signature-2', image: 'dir-img-cosign-mixed', key: cosignPub, expect: 'ok' },
  { name: 'mixed: the unknown-key signature', signature: 'dir-img-cosign-mixed/signature-1', image: 'dir-img-cosign-mixed', key: cosignPub, expect: 'key-mismatch' },
  { name: 'Rekor signature checked with the wrong key', signature: 'dir-img-cosign-key-rekor-valid/signature-1', image: 'dir-img-cosign-key-rekor-valid', key: cosignPub, expect: 'key-mismatch' },
  { name: 'valid signature checked with cosign2 key', signature: 'dir-img-cosign-valid/signature-1', image: 'dir-img-cosign-valid', key: cosign2Pub, expect: 'key-mismatch' },
  { name: 'keyless signature checked with a key', signature: 'dir-img-cosign-fulcio-rekor-valid/signature-1', image: 'dir-img-cosign-fulcio-rekor-valid', key: cosignPub, expect: 'key-mismatch' },
  { name: 'cert-based RSA signature with an unrelated RSA key', signature: 'dir-img-cosign-pki-valid/signature-1', image: 'dir-img-cosign-pki-valid', key: rsaPub, expect: 'key-mismatch' },
  { name: 'signature for another manifest', signature: 'dir-img-cosign-manifest-digest-error/signature-1', image: 'dir-img-cosign-manifest-digest-error', key: cosignPub, expect: 'digest-mismatch' },
  { name: 'manifest modified after signing', signature: 'dir-img-cosign-modified-manifest/signature-1', image: 'dir-img-cosign-modified-manifest', key: cosignPub, expect: 'digest-mismatch' },
  { name: 'other attachment with a copied signature', signature: 'dir-img-cosign-other-attachment/signature-1', image: 'dir-img-cosign-other-attachment', key: cosignPub, expect: 'key-mismatch' },
  { name: 'signature by an unknown key', signature: 'unknown-cosign-key.signature', image: 'dir-img-cosign-valid', key: cosignPub, expect: 'key-mismatch' },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const { layer, payload } = containersImageSignature(c.signature);
    const verdict = verifySignatureLayer(layer, payload, [c.key], fixtureImageDigest(c.image));
    if (c.expect === 'ok') {
      t.ok(verdict.ok, 'verifies');
      if (verdict.ok) t.equal(verdict.claims.manifestDigest, fixtureImageDigest(c.image));
    } else {
      t.notOk(verdict.ok, 'is refused');
      if (!verdict.ok) t.equal(verdict.failure, c.expect);
    }
  });
}

t.test('the skopeo signature keeps only string optional claims', async (t) => {
  const { layer, payload } = containersImageSignature('dir-img-cosign-valid-with-tag/signature-1');
  const verdict = verifySignatureLayer(layer, payload, [cosignPub], VALID_DIGEST);
  t.ok(verdict.ok);
  if (verdict.ok) t.same(verdict.claims.optional, { creator: 'containers/image 5.21.2-dev' });
});

t.test('a payload altered but re-digested fails the signature check', async (t) => {
  const { layer, payload } = containersImageSignature('dir-img-cosign-valid/signature-1');
  const altered = Buffer.from(payload.toString().replace('634a8f35', '634a8f36'));
  const verdict = verifySignatureLayer({ ...layer, digest: sha256Digest(altered), size: altered.length }, altered, [cosignPub], VALID_DIGEST);
  t.notOk(verdict.ok);
  if (!verdict.ok) t.equal(verdict.failure, 'key-mismatch');
});

t.test('a payload blob that does not match its descriptor is reported as tampered', async (t) => {
  const { layer, payload } = containersImageSignature('dir-img-cosign-valid/signature-1');
  const altered = Buffer.from(payload.toString().replace('cosign-signed', 'cosign-signeD'));
  const verdict = verifySignatureLayer(layer, altered, [cosignPub], VALID_DIGEST);
  t.notOk(verdict.ok);
  if (!verdict.ok) t.equal(verdict.failure, 'payload-tampered');
});

t.test('a layer without the signature annotation is unsigned', async (t) => {
  const { layer, payload } = containersImageSignature('dir-img-cosign-valid/signature-1');
  const verdict = verifySignatureLayer({ ...layer, annotations: {} }, payload, [cosignPub], VALID_DIGEST);
  t.same(verdict.ok ? 'ok' : verdict.failure, 'unsigned');
});

t.test('any one trusted key is enough; the worst failure is reported when none verifies', async (t) => {
  const { layer, payload } = containersImageSignature('dir-img-cosign-key-rekor-valid/signature-1');
  const digest = fixtureImageDigest('dir-img-cosign-key-rekor-valid');
  t.ok(verifySignatureLayer(layer, payload, [cosignPub, cosign2Pub], digest).ok);
  const failures = [
    verifySignatureLayer(layer, payload, [cosignPub], digest),
    verifySignatureLayer(layer, payload, [cosign2Pub], VALID_DIGEST),
  ];
  t.equal(worstFailure(failures).failure, 'digest-mismatch');
  t.equal(worstFailure([]).failure, 'unsigned');
});
