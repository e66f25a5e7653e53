/**
 * `edgectl doctor`: is this machine ready to build and deploy modules? Checks Node, the Docker
 * Engine and the OpenSSH client, and says how to fix what is missing. Exit 1 when a check fails.
 */
import type { Command } from 'commander';
import { isEdgeError } from '../../core/errors.js';
import { isAtLeast } from '../../core/version-compare.js';
import type { CliContext } from '../context.js';
import type { Style } from '../style.js';

export const MINIMUM_NODE = '20.5.0';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
}
export interface DoctorResult {
  ok: boolean;
  checks: Check[];
}

export interface DoctorDeps {
  nodeVersion: string;
  /** Resolves to the engine's version; rejects with an EdgeError when unreachable. */
  dockerVersion(): Promise<string>;
  /** Resolves to `ssh -V`'s banner; rejects when no client is installed. */
  sshVersion(): Promise<string>;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorResult> {
  const checks: Check[] = [checkNode(deps.nodeVersion)];
  checks.push(await probe('docker engine', deps.dockerVersion, (v) => `Docker Engine ${v}`));
  checks.push(await probe('ssh client', deps.sshVersion, (v) => v));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

function checkNode(version: string): Check {
  return isAtLeast(version, MINIMUM_NODE)
    ? { name: 'node', status: 'ok', detail: `Node.js ${version}` }
    : { name: 'node', status: 'fail', detail: `Node.js ${version} is older than ${MINIMUM_NODE}`, hint: `install Node.js ${MINIMUM_NODE} or newer` };
}

async function probe(name: string, read: () => Promise<string>, describe: (value: string) => string): Promise<Check> {
  try {
    return { name, status: 'ok', detail: describe(await read()) };
  } catch (error) {
    if (!isEdgeError(error)) throw error;
    return { name, status: 'fail', detail: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) };
  }
}

export function renderDoctor(result: DoctorResult, style: Style): string {
  const mark: Record<CheckStatus, string> = { ok: style.green('✔'), warn: style.yellow('!'), fail: style.red('✖') };
  const lines = result.checks.map((c) => {
    const hint = c.hint === undefined ? '' : `\n    ${style.cyan('fix')}: ${c.hint}`;
    return `${mark[c.status]} ${c.name.padEnd(14)} ${c.detail}${hint}`;
  });
  return lines.join('\n');
}

export function registerDoctor(program: Command, context: CliContext): void {
  program
    .command('doctor')
    .description('check that this machine has what edgectl needs (Node, Docker Engine, OpenSSH client)')
    .addHelpText('after', '\nExamples:\n  $ edgectl doctor\n  $ edgectl doctor --json | jq .ok\n')
    .action(async () => {
      const { dockerVersionProbe, sshVersionProbe } = await import('./doctor-probes.js');
      const result = await runDoctor({
        nodeVersion: process.versions.node,
        dockerVersion: dockerVersionProbe(context.env),
        sshVersion: sshVersionProbe(),
      });
      context.output.result(result, renderDoctor);
      if (!result.ok) context.exitCode = 1;
    });
}
