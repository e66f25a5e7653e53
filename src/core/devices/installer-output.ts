/**
 * What the remote installer (remote-installer.ts) prints, read back in one place: `key=value` lines
 * (probe, activate) and the log-tail answer (`pid=<n or empty>`, then the supervisor's last log lines).
 */

/** `key=value` lines into a map; the value is trimmed, lines without a key are ignored. */
export function parseKeyValues(stdout: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  return values;
}

export interface LogTail {
  /** The installer found a live supervisor process (its first line is `pid=<n>`, empty when none). */
  running: boolean;
  /** The supervisor's log lines that followed, blank ones dropped. */
  log: string[];
}

export function parseLogTail(stdout: string): LogTail {
  const [first = '', ...rest] = stdout.split('\n');
  return { running: /^pid=\d+/.test(first), log: rest.filter((line) => line.trim() !== '') };
}
