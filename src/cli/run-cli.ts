/**
 * Runs one edgectl invocation: global flags → output layer → commander → the command's run(),
 * and turns whatever escapes into an exit code (0 ok, 1 failed, 2 usage, 130 cancelled).
 */
import { Command, CommanderError } from 'commander';
import { EdgeError, ExitCode, isEdgeError, usageError } from '../core/errors.js';
import { closestMatch } from '../core/closest-match.js';
import { isInteractive, type CliContext } from './context.js';
import { extractGlobalFlags } from './global-flags.js';
import { Output, type TerminalStream } from './output.js';
import { loadStyle, wantsColor } from './style.js';
import { loadCommands, type RegisterCommand } from './commands/index.js';

export const REPORT_URL = 'https://github.com/edgectl/edgectl/issues';

export interface CliIo {
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdin: { isTTY?: boolean };
  stdout: TerminalStream;
  stderr: TerminalStream;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, rest } = extractGlobalFlags(argv);
  const output = new Output({
    json: flags.json,
    debug: flags.debug,
    style: await loadStyle(!flags.json && wantsColor({ noColorFlag: flags.noColor, env: io.env, isTTY: io.stderr.isTTY === true })),
    stdout: io.stdout,
    stderr: io.stderr,
  });
  const context: CliContext = {
    output,
    env: io.env,
    cwd: io.cwd,
    interactive: isInteractive({ stdinIsTTY: io.stdin.isTTY === true, json: flags.json, yes: flags.yes, env: io.env }),
    stdinIsTTY: io.stdin.isTTY === true,
    debug: flags.debug,
    version: io.version,
    exitCode: ExitCode.ok,
  };
  const program = buildProgram(context, io, await loadCommands(rest));
  try {
    if (rest.length === 0) {
      io.stdout.write(program.helpInformation());
      return ExitCode.ok;
    }
    await program.parseAsync([...rest], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportFailure(error, program, rest, output);
  }
}

function buildProgram(context: CliContext, io: CliIo, commands: readonly RegisterCommand[]): Command {
  const program = new Command('edgectl')
    .description('Build, sign and deploy edge modules to your devices over SSH. Azure IoT Edge compatible.')
    .version(context.version, '-V, --version', 'print the version')
    .option('--json', 'print one JSON document on stdout; progress goes to stderr')
    .option('--debug', 'show debug logs and stack traces')
    .option('--no-color', 'disable colour (also: NO_COLOR=1)')
    .option('-y, --yes', 'never prompt; a missing value is an error')
    .helpOption('-h, --help', 'show help for edgectl or a command')
    .addHelpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Our own error reporting (text or --json) replaces commander's.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true);
  for (const register of commands) register(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function reportFailure(error: unknown, program: Command, argv: readonly string[], output: Output): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
      return ExitCode.ok;
    }
    const edgeError = fromCommanderError(error, program, argv);
    output.error(edgeError);
    return edgeError.exitCode;
  }
  if (isPromptCancelled(error)) {
    output.error(new EdgeError({ code: 'CANCELLED', message: 'cancelled', exitCode: ExitCode.cancelled }));
    return ExitCode.cancelled;
  }
  if (isEdgeError(error)) {
    output.error(error);
    if (output.debugEnabled && error.stack !== undefined) output.debug(error.stack);
    return error.exitCode;
  }
  output.bug(error, REPORT_URL);
  return ExitCode.failed;
}

function fromCommanderError(error: CommanderError, program: Command, argv: readonly string[]): EdgeError {
  const message = error.message.replace(/^error: /, '').replace(/\n\(Did you mean .*\)$/s, '');
  if (error.code === 'commander.unknownCommand') {
    const typed = /'([^']*)'/.exec(message)?.[1] ?? '';
    const names = program.commands.map((c) => c.name());
    const near = closestMatch(typed, names);
    const hint = near !== undefined
      ? `did you mean \`edgectl ${near}\`? Run \`edgectl --help\` for all commands`
      : `run \`edgectl --help\` for all commands (${names.join(', ')})`;
    return usageError('UNKNOWN_COMMAND', message, hint);
  }
  const suggestion = /\(Did you mean (.*)\?\)/.exec(error.message)?.[1];
  const names = new Set(program.commands.map((c) => c.name()));
  const command = argv.find((arg) => names.has(arg));
  const helpFor = command === undefined ? 'edgectl --help' : `edgectl ${command} --help`;
  const hint = suggestion !== undefined ? `did you mean ${suggestion}? See \`${helpFor}\`` : `see \`${helpFor}\``;
  const code = error.code === 'commander.unknownOption' ? 'UNKNOWN_OPTION' : 'USAGE';
  return usageError(code, message, hint);
}

function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
