/**
 * The shape every benchmark suite reports in. A figure is only meaningful beside its baseline,
 * measured in the same process and run, so a row carries both and the ratio between them.
 */

export interface BenchRow {
  /** What was measured, e.g. "edgectl --version". */
  name: string;
  value: number;
  unit: 'ms' | 'µs' | 'MB' | 'msg/s' | '%' | 'count';
  /** The same work done the plain way, e.g. `node -e 0`; absent for absolute goals (RSS ≤ 60 MB). */
  baseline?: { name: string; value: number };
  /** The goal as text ("≤ 1.5× baseline", "≤ 20 ms"), and whether this run met it. */
  goal: string;
  met: boolean;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** A row whose goal is a maximum ratio to its baseline (lower is better). */
export function ratioRow(name: string, value: number, baseline: { name: string; value: number }, maxRatio: number, unit: BenchRow['unit'] = 'ms'): BenchRow {
  return { name, value, unit, baseline, goal: `≤ ${maxRatio}× ${baseline.name}`, met: value <= baseline.value * maxRatio };
}

/** A row whose goal is an absolute maximum (lower is better). */
export function maxRow(name: string, value: number, unit: BenchRow['unit'], max: number, baseline?: { name: string; value: number }): BenchRow {
  return { name, value, unit, ...(baseline === undefined ? {} : { baseline }), goal: `≤ ${max} ${unit}`, met: value <= max };
}

/** A row whose goal is an absolute minimum (higher is better), e.g. throughput. */
export function minRow(name: string, value: number, unit: BenchRow['unit'], min: number, baseline?: { name: string; value: number }): BenchRow {
  return { name, value, unit, ...(baseline === undefined ? {} : { baseline }), goal: `≥ ${min} ${unit}`, met: value >= min };
}
