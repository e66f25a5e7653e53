/**
 * The remote installer's systemd path, run here with a temporary HOME and a fake `systemctl` first on
 * the PATH (no systemd in this workplace): the unit file it writes, and exactly which systemctl calls
 * it makes on a first install, a repeated one (nothing restarted), and a changed one (restarted).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { installerArgv } from '../../../src/core/devices/remote-installer.js';

const home = mkdtempSync(join(tmpdir(), 'edgectl-installer-systemd-'));
t.teardown(() => rmSync(home, { recursive: true, force: true }));
const bin = join(home, 'fake-bin');
const calls = join(home, 'systemctl.calls');
const active = join(home, 'systemctl.active');
mkdirSync(bin);
// Records each call's argv on one line; "is-active" answers from a flag file that "restart" sets.
writeFileSync(join(bin, 'systemctl'), [
  '#!/bin/sh',
  `echo "$*" >> '${calls}'`,
  'case "$*" in',
  `  *is-active*) [ -f '${active}' ];;`,
  `  *restart*) touch '${active}';;`,
  '  *"show -p MainPID"*) echo 4242;;',
  'esac',
  '',
].join('\n'));
chmodSync(join(bin, 'systemctl'), 0o755);

const build = '0.1.0-aaaaaaaaaaaa';
mkdirSync(join(home, '.local/share/edgectl/supervisor', build, 'dist/src/supervisor'), { recursive: true });
writeFileSync(join(home, '.local/share/edgectl/supervisor', build, 'dist/src/supervisor/edge-supervisor.bundle.mjs'), '// a stand-in build\n');

function remote(argv: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const [file, ...args] = argv;
  rmSync(calls, { force: true });
  const result = spawnSync(file ?? 'sh', args, { cwd: home, env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: home, ...env }, encoding: 'utf8' });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
const callsMade = (): string[] => readFileSync(calls, 'utf8').trim().split('\n');
const values = (stdout: string): Record<string, string> => Object.fromEntries(stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

const probe = remote(installerArgv('probe'));
t.equal(values(probe.stdout)['systemd'], 'user', 'a working `systemctl --user` is found');

const first = remote(installerArgv('activate', [build, '/usr/bin/node', '--device-id', 'd1']));
t.equal(first.status, 0, first.stderr);
t.match(values(first.stdout), { changed: '1', mode: 'systemd-user', pid: '4242' });
t.same(callsMade(), [
  '--user show-environment',
  '--user daemon-reload',
  '--user enable edge-supervisor.service',
  '--user restart edge-supervisor.service',
  '--user show -p MainPID --value edge-supervisor.service',
], 'first install: reload, enable, (re)start; is-active is not asked when the settings are new');

const service = join(home, '.local/share/edgectl/bin/edge-supervisor-service');
t.equal(readFileSync(join(home, '.config/systemd/user/edge-supervisor.service'), 'utf8'), [
  '[Unit]',
  'Description=edgectl edge supervisor',
  'After=default.target',
  '',
  '[Service]',
  `ExecStart=${service}`,
  'Restart=always',
  'RestartSec=2',
  '# Only the supervisor: the modules are containers of the Docker Engine and keep running.',
  'KillMode=process',
  '',
  '[Install]',
  'WantedBy=default.target',
  '',
].join('\n'), 'the unit file');
const state = join(home, '.local/state/edgectl');
t.match(readFileSync(service, 'utf8'), `exec '${join(home, '.local/share/edgectl/bin/edge-supervisor')}' run --state-dir '${state}' --socket '${state}/supervisor.sock' '--device-id' 'd1'`, 'ExecStart runs the daemon with its settings');

const again = remote(installerArgv('activate', [build, '/usr/bin/node', '--device-id', 'd1']));
t.match(values(again.stdout), { changed: '0', mode: 'systemd-user' });
t.notOk(callsMade().some((call) => call.includes('restart')), 'the same install again restarts nothing');
t.ok(callsMade().includes('--user is-active --quiet edge-supervisor.service'), 'it asks whether the unit is active');

const changed = remote(installerArgv('activate', [build, '/usr/bin/node', '--device-id', 'd2']));
t.match(values(changed.stdout), { changed: '1' });
t.ok(callsMade().includes('--user restart edge-supervisor.service'), 'a new setting restarts the unit');

t.test('moving to --as-container disables and removes the systemd unit, so no second supervisor starts', async (t) => {
  // A fake docker that records its calls, and a Docker socket for the installer's check.
  const dockerCalls = join(home, 'docker.calls');
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\necho "$*" >> '${dockerCalls}'\n`);
  chmodSync(join(bin, 'docker'), 0o755);
  const socket = join(home, 'docker.sock');
  const engine = createServer().listen(socket);
  await once(engine, 'listening');
  t.teardown(() => engine.close());
  const installed = remote(installerArgv('activate-container', [build, 'node:20-bookworm-slim', '--device-id', 'd2']), { DOCKER_HOST: `unix://${socket}` });
  t.equal(installed.status, 0, installed.stderr);
  t.match(values(installed.stdout), { mode: 'container' });
  t.same(callsMade().filter((call) => !call.includes('show-environment')), ['--user disable --now edge-supervisor.service', '--user daemon-reload']);
  t.notOk(existsSync(join(home, '.config/systemd/user/edge-supervisor.service')), 'the unit file is gone');
  t.match(readFileSync(dockerCalls, 'utf8'), /^run -d --name edge-supervisor-\d+ /m, 'the container is started');
});
