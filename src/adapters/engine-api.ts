/**
 * The Engine API calls of the CLI (version, image inspect, build, push, save), on the shared
 * DockerEngineApi client, with failures turned into EdgeErrors that name the engine and the action
 * (dockerError), so "Docker is not running" reads the same from every command.
 */
import { arch } from 'node:os';
import type { Readable } from 'node:stream';
import { dockerArchOfNode } from '../core/images/platforms.js';
import { DockerApiError, DockerEngineApi, registryAuthHeader, type ApiRequest } from './docker-engine-api.js';
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
  private readonly api: DockerEngineApi;

  constructor(readonly endpoint: DockerEndpoint) {
    this.api = new DockerEngineApi(endpoint);
  }

  async version(): Promise<{ Version: string; Arch: string; ApiVersion: string }> {
    return this.guard('read the engine version', () => this.api.json({ method: 'GET', path: '/version' }));
  }

  /**
   * The engine's architecture in Go's terms (amd64, arm64, arm). An engine on a local socket runs
   * on this machine, so Node's answer saves a round trip; a remote one is asked.
   */
  async architecture(): Promise<string> {
    if (this.endpoint.options.socketPath !== undefined) {
      const local = dockerArchOfNode(arch());
      if (local !== undefined) return local;
    }
    return (await this.version()).Arch;
  }

  /** GET /images/{name}/json: the image's ID and labels, or undefined when the engine has no such image. */
  async inspectImage(name: string): Promise<{ id: string; labels: Record<string, string> } | undefined> {
    const image = await this.guard(`inspect image ${name}`, () => this.api.json<{ Id: string; Config?: { Labels?: Record<string, string> | null } }>({ method: 'GET', path: `/images/${name}/json` }))
      .catch((error: { statusCode?: number }) => (error.statusCode === 404 ? undefined : Promise.reject(error)));
    return image === undefined ? undefined : { id: image.Id, labels: image.Config?.Labels ?? {} };
  }

  /** GET /images/get: the image as a `docker save` tar stream, for a device that cannot pull it. */
  async saveImage(name: string): Promise<Readable> {
    return this.guard(`export image ${name}`, () => this.api.stream({ method: 'GET', path: '/images/get', query: { names: name } }));
  }

  /** POST /build with the context tar; yields the progress events as they arrive. */
  build(context: Readable, query: Record<string, string>, action: string): AsyncGenerator<EngineEvent> {
    return this.events({ method: 'POST', path: '/build', query, upload: context, headers: { 'content-type': 'application/x-tar' } }, action);
  }

  /** POST /images/{name}/push; `auth` is the X-Registry-Auth JSON (base64url-encoded here). */
  push(name: string, tag: string, auth: Record<string, string>, action: string): AsyncGenerator<EngineEvent> {
    return this.events({ method: 'POST', path: `/images/${name}/push`, query: { tag }, headers: { 'x-registry-auth': registryAuthHeader(auth) } }, action);
  }

  private async *events(req: ApiRequest, action: string): AsyncGenerator<EngineEvent> {
    const response = await this.guard(action, () => this.api.stream(req));
    let pending = '';
    for await (const chunk of response as AsyncIterable<Buffer>) {
      pending += chunk.toString('utf8');
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

  /** Runs a call; its failure becomes dockerError's EdgeError, keeping Docker's HTTP status. */
  private async guard<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const statusCode = error instanceof DockerApiError ? error.statusCode : undefined;
      return Promise.reject(Object.assign(dockerError(error, this.endpoint, action), statusCode === undefined ? {} : { statusCode }));
    }
  }
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
