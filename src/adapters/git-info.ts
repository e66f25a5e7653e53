/**
 * What the OCI labels say about the source: the repository URL (credentials stripped), the commit,
 * and a creation time that does not change between rebuilds of unchanged sources, so a rebuild is
 * all cache hits and yields the same image: SOURCE_DATE_EPOCH, else the commit time; outside git
 * the builder uses the newest file time in the context (see image-build.ts).
 * The revision and source are part of the up-to-date check's key, so they are read before every
 * build: straight from the .git files (git-files.ts), with git itself asked only when those files
 * hold something we do not model. The commit time is asked of git only when an image is built.
 */
import { CREATED_LABEL } from '../core/images/build-key.js';
import type { Exec } from './exec.js';
import { findGitDir, readGitFiles } from './git-files.js';

export interface SourceInfo {
  source?: string;
  revision?: string;
  created?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The revision and source URL, without starting git when the .git files can be read directly. */
export async function readSourceIdentity(exec: Exec, dir: string, env: Env): Promise<Omit<SourceInfo, 'created'>> {
  // Outside a repository, spare the git processes (a no-change build is short).
  const gitDir = findGitDir(dir);
  if (gitDir === undefined) return {};
  const direct = gitEnvironmentIsPlain(env) ? readGitFiles(gitDir, env) : undefined;
  const [revision, remote] = direct !== undefined ? [direct.revision, direct.originUrl] : await Promise.all([git(exec, dir, ['rev-parse', 'HEAD']), git(exec, dir, ['remote', 'get-url', 'origin'])]);
  return { ...(revision === undefined ? {} : { revision }), ...(remote === undefined ? {} : { source: stripCredentials(remote) }) };
}

/** The image creation time: SOURCE_DATE_EPOCH, else the commit time; undefined outside git. */
export async function readCreatedTime(exec: Exec, dir: string, env: Env): Promise<string | undefined> {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  if (findGitDir(dir) === undefined) return undefined;
  const commitTime = await git(exec, dir, ['log', '-1', '--format=%cI']);
  return commitTime === undefined ? undefined : new Date(commitTime).toISOString();
}

async function git(exec: Exec, dir: string, args: string[]): Promise<string | undefined> {
  try {
    const result = await exec('git', ['-C', dir, ...args]);
    return result.exitCode === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** GIT_DIR and friends redirect git elsewhere: then only git knows where it looks. */
function gitEnvironmentIsPlain(env: Env): boolean {
  return ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CONFIG', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_COUNT'].every((name) => env[name] === undefined);
}

/** `https://user:token@host/x.git` → `https://host/x.git`: labels are public, tokens are not. */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

export function ociLabels(info: SourceInfo, version: string): Record<string, string> {
  return {
    ...(info.created === undefined ? {} : { [CREATED_LABEL]: info.created }),
    'org.opencontainers.image.version': version,
    ...(info.revision === undefined ? {} : { 'org.opencontainers.image.revision': info.revision }),
    ...(info.source === undefined ? {} : { 'org.opencontainers.image.source': info.source }),
  };
}
