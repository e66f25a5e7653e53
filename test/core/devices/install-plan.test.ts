import t from 'tap';
import { buildName, checkDeviceId, parseProbe, planInstall, type DeviceFacts } from '../../../src/core/devices/install-plan.js';

const probe = `node=/usr/bin/node
nodeVersion=20.20.2
timeMs=1764300000123
docker=20.10.24+dfsg1
systemd=none
installed=
container=
dockerCli=yes
pid=
diskFreeKb=80000000
time=1764300000
home=/home/pi
arch=x86_64
`;

t.equal(parseProbe(`${probe}container=edge-supervisor-1000\n`).container, 'edge-supervisor-1000', 'installed --as-container');
t.same(parseProbe(probe), {
  docker: { ok: true, version: '20.10.24+dfsg1' }, systemd: 'none', dockerCli: true, home: '/home/pi', arch: 'x86_64',
  nodePath: '/usr/bin/node', nodeVersion: '20.20.2', clockMs: 1764300000123, diskFreeKb: 80000000,
});
t.match(parseProbe('docker=Cannot connect to the Docker daemon at unix:///var/run/docker.sock\nsystemd=user\ntime=5\n'), {
  docker: { ok: false, reason: /Cannot connect/ }, systemd: 'user', clockMs: 5000,
});
t.notOk('nodePath' in parseProbe('node=\n'), 'an empty value is absent');

const build = { version: '0.1.0', sha256: 'a'.repeat(64), bytes: 2048 };
const facts: DeviceFacts = parseProbe(probe);
t.equal(buildName(build), '0.1.0-aaaaaaaaaaaa');

const fresh = planInstall('pi', facts, build, { deviceId: 'pi', enforceSignatures: false });
t.equal(fresh.action, 'install');
t.same(fresh.steps.map((s) => s.kind), ['upload', 'activate']);
t.match(fresh.steps[1], { mode: 'background' });
t.same(fresh.runFlags, ['--device-id', 'pi']);

const same = planInstall('pi', { ...facts, installedBuild: '0.1.0-aaaaaaaaaaaa', systemd: 'user' }, build, { deviceId: 'pi', enforceSignatures: true, trustKeyPem: 'PEM' });
t.equal(same.action, 'same-build');
t.same(same.steps.map((s) => s.kind), ['trust-key', 'activate'], 'the same build is not copied again');
t.match(same.steps[1], { mode: 'systemd-user' });
t.same(same.runFlags, ['--device-id', 'pi', '--trust-key', '/home/pi/.local/state/edgectl/trust/signing-key.pem', '--enforce-signatures']);
t.throws(() => planInstall('pi', { ...facts, home: "/home/o'neil" }, build, { deviceId: 'pi', enforceSignatures: false, trustKeyPem: 'PEM' }), { code: 'DEVICE_INSTALL_FAILED' });

t.equal(planInstall('pi', { ...facts, installedBuild: '0.0.9-bbbbbbbbbbbb' }, build, { deviceId: 'pi', enforceSignatures: false }).action, 'upgrade');

const withoutNode: DeviceFacts = { docker: facts.docker, systemd: 'none', dockerCli: true, home: '/home/pi', arch: 'x86_64' };
const oldNode: DeviceFacts = { ...withoutNode, nodePath: '/usr/bin/node', nodeVersion: '18.19.0' };
for (const [name, noNode] of [['no node', withoutNode], ['node 18', oldNode]] as const) {
  t.throws(() => planInstall('pi', noNode, build, { deviceId: 'pi', enforceSignatures: false }), { code: 'DEVICE_NODE_MISSING', hint: /--as-container/ }, name);
}

for (const good of ['pi', 'lab-pi-01', 'site:a.b_c']) t.equal(checkDeviceId(good), good);
for (const bad of ['', '-x', 'a b', 'a;b', "a'b", 'x'.repeat(129), 'a"b', 'a\\b']) t.throws(() => checkDeviceId(bad), { code: 'USAGE' }, `refuses ${JSON.stringify(bad)}`);
t.throws(() => planInstall('pi', facts, { ...build, version: '1.0.0"; rm -rf /' }, { deviceId: 'pi', enforceSignatures: false }), /malformed/);

// --as-container: no Node needed on the device, only Docker and its CLI.
const inContainer = planInstall('pi', withoutNode, build, { deviceId: 'pi', enforceSignatures: false, asContainer: true });
t.same(inContainer.steps.map((step) => step.kind === 'activate' ? `activate:${step.mode}` : step.kind), ['upload', 'activate:container']);
t.equal(inContainer.image, 'node:20-bookworm-slim');
t.equal(inContainer.nodePath, undefined, 'no node path on the device');
t.same(inContainer.runFlags, ['--device-id', 'pi']);
t.throws(() => planInstall('pi', { ...withoutNode, dockerCli: false }, build, { deviceId: 'pi', enforceSignatures: false, asContainer: true }), { code: 'DEVICE_INSTALL_FAILED', message: /docker CLI/ });
t.throws(() => planInstall('pi', { ...withoutNode, docker: { ok: false, reason: 'permission denied' } }, build, { deviceId: 'pi', enforceSignatures: false, asContainer: true }), { code: 'DOCKER_NOT_RUNNING' });
