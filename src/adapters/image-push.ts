/**
 * Pushes an image through the Docker Engine (which holds the layers) with registry credentials,
 * and reports the manifest digest the registry stored. Records pushed digests in
 * config/images.json for `genconfig --pin-digests`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EdgeError } from '../core/errors.js';
import type { Credentials } from '../core/images/registry-credentials.js';
import { emptyImageDigests, IMAGE_DIGESTS_PATH, type ImageDigestsFile, type PushedImage } from '../protocol/image-digests.js';
import { writeFileAtomic } from './atomic-file.js';
import type { EngineApi } from './engine-api.js';

export type PushProgress = { layer: string; status: string };

/** Pushes `repository:tag`; resolves to the registry's manifest digest. */
export async function pushWithEngine(engine: EngineApi, image: { repository: string; tag: string; registry: string }, credentials: Credentials | undefined, onProgress: (event: PushProgress) => void): Promise<string> {
  const auth = credentials === undefined ? { serveraddress: image.registry } : { username: credentials.username, password: credentials.password, serveraddress: image.registry };
  let digest: string | undefined;
  let failure: string | undefined;
  const seen = new Map<string, string>();
  try {
    for await (const event of engine.push(image.repository, image.tag, auth, `push ${image.repository}:${image.tag}`)) {
      if (event.error !== undefined) failure = event.errorDetail?.message ?? event.error;
      if (typeof event.aux?.Digest === 'string') digest = event.aux.Digest;
      if (typeof event.id === 'string' && typeof event.status === 'string' && seen.get(event.id) !== event.status) {
        seen.set(event.id, event.status);
        onProgress({ layer: event.id, status: event.status });
      }
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new EdgeError({ code: 'IMAGE_NOT_BUILT', message: `${image.repository}:${image.tag} is not in the local engine`, hint: 'build it first: edgectl build' });
    }
    throw error;
  }
  // The engine answers 200 and reports a missing image as a stream error, not a 404.
  if (failure !== undefined && /does not exist locally/i.test(failure)) {
    throw new EdgeError({ code: 'IMAGE_NOT_BUILT', message: `${image.repository}:${image.tag} is not in the local engine`, hint: 'build it first: edgectl build' });
  }
  if (failure !== undefined) {
    const auth = /unauthorized|authentication required|denied/i.test(failure);
    throw new EdgeError({
      code: auth ? 'REGISTRY_AUTH_FAILED' : 'PUSH_FAILED',
      message: `pushing ${image.repository}:${image.tag} failed: ${failure}`,
      ...(auth ? { hint: 'set CONTAINER_REGISTRY_SERVER/USERNAME/PASSWORD in .env, or run `docker login`' } : {}),
    });
  }
  if (digest === undefined) throw new EdgeError({ code: 'PUSH_FAILED', message: `the engine pushed ${image.repository}:${image.tag} without reporting its digest` });
  return digest;
}

/** Adds pushed images to config/images.json under `solutionDir`, keeping the entries already there. */
export function recordPushedImages(solutionDir: string, pushed: readonly PushedImage[]): string {
  const path = join(solutionDir, IMAGE_DIGESTS_PATH);
  let file: ImageDigestsFile = emptyImageDigests();
  try {
    const existing = JSON.parse(readFileSync(path, 'utf8')) as ImageDigestsFile;
    if (existing.schemaVersion === 1 && typeof existing.images === 'object') file = existing;
  } catch {
    // Missing or unreadable: start a new file.
  }
  for (const image of pushed) file.images[`${image.repository}:${image.tag}`] = image;
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o644);
  return path;
}
