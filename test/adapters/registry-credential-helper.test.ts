/**
 * Docker credential helpers, with a small fake `docker-credential-fake` on the PATH
 * (fake-credential-helper.ts): the protocol (argv
 * `get`, server on stdin, JSON out), docker's choice of helper, and failures that name the helper
 * without repeating a secret. Then the whole CLI, signing and verifying through a registry that
 * wants credentials only the helper has.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { RegistryClient } from '../../src/adapters/registry-client.js';
import { findRegistryCredentials, registryCredentialFinder } from '../../src/adapters/registry-credentials.js';
import { fakeCredentialHelper } from './fake-credential-helper.js';
import { runEdgectl } from '../harness/cli.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { pushTinyImage } from './registry-fixtures.js';
import { gate } from './registry-gate.js';

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  return { message: 'no error' };
}

t.test('credsStore: the helper is asked as docker asks it', async (t) => {
  const { dir, env, calls } = fakeCredentialHelper((fn) => t.teardown(fn), { credsStore: 'fake', auths: { '127.0.0.1:5000': { username: 'from-auths', password: 'ignored' } } });
  t.same(await findRegistryCredentials('127.0.0.1:5000', { env, cwd: dir }), { username: 'alice', password: 's3cret', source: 'docker-credential-fake' }, 'the helper wins over auths, as in docker');
  t.same(calls(), ['get|127.0.0.1:5000'], 'argv is exactly `get`, the server address comes on stdin');
  t.equal(await findRegistryCredentials('unknown.example', { env, cwd: dir }), undefined, '"credentials not found" is anonymous access');

  const locked = await failure(findRegistryCredentials('locked.example', { env, cwd: dir }));
  t.match(locked, { code: 'CREDENTIAL_HELPER_FAILED', message: /docker-credential-fake get failed for locked\.example \(exit 2\): the keychain is locked/ });
  for (const server of ['json-but-failed.example', 'garbage.example']) {
    const error = await failure(findRegistryCredentials(server, { env, cwd: dir }));
    t.equal(error.code, 'CREDENTIAL_HELPER_FAILED', server);
    t.notMatch(`${error.message} ${error.hint ?? ''}`, /leaky-secret/, `${server}: the helper's output is not repeated`);
  }

  writeFileSync(join(dir, '.env'), 'CONTAINER_REGISTRY_SERVER=127.0.0.1:5000\nCONTAINER_REGISTRY_USERNAME=ci\nCONTAINER_REGISTRY_PASSWORD=from-env\n');
  const before = calls().length;
  t.match(await findRegistryCredentials('127.0.0.1:5000', { env, cwd: dir }), { username: 'ci', password: 'from-env' }, '.env comes first');
  t.equal(calls().length, before, 'and the helper is not run');
});

t.test('credHelpers: per registry, over credsStore; a missing helper is named', async (t) => {
  const { dir, env, calls } = fakeCredentialHelper((fn) => t.teardown(fn), { credsStore: 'missing', credHelpers: { '127.0.0.1:5000': 'fake' } });
  t.match(await findRegistryCredentials('127.0.0.1:5000', { env, cwd: dir }), { username: 'alice' });
  t.same(calls(), ['get|127.0.0.1:5000']);
  const missing = await failure(findRegistryCredentials('other.example', { env, cwd: dir }));
  t.match(missing, { code: 'CREDENTIAL_HELPER_FAILED', message: /credsStore needs docker-credential-missing, which is not on the PATH/, hint: /install docker-credential-missing/ });
});

t.test('one command run asks the helper once per registry server, however many images it holds', async (t) => {
  const { dir, env, calls } = fakeCredentialHelper((fn) => t.teardown(fn), { credsStore: 'fake' });
  const find = registryCredentialFinder({ env, cwd: dir });
  const answers = await Promise.all(['127.0.0.1:5000', '127.0.0.1:5000', '127.0.0.1:6000', 'unknown.example', '127.0.0.1:5000', 'UNKNOWN.example'].map((registry) => find(registry)));
  t.same(calls().sort(), ['get|127.0.0.1:5000', 'get|127.0.0.1:6000', 'get|unknown.example'], 'each server once, also when asked at the same time');
  t.match(answers, [{ username: 'alice' }, { username: 'alice' }, { username: 'alice' }, undefined, { username: 'alice' }, undefined]);
  await find('127.0.0.1:6000');
  t.equal(calls().length, 3, 'a later image of a known registry reuses the answer');
  await registryCredentialFinder({ env, cwd: dir })('127.0.0.1:5000');
  t.equal(calls().length, 4, 'a new run (a new finder) asks again');
});

t.test('edgectl sign and verify through a registry whose credentials only the helper has', async (t) => {
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const front = await gate(registry.url, 'bearer');
  t.teardown(() => front.close());
  const digest = await pushTinyImage(new RegistryClient({ registry: front.host, credentials: { username: 'alice', password: 's3cret' } }), 'demo/app', 'helper');
  const { dir, env, calls } = fakeCredentialHelper((fn) => t.teardown(fn), { credsStore: 'fake' });
  const cli = { ...env, EDGECTL_PASSWORD: 'pw' };
  const image = `${front.host}/demo/app:helper`;
  t.equal((await runEdgectl(['keygen'], { cwd: dir, env: cli })).exitCode, 0);
  const sign = await runEdgectl(['sign', image, '--key', 'cosign.key', '--json'], { cwd: dir, env: cli });
  t.equal(sign.exitCode, 0, sign.stderr);
  t.match(sign.json(), { digest, added: true });
  const verify = await runEdgectl(['verify', image, '--key', 'cosign.pub', '--json'], { cwd: dir, env: cli });
  t.equal(verify.exitCode, 0, verify.stderr);
  t.ok(calls().every((line) => line === `get|${front.host}`) && calls().length >= 2, 'both commands asked the helper for this registry');
  t.notMatch(sign.stdout + sign.stderr + verify.stdout + verify.stderr, /s3cret/, 'the secret is in no output');

  writeFileSync(join(env.DOCKER_CONFIG, 'config.json'), JSON.stringify({}));
  const anonymous = await runEdgectl(['verify', image, '--key', 'cosign.pub', '--json'], { cwd: dir, env: cli });
  t.equal(anonymous.exitCode, 1);
  t.match(anonymous.json(), { error: { code: 'REGISTRY_AUTH_FAILED' } }, 'without the helper the registry refuses');
});
