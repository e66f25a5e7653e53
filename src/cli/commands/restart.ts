/** `edgectl restart <module> --device <d>`: restart one module now (it also forgives a module given up on). */
import type { Command } from 'commander';
import type { RestartResponse } from '../../protocol/supervisor-api.js';
import type { CliContext } from '../context.js';
import { DEVICE_OPTION_HELP, deviceResolver, type DeviceResolver } from '../device-resolver.js';

export async function runRestart(options: { module: string; device: string }, deps: { resolveDevice: DeviceResolver }): Promise<RestartResponse & { device: string }> {
  const { name, client } = await deps.resolveDevice(options.device);
  return { ...(await client.restart(options.module)), device: name };
}

export function registerRestart(program: Command, context: CliContext): void {
  program
    .command('restart')
    .description('restart a module on a device')
    .argument('<module>', 'module name, as in the deployment')
    .option('-d, --device <device>', DEVICE_OPTION_HELP, 'local')
    .option('--ssh-config <file>', 'an ssh_config file for ssh -F (also: EDGECTL_SSH_CONFIG)')
    .option('--accept-new-host-key', 'trust the device\'s host key on first connection (a changed key is still refused)')
    .option('--connect-timeout <seconds>', 'give up connecting to an ssh device after this many seconds', '10')
    .addHelpText('after', '\nExamples:\n  $ edgectl restart filtermodule\n')
    .action(async (module: string, flags: { device: string }) => {
      const result = await runRestart({ module, device: flags.device }, { resolveDevice: deviceResolver(context, flags) });
      context.output.result(result, (r, style) => style.green(`✔ restarted ${r.module} on ${r.device}`));
    });
}
