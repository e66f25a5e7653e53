/**
 * The flags every device command shares: --device and how to reach an ssh device (--ssh-config,
 * --accept-new-host-key, --connect-timeout). Declared once, so each command reads them alike; light
 * (commander types only), because every device command loads it at start.
 */
import type { Command } from 'commander';

export const DEVICE_OPTION_HELP = 'the device: "local" (this machine; the default), user@host[:port], an ssh alias, or a name from edgectl.devices.json';
const REQUIRED_DEVICE_HELP = 'the device: local, user@host[:port], an ssh alias, or a name from edgectl.devices.json';

/** `-d, --device` (default `local`) and the ssh flags. */
export function addDeviceOptions(command: Command, deviceHelp = DEVICE_OPTION_HELP): Command {
  return addSshOptions(command.option('-d, --device <device>', deviceHelp, 'local'));
}

/** A --device that must be given (device install, device check) and the ssh flags. */
export function addRequiredDeviceOptions(command: Command): Command {
  return addSshOptions(command.requiredOption('-d, --device <device>', REQUIRED_DEVICE_HELP));
}

function addSshOptions(command: Command): Command {
  return command
    .option('--ssh-config <file>', 'an ssh_config file for ssh -F (also: EDGECTL_SSH_CONFIG)')
    .option('--accept-new-host-key', 'trust the device\'s host key on first connection (a changed key is still refused)')
    .option('--connect-timeout <seconds>', 'give up connecting to an ssh device after this many seconds', '10');
}
