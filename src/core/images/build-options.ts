/**
 * module.json `buildOptions` (docker build flags, as iotedgedev accepts them) turned into a
 * structured build request, and from there into the Engine API's /build query or a buildx argv.
 * Flags that make no sense here (-t, -f, --rm: edgectl sets them) are dropped like iotedgedev
 * does; a flag we cannot honour is an error naming it, never silently ignored.
 */
import { usageError } from '../errors.js';

export interface BuildSettings {
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  extraHosts: string[];
  cacheFrom: string[];
  target?: string;
  network?: string;
  platform?: string;
  noCache: boolean;
  pull: boolean;
  forceRm: boolean;
  squash: boolean;
  quiet: boolean;
  memory?: number;
  memorySwap?: number;
  shmSize?: number;
  cpuShares?: number;
  cpusetCpus?: string;
  cpuPeriod?: number;
  cpuQuota?: number;
}

type Handler = (settings: BuildSettings, value: string) => void;
const IGNORED_WITH_VALUE = new Set(['--tag', '-t', '--file', '-f']);
const IGNORED_FLAGS = new Set(['--rm']);

const WITH_VALUE: Record<string, Handler> = {
  '--add-host': (s, v) => { s.extraHosts.push(v); },
  '--build-arg': (s, v) => { const [k, val] = keyValue(v); s.buildArgs[k] = val; },
  '--cache-from': (s, v) => { s.cacheFrom.push(v); },
  '--cpu-shares': (s, v) => { s.cpuShares = integer('--cpu-shares', v); },
  '--cpuset-cpus': (s, v) => { s.cpusetCpus = v; },
  '--cpu-period': (s, v) => { s.cpuPeriod = integer('--cpu-period', v); },
  '--cpu-quota': (s, v) => { s.cpuQuota = integer('--cpu-quota', v); },
  '--label': (s, v) => { const [k, val] = keyValue(v); s.labels[k] = val; },
  '--memory': (s, v) => { s.memory = bytes('--memory', v); },
  '-m': (s, v) => { s.memory = bytes('--memory', v); },
  '--memory-swap': (s, v) => { s.memorySwap = v === '-1' ? -1 : bytes('--memory-swap', v); },
  '--network': (s, v) => { s.network = v; },
  '--platform': (s, v) => { s.platform = v; },
  '--shm-size': (s, v) => { s.shmSize = bytes('--shm-size', v); },
  '--target': (s, v) => { s.target = v; },
};
const FLAGS: Record<string, (s: BuildSettings) => void> = {
  '--no-cache': (s) => { s.noCache = true; },
  '--pull': (s) => { s.pull = true; },
  '--force-rm': (s) => { s.forceRm = true; },
  '--squash': (s) => { s.squash = true; },
  '--quiet': (s) => { s.quiet = true; },
  '-q': (s) => { s.quiet = true; },
};

export function emptyBuildSettings(): BuildSettings {
  return { buildArgs: {}, labels: {}, extraHosts: [], cacheFrom: [], noCache: false, pull: false, forceRm: false, squash: false, quiet: false };
}

/** Parses buildOptions entries; `env` supplies `--build-arg NAME` without a value, as docker does. */
export function parseBuildOptions(options: readonly string[], env: Readonly<Record<string, string | undefined>>): BuildSettings {
  const settings = emptyBuildSettings();
  const tokens = options.flatMap(splitArguments);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    if (IGNORED_FLAGS.has(flag)) continue;
    if (FLAGS[flag] !== undefined && inline === undefined) { FLAGS[flag](settings); continue; }
    const handler = WITH_VALUE[flag];
    if (handler === undefined && !IGNORED_WITH_VALUE.has(flag)) {
      throw usageError('BUILD_OPTION_UNSUPPORTED', `build option "${flag}" in module.json is not supported`, `supported: ${[...Object.keys(WITH_VALUE), ...Object.keys(FLAGS)].join(' ')}`);
    }
    const value = inline ?? tokens[++i];
    if (value === undefined) throw usageError('BUILD_OPTION_UNSUPPORTED', `build option "${flag}" in module.json needs a value`);
    if (flag === '--build-arg' && !value.includes('=')) {
      const fromEnv = env[value];
      if (fromEnv !== undefined) settings.buildArgs[value] = fromEnv;
      continue;
    }
    handler?.(settings, value);
  }
  return settings;
}

/** Splits one option string the way a POSIX shell would split words: quotes group, backslash escapes. */
export function splitArguments(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") { quote = c; inWord = true; }
    else if (c === '\\' && i + 1 < text.length) { current += text[++i]; inWord = true; }
    else if (/\s/.test(c)) { if (inWord) words.push(current); current = ''; inWord = false; }
    else { current += c; inWord = true; }
  }
  if (inWord) words.push(current);
  return words;
}

/** The Engine API /build query parameters (object-valued ones are JSON-encoded, see engineQuery). */
export function engineBuildQuery(settings: BuildSettings): Record<string, unknown> {
  const query: Record<string, unknown> = {
    buildargs: settings.buildArgs,
    labels: settings.labels,
    nocache: settings.noCache,
    pull: settings.pull,
    forcerm: settings.forceRm,
    rm: true,
  };
  if (settings.extraHosts.length > 0) query['extrahosts'] = settings.extraHosts.join(',');
  if (settings.cacheFrom.length > 0) query['cachefrom'] = settings.cacheFrom;
  if (settings.squash) query['squash'] = true;
  if (settings.quiet) query['q'] = true;
  const optional: Array<[string, unknown]> = [
    ['target', settings.target], ['networkmode', settings.network], ['platform', settings.platform], ['memory', settings.memory],
    ['memswap', settings.memorySwap], ['shmsize', settings.shmSize], ['cpushares', settings.cpuShares], ['cpusetcpus', settings.cpusetCpus],
    ['cpuperiod', settings.cpuPeriod], ['cpuquota', settings.cpuQuota],
  ];
  for (const [key, value] of optional) if (value !== undefined) query[key] = value;
  return query;
}

/** `docker buildx build` arguments for the same settings (cross-platform builds). */
export function buildxArguments(settings: BuildSettings, request: { tag: string; dockerfile: string; context: string; platform: string }): string[] {
  const args = ['buildx', 'build', '--load', '--platform', request.platform, '--tag', request.tag, '--file', request.dockerfile];
  for (const [k, v] of Object.entries(settings.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(settings.labels)) args.push('--label', `${k}=${v}`);
  for (const host of settings.extraHosts) args.push('--add-host', host);
  for (const from of settings.cacheFrom) args.push('--cache-from', from);
  if (settings.target !== undefined) args.push('--target', settings.target);
  if (settings.network !== undefined) args.push('--network', settings.network);
  if (settings.shmSize !== undefined) args.push('--shm-size', String(settings.shmSize));
  if (settings.noCache) args.push('--no-cache');
  if (settings.pull) args.push('--pull');
  if (settings.quiet) args.push('--quiet');
  args.push(request.context);
  return args;
}

function keyValue(value: string): [string, string] {
  const eq = value.indexOf('=');
  return eq < 0 ? [value, ''] : [value.slice(0, eq), value.slice(eq + 1)];
}

function integer(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw usageError('BUILD_OPTION_UNSUPPORTED', `${flag} needs a whole number, not "${value}"`);
  return Number(value);
}

/** Docker's RAMInBytes: a number with an optional b/k/m/g unit (binary multiples). */
function bytes(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(value.trim());
  if (match === null) throw usageError('BUILD_OPTION_UNSUPPORTED', `${flag} needs a size like 512m, not "${value}"`);
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}
