/**
 * `edgectl monitor --device <d> [--module m] [--count n] [-f] [--json]`: messages routed to `$upstream`,
 * as the device's hub stored them. With --json, one JSON message per line (a stream, not one document).
 */
import type { Command } from 'commander';
import { usageError } from '../../core/errors.js';
import type { UpstreamMessageView, UpstreamQuery } from '../../protocol/hub-api.js';
import type { CliContext } from '../context.js';
import { addDeviceOptions } from '../device-options.js';
import type { SshDeviceFlags } from '../ssh-device.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';

export async function runMonitor(options: { device: string; query: UpstreamQuery }, deps: { resolveDevice: DeviceResolver; onMessage(message: UpstreamMessageView): void }): Promise<{ messages: number }> {
  const { client } = await deps.resolveDevice(options.device);
  let messages = 0;
  for await (const message of client.upstream(options.query)) {
    deps.onMessage(message);
    messages++;
  }
  return { messages };
}

export function formatUpstream(message: UpstreamMessageView): string {
  const properties = Object.entries(message.applicationProperties).map(([k, v]) => `${k}=${v}`).join(' ');
  const output = message.systemProperties['outputName'];
  return `${message.enqueuedAt} ${message.module}${output === undefined ? '' : `/${output}`}${properties === '' ? '' : ` [${properties}]`} ${message.bodyEncoding === 'base64' ? `(base64) ${message.body}` : message.body}`;
}

function parseCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw usageError('USAGE', `--count must be a number of messages, not "${text}"`, 'e.g. --count 10');
  return Number(text);
}

export function registerMonitor(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('monitor')
    .description('print the messages modules routed to $upstream, stored on the device'))
    .option('-m, --module <module>', 'only messages from this module')
    .option('-n, --count <n>', 'print at most n messages (the newest n of those stored; with -f, stop after n)')
    .option('-f, --follow', 'keep printing messages as they arrive')
    .addHelpText('after', '\nExamples:\n  $ edgectl monitor --module filtermodule --count 10\n  $ edgectl monitor -f --json | jq .body\n')
    .action(async (flags: { device: string; module?: string; count?: string; follow?: boolean } & SshDeviceFlags) => {
      const count = parseCount(flags.count);
      const query: UpstreamQuery = {
        ...(flags.module === undefined ? {} : { module: flags.module }),
        ...(count === undefined ? {} : { count }),
        ...(flags.follow === true ? { follow: true } : {}),
      };
      await runMonitor({ device: flags.device, query }, {
        resolveDevice: deviceResolver(context, flags),
        onMessage: (message) => context.output.line(context.output.json ? JSON.stringify(message) : formatUpstream(message)),
      });
    });
}
