/** Timing helpers for benchmarks: medians of repeated runs, interleaved so drift hits both sides. */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Wall time of one whole process, in ms. Throws if it fails, so a broken command never looks fast. */
export function timeProcess(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const start = performance.now();
  const result = spawnSync(file, [...args], { stdio: 'ignore', ...options });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${String(result.status)}`);
  return elapsed;
}

/**
 * Medians of several commands run in turn, `rounds` times each, after one warm-up round
 * (page cache, JIT of the loader): the figures compare like with like.
 */
export function compareProcesses(commands: Record<string, { file: string; args: readonly string[]; cwd?: string; env?: NodeJS.ProcessEnv }>, rounds = 15): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const [name, command] of Object.entries(commands)) {
    timeProcess(command.file, command.args, command);
    samples[name] = [];
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, command] of Object.entries(commands)) samples[name]?.push(timeProcess(command.file, command.args, command));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/**
 * `node -e 0`, the floor under every Node program's start. Run without NODE_EXTRA_CA_CERTS: Node 20
 * builds its whole root store at start-up when that is set (about 30 ms), bin/edgectl defers it, and
 * a baseline that paid for it would flatter edgectl.
 */
export const BARE_NODE = {
  name: 'node -e 0',
  command: { file: process.execPath, args: ['-e', '0'], env: Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_EXTRA_CA_CERTS')) },
};
