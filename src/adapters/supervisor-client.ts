/**
 * The CLI's side of the supervisor API. It speaks HTTP/1.1 over whatever byte stream `connect` gives
 * (a unix socket locally; the stdio of `ssh … edge-supervisor dial-stdio` for a remote device), one
 * connection per request, so the same client serves every transport.
 */
import { request, type IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { connect as netConnect } from 'node:net';
import { EdgeError } from '../core/errors.js';
import {
  ApiPath, logsQueryString,
  type ApiErrorBody, type ApplyResponse, type HealthResponse, type ImageInfoResponse, type ImageLoadResponse, type LogsQuery, type RestartResponse, type RollbackResponse, type StatusResponse,
} from '../protocol/supervisor-api.js';
import {
  HubApiPath, upstreamQueryString,
  type InvokeRequest, type InvokeResponse, type TwinResponse, type UpstreamMessageView, type UpstreamQuery,
} from '../protocol/hub-api.js';

export type Connect = () => Promise<Duplex>;

export interface SupervisorClientOptions {
  connect: Connect;
  /** Names the device in errors ("device local", "device pi@10.0.0.5"). */
  description?: string;
  /** Per-request timeout for JSON calls (not for log streams). */
  timeoutMs?: number;
}

/** A connect function for a supervisor listening on a local unix socket. */
export function unixSocketConnect(socketPath: string): Connect {
  return () => new Promise((resolve, reject) => {
    const socket = netConnect(socketPath);
    socket.once('connect', () => { socket.removeListener('error', reject); resolve(socket); });
    socket.once('error', reject);
  });
}

export class SupervisorClient {
  private readonly description: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: SupervisorClientOptions) {
    this.description = options.description ?? 'the supervisor';
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  health(): Promise<HealthResponse> {
    return this.json('GET', ApiPath.health);
  }

  status(): Promise<StatusResponse> {
    return this.json('GET', ApiPath.status);
  }

  /** Sends the manifest as it is: the supervisor validates and hashes exactly these bytes' JSON. */
  apply(manifest: string | object, options: { dryRun?: boolean } = {}): Promise<ApplyResponse> {
    const body = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
    return this.json('PUT', `${ApiPath.deployment}${options.dryRun === true ? '?dryRun=true' : ''}`, body);
  }

  rollback(): Promise<RollbackResponse> {
    return this.json('POST', ApiPath.rollback);
  }

  restart(module: string): Promise<RestartResponse> {
    return this.json('POST', ApiPath.restart(module));
  }

  /** The device's image under `reference`, or undefined when its engine has none. */
  async image(reference: string): Promise<ImageInfoResponse | undefined> {
    const response = await this.send('GET', ApiPath.image(reference), undefined, this.timeoutMs);
    const text = await readAll(response);
    if (response.statusCode === 404) return undefined;
    if ((response.statusCode ?? 500) >= 300) throw this.apiError(response.statusCode ?? 500, text);
    return JSON.parse(text) as ImageInfoResponse;
  }

  /** Streams a `docker save` tar to the device's engine. No timeout: a large image takes what it takes. */
  loadImages(tar: Readable): Promise<ImageLoadResponse> {
    return this.json('POST', ApiPath.imagesLoad, tar, 0);
  }

  twin(module: string): Promise<TwinResponse> {
    return this.json('GET', HubApiPath.twin(module));
  }

  /** A direct method: waits for the module's answer, so the request outlives the method's own timeout. */
  invoke(module: string, method: string, request: InvokeRequest): Promise<InvokeResponse> {
    return this.json('POST', HubApiPath.invoke(module, method), JSON.stringify(request), ((request.timeoutSeconds ?? 30) + 15) * 1000);
  }

  /** `$upstream` messages, stored then (with follow) live, one per line of the answer. */
  async *upstream(query: UpstreamQuery = {}): AsyncGenerator<UpstreamMessageView> {
    for await (const line of this.lines(`${HubApiPath.upstream}${upstreamQueryString(query)}`)) {
      if (line.trim() !== '') yield JSON.parse(line) as UpstreamMessageView;
    }
  }

  /** The module's log, line by line (newline stripped); with `follow` it ends when the caller stops iterating. */
  logs(module: string, query: LogsQuery = {}, signal?: AbortSignal): AsyncGenerator<string> {
    return this.lines(`${ApiPath.logs(module)}${logsQueryString(query)}`, signal);
  }

  private async *lines(path: string, signal?: AbortSignal): AsyncGenerator<string> {
    const response = await this.send('GET', path, undefined, 0);
    if ((response.statusCode ?? 500) >= 300) throw this.apiError(response.statusCode ?? 500, await readAll(response));
    // Aborting (Ctrl-C on `logs -f`) closes the connection, which ends the stream on the device too.
    const abort = (): void => { response.destroy(); };
    if (signal?.aborted === true) abort();
    signal?.addEventListener('abort', abort, { once: true });
    let pending = '';
    try {
      for await (const chunk of abortable(response as AsyncIterable<Buffer>, signal)) {
        pending += chunk.toString('utf8');
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          yield pending.slice(0, newline);
          pending = pending.slice(newline + 1);
        }
      }
      if (pending !== '') yield pending;
    } finally {
      response.destroy();
    }
  }

  private async json<T>(method: string, path: string, body?: string | Readable, timeoutMs = this.timeoutMs): Promise<T> {
    const response = await this.send(method, path, body, timeoutMs);
    const text = await readAll(response);
    const status = response.statusCode ?? 500;
    if (status >= 300) throw this.apiError(status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new EdgeError({ code: 'SUPERVISOR_PROTOCOL', message: `${this.description} answered ${path} with something that is not JSON` });
    }
  }

  private send(method: string, path: string, body: string | Readable | undefined, timeoutMs: number): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = request({
        method,
        path,
        host: 'supervisor',
        headers: {
          accept: 'application/json',
          ...(typeof body === 'string' ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/x-tar', 'transfer-encoding': 'chunked' } : {}),
        },
        // node:http accepts an asynchronous createConnection through its callback form.
        createConnection: ((_options: unknown, done: (error: Error | null, socket?: Duplex) => void) => {
          this.options.connect().then((socket) => done(null, socket), (error: Error) => done(error));
          return undefined;
        }) as never,
        ...(timeoutMs > 0 ? { timeout: timeoutMs } : {}),
      }, resolve);
      req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.once('error', (error) => reject(this.transportError(error)));
      if (body === undefined || typeof body === 'string') req.end(body);
      else body.once('error', (error) => req.destroy(error)).pipe(req);
    });
  }

  private apiError(status: number, text: string): EdgeError {
    let parsed: ApiErrorBody | undefined;
    try {
      parsed = JSON.parse(text) as ApiErrorBody;
    } catch {
      parsed = undefined;
    }
    const error = parsed?.error;
    return new EdgeError({
      code: error?.code ?? 'SUPERVISOR_ERROR',
      message: error?.message ?? `${this.description} answered HTTP ${status}`,
      ...(error?.hint === undefined ? {} : { hint: error.hint }),
      ...(error?.details === undefined ? {} : { details: error.details }),
      // Invalid input is the caller's to fix (exit 2); anything else is a failure (exit 1).
      exitCode: status === 400 ? 2 : 1,
    });
  }

  private transportError(error: Error): EdgeError {
    if (error instanceof EdgeError) return error;
    const errno = (error as NodeJS.ErrnoException).code;
    return new EdgeError({
      code: 'DEVICE_UNREACHABLE',
      message: `cannot reach ${this.description}: ${errno ?? error.message}`,
      hint: 'check that the supervisor runs on the device: `edgectl device check --device <d>`',
      cause: error,
    });
  }
}

async function readAll(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Iterates `source` until it ends, or quietly stops once `signal` is aborted (the error that follows is ours). */
async function* abortable(source: AsyncIterable<Buffer>, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk;
  } catch (error) {
    if (signal?.aborted !== true) throw error;
  }
}
