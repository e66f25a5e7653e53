/**
 * Where the ControlMaster sockets live, with the supervisor sockets they forward (`s-…`, and their
 * `.lock` files) and what is remembered of each device's socket path (`r-….json`). Anyone who can
 * open a control socket can run commands on the device as us, so the directory must be ours alone (0700, owned by us, not a symlink); we refuse to
 * use one that is not, rather than "fixing" a directory someone else prepared.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { EdgeError } from '../core/errors.js';
import { MAX_CONTROL_PATH_BYTES, controlSocketName } from '../core/devices/ssh-argv.js';
import type { SshDestination } from '../core/devices/device-spec.js';

export function controlSocketPath(env: Readonly<Record<string, string | undefined>>, parts: { destination: SshDestination; configFile?: string }): string {
  const name = controlSocketName(parts, (text) => createHash('sha256').update(text).digest('hex'));
  for (const dir of candidateDirs(env)) {
    const path = join(dir, name);
    if (Buffer.byteLength(path) > MAX_CONTROL_PATH_BYTES) continue;
    ensurePrivateDir(dir);
    return path;
  }
  throw new EdgeError({ code: 'SSH_CONTROL_DIR', message: 'no directory for ssh control sockets has a path short enough (108-byte limit of unix sockets)', hint: 'set XDG_RUNTIME_DIR to a short private directory' });
}

function candidateDirs(env: Readonly<Record<string, string | undefined>>): string[] {
  const dirs: string[] = [];
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime !== undefined && runtime.startsWith('/')) dirs.push(join(runtime, 'edgectl'));
  dirs.push(join(env['HOME'] ?? homedir(), '.cache', 'edgectl', 'ssh'));
  dirs.push(join('/tmp', `edgectl-ssh-${userInfo().uid}`));
  return dirs;
}

function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = userInfo().uid;
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) {
    throw new EdgeError({
      code: 'SSH_CONTROL_DIR',
      message: `${dir} is not a private directory of this user (it must be a directory owned by uid ${uid} with mode 0700)`,
      hint: `remove it or run \`chmod 700 ${dir}\` if it is yours`,
    });
  }
}
