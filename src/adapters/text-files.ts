/**
 * Reading and writing the text files edgectl is pointed at (manifests, templates, .env,
 * module.json): size-limited reads with clear errors, and atomic writes (temp file, fsync, rename)
 * so a crash never leaves a half-written deployment behind.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EdgeError, ExitCode, usageError } from '../core/errors.js';
import { writeFileAtomic } from './atomic-file.js';

export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Reads a UTF-8 text file, refusing non-regular files and anything over `maxBytes` before reading it. */
export function readTextFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  if (path.includes('\u0000')) throw usageError('FILE_UNREADABLE', `cannot read ${JSON.stringify(path)}: the path contains a NUL byte`);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not hang; we refuse non-regular files right after.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileError(error, path);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw usageError('FILE_UNREADABLE', `${display(path)} is a directory, not a file`, 'name a manifest file, e.g. config/deployment.amd64.json');
    if (!stat.isFile()) throw usageError('FILE_UNREADABLE', `${display(path)} is not a regular file`);
    if (stat.size > maxBytes) {
      throw usageError('FILE_TOO_LARGE', `${display(path)} is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit`, 'a deployment manifest is at most a few hundred KB; raise the limit with --max-size if this file is right');
    }
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } catch (error) {
    if (error instanceof EdgeError) throw error;
    throw fileError(error, path);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads standard input to its end (for `edgectl validate -`), refusing more than `maxBytes`.
 * Reads the descriptor synchronously: the whole document is needed before anything can be said.
 */
export function readStandardInput(maxBytes = DEFAULT_MAX_FILE_BYTES, fd = 0): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw usageError('FILE_UNREADABLE', `cannot read standard input: ${code ?? (error as Error).message}`);
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw usageError('FILE_TOO_LARGE', `standard input is over the ${formatBytes(maxBytes)} limit`, 'raise the limit with --max-size if this input is right');
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether a regular file exists at `path` (false for directories, devices and unreadable paths). */
export function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Writes `text` to `path` atomically (see atomic-file.ts), creating its directory; failures become EdgeErrors. */
export function writeTextFileAtomic(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text, 0o644);
  } catch (error) {
    throw writeError(error, path);
  }
}

function fileError(error: unknown, path: string): EdgeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return usageError('FILE_NOT_FOUND', `${display(path)} does not exist`, 'check the path; `ls` the directory to see what is there');
  if (code === 'EACCES' || code === 'EPERM') return usageError('FILE_UNREADABLE', `${display(path)} cannot be read: permission denied`);
  if (code === 'EISDIR') return usageError('FILE_UNREADABLE', `${display(path)} is a directory, not a file`);
  return usageError('FILE_UNREADABLE', `${display(path)} cannot be read: ${(error as Error).message}`);
}

function writeError(error: unknown, path: string): EdgeError {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new EdgeError({ code: 'FILE_WRITE_FAILED', message: `cannot write ${display(path)}: ${detail}`, hint: 'check that the output directory is writable', exitCode: ExitCode.failed });
}

/** A path as it is safe to print: control characters escaped so a hostile name cannot rewrite the terminal. */
export function display(path: string): string {
// eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
