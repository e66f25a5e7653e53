/**
 * Reads the project's device inventory: edgectl.devices.json, .yaml or .yml in the project directory
 * (at most one of them), checked against schemas/devices.json and then the semantic rules.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from '../core/errors.js';
import { inventorySchemaProblems } from '../core/devices/inventory-schema-problems.js';
import { checkInventory, type DeviceInventory, type InventoryDevice } from '../core/devices/inventory.js';

export const INVENTORY_FILES = ['edgectl.devices.json', 'edgectl.devices.yaml', 'edgectl.devices.yml'] as const;

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
  // Compiled from schemas/devices.json at build time, like the manifest schemas: compiling it here
  // cost every --device command ~60 ms.
  const { validateDevicesSchema } = await import('../core/manifest/compiled-validators.js');
  if (!validateDevicesSchema(data)) {
    const problems = inventorySchemaProblems(validateDevicesSchema.errors ?? []);
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
