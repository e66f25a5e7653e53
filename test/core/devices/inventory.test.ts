import t from 'tap';
import { checkInventory, resolveDevice, type DeviceInventory } from '../../../src/core/devices/inventory.js';

const inventory: DeviceInventory = {
  source: 'edgectl.devices.json',
  devices: [
    { name: 'lab-pi', ssh: 'pi@10.0.0.5:2222', tags: ['lab'] },
    { name: 'gateway', ssh: 'gw-alias', deviceId: 'gw-01' },
  ],
};

t.same(resolveDevice('local', inventory), { kind: 'local' });
t.same(resolveDevice('lab-pi', inventory), { kind: 'ssh', label: 'lab-pi', destination: { user: 'pi', host: '10.0.0.5', port: 2222 }, defaultDeviceId: 'lab-pi', tags: ['lab'], fromInventory: true });
t.match(resolveDevice('gateway', inventory), { destination: { host: 'gw-alias' }, defaultDeviceId: 'gw-01' });
t.match(resolveDevice('root@other:22', inventory), { kind: 'ssh', destination: { user: 'root', host: 'other', port: 22 }, defaultDeviceId: 'other', fromInventory: false });
t.match(resolveDevice('some-alias', undefined), { kind: 'ssh', destination: { host: 'some-alias' }, fromInventory: false });
t.throws(() => resolveDevice('d;touch /tmp/x', inventory), { code: 'DEVICE_INVALID' });

t.same(checkInventory(inventory), []);
const bad: DeviceInventory = { source: 'x', devices: [{ name: 'a', ssh: 'h' }, { name: 'a', ssh: '-oProxyCommand=x' }] };
const problems = checkInventory(bad);
t.equal(problems.length, 2);
t.match(problems.join('\n'), /more than once/);
t.match(problems.join('\n'), /starts with "-"/);
