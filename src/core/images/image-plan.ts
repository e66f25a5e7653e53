/**
 * Which images a build or push will produce: for each selected module, the Dockerfile of the
 * platform key (`amd64`, `amd64.debug`…), its context, and the tag. Pure, so `--dry-run`-style
 * checks and tests need no engine.
 */
import { resolve } from 'node:path';
import { usageError } from '../errors.js';
import { parseImageReference } from './image-reference.js';
import { moduleImageTag, platformKey, type ModuleConfig } from './module-config.js';
import type { Platform } from './platforms.js';

export interface PlannedImage {
  module: string;
  platform: Platform;
  /** `amd64` or `amd64.debug`. */
  platformKey: string;
  /** Full reference: `localhost:5000/filter:0.0.1-amd64`. */
  image: string;
  /** The reference without the tag, lower-cased. */
  repository: string;
  tag: string;
  /** host[:port] of the registry the image goes to. */
  registry: string;
  dockerfile: string;
  contextDir: string;
  version: string;
}

export function planImages(modules: ReadonlyArray<{ config: ModuleConfig; dir: string }>, platform: Platform, debug: boolean, containerTag?: string): PlannedImage[] {
  return modules.map(({ config, dir }) => {
    const key = platformKey(platform, debug);
    const dockerfile = config.platforms[key];
    if (dockerfile === undefined) {
      throw usageError('MODULE_PLATFORM_MISSING', `module ${config.name} has no Dockerfile for "${key}" in module.json`, `its platforms: ${Object.keys(config.platforms).join(', ')}; pick one with --platform${debug ? ' (without --debug, or add a .debug entry)' : ''}`);
    }
    const image = moduleImageTag(config, key, containerTag);
    const colon = image.lastIndexOf(':');
    const reference = parseImageReference(image);
    return {
      module: config.name,
      platform,
      platformKey: key,
      image,
      repository: image.slice(0, colon),
      tag: image.slice(colon + 1),
      registry: reference.registry,
      dockerfile: resolve(dir, dockerfile),
      contextDir: resolve(dir, config.contextPath),
      version: config.version,
    };
  });
}
