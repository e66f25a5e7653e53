/**
 * Registry auth against the real registry behind a small gate that behaves like Docker Hub / ACR
 * (a bearer-token realm that wants basic credentials) or like an htpasswd registry (basic only).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { RegistryClient } from '../../src/adapters/registry-client.js';
import { signImage, verifyImageSignature } from '../../src/adapters/image-signatures.js';
import { generateSigningKeyPair } from '../../src/core/signing/cosign-key.js';
import { EdgeError } from '../../src/core/errors.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { pushTinyImage } from './registry-fixtures.js';

const BASIC = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;

async function gate(upstream: string, mode: 'bearer' | 'basic'): Promise<{ host: string; close(): Promise<void>; tokenRequests: string[] }> {
  const tokenRequests: string[] = [];
  const server = createServer((req, res) => { void handle(req, res); });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const self = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url?.startsWith('/token')) {
      tokenRequests.push(req.url);
      if (req.headers.authorization !== BASIC) { res.writeHead(401).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok-123' }));
      return;
    }
    const wanted = mode === 'bearer' ? 'Bearer tok-123' : BASIC;
    if (req.headers.authorization !== wanted) {
      const challenge = mode === 'bearer' ? `Bearer realm="http://${self}/token",service="gate",scope="repository:demo/app:pull,push"` : 'Basic realm="gate"';
      res.writeHead(401, { 'www-authenticate': challenge }).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string' && key !== 'authorization' && key !== 'host' && key !== 'content-length') headers[key] = value;
    const response = await fetch(`${upstream}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => { if (key !== 'content-length' && key !== 'transfer-encoding') out[key] = key === 'location' ? value.replace(new URL(upstream).host, self) : value; });
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

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
