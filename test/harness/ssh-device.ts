/**
 * A test device: a Linux user of its own (in the docker group, with its own home, so two devices
 * on this machine never share install or state paths) reached through a private sshd on a loopback
 * address 127.0.1.N. The harness makes the host key, the user key, a known_hosts file that pins the
 * host key, and an ssh config naming the device, exactly as a user would set them up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessDir } from './state.js';
import { canConnect, freePort, run, runOrThrow, waitFor } from './processes.js';

export interface SshDevice {
  /** The Host alias in `sshConfig`. */
  alias: string;
  user: string;
  address: string;
  port: number;
  home: string;
  /** An ssh_config file with the alias, identity and pinned known_hosts; pass with `ssh -F`. */
  sshConfig: string;
  knownHosts: string;
  identity: string;
  /** The host's public key line ("ssh-ed25519 AAAA…"). */
  hostPublicKey: string;
  /** Runs argv on the device through the system ssh client (argv joined by ssh itself, as usual). */
  ssh(argv: readonly string[], options?: { input?: string }): { status: number; stdout: string; stderr: string };
  stop(): Promise<void>;
}

let deviceCounter = 0;

/** `sshdConfig`: extra sshd_config lines, e.g. ['AllowStreamLocalForwarding no'] for a device that forwards nothing. */
export async function startSshDevice(options: { index?: number; sshdConfig?: string[] } = {}): Promise<SshDevice> {
  if (process.getuid?.() !== 0) throw new Error('test devices need root (to run sshd and create device users)');
  if (!existsSync('/usr/sbin/sshd')) throw new Error('sshd is not installed (Debian: apt-get install openssh-server)');
  const index = options.index ?? 2 + ((process.pid * 7 + deviceCounter++) % 250);
  const address = `127.0.1.${index}`;
  const user = `edgedev${index}`;
  const dir = mkdtempSync(join(harnessDir(), `device-${index}-`));
  chmodSync(dir, 0o755);
  const home = join(harnessDir(), `home-${user}`);
  ensureDeviceUser(user, home);

  const hostKey = join(dir, 'host_ed25519');
  const identity = join(dir, 'id_ed25519');
  runOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${user}-host`, '-f', hostKey]);
  runOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `edgectl-test`, '-f', identity]);
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${identity}.pub`), { mode: 0o644 });

  const port = await freePort(address);
  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[${address}]:${port} ${hostPublicKey}\n`);
  const sshdConfig = join(dir, 'sshd_config');
  writeFileSync(sshdConfig, sshdConfigText({ address, port, hostKey, authorizedKeys, pidFile: join(dir, 'sshd.pid') }) + (options.sshdConfig ?? []).map((line) => `${line}\n`).join(''));
  const alias = `device-${index}`;
  const sshConfig = join(dir, 'ssh_config');
  writeFileSync(sshConfig, clientConfigText({ alias, address, port, user, identity, knownHosts }));

  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  // sshd's log goes to a file, not a pipe: every session process sshd forks inherits its stderr, and a
  // session outliving the device (a ControlPersist master's) would hold a pipe open and keep the test alive.
  const logFile = join(dir, 'sshd.log');
  const logFd = openSync(logFile, 'a');
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', sshdConfig], { stdio: ['ignore', 'ignore', logFd] });
  closeSync(logFd);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`sshd exited ${String(code)}: ${readLog(logFile)}`))));
  await Promise.race([waitFor(`sshd on ${address}:${port}`, () => canConnect(address, port), 15_000, 50), exited]);
  exited.catch(() => undefined);

  return {
    alias, user, address, port, home, sshConfig, knownHosts, identity, hostPublicKey,
    ssh: (argv, sshOptions = {}) => run('ssh', ['-F', sshConfig, alias, '--', ...argv], sshOptions),
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      // What ran as the device user (ssh sessions, the supervisor it was given) ends with the device.
      run('pkill', ['-KILL', '-u', user]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the device's user once; later runs reuse it (the home dir persists under the harness dir). */
function ensureDeviceUser(user: string, home: string): void {
  if (run('id', ['-u', user]).status !== 0) {
    const groups = run('getent', ['group', 'docker']).status === 0 ? ['--groups', 'docker'] : [];
    runOrThrow('useradd', ['--create-home', '--home-dir', home, '--shell', '/bin/sh', ...groups, user]);
  }
  // useradd leaves the account locked ("!"), which sshd refuses even for key logins under UsePAM no.
  runOrThrow('usermod', ['-p', '*', user]);
  mkdirSync(home, { recursive: true });
  runOrThrow('chown', [`${user}:`, home]);
}

function sshdConfigText(o: { address: string; port: number; hostKey: string; authorizedKeys: string; pidFile: string }): string {
  return [
    `ListenAddress ${o.address}:${o.port}`,
    `HostKey ${o.hostKey}`,
    `PidFile ${o.pidFile}`,
    `AuthorizedKeysFile ${o.authorizedKeys}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    // The harness dir lives under /tmp, whose permissions StrictModes would reject.
    'StrictModes no',
    'UsePAM no',
    'MaxSessions 32',
    'LogLevel ERROR',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
}

function clientConfigText(o: { alias: string; address: string; port: number; user: string; identity: string; knownHosts: string }): string {
  return [
    `Host ${o.alias}`,
    `  HostName ${o.address}`,
    `  Port ${o.port}`,
    `  User ${o.user}`,
    `  IdentityFile ${o.identity}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${o.knownHosts}`,
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  LogLevel ERROR',
    '',
  ].join('\n');
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
