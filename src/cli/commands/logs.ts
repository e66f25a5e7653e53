/** `edgectl logs <module> --device <d>`: a module's container log, streamed (stdout and stderr). */
import type { Command } from 'commander';
import type { LogsQuery } from '../../protocol/supervisor-api.js';
import type { CliContext } from '../context.js';
import { addDeviceOptions } from '../device-options.js';
import { deviceResolver, type DeviceResolver } from '../device-resolver.js';
import { untilInterrupted } from '../interrupt.js';
import { parseTail } from './command-options.js';

export interface LogsOptions { module: string; device: string; query: LogsQuery }

/** Hands each line to `onLine` as it arrives; returns how many there were. */
export async function runLogs(options: LogsOptions, deps: { resolveDevice: DeviceResolver; onLine(line: string): void; signal?: AbortSignal }): Promise<{ module: string; lines: number }> {
  const { client } = await deps.resolveDevice(options.device);
  let lines = 0;
  for await (const line of client.logs(options.module, options.query, deps.signal)) {
    deps.onLine(line);
    lines++;
  }
  return { module: options.module, lines };
}

export function registerLogs(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('logs')
    .description("print a module's log (stdout and stderr), optionally following it")
    .argument('<module>', 'module name, as in the deployment'))
    .option('-f, --follow', 'keep printing new lines')
    .option('--tail <n>', 'only the last n lines ("all" for everything)')
    .option('--since <time>', 'lines since a time: RFC 3339, unix seconds, or a duration like 10m')
    .option('--until <time>', 'lines until a time, same forms as --since')
    .option('-t, --timestamps', 'prefix each line with its time')
    .addHelpText('after', '\nExamples:\n  $ edgectl logs filtermodule -f --tail 20\n  $ edgectl logs filtermodule --since 10m --timestamps\n')
    .action(async (module: string, flags: { device: string; follow?: boolean; tail?: string; since?: string; until?: string; timestamps?: boolean }) => {
      const tail = parseTail(flags.tail);
      const query: LogsQuery = {
        ...(tail === undefined ? {} : { tail }),
        ...(flags.since === undefined ? {} : { since: flags.since }),
        ...(flags.until === undefined ? {} : { until: flags.until }),
        ...(flags.follow === true ? { follow: true } : {}),
        ...(flags.timestamps === true ? { timestamps: true } : {}),
      };
      // Under --json the lines are collected into the one document; otherwise they stream as they come.
      const collected: string[] = [];
      const run = (signal?: AbortSignal) => runLogs({ module, device: flags.device, query }, {
        ...(signal === undefined ? {} : { signal }),
        resolveDevice: deviceResolver(context, flags),
        onLine: (line) => (context.output.json ? collected.push(line) : context.output.line(line)),
      });
      // Ctrl-C ends a followed log (exit 0); without --follow the default (exit 130) stays.
      const result = flags.follow === true ? await untilInterrupted(run) : await run();
      if (context.output.json) context.output.result({ ...result, log: collected }, () => '');
    });
}
