/**
 * The up-to-date check of `edgectl build`: one key over everything that decides what image the
 * engine would produce — the context as sent (which always holds the Dockerfile and .dockerignore),
 * the Dockerfile's path, the build settings, the platform, and the IDs the base images have in the
 * engine right now. The key is stored on the image as a label; when the tagged image already
 * carries the key we would build with, building again could only give the same image, so we don't.
 * Like make and Bazel, it errs towards building: whatever is not known exactly gives no key.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.js';
import type { BuildSettings } from './build-options.js';

export const BUILD_KEY_LABEL = 'io.edgectl.build-key';
/** Derived from the files' times (or the commit), not from what is in them: never part of the key. */
export const CREATED_LABEL = 'org.opencontainers.image.created';
/** Raise when the key's meaning changes, so images keyed the old way are rebuilt once. */
const KEY_FORMAT = 'edgectl-build-key/1';

export interface ContextEntryDigest {
  path: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  /** sha256 hex of a file's bytes; a symlink's target; '' for a directory. */
  content: string;
}

export interface BuildKeyInputs {
  /** The Dockerfile, relative to the context (the engine's `dockerfile` parameter). */
  dockerfile: string;
  /** contextDigest() of the entries sent, in the order sent. */
  context: string;
  settings: BuildSettings;
  /** The engine platform the image is built for (`linux/amd64`). */
  platform: string;
  /** Every base image by the name the Dockerfile uses and the engine's image ID for it. */
  bases: ReadonlyArray<{ image: string; id: string }>;
}

export type UpToDateDecision =
  | { kind: 'up-to-date'; imageId: string }
  | { kind: 'build'; reason: string };

/** The digest of a context: each entry's type, permission bits, path and content, in tar order. */
export function contextDigest(entries: readonly ContextEntryDigest[]): string {
  const hash = createHash('sha256');
  // Paths and link targets cannot hold NUL, so NUL-separated fields cannot run into each other.
  for (const entry of entries) hash.update(`${entry.type}\0${(entry.mode & 0o7777).toString(8)}\0${entry.path}\0${entry.content}\0`);
  return hash.digest('hex');
}

export function buildKey(inputs: BuildKeyInputs): string {
  const { noCache: _noCache, labels, ...settings } = inputs.settings;
  const keptLabels = Object.entries(labels).filter(([name]) => name !== CREATED_LABEL && name !== BUILD_KEY_LABEL);
  const document = {
    format: KEY_FORMAT,
    dockerfile: inputs.dockerfile,
    context: inputs.context,
    platform: inputs.platform,
    settings: { ...settings, labels: Object.fromEntries(keptLabels) },
    bases: [...inputs.bases].sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0)).map((base) => [base.image, base.id]),
  };
  return `sha256:${createHash('sha256').update(canonicalJson(document)).digest('hex')}`;
}

/** Whether the image now under the tag is what a build with `key` would produce. */
export function decideUpToDate(key: string, existing: { id: string; labels: Readonly<Record<string, string>> } | undefined, noCache: boolean): UpToDateDecision {
  if (noCache) return { kind: 'build', reason: '--no-cache' };
  if (existing === undefined) return { kind: 'build', reason: 'no image under the tag' };
  const stored = existing.labels[BUILD_KEY_LABEL];
  if (stored === undefined) return { kind: 'build', reason: 'the image under the tag was not built by edgectl' };
  return stored === key ? { kind: 'up-to-date', imageId: existing.id } : { kind: 'build', reason: 'its inputs changed' };
}
