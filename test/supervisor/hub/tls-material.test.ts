import t from 'tap';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTlsMaterial, type TlsMaker } from '../../../src/supervisor/hub/tls-material.js';
import { tlsMakerProcess } from '../../../src/supervisor/hub/tls-maker-process.js';
import { SUPERVISOR_BIN } from '../../harness/cli.js';

t.test('a CA and a server certificate for the hub names, owner-only, kept across starts', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'edgectl-tls-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'tls');
  const first = await ensureTlsMaterial(dir, ['edgehub', 'localhost', '127.0.0.1', '172.17.0.1']);
  const ca = new X509Certificate(first.caPem);
  const server = new X509Certificate(first.certPem);
  t.ok(ca.ca, 'the CA is a CA');
  t.ok(server.checkIssued(ca) && server.verify(ca.publicKey), 'the server certificate is signed by it');
  t.equal(server.checkHost('edgehub'), 'edgehub');
  t.equal(server.checkIP('172.17.0.1'), '172.17.0.1');
  t.equal(server.checkHost('other'), undefined);
  t.equal(statSync(dir).mode & 0o777, 0o700);
  for (const key of ['ca.key.pem', 'server.key.pem']) t.equal(statSync(join(dir, key)).mode & 0o777, 0o600, `${key} is 0600`);

  const again = await ensureTlsMaterial(dir, ['127.0.0.1', '172.17.0.1', 'edgehub', 'localhost']);
  t.equal(again.certPem, first.certPem, 'same names: nothing is remade');
  const renamed = await ensureTlsMaterial(dir, ['edgehub2', 'localhost']);
  t.not(renamed.certPem, first.certPem, 'new names: a new server certificate');
  t.equal(renamed.caPem, first.caPem, 'under the same CA, so modules keep trusting the hub');
  t.equal(new X509Certificate(renamed.certPem).checkHost('edgehub2'), 'edgehub2');
  t.equal(readFileSync(first.caFile, 'utf8'), first.caPem);
});

t.test('the daemon makes the material in a child process (edge-supervisor hub-tls); current material is not remade', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'edgectl-tls-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'tls');
  // `env -u NODE_OPTIONS`: the child runs as a device runs it, without tap's loaders.
  const inChild = tlsMakerProcess('env', ['-u', 'NODE_OPTIONS', process.execPath], SUPERVISOR_BIN);
  const made = await ensureTlsMaterial(dir, ['edgehub', 'localhost', '127.0.0.1'], undefined, inChild);
  const server = new X509Certificate(made.certPem);
  t.ok(server.checkIssued(new X509Certificate(made.caPem)), 'signed by the CA the child made');
  t.equal(server.checkHost('edgehub'), 'edgehub');
  const never: TlsMaker = () => Promise.reject(new Error('current material must not be remade'));
  const again = await ensureTlsMaterial(dir, ['127.0.0.1', 'localhost', 'edgehub'], undefined, never);
  t.equal(again.certPem, made.certPem);
  await t.rejects(inChild(join(root, 'other'), []), /making the hub's certificates failed: .*usage: edge-supervisor hub-tls/, 'a failing child is an error with its message');
});
