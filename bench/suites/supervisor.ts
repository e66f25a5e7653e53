/**
 * The supervisor's speed and footprint: a 10-module apply against 10 plain `docker run -d` in a loop
 * (same image, same engine, same run), its idle RSS (beside an idle bare node) and CPU, and the latency
 * of a status call. The supervisor starts as every launcher starts it, with the launch profile
 * (src/core/devices/supervisor-launch-profile.ts, applied by TestSupervisor).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { maxRow, ratioRow, type BenchRow, type BenchSuite } from '../bench-types.js';
import { median, percentile } from '../measure.js';
import { TestSupervisor, ensureModuleImage, manifest, MODULE_IMAGE } from '../../test/supervisor/supervisor-process.js';

const MODULES = 10;
const ROUNDS = 3;
/** The window: CPU over a full minute of idling with 10 modules. */
const IDLE_WINDOW_S = 60;

function dockerRunLoop(prefix: string): number {
  const start = performance.now();
  for (let i = 0; i < MODULES; i++) {
    const result = spawnSync('docker', ['run', '-d', '--name', `${prefix}-${i}`, '--label', `bench=${prefix}`, MODULE_IMAGE], { stdio: 'ignore' });
    if (result.status !== 0) throw new Error('docker run failed');
  }
  const elapsed = performance.now() - start;
  const ids = spawnSync('docker', ['ps', '-aq', '--filter', `label=bench=${prefix}`], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  return elapsed;
}

async function supervisorApply(supervisor: TestSupervisor, round: number): Promise<number> {
  // A different env per round makes every module a fresh container, like the docker run loop.
  const text = manifest(Object.fromEntries(Array.from({ length: MODULES }, (_, i) => [`m${i}`, { env: { ROUND: String(round) } }])));
  const start = performance.now();
  const applied = await supervisor.client.apply(text);
  for (;;) {
    const status = await supervisor.client.status();
    if (status.deployment?.id === applied.deploymentId && status.deployment.state === 'converged') break;
    await sleep(10);
  }
  const elapsed = performance.now() - start;
  const empty = await supervisor.client.apply(manifest({}));
  await supervisor.waitConverged(empty.deploymentId, 60_000);
  return elapsed;
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}

/** What node itself holds, idling: the floor under any daemon written in it. */
async function bareNodeIdleRssMb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await sleep(3000);
    return rssMb(child.pid ?? -1);
  } finally {
    child.kill();
  }
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? Number.NaN) / 1024;
}

export const supervisorSuite: BenchSuite = {
  name: 'supervisor',
  async run(): Promise<BenchRow[]> {
    await ensureModuleImage();
    const supervisor = new TestSupervisor(`bench-${process.pid}`, ['--resync-ms', '10000']);
    await supervisor.start();
    try {
      const applies: number[] = [];
      const loops: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        loops.push(dockerRunLoop(`edgectl-bench-${process.pid}-${round}`));
        applies.push(await supervisorApply(supervisor, round));
      }
      // Idle with 10 modules running: what a device looks like most of the time.
      const steady = await supervisor.client.apply(manifest(Object.fromEntries(Array.from({ length: MODULES }, (_, i) => [`m${i}`, {}]))));
      await supervisor.waitConverged(steady.deploymentId, 60_000);
      const pid = supervisor.pid ?? 0;
      const latencies: number[] = [];
      for (let i = 0; i < 50; i++) {
        const start = performance.now();
        await supervisor.client.status();
        latencies.push(performance.now() - start);
      }
      await sleep(3000);
      const ticksBefore = cpuTicks(pid);
      await sleep(IDLE_WINDOW_S * 1000);
      const cpuPercent = ((cpuTicks(pid) - ticksBefore) / 100 / IDLE_WINDOW_S) * 100;
      const rss = rssMb(pid);
      const bareNode = await bareNodeIdleRssMb();
      return [
        ratioRow(`apply ${MODULES} modules → converged (median of ${ROUNDS})`, median(applies), { name: `${MODULES}× docker run -d`, value: median(loops) }, 1.5),
        maxRow(`idle RSS with ${MODULES} modules`, rss, 'MB', 60, { name: 'node -e "setInterval(…)" idle', value: bareNode }),
        { ...maxRow(`idle CPU over ${IDLE_WINDOW_S} s`, cpuPercent, '%', 1), goal: '< 1 %', met: cpuPercent < 1 },
        maxRow('status call (median of 50)', median(latencies), 'ms', 20),
        maxRow('status call (p95 of 50)', percentile(latencies, 95), 'ms', 20),
      ];
    } finally {
      await supervisor.destroy();
    }
  },
};
