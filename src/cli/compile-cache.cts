/**
 * Where the launcher keeps V8's code cache for the CLI bundle, and how it reads and writes it.
 * A cache file is compiled code that this process will run, so it is only read from a directory
 * this user owns and no one else can write to (as ssh treats ~/.ssh), and only for the exact bundle,
 * Node version, architecture and flags it was made with. Anything unusual means "no cache": edgectl
 * is then slower, never different.
 */
import fs = require('node:fs');
import path = require('node:path');

interface CompileCache {
  file: string;
  read(): Buffer | undefined;
  write(data: Buffer): void;
}

interface CacheKey {
  /** sha256 (hex) of the bundle's bytes. */
  bundleSha256: string;
  /** Each command compiles a different part of the bundle, so each gets its own cache. */
  command: string;
  /** V8 refuses a cache made under other flags; naming them keeps such runs from overwriting each other's. */
  execArgv: readonly string[];
}

/** The cache for this run, or undefined when there is none to use (disabled, no home, odd key). */
function openCompileCache(env: Readonly<Record<string, string | undefined>>, key: CacheKey): CompileCache | undefined {
  // Node 22's own compile cache is switched off with this; edgectl's follows the same switch.
  if ((env['NODE_DISABLE_COMPILE_CACHE'] ?? '') !== '') return undefined;
  if (!/^[0-9a-f]{64}$/.test(key.bundleSha256)) return undefined;
  const base = cacheBase(env);
  if (base === undefined) return undefined;
  const dir = path.join(base, 'edgectl', 'v8');
  const flags = fnv1a([...key.execArgv, env['NODE_OPTIONS'] ?? ''].join('\0'));
  const file = path.join(dir, `${key.bundleSha256.slice(0, 16)}-${cacheCommandName(key.command)}-${process.version}-${process.arch}-${flags}.bin`);
  return {
    file,
    read() {
      if (!isPrivateDirectory(dir)) return undefined;
      try {
        return fs.readFileSync(file);
      } catch {
        return undefined;
      }
    },
    write(data) {
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!isPrivateDirectory(dir)) return;
        // Written aside and renamed: a concurrent edgectl reads the old file or the new one, never half.
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, data, { mode: 0o600 });
        fs.renameSync(temporary, file);
        removeStale(dir, key.bundleSha256.slice(0, 16), Date.now());
      } catch {
        // A cache that cannot be written only makes the next run slower.
      }
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each build of edgectl leaves caches of its own: when a new one is written, those of other builds
 * (and temporary files of writers that died) that are a day old go. A day, not at once: two
 * installed versions used in turn would otherwise keep replacing each other's caches.
 */
function removeStale(dir: string, currentBundle: string, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(`${currentBundle}-`) && name.endsWith('.bin')) continue;
    const entry = path.join(dir, name);
    const stat = fs.lstatSync(entry, { throwIfNoEntry: false });
    if (stat?.isFile() === true && now - stat.mtimeMs > DAY_MS) fs.rmSync(entry, { force: true });
  }
}

/** The command's name as a file-name part: the first word of argv when it looks like a command, else `other`. */
function cacheCommandName(command: string): string {
  return /^[a-z][a-z-]{0,31}$/.test(command) ? command : 'other';
}

function cacheBase(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg !== undefined && path.isAbsolute(xdg)) return xdg;
  const home = env['HOME'];
  return home !== undefined && path.isAbsolute(home) ? path.join(home, '.cache') : undefined;
}

/** A real directory (not a link to one), owned by this user, that neither group nor others may write. */
function isPrivateDirectory(dir: string): boolean {
  try {
    const stat = fs.lstatSync(dir);
    const ownedByUs = process.getuid === undefined || stat.uid === process.getuid();
    return stat.isDirectory() && ownedByUs && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** 32-bit FNV-1a, hex: a short, stable name for the flags (not a security measure; V8 checks them itself). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

// CommonJS (see launcher.cts): one export object.
export = { openCompileCache, cacheCommandName, isPrivateDirectory };
