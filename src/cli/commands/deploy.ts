/**
 * `edgectl deploy <manifest> --device <d>`: validate here, apply (showing the plan the device answers with), and wait for
 * convergence. Exit 0 only when the deployment converged; otherwise 1 with each failing module's
 * reason and last log lines, after returning to the previous deployment with --rollback-on-failure.
 */
import type { Command } from 'commander';
import { EdgeError, usageError } from '../../core/errors.js';
import type { SupervisorClient } from '../../adapters/supervisor-client.js';
import type { PlanStepView, StatusResponse } from '../../protocol/supervisor-api.js';
import type { CliContext } from '../context.js';
import { describeFailures, waitForConvergence, type FailingModule } from '../convergence.js';
import { addDeviceOptions } from '../device-options.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';
import { LOCAL_DEVICE } from '../local-device.js';
import { renderModuleTable } from '../module-table.js';
import type { Style } from '../style.js';
import { parseTimeoutSeconds } from './command-options.js';

export interface DeployOptions {
  manifestPath: string;
  device: string;
  dryRun: boolean;
  timeoutMs: number;
  rollbackOnFailure: boolean;
}

export interface DeployDeps {
  readFile(path: string): Promise<string>;
  resolveDevice: DeviceResolver;
  onPlan(plan: PlanStepView[], deploymentId: string): void;
  onStatus(status: StatusResponse): void;
  now(): number;
  sleep(ms: number): Promise<void>;
  settleMs?: number;
}

export interface DeployResult {
  device: string;
  deploymentId: string;
  changed: boolean;
  dryRun: boolean;
  plan: PlanStepView[];
  warnings: string[];
  outcome: 'planned' | 'converged' | 'failed' | 'timeout';
  modules: StatusResponse['modules'];
  failing: FailingModule[];
  rolledBackTo?: string;
}

export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<DeployResult> {
  const text = await deps.readFile(options.manifestPath);
  // The validator (compiled schemas) loads only here, so other commands and --help stay fast.
  const { validateForApply } = await import('../../core/deployment/validate-for-apply.js');
  const validation = validateForApply(text, options.manifestPath);
  if (!validation.ok) {
    const shown = validation.diagnostics.slice(0, 5).map((d) => `\n  ${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`).join('');
    const more = validation.diagnostics.length > 5 ? `\n  … and ${validation.diagnostics.length - 5} more` : '';
    throw usageError('MANIFEST_INVALID', `${options.manifestPath} is not a valid deployment (${validation.diagnostics.length} error${validation.diagnostics.length === 1 ? '' : 's'}); nothing was sent:${shown}${more}`,
      `fix it and run \`edgectl validate ${options.manifestPath}\``, { diagnostics: validation.diagnostics });
  }
  const { name, client } = await deps.resolveDevice(options.device);
  await requireDocker(client, name, deps);
  // One apply call: a dry run asks for the preview, a real apply answers with the plan it started.
  const applied = await client.apply(text, { dryRun: options.dryRun });
  deps.onPlan(applied.plan, applied.deploymentId);
  const base = { device: name, deploymentId: applied.deploymentId, changed: applied.changed, warnings: applied.warnings, plan: applied.plan };
  if (options.dryRun) return { ...base, dryRun: true, outcome: 'planned', modules: [], failing: [] };
  const wait = (deploymentId: string): ReturnType<typeof waitForConvergence> => waitForConvergence(client, {
    deploymentId, timeoutMs: options.timeoutMs, settleMs: deps.settleMs ?? 1500, pollMs: 250, now: deps.now, sleep: deps.sleep, onStatus: deps.onStatus,
  });
  const { outcome, status } = await wait(applied.deploymentId);
  const result: DeployResult = { ...base, dryRun: false, outcome, modules: status.modules, failing: [] };
  if (outcome === 'converged') return result;
  result.failing = await describeFailures(client, status);
  if (options.rollbackOnFailure && applied.changed && status.previousDeploymentId !== null) {
    const back = await client.rollback();
    await wait(back.deploymentId);
    result.rolledBackTo = back.deploymentId;
  }
  return result;
}

/** A device whose supervisor cannot reach Docker would only time out later: say so now. A supervisor
 * that has just started gets a few seconds to make its first connection. */
async function requireDocker(client: Pick<SupervisorClient, 'health'>, device: string, deps: Pick<DeployDeps, 'now' | 'sleep'>): Promise<void> {
  const deadline = deps.now() + 5000;
  for (;;) {
    if ((await client.health()).docker === 'connected') return;
    if (deps.now() >= deadline) break;
    await deps.sleep(100);
  }
  throw new EdgeError({
    code: 'DOCKER_UNAVAILABLE',
    message: `the supervisor on device ${device} cannot reach its Docker Engine`,
    hint: device === LOCAL_DEVICE ? 'start Docker (sudo systemctl start docker), then run `edgectl doctor`' : `check Docker on the device: \`edgectl device check --device ${device}\``,
  });
}

export function renderDeploy(result: DeployResult, style: Style): string {
  const lines: string[] = [];
  for (const warning of result.warnings) lines.push(`${style.yellow('warning')}: ${warning}`);
  if (result.outcome === 'planned') {
    lines.push(result.changed ? `dry run: deployment ${result.deploymentId} would change device ${result.device}` : `dry run: deployment ${result.deploymentId} is already current on ${result.device}`);
    return lines.join('\n');
  }
  if (result.modules.length > 0) lines.push(renderModuleTable(result.modules, style));
  if (result.outcome === 'converged') {
    lines.push(style.green(`✔ deployment ${result.deploymentId} converged on ${result.device}${result.changed ? '' : ' (already current)'}`));
    return lines.join('\n');
  }
  lines.push(style.red(`✖ deployment ${result.deploymentId} ${result.outcome === 'timeout' ? 'did not converge in time' : 'failed'} on ${result.device}`));
  for (const failing of result.failing) {
    lines.push(`  ${style.bold(failing.module)}: ${failing.reason}`);
    for (const line of failing.lastLogLines) lines.push(`    ${style.dim('│')} ${line}`);
  }
  if (result.rolledBackTo !== undefined) lines.push(`rolled back to deployment ${result.rolledBackTo}`);
  lines.push(`  ${style.cyan('hint')}: \`edgectl status --device ${result.device}\`, \`edgectl logs <module> --device ${result.device}\``);
  return lines.join('\n');
}

export function registerDeploy(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('deploy')
    .description('apply a deployment manifest to a device and wait until it converges')
    .argument('<manifest>', 'deployment manifest (config/deployment.<platform>.json)'))
    .option('--dry-run', 'show the plan and stop')
    .option('--timeout <seconds>', 'how long to wait for convergence', '120')
    .option('--rollback-on-failure', 'return to the previous deployment if this one does not converge')
    .addHelpText('after', '\nExamples:\n  $ edgectl deploy config/deployment.amd64.json\n  $ edgectl deploy config/deployment.amd64.json --device local --dry-run\n  $ edgectl deploy config/deployment.amd64.json --timeout 300 --rollback-on-failure\n')
    .action(async (manifest: string, flags: { device: string; dryRun?: boolean; timeout: string; rollbackOnFailure?: boolean }) => {
      const { readFile } = await import('node:fs/promises');
      const { resolve } = await import('node:path');
      const { setTimeout: sleep } = await import('node:timers/promises');
      const output = context.output;
      let lastLine = '';
      const result = await runDeploy({
        manifestPath: manifest,
        device: flags.device,
        dryRun: flags.dryRun === true,
        timeoutMs: parseTimeoutSeconds(flags.timeout) * 1000,
        rollbackOnFailure: flags.rollbackOnFailure === true,
      }, {
        readFile: (path) => readFile(resolve(context.cwd, path), 'utf8'),
        resolveDevice: deviceResolver(context, flags),
        onPlan: (plan, id) => {
          output.progress(plan.length === 0 ? `plan for ${id}: nothing to change` : `plan for ${id}:`);
          for (const step of plan) output.progress(`  ${step.module}: ${step.description}`);
        },
        onStatus: (status) => {
          if (output.canRedraw) {
            output.live(`${renderModuleTable(status.modules, output.style)}\n${output.style.dim(`deployment ${status.deployment?.id ?? '-'}: ${status.deployment?.state ?? 'none'}`)}`);
            return;
          }
          const line = status.modules.map((m) => `${m.name}=${m.runtimeStatus}`).join(' ');
          if (line !== lastLine) output.progress(`${status.deployment?.state ?? 'waiting'}: ${line}`);
          lastLine = line;
        },
        now: Date.now,
        sleep: (ms) => sleep(ms),
      });
      output.result(result, renderDeploy);
      if (result.outcome !== 'converged' && result.outcome !== 'planned') context.exitCode = 1;
    });
}

