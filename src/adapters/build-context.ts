/**
 * The build context as the Docker CLI would send it: the context folder as a tar stream, minus
 * what `.dockerignore` excludes (the Dockerfile and .dockerignore always go). Streamed file by
 * file, so a large context is never held in memory.
 */
import { createReadStream, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { parseDockerignore, type ContextFilter } from '../core/images/dockerignore.js';
import { padding, tarHeader, tarTrailer, type TarEntry } from '../core/images/tar-header.js';

export interface BuildContext {
  stream: Readable;
  /** Context-relative paths that will be sent, in order (for tests and --debug). */
  entries: TarEntry[];
}

export function packBuildContext(contextDir: string, dockerfile: string): BuildContext {
  const dockerfileRelative = relative(contextDir, dockerfile).split(sep).join('/');
  let ignoreText = '';
  try {
    ignoreText = readFileSync(join(contextDir, '.dockerignore'), 'utf8');
  } catch {
    // No .dockerignore: everything is sent.
  }
  const filter = parseDockerignore(ignoreText, [dockerfileRelative, '.dockerignore']);
  const entries: TarEntry[] = [];
  collect(contextDir, '', filter, entries);
  return { entries, stream: Readable.from(generate(contextDir, entries)) };
}

function collect(root: string, dir: string, filter: ContextFilter, out: TarEntry[]): void {
  const names = readdirSync(join(root, dir)).sort();
  for (const name of names) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const included = filter.includes(path);
    const stat = lstatSync(join(root, path));
    if (stat.isDirectory()) {
      if (!included && !filter.hasExceptions) continue;
      if (included) out.push({ path, type: 'directory', mode: stat.mode, size: 0, mtimeSeconds: stat.mtimeMs / 1000 });
      collect(root, path, filter, out);
    } else if (!included) {
      continue;
    } else if (stat.isSymbolicLink()) {
      out.push({ path, type: 'symlink', mode: stat.mode, size: 0, mtimeSeconds: stat.mtimeMs / 1000, linkTarget: readlinkSync(join(root, path)) });
    } else if (stat.isFile()) {
      out.push({ path, type: 'file', mode: stat.mode, size: stat.size, mtimeSeconds: stat.mtimeMs / 1000 });
    }
  }
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
