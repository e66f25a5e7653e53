/** The ssh transport against a real sshd test device: commands, streams, and each failure's code. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { SshTransport, type SshTransportOptions } from '../../src/adapters/ssh.js';
import { isEdgeError } from '../../src/core/errors.js';
import { runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { startSshDevice, type SshDevice } from '../harness/ssh-device.js';

function transport(device: SshDevice, change: Partial<SshTransportOptions> = {}): SshTransport {
  return new SshTransport({
    destination: { host: device.alias }, label: device.alias, configFile: device.sshConfig,
    hostKeyPolicy: 'strict', interactive: false, connectTimeoutSeconds: 3, env: process.env, ...change,
  });
}

/** A copy of the device's ssh config whose known_hosts file is `knownHosts`. */
function configWithKnownHosts(device: SshDevice, knownHosts: string, suffix: string): string {
  const file = `${device.sshConfig}.${suffix}`;
  writeFileSync(file, readFileSync(device.sshConfig, 'utf8').replace(/UserKnownHostsFile .*/, `UserKnownHostsFile ${knownHosts}`));
  return file;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isEdgeError(error) ? error.code : `not an EdgeError: ${String(error)}`;
  }
}

t.test('ssh transport on a real device', async (t) => {
  const device = await requireService(t, 'sshd test device', () => startSshDevice());
  if (device === undefined) return;
  t.teardown(async () => { await transport(device).closeMaster(); await device.stop(); });

  const ssh = transport(device);
  const hostile = ['$(touch /tmp/edgectl-ssh-marker)', '`touch /tmp/edgectl-ssh-marker`', 'a;touch /tmp/edgectl-ssh-marker', "it's", 'new\nline', ''];
  const echoed = await ssh.run(['printf', '%s|', ...hostile]);
  t.equal(echoed.exitCode, 0);
  t.equal(echoed.stdout, `${hostile.join('|')}|`, 'the remote command receives exactly our argv');
  t.notOk(existsSync('/tmp/edgectl-ssh-marker'), 'no marker file');

  const input = await ssh.run(['cat'], { input: 'bytes on stdin' });
  t.equal(input.stdout, 'bytes on stdin');
  t.equal((await ssh.run(['sh', '-c', 'exit 3'])).exitCode, 3, 'the remote exit status is returned');

  const duplex = await ssh.dial(['cat']);
  const echo = new Promise<string>((resolve) => { let text = ''; duplex.on('data', (c: Buffer) => { text += c.toString(); }); duplex.on('end', () => resolve(text)); });
  duplex.end('round trip');
  t.equal(await echo, 'round trip', 'dial carries bytes both ways');

  const missing = await ssh.dial(['.local/share/edgectl/bin/no-such-binary', 'dial-stdio']);
  const missingError = await new Promise<unknown>((resolve) => { missing.on('error', resolve); missing.resume(); });
  t.match(missingError, { code: 'SUPERVISOR_NOT_INSTALLED', hint: /edgectl device install --device/ });

  t.test('an unknown host key is refused, unless --accept-new-host-key', async (t) => {
    const knownHosts = `${device.knownHosts}.empty`;
    writeFileSync(knownHosts, '');
    const configFile = configWithKnownHosts(device, knownHosts, 'unknown');
    t.equal(await codeOf(transport(device, { configFile }).run(['true'])), 'HOST_KEY_UNKNOWN');
    const accepting = transport(device, { configFile, hostKeyPolicy: 'accept-new' });
    t.equal((await accepting.run(['true'])).exitCode, 0, 'accept-new connects');
    t.match(readFileSync(knownHosts, 'utf8'), device.hostPublicKey.split(' ')[1] ?? 'key', 'and records the key');
    await accepting.closeMaster();
  });

  t.test('a changed host key is refused with the fingerprint it now presents', async (t) => {
    const otherKey = `${device.knownHosts}.otherkey`;
    runOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const knownHosts = `${device.knownHosts}.changed`;
    writeFileSync(knownHosts, `[${device.address}]:${device.port} ${readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const configFile = configWithKnownHosts(device, knownHosts, 'changed');
    const expected = runOrThrow('sh', ['-c', 'printf "%s\\n" "$1" | ssh-keygen -lf - | cut -d" " -f2', 'sh', device.hostPublicKey]).trim();
    for (const hostKeyPolicy of ['strict', 'accept-new'] as const) {
      try {
        await transport(device, { configFile, hostKeyPolicy }).run(['true']);
        t.fail('connected despite a changed key');
      } catch (error) {
        t.match(error, { code: 'HOST_KEY_CHANGED', details: { fingerprint: expected } }, `refused under ${hostKeyPolicy}`);
        t.match((error as Error).message, expected);
      }
    }
  });

  t.test('a wrong identity is an authentication failure', async (t) => {
    const otherKey = `${device.knownHosts}.wrongid`;
    runOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const configFile = `${device.sshConfig}.wrongid`;
    writeFileSync(configFile, readFileSync(device.sshConfig, 'utf8').replace(/IdentityFile .*/, `IdentityFile ${otherKey}`));
    t.equal(await codeOf(transport(device, { configFile }).run(['true'])), 'SSH_AUTH_FAILED');
  });
});

t.test('a device whose sshd is down is unreachable', async (t) => {
  const device = await requireService(t, 'sshd test device', () => startSshDevice());
  if (device === undefined) return;
  // stop() deletes the device's files, so the config copy lives elsewhere (its key files are gone:
  // the connection fails before they are needed).
  const configFile = join(mkdtempSync(join(tmpdir(), 'edgectl-ssh-')), 'ssh_config');
  writeFileSync(configFile, readFileSync(device.sshConfig));
  await device.stop();
  t.equal(await codeOf(transport(device, { configFile }).run(['true'])), 'DEVICE_UNREACHABLE');
});
