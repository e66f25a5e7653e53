/**
 * POSIX ustar headers, enough for a Docker build context: files, directories, symlinks, with a
 * PAX record for names that do not fit ustar's 100+155 bytes. Owner is root (0:0) as the Docker CLI
 * sends it, so ownership never depends on who runs the build.
 */

export const BLOCK = 512;

export type TarEntryType = 'file' | 'directory' | 'symlink';

export interface TarEntry {
  /** Context-relative, forward slashes; directories without a trailing slash. */
  path: string;
  type: TarEntryType;
  mode: number;
  size: number;
  mtimeSeconds: number;
  linkTarget?: string;
}

const TYPE_FLAG: Record<TarEntryType, string> = { file: '0', directory: '5', symlink: '2' };

/** The header block(s) for one entry: a PAX block pair first when the name is too long. */
export function tarHeader(entry: TarEntry): Buffer {
  const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
  const split = splitName(name);
  const link = entry.linkTarget ?? '';
  const needsPax = split === undefined || Buffer.byteLength(link) > 100;
  const header = ustar({
    name: split?.name ?? name.slice(0, 99), prefix: split?.prefix ?? '', link: needsPax ? link.slice(0, 99) : link,
    mode: entry.mode, size: entry.type === 'file' ? entry.size : 0, mtime: entry.mtimeSeconds, type: TYPE_FLAG[entry.type],
  });
  if (!needsPax) return header;
  const records = paxRecord('path', name) + (Buffer.byteLength(link) > 100 ? paxRecord('linkpath', link) : '');
  const body = Buffer.from(records);
  const paxHeader = ustar({ name: 'PaxHeader', prefix: '', link: '', mode: 0o644, size: body.length, mtime: entry.mtimeSeconds, type: 'x' });
  return Buffer.concat([paxHeader, body, Buffer.alloc(padding(body.length)), header]);
}

/** Zero bytes that round `size` up to a whole block. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

export function tarTrailer(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

function splitName(name: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '') return { name: rest, prefix };
  }
  return undefined;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

interface Fields { name: string; prefix: string; link: string; mode: number; size: number; mtime: number; type: string }

function ustar(f: Fields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(f.name, 0, 100, 'utf8');
  octal(block, 100, 8, f.mode & 0o7777);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, f.size);
  octal(block, 136, 12, Math.max(0, Math.floor(f.mtime)));
  block.write('        ', 148, 8, 'ascii');
  block.write(f.type, 156, 1, 'ascii');
  block.write(f.link, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'binary');
  block.write('root', 265, 32, 'ascii');
  block.write('root', 297, 32, 'ascii');
  block.write(f.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'binary');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
