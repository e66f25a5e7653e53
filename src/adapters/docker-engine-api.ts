/**
 * A small client of the Docker Engine API over node:http, used by the supervisor and by build/push:
 * dockerode brings ssh2, grpc and protobuf along, costs ~30 MB of RSS (which a device daemon cannot
 * spare) and more start-up CPU than a cached rebuild takes the engine. Errors carry Docker's status code.
 */
import { Agent, request, type IncomingMessage, type RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';
import type { DockerEndpoint } from './docker.js';

export class DockerApiError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A raw request body streamed as is (a build context tar), instead of a JSON `body`. */
  upload?: Readable;
  headers?: Record<string, string>;
  /** No timeout and no keep-alive: for streams (events, logs, pull). */
  stream?: boolean;
}

/**
 * Plain HTTP has no SNI name, but the agent works one out for every request (a field of https's
 * options, absent from http's types): its first isIP() compiles Node's IPv6 pattern, ~4 ms of a
 * no-change `edgectl build`. An empty name is taken as given.
 */
const NO_SERVER_NAME = { servername: '' } as RequestOptions;

export class DockerEngineApi {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  private readonly streamAgent = new Agent({ keepAlive: false });

  constructor(private readonly endpoint: DockerEndpoint) {}

  /** The raw response; non-2xx (except 304) is thrown as DockerApiError with Docker's message. */
  async send(req: ApiRequest): Promise<IncomingMessage> {
    const response = await this.open(req);
    const status = response.statusCode ?? 500;
    if (status >= 300 && status !== 304) {
      const text = await readText(response);
      let message = text.trim();
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // Not JSON: keep the text.
      }
      throw new DockerApiError(status, message || `HTTP ${status}`);
    }
    return response;
  }

  async json<T>(req: ApiRequest): Promise<T> {
    const text = await readText(await this.send(req));
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  async call(req: ApiRequest): Promise<number> {
    const response = await this.send(req);
    response.resume();
    return response.statusCode ?? 0;
  }

  async stream(req: ApiRequest): Promise<Readable> {
    return this.send({ ...req, stream: true });
  }

  private open(req: ApiRequest): Promise<IncomingMessage> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const search = query.toString();
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const options = this.endpoint.options;
    return new Promise((resolve, reject) => {
      const r = request({
        ...(options.socketPath !== undefined ? { socketPath: options.socketPath } : { host: options.host, port: options.port }),
        ...NO_SERVER_NAME,
        agent: req.stream === true ? this.streamAgent : this.agent,
        method: req.method,
        path: `${req.path}${search === '' ? '' : `?${search}`}`,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(req.upload === undefined ? {} : { 'transfer-encoding': 'chunked' }),
          ...req.headers,
        },
        ...(req.stream === true ? {} : { timeout: 120_000 }),
      }, resolve);
      r.once('timeout', () => r.destroy(new Error(`Docker did not answer ${req.method} ${req.path} in time`)));
      r.once('error', reject);
      if (req.upload === undefined) r.end(body);
      else req.upload.once('error', (error) => r.destroy(error)).pipe(r);
    });
  }
}

/**
 * The X-Registry-Auth header of pulls and pushes: the JSON in Go's base64.URLEncoding, the URL-safe
 * alphabet *with* padding, which Node's base64url omits.
 */
export function registryAuthHeader(auth: object): string {
  return Buffer.from(JSON.stringify(auth)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Calls `onLine` for each newline-terminated JSON document of a Docker stream (events, pull progress). */
export function eachJsonLine(stream: Readable, onLine: (value: unknown) => void): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line === '') continue;
      try {
        onLine(JSON.parse(line));
      } catch {
        // A torn line: the callers' periodic resync makes up for it.
      }
    }
  });
}
