/**
 * ssh joins its remote-command arguments with spaces and hands the result to the login shell on the
 * device, so every argument we send must be quoted for a POSIX shell. Single quotes make everything
 * literal; a single quote itself is written as '\'' (close, escaped quote, reopen).
 */

const SAFE = /^[A-Za-z0-9_/.,:=@%+-]+$/;

export function quoteShellArgument(argument: string): string {
  // A NUL cannot cross exec() at all; failing here names the real problem.
  if (argument.includes('\0')) throw new Error('a shell argument cannot hold a NUL character');
  if (argument.length > 0 && SAFE.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

/** One command line the remote shell will split back into exactly `argv`. */
export function quoteShellCommand(argv: readonly string[]): string {
  return argv.map(quoteShellArgument).join(' ');
}
