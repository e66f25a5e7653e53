/** The device inventory file: found, parsed (JSON or YAML), checked against schemas/devices.json. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadDeviceInventory } from '../../src/adapters/device-inventory.js';

const root = mkdtempSync(join(tmpdir(), 'edgectl-inventory-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

/** A project directory holding these files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'project-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

t.test('no inventory: undefined', async (t) => {
  t.equal(await loadDeviceInventory(project({})), undefined);
});

t.test('JSON and YAML inventories', async (t) => {
  const files = {
    'edgectl.devices.json': '{"devices":[{"name":"lab","ssh":"pi@10.0.0.5:2222","tags":["floor-1"]}]}',
    'edgectl.devices.yaml': 'devices:\n  - name: lab\n    ssh: pi@10.0.0.5:2222\n    tags: [floor-1]\n',
  };
  for (const [name, text] of Object.entries(files)) {
    const dir = project({ [name]: text });
    t.match(await loadDeviceInventory(dir), { source: join(dir, name), devices: [{ name: 'lab', ssh: 'pi@10.0.0.5:2222', tags: ['floor-1'] }] }, name);
  }
});

t.test('a broken inventory says what is wrong, where', async (t) => {
  const dir = project({ 'edgectl.devices.json': '{"devices":[{"name":"local","ssh":"-oProxyCommand=x"},{"ssh":"h"}],"extra":1}' });
  await t.rejects(loadDeviceInventory(dir), {
    code: 'INVENTORY_INVALID',
    message: /edgectl\.devices\.json is not a valid device inventory/,
    details: { problems: [/^\/ has an unknown key "extra"$/, /^\/devices\/0\/name is a reserved value$/, /^\/devices\/0\/ssh must match \^/, /^\/devices\/1 lacks the required key "name"$/] },
  });
});

t.test('two inventories: refused', async (t) => {
  const dir = project({ 'edgectl.devices.json': '{"devices":[]}', 'edgectl.devices.yml': 'devices: []\n' });
  await t.rejects(loadDeviceInventory(dir), { code: 'INVENTORY_INVALID', message: /several device inventories/ });
});
