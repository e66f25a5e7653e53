import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { RegistryClient } from '../../src/adapters/registry-client.js';
import { runEdgectl } from '../harness/cli.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { pushTinyImage } from '../adapters/registry-fixtures.js';

interface ErrorDoc { error: { code: string; message: string; hint?: string } }

t.test('keygen, sign and verify as a user runs them', async (t) => {
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-sign-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { EDGECTL_PASSWORD: 'correct horse', COSIGN_PASSWORD: '' };
  const digest = await pushTinyImage(new RegistryClient({ registry: registry.host }), 'demo/filter', '1.0.0-amd64');
  const image = `${registry.host}/demo/filter:1.0.0-amd64`;

  const keygen = await runEdgectl(['keygen', '--json'], { cwd: dir, env });
  t.equal(keygen.exitCode, 0, keygen.stderr);
  t.equal(statSync(join(dir, 'cosign.key')).mode & 0o777, 0o600, 'private key is 0600');
  t.match(readFileSync(join(dir, 'cosign.key'), 'utf8'), /^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n/);
  t.match(readFileSync(join(dir, 'cosign.pub'), 'utf8'), /^-----BEGIN PUBLIC KEY-----\n/);
  t.notMatch(keygen.stdout + keygen.stderr, /correct horse/, 'the password is never printed');
  const again = await runEdgectl(['keygen', '--json'], { cwd: dir, env });
  t.equal(again.json<ErrorDoc>().error.code, 'KEY_EXISTS', 'existing keys are not overwritten');
  const other = await runEdgectl(['keygen', '--output-key-prefix', 'other', '--json'], { cwd: dir, env });
  t.equal(other.exitCode, 0);

  const unsigned = await runEdgectl(['verify', image, '--key', 'cosign.pub', '--json'], { cwd: dir, env });
  t.equal(unsigned.exitCode, 1);
  t.equal(unsigned.json<ErrorDoc>().error.code, 'SIGNATURE_NOT_FOUND', 'unsigned image');

  const badPassword = await runEdgectl(['sign', image, '--key', 'cosign.key'], { cwd: dir, env: { EDGECTL_PASSWORD: 'wrong' } });
  t.equal(badPassword.exitCode, 1);
  t.match(badPassword.stderr, /KEY_PASSWORD_WRONG.*password does not decrypt/s, 'a wrong password is a clear error');

  const noPassword = await runEdgectl(['sign', image, '--key', 'cosign.key', '--json'], { cwd: dir, env: { EDGECTL_PASSWORD: undefined as unknown as string, COSIGN_PASSWORD: undefined as unknown as string } });
  t.equal(noPassword.json<ErrorDoc>().error.code, 'KEY_PASSWORD_REQUIRED', 'no terminal and no password variable');

  const sign = await runEdgectl(['sign', image, '--key', 'cosign.key', '--json'], { cwd: dir, env });
  t.equal(sign.exitCode, 0, sign.stderr);
  t.match(sign.json(), { digest, added: true, signatureTag: `${digest.replace(':', '-')}.sig` });

  const cosignPassword = await runEdgectl(['sign', image, '--key', 'cosign.key', '--json'], { cwd: dir, env: { COSIGN_PASSWORD: 'correct horse' } });
  t.match(cosignPassword.json(), { added: false }, 'COSIGN_PASSWORD works; the same signature is not added twice');

  const verify = await runEdgectl(['verify', image, '--key', 'cosign.pub', '--json'], { cwd: dir, env });
  t.equal(verify.exitCode, 0, verify.stderr);
  t.match(verify.json(), { digest, pinned: `${registry.host}/demo/filter@${digest}`, signatures: [{ dockerReference: `${registry.host}/demo/filter` }] });

  const human = await runEdgectl(['verify', image, '--key', 'cosign.pub'], { cwd: dir, env });
  t.match(human.stdout, new RegExp(`✔ ${registry.host}/demo/filter@${digest}`));

  const wrongKey = await runEdgectl(['verify', image, '--key', 'other.pub', '--json'], { cwd: dir, env });
  t.equal(wrongKey.exitCode, 1);
  t.equal(wrongKey.json<ErrorDoc>().error.code, 'SIGNATURE_KEY_MISMATCH', 'wrong key');

  const eitherKey = await runEdgectl(['verify', image, '--key', 'other.pub', '--key', 'cosign.pub', '--json'], { cwd: dir, env });
  t.equal(eitherKey.exitCode, 0, 'any one of several keys is enough');
});

t.test('edgectl verify accepts a real cosign v3.0.4 signature artifact stored in a registry', async (t) => {
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const vector = (name: string) => readFileSync(new URL(`../../../test/fixtures/signing-vectors/cosign-v3.0.4-tobby-fixture/${name}`, import.meta.url));
  const client = new RegistryClient({ registry: registry.host });
  const digest = 'sha256:f20c43161d73848408ef247f0ec7111b19fe58ffebc0cbcaa0d2c8bda4967268';
  await client.uploadBlob('tobby/fixture', vector('payload.json'));
  await client.uploadBlob('tobby/fixture', vector('config.json'));
  await client.putManifest('tobby/fixture', `${digest.replace(':', '-')}.sig`, vector('sig-manifest.json'), 'application/vnd.oci.image.manifest.v1+json');
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-cosign-vector-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const keyPath = join(dir, 'cosign.pub');
  writeFileSync(keyPath, vector('cosign.pub'));
  const verify = await runEdgectl(['verify', `${registry.host}/tobby/fixture@${digest}`, '--key', keyPath, '--json']);
  t.equal(verify.exitCode, 0, verify.stderr + verify.stdout);
  t.match(verify.json(), { digest, signatures: [{ dockerReference: 'localhost:15381/tobby/fixture' }] });
  const otherKey = join(dir, 'other.pub');
  writeFileSync(otherKey, readFileSync(new URL('../../../test/fixtures/signing-vectors/containers-image-fixtures/cosign.pub', import.meta.url)));
  const wrong = await runEdgectl(['verify', `${registry.host}/tobby/fixture@${digest}`, '--key', otherKey, '--json']);
  t.equal(wrong.json<ErrorDoc>().error.code, 'SIGNATURE_KEY_MISMATCH');
});
