/**
 * A module's `module.json` in Azure IoT Edge's format (reference §3.3): which repository, which
 * version, one Dockerfile per platform (`amd64`, `amd64.debug`, `arm32v7`…), extra `docker build`
 * options, and the build context. Strings are env-expanded after parsing, as the VS Code
 * extension does: `$VAR` and `${VAR}`, unknown names left untouched.
 */
import { usageError } from '../errors.js';

export interface ModuleConfig {
  /** The module's folder name, how `${MODULES.<name>}` refers to it. */
  name: string;
  repository: string;
  version: string;
  /** Platform key (e.g. `amd64`, `amd64.debug`) → Dockerfile path relative to the module folder. */
  platforms: Record<string, string>;
  buildOptions: string[];
  /** Relative to the module folder. */
  contextPath: string;
}

export function expandEnvironment(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$(\w+)|\$\{(\w+)\}/g, (whole, bare: string | undefined, braced: string | undefined) => env[bare ?? braced ?? ''] ?? whole);
}

export function parseModuleConfig(name: string, text: string, env: Readonly<Record<string, string | undefined>>): ModuleConfig {
  const invalid = (why: string) => usageError('MODULE_JSON_INVALID', `modules/${name}/module.json ${why}`, 'see https://learn.microsoft.com/azure/iot-edge/module-composition for the format');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw invalid(`is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const image = (doc as { image?: unknown } | null)?.image as Record<string, unknown> | undefined;
  if (typeof image !== 'object' || image === null) throw invalid('has no "image" object');
  const expand = (value: unknown): string | undefined => (typeof value === 'string' ? expandEnvironment(value, env) : undefined);
  const repository = expand(image['repository']);
  if (repository === undefined || repository === '') throw invalid('has no image.repository');
  const tag = (image['tag'] ?? {}) as Record<string, unknown>;
  const platformsRaw = tag['platforms'];
  if (typeof platformsRaw !== 'object' || platformsRaw === null || Object.keys(platformsRaw).length === 0) {
    throw invalid('has no image.tag.platforms (e.g. {"amd64": "./Dockerfile.amd64"})');
  }
  const platforms: Record<string, string> = {};
  for (const [platform, dockerfile] of Object.entries(platformsRaw)) {
    const path = expand(dockerfile);
    if (path === undefined) throw invalid(`image.tag.platforms.${platform} is not a path`);
    platforms[platform] = path;
  }
  const options = image['buildOptions'] ?? [];
  if (!Array.isArray(options) || !options.every((o) => typeof o === 'string')) throw invalid('image.buildOptions is not a list of strings');
  return {
    name,
    repository,
    version: expand(tag['version']) ?? '0.0.0',
    platforms,
    buildOptions: (options as string[]).map((o) => expandEnvironment(o, env)),
    contextPath: expand(image['contextPath']) ?? '.',
  };
}

/** `<repository lower-cased>:<version>[-<CONTAINER_TAG>]-<platform>[.debug]`, as iotedgedev tags images. */
export function moduleImageTag(config: ModuleConfig, platformKey: string, containerTag?: string): string {
  return imageTag(config.repository, config.version, platformKey, containerTag);
}

/** The one spelling of a module image's name, shared by build/push and genconfig's `${MODULES.x}`. */
export function imageTag(repository: string, version: string, platformKey: string, containerTag?: string): string {
  const suffix = containerTag === undefined || containerTag === '' ? '' : `-${containerTag}`;
  return `${repository.toLowerCase()}:${version}${suffix}-${platformKey}`;
}

/** The platform key for a build: `amd64`, or `amd64.debug` with --debug. */
export function platformKey(platform: string, debug: boolean): string {
  return debug ? `${platform}.debug` : platform;
}

/** Names of modules a deployment template refers to through `${MODULES.<name>…}` placeholders. */
export function modulesReferencedByTemplate(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(/\$\{MODULES\.([^.}]+)(?:\.[^}]*)?\}/g)) names.add(match[1] ?? '');
  return [...names].filter((n) => n !== '');
}
