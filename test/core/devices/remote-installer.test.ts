/**
 * The remote installer script, run here with a temporary HOME in place of a device: upload with a
 * checksum, start as a background service, idempotence, and an in-place upgrade.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { installerArgv } from '../../../src/core/devices/remote-installer.js';

const home = mkdtempSync(join(tmpdir(), 'edgectl-installer-'));
const started: number[] = [];
t.teardown(() => {
  for (const pid of started) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(home, { recursive: true, force: true });
});

function remote(argv: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const [file, ...args] = argv;
  const result = spawnSync(file ?? 'sh', args, { cwd: home, env: { PATH: process.env['PATH'], HOME: home }, input: input ?? '', encoding: 'utf8' });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
const values = (stdout: string): Record<string, string> => Object.fromEntries(stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
// A stand-in supervisor: `run` stays up until killed; the marker proves which build runs.
const fakeBundle = (marker: string): string => `if (process.argv[2] === 'run') { console.log('${marker} running', process.env.EDGE_SUPERVISOR_SOCKET, JSON.stringify(process.argv.slice(3))); setInterval(() => {}, 1000); } else { console.log('${marker}'); }\n`;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

const probe = values(remote(installerArgv('probe')).stdout);
t.equal(probe['node'], process.execPath.startsWith('/') ? probe['node'] : '', 'node found');
t.match(probe['nodeVersion'], /^\d+\.\d+\.\d+$/);
t.equal(probe['installed'], '');
t.equal(probe['systemd'], 'none');
t.equal(probe['home'], home);

const one = fakeBundle('build-one');
const refused = remote(installerArgv('upload', ['0.1.0-aaaaaaaaaaaa', 'f'.repeat(64), '0.1.0']), one);
t.equal(refused.status, 65, 'a checksum mismatch is refused');
t.match(refused.stderr, /checksum mismatch/);
t.notOk(existsSync(join(home, '.local/share/edgectl/supervisor/0.1.0-aaaaaaaaaaaa/dist/src/supervisor/edge-supervisor.bundle.mjs')), 'and leaves no bundle behind');

t.equal(remote(installerArgv('upload', ['0.1.0-aaaaaaaaaaaa', sha(one), '0.1.0']), one).status, 0);
const node = probe['node'] ?? 'node';
const first = values(remote(installerArgv('activate', ['0.1.0-aaaaaaaaaaaa', node, '--device-id', 'd1'])).stdout);
t.match(first, { mode: 'background', changed: '1' });
const pid1 = Number(first['pid']);
started.push(pid1);
t.ok(alive(pid1), 'the supervisor runs in the background');
t.equal(readFileSync(join(home, '.local/state/edgectl/supervisor.pid'), 'utf8').trim(), String(pid1), 'with a pid file');
t.equal(remote(['.local/share/edgectl/bin/edge-supervisor', 'version']).stdout.trim(), 'build-one', 'the launcher runs the installed build');

const again = values(remote(installerArgv('activate', ['0.1.0-aaaaaaaaaaaa', node, '--device-id', 'd1'])).stdout);
t.match(again, { changed: '0', pid: String(pid1) }, 'the same install again changes nothing');

const reconfigured = values(remote(installerArgv('activate', ['0.1.0-aaaaaaaaaaaa', node, '--device-id', 'd2'])).stdout);
started.push(Number(reconfigured['pid']));
t.equal(reconfigured['changed'], '1', 'a new setting restarts it');
t.notOk(alive(pid1), 'the old process is gone');

const two = fakeBundle('build-two');
t.equal(remote(installerArgv('upload', ['0.2.0-bbbbbbbbbbbb', sha(two), '0.2.0']), two).status, 0);
const upgraded = values(remote(installerArgv('activate', ['0.2.0-bbbbbbbbbbbb', node, '--device-id', 'd2'])).stdout);
started.push(Number(upgraded['pid']));
t.equal(remote(['.local/share/edgectl/bin/edge-supervisor', 'version']).stdout.trim(), 'build-two', 'upgraded in place');
t.equal(values(remote(installerArgv('probe')).stdout)['installed'], '0.2.0-bbbbbbbbbbbb');
t.equal(readFileSync(join(home, '.local/share/edgectl/supervisor/0.2.0-bbbbbbbbbbbb/package.json'), 'utf8').trim(), '{"name":"edge-supervisor","version":"0.2.0","type":"module"}');
t.match(remote(installerArgv('log-tail')).stdout, /^pid=\d+\n[\s\S]*build-two running/);
const socket = join(home, '.local/state/edgectl/supervisor.sock');
t.match(remote(installerArgv('log-tail')).stdout, `build-two running ${socket} ${JSON.stringify(['--state-dir', join(home, '.local/state/edgectl'), '--socket', socket, '--device-id', 'd2'])}`, 'the daemon gets its state dir, socket and flags; the launcher names the socket');
t.equal(remote(installerArgv('activate', ['9.9.9-cccccccccccc', node, '--device-id', 'x'])).status, 66, 'an unknown build is refused');
