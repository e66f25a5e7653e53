/**
 * What `--device` may name: the embedded `local` device, an SSH destination (`user@host[:port]` or a
 * `~/.ssh/config` alias) or a name from the project's device inventory. The string later becomes an
 * argument of the system `ssh`, so anything that ssh could read as an option (a leading `-`, as in
 * `-oProxyCommand=…`) or that a shell could read as syntax is refused here, before any process runs.
 */
import { usageError, type EdgeError } from '../errors.js';

export interface SshDestination {
  /** The login name, when given as `user@…`; otherwise ssh's config or the local user decides. */
  user?: string;
  /** A hostname, an IP address (IPv6 without brackets) or an ssh_config alias. */
  host: string;
  port?: number;
}

export type DeviceSpec =
  | { kind: 'local' }
  /** Either an inventory name or an ssh destination: the inventory decides (see resolveDevice). */
  | { kind: 'named'; raw: string; destination: SshDestination };

export const DEVICE_HINT = 'a device is `local`, user@host[:port], an alias from ~/.ssh/config, or a name from edgectl.devices.json';

// Letters, digits and the few punctuation marks hostnames, user names and aliases use. Anything else
// (whitespace, quotes, $, `, ;, |, &, <, >, (, ), *, ?, !, ~, #, \, control characters…) is refused.
const LABEL = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

/** Parses one --device value; throws DEVICE_INVALID (exit 2) naming the first offending character. */
export function parseDeviceSpec(raw: string): DeviceSpec {
  if (raw === 'local') return { kind: 'local' };
  const problem = firstProblem(raw);
  if (problem !== undefined) throw invalid(raw, problem);
  const destination = parseDestination(raw);
  if (typeof destination === 'string') throw invalid(raw, destination);
  return { kind: 'named', raw, destination };
}

function firstProblem(raw: string): string | undefined {
  if (raw.length === 0) return 'it is empty';
  if (raw.length > 255) return 'it is longer than 255 characters';
  if (raw.startsWith('-')) return 'it starts with "-", which ssh would read as an option';
  for (const char of raw) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return `it holds a control character (${JSON.stringify(char)})`;
    if (/\s/u.test(char)) return 'it holds whitespace';
    if (!/[A-Za-z0-9._@:[\]%-]/.test(char)) return `it holds ${JSON.stringify(char)}, which is not allowed in a device name`;
  }
  return undefined;
}

function parseDestination(raw: string): SshDestination | string {
  const at = raw.lastIndexOf('@');
  const user = at === -1 ? undefined : raw.slice(0, at);
  const rest = at === -1 ? raw : raw.slice(at + 1);
  if (user !== undefined && !LABEL.test(user)) return 'the user name before "@" is not valid';
  let host = rest;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return 'an IPv6 address in [ ] is not closed';
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (!IPV6.test(host)) return 'the address in [ ] is not an IPv6 address';
    if (after !== '') {
      if (!after.startsWith(':')) return 'only ":port" may follow "]"';
      portText = after.slice(1);
    }
  } else {
    const colon = rest.indexOf(':');
    if (colon !== -1) {
      host = rest.slice(0, colon);
      portText = rest.slice(colon + 1);
    }
    if (!LABEL.test(host)) return 'the host name is not valid';
  }
  const destination: SshDestination = { host, ...(user === undefined ? {} : { user }) };
  if (portText === undefined) return destination;
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return 'the port is not a number from 1 to 65535';
  return { ...destination, port: Number(portText) };
}

function invalid(raw: string, problem: string): EdgeError {
  return usageError('DEVICE_INVALID', `--device ${JSON.stringify(raw)} is not a device: ${problem}`, DEVICE_HINT);
}

/** The destination as ssh takes it after `--` (the port goes to -p, since ssh has no host:port form). */
export function sshHostArgument(destination: SshDestination): string {
  return destination.user === undefined ? destination.host : `${destination.user}@${destination.host}`;
}
