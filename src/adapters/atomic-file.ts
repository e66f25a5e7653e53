/**
 * Files that are either wholly old or wholly new, even if the process dies mid-write: write a temp file
 * beside the target (created with its final mode, so a private key is never readable by others, not even
 * briefly), fsync it, rename it over the target, then fsync the directory so the rename itself survives a
 * power cut. The one implementation every part of edgectl uses.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  // Unique enough to avoid a collision, and 'wx' refuses one anyway. Not crypto: loading it costs every
  // command that can write a file ~1 ms at start, and the name guards nothing.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(temp, { force: true });
    throw error;
  }
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** A directory only its owner can enter: state, keys, sockets. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}
