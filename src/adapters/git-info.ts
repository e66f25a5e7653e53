/**
 * What the OCI labels say about the source: the repository URL (credentials stripped), the commit,
 * and a creation time that does not change between rebuilds of unchanged sources, so a rebuild is
 * all cache hits and yields the same image: SOURCE_DATE_EPOCH, else the commit time; outside git
 * the builder uses the newest file time in the context (see image-build.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Exec } from './exec.js';

export interface SourceInfo {
  source?: string;
  revision?: string;
  created?: string;
}

export async function readSourceInfo(exec: Exec, dir: string, env: Readonly<Record<string, string | undefined>>): Promise<SourceInfo> {
  const git = async (args: string[]): Promise<string | undefined> => {
    try {
      const result = await exec('git', ['-C', dir, ...args]);
      return result.exitCode === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
    } catch {
      return undefined;
    }
  };
  // Outside a repository, spare the three git processes (a no-change build is short).
  if (!insideGitRepository(dir)) return sourceDateEpoch(env);
  const [revision, remote, commitTime] = await Promise.all([git(['rev-parse', 'HEAD']), git(['remote', 'get-url', 'origin']), git(['log', '-1', '--format=%cI'])]);
  const epoch = env['SOURCE_DATE_EPOCH'];
  const created = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : commitTime !== undefined ? new Date(commitTime).toISOString() : undefined;
  return { ...(revision === undefined ? {} : { revision }), ...(remote === undefined ? {} : { source: stripCredentials(remote) }), ...(created === undefined ? {} : { created }) };
}

function insideGitRepository(start: string): boolean {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

function sourceDateEpoch(env: Readonly<Record<string, string | undefined>>): SourceInfo {
  const epoch = env['SOURCE_DATE_EPOCH'];
  return epoch !== undefined && /^\d+$/.test(epoch) ? { created: new Date(Number(epoch) * 1000).toISOString() } : {};
}

/** `https://user:token@host/x.git` → `https://host/x.git`: labels are public, tokens are not. */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

export function ociLabels(info: SourceInfo, version: string): Record<string, string> {
  return {
    ...(info.created === undefined ? {} : { 'org.opencontainers.image.created': info.created }),
    'org.opencontainers.image.version': version,
    ...(info.revision === undefined ? {} : { 'org.opencontainers.image.revision': info.revision }),
    ...(info.source === undefined ? {} : { 'org.opencontainers.image.source': info.source }),
  };
}
