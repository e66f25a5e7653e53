/** `edgectl status --device <d> [--watch]`: the device's deployment and modules, like `iotedge list`. */
import type { Command } from 'commander';
import type { StatusResponse } from '../../protocol/supervisor-api.js';
import { usageError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { addDeviceOptions } from '../device-options.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';
import { untilInterrupted } from '../interrupt.js';
import { renderModuleTable } from '../module-table.js';
import type { Output } from '../output.js';
import type { Style } from '../style.js';
import { parseInterval, watchStatus, type WatchUpdate } from './status-watch.js';

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
  addDeviceOptions(program
    .command('status')
    .description("show a device's deployment and its modules' runtime status"))
    .option('-w, --watch', 'keep watching until Ctrl-C: redrawn on a terminal, printed when it changes elsewhere (NDJSON with --json)')
    .option('--interval <seconds>', 'how often --watch asks the device', '2')
    .addHelpText('after', '\nExamples:\n  $ edgectl status\n  $ edgectl status --device local --json | jq .deployment.state\n  $ edgectl status --device lab-pi --watch\n')
    .action(async (flags: { device: string; watch?: boolean; interval?: string }) => {
      const resolveDevice = deviceResolver(context, flags);
      if (flags.watch !== true) {
        const status = await runStatus({ device: flags.device }, { resolveDevice });
        context.output.result(status, renderStatus);
        return;
      }
      const intervalMs = parseInterval(flags.interval);
      if (intervalMs === undefined) throw usageError('USAGE', `--interval ${String(flags.interval)} is not a number of seconds from 0.2 to 3600`, 'for example --interval 5');
      const { client } = await resolveDevice(flags.device);
      // Ctrl-C is how a watch ends: stop polling and exit 0.
      await untilInterrupted((signal) => watchStatus({ fetchStatus: () => client.status(), intervalMs, signal, show: (update) => showUpdate(context.output, update, intervalMs) }));
    });
}

function showUpdate(output: Output, update: WatchUpdate, intervalMs: number): void {
  const style = output.style;
  const now = new Date().toLocaleTimeString('en-GB', { hour12: false });
  if (output.json) {
    if (!update.changed) return;
    if (update.kind === 'status') output.line(JSON.stringify(update.status));
    else output.event({ event: 'status.unreachable', message: update.error.message }, '');
    return;
  }
  const body = update.kind === 'status' ? renderStatus(update.status, style) : `${style.red('not answering')}: ${update.error.message}`;
  if (output.canRedraw) {
    output.live(`${style.dim(`${now} · every ${intervalMs / 1000} s · Ctrl-C to stop`)}\n${body}`);
  } else if (update.changed) {
    output.line(`${style.dim(`--- ${now}`)}\n${body}`);
  }
}
