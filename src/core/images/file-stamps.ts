/**
 * The stat cache behind the up-to-date check, on git's index model: a file whose stamp (size,
 * mtime, ctime, inode, mode) is what it was when we last hashed it still has that hash, so an
 * unchanged context is stat'ed, not read. ctime is in the stamp because no tool can set it: a
 * rewrite that restores the old mtime (rsync -t, touch -d) still changes ctime.
 * Racy files (git's term): a file written in the same clock tick as it was hashed could change
 * again without its stamp changing, so a stamp younger than RACY_WINDOW_NS is never remembered.
 */

export interface FileStamp {
  size: number;
  /** Nanoseconds since the epoch, as decimal strings (bigint precision, JSON-safe). */
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  mode: number;
}

export interface StampedDigest extends FileStamp {
  sha256: string;
}

/** Coarse file systems tick in seconds (FAT in two); two seconds covers every one we meet. */
export const RACY_WINDOW_NS = 2_000_000_000n;

/** The remembered hash when the file's stamp is unchanged, else undefined (hash the file). */
export function reusableDigest(remembered: StampedDigest | undefined, stamp: FileStamp): string | undefined {
  if (remembered === undefined) return undefined;
  const same = remembered.size === stamp.size && remembered.mtimeNs === stamp.mtimeNs && remembered.ctimeNs === stamp.ctimeNs
    && remembered.ino === stamp.ino && remembered.mode === stamp.mode;
  return same ? remembered.sha256 : undefined;
}

/** Whether a hash taken at `hashedAtNs` may be remembered for this stamp (see "racy" above). */
export function isRememberable(stamp: FileStamp, hashedAtNs: bigint): boolean {
  const youngest = BigInt(stamp.mtimeNs) > BigInt(stamp.ctimeNs) ? BigInt(stamp.mtimeNs) : BigInt(stamp.ctimeNs);
  return youngest + RACY_WINDOW_NS < hashedAtNs;
}

/** Parses a stat cache file; anything malformed is an empty cache (it only ever saves work). */
export function parseStampCache(text: string): Map<string, StampedDigest> {
  const cache = new Map<string, StampedDigest>();
  try {
    const document = JSON.parse(text) as { version?: number; files?: Record<string, StampedDigest> };
    if (document.version !== 1 || document.files === undefined || typeof document.files !== 'object') return cache;
    for (const [path, entry] of Object.entries(document.files)) {
      if (typeof entry?.sha256 === 'string' && typeof entry.size === 'number' && typeof entry.mtimeNs === 'string' && typeof entry.ctimeNs === 'string' && typeof entry.ino === 'string' && typeof entry.mode === 'number') {
        cache.set(path, entry);
      }
    }
  } catch {
    // Unreadable: start over.
  }
  return cache;
}

export function serializeStampCache(files: ReadonlyMap<string, StampedDigest>): string {
  return JSON.stringify({ version: 1, files: Object.fromEntries(files) });
}
