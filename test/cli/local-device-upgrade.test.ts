/**
 * The embedded local device after an upgrade: a supervisor of another build answering on the local
 * socket is replaced by this edgectl's build on the next command, and the command then works.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { SupervisorClient, unixSocketConnect } from '../../src/adapters/supervisor-client.js';
import { runEdgectl } from '../harness/cli.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { waitFor } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { localDeviceEnv } from '../e2e/local-device-env.js';

const BUNDLE = fileURLToPath(new URL('../../src/supervisor/edge-supervisor.bundle.mjs', import.meta.url));

t.test('a local supervisor of another build is replaced by this one', async (t) => {
  if ((await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); return true; })) === undefined) return;
  const device = localDeviceEnv('upgrade');
  t.teardown(() => device.destroy());
  // "Another build": the same code with one more byte, laid out as an install would (package.json three levels up).
  const other = join(device.home, 'old-build');
  mkdirSync(join(other, 'dist', 'src', 'supervisor'), { recursive: true });
  writeFileSync(join(other, 'package.json'), '{"name":"edge-supervisor","version":"0.0.9","type":"module"}\n');
  const oldBundle = join(other, 'dist', 'src', 'supervisor', 'edge-supervisor.bundle.mjs');
  writeFileSync(oldBundle, `${readFileSync(BUNDLE, 'utf8')}\n`);
  const stateDir = join(String(device.env['XDG_STATE_HOME']), 'edgectl', 'local');
  const socket = join(stateDir, 'supervisor.sock');
  const old = spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, oldBundle, 'run', '--state-dir', stateDir, '--socket', socket, '--device-id', device.deviceId], { stdio: 'ignore' });
  t.teardown(() => { old.kill('SIGKILL'); });
  const client = new SupervisorClient({ connect: unixSocketConnect(socket) });
  await waitFor('the old build to answer', async () => (await client.health().catch(() => undefined)) !== undefined, 30_000);
  const before = await client.health();
  const wanted = readFileSync(`${BUNDLE}.sha256`, 'utf8').trim().slice(0, 12);
  t.not(before.build, wanted, 'a different build runs');

  const status = await runEdgectl(['status', '--json'], { env: device.env, cwd: device.home });
  t.equal(status.exitCode, 0, status.stderr);
  t.match(status.stderr, /the local supervisor runs another build .*restarting it/);
  const after = await client.health();
  t.equal(after.build, wanted, 'this edgectl\'s build answers now');
  t.not(after.pid, before.pid);
  t.equal(before.version, '0.0.9', 'the old build reported its own version');
  await waitFor('the old build to exit', () => old.exitCode !== null || old.signalCode !== null, 15_000);
  t.equal(old.exitCode, 0, 'the old one stopped cleanly on SIGTERM');

  const again = await runEdgectl(['status'], { env: device.env, cwd: device.home });
  t.notMatch(again.stderr, /restarting|starting the local supervisor/, 'the same build is kept');
});
