/**
 * Ownership: two supervisors with different device ids on one Docker Engine, plus containers nobody
 * from edgectl made. Each supervisor touches only containers with its own device-id label.
 */
import t from 'tap';
import { run, runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { TestSupervisor, deviceContainers, ensureModuleImage, manifest, uniqueDeviceId, MODULE_IMAGE } from './supervisor-process.js';

const ready = await requireService(t, 'Docker Engine', async () => { await ensureModuleImage(); return true; });
if (ready !== undefined) {
  const one = new TestSupervisor(uniqueDeviceId('iso-one'));
  const two = new TestSupervisor(uniqueDeviceId('iso-two'));
  const unrelated = `${uniqueDeviceId('unrelated')}`;
  // Looks like a module (same module label) but carries no device id: someone else's container.
  const lookalike = `${uniqueDeviceId('lookalike')}`;
  // Holds the exact name device one would give its module "taken".
  const squatter = `${one.deviceId}.taken`;
  t.teardown(async () => {
    await one.destroy();
    await two.destroy();
    run('docker', ['rm', '-f', unrelated, lookalike, squatter]);
  });
  runOrThrow('docker', ['run', '-d', '--name', unrelated, MODULE_IMAGE]);
  runOrThrow('docker', ['run', '-d', '--name', lookalike, '--label', 'dev.edgectl.module=shared', MODULE_IMAGE]);
  runOrThrow('docker', ['run', '-d', '--name', squatter, MODULE_IMAGE]);
  const idOf = (name: string) => runOrThrow('docker', ['inspect', '--format', '{{.Id}} {{.State.Status}}', name]).trim();
  const outsiders = () => [unrelated, lookalike, squatter].map(idOf);
  const before = outsiders();
  await one.start();
  await two.start();

  await t.test('both devices converge with their own containers', async (t) => {
    const a = await one.client.apply(manifest({ shared: {}, onlyone: {} }));
    const b = await two.client.apply(manifest({ shared: {}, onlytwo: {} }));
    await one.waitConverged(a.deploymentId);
    await two.waitConverged(b.deploymentId);
    t.same(deviceContainers(one.deviceId).map((c) => c.module).sort(), ['onlyone', 'shared']);
    t.same(deviceContainers(two.deviceId).map((c) => c.module).sort(), ['onlytwo', 'shared']);
  });

  await t.test("emptying one device removes only that device's containers", async (t) => {
    const twoIds = deviceContainers(two.deviceId).map((c) => c.id).sort();
    const empty = await one.client.apply(manifest({}));
    await one.waitConverged(empty.deploymentId);
    t.same(deviceContainers(one.deviceId), []);
    t.same(deviceContainers(two.deviceId).map((c) => c.id).sort(), twoIds, 'device two untouched');
    t.same(outsiders(), before, 'unrelated containers untouched and still running');
  });

  await t.test('a name held by a container it does not own is reported, not taken over', async (t) => {
    const applied = await one.client.apply(manifest({ taken: {} }));
    const status = await one.waitFor('taken to fail', (s) => s.deployment?.id === applied.deploymentId && (s.deployment.failing.some((f) => /does not own/.test(f.reason))));
    t.match(status.modules.find((m) => m.name === 'taken')?.reason ?? '', /taken by a container this supervisor does not own/);
    t.same(outsiders(), before, 'the squatter is untouched');
    t.same(deviceContainers(one.deviceId), []);
  });
}
