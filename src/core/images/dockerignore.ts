/**
 * `.dockerignore` as the Docker CLI applies it (moby/patternmatcher): one pattern per line, `#`
 * comments, `!` re-includes, `*` and `?` within one path segment, `**` across segments, the last
 * matching pattern wins, and a path is matched when it or any of its parent directories matches.
 * The Dockerfile and .dockerignore themselves are always sent, as the CLI does.
 */

interface Pattern {
  exclusion: boolean;
  regex: RegExp;
}

export interface ContextFilter {
  /** Whether a context-relative path (forward slashes, no leading ./) is sent to the builder. */
  includes(path: string): boolean;
  /** Whether some `!` pattern could re-include files below an excluded directory. */
  hasExceptions: boolean;
}

export function parseDockerignore(text: string, alwaysInclude: readonly string[] = []): ContextFilter {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    const cleaned = cleanPath(line);
    if (cleaned === '') continue;
    patterns.push({ exclusion, regex: compile(cleaned) });
  }
  const keep = new Set(alwaysInclude.map(cleanPath));
  return {
    hasExceptions: patterns.some((p) => p.exclusion),
    includes(path: string): boolean {
      if (keep.has(path)) return true;
      const candidates = parentsAndSelf(path);
      let excluded = false;
      for (const pattern of patterns) {
        if (candidates.some((candidate) => pattern.regex.test(candidate))) excluded = !pattern.exclusion;
      }
      return !excluded;
    },
  };
}

/** Go's filepath.Clean plus the CLI's stripping of a leading slash. */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function parentsAndSelf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function compile(pattern: string): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') { i++; source += '(?:.*/)?'; } else source += '.*';
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '\\' && i + 1 < pattern.length) {
      source += escapeRegex(pattern[++i] ?? '');
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) { source += '\\['; continue; }
      const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = end;
    } else {
      source += escapeRegex(c);
    }
  }
  return new RegExp(`${source}$`);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
