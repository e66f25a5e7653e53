/**
 * What this machine remembers of a device's supervisor socket: its absolute path on the device (to
 * forward it through the master connection), and when forwarding it last failed while dial-stdio
 * worked (an sshd with `AllowStreamLocalForwarding no`), so calls skip the forward for a while.
 * It lives beside the control socket, in the owner-only control directory, and is only ever a hint:
 * a forward that fails falls back to dial-stdio and rewrites it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { forwardSocketName, socketCacheName } from '../core/devices/ssh-argv.js';
import type { SshDestination } from '../core/devices/device-spec.js';
import { writeFileAtomic } from './atomic-file.js';

export interface SupervisorSocketEntry {
  remoteSocket: string;
  /** ms since the epoch; absent while forwarding works. */
  forwardRefusedAt?: number;
}

/** How long a device whose sshd refused the forward is reached through dial-stdio only. */
export const FORWARD_RETRY_MS = 10 * 60_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class SupervisorSocketCache {
  private readonly file: string;

  /** `controlPath`: the device's ControlMaster socket, whose directory is private to this user. */
  constructor(private readonly controlPath: string, private readonly parts: { destination: SshDestination; configFile?: string }) {
    this.file = join(dirname(controlPath), socketCacheName(parts, sha256));
  }

  /** The remembered entry, or undefined if there is none or it is not one we would have written. */
  read(): SupervisorSocketEntry | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return undefined;
    }
    const entry = parsed as Partial<SupervisorSocketEntry> | null;
    if (typeof entry?.remoteSocket !== 'string' || !isPlausibleSocketPath(entry.remoteSocket)) return undefined;
    const refused = typeof entry.forwardRefusedAt === 'number' && Number.isFinite(entry.forwardRefusedAt) ? { forwardRefusedAt: entry.forwardRefusedAt } : {};
    return { remoteSocket: entry.remoteSocket, ...refused };
  }

  /** Remembers where the supervisor socket is, as a device install just learned it. */
  remember(remoteSocket: string): void {
    if (isPlausibleSocketPath(remoteSocket)) this.write({ remoteSocket });
  }

  write(entry: SupervisorSocketEntry): void {
    writeFileAtomic(this.file, `${JSON.stringify(entry)}\n`, 0o600);
  }

  /** The local end of the forward for `remoteSocket`, next to the control socket. */
  localSocketFor(remoteSocket: string): string {
    return join(dirname(this.controlPath), forwardSocketName(this.parts, remoteSocket, sha256));
  }
}

/**
 * An absolute path without control characters. One that ssh cannot forward (a colon, a space) is still
 * remembered, so the device is not asked again on every call; it is simply reached through dial-stdio.
 */
export function isPlausibleSocketPath(path: string): boolean {
  return path.startsWith('/') && path.length < 4096 && ![...path].some((char) => char < ' ' || char === '\x7f');
}


export function forwardRefusedRecently(entry: SupervisorSocketEntry, now: number): boolean {
  return entry.forwardRefusedAt !== undefined && now - entry.forwardRefusedAt < FORWARD_RETRY_MS && entry.forwardRefusedAt <= now;
}
