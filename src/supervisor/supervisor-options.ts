/**
 * `edge-supervisor` command line, parsed with node:util (no commander: the daemon stays small).
 * Defaults: as root, state in /var/lib/edge-supervisor and the socket in /run/edge-supervisor; as a
 * user, both under $XDG_STATE_HOME/edge-supervisor. `dial-stdio` finds the same default socket.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { EDGE_AGENT_BACKOFF, type BackoffSettings } from './observed.js';

export interface RunOptions {
  stateDir: string;
  socket: string;
  deviceId: string;
  trustKeys: string[];
  enforceSignatures: boolean;
  backoff: BackoffSettings;
  resyncMs: number;
  stopTimeoutSeconds: number;
  /** Where the message hub listens: the Docker bridge gateway on 8883 (auto), an address, or off. */
  hubListen: HubListen;
  /** The name modules dial to reach the hub (GatewayHostName). */
  hubHostName: string;
}

export interface Environment {
  env: Readonly<Record<string, string | undefined>>;
  uid: number;
  home: string;
  hostname: string;
}

export function defaultStateDir(environment: Environment): string {
  if (environment.uid === 0) return '/var/lib/edge-supervisor';
  const xdg = environment.env['XDG_STATE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(environment.home, '.local', 'state'), 'edge-supervisor');
}

export function defaultSocket(environment: Environment, stateDir?: string): string {
  const fromEnv = environment.env['EDGE_SUPERVISOR_SOCKET'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (stateDir === undefined && environment.uid === 0) return '/run/edge-supervisor/supervisor.sock';
  return join(stateDir ?? defaultStateDir(environment), 'supervisor.sock');
}

const number = (text: string | undefined, fallback: number, flag: string): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} must be a non-negative number, not ${text}`);
  return value;
};

export function parseRunOptions(args: string[], environment: Environment): RunOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      'state-dir': { type: 'string' },
      socket: { type: 'string' },
      'device-id': { type: 'string' },
      'trust-key': { type: 'string', multiple: true },
      'enforce-signatures': { type: 'boolean' },
      'backoff-unit-ms': { type: 'string' },
      'backoff-max-ms': { type: 'string' },
      'max-restarts': { type: 'string' },
      'healthy-reset-ms': { type: 'string' },
      'resync-ms': { type: 'string' },
      'stop-timeout': { type: 'string' },
      'hub-listen': { type: 'string' },
      'hub-host-name': { type: 'string' },
    },
  });
  const stateDir = values['state-dir'] ?? defaultStateDir(environment);
  const socket = values.socket ?? (values['state-dir'] !== undefined ? join(stateDir, 'supervisor.sock') : defaultSocket(environment));
  return {
    stateDir,
    socket,
    deviceId: values['device-id'] ?? environment.hostname,
    trustKeys: values['trust-key'] ?? [],
    enforceSignatures: values['enforce-signatures'] ?? false,
    backoff: {
      unitMs: number(values['backoff-unit-ms'], EDGE_AGENT_BACKOFF.unitMs, '--backoff-unit-ms'),
      maxMs: number(values['backoff-max-ms'], EDGE_AGENT_BACKOFF.maxMs, '--backoff-max-ms'),
      maxRestarts: number(values['max-restarts'], EDGE_AGENT_BACKOFF.maxRestarts, '--max-restarts'),
      healthyResetMs: number(values['healthy-reset-ms'], EDGE_AGENT_BACKOFF.healthyResetMs, '--healthy-reset-ms'),
    },
    // edgeAgent reconciles every 5 s; events make most rounds immediate, so the resync can be slower.
    resyncMs: number(values['resync-ms'], 10_000, '--resync-ms'),
    stopTimeoutSeconds: number(values['stop-timeout'], 10, '--stop-timeout'),
    hubListen: parseHubListen(values['hub-listen']),
    hubHostName: values['hub-host-name'] ?? 'edgehub',
  };
}

export function parseDialOptions(args: string[], environment: Environment): { socket: string } {
  const { values } = parseArgs({ args, strict: true, options: { socket: { type: 'string' } } });
  return { socket: values.socket ?? defaultSocket(environment) };
}

export const USAGE = `usage:
  edge-supervisor run [--state-dir dir] [--socket path] [--device-id id]
                      [--trust-key pub.pem …] [--enforce-signatures]
                      [--backoff-unit-ms 10000] [--backoff-max-ms 300000] [--max-restarts 20]
                      [--healthy-reset-ms 600000] [--resync-ms 10000] [--stop-timeout 10]
                      [--hub-listen auto|off|host:port] [--hub-host-name edgehub]
  edge-supervisor dial-stdio [--socket path]
  edge-supervisor --version
`;

/** Where the hub listens. Parsed here, not beside the hub: dial-stdio and --version must not load the broker. */
export type HubListen = 'auto' | 'off' | { host: string; port: number };

export function parseHubListen(text: string | undefined): HubListen {
  if (text === undefined || text === 'auto') return 'auto';
  if (text === 'off') return 'off';
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--hub-listen must be host:port, auto or off, not ${text}`);
  return { host: text.slice(0, colon), port };
}
