/**
 * `config/images.json`: the digest each image had when `edgectl push` (or `build --push`) sent
 * it, so `genconfig --pin-digests` can write `repository@sha256:…` instead of a mutable tag, and
 * the device runs exactly what was built and signed. Written by the CLI, read by genconfig.
 *
 * {
 *   "schemaVersion": 1,
 *   "images": {
 *     "localhost:5000/filtermodule:0.0.1-amd64": {
 *       "repository": "localhost:5000/filtermodule", "tag": "0.0.1-amd64",
 *       "digest": "sha256:…", "module": "filtermodule", "platform": "amd64", "pushedAt": "2026-11-28T06:00:00.000Z"
 *     }
 *   }
 * }
 */

/** Relative to the solution folder (where deployment.template.json and .env live). */
export const IMAGE_DIGESTS_PATH = 'config/images.json';

export interface PushedImage {
  /** registry/repository as in module.json, lower-cased: `localhost:5000/filtermodule`. */
  repository: string;
  /** `<version>-<platform>[.debug]`. */
  tag: string;
  /** `sha256:<64 hex>` of the manifest the registry stored. */
  digest: string;
  /** The module folder name (`${MODULES.<module>}`). */
  module: string;
  /** Platform key: `amd64`, `arm32v7`, `amd64.debug`… */
  platform: string;
  /** ISO 8601. */
  pushedAt: string;
}

export interface ImageDigestsFile {
  schemaVersion: 1;
  /** Keyed by the full image reference `repository:tag`, as it appears in a generated manifest. */
  images: Record<string, PushedImage>;
}

/** `repository@digest` for an image reference `repository:tag`, when that tag was pushed. */
export function pinnedImageReference(file: ImageDigestsFile, image: string): string | undefined {
  const pushed = file.images[image];
  return pushed === undefined ? undefined : `${pushed.repository}@${pushed.digest}`;
}

export function emptyImageDigests(): ImageDigestsFile {
  return { schemaVersion: 1, images: {} };
}
