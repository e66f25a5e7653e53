/**
 * `device install --as-container`: the supervisor runs in a container on the device's Docker Engine
 * (host network, the user's uid with the Docker socket's group, the state directory and the build
 * mounted at their own paths), then install → deploy → converge → status → logs as on any device;
 * a repeated install changes nothing; an upgrade replaces the container and leaves the modules running;
 * dial-stdio (the fallback when the forward cannot be used) goes through `docker exec`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { SshTransport } from '../../src/adapters/ssh.js';
import { runEdgectl } from '../harness/cli.js';
import { run, runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { startSshDevice } from '../harness/ssh-device.js';
import { deviceArgs, deviceContainers, ensureModuleImage, manifest, removeDeviceContainers, stopDeviceSupervisor, wipeDeviceInstall } from './device-fixtures.js';

interface Inspect {
  Id: string;
  State: { Running: boolean };
  Config: { User: string; Image: string };
  HostConfig: { NetworkMode: string; RestartPolicy: { Name: string } };
  Mounts: Array<{ Source: string; Destination: string; RW: boolean }>;
}

const work = mkdtempSync(join(tmpdir(), 'edgectl-ssh-container-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

t.test('the supervisor in a container: install → deploy → status → logs → upgrade', async (t) => {
  const device = await requireService(t, 'sshd test device, Docker Engine and the Node base image', async () => { await ensureModuleImage(); return startSshDevice(); });
  if (device === undefined) return;
  const deviceId = `ssh-ctr-${device.alias}`;
  const name = `edge-supervisor-${runOrThrow('id', ['-u', device.user]).trim()}`;
  const transport = new SshTransport({ destination: { host: device.alias }, label: device.alias, configFile: device.sshConfig, hostKeyPolicy: 'strict', interactive: false, env: process.env });
  t.teardown(async () => {
    run('docker', ['rm', '-f', name]);
    removeDeviceContainers(deviceId);
    await transport.closeMaster();
    await device.stop();
  });
  run('docker', ['rm', '-f', name]);
  wipeDeviceInstall(device);
  removeDeviceContainers(deviceId);
  const on = deviceArgs(device);
  const inspect = (): Inspect => (JSON.parse(runOrThrow('docker', ['inspect', name])) as Inspect[])[0] as Inspect;

  const install = await runEdgectl(['device', 'install', ...on, '--device-id', deviceId, '--as-container', '--json']);
  t.equal(install.exitCode, 0, install.exitCode === 0 ? 'installed' : install.stdout + install.stderr);
  t.match(install.json(), { action: 'install', mode: 'container', container: name, restarted: true, health: { ok: true, deviceId } });
  const container = inspect();
  const state = join(device.home, '.local/state/edgectl');
  t.equal(container.State.Running, true, 'the container runs');
  t.equal(container.Config.Image, 'node:20-bookworm-slim');
  t.equal(container.HostConfig.NetworkMode, 'host', 'host network: the hub binds the device network\'s gateway');
  t.equal(container.HostConfig.RestartPolicy.Name, 'unless-stopped');
  t.match(container.Config.User, new RegExp(`^${runOrThrow('id', ['-u', device.user]).trim()}:\\d+$`), 'the device user, with the Docker socket\'s group');
  t.ok(container.Mounts.some((m) => m.Source === state && m.Destination === state && m.RW), 'the state directory at its own path');
  t.ok(container.Mounts.some((m) => m.Destination === '/var/run/docker.sock'), 'the Docker socket');
  t.ok(container.Mounts.some((m) => m.Source.includes('/.local/share/edgectl/supervisor/') && m.Source === m.Destination && !m.RW), 'the build, read-only');

  // With the socket forwarded, nothing runs on the device for a call: a launcher that would leave a
  // marker (it is what `docker exec … dial-stdio` starts from) shows that it never ran.
  const launcher = join(device.home, '.local/share/edgectl/bin/edge-supervisor');
  const marker = join(device.home, 'dial-stdio-ran');
  const realLauncher = readFileSync(launcher);
  writeFileSync(launcher, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  const file = join(work, 'deployment.json');
  writeFileSync(file, manifest({ alpha: { GREETING: 'boxed' } }));
  const deployed = await runEdgectl(['deploy', file, ...on, '--timeout', '90', '--json'], { timeoutMs: 150_000 });
  t.equal(deployed.exitCode, 0, deployed.exitCode === 0 ? 'deployed' : deployed.stdout + deployed.stderr);
  t.equal(deployed.json<{ outcome: string }>().outcome, 'converged');
  const status = await runEdgectl(['status', ...on, '--json']);
  t.match(status.json(), { deviceId, modules: [{ name: 'alpha', runtimeStatus: 'running' }] });
  const logs = await runEdgectl(['logs', 'alpha', ...on, '--tail', 'all']);
  t.match(logs.stdout, /hello from alpha greeting=boxed/);
  const check = await runEdgectl(['device', 'check', ...on, '--json']);
  t.match(check.json(), { checks: [{ name: 'ssh', status: 'ok' }, { name: 'docker engine', status: 'ok' }, { name: 'node', status: 'ok', detail: new RegExp(name) }] });

  t.notOk(existsSync(marker), 'deploy, status, logs and the health check never started dial-stdio (docker exec) on the device');
  writeFileSync(launcher, realLauncher);

  // dial-stdio, which a call falls back to when the forward fails, runs `docker exec` in the container.
  transport.socketCache.write({ remoteSocket: '/tmp/edgectl-no-such-dir/supervisor.sock' });
  const fallback = await runEdgectl(['status', ...on, '--json']);
  t.equal(fallback.exitCode, 0, fallback.exitCode === 0 ? 'status through docker exec … dial-stdio' : fallback.stdout + fallback.stderr);

  const modules = deviceContainers(deviceId).map((c) => c.id);
  const again = await runEdgectl(['device', 'install', ...on, '--device-id', deviceId, '--as-container', '--json']);
  t.match(again.json(), { action: 'same-build', restarted: false, mode: 'container' });
  t.equal(inspect().Id, container.Id, 'the same container');

  const newer = join(work, 'edge-supervisor.bundle.mjs');
  const text = `${readFileSync(new URL('../../src/supervisor/edge-supervisor.bundle.mjs', import.meta.url), 'utf8')}\n// a newer build\n`;
  writeFileSync(newer, text);
  writeFileSync(`${newer}.sha256`, `${createHash('sha256').update(text).digest('hex')}\n`);
  const upgrade = await runEdgectl(['device', 'install', ...on, '--device-id', deviceId, '--as-container', '--json'], { env: { EDGECTL_SUPERVISOR_BUNDLE: newer } });
  t.equal(upgrade.exitCode, 0, upgrade.exitCode === 0 ? 'upgraded' : upgrade.stdout + upgrade.stderr);
  t.match(upgrade.json(), { action: 'upgrade', restarted: true, mode: 'container' });
  t.not(inspect().Id, container.Id, 'a new container');
  t.same(deviceContainers(deviceId).map((c) => c.id), modules, 'the modules kept their containers');
  t.same(deviceContainers(deviceId).map((c) => c.state), ['running'], 'and run');
  const after = await runEdgectl(['status', ...on, '--json']);
  t.match(after.json(), { deviceId, deployment: { state: 'converged' } }, 'the new supervisor keeps the deployment');

  // Back to a supervisor on the host (the device has Node here): the container goes, the modules stay.
  const host = await runEdgectl(['device', 'install', ...on, '--device-id', deviceId, '--json'], { env: { EDGECTL_SUPERVISOR_BUNDLE: newer } });
  t.equal(host.exitCode, 0, host.exitCode === 0 ? 'reinstalled on the host' : host.stdout + host.stderr);
  t.match(host.json(), { mode: 'background', restarted: true });
  t.not(run('docker', ['inspect', name]).status, 0, 'the supervisor container is gone');
  t.same(deviceContainers(deviceId).map((c) => c.id), modules, 'the modules kept their containers');
  t.match((await runEdgectl(['status', ...on, '--json'])).json(), { deviceId, deployment: { state: 'converged' } });
  stopDeviceSupervisor(device);
});
