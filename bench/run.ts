/**
 * `npm run bench`: runs every suite (or those named in argv), prints one table and writes
 * bench/results.json. A suite that throws is reported as failed; the others still run.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-types.js';
import { suites } from './suites/index.js';

interface SuiteResult { suite: string; rows: BenchRow[]; error?: string }

const only = process.argv.slice(2);
const results: SuiteResult[] = [];
for (const suite of suites) {
  if (only.length > 0 && !only.some((word) => suite.name.includes(word))) continue;
  process.stderr.write(`bench: ${suite.name}…\n`);
  try {
    results.push({ suite: suite.name, rows: await suite.run() });
  } catch (error) {
    results.push({ suite: suite.name, rows: [], error: error instanceof Error ? error.message : String(error) });
  }
}

const format = (value: number, unit: string): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ${unit}`;
const lines: string[] = [];
lines.push(['suite', 'measure', 'value', 'baseline', 'ratio', 'goal', 'met'].join(' | '));
lines.push('--- | --- | --- | --- | --- | --- | ---');
for (const result of results) {
  if (result.error !== undefined) lines.push(`${result.suite} | (failed: ${result.error}) | | | | | no`);
  for (const row of result.rows) {
    const baseline = row.baseline === undefined ? '' : `${format(row.baseline.value, row.unit)} (${row.baseline.name})`;
    const ratio = row.baseline === undefined ? '' : `${(row.value / row.baseline.value).toFixed(2)}×`;
    lines.push([result.suite, row.name, format(row.value, row.unit), baseline, ratio, row.goal, row.met ? 'yes' : 'NO'].join(' | '));
  }
}
process.stdout.write(`${lines.join('\n')}\n`);

const out = fileURLToPath(new URL('../../bench/results.json', import.meta.url));
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
process.stderr.write(`bench: wrote ${out}\n`);
