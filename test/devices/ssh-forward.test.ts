/**
 * The supervisor API through a forward of its socket by the ssh master: calls work with no process
 * on the device (dial-stdio is made to fail, and they still work), warm and cold; a wrong remembered
 * socket path falls back to dial-stdio and is corrected; a device whose sshd forwards nothing is
 * served through dial-stdio, transparently, and remembered as such.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { SshTransport } from '../../src/adapters/ssh.js';
import { runEdgectl } from '../harness/cli.js';
import { run } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { startSshDevice, type SshDevice } from '../harness/ssh-device.js';
import { deviceArgs, removeDeviceContainers, stopDeviceSupervisor, wipeDeviceInstall } from './device-fixtures.js';

const idOf = (device: SshDevice): string => `ssh-fwd-${device.alias}`;

async function installedDevice(t: Test, sshdConfig: string[] = []): Promise<{ device: SshDevice; transport: SshTransport } | undefined> {
  const device = await requireService(t, 'sshd test device', () => startSshDevice({ sshdConfig }));
  if (device === undefined) return undefined;
  const transport = new SshTransport({ destination: { host: device.alias }, label: device.alias, configFile: device.sshConfig, hostKeyPolicy: 'strict', interactive: false, env: process.env });
  t.teardown(async () => { await transport.closeMaster(); stopDeviceSupervisor(device); removeDeviceContainers(idOf(device)); await device.stop(); });
  wipeDeviceInstall(device);
  const install = await runEdgectl(['device', 'install', ...deviceArgs(device), '--device-id', idOf(device), '--json']);
  t.equal(install.exitCode, 0, install.exitCode === 0 ? 'installed' : install.stdout + install.stderr);
  return { device, transport };
}

async function statusOf(device: SshDevice): Promise<string> {
  const result = await runEdgectl(['status', ...deviceArgs(device), '--json']);
  return result.exitCode === 0 ? result.json<{ deviceId: string }>().deviceId : `exit ${result.exitCode}: ${result.stdout}${result.stderr}`;
}

t.test('calls go through the forwarded supervisor socket: no process on the device', async (t) => {
  const ready = await installedDevice(t);
  if (ready === undefined) return;
  const { device, transport } = ready;
  const socket = join(device.home, '.local/state/edgectl/supervisor.sock');
  t.same(transport.socketCache.read(), { remoteSocket: socket }, 'install remembers the socket path');

  // dial-stdio now leaves a marker and fails: whatever still works did not use it.
  const launcher = join(device.home, '.local/share/edgectl/bin/edge-supervisor');
  const marker = join(device.home, 'dial-stdio-ran');
  const original = readFileSync(launcher);
  writeFileSync(launcher, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  chmodSync(launcher, 0o755);
  t.teardown(() => writeFileSync(launcher, original));

  t.equal(await statusOf(device), idOf(device), 'warm status');
  await transport.closeMaster();
  t.equal(await statusOf(device), idOf(device), 'cold status (the master is opened with the forward)');
  t.equal(await statusOf(device), idOf(device), 'warm again');
  await transport.closeMaster();
  t.same(await Promise.all([1, 2, 3].map(() => statusOf(device))), [1, 2, 3].map(() => idOf(device)), 'three cold calls at once');
  const masters = run('ps', ['-eo', 'args']).stdout.split('\n').filter((line) => line.startsWith('ssh ') && line.includes(device.sshConfig) && line.includes(' -N '));
  t.equal(masters.length, 1, 'share one master (none left running on its own)');
  const logs = await runEdgectl(['logs', 'nothing-here', ...deviceArgs(device), '--json']);
  t.match(logs.json(), { error: { code: 'MODULE_NOT_FOUND' } }, 'API errors come through the forward unchanged');
  t.notOk(existsSync(marker), 'dial-stdio never ran');
  const check = await runEdgectl(['device', 'check', ...deviceArgs(device), '--json']);
  t.match(check.json(), { checks: [{ name: 'ssh', status: 'ok' }] }, 'device check works too');

  writeFileSync(launcher, original);
  await t.test('a wrong remembered path: dial-stdio this time, and the path is learned again', async (t) => {
    transport.socketCache.write({ remoteSocket: '/tmp/edgectl-no-such-dir/supervisor.sock' });
    t.equal(await statusOf(device), idOf(device), 'status still works');
    t.same(transport.socketCache.read(), { remoteSocket: socket }, 'the right path is remembered');
    rmSync(marker, { force: true });
    writeFileSync(launcher, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    t.equal(await statusOf(device), idOf(device), 'and the next call is forwarded again');
    t.notOk(existsSync(marker), 'without dial-stdio');
    writeFileSync(launcher, original);
  });
});

for (const refusal of ['AllowStreamLocalForwarding no', 'DisableForwarding yes']) {
  t.test(`a device whose sshd says "${refusal}": dial-stdio, transparently`, async (t) => {
    const ready = await installedDevice(t, [refusal]);
    if (ready === undefined) return;
    const { device, transport } = ready;
    t.equal(await statusOf(device), idOf(device), 'status works');
    const entry = transport.socketCache.read();
    t.type(entry?.forwardRefusedAt, 'number', 'the refusal is remembered');
    t.equal(await statusOf(device), idOf(device), 'and the next call goes straight to dial-stdio');
    const logs = await runEdgectl(['logs', 'nothing-here', ...deviceArgs(device), '--json']);
    t.match(logs.json(), { error: { code: 'MODULE_NOT_FOUND' } });
  });
}
