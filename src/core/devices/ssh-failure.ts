/**
 * Turns what the OpenSSH client says when it fails (exit 255 and a line on stderr) into an EdgeError
 * with a next step. Pure, so each message OpenSSH prints is a row in a table test.
 */
import { EdgeError } from '../errors.js';

export interface SshOutcome {
  exitCode: number;
  stderr: string;
}

/** ssh exits 255 for its own failures; anything else is the remote command's exit status. */
export const SSH_FAILURE_EXIT = 255;
/** What a POSIX shell returns when the command does not exist. */
export const COMMAND_NOT_FOUND_EXIT = 127;

const UNREACHABLE = [
  /connect to host .* port \d+: (.*)/,
  /Could not resolve hostname [^:]*: (.*)/,
  /kex_exchange_identification: (.*)/,
  /Connection (?:closed|reset) by (.*)/,
  /(Connection timed out during banner exchange)/,
];

export function classifySshFailure(outcome: SshOutcome, device: string): EdgeError | undefined {
  if (outcome.exitCode !== SSH_FAILURE_EXIT) return undefined;
  const text = outcome.stderr.replaceAll('\r', '');
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(text)) {
    const fingerprint = /key sent by the remote host is\s*\n?\s*(\S+?)\.?\s*$/m.exec(text)?.[1];
    const offending = /Offending \S+ key in (\S+)/.exec(text)?.[1];
    return new EdgeError({
      code: 'HOST_KEY_CHANGED',
      message: `the host key of ${device} has changed${fingerprint === undefined ? '' : `; it now presents ${fingerprint}`}: this may be a different machine or an attack, so nothing was sent`,
      hint: `check the key on the device itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); if it was re-installed, remove the old entry with \`ssh-keygen -R <host>\`${offending === undefined ? '' : ` (it is in ${offending})`}`,
      details: { device, ...(fingerprint === undefined ? {} : { fingerprint }), ...(offending === undefined ? {} : { knownHosts: offending }) },
    });
  }
  if (/host key is known for|Host key verification failed/.test(text)) {
    return new EdgeError({
      code: 'HOST_KEY_UNKNOWN',
      message: `${device} is not in known_hosts, and edgectl checks host keys strictly`,
      hint: `verify the device's key fingerprint (ssh-keyscan <host> | ssh-keygen -lf -), then run again with --accept-new-host-key to trust it on first use`,
      details: { device },
    });
  }
  if (/Permission denied \(|Too many authentication failures/.test(text)) {
    return new EdgeError({
      code: 'SSH_AUTH_FAILED',
      message: `${device} refused the login: ${firstLine(text)}`,
      hint: `check that \`ssh ${device} true\` works without a prompt (the key in your agent or IdentityFile, the user name)`,
      details: { device },
    });
  }
  for (const pattern of UNREACHABLE) {
    const reason = pattern.exec(text)?.[1];
    if (reason !== undefined) return unreachable(device, reason.trim());
  }
  if (/timed out|No route to host|Network is unreachable|Connection refused/i.test(text)) return unreachable(device, firstLine(text));
  return new EdgeError({
    code: 'SSH_FAILED',
    message: `ssh to ${device} failed: ${firstLine(text) || 'exit 255 with no message'}`,
    hint: `run \`ssh -v ${device} true\` to see why`,
    details: { device },
  });
}

function unreachable(device: string, reason: string): EdgeError {
  return new EdgeError({
    code: 'DEVICE_UNREACHABLE',
    message: `cannot reach ${device}: ${reason}`,
    hint: 'check that the device is on, its address and port, and that sshd runs on it',
    details: { device, reason },
  });
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line.length > 0) ?? '';
}

export function supervisorNotInstalled(device: string): EdgeError {
  return new EdgeError({
    code: 'SUPERVISOR_NOT_INSTALLED',
    message: `the edge supervisor is not installed on ${device}`,
    hint: `edgectl device install --device ${device}`,
    details: { device },
  });
}
