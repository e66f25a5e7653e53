/**
 * HEAD's commit and origin's URL read from the .git files themselves, as `git rev-parse HEAD` and
 * `git remote get-url origin` would answer, for the common layouts: a .git folder or a worktree's
 * `gitdir:` file, loose or packed refs, a plain `[remote "origin"] url`. Anything else — URL
 * rewriting (insteadOf, in any config git reads), includes, quoted values, a ref we cannot find
 * yet HEAD names a branch that has commits elsewhere — returns undefined, and the caller asks git.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface GitFiles {
  revision?: string;
  originUrl?: string;
}

/** The repository's git dir for a folder inside its work tree, or undefined outside git. */
export function findGitDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      if (isDirectory(dotGit)) return dotGit;
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? '')?.[1];
      return pointer === undefined ? dotGit : resolve(dir, pointer);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function readGitFiles(gitDir: string, env: Readonly<Record<string, string | undefined>>): GitFiles | undefined {
  const commonPointer = readText(join(gitDir, 'commondir'))?.trim();
  const commonDir = commonPointer === undefined ? gitDir : resolve(gitDir, commonPointer);
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  let revision: string | undefined;
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) revision = head;
  else {
    const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
    if (ref === undefined) return undefined;
    revision = readText(join(commonDir, ref))?.trim() ?? packedRef(commonDir, ref);
    // A branch without a ref file or packed entry is unborn (no commits yet): git has no HEAD either.
    if (revision !== undefined && !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(revision)) return undefined;
  }
  const config = readText(join(commonDir, 'config')) ?? '';
  if (rewritesUrls(config) || userConfigs(env).some((file) => rewritesUrls(readText(file) ?? ''))) return undefined;
  const originUrl = originFromConfig(config);
  if (originUrl === null) return undefined;
  return { ...(revision === undefined ? {} : { revision }), ...(originUrl === undefined ? {} : { originUrl }) };
}

function packedRef(commonDir: string, ref: string): string | undefined {
  for (const line of (readText(join(commonDir, 'packed-refs')) ?? '').split('\n')) {
    const [sha, name] = line.trim().split(' ');
    if (name === ref && sha !== undefined) return sha;
  }
  return undefined;
}

/** origin's url; null when the config says it in a way only git should interpret. */
function originFromConfig(config: string): string | undefined | null {
  let inOrigin = false;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) { inOrigin = /^\[remote\s+"origin"\]$/.test(line); continue; }
    if (!inOrigin) continue;
    const match = /^url\s*=\s*(.*)$/i.exec(line);
    if (match === null) continue;
    const value = match[1] ?? '';
    return /["\\;#]/.test(value) ? null : value.trim();
  }
  return undefined;
}

function rewritesUrls(config: string): boolean {
  return /insteadof|^\s*\[include/im.test(config);
}

function userConfigs(env: Readonly<Record<string, string | undefined>>): string[] {
  const home = env['HOME'] ?? homedir();
  return [join(home, '.gitconfig'), join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'git', 'config'), '/etc/gitconfig'];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
