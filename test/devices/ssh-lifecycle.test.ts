/**
 * A device over ssh from start to finish, with the real supervisor and Docker Engine: install →
 * deploy → converge → status → logs → restart → rollback; a repeated install changes nothing; an
 * upgrade replaces the supervisor and leaves the modules running; a second device works in parallel.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import t, { type Test } from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { requireService } from '../harness/require-service.js';
import { startSshDevice, type SshDevice } from '../harness/ssh-device.js';
import { deviceArgs, deviceContainers, ensureModuleImage, manifest, removeDeviceContainers, stopDeviceSupervisor, wipeDeviceInstall } from './device-fixtures.js';

interface StatusDoc {
  deviceId: string;
  deployment: { id: string; state: string } | null;
  previousDeploymentId: string | null;
  modules: Array<{ name: string; runtimeStatus: string; lastStartTime: string | null; containerId: string | null }>;
}

const work = mkdtempSync(join(tmpdir(), 'edgectl-ssh-e2e-'));
const first = join(work, 'first.json');
const second = join(work, 'second.json');
writeFileSync(first, manifest({ alpha: { GREETING: 'one' }, beta: {} }));
writeFileSync(second, manifest({ alpha: { GREETING: 'two' }, beta: {} }));

async function devices(t: Test, count: number): Promise<SshDevice[] | undefined> {
  const started = await requireService(t, 'sshd test devices, Docker Engine and the module image', async () => {
    await ensureModuleImage();
    return Promise.all(Array.from({ length: count }, () => startSshDevice()));
  });
  if (started === undefined) return undefined;
  t.teardown(async () => {
    for (const device of started) {
      stopDeviceSupervisor(device);
      removeDeviceContainers(idOf(device));
      await device.stop();
    }
  });
  for (const device of started) { wipeDeviceInstall(device); removeDeviceContainers(idOf(device)); }
  return started;
}
const idOf = (device: SshDevice): string => `ssh-e2e-${device.alias}`;

t.test('install → deploy → status → logs → restart → rollback on one device', async (t) => {
  const [device] = (await devices(t, 1)) ?? [];
  if (device === undefined) return;
  const on = deviceArgs(device);

  const install = await runEdgectl(['device', 'install', ...on, '--device-id', idOf(device), '--json']);
  t.equal(install.exitCode, 0, outputOf(install));
  t.match(install.json(), { action: 'install', mode: 'background', health: { ok: true, deviceId: idOf(device) } });
  t.match(install.stderr, /copying the supervisor build/);

  const check = await runEdgectl(['device', 'check', ...on, '--json']);
  t.equal(check.exitCode, 0, check.stdout);
  t.match(check.json(), { ok: true, checks: [{ name: 'ssh', status: 'ok' }, { name: 'docker engine', status: 'ok' }, { name: 'node', status: 'ok' }, { name: 'disk space' }, { name: 'clock' }, { name: 'supervisor', status: 'ok' }] });

  const deployed = await runEdgectl(['deploy', first, ...on, '--timeout', '90', '--json'], { timeoutMs: 150_000 });
  t.equal(deployed.exitCode, 0, outputOf(deployed));
  const firstId = deployed.json<{ deploymentId: string; outcome: string }>().deploymentId;
  t.equal(deployed.json<{ outcome: string }>().outcome, 'converged');

  const status = (await runEdgectl(['status', ...on, '--json'])).json<StatusDoc>();
  t.equal(status.deviceId, idOf(device));
  t.same(status.modules.map((m) => `${m.name}:${m.runtimeStatus}`).sort(), ['alpha:running', 'beta:running']);
  t.same(deviceContainers(idOf(device)).map((c) => c.state), ['running', 'running'], 'the containers run on the Docker Engine');
  const human = await runEdgectl(['status', ...on]);
  t.match(human.stdout, /alpha/);

  const logs = await runEdgectl(['logs', 'alpha', ...on, '--tail', 'all']);
  t.equal(logs.exitCode, 0, outputOf(logs));
  t.match(logs.stdout, /hello from alpha greeting=one/);

  const alphaBefore = status.modules.find((m) => m.name === 'alpha');
  const restarted = await runEdgectl(['restart', 'alpha', ...on, '--json']);
  t.equal(restarted.exitCode, 0, outputOf(restarted));
  t.equal(restarted.json<{ module: string }>().module, 'alpha');
  const hostileModule = await runEdgectl(['restart', 'alpha;touch /tmp/edgectl-ssh-e2e-marker', ...on, '--json']);
  t.not(hostileModule.exitCode, 0, 'a hostile module name is refused');
  t.notOk(existsMarker(), 'and ran nothing');

  const deployedTwo = await runEdgectl(['deploy', second, ...on, '--timeout', '90', '--json'], { timeoutMs: 150_000 });
  t.equal(deployedTwo.exitCode, 0, outputOf(deployedTwo));
  const rolledBack = await runEdgectl(['rollback', ...on, '--json'], { timeoutMs: 150_000 });
  t.equal(rolledBack.exitCode, 0, outputOf(rolledBack));
  const afterRollback = (await runEdgectl(['status', ...on, '--json'])).json<StatusDoc>();
  t.equal(afterRollback.deployment?.id, firstId, 'rollback returns to the first deployment');
  const alphaAfter = afterRollback.modules.find((m) => m.name === 'alpha');
  t.not(alphaAfter?.containerId, undefined);
  t.not(alphaBefore?.lastStartTime, alphaAfter?.lastStartTime, 'alpha was restarted and recreated');

  // The same install again: nothing copied, nothing restarted.
  const containers = deviceContainers(idOf(device)).map((c) => c.id).sort();
  const again = await runEdgectl(['device', 'install', ...on, '--device-id', idOf(device), '--json']);
  t.equal(again.exitCode, 0, outputOf(again));
  t.match(again.json(), { action: 'same-build', restarted: false, pid: install.json<{ pid: number }>().pid });
  t.notMatch(again.stderr, /copying/);

  // A newer build replaces the supervisor in place; the modules keep running in the same containers.
  const newer = join(work, 'edge-supervisor.bundle.mjs');
  const text = `${readFileSync(new URL('../../src/supervisor/edge-supervisor.bundle.mjs', import.meta.url), 'utf8')}\n// a newer build\n`;
  writeFileSync(newer, text);
  writeFileSync(`${newer}.sha256`, `${createHash('sha256').update(text).digest('hex')}\n`);
  const upgrade = await runEdgectl(['device', 'install', ...on, '--device-id', idOf(device), '--json'], { env: { EDGECTL_SUPERVISOR_BUNDLE: newer } });
  t.equal(upgrade.exitCode, 0, outputOf(upgrade));
  t.match(upgrade.json(), { action: 'upgrade', restarted: true });
  t.not(upgrade.json<{ pid: number }>().pid, install.json<{ pid: number }>().pid, 'a new supervisor process');
  t.same(deviceContainers(idOf(device)).map((c) => c.id).sort(), containers, 'the same containers');
  t.same(deviceContainers(idOf(device)).map((c) => c.state), ['running', 'running'], 'still running');
  const upgradedStatus = (await runEdgectl(['status', ...on, '--json'])).json<StatusDoc>();
  t.equal(upgradedStatus.deployment?.id, firstId, 'the new supervisor keeps the deployment');
});

t.test('two devices on one machine, in parallel', async (t) => {
  const pair = await devices(t, 2);
  if (pair === undefined) return;
  const installs = await Promise.all(pair.map((device) => runEdgectl(['device', 'install', ...deviceArgs(device), '--device-id', idOf(device), '--json'])));
  for (const install of installs) t.equal(install.exitCode, 0, outputOf(install));
  const deploys = await Promise.all(pair.map((device) => runEdgectl(['deploy', first, ...deviceArgs(device), '--timeout', '90', '--json'], { timeoutMs: 150_000 })));
  for (const deploy of deploys) t.equal(deploy.json<{ outcome: string }>().outcome, 'converged', outputOf(deploy));
  for (const device of pair) {
    const status = (await runEdgectl(['status', ...deviceArgs(device), '--json'])).json<StatusDoc>();
    t.equal(status.deviceId, idOf(device), 'each device answers for itself');
    t.equal(deviceContainers(idOf(device)).length, 2, `${device.alias} has its own two containers`);
  }
});

function existsMarker(): boolean {
  return existsSync('/tmp/edgectl-ssh-e2e-marker');
}

/** What a failed command said; a short word when it succeeded (tap prints the message either way). */
function outputOf(run: { exitCode: number; stdout: string; stderr: string }): string {
  return run.exitCode === 0 ? 'exit 0' : `exit ${run.exitCode}: ${run.stdout}${run.stderr}`;
}
