/**
 * `edgectl build`: builds the images module.json describes through the Docker Engine, tagged
 * `<repository>:<version>-<platform>[.debug]` with OCI labels; `--push` sends them to their
 * registry and records digests in config/images.json; `--sign` then signs each pushed digest.
 */
import type { Command } from 'commander';
import { usageError } from '../../core/errors.js';
import { PLATFORMS } from '../../core/images/platforms.js';
import type { CliContext } from '../context.js';
import type { BuildFlags, BuildResult } from './build-run.js';

export type { BuildFlags, BuildResult, BuiltImageResult } from './build-run.js';

/** Loads the build itself only when a build runs (quickstart calls it too). */
export async function runBuild(flags: BuildFlags, context: CliContext): Promise<BuildResult> {
  return (await import('./build-run.js')).runBuild(flags, context);
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
