/**
 * How devices over ssh fail: hostile --device strings never reach ssh; unknown and changed host keys,
 * a stopped sshd and a missing supervisor are clear errors; Ctrl-C ends `logs -f` with exit 0 and
 * ends the remote side; a deploy whose ssh is killed leaves the old or the new deployment, and the
 * same deploy run again succeeds.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { SshTransport } from '../../src/adapters/ssh.js';
import { runEdgectl, spawnEdgectl } from '../harness/cli.js';
import { run, runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { startSshDevice, type SshDevice } from '../harness/ssh-device.js';
import { deviceArgs, ensureModuleImage, manifest, removeDeviceContainers, stopDeviceSupervisor, wipeDeviceInstall } from './device-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'edgectl-ssh-fail-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

t.test('hostile --device strings are refused before ssh runs', async (t) => {
  // A fake ssh first on the PATH: if edgectl ever ran ssh, it would leave this marker.
  const bin = join(work, 'bin');
  runOrThrow('mkdir', ['-p', bin]);
  const ranSsh = join(work, 'ssh-was-run');
  writeFileSync(join(bin, 'ssh'), `#!/bin/sh\ntouch '${ranSsh}'\nexit 255\n`);
  chmodSync(join(bin, 'ssh'), 0o755);
  const marker = join(work, 'x');
  const hostile = [`d;touch ${marker}`, `d $(touch ${marker})`, `-oProxyCommand=touch ${marker}`, `d\`touch ${marker}\``, `d\ntouch ${marker}`, `d|touch ${marker}`, `-oProxyCommand=touch`];
  const manifestFile = join(work, 'm.json');
  writeFileSync(manifestFile, manifest({ alpha: {} }));
  for (const device of hostile) {
    for (const command of [['status'], ['logs', 'alpha', '-f'], ['restart', 'alpha'], ['rollback'], ['deploy', manifestFile], ['device', 'install'], ['device', 'check']]) {
      const result = await runEdgectl([...command, `--device=${device}`, '--json'], { env: { PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
      t.equal(result.exitCode, 2, `${command.join(' ')} --device ${JSON.stringify(device)} exits 2`);
      t.equal(result.json<{ error: { code: string } }>().error.code, 'DEVICE_INVALID');
    }
  }
  t.notOk(existsSync(marker), 'the marker file never exists');
  t.notOk(existsSync(ranSsh), 'ssh never ran');
});

t.test('ssh failures on a real device', async (t) => {
  const device = await requireService(t, 'sshd test device, Docker Engine and the module image', async () => { await ensureModuleImage(); return startSshDevice(); });
  if (device === undefined) return;
  const deviceId = `ssh-fail-${device.alias}`;
  t.teardown(async () => { stopDeviceSupervisor(device); removeDeviceContainers(deviceId); await device.stop(); });
  wipeDeviceInstall(device);
  removeDeviceContainers(deviceId);

  const missing = await runEdgectl(['status', ...deviceArgs(device), '--json']);
  t.match(missing.json(), { error: { code: 'SUPERVISOR_NOT_INSTALLED', hint: `edgectl device install --device ${device.alias}` } });

  await t.test('unknown host key: refused, then trusted with --accept-new-host-key', async (t) => {
    const knownHosts = join(work, 'known_hosts.empty');
    writeFileSync(knownHosts, '');
    const config = configWith(device, knownHosts, 'unknown');
    const refused = await runEdgectl(['device', 'check', '--device', device.alias, '--ssh-config', config, '--json']);
    t.equal(refused.exitCode, 1);
    t.match(refused.json(), { error: { code: 'HOST_KEY_UNKNOWN', hint: /--accept-new-host-key/ } });
    t.equal(readFileSync(knownHosts, 'utf8'), '', 'nothing was trusted');
    const accepted = await runEdgectl(['device', 'check', '--device', device.alias, '--ssh-config', config, '--accept-new-host-key', '--json']);
    t.match(accepted.json(), { checks: [{ name: 'ssh', status: 'ok' }] });
    t.match(readFileSync(knownHosts, 'utf8'), device.hostPublicKey.split(' ')[1] ?? '-', 'the key is now in known_hosts');
  });

  await t.test('changed host key: refused, showing the fingerprint the device now presents', async (t) => {
    const other = join(work, 'other_host_key');
    runOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const knownHosts = join(work, 'known_hosts.changed');
    writeFileSync(knownHosts, `[${device.address}]:${device.port} ${readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const fingerprint = runOrThrow('sh', ['-c', 'printf "%s\\n" "$1" | ssh-keygen -lf - | cut -d" " -f2', 'sh', device.hostPublicKey]).trim();
    for (const extra of [[], ['--accept-new-host-key']]) {
      const result = await runEdgectl(['status', '--device', device.alias, '--ssh-config', configWith(device, knownHosts, 'changed'), ...extra, '--json']);
      t.equal(result.exitCode, 1);
      t.match(result.json(), { error: { code: 'HOST_KEY_CHANGED', message: fingerprint, details: { fingerprint } } }, `refused ${extra.join(' ')}`);
    }
  });

  const install = await runEdgectl(['device', 'install', ...deviceArgs(device), '--device-id', deviceId, '--json']);
  t.equal(install.exitCode, 0, install.exitCode === 0 ? 'installed' : install.stdout);

  await t.test('Ctrl-C ends logs -f with exit 0, and the remote side with it', async (t) => {
    const deployed = await runEdgectl(['deploy', writeManifest('ticks.json', { alpha: { TICK_MS: '100' } }), ...deviceArgs(device), '--timeout', '90', '--json'], { timeoutMs: 150_000 });
    t.equal(deployed.exitCode, 0, deployed.exitCode === 0 ? 'deployed' : deployed.stdout);
    const child = spawnEdgectl(['logs', 'alpha', '-f', '--tail', '1', ...deviceArgs(device)]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const closed = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? String(signal))));
    for (let i = 0; i < 200 && (out.match(/tick/g) ?? []).length < 3; i++) await sleep(50);
    t.ok((out.match(/tick/g) ?? []).length >= 3, 'lines stream while following');
    t.ok(supervisorConnections(device) >= 1, 'a connection to the supervisor socket is open on the device while following');
    child.kill('SIGINT');
    t.equal(await closed, 0, 'exit 0 after Ctrl-C');
    let left = supervisorConnections(device) + remoteDialers(device);
    for (let i = 0; i < 40 && left > 0; i++) { await sleep(50); left = supervisorConnections(device) + remoteDialers(device); }
    t.equal(left, 0, 'no connection to the supervisor and no dial-stdio is left on the device');
  });

  await t.test('ssh killed mid-deploy: the old or the new deployment, and the rerun succeeds', async (t) => {
    const before = (await runEdgectl(['status', ...deviceArgs(device), '--json'])).json<{ deployment: { id: string } }>().deployment.id;
    const next = writeManifest('next.json', { alpha: { TICK_MS: '100', GREETING: 'next' }, beta: {} });
    const child = spawnEdgectl(['deploy', next, ...deviceArgs(device), '--timeout', '90']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    // Once the plan is shown the apply is on its way: kill every ssh this deploy started.
    for (let i = 0; i < 400 && !/plan for/.test(err); i++) await sleep(10);
    // Calls go through the master's forward, so the connection to cut is the master's too.
    for (const pid of [...childPids(child.pid ?? 0, 'ssh'), ...await masterPid(device)]) run('kill', ['-9', String(pid)]);
    const code = await closed;
    t.comment(`deploy after ssh was killed exited ${String(code)}`);
    const after = (await runEdgectl(['status', ...deviceArgs(device), '--json'])).json<{ deployment: { id: string; state: string } }>();
    const preview = (await runEdgectl(['deploy', next, ...deviceArgs(device), '--dry-run', '--json'])).json<{ deploymentId: string }>().deploymentId;
    t.ok([before, preview].includes(after.deployment.id), `the device is on the old (${before}) or the new (${preview}) deployment: ${after.deployment.id}`);
    const rerun = await runEdgectl(['deploy', next, ...deviceArgs(device), '--timeout', '90', '--json'], { timeoutMs: 150_000 });
    t.equal(rerun.exitCode, 0, rerun.exitCode === 0 ? 'the rerun succeeds' : rerun.stdout);
    t.match(rerun.json(), { deploymentId: preview, outcome: 'converged' });
  });

  await t.test('sshd down: a clear error, quickly', async (t) => {
    const config = join(work, 'ssh_config.down');
    writeFileSync(config, readFileSync(device.sshConfig));
    stopDeviceSupervisor(device);
    removeDeviceContainers(deviceId);
    await device.stop();
    const started = Date.now();
    const result = await runEdgectl(['status', '--device', device.alias, '--ssh-config', config, '--connect-timeout', '3', '--json']);
    t.comment(`sshd down: answered in ${Date.now() - started} ms (connect timeout 3 s)`);
    t.equal(result.exitCode, 1);
    t.match(result.json(), { error: { code: 'DEVICE_UNREACHABLE', message: /Connection refused/, hint: /sshd/ } });
  });
});

function writeManifest(name: string, modules: Record<string, Record<string, string>>): string {
  const file = join(work, name);
  writeFileSync(file, manifest(modules));
  return file;
}

function configWith(device: SshDevice, knownHosts: string, suffix: string): string {
  const file = join(work, `ssh_config.${suffix}`);
  writeFileSync(file, readFileSync(device.sshConfig, 'utf8').replace(/UserKnownHostsFile .*/, `UserKnownHostsFile ${knownHosts}`));
  return file;
}

/** How many `edge-supervisor … dial-stdio` processes the device user runs. */
function remoteDialers(device: SshDevice): number {
  return run('pgrep', ['-u', device.user, '-f', 'dial-stdio']).stdout.split('\n').filter((line) => line.trim() !== '').length;
}

/** Accepted connections on the device's supervisor socket (the forwarded API calls in flight). */
function supervisorConnections(device: SshDevice): number {
  const socket = join(device.home, '.local/state/edgectl/supervisor.sock');
  return run('ss', ['-xaH']).stdout.split('\n').filter((line) => line.includes(socket) && !/\bLISTEN\b/.test(line)).length;
}

/** The pid of edgectl's ssh master connection to the device, if one runs. */
async function masterPid(device: SshDevice): Promise<number[]> {
  const transport = new SshTransport({ destination: { host: device.alias }, label: device.alias, configFile: device.sshConfig, hostKeyPolicy: 'strict', interactive: false, env: process.env });
  const pid = await transport.masterPid();
  return pid === undefined ? [] : [pid];
}

/** Direct children of `parent` whose command is `name` (the ssh processes one edgectl started). */
function childPids(parent: number, name: string): number[] {
  return run('ps', ['--ppid', String(parent), '-o', 'pid=,comm=']).stdout.split('\n')
    .map((line) => line.trim().split(/\s+/)).filter(([, comm]) => comm === name).map(([pid]) => Number(pid));
}
