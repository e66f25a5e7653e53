/**
 * bin/edgectl moves NODE_EXTRA_CA_CERTS aside so Node does not build its root store at start-up;
 * edgectl must still trust those certificates on its TLS connections, and the programs it runs must
 * still see the variable. A plain-http loopback registry sends edgectl to an https token realm whose
 * certificate only the extra CA file vouches for; a credential helper records the environment it got.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl, runNode, EDGECTL_BIN, type CliRun } from '../harness/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'edgectl-extra-ca-'));
const openssl = (...args: string[]): void => {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
};
openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'tls.key', '-out', 'tls.crt',
  '-days', '1', '-subj', '/CN=edgectl test realm', '-addext', 'subjectAltName=IP:127.0.0.1');
openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'signer.key');
openssl('ec', '-in', 'signer.key', '-pubout', '-out', 'signer.pub');

const tokenRequests: string[] = [];
const realm = createHttpsServer({ key: readFileSync(join(dir, 'tls.key')), cert: readFileSync(join(dir, 'tls.crt')) }, (req, res) => {
  tokenRequests.push(req.url ?? '');
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok' }));
});
const registry = createHttpServer((req, res) => {
  if (req.headers.authorization !== 'Bearer tok') {
    res.writeHead(401, { 'www-authenticate': `Bearer realm="https://127.0.0.1:${port(realm)}/token",service="test",scope="repository:demo/app:pull"` }).end();
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
});
await Promise.all([realm, registry].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
t.teardown(() => { realm.close(); registry.close(); });

// A credential helper that answers anonymously and writes down the CA variables it was given.
const bin = join(dir, 'bin');
mkdirSync(bin);
const helperLog = join(dir, 'helper-env.log');
writeFileSync(join(bin, 'docker-credential-probe'), `#!/bin/sh\nprintf '%s|%s\\n' "\${NODE_EXTRA_CA_CERTS-unset}" "\${EDGECTL_DEFERRED_CA_CERTS-unset}" >> '${helperLog}'\necho 'credentials not found' >&2\nexit 1\n`);
chmodSync(join(bin, 'docker-credential-probe'), 0o755);
mkdirSync(join(dir, 'docker'));
writeFileSync(join(dir, 'docker', 'config.json'), JSON.stringify({ credHelpers: { [`127.0.0.1:${port(registry)}`]: 'probe' } }));

const image = `127.0.0.1:${port(registry)}/demo/app:1`;
const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ PATH: `${bin}:${process.env['PATH'] ?? ''}`, DOCKER_CONFIG: join(dir, 'docker'), HOME: dir, ...extra });
const verify = (run: typeof runEdgectl, extra: NodeJS.ProcessEnv): Promise<CliRun> => run(['verify', image, '--key', join(dir, 'signer.pub'), '--json'], { cwd: dir, env: env(extra) });
const failure = (run: CliRun): { code?: string; message?: string } => run.json<{ error?: { code?: string; message?: string } }>().error ?? {};

t.test('run as a command, edgectl trusts the deferred CA file and hands the variable to its children', async (t) => {
  tokenRequests.length = 0;
  writeFileSync(helperLog, '');
  const run = await verify(runEdgectl, { NODE_EXTRA_CA_CERTS: join(dir, 'tls.crt') });
  t.equal(tokenRequests.length, 1, 'the https token realm was reached, so its certificate was trusted');
  t.equal(failure(run).code, 'IMAGE_NOT_FOUND', 'it got past the realm to the registry\'s answer');
  t.equal(readFileSync(helperLog, 'utf8').trim(), `${join(dir, 'tls.crt')}|unset`, 'the credential helper saw NODE_EXTRA_CA_CERTS as the user set it');
});

t.test('without the CA file the same realm is refused, so the trust above came from it', async (t) => {
  tokenRequests.length = 0;
  const run = await verify(runEdgectl, {});
  t.equal(tokenRequests.length, 0);
  t.equal(run.exitCode, 1);
  t.same(failure(run), {
    code: 'REGISTRY_CERTIFICATE_UNTRUSTED',
    message: `the TLS certificate of https://127.0.0.1:${port(realm)} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    hint: 'if your own CA signed it, point NODE_EXTRA_CA_CERTS at the CA\'s PEM file',
  });
});

t.test('`node bin/edgectl` (no shell line: Node loads the file itself) trusts it too', async (t) => {
  tokenRequests.length = 0;
  await runNode(EDGECTL_BIN, ['verify', image, '--key', join(dir, 'signer.pub'), '--json'], { cwd: dir, env: env({ NODE_EXTRA_CA_CERTS: join(dir, 'tls.crt') }) });
  t.equal(tokenRequests.length, 1);
});

t.test('an unreadable CA file is ignored with a warning, as Node does', async (t) => {
  tokenRequests.length = 0;
  const run = await verify(runEdgectl, { NODE_EXTRA_CA_CERTS: join(dir, 'missing.pem') });
  t.equal(tokenRequests.length, 0);
  t.match(run.stderr, /Ignoring extra certs from `.*missing\.pem`/);
});

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}
