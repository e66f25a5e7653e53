/**
 * `edgectl quickstart --device <ssh device>`: the demo built here, its images offered to the device
 * through its supervisor (the harness devices share this machine's engine, so they are found there
 * and not sent again; test/supervisor/images.test.ts covers the sending), deployed over ssh, converged,
 * with the messages coming back and the next steps naming the device.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ensureBaseImages } from '../harness/base-images.js';
import { runEdgectl, type CliRun } from '../harness/cli.js';
import { requireService } from '../harness/require-service.js';
import { startSshDevice } from '../harness/ssh-device.js';
import { deviceArgs, removeDeviceContainers, stopDeviceSupervisor, wipeDeviceInstall } from './device-fixtures.js';

interface QuickstartDocument {
  device: string;
  deployment: { outcome: string; modules: { name: string; runtimeStatus: string }[] };
  messages: { module: string }[];
  next: string[];
}

t.test('the quickstart runs on a device over ssh', async (t) => {
  const device = await requireService(t, 'an sshd test device and the Docker Engine', async () => { ensureBaseImages(); return startSshDevice(); });
  if (device === undefined) return;
  const deviceId = `ssh-quickstart-${device.alias}`;
  const work = mkdtempSync(join(tmpdir(), 'edgectl-ssh-quickstart-'));
  t.teardown(async () => {
    stopDeviceSupervisor(device);
    removeDeviceContainers(deviceId);
    await device.stop();
    rmSync(work, { recursive: true, force: true });
  });
  wipeDeviceInstall(device);
  const on = deviceArgs(device);
  const install = await runEdgectl(['device', 'install', ...on, '--device-id', deviceId]);
  t.equal(install.exitCode, 0, outputOf(install));

  const run = await runEdgectl(['quickstart', '--dir', 'demo', ...on, '--json'], { cwd: work, timeoutMs: 600_000 });
  t.equal(run.exitCode, 0, outputOf(run));
  const doc = run.json<QuickstartDocument>();
  t.equal(doc.device, device.alias);
  t.equal(doc.deployment.outcome, 'converged');
  t.same(doc.deployment.modules.map((m) => [m.name, m.runtimeStatus]), [['SimulatedTemperatureSensor', 'running'], ['filtermodule', 'running']]);
  t.ok(doc.next.every((step) => step.includes(`--device ${device.alias}`) || !step.startsWith('edgectl')), 'the next steps name the device');
  t.notMatch(run.stderr, /sending /, 'the device already had both builds: nothing was sent');

  const status = await runEdgectl(['status', ...on, '--json']);
  t.match(status.json(), { deviceId, deployment: { state: 'converged' } });
});

function outputOf(run: CliRun): string {
  return `exit ${String(run.exitCode)}\n${run.stdout}\n${run.stderr}`;
}
