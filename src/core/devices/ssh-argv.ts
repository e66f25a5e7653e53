/**
 * The argv of every ssh call edgectl makes. Built here, purely, so a table test can show exactly what
 * runs. Options on the command line take precedence over ~/.ssh/config, so only the ones edgectl must
 * control are set; the rest (identity, ProxyJump, agent, certificates…) stays as the user configured it.
 */
import { quoteShellCommand } from './shell-quote.js';
import { sshHostArgument, type SshDestination } from './device-spec.js';

export type HostKeyPolicy = 'strict' | 'accept-new';

export interface SshConnectionOptions {
  destination: SshDestination;
  /** An ssh_config file for `-F` (EDGECTL_SSH_CONFIG / --ssh-config); otherwise ssh's own defaults. */
  configFile?: string;
  /** Full path of the ControlMaster socket (see controlSocketPath). */
  controlPath: string;
  /** Seconds the master connection stays up after the last command, so the next one skips the handshake. */
  controlPersistSeconds: number;
  connectTimeoutSeconds: number;
  hostKeyPolicy: HostKeyPolicy;
  /** With no one to answer, ssh must never prompt (a prompt would hang a script or a CI job). */
  interactive: boolean;
}

export function sshOptionArgv(options: SshConnectionOptions): string[] {
  const argv: string[] = [];
  if (options.configFile !== undefined) argv.push('-F', options.configFile);
  argv.push(
    '-o', 'ControlMaster=auto',
    '-o', `ControlPath=${options.controlPath}`,
    '-o', `ControlPersist=${options.controlPersistSeconds}`,
    '-o', `ConnectTimeout=${options.connectTimeoutSeconds}`,
    '-o', `StrictHostKeyChecking=${options.hostKeyPolicy === 'strict' ? 'yes' : 'accept-new'}`,
    // Keep-alives let a dead peer end a long `logs -f` instead of hanging forever.
    '-o', 'ServerAliveInterval=15',
    '-o', 'ServerAliveCountMax=3',
    // ERROR still prints host-key and connection failures (which classifySshFailure reads), not banners.
    '-o', 'LogLevel=ERROR',
    // A master that exited leaves its forwarded socket file behind; the next master binds over it.
    '-o', 'StreamLocalBindUnlink=yes',
  );
  if (!options.interactive) argv.push('-o', 'BatchMode=yes');
  // No pseudo-terminal: the channel carries bytes (API frames, bundles), never a terminal session.
  argv.push('-T');
  if (options.destination.port !== undefined) argv.push('-p', String(options.destination.port));
  return argv;
}

/**
 * `ssh [options] -- destination 'arg' 'arg'…`: the `--` ends option parsing, so the destination can
 * never be read as an option, and the remote argv is quoted for the device's shell.
 */
export function buildSshArgv(options: SshConnectionOptions, remoteArgv: readonly string[]): string[] {
  return [...sshOptionArgv(options), '--', sshHostArgument(options.destination), quoteShellCommand(remoteArgv)];
}

/** `ssh -O exit`: closes the master connection (used by tests and benchmarks for a cold start). */
export function buildSshControlArgv(options: SshConnectionOptions, command: 'check' | 'exit'): string[] {
  return [...sshOptionArgv(options), '-O', command, '--', sshHostArgument(options.destination)];
}

/** A local unix socket that the master forwards to a unix socket on the device (OpenSSH streamlocal). */
export interface StreamForward {
  localSocket: string;
  remoteSocket: string;
}

/**
 * The forward of the supervisor's socket. `open-master`: `ssh -f -N -L …` opens the master connection
 * with the forward and no remote session at all, and goes to the background once the forward listens
 * (ExitOnForwardFailure makes a failed listen an exit 255 instead of a master without it).
 * `add-to-master`: `ssh -O forward -L …` asks a running master to add it; `cancel` to drop it.
 */
export function buildSshForwardArgv(options: SshConnectionOptions, forward: StreamForward, how: 'open-master' | 'add-to-master' | 'cancel'): string[] {
  if (!isForwardableSocketPath(forward.localSocket) || !isForwardableSocketPath(forward.remoteSocket)) throw new Error(`not a forwardable socket path: ${forward.localSocket} → ${forward.remoteSocket}`);
  const spec = `${forward.localSocket}:${forward.remoteSocket}`;
  const mode = how === 'open-master' ? ['-o', 'ExitOnForwardFailure=yes', '-f', '-N'] : ['-O', how === 'cancel' ? 'cancel' : 'forward'];
  return [...sshOptionArgv(options), ...mode, '-L', spec, '--', sshHostArgument(options.destination)];
}

/**
 * ssh splits `-L` at colons and has no quoting for them, and sun_path holds 108 bytes: a socket path
 * is forwarded only when it is absolute, short and made of plain characters; otherwise (a home
 * directory with a colon or a space) the supervisor is reached through dial-stdio instead.
 */
export function isForwardableSocketPath(path: string): boolean {
  return /^\/[A-Za-z0-9._/+@-]+$/.test(path) && !path.includes('/../') && path.length <= 104; // ASCII only, so length is bytes
}

/** The name of the local end of a forward: one per device and remote path, so a moved socket gets a new one. */
export function forwardSocketName(parts: { destination: SshDestination; configFile?: string }, remoteSocket: string, hash: (text: string) => string): string {
  return `s-${hash(JSON.stringify([controlSocketName(parts, hash), remoteSocket])).slice(0, 16)}`;
}

/** Where the device's supervisor socket path is remembered (see supervisor-socket-cache.ts). */
export function socketCacheName(parts: { destination: SshDestination; configFile?: string }, hash: (text: string) => string): string {
  return `${controlSocketName(parts, hash).replace(/^c-/, 'r-')}.json`;
}

/**
 * Unix socket paths are limited to 108 bytes and ssh adds a 17-character temporary suffix while it
 * creates the socket, so the name is a short hash of everything that identifies the connection.
 */
export function controlSocketName(parts: { destination: SshDestination; configFile?: string }, hash: (text: string) => string): string {
  const key = JSON.stringify([parts.configFile ?? '', parts.destination.user ?? '', parts.destination.host, parts.destination.port ?? 0]);
  return `c-${hash(key).slice(0, 16)}`;
}

export const MAX_CONTROL_PATH_BYTES = 108 - 18;
