/**
 * The API on a unix socket: HTTP/1.1 + JSON under /v1. The socket is the only door, so it is made
 * owner-only (its directory 0700, the socket 0600) before it accepts anything.
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { API_PREFIX, type LogsQuery } from '../protocol/supervisor-api.js';
import { ApiError } from './api-error.js';
import { handleHubApi, isHubRoute } from './hub/hub-api.js';
import type { SupervisorService } from './supervisor-service.js';

const MAX_BODY = 8 * 1024 * 1024;

export async function listenApi(service: SupervisorService, socketPath: string, log: (message: string) => void): Promise<Server> {
  mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
  chmodSync(dirname(socketPath), 0o700);
  if (await socketAnswers(socketPath)) {
    throw new Error(`another supervisor already listens on ${socketPath}`);
  }
  rmSync(socketPath, { force: true }); // a stale socket left by a killed supervisor
  const server = createServer((req, res) => {
    handle(service, req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'SUPERVISOR_ERROR', error instanceof Error ? error.message : String(error), 'see the supervisor log');
      if (apiError.status >= 500) log(`${req.method ?? ''} ${req.url ?? ''}: ${apiError.message}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, apiError.status, apiError.body());
    });
  });
  server.keepAliveTimeout = 5000;
  // An image sent to /v1/images/load over a slow link may take longer than Node's 5-minute default;
  // only the owner can reach this socket, so there is no stranger to time out.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const previous = process.umask(0o177);
    server.listen(socketPath, () => {
      process.umask(previous);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  return server;
}

async function handle(service: SupervisorService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://supervisor');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (!path.startsWith(`${API_PREFIX}/`)) throw new ApiError(404, 'NOT_FOUND', `no such API path ${path}`, 'the API lives under /v1');
  const route = path.slice(API_PREFIX.length);
  const moduleRoute = /^\/modules\/([^/]+)\/(restart|logs)$/.exec(route);
  if (route === '/health') return only(method, 'GET', () => sendJson(res, 200, service.health()));
  if (route === '/status') return only(method, 'GET', () => sendJson(res, 200, service.status()));
  if (route === '/deployment') {
    if (method !== 'PUT') throw notAllowed(method, 'PUT');
    const dryRun = url.searchParams.get('dryRun') === 'true';
    const body = await readBody(req);
    sendJson(res, 200, await service.apply(body, dryRun));
    return;
  }
  if (route === '/rollback') return only(method, 'POST', () => sendJson(res, 200, service.rollback()));
  if (route === '/images/load') {
    if (method !== 'POST') throw notAllowed(method, 'POST');
    sendJson(res, 200, await service.loadImages(req));
    return;
  }
  const imageRoute = /^\/images\/([^/]+)$/.exec(route);
  if (imageRoute !== null) {
    if (method !== 'GET') throw notAllowed(method, 'GET');
    sendJson(res, 200, await service.image(decodeURIComponent(imageRoute[1] ?? '')));
    return;
  }
  if (isHubRoute(route)) {
    const hub = service.hub;
    if (hub === undefined) throw new ApiError(503, 'HUB_NOT_RUNNING', 'the message hub does not run on this device', 'see the warnings of `edgectl device check`; the supervisor\'s --hub-listen decides where it listens');
    await handleHubApi(hub, req, res, route, url);
    return;
  }
  if (moduleRoute !== null) {
    const name = decodeURIComponent(moduleRoute[1] ?? '');
    if (moduleRoute[2] === 'restart') {
      if (method !== 'POST') throw notAllowed(method, 'POST');
      sendJson(res, 200, await service.restart(name));
      return;
    }
    if (method !== 'GET') throw notAllowed(method, 'GET');
    const stream = await service.logs(name, logsQuery(url.searchParams));
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.flushHeaders();
    // The caller going away ends a follow; Docker's stream is closed with it.
    res.once('close', () => stream.destroy());
    await pipeline(stream, res).catch(() => undefined);
    return;
  }
  throw new ApiError(404, 'NOT_FOUND', `no such API path ${path}`);
}

function logsQuery(params: URLSearchParams): LogsQuery {
  const tail = params.get('tail');
  const query: LogsQuery = {};
  if (tail !== null && tail !== 'all') {
    if (!/^\d+$/.test(tail)) throw new ApiError(400, 'BAD_TAIL', `tail must be a number or "all", not ${tail}`);
    query.tail = Number(tail);
  }
  const since = params.get('since');
  const until = params.get('until');
  if (since !== null) query.since = since;
  if (until !== null) query.until = until;
  if (params.get('follow') === 'true') query.follow = true;
  if (params.get('timestamps') === 'true') query.timestamps = true;
  return query;
}

function only(method: string, allowed: string, respond: () => void): void {
  if (method !== allowed) throw notAllowed(method, allowed);
  respond();
}

function notAllowed(method: string, allowed: string): ApiError {
  return new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allowed}`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiError(413, 'BODY_TOO_LARGE', `the request body exceeds ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** True when something accepts connections on the socket (a live supervisor, not a stale file). */
export function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
