/**
 * Registry auth against the real registry behind a small gate that behaves like Docker Hub / ACR
 * (a bearer-token realm that wants basic credentials) or like an htpasswd registry (basic only).
 */
import t from 'tap';
import { RegistryClient } from '../../src/adapters/registry-client.js';
import { signImage, verifyImageSignature } from '../../src/adapters/image-signatures.js';
import { generateSigningKeyPair } from '../../src/core/signing/cosign-key.js';
import { EdgeError } from '../../src/core/errors.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { pushTinyImage } from './registry-fixtures.js';
import { gate } from './registry-gate.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof EdgeError ? error.code : `unexpected: ${String(error)}`;
  }
}

for (const mode of ['bearer', 'basic'] as const) {
  t.test(`${mode} auth: push, sign and verify with credentials; refused without`, async (t) => {
    const registry = await requireService(t, 'docker-registry', startRegistry);
    if (registry === undefined) return;
    t.teardown(() => registry.stop());
    const front = await gate(registry.url, mode);
    t.teardown(() => front.close());
    const credentials = { username: 'alice', password: 's3cret' };
    const digest = await pushTinyImage(new RegistryClient({ registry: front.host, credentials }), 'demo/app', '1');
    const key = generateSigningKeyPair();
    const image = `${front.host}/demo/app:1`;
    t.match(await signImage({ image, privateKey: key.privateKey, credentials }), { digest, added: true });
    t.match(await verifyImageSignature({ image, publicKeys: [key.publicKey], credentials }), { digest });
    t.equal(await codeOf(verifyImageSignature({ image, publicKeys: [key.publicKey] })), 'REGISTRY_AUTH_FAILED', 'no credentials');
    t.equal(await codeOf(verifyImageSignature({ image, publicKeys: [key.publicKey], credentials: { username: 'alice', password: 'wrong' } })), 'REGISTRY_AUTH_FAILED', 'wrong password');
    if (mode === 'bearer') t.match(front.tokenRequests[0], /service=gate&scope=repository%3Ademo%2Fapp%3Apull%2Cpush/, 'the token is asked for the challenged scope');
  });
}

t.test('https by default; http only for loopback or --insecure-registry', async (t) => {
  t.equal(new RegistryClient({ registry: 'myacr.azurecr.io' }).baseUrl, 'https://myacr.azurecr.io');
  t.equal(new RegistryClient({ registry: 'index.docker.io' }).baseUrl, 'https://registry-1.docker.io');
  t.equal(new RegistryClient({ registry: 'localhost:5000' }).baseUrl, 'http://localhost:5000');
  t.equal(new RegistryClient({ registry: '127.0.1.4:5000' }).baseUrl, 'http://127.0.1.4:5000');
  t.equal(new RegistryClient({ registry: '10.0.0.5:5000' }).baseUrl, 'https://10.0.0.5:5000');
  t.equal(new RegistryClient({ registry: '10.0.0.5:5000', insecure: true }).baseUrl, 'http://10.0.0.5:5000');
});
