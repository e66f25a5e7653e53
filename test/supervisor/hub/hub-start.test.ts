/** Two hubs on one address: the second fails with the OS's reason, and state dirs stay owner-only. */
import t from 'tap';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../../../src/supervisor/hub/hub.js';

t.test('a taken address is an error naming it; the first hub is unaffected', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'edgectl-hub-start-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const first = await startHub({ stateDir: join(root, 'one'), deviceId: 'd', hostName: 'localhost', listen: { host: '127.0.0.1', port: 0 } });
  t.teardown(() => first.close());
  await t.rejects(startHub({ stateDir: join(root, 'two'), deviceId: 'd', hostName: 'localhost', listen: { host: '127.0.0.1', port: first.port } }), { code: 'EADDRINUSE' });
  t.equal(statSync(join(root, 'one')).mode & 0o777, 0o700, 'the state directory is owner-only');
  t.equal(statSync(join(root, 'one', 'tls', 'server.key.pem')).mode & 0o777, 0o600);
  t.equal(first.status().modules.length, 0);
});
