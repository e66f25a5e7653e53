/**
 * The project's device inventory (edgectl.devices.json / .yaml, schema in schemas/devices.json)
 * and how a --device value is resolved against it: an inventory name wins over an ssh alias of the
 * same spelling, because the project file is the more specific of the two.
 */
import { usageError } from '../errors.js';
import { parseDeviceSpec, type SshDestination } from './device-spec.js';

export interface InventoryDevice {
  name: string;
  ssh: string;
  deviceId?: string;
  tags?: string[];
}

export interface DeviceInventory {
  /** The file it came from, for messages. */
  source: string;
  devices: InventoryDevice[];
}

/** What a --device value names: the local device, or an ssh destination with what the inventory says of it. */
export type DeviceTarget =
  | { kind: 'local' }
  | {
      kind: 'ssh';
      /** How the user named it (inventory name or destination): used in messages and hints. */
      label: string;
      destination: SshDestination;
      /** The device id `device install` gives the supervisor by default. */
      defaultDeviceId: string;
      tags: string[];
      fromInventory: boolean;
    };

export function resolveDevice(raw: string, inventory: DeviceInventory | undefined): DeviceTarget {
  const spec = parseDeviceSpec(raw);
  if (spec.kind === 'local') return spec;
  const entry = inventory?.devices.find((device) => device.name === raw);
  if (entry === undefined) {
    return { kind: 'ssh', label: raw, destination: spec.destination, defaultDeviceId: spec.destination.host, tags: [], fromInventory: false };
  }
  const target = parseDeviceSpec(entry.ssh);
  if (target.kind === 'local') {
    throw usageError('INVENTORY_INVALID', `device "${entry.name}" in ${inventory?.source ?? 'the inventory'} has ssh "local"`, 'give it an ssh destination, or use --device local');
  }
  return { kind: 'ssh', label: raw, destination: target.destination, defaultDeviceId: entry.deviceId ?? entry.name, tags: entry.tags ?? [], fromInventory: true };
}

/** Semantic rules after the schema: names are unique, and every ssh value passes the --device checks. */
export function checkInventory(inventory: DeviceInventory): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const device of inventory.devices) {
    if (seen.has(device.name)) problems.push(`device name "${device.name}" appears more than once`);
    seen.add(device.name);
    try {
      parseDeviceSpec(device.ssh);
    } catch (error) {
      problems.push(`device "${device.name}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
