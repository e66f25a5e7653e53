/**
 * Builds one image through the Docker Engine API (engine-api.ts) from a streamed context, reporting
 * steps and base-image pulls as they happen; or, for a platform the engine is not, through
 * `docker buildx` when it is installed. Engine failures become EdgeErrors that say what broke.
 */
import { EdgeError } from '../core/errors.js';
import { CREATED_LABEL } from '../core/images/build-key.js';
import { buildxArguments, engineBuildQuery, type BuildSettings } from '../core/images/build-options.js';
import type { TarEntry } from '../core/images/tar-header.js';
import { dockerfileInContextPath, packBuildContext } from './build-context.js';
import { engineQuery, type EngineApi } from './engine-api.js';
import type { Exec } from './exec.js';

export type BuildProgress =
  | { kind: 'step'; text: string }
  | { kind: 'pull'; layer: string; status: string }
  | { kind: 'log'; text: string };

export interface ImageBuildRequest {
  tag: string;
  contextDir: string;
  /** Absolute path of the Dockerfile; it must lie inside the context. */
  dockerfile: string;
  settings: BuildSettings;
  /** The context as already listed (by the up-to-date check), so the folder is walked once. */
  entries?: readonly TarEntry[];
}

export interface BuiltImage {
  tag: string;
  imageId: string;
}

export async function buildWithEngine(engine: EngineApi, request: ImageBuildRequest, onProgress: (event: BuildProgress) => void): Promise<BuiltImage> {
  const context = packBuildContext(request.contextDir, request.dockerfile, request.entries);
  const dockerfile = dockerfileInContext(request);
  const query = engineQuery({ ...engineBuildQuery(withCreatedLabel(request.settings, context.entries)), t: request.tag, dockerfile });
  let imageId: string | undefined;
  let failure: string | undefined;
  const seenPulls = new Map<string, string>();
  for await (const event of engine.build(context.stream, query, `build ${request.tag}`)) {
    if (event.error !== undefined || event.errorDetail !== undefined) failure = event.errorDetail?.message ?? event.error;
    if (typeof event.aux?.ID === 'string') imageId = event.aux.ID;
    if (typeof event.stream === 'string') {
      for (const line of event.stream.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '')) {
        const id = /^Successfully built ([0-9a-f]+)$/.exec(line)?.[1];
        if (id !== undefined && imageId === undefined) imageId = id;
        onProgress(/^Step \d+\/\d+ : /.test(line) ? { kind: 'step', text: line } : { kind: 'log', text: line });
      }
    }
    // Pull progress bars tick many times a second; only a change of a layer's state is news.
    if (typeof event.status === 'string' && typeof event.id === 'string' && seenPulls.get(event.id) !== event.status) {
      seenPulls.set(event.id, event.status);
      onProgress({ kind: 'pull', layer: event.id, status: event.status });
    }
  }
  if (failure !== undefined) {
    throw new EdgeError({ code: 'BUILD_FAILED', message: `building ${request.tag} failed: ${failure.trim()}`, hint: 'fix the Dockerfile step named above and run `edgectl build` again' });
  }
  if (imageId === undefined) throw new EdgeError({ code: 'BUILD_FAILED', message: `the engine finished building ${request.tag} without reporting an image` });
  return { tag: request.tag, imageId };
}

/** Cross-platform build with `docker buildx` (QEMU emulation is buildx's business). */
export async function buildWithBuildx(exec: Exec, request: ImageBuildRequest & { dockerPlatform: string }, onProgress: (event: BuildProgress) => void): Promise<BuiltImage> {
  const probe = await exec('docker', ['buildx', 'version']).catch(() => ({ exitCode: 127, stdout: '', stderr: '' }));
  if (probe.exitCode !== 0) {
    throw new EdgeError({
      code: 'BUILDX_UNAVAILABLE',
      message: `building for ${request.dockerPlatform} needs docker buildx, and it is not installed`,
      hint: 'install the buildx plugin (Debian: apt-get install docker-buildx; or https://docs.docker.com/build/install-buildx/) and QEMU binfmt handlers (apt-get install qemu-user-static), or build on a machine of that architecture',
    });
  }
  onProgress({ kind: 'step', text: `docker buildx build --platform ${request.dockerPlatform}` });
  const args = buildxArguments(request.settings, { tag: request.tag, dockerfile: request.dockerfile, context: request.contextDir, platform: request.dockerPlatform });
  const result = await exec('docker', args, { timeoutMs: 3_600_000 });
  for (const line of result.stderr.split('\n').filter((l) => l.trim() !== '')) onProgress({ kind: 'log', text: line });
  if (result.exitCode !== 0) {
    throw new EdgeError({ code: 'BUILD_FAILED', message: `docker buildx could not build ${request.tag} (exit ${result.exitCode})`, hint: 'see the buildx output above' });
  }
  const inspect = await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', request.tag]);
  return { tag: request.tag, imageId: inspect.stdout.trim() };
}

/**
 * Outside git (and without SOURCE_DATE_EPOCH) the image's creation label is the newest file time
 * in the context: it changes exactly when the sources do, so an unchanged rebuild stays cached.
 */
function withCreatedLabel(settings: BuildSettings, entries: readonly TarEntry[]): BuildSettings {
  if (settings.labels[CREATED_LABEL] !== undefined) return settings;
  const newest = entries.reduce((latest, entry) => Math.max(latest, entry.mtimeSeconds), 0);
  return { ...settings, labels: { [CREATED_LABEL]: new Date(Math.floor(newest) * 1000).toISOString(), ...settings.labels } };
}

function dockerfileInContext(request: ImageBuildRequest): string {
  const root = request.contextDir.endsWith('/') ? request.contextDir : `${request.contextDir}/`;
  if (!request.dockerfile.startsWith(root)) {
    throw new EdgeError({
      code: 'DOCKERFILE_OUTSIDE_CONTEXT',
      message: `${request.dockerfile} is outside the build context ${request.contextDir}`,
      hint: 'set "contextPath" in module.json to a folder that contains the Dockerfile',
      exitCode: 2,
    });
  }
  return dockerfileInContextPath(request.contextDir, request.dockerfile);
}
