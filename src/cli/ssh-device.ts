/**
 * The flags every device command shares (--device, --ssh-config, --accept-new-host-key,
 * --connect-timeout) and how they become an SshTransport. The device string is parsed and checked
 * here, before any process starts: a hostile value never reaches ssh.
 */
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import { resolveDevice, type ResolvedDevice } from '../core/devices/inventory.js';
import type { SshTransport } from '../adapters/ssh.js';
import type { CliContext } from './context.js';

export interface SshDeviceFlags {
  device?: string;
  sshConfig?: string;
  acceptNewHostKey?: boolean;
  connectTimeout?: string;
}

export const DEVICE_HELP = 'the device: local, user@host[:port], an ssh alias, or a name from edgectl.devices.json';

export function addSshDeviceOptions(command: Command, options: { deviceRequired: boolean }): Command {
  if (options.deviceRequired) command.requiredOption('-d, --device <device>', DEVICE_HELP);
  else command.option('-d, --device <device>', `${DEVICE_HELP} (default: local)`);
  return addSshOptions(command);
}

/** The ssh flags alone, for commands that declare --device themselves. */
export function addSshOptions(command: Command): Command {
  return command
    .option('--ssh-config <file>', 'an ssh_config file for ssh -F (also: EDGECTL_SSH_CONFIG)')
    .option('--accept-new-host-key', 'trust the device\'s host key on first connection (a changed key is still refused)')
    .option('--connect-timeout <seconds>', 'give up connecting after this many seconds', '10');
}

export type SshDevice = Extract<ResolvedDevice, { kind: 'ssh' }>;

export async function resolveDeviceFlag(raw: string, context: CliContext): Promise<ResolvedDevice> {
  // Parse first: a hostile string is refused even if no inventory file exists or it is broken.
  resolveDevice(raw, undefined);
  const { loadDeviceInventory } = await import('../adapters/device-inventory.js');
  return resolveDevice(raw, await loadDeviceInventory(context.cwd));
}

export async function openSshTransport(device: SshDevice, flags: SshDeviceFlags, context: CliContext): Promise<SshTransport> {
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
