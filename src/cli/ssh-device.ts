/**
 * How the flags every device command shares (device-options.ts) become an SshTransport. The device string is parsed and checked
 * here, before any process starts: a hostile value never reaches ssh.
 */
import { usageError } from '../core/errors.js';
import { resolveDevice, type DeviceTarget } from '../core/devices/inventory.js';
import type { SshTransport } from '../adapters/ssh.js';
import type { CliContext } from './context.js';

export interface SshDeviceFlags {
  device?: string;
  sshConfig?: string;
  acceptNewHostKey?: boolean;
  connectTimeout?: string;
}

export type SshDeviceTarget = Extract<DeviceTarget, { kind: 'ssh' }>;

export async function resolveDeviceFlag(raw: string, context: CliContext): Promise<DeviceTarget> {
  // Parse first: a hostile string is refused even if no inventory file exists or it is broken.
  resolveDevice(raw, undefined);
  const { loadDeviceInventory } = await import('../adapters/device-inventory.js');
  return resolveDevice(raw, await loadDeviceInventory(context.cwd));
}

export async function openSshTransport(device: SshDeviceTarget, flags: SshDeviceFlags, context: CliContext): Promise<SshTransport> {
  const timeout = Number(flags.connectTimeout ?? '10');
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) {
    throw usageError('USAGE', `--connect-timeout ${JSON.stringify(flags.connectTimeout)} is not a whole number of seconds from 1 to 600`, 'for example --connect-timeout 5');
  }
  const configFile = flags.sshConfig ?? nonEmpty(context.env['EDGECTL_SSH_CONFIG']);
  const { SshTransport } = await import('../adapters/ssh.js');
  const transport = new SshTransport({
    destination: device.destination,
    label: device.label,
    ...(configFile === undefined ? {} : { configFile }),
    hostKeyPolicy: flags.acceptNewHostKey === true ? 'accept-new' : 'strict',
    interactive: context.interactive,
    connectTimeoutSeconds: timeout,
    env: context.env,
  });
  context.output.debug(`ssh ${transport.argv(['…']).join(' ')}`);
  return transport;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
