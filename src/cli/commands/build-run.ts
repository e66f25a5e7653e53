/**
 * What `edgectl build` does once its flags are parsed: plan the images, skip those already up to
 * date (image-up-to-date.ts), build the rest through the engine or buildx, then push and sign when
 * asked. Its own module, loaded by the command's action, so its imports are static: the bundle
 * loads them together, and `edgectl --help` (which loads every command's registration) loads none.
 */
import { dockerEndpoint } from '../../adapters/docker.js';
import { EngineApi } from '../../adapters/engine-api.js';
import { exec } from '../../adapters/exec.js';
import { ociLabels, readCreatedTime, readSourceIdentity } from '../../adapters/git-info.js';
import { buildWithBuildx, buildWithEngine } from '../../adapters/image-build.js';
import { checkUpToDate } from '../../adapters/image-up-to-date.js';
import { loadSolutionEnvironment, registryCredentialFinder, type RegistryCredentialFinder } from '../../adapters/registry-credentials.js';
import { selectModules } from '../../adapters/solution-modules.js';
import { usageError } from '../../core/errors.js';
import { BUILD_KEY_LABEL, CREATED_LABEL } from '../../core/images/build-key.js';
import { parseBuildOptions } from '../../core/images/build-options.js';
import { planImages, type PlannedImage } from '../../core/images/image-plan.js';
import { dockerPlatform, isPlatform, platformOfEngine, PLATFORMS, type Platform } from '../../core/images/platforms.js';
import type { CliContext } from '../context.js';
import { progressReporter } from './image-progress.js';

export interface BuildFlags {
  module: string[];
  platform?: string;
  debug?: boolean;
  cache: boolean;
  push?: boolean;
  sign?: boolean;
  key?: string;
  file?: string;
  insecureRegistry?: boolean;
  dryRun?: boolean;
}

export interface BuiltImageResult {
  module: string;
  platform: string;
  image: string;
  imageId: string;
  builder: 'engine' | 'buildx';
  /** True when the image under the tag already had this build's key: the engine was not asked to build. */
  upToDate: boolean;
  digest?: string;
  signed?: boolean;
}

export interface BuildResult {
  images: BuiltImageResult[];
  imagesFile?: string;
  /** With --dry-run: what would be built, and nothing else. */
  plan?: Array<PlannedImage & { builder: 'engine' | 'buildx' }>;
}

export async function runBuild(flags: BuildFlags, context: CliContext): Promise<BuildResult> {
  if (flags.platform !== undefined && !isPlatform(flags.platform)) {
    throw usageError('USAGE', `unknown platform "${flags.platform}"`, `use one of: ${PLATFORMS.join(', ')}`);
  }
  if (flags.sign === true && flags.key === undefined) throw usageError('USAGE', '--sign needs --key <cosign.key>', 'e.g. edgectl build --push --sign --key cosign.key');
  const env = loadSolutionEnvironment({ env: context.env, cwd: context.cwd });
  const modules = selectModules({ solutionDir: context.cwd, env, modules: flags.module, template: flags.file });
  const engine = new EngineApi(dockerEndpoint(context.env));
  const [engineArch, source] = await Promise.all([engine.architecture(), readSourceIdentity(exec, context.cwd, env)]);
  const enginePlatform = platformOfEngine(engineArch);
  const requested = flags.platform ?? env['DEFAULT_PLATFORM'] ?? enginePlatform ?? 'amd64';
  if (!isPlatform(requested)) throw usageError('USAGE', `DEFAULT_PLATFORM=${requested} is not a platform edgectl builds`, `use one of: ${PLATFORMS.join(', ')}`);
  const platform: Platform = requested;
  const plan = planImages(modules, platform, flags.debug === true, env['CONTAINER_TAG']);
  // Every module's buildOptions are checked before anything is built.
  const allSettings = plan.map((image, index) => {
    const settings = parseBuildOptions(modules[index]?.config.buildOptions ?? [], env);
    settings.labels = { ...ociLabels(source, image.version), ...settings.labels };
    if (flags.cache === false) settings.noCache = true;
    return settings;
  });
  const builder = platform === enginePlatform ? 'engine' : 'buildx';
  if (flags.dryRun === true) {
    return { images: [], plan: plan.map((image) => ({ ...image, builder })) };
  }
  // Ask for the key password before the long build, not after it.
  const signing = flags.sign === true && flags.key !== undefined ? await readSigningKey(flags.key, context) : undefined;
  const report = progressReporter(context);
  const images: BuiltImageResult[] = [];
  // The commit time is asked of git only when something is really built.
  let created: Promise<string | undefined> | undefined;
  for (const [index, image] of plan.entries()) {
    const settings = allSettings[index] ?? parseBuildOptions([], env);
    const request = { tag: image.image, contextDir: image.contextDir, dockerfile: image.dockerfile, settings };
    // buildx keeps its own cache and image store; the up-to-date check is for the engine's builds.
    const check = builder === 'engine' ? await checkUpToDate(engine, { ...request, platform: dockerPlatform(platform), env: context.env }) : undefined;
    if (check?.decision.kind === 'up-to-date') {
      report.upToDate(image, check.decision.imageId);
      images.push({ module: image.module, platform: image.platformKey, image: image.image, imageId: check.decision.imageId, builder, upToDate: true });
      continue;
    }
    if (check !== undefined) context.output.debug(`${image.image}: building, ${check.decision.reason}${check.filesHashed === undefined ? '' : ` (${check.filesHashed} files hashed)`}`);
    created ??= readCreatedTime(exec, context.cwd, env);
    const createdNow = await created;
    const labels = { ...(createdNow === undefined ? {} : { [CREATED_LABEL]: createdNow }), ...settings.labels, ...(check?.key === undefined ? {} : { [BUILD_KEY_LABEL]: check.key }) };
    const buildRequest = { ...request, settings: { ...settings, labels }, ...(check?.entries === undefined ? {} : { entries: check.entries }) };
    report.start('build', image);
    const onProgress = report.buildProgress(image);
    const built = builder === 'engine'
      ? await buildWithEngine(engine, buildRequest, onProgress)
      : await buildWithBuildx(exec, { ...buildRequest, dockerPlatform: dockerPlatform(platform) }, onProgress);
    report.done('build', image, built.imageId);
    images.push({ module: image.module, platform: image.platformKey, image: image.image, imageId: built.imageId, builder, upToDate: false });
  }
  if (flags.push !== true) return { images };
  const { pushPlannedImages } = await import('./push.js');
  // One finder for pushing and signing: each registry's credentials are looked up once per run.
  const findCredentials = registryCredentialFinder({ env, cwd: context.cwd });
  const pushed = await pushPlannedImages(plan, engine, findCredentials, context, report);
  const result: BuildResult = { images: images.map((image, i) => ({ ...image, digest: pushed.digests[i] ?? '' })), imagesFile: pushed.imagesFile };
  if (signing !== undefined) await signPushed(plan, pushed.digests, signing, flags.insecureRegistry === true, findCredentials, report);
  if (signing !== undefined) result.images = result.images.map((image) => ({ ...image, signed: true }));
  return result;
}

/** Only `--sign` needs the key and its password, so only it loads what reads them. */
async function readSigningKey(path: string, context: CliContext): Promise<{ keyPem: string; password: string }> {
  const [{ readKeyFile }, { keyPassword }] = await Promise.all([import('./sign.js'), import('../key-password.js')]);
  return { keyPem: readKeyFile(path, context.cwd), password: await keyPassword(context, 'decrypt') };
}

async function signPushed(plan: readonly PlannedImage[], digests: readonly string[], signing: { keyPem: string; password: string }, insecure: boolean, findCredentials: RegistryCredentialFinder, report: ReturnType<typeof progressReporter>): Promise<void> {
  const [{ decryptPrivateKey }, { signImage }] = await Promise.all([import('../../core/signing/cosign-key.js'), import('../../adapters/image-signatures.js')]);
  const { privateKey } = await decryptPrivateKey(signing.keyPem, signing.password);
  for (const [index, image] of plan.entries()) {
    const digest = digests[index];
    if (digest === undefined) continue;
    report.start('sign', image);
    await signImage({ image: `${image.repository}@${digest}`, privateKey, insecure, credentials: await findCredentials(image.registry) });
    report.done('sign', image, digest);
  }
}

