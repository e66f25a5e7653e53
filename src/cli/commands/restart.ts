/** `edgectl restart <module> --device <d>`: restart one module now (it also forgives a module given up on). */
import type { Command } from 'commander';
import type { RestartResponse } from '../../protocol/supervisor-api.js';
import type { CliContext } from '../context.js';
import { addDeviceOptions } from '../device-options.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';

export async function runRestart(options: { module: string; device: string }, deps: { resolveDevice: DeviceResolver }): Promise<RestartResponse & { device: string }> {
  const { name, client } = await deps.resolveDevice(options.device);
  return { ...(await client.restart(options.module)), device: name };
}

export function registerRestart(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('restart')
    .description('restart a module on a device')
    .argument('<module>', 'module name, as in the deployment'))
    .addHelpText('after', '\nExamples:\n  $ edgectl restart filtermodule\n')
    .action(async (module: string, flags: { device: string }) => {
      const result = await runRestart({ module, device: flags.device }, { resolveDevice: deviceResolver(context, flags) });
      context.output.result(result, (r, style) => style.green(`✔ restarted ${r.module} on ${r.device}`));
    });
}
