/**
 * The digest of a build context for the up-to-date check: every listed file's bytes hashed, except
 * those whose stat stamp matches the stat cache (core/images/file-stamps.ts), which keep their
 * remembered hash. The cache lives in the user's cache folder, keyed by the context's path, never
 * inside the context: a file there would itself be part of the context and change what is sent.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { contextDigest, type ContextEntryDigest } from '../core/images/build-key.js';
import { isRememberable, parseStampCache, reusableDigest, serializeStampCache, type StampedDigest } from '../core/images/file-stamps.js';
import { ensurePrivateDir, writeFileAtomic } from './atomic-file.js';
import type { ListedEntry } from './build-context.js';

export interface ContextDigestResult {
  digest: string;
  /** How many files were read (the rest came from the stat cache): for --debug and tests. */
  filesHashed: number;
}

/** `nowNs` is the clock the racy rule reads (tests pass one that is ahead). */
export function digestBuildContext(contextDir: string, entries: readonly ListedEntry[], env: Readonly<Record<string, string | undefined>>, nowNs: () => bigint = () => BigInt(Date.now()) * 1_000_000n): ContextDigestResult {
  const cacheFile = stampCacheFile(contextDir, env);
  let remembered = new Map<string, StampedDigest>();
  try {
    remembered = parseStampCache(readFileSync(cacheFile, 'utf8'));
  } catch {
    // No cache yet: every file is hashed once.
  }
  const hashedAtNs = nowNs();
  const next = new Map<string, StampedDigest>();
  let filesHashed = 0;
  const digests: ContextEntryDigest[] = entries.map((entry) => {
    if (entry.type === 'directory') return { path: entry.path, type: entry.type, mode: entry.mode, content: '' };
    if (entry.type === 'symlink') return { path: entry.path, type: entry.type, mode: entry.mode, content: entry.linkTarget ?? '' };
    let sha256 = reusableDigest(remembered.get(entry.path), entry.stamp);
    if (sha256 === undefined) {
      sha256 = hashFile(join(contextDir, entry.path));
      filesHashed++;
    }
    if (isRememberable(entry.stamp, hashedAtNs)) next.set(entry.path, { ...entry.stamp, sha256 });
    return { path: entry.path, type: entry.type, mode: entry.mode, content: sha256 };
  });
  // Written only when what is remembered changes: files too young to remember are hashed on every
  // build until they settle, and rewriting (with its fsyncs) each time would cost more than the reads.
  if (!sameStamps(remembered, next)) saveQuietly(cacheFile, next);
  return { digest: contextDigest(digests), filesHashed };
}

function sameStamps(a: ReadonlyMap<string, StampedDigest>, b: ReadonlyMap<string, StampedDigest>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, entry] of b) {
    const other = a.get(path);
    if (other === undefined || other.sha256 !== entry.sha256 || reusableDigest(other, entry) === undefined) return false;
  }
  return true;
}

function hashFile(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function stampCacheFile(contextDir: string, env: Readonly<Record<string, string | undefined>>): string {
  const cacheHome = env['XDG_CACHE_HOME'] ?? join(env['HOME'] ?? homedir(), '.cache');
  return join(cacheHome, 'edgectl', 'context-stamps', `${createHash('sha256').update(contextDir).digest('hex').slice(0, 32)}.json`);
}

/** The cache only saves work: a read-only home or a full disk must not fail the build. */
function saveQuietly(file: string, files: ReadonlyMap<string, StampedDigest>): void {
  try {
    ensurePrivateDir(dirname(file));
    writeFileAtomic(file, serializeStampCache(files));
  } catch {
    // Next build hashes again.
  }
}
