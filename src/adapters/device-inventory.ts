/**
 * Reads the project's device inventory: edgectl.devices.json, .yaml or .yml in the project directory
 * (at most one of them), checked against schemas/devices.json and then the semantic rules.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from '../core/errors.js';
import { checkInventory, type DeviceInventory, type InventoryDevice } from '../core/devices/inventory.js';

export const INVENTORY_FILES = ['edgectl.devices.json', 'edgectl.devices.yaml', 'edgectl.devices.yml'] as const;
const SCHEMA_URL = new URL('../../../schemas/devices.json', import.meta.url);

export async function loadDeviceInventory(dir: string): Promise<DeviceInventory | undefined> {
  const found: Array<{ file: string; text: string }> = [];
  for (const name of INVENTORY_FILES) {
    const file = join(dir, name);
    try {
      found.push({ file, text: await readFile(file, 'utf8') });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (found.length === 0) return undefined;
  const [first, second] = found;
  if (second !== undefined || first === undefined) {
    throw usageError('INVENTORY_INVALID', `there are several device inventories: ${found.map((f) => f.file).join(', ')}`, 'keep one of them');
  }
  const data = await parse(first.file, first.text);
  // The schemas in schemas/ are JSON Schema 2020-12. Compiled here, not at build time: an inventory is
  // read once per command, and only by the commands that take --device.
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020.default({ allErrors: true });
  const validate = ajv.compile(JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as object);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw usageError('INVENTORY_INVALID', `${first.file} is not a valid device inventory: ${problems.join('; ')}`, 'see schemas/devices.json', { problems });
  }
  const inventory: DeviceInventory = { source: first.file, devices: (data as { devices: InventoryDevice[] }).devices };
  const problems = checkInventory(inventory);
  if (problems.length > 0) throw usageError('INVENTORY_INVALID', `${first.file}: ${problems.join('; ')}`, 'fix the inventory file', { problems });
  return inventory;
}

async function parse(file: string, text: string): Promise<unknown> {
  try {
    if (file.endsWith('.json')) return JSON.parse(text) as unknown;
    const { parse: parseYaml } = await import('yaml');
    return parseYaml(text) as unknown;
  } catch (error) {
    throw usageError('INVENTORY_INVALID', `${file} cannot be parsed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 'fix the syntax of the inventory file');
  }
}
