/**
 * The hub's part of the supervisor API (HTTP/JSON under /v1, beside supervisor-api.ts): a module's twin,
 * direct methods, and the `$upstream` messages `edgectl monitor` streams. Shared by the CLI and the
 * supervisor, so neither spells a path or a shape twice.
 */

export const HubApiPath = {
  twin: (module: string) => `/v1/modules/${encodeURIComponent(module)}/twin`,
  invoke: (module: string, method: string) => `/v1/modules/${encodeURIComponent(module)}/methods/${encodeURIComponent(method)}`,
  /** GET ?module=&count=&follow=true → application/x-ndjson, one UpstreamMessageView per line. */
  upstream: '/v1/upstream',
  /** GET → the hub's status (HubStatusView). */
  hub: '/v1/hub',
} as const;

/** GET /v1/modules/{m}/twin */
export interface TwinResponse {
  module: string;
  desired: Record<string, unknown>;
  reported: Record<string, unknown>;
}

/** POST /v1/modules/{m}/methods/{name} */
export interface InvokeRequest {
  payload?: unknown;
  /** Default 30, 5–300 as in edgeHub. */
  timeoutSeconds?: number;
}

export interface InvokeResponse {
  module: string;
  method: string;
  status: number;
  payload: unknown;
}

/** One `$upstream` message, as `edgectl monitor --json` prints it. */
export interface UpstreamMessageView {
  seq: number;
  module: string;
  enqueuedAt: string;
  expiresAt: string | null;
  systemProperties: Record<string, string>;
  applicationProperties: Record<string, string>;
  /** UTF-8 text when the body is valid UTF-8, else base64. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
}

/** GET /v1/hub, and `hub` in GET /v1/status. */
export interface HubStatusView {
  listening: { host: string; port: number };
  /** `listens`: which of its own topics the connected module subscribed to (inputs, desired updates, methods). */
  modules: { id: string; connected: boolean; pendingInputs: number; listens: { inputs: boolean; desired: boolean; methods: boolean } }[];
  routes: number;
  routeErrors: { name: string; message: string }[];
  upstream: { messages: number; bytes: number; droppedExpired: number; droppedSize: number; ackedThrough: number };
  dropped: { inputExpired: number; inputQueueFull: number };
  /** Connections, publishes and subscriptions refused (bad token, another module's topics…), since start. */
  refusals: number;
  routedMessages: number;
}

export interface UpstreamQuery {
  module?: string;
  count?: number;
  follow?: boolean;
}

export function upstreamQueryString(query: UpstreamQuery): string {
  const params = new URLSearchParams();
  if (query.module !== undefined) params.set('module', query.module);
  if (query.count !== undefined) params.set('count', String(query.count));
  if (query.follow === true) params.set('follow', 'true');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
