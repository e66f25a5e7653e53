/** Small file-system reads the scaffolding commands need, with "missing" as a value, not an error. */
import { rmSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function isEmptyDirectory(path: string): Promise<boolean> {
  return readdir(path).then((entries) => entries.length === 0, () => false);
}

/** Synchronous removal for a signal handler, which cannot wait for promises. */
export function removeNow(paths: Iterable<string>): void {
  for (const path of paths) rmSync(path, { recursive: true, force: true });
}
