/**
 * The quickstart, images cached (issue 7: under 60 s): `edgectl quickstart` as a whole process into a
 * new folder on a new local device each round, so it scaffolds, starts the supervisor, rebuilds from
 * the cache, generates, deploys, waits for convergence and for the filter's first messages.
 * Beside it, the plain-Docker floor of the same demo: `docker build` of both modules from the same
 * cache and `docker run -d` of both containers (no hub, no convergence check, no messages).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from '../bench-types.js';
import { median, timeProcess } from '../measure.js';
import { ensureBaseImages } from '../../test/harness/base-images.js';
import { ensureDockerEngine } from '../../test/harness/docker-engine.js';
import { run } from '../../test/harness/processes.js';
import { localDeviceEnv } from '../../test/e2e/local-device-env.js';

const edgectl = fileURLToPath(new URL('../../../bin/edgectl', import.meta.url));
const ROUNDS = 3;
const GOAL_MS = 60_000;

/** One whole `edgectl quickstart` on a fresh device and folder; the device is removed afterwards. */
async function quickstartRound(round: number): Promise<{ ms: number; solution: string; device: ReturnType<typeof localDeviceEnv> }> {
  const device = localDeviceEnv(`bench-qs${round}`);
  const env = { ...process.env, ...device.env, CI: '1', DOCKER_BUILDKIT: '0' };
  const ms = timeProcess(edgectl, ['quickstart', '--dir', 'demo'], { cwd: device.home, env });
  return { ms, solution: join(device.home, 'demo'), device };
}

/** The same two images from the cache and their two containers, with the docker CLI alone. */
function plainDockerRound(solution: string, round: number): number {
  const env = { ...process.env, DOCKER_BUILDKIT: '0' };
  const names = ['SimulatedTemperatureSensor', 'filtermodule'];
  const containers = names.map((name) => `edgectl-bench-qs-${process.pid}-${round}-${name.toLowerCase()}`);
  const start = performance.now();
  for (const [index, name] of names.entries()) {
    const dir = join(solution, 'modules', name);
    timeProcess('docker', ['build', '-q', '-t', `edgectl-bench/qs-${name.toLowerCase()}:baseline`, '-f', join(dir, 'Dockerfile.amd64'), dir], { env });
    timeProcess('docker', ['run', '-d', '--name', containers[index] ?? '', `edgectl-bench/qs-${name.toLowerCase()}:baseline`], { env });
  }
  const elapsed = performance.now() - start;
  run('docker', ['rm', '-f', ...containers]);
  return elapsed;
}

export const quickstartSuite: BenchSuite = {
  name: 'quickstart',
  async run() {
    await ensureDockerEngine();
    ensureBaseImages();
    const quickstarts: number[] = [];
    const baselines: number[] = [];
    try {
      // Warm-up: fills the image cache (npm ci inside the build) so every measured round finds it.
      const first = await quickstartRound(-1);
      await first.device.destroy();
      for (let round = 0; round < ROUNDS; round++) {
        const measured = await quickstartRound(round);
        quickstarts.push(measured.ms);
        try {
          baselines.push(plainDockerRound(measured.solution, round));
        } finally {
          await measured.device.destroy();
        }
      }
    } finally {
      run('docker', ['rmi', '-f', 'edgectl-bench/qs-simulatedtemperaturesensor:baseline', 'edgectl-bench/qs-filtermodule:baseline']);
    }
    const value = median(quickstarts);
    const row: BenchRow = {
      name: 'edgectl quickstart (images cached, whole process)', value, unit: 'ms',
      baseline: { name: 'docker build ×2 (cached) + docker run -d ×2', value: median(baselines) },
      goal: `< ${GOAL_MS / 1000} s`, met: value < GOAL_MS,
    };
    return [row];
  },
};
