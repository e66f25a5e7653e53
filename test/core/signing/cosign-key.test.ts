import t from 'tap';
import { decryptPrivateKey, encryptPrivateKey, generateSigningKeyPair } from '../../../src/core/signing/cosign-key.js';
import { decodePem } from '../../../src/core/signing/pem.js';
import { parsePublicKey, publicKeyPem, signPayload, verifyPayload } from '../../../src/core/signing/signature.js';
import { EdgeError } from '../../../src/core/errors.js';
import { vectorText } from './vectors.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof EdgeError ? error.code : `not an EdgeError: ${String(error)}`;
  }
}

for (const name of ['pemsigstorekey.hello.key', 'pemcosignkey.hello.key']) {
  t.test(`cosign test key ${name} decrypts with its password and signs`, async (t) => {
    const pair = await decryptPrivateKey(vectorText(`cosign-keys-testdata/${name}`), 'hello');
    t.equal(pair.privateKey.asymmetricKeyType, 'ec');
    const payload = Buffer.from('{"x":1}');
    t.ok(verifyPayload(payload, signPayload(payload, pair.privateKey), pair.publicKey));
  });
  t.test(`cosign test key ${name} refuses a wrong password`, async (t) => {
    t.equal(await codeOf(decryptPrivateKey(vectorText(`cosign-keys-testdata/${name}`), 'hellO')), 'KEY_PASSWORD_WRONG');
  });
}

t.test('a key with SEC1 instead of PKCS#8 inside is rejected, as cosign does', async (t) => {
  t.equal(await codeOf(decryptPrivateKey(vectorText('cosign-keys-testdata/pemcosigneckey.sec1-inside.hello.key'), 'hello')), 'KEY_FORMAT_UNSUPPORTED');
});

t.test('the GitHub workflow key parses; an unknown password is reported as wrong', async (t) => {
  t.equal(await codeOf(decryptPrivateKey(vectorText('cosign-keys-testdata/github-workflows-cosign-test.key'), 'not-the-secret')), 'KEY_PASSWORD_WRONG');
  t.ok(parsePublicKey(vectorText('cosign-keys-testdata/github-workflows-cosign-test.pub')));
});

t.test('files that are not cosign keys are named as such', async (t) => {
  const pair = generateSigningKeyPair();
  const plain = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  t.equal(await codeOf(decryptPrivateKey(plain, '')), 'KEY_FORMAT_UNSUPPORTED');
  t.equal(await codeOf(decryptPrivateKey('garbage', '')), 'KEY_FORMAT_UNSUPPORTED');
  const weird = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from('{"kdf":{"name":"scrypt","params":{"N":1024,"r":8,"p":1},"salt":""},"cipher":{"name":"nacl/secretbox","nonce":""},"ciphertext":""}').toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
  t.equal(await codeOf(decryptPrivateKey(weird, '')), 'KEY_FORMAT_UNSUPPORTED', 'scrypt parameters outside cosign\'s list');
});

t.test('a key we encrypt has cosign\'s framing and round-trips, empty password included', async (t) => {
  const pair = generateSigningKeyPair();
  for (const password of ['s3cret', '']) {
    const pem = await encryptPrivateKey(pair.privateKey, password);
    const lines = pem.split('\n');
    t.equal(lines[0], '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----');
    t.equal(lines[1], 'eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwiciI6', 'first line identical to cosign\'s N=65536 keys');
    t.ok(lines.slice(1, -2).every((line) => line.length <= 64));
    t.ok(pem.endsWith('-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n'));
    const envelope = JSON.parse(decodePem(pem)?.der.toString() ?? '{}') as Record<string, unknown>;
    t.same(Object.keys(envelope), ['kdf', 'cipher', 'ciphertext']);
    const back = await decryptPrivateKey(pem, password);
    t.equal(publicKeyPem(back.publicKey), publicKeyPem(pair.publicKey));
  }
});

t.test('the public key PEM matches cosign.pub layout', async (t) => {
  const pem = vectorText('cosign-v3.0.4-tobby-fixture/cosign.pub');
  t.equal(publicKeyPem(parsePublicKey(pem)), pem);
});
