import { createHash } from 'node:crypto';
import t from 'tap';
import { buildSshArgv, buildSshControlArgv, buildSshForwardArgv, controlSocketName, forwardSocketName, isForwardableSocketPath, socketCacheName, type SshConnectionOptions } from '../../../src/core/devices/ssh-argv.js';

const base: SshConnectionOptions = {
  destination: { user: 'pi', host: '10.0.0.5', port: 2222 },
  controlPath: '/run/user/1000/edgectl/c-0123456789abcdef',
  controlPersistSeconds: 300,
  connectTimeoutSeconds: 5,
  hostKeyPolicy: 'strict',
  interactive: false,
};

t.same(buildSshArgv(base, ['.local/share/edgectl/bin/edge-supervisor', 'dial-stdio']), [
  '-o', 'ControlMaster=auto',
  '-o', 'ControlPath=/run/user/1000/edgectl/c-0123456789abcdef',
  '-o', 'ControlPersist=300',
  '-o', 'ConnectTimeout=5',
  '-o', 'StrictHostKeyChecking=yes',
  '-o', 'ServerAliveInterval=15',
  '-o', 'ServerAliveCountMax=3',
  '-o', 'LogLevel=ERROR',
  '-o', 'StreamLocalBindUnlink=yes',
  '-o', 'BatchMode=yes',
  '-T',
  '-p', '2222',
  '--', 'pi@10.0.0.5', '.local/share/edgectl/bin/edge-supervisor dial-stdio',
]);

const rows: Array<[string, Partial<SshConnectionOptions>, (argv: string[]) => boolean]> = [
  ['accept-new trusts on first use', { hostKeyPolicy: 'accept-new' }, (a) => a.includes('StrictHostKeyChecking=accept-new') && !a.includes('StrictHostKeyChecking=yes')],
  ['interactive may prompt', { interactive: true }, (a) => !a.includes('BatchMode=yes')],
  ['-F comes first', { configFile: '/tmp/cfg' }, (a) => a[0] === '-F' && a[1] === '/tmp/cfg'],
  ['no port, no -p', { destination: { host: 'alias' } }, (a) => !a.includes('-p') && a.at(-2) === 'alias'],
  ['destination right after --', {}, (a) => a[a.indexOf('--') + 1] === 'pi@10.0.0.5'],
];
for (const [name, change, check] of rows) t.ok(check(buildSshArgv({ ...base, ...change }, ['true'])), name);

t.equal(buildSshArgv(base, ['sh', '-c', 'echo "$1"', 'x', "it's $(id)"]).at(-1), `sh -c 'echo "$1"' x 'it'\\''s $(id)'`, 'the remote command is one quoted string');
t.same(buildSshControlArgv(base, 'exit').slice(-4), ['-O', 'exit', '--', 'pi@10.0.0.5']);

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const a = controlSocketName({ destination: { host: 'h', port: 22 } }, sha);
t.match(a, /^c-[0-9a-f]{16}$/);
t.equal(a, controlSocketName({ destination: { host: 'h', port: 22 } }, sha), 'stable');
t.not(a, controlSocketName({ destination: { host: 'h', port: 23 } }, sha), 'port matters');
t.not(a, controlSocketName({ destination: { host: 'h', port: 22 }, configFile: '/x' }, sha), 'config file matters');
t.not(a, controlSocketName({ destination: { user: 'u', host: 'h', port: 22 } }, sha), 'user matters');

const forward = { localSocket: '/run/user/1000/edgectl/s-0123456789abcdef', remoteSocket: '/home/pi/.local/state/edgectl/supervisor.sock' };
t.same(buildSshForwardArgv(base, forward, 'open-master').slice(-10), ['-p', '2222', '-o', 'ExitOnForwardFailure=yes', '-f', '-N', '-L', `${forward.localSocket}:${forward.remoteSocket}`, '--', 'pi@10.0.0.5'], 'a master with the forward and no session');
t.same(buildSshForwardArgv(base, forward, 'add-to-master').slice(-6), ['-O', 'forward', '-L', `${forward.localSocket}:${forward.remoteSocket}`, '--', 'pi@10.0.0.5'], 'the forward added to a running master');
t.ok(buildSshArgv(base, ['true']).includes('StreamLocalBindUnlink=yes'), 'a dead master\'s socket file is bound over');
t.throws(() => buildSshForwardArgv(base, { ...forward, remoteSocket: '/home/a:b/s.sock' }, 'open-master'), 'a colon never reaches -L');

const forwardable: Array<[string, boolean]> = [
  ['/home/pi/.local/state/edgectl/supervisor.sock', true],
  ['relative/supervisor.sock', false],
  ['/home/a:b/supervisor.sock', false],
  ['/home/a b/supervisor.sock', false],
  ['/home/x/../etc/s.sock', false],
  ['/home/é/s.sock', false],
  [`/${'a'.repeat(104)}`, false],
  ['', false],
];
for (const [path, ok] of forwardable) t.equal(isForwardableSocketPath(path), ok, `forwardable ${JSON.stringify(path)}`);
const named = forwardSocketName({ destination: { host: 'h' } }, '/a.sock', sha);
t.match(named, /^s-[0-9a-f]{16}$/);
t.not(named, forwardSocketName({ destination: { host: 'h' } }, '/b.sock', sha), 'a moved socket gets a new local end');
t.match(socketCacheName({ destination: { host: 'h' } }, sha), /^r-[0-9a-f]{16}\.json$/);
