/**
 * `edgectl build`: builds the images module.json describes through the Docker Engine, tagged
 * `<repository>:<version>-<platform>[.debug]` with OCI labels; `--push` sends them to their
 * registry and records digests in config/images.json; `--sign` then signs each pushed digest.
 */
import type { Command } from 'commander';
import { usageError } from '../../core/errors.js';
import type { PlannedImage } from '../../core/images/image-plan.js';
import { isPlatform, PLATFORMS, type Platform } from '../../core/images/platforms.js';
import type { CliContext } from '../context.js';
import { keyPassword } from '../key-password.js';
import { progressReporter } from './image-progress.js';
import { readKeyFile } from './sign.js';

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
  const { loadSolutionEnvironment } = await import('../../adapters/registry-credentials.js');
  const { selectModules } = await import('../../adapters/solution-modules.js');
  const { planImages } = await import('../../core/images/image-plan.js');
  const { platformOfEngine, dockerPlatform } = await import('../../core/images/platforms.js');
  const { parseBuildOptions } = await import('../../core/images/build-options.js');
  const { dockerEndpoint } = await import('../../adapters/docker.js');
  const { EngineApi } = await import('../../adapters/engine-api.js');
  const { exec } = await import('../../adapters/exec.js');
  const { readSourceIdentity, readCreatedTime, ociLabels } = await import('../../adapters/git-info.js');
  const { buildWithEngine, buildWithBuildx } = await import('../../adapters/image-build.js');
  const { checkUpToDate } = await import('../../adapters/image-up-to-date.js');
  const { BUILD_KEY_LABEL, CREATED_LABEL } = await import('../../core/images/build-key.js');

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
  if (flags.dryRun === true) {
    return { images: [], plan: plan.map((image) => ({ ...image, builder: platform === enginePlatform ? 'engine' : 'buildx' })) };
  }
  // Ask for the key password before the long build, not after it.
  const signing = flags.sign === true && flags.key !== undefined ? { keyPem: readKeyFile(flags.key, context.cwd), password: await keyPassword(context, 'decrypt') } : undefined;
  const report = progressReporter(context);
  const images: BuiltImageResult[] = [];
  // The commit time is asked of git only when something is really built.
  let created: Promise<string | undefined> | undefined;
  for (const [index, image] of plan.entries()) {
    const settings = allSettings[index] ?? parseBuildOptions([], env);
    const builder = platform === enginePlatform ? 'engine' : 'buildx';
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
  const pushed = await pushPlannedImages(plan, engine, env, context, report);
  const result: BuildResult = { images: images.map((image, i) => ({ ...image, digest: pushed.digests[i] ?? '' })), imagesFile: pushed.imagesFile };
  if (signing !== undefined) await signPushed(plan, pushed.digests, signing, flags.insecureRegistry === true, env, context, report);
  if (signing !== undefined) result.images = result.images.map((image) => ({ ...image, signed: true }));
  return result;
}

async function signPushed(plan: readonly PlannedImage[], digests: readonly string[], signing: { keyPem: string; password: string }, insecure: boolean, env: Readonly<Record<string, string | undefined>>, context: CliContext, report: ReturnType<typeof progressReporter>): Promise<void> {
  const { decryptPrivateKey } = await import('../../core/signing/cosign-key.js');
  const { signImage } = await import('../../adapters/image-signatures.js');
  const { findRegistryCredentials } = await import('../../adapters/registry-credentials.js');
  const { privateKey } = await decryptPrivateKey(signing.keyPem, signing.password);
  for (const [index, image] of plan.entries()) {
    const digest = digests[index];
    if (digest === undefined) continue;
    report.start('sign', image);
    await signImage({ image: `${image.repository}@${digest}`, privateKey, insecure, credentials: findRegistryCredentials(image.registry, { env, cwd: context.cwd }) });
    report.done('sign', image, digest);
  }
}

export function renderBuild(result: BuildResult): string {
  if (result.plan !== undefined) {
    return result.plan.map((image) => `would build ${image.image}\n  from ${image.dockerfile}\n  context ${image.contextDir} (${image.builder === 'engine' ? 'Docker Engine' : 'docker buildx'})`).join('\n');
  }
  const lines = result.images.map((image) => `✔ ${image.image}${image.upToDate ? ' (up to date)' : ''}${image.digest === undefined || image.digest === '' ? '' : `@${image.digest}`}${image.signed === true ? ' (signed)' : ''}`);
  if (result.imagesFile !== undefined) lines.push(`digests recorded in ${result.imagesFile}`);
  return lines.join('\n');
}

export function registerBuild(program: Command, context: CliContext): void {
  program
    .command('build')
    .description('build module images from modules/*/module.json through the Docker Engine')
    .option('-m, --module <name>', 'build only this module (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('-P, --platform <platform>', `target platform: ${PLATFORMS.join(', ')} (default: DEFAULT_PLATFORM or the engine's)`)
    .option('--debug', 'build the <platform>.debug Dockerfile')
    .option('--no-cache', 'do not use the build cache')
    .option('--push', 'push the images after building and record their digests')
    .option('--sign', 'sign the pushed images (needs --push and --key)')
    .option('--key <path>', 'cosign private key for --sign')
    .option('-f, --file <template>', 'build only the modules this deployment template references')
    .option('--insecure-registry', 'use plain http for a registry that is not on this machine (signing)')
    .option('--dry-run', 'print the images that would be built (tags, Dockerfiles, contexts); build nothing')
    .addHelpText('after', '\nExamples:\n  $ edgectl build --dry-run\n  $ edgectl build\n  $ edgectl build --module filtermodule --platform amd64 --debug\n  $ edgectl build --push --sign --key cosign.key --json\n')
    .action(async (flags: BuildFlags) => {
      if (flags.sign === true && flags.push !== true) throw usageError('USAGE', '--sign signs what was pushed: add --push', 'edgectl build --push --sign --key cosign.key');
      // `--debug` is also edgectl's global flag, taken out of argv before commander sees it:
      // for build it selects the .debug Dockerfiles as well (and debug logs come with it).
      const result = await runBuild({ ...flags, debug: flags.debug === true || context.debug }, context);
      context.output.result(result, renderBuild);
    });
}
