/**
 * Reaching a device's supervisor API through a unix socket that the ssh master forwards to the
 * supervisor's own socket (OpenSSH streamlocal, `-L local.sock:remote.sock`). A warm call is a local
 * connect and HTTP: no ssh process here and no process on the device. A cold one opens the master
 * with the forward and no remote session. Anything that does not work (no forwarding in the device's
 * sshd, an unknown or moved socket path, an odd home directory) falls back to `edge-supervisor
 * dial-stdio` over ssh, which is what every call did before, with the same errors.
 */
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Duplex } from 'node:stream';
import { SOCKET_PATH_ARGV } from '../core/devices/remote-installer.js';
import { isForwardableSocketPath } from '../core/devices/ssh-argv.js';
import { withFallback } from './fallback-duplex.js';
import type { SshTransport } from './ssh.js';
import { forwardRefusedRecently, isPlausibleSocketPath, type SupervisorSocketEntry } from './supervisor-socket-cache.js';

/** How long a forward that closed without answering is given before it is tried again. */
const FORWARD_RETRY_DELAY_MS = 100;

export class ForwardedSupervisor {
  /** Set once forwarding failed in this process: the rest of its calls go straight to dial-stdio. */
  private stdioOnly = false;
  /** The device's socket and the local end of its forward: found on the first call, kept for the rest. */
  private target: { entry: SupervisorSocketEntry; localSocket: string } | undefined;

  constructor(private readonly transport: SshTransport, private readonly dialStdio: () => Promise<Duplex>, private readonly now: () => number = Date.now) {}

  async connect(): Promise<Duplex> {
    if (this.stdioOnly) return this.dialStdio();
    this.target ??= await this.findTarget();
    if (this.target === undefined) return this.useStdioFromNowOn();
    const { entry, localSocket } = this.target;
    let socket: Attempt | undefined = await tryConnect(localSocket);
    if (!('socket' in socket)) {
      // No forward yet (ENOENT), or the master that made it is gone (ECONNREFUSED): set it up, one
      // edgectl at a time (two masters racing for one control socket would leave one that never exits).
      socket = await oneAtATime(`${localSocket}.lock`, this.transport.connectTimeoutSeconds * 1000 + 5_000, () => tryConnect(localSocket), async () => {
        // Another edgectl may have set it up between our first try and the lock.
        const again = await tryConnect(localSocket);
        if ('socket' in again) return again;
        // A socket file nobody listens on is a dead master's: out of the new one's way.
        if (again.error.code === 'ECONNREFUSED') rmSync(localSocket, { force: true });
        if (!(await this.transport.forward({ localSocket, remoteSocket: entry.remoteSocket }))) return undefined;
        return tryConnect(localSocket);
      });
      if (socket === undefined || !('socket' in socket)) return this.useStdioFromNowOn();
    }
    return withFallback(socket.socket, () => this.fallBack(entry, localSocket));
  }

  /** Where to forward to, or undefined when this device is reached through dial-stdio. */
  private async findTarget(): Promise<{ entry: SupervisorSocketEntry; localSocket: string } | undefined> {
    const entry = this.transport.socketCache.read() ?? await this.learnSocketPath();
    if (entry === undefined || forwardRefusedRecently(entry, this.now()) || !isForwardableSocketPath(entry.remoteSocket)) return undefined;
    return { entry, localSocket: this.transport.socketCache.localSocketFor(entry.remoteSocket) };
  }

  private useStdioFromNowOn(): Promise<Duplex> {
    this.stdioOnly = true;
    return this.dialStdio();
  }

  /**
   * The forwarded connection closed without a byte. That can pass (the supervisor restarting, a busy
   * device): the forward is tried once more, a moment later, before anything is concluded from it.
   */
  private async fallBack(tried: SupervisorSocketEntry, localSocket: string): Promise<Duplex> {
    await sleep(FORWARD_RETRY_DELAY_MS);
    const again = await tryConnect(localSocket);
    if ('socket' in again) return withFallback(again.socket, () => this.giveUpOnForward(tried));
    return this.giveUpOnForward(tried);
  }

  /**
   * The forward failed twice: learn the path again. A moved socket is simply remembered (the next
   * call forwards the new path); the same path means the device would not forward it, which is
   * remembered once dial-stdio has shown that the supervisor does answer.
   */
  private async giveUpOnForward(tried: SupervisorSocketEntry): Promise<Duplex> {
    this.stdioOnly = true;
    const learned = await this.learnSocketPath();
    const duplex = await this.dialStdio();
    if (learned?.remoteSocket === tried.remoteSocket) {
      duplex.once('data', () => this.transport.socketCache.write({ remoteSocket: tried.remoteSocket, forwardRefusedAt: this.now() }));
    }
    return duplex;
  }

  /** Asks the device where the supervisor socket is, and remembers it (forwardable or not). */
  private async learnSocketPath(): Promise<SupervisorSocketEntry | undefined> {
    const result = await this.transport.run(SOCKET_PATH_ARGV, { timeoutMs: 15_000 });
    const path = /^socket=(.*)$/m.exec(result.stdout)?.[1];
    if (result.exitCode !== 0 || path === undefined || !isPlausibleSocketPath(path)) return undefined;
    const entry = { remoteSocket: path };
    this.transport.socketCache.write(entry);
    return entry;
  }
}

type Attempt = { socket: Socket } | { error: NodeJS.ErrnoException };

/**
 * Runs `work` holding a lock file; while another process holds it, polls `ready` (the other's result)
 * instead, until that succeeds or the lock is older than `staleMs` (its holder died), then takes over.
 */
async function oneAtATime(lock: string, staleMs: number, ready: () => Promise<Attempt>, work: () => Promise<Attempt | undefined>): Promise<Attempt | undefined> {
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch {
      fd = undefined;
    }
    if (fd !== undefined) {
      closeSync(fd);
      try {
        return await work();
      } finally {
        rmSync(lock, { force: true });
      }
    }
    const attempt = await ready();
    if ('socket' in attempt) return attempt;
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age > staleMs) rmSync(lock, { force: true });
    else await sleep(25);
  }
}

function tryConnect(path: string): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = netConnect(path);
    socket.once('connect', () => { socket.removeAllListeners('error'); resolve({ socket }); });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
  });
}
