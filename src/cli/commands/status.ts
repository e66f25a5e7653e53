/** `edgectl status --device <d>`: the device's deployment and modules, like `iotedge list`. */
import type { Command } from 'commander';
import type { StatusResponse } from '../../protocol/supervisor-api.js';
import type { CliContext } from '../context.js';
import { DEVICE_OPTION_HELP, deviceResolver, type DeviceResolver } from '../device-resolver.js';
import { renderModuleTable } from '../module-table.js';
import type { Style } from '../style.js';

export async function runStatus(options: { device: string }, deps: { resolveDevice: DeviceResolver }): Promise<StatusResponse> {
  const { client } = await deps.resolveDevice(options.device);
  return client.status();
}

export function renderStatus(status: StatusResponse, style: Style): string {
  const lines: string[] = [];
  const deployment = status.deployment;
  if (deployment === null) {
    lines.push(`device ${status.deviceId}: no deployment yet (edgectl deploy <manifest> --device ${status.deviceId})`);
  } else {
    const state = deployment.state === 'converged' ? style.green(deployment.state) : deployment.state === 'failed' ? style.red(deployment.state) : style.yellow(deployment.state);
    lines.push(`device ${status.deviceId}: deployment ${deployment.id} ${state} (applied ${deployment.appliedAt})`);
    lines.push(renderModuleTable(status.modules, style));
    for (const failing of deployment.failing) lines.push(`  ${style.bold(failing.module)}: ${failing.reason}`);
  }
  for (const system of status.systemModules) lines.push(style.dim(`${system.name}: ${system.note}`));
  for (const warning of status.warnings) lines.push(`${style.yellow('warning')}: ${warning}`);
  return lines.join('\n');
}

export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description("show a device's deployment and its modules' runtime status")
    .option('-d, --device <device>', DEVICE_OPTION_HELP, 'local')
    .option('--ssh-config <file>', 'an ssh_config file for ssh -F (also: EDGECTL_SSH_CONFIG)')
    .option('--accept-new-host-key', 'trust the device\'s host key on first connection (a changed key is still refused)')
    .option('--connect-timeout <seconds>', 'give up connecting to an ssh device after this many seconds', '10')
    .addHelpText('after', '\nExamples:\n  $ edgectl status\n  $ edgectl status --device local --json | jq .deployment.state\n')
    .action(async (flags: { device: string }) => {
      const status = await runStatus({ device: flags.device }, { resolveDevice: deviceResolver(context, flags) });
      context.output.result(status, renderStatus);
    });
}
