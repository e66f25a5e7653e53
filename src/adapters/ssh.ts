/**
 * The SSH transport: the system OpenSSH client (argv arrays, never a shell string), so ~/.ssh/config, agents, ProxyJump
 * and certificates work as the user set them up. One multiplexed master connection per device
 * (ControlMaster/ControlPersist) is shared by every call, so only the first call pays the handshake
 * and a busy command never runs into sshd's MaxSessions/MaxStartups limits with fresh connections.
 */
import { existsSync } from 'node:fs';
import { Duplex } from 'node:stream';
import { EdgeError } from '../core/errors.js';
import { buildSshArgv, buildSshControlArgv, buildSshForwardArgv, type HostKeyPolicy, type SshConnectionOptions, type StreamForward } from '../core/devices/ssh-argv.js';
import { classifySshFailure, COMMAND_NOT_FOUND_EXIT, supervisorNotInstalled } from '../core/devices/ssh-failure.js';
import type { SshDestination } from '../core/devices/device-spec.js';
import { controlSocketPath } from './ssh-control-dir.js';
import { runSsh, spawnSsh, sshFinished } from './ssh-process.js';
import { SupervisorSocketCache } from './supervisor-socket-cache.js';

export interface SshTransportOptions {
  destination: SshDestination;
  /** How the user named the device, for messages. */
  label: string;
  configFile?: string;
  hostKeyPolicy: HostKeyPolicy;
  interactive: boolean;
  connectTimeoutSeconds?: number;
  controlPersistSeconds?: number;
  env: Readonly<Record<string, string | undefined>>;
}

export interface RemoteResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class SshTransport {
  readonly label: string;
  /** The device's supervisor socket path as last learned (beside the control socket). */
  readonly socketCache: SupervisorSocketCache;
  private readonly connection: SshConnectionOptions;

  constructor(options: SshTransportOptions) {
    this.label = options.label;
    const where = { destination: options.destination, ...(options.configFile === undefined ? {} : { configFile: options.configFile }) };
    this.connection = {
      ...where,
      controlPath: controlSocketPath(options.env, where),
      controlPersistSeconds: options.controlPersistSeconds ?? 600,
      connectTimeoutSeconds: options.connectTimeoutSeconds ?? 10,
      hostKeyPolicy: options.hostKeyPolicy,
      interactive: options.interactive,
    };
    this.socketCache = new SupervisorSocketCache(this.connection.controlPath, where);
  }

  get connectTimeoutSeconds(): number {
    return this.connection.connectTimeoutSeconds;
  }

  /** The exact argv of ssh for a remote command (shown by --dry-run and --debug). */
  argv(remoteArgv: readonly string[]): string[] {
    return buildSshArgv(this.connection, remoteArgv);
  }

  /**
   * Runs a fixed remote command to completion. ssh's own failures become EdgeErrors; the remote
   * command's exit status is returned for the caller to judge.
   */
  async run(remoteArgv: readonly string[], options: { input?: string | Uint8Array; timeoutMs?: number } = {}): Promise<RemoteResult> {
    let result: Awaited<ReturnType<typeof runSsh>>;
    try {
      result = await runSsh(this.argv(remoteArgv), options);
    } catch (error) {
      throw sshMissingOr(error);
    }
    if (result.timedOut) throw new EdgeError({ code: 'DEVICE_TIMEOUT', message: `${this.label} did not answer within ${options.timeoutMs ?? 0} ms`, hint: `check the device with \`edgectl device check --device ${this.label}\`` });
    const outcome = { exitCode: result.code ?? 255, stdout: result.stdout, stderr: result.stderr };
    const failure = classifySshFailure(outcome, this.label);
    if (failure !== undefined) throw failure;
    return outcome;
  }

  /**
   * Starts a long-lived remote command and returns its stdin/stdout as one Duplex (the pattern of
   * `docker system dial-stdio`): the supervisor API client speaks HTTP over it. Destroying the
   * duplex ends ssh, which closes the channel and so ends the remote side too.
   */
  async dial(remoteArgv: readonly string[]): Promise<Duplex> {
    const child = spawnSsh(this.argv(remoteArgv));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { if (stderr.length < 16_384) stderr += chunk.toString(); });
    const { stdin, stdout } = child;
    let destroyedByUs = false;
    const duplex = new Duplex({
      // A write into a dead ssh fails with EPIPE; the reason it died comes with its exit, below.
      write(chunk: Buffer, _encoding, callback) { stdin.write(chunk, () => callback()); },
      final(callback) { stdin.end(); callback(); },
      read() { stdout.resume(); },
      destroy(error, callback) {
        destroyedByUs = true;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        callback(error);
      },
    });
    stdin.on('error', () => undefined); // EPIPE after ssh died: reported through the exit below.
    stdout.on('data', (chunk: Buffer) => { if (!duplex.push(chunk)) stdout.pause(); });
    // The stream ends only once ssh has exited and we know why: a failed connection must reach the
    // reader as its EdgeError (host key, unreachable…), not as an anonymous early end of stream.
    sshFinished(child).then(({ code, signal }) => {
      if (destroyedByUs) return;
      const failure = signal === null ? classifySshFailure({ exitCode: code ?? 0, stderr }, this.label) ?? remoteFailure(code ?? 0, stderr, this.label) : undefined;
      if (failure !== undefined) duplex.destroy(failure);
      else duplex.push(null);
    }, (error: unknown) => duplex.destroy(sshMissingOr(error)));
    return duplex;
  }

  /**
   * Makes the master connection forward `forward.localSocket` to `forward.remoteSocket` on the device,
   * opening the master if there is none (then with no remote session: nothing runs on the device).
   * Returns false when ssh connected but would not set the forward up (the caller uses dial-stdio);
   * connection failures (host key, login, unreachable) are thrown as their EdgeErrors.
   */
  async forward(forward: StreamForward): Promise<boolean> {
    if (existsSync(this.connection.controlPath)) {
      const control = async (how: 'add-to-master' | 'cancel'): Promise<boolean> => (await runSsh(buildSshForwardArgv(this.connection, forward, how), { timeoutMs: 10_000 }).catch(() => undefined))?.code === 0;
      if (await control('add-to-master')) {
        if (existsSync(forward.localSocket)) return true;
        // The master had this forward already, but its socket file was removed: bind it afresh.
        if (await control('cancel') && await control('add-to-master') && existsSync(forward.localSocket)) return true;
      }
    }
    let result: Awaited<ReturnType<typeof runSsh>>;
    try {
      result = await runSsh(buildSshForwardArgv(this.connection, forward, 'open-master'), { timeoutMs: (this.connection.connectTimeoutSeconds + 5) * 1000 });
    } catch (error) {
      throw sshMissingOr(error);
    }
    if (result.timedOut) throw new EdgeError({ code: 'DEVICE_TIMEOUT', message: `${this.label} did not answer within ${this.connection.connectTimeoutSeconds + 5} s`, hint: `check the device with \`edgectl device check --device ${this.label}\`` });
    if (result.code === 0) return true;
    const failure = classifySshFailure({ exitCode: result.code ?? 255, stderr: result.stderr }, this.label);
    // An unclassified failure is ssh refusing the forward itself, not the connection: dial-stdio may still work.
    if (failure !== undefined && failure.code !== 'SSH_FAILED') throw failure;
    return false;
  }

  /** The pid of the master connection, if one is up (`ssh -O check`). */
  async masterPid(): Promise<number | undefined> {
    const result = await runSsh(buildSshControlArgv(this.connection, 'check')).catch(() => undefined);
    const pid = /pid=(\d+)/.exec(`${result?.stderr ?? ''}${result?.stdout ?? ''}`)?.[1];
    return pid === undefined ? undefined : Number(pid);
  }

  /** Closes the master connection, if one is up (the next call is a cold start). */
  async closeMaster(): Promise<void> {
    await runSsh(buildSshControlArgv(this.connection, 'exit')).catch(() => undefined);
  }
}

/** Exit statuses of the remote side of `dial-stdio` (the launcher's shell, then dial-stdio itself). */
function remoteFailure(code: number, stderr: string, device: string): EdgeError | undefined {
  if (code === COMMAND_NOT_FOUND_EXIT) return supervisorNotInstalled(device);
  if (code === DIAL_NO_SUPERVISOR_EXIT) {
    return new EdgeError({
      code: 'SUPERVISOR_NOT_RUNNING',
      message: `the supervisor on ${device} is installed but not running (${stderr.trim().split('\n').at(-1) ?? ''})`,
      hint: `edgectl device install --device ${device} starts it again`,
      details: { device },
    });
  }
  return undefined;
}

/** `edge-supervisor dial-stdio` exits 3 when nothing listens on the socket. */
const DIAL_NO_SUPERVISOR_EXIT = 3;

function sshMissingOr(cause: unknown): Error {
  if ((cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return new EdgeError({ code: 'SSH_CLIENT_MISSING', message: 'the OpenSSH client `ssh` is not on the PATH', hint: 'install OpenSSH (Debian: apt-get install openssh-client)', cause });
  }
  return cause instanceof Error ? cause : new Error(String(cause));
}
