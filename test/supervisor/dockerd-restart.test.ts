/**
 * The engine goes away under the supervisor: dockerd is restarted (on a private engine, so the
 * shared one keeps serving other tests). The supervisor must notice, reconnect and reconverge.
 */
import t from 'tap';
import { rmSync } from 'node:fs';
import { requireService } from '../harness/require-service.js';
import { PrivateDockerd } from './private-dockerd.js';
import { FAST_BACKOFF, MODULE_IMAGE, TestSupervisor, ensureModuleImage, manifest, uniqueDeviceId } from './supervisor-process.js';

const engine = new PrivateDockerd();
const ready = await requireService(t, 'a private Docker Engine (root, dockerd, ip)', async () => {
  await ensureModuleImage();
  await engine.start();
  engine.loadImage(MODULE_IMAGE);
  return true;
});
t.teardown(() => engine.destroy());
if (ready !== undefined) {
  const sv = new TestSupervisor(uniqueDeviceId('dockerd'), FAST_BACKOFF, undefined, { DOCKER_HOST: engine.host });
  t.teardown(async () => {
    await sv.stop();
    rmSync(sv.stateDir, { recursive: true, force: true });
  });

  t.test('after a dockerd restart the supervisor reconnects and reconverges', async (t) => {
    await sv.start();
    const applied = await sv.client.apply(manifest({ one: {}, two: { restartPolicy: 'on-failure' } }));
    await sv.waitConverged(applied.deploymentId, 60_000);
    await engine.stop();
    let health = await sv.client.health();
    for (let i = 0; i < 100 && health.docker === 'connected'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      health = await sv.client.health();
    }
    t.equal(health.ok, false, 'health says Docker is unavailable');
    t.match(health.warnings.join('\n'), /Docker Engine is not reachable/);
    await engine.restart();
    const back = await sv.waitConverged(applied.deploymentId, 60_000);
    t.same(back.modules.map((m) => m.runtimeStatus), ['running', 'running']);
    t.equal((await sv.client.health()).docker, 'connected');
    const rows = engine.docker(['ps', '-a', '--format', '{{.Names}} {{.State}}']).trim().split('\n').sort();
    t.same(rows, [`${sv.deviceId}.one running`, `${sv.deviceId}.two running`], 'one running container per module');
  });
}
