/** `edgectl twin <module> --device <d>`: a module's twin as the device's hub holds it (desired + reported). */
import type { Command } from 'commander';
import type { TwinResponse } from '../../protocol/hub-api.js';
import type { CliContext } from '../context.js';
import { addDeviceOptions } from '../device-options.js';
import type { SshDeviceFlags } from '../ssh-device.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';

export async function runTwin(options: { module: string; device: string }, deps: { resolveDevice: DeviceResolver }): Promise<TwinResponse & { device: string }> {
  const { name, client } = await deps.resolveDevice(options.device);
  return { ...(await client.twin(options.module)), device: name };
}

export function registerTwin(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('twin')
    .description("show a module's twin: desired properties from the deployment, reported ones from the module")
    .argument('<module>', 'module name, as in the deployment'))
    .addHelpText('after', '\nExamples:\n  $ edgectl twin filtermodule\n  $ edgectl twin filtermodule --device pi@10.0.0.5 --json\n')
    .action(async (module: string, flags: { device: string } & SshDeviceFlags) => {
      const result = await runTwin({ module, device: flags.device }, { resolveDevice: deviceResolver(context, flags) });
      context.output.result(result, (r, style) =>
        [style.bold(`${r.module} on ${r.device}`), `desired:  ${JSON.stringify(r.desired, null, 2)}`, `reported: ${JSON.stringify(r.reported, null, 2)}`].join('\n'),
      );
    });
}
