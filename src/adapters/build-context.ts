/**
 * The build context as the Docker CLI would send it: the context folder as a tar stream, minus
 * what `.dockerignore` excludes (the Dockerfile and .dockerignore always go). Streamed file by
 * file, so a large context is never held in memory.
 */
import { createReadStream, lstatSync, readdirSync, readFileSync, readlinkSync, type BigIntStats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { parseDockerignore, type ContextFilter } from '../core/images/dockerignore.js';
import type { FileStamp } from '../core/images/file-stamps.js';
import { padding, tarHeader, tarTrailer, type TarEntry } from '../core/images/tar-header.js';

/** A context entry with the stat data the up-to-date check's stat cache compares. */
export interface ListedEntry extends TarEntry {
  stamp: FileStamp;
}

export interface BuildContext {
  stream: Readable;
  /** Context-relative paths that will be sent, in order (for tests and --debug). */
  entries: TarEntry[];
}

/** The Dockerfile's path inside the context, as the Engine API and .dockerignore spell it (`/`-separated). */
export function dockerfileInContextPath(contextDir: string, dockerfile: string): string {
  return relative(contextDir, dockerfile).split(sep).join('/');
}

/** What would be sent, without reading any file's content: one walk, shared by the key and the tar. */
export function listBuildContext(contextDir: string, dockerfile: string): ListedEntry[] {
  const dockerfileRelative = dockerfileInContextPath(contextDir, dockerfile);
  let ignoreText = '';
  try {
    ignoreText = readFileSync(join(contextDir, '.dockerignore'), 'utf8');
  } catch {
    // No .dockerignore: everything is sent.
  }
  const filter = parseDockerignore(ignoreText, [dockerfileRelative, '.dockerignore']);
  const entries: ListedEntry[] = [];
  collect(contextDir, '', filter, entries);
  return entries;
}

export function packBuildContext(contextDir: string, dockerfile: string, listed?: readonly TarEntry[]): BuildContext {
  const entries = [...(listed ?? listBuildContext(contextDir, dockerfile))];
  return { entries, stream: Readable.from(generate(contextDir, entries)) };
}

function collect(root: string, dir: string, filter: ContextFilter, out: ListedEntry[]): void {
  const names = readdirSync(join(root, dir)).sort();
  for (const name of names) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const included = filter.includes(path);
    if (!included && !filter.hasExceptions) {
      // An excluded name is only walked into when a `!` pattern could bring back something below it.
      continue;
    }
    const stat = lstatSync(join(root, path), { bigint: true });
    const common = { path, mode: Number(stat.mode), mtimeSeconds: Number(stat.mtimeMs) / 1000, stamp: stampOf(stat) };
    if (stat.isDirectory()) {
      if (included) out.push({ ...common, type: 'directory', size: 0 });
      collect(root, path, filter, out);
    } else if (!included) {
      continue;
    } else if (stat.isSymbolicLink()) {
      out.push({ ...common, type: 'symlink', size: 0, linkTarget: readlinkSync(join(root, path)) });
    } else if (stat.isFile()) {
      out.push({ ...common, type: 'file', size: Number(stat.size) });
    }
  }
}

function stampOf(stat: BigIntStats): FileStamp {
  return { size: Number(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs), ino: String(stat.ino), mode: Number(stat.mode) };
}

async function* generate(root: string, entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield tarHeader(entry);
    if (entry.type !== 'file') continue;
    let written = 0;
    for await (const chunk of createReadStream(join(root, entry.path))) {
      const buffer = chunk as Buffer;
      // A file that grew while packing would corrupt the archive: send exactly the size announced.
      const take = Math.min(buffer.length, entry.size - written);
      if (take > 0) yield take === buffer.length ? buffer : buffer.subarray(0, take);
      written += take;
    }
    if (written < entry.size) yield Buffer.alloc(entry.size - written);
    yield Buffer.alloc(padding(entry.size));
  }
  yield tarTrailer();
}
