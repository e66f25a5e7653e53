/**
 * The few Docker Engine API calls on the build and push hot path (version, build, push), spoken
 * over node:http on the engine's socket. dockerode is the engine adapter everywhere else, but
 * importing it (with ssh2 and gRPC for BuildKit sessions) costs more CPU than a cached rebuild
 * takes the engine, and a no-change `edgectl build` must stay close to `docker build` (issue 5).
 * Endpoints and errors are the same as dockerode's (dockerEndpoint, dockerError).
 */
import { request, type IncomingMessage } from 'node:http';
import { arch } from 'node:os';
import type { Readable } from 'node:stream';
import { dockerError, type DockerEndpoint } from './docker.js';

/** One JSON object of a streamed Engine response (build or push progress). */
export type EngineEvent = Record<string, unknown> & {
  stream?: string;
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Digest?: string };
};

export class EngineApi {
  constructor(readonly endpoint: DockerEndpoint) {}

  async version(): Promise<{ Version: string; Arch: string; ApiVersion: string }> {
    const response = await this.call('GET', '/version', {}, undefined, 'read the engine version');
    return JSON.parse(await readAll(response)) as { Version: string; Arch: string; ApiVersion: string };
  }

  /**
   * The engine's architecture in Go's terms (amd64, arm64, arm). An engine on a local socket runs
   * on this machine, so Node's answer saves a round trip; a remote one is asked.
   */
  async architecture(): Promise<string> {
    if (this.endpoint.options.socketPath !== undefined) {
      const local = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch()];
      if (local !== undefined) return local;
    }
    return (await this.version()).Arch;
  }

  /** POST /build with the context tar; yields the progress events as they arrive. */
  build(context: Readable, query: Record<string, string>, action: string): AsyncGenerator<EngineEvent> {
    return this.stream('POST', '/build', query, { 'content-type': 'application/x-tar' }, context, action);
  }

  /** POST /images/{name}/push; `auth` is the X-Registry-Auth JSON (base64url-encoded here). */
  push(name: string, tag: string, auth: Record<string, string>, action: string): AsyncGenerator<EngineEvent> {
    // Go's base64.URLEncoding: the URL-safe alphabet *with* padding, which Node's base64url omits.
    const header = Buffer.from(JSON.stringify(auth)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    return this.stream('POST', `/images/${name}/push`, { tag }, { 'x-registry-auth': header }, undefined, action);
  }

  private async *stream(method: string, path: string, query: Record<string, string>, headers: Record<string, string>, body: Readable | undefined, action: string): AsyncGenerator<EngineEvent> {
    const response = await this.call(method, path, query, body, action, headers);
    let pending = '';
    for await (const chunk of response) {
      pending += (chunk as Buffer).toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line !== '') yield JSON.parse(line) as EngineEvent;
        newline = pending.indexOf('\n');
      }
    }
    if (pending.trim() !== '') yield JSON.parse(pending) as EngineEvent;
  }

  private call(method: string, path: string, query: Record<string, string>, body: Readable | undefined, action: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
    const options = this.endpoint.options;
    const search = new URLSearchParams(query).toString();
    return new Promise((resolve, reject) => {
      const req = request({
        method,
        path: `${path}${search === '' ? '' : `?${search}`}`,
        headers: { ...headers, ...(body === undefined ? { 'content-length': '0' } : { 'transfer-encoding': 'chunked' }) },
        ...(options.socketPath === undefined ? { host: options.host, port: options.port } : { socketPath: options.socketPath }),
      }, (response) => {
        if ((response.statusCode ?? 500) < 400) return resolve(response);
        readAll(response).then((text) => {
          const message = (() => { try { return (JSON.parse(text) as { message?: string }).message ?? text; } catch { return text; } })();
          reject(Object.assign(dockerError(new Error(message.trim()), this.endpoint, action), { statusCode: response.statusCode }));
        }, reject);
      });
      req.once('error', (error) => reject(dockerError(error, this.endpoint, action)));
      if (body === undefined) req.end();
      else body.once('error', (error) => req.destroy(error)).pipe(req);
    });
  }
}

async function readAll(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Engine API query values are strings; objects (buildargs, labels) and lists (cachefrom) are JSON. */
export function engineQuery(values: Record<string, unknown>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    query[key] = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }
  return query;
}
