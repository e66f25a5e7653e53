/**
 * The hub's routes of the supervisor API (src/protocol/hub-api.ts): the supervisor's HTTP server hands
 * the paths `isHubRoute` claims to `handleHubApi`.
 * Errors use the API's error body: {"error":{code,message,hint}}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TextDecoder } from 'node:util';
import { isEdgeError } from '../../core/errors.js';
import { ApiError } from '../api-error.js';
import type { InvokeRequest, InvokeResponse, TwinResponse, UpstreamMessageView } from '../../protocol/hub-api.js';
import type { Hub } from './hub-types.js';
import type { StoredMessage } from './upstream-store.js';

const MAX_BODY = 256 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function upstreamView(message: StoredMessage): UpstreamMessageView {
  let body: string;
  let bodyEncoding: UpstreamMessageView['bodyEncoding'] = 'utf8';
  try {
    body = strictUtf8.decode(message.body);
  } catch {
    body = message.body.toString('base64');
    bodyEncoding = 'base64';
  }
  return {
    seq: message.seq,
    module: message.module,
    enqueuedAt: new Date(message.enqueuedAt).toISOString(),
    expiresAt: message.expiresAt === undefined ? null : new Date(message.expiresAt).toISOString(),
    systemProperties: message.systemProperties,
    applicationProperties: message.applicationProperties,
    body,
    bodyEncoding,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the request body is over ${MAX_BODY} bytes`, 'direct-method payloads are limited to 128 KB');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_JSON', 'the request body is not JSON');
  }
}

function requireModule(hub: Hub, module: string): void {
  if (!hub.status().modules.some((m) => m.id === module)) {
    throw new ApiError(404, 'MODULE_NOT_FOUND', `no module named ${module} in the current deployment`, 'see the modules with `edgectl status`');
  }
}

const twinRoute = /^\/modules\/([^/]+)\/twin$/;
const invokeRoute = /^\/modules\/([^/]+)\/methods\/([^/]+)$/;

/** Is this path (after /v1) one of the hub's? */
export function isHubRoute(route: string): boolean {
  return twinRoute.test(route) || invokeRoute.test(route) || route === '/upstream' || route === '/hub';
}

/** Answers the hub's paths (route = the path after /v1); false when the path is not the hub's. */
export async function handleHubApi(hub: Hub, req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<boolean> {
  if (!isHubRoute(route)) return false;
  const method = req.method ?? 'GET';
  const twin = twinRoute.exec(route);
  const invoke = invokeRoute.exec(route);
  try {
    if (twin !== null) {
      if (method !== 'GET') throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use GET`);
      const module = decodeURIComponent(twin[1] ?? '');
      requireModule(hub, module);
      sendJson(res, 200, { module, ...hub.getTwin(module) } satisfies TwinResponse);
    } else if (invoke !== null) {
      if (method !== 'POST') throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use POST`);
      const module = decodeURIComponent(invoke[1] ?? '');
      const name = decodeURIComponent(invoke[2] ?? '');
      requireModule(hub, module);
      const request = (await readJson(req)) as InvokeRequest;
      const seconds = request.timeoutSeconds ?? 30;
      if (typeof seconds !== 'number' || seconds < 5 || seconds > 300) throw new ApiError(400, 'BAD_TIMEOUT', 'timeoutSeconds must be between 5 and 300', 'e.g. --timeout 30');
      const result = await hub.invokeMethod(module, name, request.payload, seconds * 1000);
      sendJson(res, 200, { module, method: name, ...result } satisfies InvokeResponse);
    } else if (route === '/hub') {
      sendJson(res, 200, hub.status());
    } else {
      streamUpstream(hub, res, url);
    }
  } catch (error) {
    const apiError = error instanceof ApiError ? error : isEdgeError(error) ? toApiError(error.code, error.message, error.hint) : undefined;
    if (apiError === undefined) throw error;
    sendJson(res, apiError.status, apiError.body());
  }
  return true;
}

function toApiError(code: string, message: string, hint: string | undefined): ApiError {
  const status = code === 'HUB_METHOD_TIMEOUT' ? 504 : code === 'HUB_MODULE_NOT_CONNECTED' ? 409 : 500;
  return new ApiError(status, code, message, hint);
}

function streamUpstream(hub: Hub, res: ServerResponse, url: URL): void {
  const module = url.searchParams.get('module') ?? undefined;
  const countText = url.searchParams.get('count');
  const count = countText === null ? undefined : Number(countText);
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new ApiError(400, 'BAD_COUNT', 'count must be a whole number', 'e.g. --count 10');
  const follow = url.searchParams.get('follow') === 'true';
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const write = (message: StoredMessage): void => {
    res.write(`${JSON.stringify(upstreamView(message))}\n`);
  };
  const stored = hub.readUpstream({ ...(module === undefined ? {} : { module }), ...(count === undefined || follow ? {} : { count }) });
  // With --follow and --count, count is how many to print in all: the stored ones first, then live ones.
  const backlog = follow && count !== undefined ? stored.slice(Math.max(0, stored.length - count)) : stored;
  for (const message of backlog) write(message);
  let remaining = count === undefined ? Infinity : count - (follow ? backlog.length : Infinity);
  if (!follow || remaining <= 0) {
    res.end();
    return;
  }
  const stop = hub.subscribeUpstream((message) => {
    if (module !== undefined && message.module !== module) return;
    write(message);
    if (--remaining <= 0) {
      stop();
      res.end();
    }
  });
  res.once('close', stop);
}
