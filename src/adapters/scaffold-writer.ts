/**
 * Applies a scaffolding plan so that a failure at any point leaves nothing behind: a new folder is
 * written completely under a hidden temporary name next to its destination and renamed into place
 * (one rename, same filesystem), and each edited file is written to a temporary file, fsynced and
 * renamed over the original. If a later step fails, the earlier ones are undone.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EdgeError } from '../core/errors.js';
import type { EditFileOperation, WriteFileOperation } from '../core/scaffold/scaffold-types.js';

export interface ScaffoldWrite {
  /** Absolute destination folder: must not exist or be empty, unless `replace`. */
  destination: string;
  files: readonly WriteFileOperation[];
  replace: boolean;
  /** Files edited in place; paths absolute. */
  edits: readonly EditFileOperation[];
}

type Undo = () => Promise<unknown>;

/**
 * Temporary paths of a write in progress, so the CLI's SIGINT handler can remove them when the
 * user presses Ctrl-C half-way (the undo steps would not run after a signal).
 */
export const temporaryPaths = new Set<string>();

export async function applyScaffold(plan: ScaffoldWrite): Promise<void> {
  const staging = temporarySibling(plan.destination);
  const stagedEdits: Array<{ path: string; temporary: string }> = [];
  const undo: Undo[] = [];
  const cleanup: string[] = [];
  temporaryPaths.add(staging);
  try {
    const created = await mkdir(dirname(plan.destination), { recursive: true });
    if (created !== undefined) undo.push(() => removeCreatedParents(created, dirname(plan.destination)));
    await writeTree(staging, plan.files);
    for (const edit of plan.edits) {
      const temporary = temporarySibling(edit.path);
      temporaryPaths.add(temporary);
      stagedEdits.push({ path: edit.path, temporary });
      await writeFileDurably(temporary, edit.content, false);
    }
    cleanup.push(...(await placeTree(staging, plan.destination, plan.replace, undo)));
    for (const { path, temporary } of stagedEdits) {
      const backup = temporarySibling(path);
      await rename(path, backup);
      undo.push(() => rename(backup, path));
      cleanup.push(backup);
      await rename(temporary, path);
    }
  } catch (error) {
    await removeAll([staging, ...stagedEdits.map((e) => e.temporary)]);
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw toWriteError(error, plan.destination);
  } finally {
    await removeAll([staging, ...stagedEdits.map((e) => e.temporary), ...cleanup]);
    temporaryPaths.delete(staging);
    for (const { temporary } of stagedEdits) temporaryPaths.delete(temporary);
  }
}

/** Moves the staged folder to its destination; returns paths to delete once everything succeeded. */
async function placeTree(staging: string, destination: string, replace: boolean, undo: Undo[]): Promise<string[]> {
  const existing = await readdir(destination).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing === undefined) {
    await rename(staging, destination);
    undo.push(() => rm(destination, { recursive: true, force: true }));
    return [];
  }
  if (existing.length === 0) {
    // An empty folder the user made (e.g. `new solution .`): fill it entry by entry.
    for (const entry of await readdir(staging)) {
      await rename(join(staging, entry), join(destination, entry));
      undo.push(() => rm(join(destination, entry), { recursive: true, force: true }));
    }
    return [];
  }
  if (!replace) throw new EdgeError({ code: 'TARGET_EXISTS', message: `${destination} already exists and is not empty`, exitCode: 2 });
  const backup = temporarySibling(destination);
  await rename(destination, backup);
  undo.push(() => rename(backup, destination));
  await rename(staging, destination);
  undo.push(() => rm(destination, { recursive: true, force: true }));
  return [backup];
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { recursive: true, force: true })));
}

/** Removes the folders mkdir -p created (innermost first), if they are still empty. */
async function removeCreatedParents(firstCreated: string, deepest: string): Promise<void> {
  for (let dir = deepest; dir.length >= firstCreated.length; dir = dirname(dir)) {
    await rmdir(dir).catch(() => undefined);
  }
}

async function writeTree(root: string, files: readonly WriteFileOperation[]): Promise<void> {
  await mkdir(root, { recursive: false });
  for (const file of files) {
    const path = join(root, ...file.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFileDurably(path, file.content, file.executable === true);
  }
}

async function writeFileDurably(path: string, content: string, executable: boolean): Promise<void> {
  const handle = await open(path, 'wx', executable ? 0o755 : 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function temporarySibling(path: string): string {
  return join(dirname(path), `.${path.split(/[\\/]/).at(-1) ?? 'edgectl'}.edgectl-${randomBytes(4).toString('hex')}.tmp`);
}

function toWriteError(error: unknown, destination: string): unknown {
  if (error instanceof EdgeError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error;
  return new EdgeError({
    code: 'WRITE_FAILED',
    message: `could not write ${destination}: ${(error as Error).message}`,
    hint: 'check the folder\'s permissions and free space; nothing was changed',
    cause: error,
  });
}
