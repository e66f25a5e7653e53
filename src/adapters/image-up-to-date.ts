/**
 * Decides whether `edgectl build` needs the engine at all: lists the context (the same walk the
 * tar is packed from), digests it, asks the engine for the IDs of the Dockerfile's base images and
 * for the image under the target tag, and compares the key on that image with ours
 * (core/images/build-key.ts). Whatever cannot be checked means "build": the engine then reports
 * the real problem (a missing base is pulled, an unreadable file fails the tar) as it always did.
 */
import { readFileSync } from 'node:fs';
import { buildKey, decideUpToDate, type UpToDateDecision } from '../core/images/build-key.js';
import type { BuildSettings } from '../core/images/build-options.js';
import { dockerfileBases } from '../core/images/dockerfile-bases.js';
import { dockerfileInContextPath, listBuildContext, type ListedEntry } from './build-context.js';
import type { EngineApi } from './engine-api.js';
import { digestBuildContext } from './image-context-digest.js';

export interface UpToDateRequest {
  tag: string;
  contextDir: string;
  /** Absolute path of the Dockerfile, inside the context. */
  dockerfile: string;
  /** The settings the build would use, labels included (the created label is left out of the key). */
  settings: BuildSettings;
  /** The engine platform (`linux/amd64`). */
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface UpToDateCheck {
  decision: UpToDateDecision;
  /** The key to store on the image when it is built; absent when the inputs could not all be known. */
  key?: string;
  /** The listed context, to pack the tar from without walking the folder again. */
  entries?: ListedEntry[];
  filesHashed?: number;
}

type Engine = Pick<EngineApi, 'inspectImage'>;

export async function checkUpToDate(engine: Engine, request: UpToDateRequest): Promise<UpToDateCheck> {
  try {
    const text = readFileSync(request.dockerfile, 'utf8');
    const bases = dockerfileBases(text, request.settings.buildArgs);
    if (bases.kind === 'unresolvable') return { decision: { kind: 'build', reason: `the Dockerfile's bases are not known before building (${bases.reason})` } };
    // Started before the context is hashed, so the engine answers while we read files.
    const existing = engine.inspectImage(request.tag);
    const baseIds = Promise.all(bases.images.map(async (image) => ({ image, found: await engine.inspectImage(image) })));
    existing.catch(() => undefined);
    baseIds.catch(() => undefined);
    const entries = listBuildContext(request.contextDir, request.dockerfile);
    const context = digestBuildContext(request.contextDir, entries, request.env);
    const missing = (await baseIds).find((base) => base.found === undefined);
    if (missing !== undefined) return { decision: { kind: 'build', reason: `base image ${missing.image} is not in the engine yet` }, entries };
    const key = buildKey({
      dockerfile: dockerfileInContextPath(request.contextDir, request.dockerfile),
      context: context.digest,
      settings: request.settings,
      platform: request.platform,
      bases: (await baseIds).map((base) => ({ image: base.image, id: base.found?.id ?? '' })),
    });
    const checked = { key, entries, filesHashed: context.filesHashed };
    // --pull asks the registry for newer bases, which only the engine can do.
    if (request.settings.pull && !request.settings.noCache) return { ...checked, decision: { kind: 'build', reason: '--pull' } };
    return { ...checked, decision: decideUpToDate(key, await existing, request.settings.noCache) };
  } catch (error) {
    return { decision: { kind: 'build', reason: `could not check (${error instanceof Error ? error.message : String(error)})` } };
  }
}
