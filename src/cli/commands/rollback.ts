/** `edgectl rollback --device <d>`: return the device to its previous deployment and wait for it. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { waitForConvergence } from '../convergence.js';
import { addDeviceOptions } from '../device-options.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';
import { renderModuleTable } from '../module-table.js';
import type { StatusResponse } from '../../protocol/supervisor-api.js';
import { parseTimeoutSeconds } from './command-options.js';

export interface RollbackResult {
  device: string;
  deploymentId: string;
  rolledBackFrom: string;
  outcome: 'converged' | 'failed' | 'timeout';
  modules: StatusResponse['modules'];
}

export async function runRollback(options: { device: string; timeoutMs: number }, deps: { resolveDevice: DeviceResolver; now(): number; sleep(ms: number): Promise<void> }): Promise<RollbackResult> {
  const { name, client } = await deps.resolveDevice(options.device);
  const back = await client.rollback();
  const { outcome, status } = await waitForConvergence(client, {
    deploymentId: back.deploymentId, timeoutMs: options.timeoutMs, settleMs: 1500, pollMs: 250, now: deps.now, sleep: deps.sleep, onStatus: () => undefined,
  });
  return { device: name, deploymentId: back.deploymentId, rolledBackFrom: back.rolledBackFrom, outcome, modules: status.modules };
}

export function registerRollback(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('rollback')
    .description("return a device to its previous deployment"))
    .option('--timeout <seconds>', 'how long to wait for convergence', '120')
    .addHelpText('after', '\nExamples:\n  $ edgectl rollback --device local\n')
    .action(async (flags: { device: string; timeout: string }) => {
      const { setTimeout: sleep } = await import('node:timers/promises');
      const result = await runRollback({ device: flags.device, timeoutMs: parseTimeoutSeconds(flags.timeout) * 1000 }, {
        resolveDevice: deviceResolver(context, flags), now: Date.now, sleep: (ms) => sleep(ms),
      });
      context.output.result(result, (r, style) => `${renderModuleTable(r.modules, style)}\n${r.outcome === 'converged'
        ? style.green(`✔ rolled back from ${r.rolledBackFrom} to ${r.deploymentId}`)
        : style.red(`✖ rolled back to ${r.deploymentId}, which has not converged (${r.outcome})`)}`);
      if (result.outcome !== 'converged') context.exitCode = 1;
    });
}
