/**
 * `edgectl push`: pushes the images `edgectl build` made to the registry in module.json, with
 * credentials from .env or the Docker config, and records each digest in config/images.json.
 */
import type { Command } from 'commander';
import { usageError } from '../../core/errors.js';
import type { PlannedImage } from '../../core/images/image-plan.js';
import { isPlatform, PLATFORMS } from '../../core/images/platforms.js';
import type { EngineApi } from '../../adapters/engine-api.js';
import type { RegistryCredentialFinder } from '../../adapters/registry-credentials.js';
import type { CliContext } from '../context.js';
import { progressReporter } from './image-progress.js';

export interface PushFlags {
  module: string[];
  platform?: string;
  debug?: boolean;
  file?: string;
}

export interface PushResult {
  images: Array<{ module: string; platform: string; image: string; digest: string }>;
  imagesFile: string;
}

/** `findCredentials`: one finder for the whole command (build --push --sign signs with the same answers). */
export async function pushPlannedImages(plan: readonly PlannedImage[], engine: EngineApi, findCredentials: RegistryCredentialFinder, context: CliContext, report: ReturnType<typeof progressReporter>): Promise<{ digests: string[]; imagesFile: string }> {
  const { pushWithEngine, recordPushedImages } = await import('../../adapters/image-push.js');
  const digests: string[] = [];
  for (const image of plan) {
    report.start('push', image);
    const credentials = await findCredentials(image.registry);
    const digest = await pushWithEngine(engine, image, credentials, report.pushProgress(image));
    report.done('push', image, digest);
    digests.push(digest);
  }
  const pushedAt = new Date().toISOString();
  const imagesFile = recordPushedImages(context.cwd, plan.map((image, i) => ({
    repository: image.repository, tag: image.tag, digest: digests[i] ?? '', module: image.module, platform: image.platformKey, pushedAt,
  })));
  return { digests, imagesFile };
}

export async function runPush(flags: PushFlags, context: CliContext): Promise<PushResult> {
  if (flags.platform !== undefined && !isPlatform(flags.platform)) {
    throw usageError('USAGE', `unknown platform "${flags.platform}"`, `use one of: ${PLATFORMS.join(', ')}`);
  }
  const { loadSolutionEnvironment, registryCredentialFinder } = await import('../../adapters/registry-credentials.js');
  const { selectModules } = await import('../../adapters/solution-modules.js');
  const { planImages } = await import('../../core/images/image-plan.js');
  const { platformOfEngine } = await import('../../core/images/platforms.js');
  const { dockerEndpoint } = await import('../../adapters/docker.js');
  const { EngineApi } = await import('../../adapters/engine-api.js');
  const env = loadSolutionEnvironment({ env: context.env, cwd: context.cwd });
  const modules = selectModules({ solutionDir: context.cwd, env, modules: flags.module, template: flags.file });
  const engine = new EngineApi(dockerEndpoint(context.env));
  let requested = flags.platform ?? env['DEFAULT_PLATFORM'];
  if (requested === undefined) requested = platformOfEngine(await engine.architecture()) ?? 'amd64';
  if (!isPlatform(requested)) throw usageError('USAGE', `DEFAULT_PLATFORM=${requested} is not a platform edgectl builds`, `use one of: ${PLATFORMS.join(', ')}`);
  const plan = planImages(modules, requested, flags.debug === true, env['CONTAINER_TAG']);
  const { digests, imagesFile } = await pushPlannedImages(plan, engine, registryCredentialFinder({ env, cwd: context.cwd }), context, progressReporter(context));
  return { images: plan.map((image, i) => ({ module: image.module, platform: image.platformKey, image: image.image, digest: digests[i] ?? '' })), imagesFile };
}

export function registerPush(program: Command, context: CliContext): void {
  program
    .command('push')
    .description('push built module images to their registry and record their digests in config/images.json')
    .option('-m, --module <name>', 'push only this module (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('-P, --platform <platform>', `platform: ${PLATFORMS.join(', ')} (default: DEFAULT_PLATFORM or the engine's)`)
    .option('--debug', 'push the <platform>.debug images')
    .option('-f, --file <template>', 'push only the modules this deployment template references')
    .addHelpText('after', '\nCredentials: CONTAINER_REGISTRY_SERVER/USERNAME/PASSWORD[_N] in .env, or `docker login`.\n\nExamples:\n  $ edgectl push\n  $ edgectl push --module filtermodule --platform arm64v8 --json\n')
    .action(async (flags: PushFlags) => {
      const result = await runPush({ ...flags, debug: flags.debug === true || context.debug }, context);
      context.output.result(result, (r) => [...r.images.map((i) => `✔ ${i.image}@${i.digest}`), `digests recorded in ${r.imagesFile}`].join('\n'));
    });
}
