/**
 * What `${MODULES.<dir>[.<platform>][.debug]}` and `${MODULEDIR<path>[.<platform>]}` refer to: the
 * reference parsed, and the module.json facts that name its image. The name itself,
 * `<repository>:<version>[-<CONTAINER_TAG>]-<platform>`, is spelt by images/module-config.ts (imageTag).
 */
import { isObject } from '../json/json-value.js';

export interface ModuleBuildInfo {
  repository: string;
  version: string;
  platforms: string[];
}

/** Reads the parts of an (already expanded) module.json that name its images. */
export function readModuleBuildInfo(moduleJson: unknown): ModuleBuildInfo | string {
  const image = isObject(moduleJson) ? moduleJson['image'] : undefined;
  if (!isObject(image) || typeof image['repository'] !== 'string') return 'module.json has no image.repository';
  const tag = isObject(image['tag']) ? image['tag'] : {};
  const version = typeof tag['version'] === 'string' ? tag['version'] : '0.0.0';
  const platforms = isObject(tag['platforms']) ? Object.keys(tag['platforms']) : [];
  return { repository: image['repository'].toLowerCase(), version, platforms };
}

export type ModuleReference = { kind: 'folder'; folder: string; platform: string } | { kind: 'path'; path: string; platform: string };

/** Parses "MODULES.filter.arm64v8.debug" or "MODULEDIR<../x>.amd64"; undefined when it is neither. */
export function parseModuleReference(name: string, defaultPlatform: string): ModuleReference | undefined {
  const dir = /^MODULEDIR<(.+)>(?:\.(.+))?$/.exec(name);
  if (dir !== null) return { kind: 'path', path: dir[1] ?? '', platform: platformOf(dir[2], defaultPlatform) };
  if (!name.startsWith('MODULES.')) return undefined;
  const [folder, ...rest] = name.slice('MODULES.'.length).split('.');
  if (folder === undefined || folder === '') return undefined;
  return { kind: 'folder', folder, platform: platformOf(rest.length === 0 ? undefined : rest.join('.'), defaultPlatform) };
}

function platformOf(suffix: string | undefined, defaultPlatform: string): string {
  if (suffix === undefined || suffix === '') return defaultPlatform;
  if (suffix === 'debug') return `${defaultPlatform}.debug`;
  return suffix;
}
