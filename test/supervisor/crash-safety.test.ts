/**
 * Crash safety: the supervisor is killed with SIGKILL at random moments while it applies a
 * deployment, 20 times over. After each restart it must converge on whichever deployment it had
 * persisted, with exactly one container per module, the right configuration, and no orphans.
 */
import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { deploymentId } from '../../src/core/deployment/content-hash.js';
import { runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { FAST_BACKOFF, TestSupervisor, deviceContainers, ensureModuleImage, manifest, uniqueDeviceId } from './supervisor-process.js';

const TRIALS = 20;
const variants = [
  { modules: ['m1', 'm2', 'm3', 'm4'], value: 'a' },
  { modules: ['m1', 'm2', 'm3', 'm5'], value: 'b' },
  { modules: ['m2', 'm4', 'm5', 'm6'], value: 'c' },
].map((variant) => {
  const text = manifest(Object.fromEntries(variant.modules.map((m) => [m, { env: { VARIANT: variant.value } }])));
  return { ...variant, text, id: deploymentId(JSON.parse(text)) };
});

const ready = await requireService(t, 'Docker Engine', async () => { await ensureModuleImage(); return true; });
if (ready !== undefined) {
  const deviceId = uniqueDeviceId('crash');
  let supervisor = new TestSupervisor(deviceId, FAST_BACKOFF);
  t.teardown(() => supervisor.destroy());

  t.test(`${TRIALS} SIGKILLs during applies; each restart converges with one container per module`, async (t) => {
    let seed = 12345;
    // A fixed-seed generator: a failure can be replayed with the same kill points.
    const random = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    await supervisor.start();
    for (let trial = 0; trial < TRIALS; trial++) {
      const next = variants[trial % variants.length];
      if (next === undefined) throw new Error('no variant');
      const delay = Math.floor(random() * 600);
      const applying = supervisor.client.apply(next.text).catch(() => undefined);
      await sleep(delay);
      await supervisor.kill9();
      await applying;

      supervisor = new TestSupervisor(deviceId, FAST_BACKOFF, supervisor.stateDir);
      await supervisor.start();
      const status = await supervisor.client.status();
      const current = variants.find((v) => v.id === status.deployment?.id);
      if (current === undefined) {
        // Killed before the very first apply was persisted: nothing to converge on yet.
        t.equal(trial, 0, `trial ${trial}: only the first apply can be lost entirely`);
        continue;
      }
      await supervisor.waitConverged(current.id, 30_000);
      const containers = deviceContainers(deviceId);
      const modules = containers.map((c) => c.module).sort();
      t.same(modules, [...current.modules].sort(), `trial ${trial} (kill after ${delay} ms): exactly one container per module, no orphans`);
      t.ok(containers.every((c) => c.state === 'running'), `trial ${trial}: all running`);
      const env = runOrThrow('docker', ['inspect', '--format', '{{range .Config.Env}}{{println .}}{{end}}', ...containers.map((c) => c.id)]);
      const variantsSeen = [...env.matchAll(/VARIANT=(\w)/g)].map((m) => m[1]);
      t.same(variantsSeen, current.modules.map(() => current.value), `trial ${trial}: every container has the configuration of deployment ${current.id}`);
    }
  });
}
