/** `edgectl invoke <module> <method> [--payload json] [--timeout s] --device <d>`: a direct method call. */
import type { Command } from 'commander';
import { usageError } from '../../core/errors.js';
import type { InvokeResponse } from '../../protocol/hub-api.js';
import type { CliContext } from '../context.js';
import { addDeviceOptions } from '../device-options.js';
import type { SshDeviceFlags } from '../ssh-device.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';

export interface InvokeOptions {
  module: string;
  method: string;
  device: string;
  payload: unknown;
  timeoutSeconds: number;
}

export function parsePayload(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw usageError('USAGE', `--payload must be JSON, not ${JSON.stringify(text)}`, `e.g. --payload '{"level": 2}'`);
  }
}

export function parseMethodTimeout(text: string | undefined): number {
  if (text === undefined) return 30;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 5 || value > 300) throw usageError('USAGE', `--timeout must be 5 to 300 seconds, not "${text}"`, 'e.g. --timeout 30');
  return value;
}

export async function runInvoke(options: InvokeOptions, deps: { resolveDevice: DeviceResolver }): Promise<InvokeResponse & { device: string }> {
  const { name, client } = await deps.resolveDevice(options.device);
  return { ...(await client.invoke(options.module, options.method, { payload: options.payload, timeoutSeconds: options.timeoutSeconds })), device: name };
}

export function registerInvoke(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('invoke')
    .description("call a module's direct method and print its status and payload")
    .argument('<module>', 'module name, as in the deployment')
    .argument('<method>', 'method name the module registered (onMethod)'))
    .option('--payload <json>', 'the method payload, as JSON (default null)')
    .option('--timeout <s>', 'seconds to wait for the answer, 5–300', '30')
    .addHelpText('after', `\nExamples:\n  $ edgectl invoke filtermodule reset\n  $ edgectl invoke filtermodule setThreshold --payload '{"value": 30}' --timeout 10\n`)
    .action(async (module: string, method: string, flags: { device: string; payload?: string; timeout?: string } & SshDeviceFlags) => {
      const options = { module, method, device: flags.device, payload: parsePayload(flags.payload), timeoutSeconds: parseMethodTimeout(flags.timeout) };
      const result = await runInvoke(options, { resolveDevice: deviceResolver(context, flags) });
      context.output.result(result, (r, style) => `${style.bold(`${r.module}.${r.method}`)} → status ${r.status}\n${JSON.stringify(r.payload, null, 2)}`);
      // The module's own status decides: 2xx is success, anything else a failure the caller can see.
      if (result.status < 200 || result.status >= 300) context.exitCode = 1;
    });
}
