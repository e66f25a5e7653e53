/**
 * The container operations the supervisor needs, on the Docker Engine API. Only containers carrying
 * the supervisor's device-id label are ever listed, so nothing it does can reach a container it does
 * not own; Docker's "already started/stopped" (304) and "no such container" on removal are successes.
 */
import type { Readable } from 'node:stream';
import { Label } from '../core/deployment/container-spec.js';
import { demuxDockerStream } from './docker-log-demux.js';
import { DockerApiError, eachJsonLine, registryAuthHeader, type DockerEngineApi } from './docker-engine-api.js';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead' | 'removing';
export type HealthState = 'none' | 'starting' | 'healthy' | 'unhealthy';

export interface ObservedContainer {
  id: string;
  name: string;
  module: string;
  configHash: string;
  state: ContainerState;
  exitCode: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  health: HealthState;
  image: string;
  imageId: string;
  /** The registry digest (repo@sha256:…) of the image, when it came from a registry. */
  imageDigest: string | null;
}

export interface RegistryAuth { username: string; password: string; serveraddress: string }

export interface DockerLogOptions {
  follow: boolean;
  tail?: number;
  since?: number;
  until?: number;
  timestamps: boolean;
}

interface InspectInfo {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  Config: { Image: string; Labels: Record<string, string> | null; Tty: boolean };
  State: { Status: string; ExitCode: number; StartedAt: string; FinishedAt: string; Health?: { Status?: string } };
}

const statusOf = (error: unknown): number | undefined => (error instanceof DockerApiError ? error.statusCode : undefined);
/** Docker's zero time ("0001-01-01T00:00:00Z") means "never". */
const time = (text: string | undefined): number | null => {
  if (text === undefined || text.startsWith('0001-')) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
};
const id = (container: string): string => `/containers/${encodeURIComponent(container)}`;

export class DockerContainers {
  /** Image id → registry digest; an image id names immutable content, so this never goes stale. */
  private readonly digests = new Map<string, string | null>();

  constructor(private readonly api: DockerEngineApi, private readonly deviceId: string) {}

  private async digestOf(imageId: string, reference: string): Promise<string | null> {
    if (!this.digests.has(imageId)) {
      const info = await this.api.json<{ RepoDigests?: string[] }>({ method: 'GET', path: `/images/${encodeURIComponent(imageId)}/json` }).catch(() => undefined);
      if (info === undefined) return null;
      const repo = reference.includes('@') ? reference.slice(0, reference.indexOf('@')) : reference.replace(/:[^/:]+$/, '');
      const digests = info.RepoDigests ?? [];
      this.digests.set(imageId, digests.find((d) => d.startsWith(`${repo}@`)) ?? digests[0] ?? null);
    }
    return this.digests.get(imageId) ?? null;
  }

  private get ownerFilter(): string {
    return JSON.stringify({ label: [`${Label.deviceId}=${this.deviceId}`] });
  }

  async ping(): Promise<void> {
    await this.api.call({ method: 'GET', path: '/_ping' });
  }

  async listOwned(): Promise<ObservedContainer[]> {
    const list = await this.api.json<{ Id: string }[]>({ method: 'GET', path: '/containers/json', query: { all: 1, filters: this.ownerFilter } });
    const inspected = await Promise.all(list.map(async (entry) => {
      try {
        return await this.api.json<InspectInfo>({ method: 'GET', path: `${id(entry.Id)}/json` });
      } catch (error) {
        if (statusOf(error) === 404) return undefined; // removed between list and inspect
        throw error;
      }
    }));
    const observed = inspected.flatMap((info) => (info === undefined ? [] : [toObserved(info)]))
      // Belt and braces: the label filter is the contract, but check it again before trusting it.
      .filter((c) => c.module !== '');
    for (const container of observed) container.imageDigest = await this.digestOf(container.imageId, container.image);
    return observed;
  }

  async imagePresent(reference: string): Promise<boolean> {
    return (await this.imageId(reference)) !== undefined;
  }

  /** The engine's id of the image under `reference`, or undefined when it has none. */
  async imageId(reference: string): Promise<string | undefined> {
    try {
      return (await this.api.json<{ Id: string }>({ method: 'GET', path: `/images/${encodeURIComponent(reference)}/json` })).Id;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Loads a `docker save` tar into the engine; resolves the names (or ids) it loaded. */
  async loadImages(tar: Readable): Promise<string[]> {
    const stream = await this.api.stream({ method: 'POST', path: '/images/load', query: { quiet: true }, upload: tar, headers: { 'content-type': 'application/x-tar' } });
    return new Promise((resolve, reject) => {
      const loaded: string[] = [];
      let failure: string | undefined;
      eachJsonLine(stream, (event) => {
        const { stream: text, error } = event as { stream?: string; error?: string };
        if (error !== undefined) failure = error;
        const name = /^Loaded image(?: ID)?: (\S+)/.exec(text ?? '')?.[1];
        if (name !== undefined) loaded.push(name);
      });
      stream.once('end', () => (failure === undefined ? resolve(loaded) : reject(new Error(failure))));
      stream.once('error', reject);
    });
  }

  async pull(reference: string, auth: RegistryAuth | undefined): Promise<void> {
    const headers = auth === undefined ? undefined : { 'X-Registry-Auth': registryAuthHeader(auth) };
    const stream = await this.api.stream({ method: 'POST', path: '/images/create', query: { fromImage: reference }, ...(headers === undefined ? {} : { headers }) });
    await new Promise<void>((resolve, reject) => {
      let failure: string | undefined;
      eachJsonLine(stream, (event) => {
        const error = (event as { error?: string }).error;
        if (error !== undefined) failure = error;
      });
      stream.once('end', () => (failure === undefined ? resolve() : reject(new Error(failure))));
      stream.once('error', reject);
    });
  }

  /** Creates a container; resolves its id. A name already taken is reported with who holds it. */
  async create(name: string, body: Record<string, unknown>): Promise<string> {
    try {
      return (await this.api.json<{ Id: string }>({ method: 'POST', path: '/containers/create', query: { name }, body })).Id;
    } catch (error) {
      if (statusOf(error) === 409) {
        const holder = await this.api.json<InspectInfo>({ method: 'GET', path: `${id(name)}/json` }).catch(() => undefined);
        const owner = holder?.Config.Labels?.[Label.deviceId];
        throw new Error(owner === this.deviceId
          ? `a container named ${name} already exists for this module`
          : `the container name ${name} is taken by a container this supervisor does not own; rename or remove it (docker rm ${name})`);
      }
      throw error;
    }
  }

  async start(container: string): Promise<void> {
    await this.api.call({ method: 'POST', path: `${id(container)}/start` });
  }

  async stop(container: string, timeoutSeconds: number): Promise<void> {
    await this.ignoring([404], () => this.api.call({ method: 'POST', path: `${id(container)}/stop`, query: { t: timeoutSeconds } }));
  }

  async remove(container: string): Promise<void> {
    await this.ignoring([404], () => this.api.call({ method: 'DELETE', path: id(container), query: { force: 1 } }));
  }

  async restart(container: string, timeoutSeconds: number): Promise<void> {
    await this.api.call({ method: 'POST', path: `${id(container)}/restart`, query: { t: timeoutSeconds } });
  }

  /** The container's log as plain text: Docker's multiplexed stdout/stderr frames are unwrapped. */
  async logs(container: string, options: DockerLogOptions): Promise<Readable> {
    const info = await this.api.json<InspectInfo>({ method: 'GET', path: `${id(container)}/json` });
    const raw = await this.api.stream({
      method: 'GET',
      path: `${id(container)}/logs`,
      query: { stdout: 1, stderr: 1, follow: options.follow ? 1 : 0, timestamps: options.timestamps ? 1 : 0, tail: options.tail ?? 'all', since: options.since, until: options.until },
    });
    return info.Config.Tty ? raw : raw.pipe(demuxDockerStream());
  }

  /** Container events of this device's containers; `onEnd` fires when the stream drops (dockerd restart). */
  async events(onEvent: (action: string) => void, onEnd: (error?: Error) => void): Promise<() => void> {
    const stream = await this.api.stream({ method: 'GET', path: '/events', query: { filters: JSON.stringify({ type: ['container'], label: [`${Label.deviceId}=${this.deviceId}`] }) } });
    eachJsonLine(stream, (event) => onEvent(String((event as { Action?: string }).Action ?? '')));
    let ended = false;
    const end = (error?: Error): void => { if (!ended) { ended = true; onEnd(error); } };
    stream.once('end', () => end());
    stream.once('close', () => end());
    stream.once('error', (error: Error) => end(error));
    return () => { ended = true; stream.destroy(); };
  }

  private async ignoring(codes: number[], action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined || !codes.includes(status)) throw error;
    }
  }
}

function toObserved(info: InspectInfo): ObservedContainer {
  const labels = info.Config.Labels ?? {};
  const health = info.State.Health?.Status;
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    module: labels[Label.module] ?? '',
    configHash: labels[Label.configHash] ?? '',
    state: info.State.Status as ContainerState,
    exitCode: info.State.ExitCode,
    createdAt: time(info.Created) ?? 0,
    startedAt: time(info.State.StartedAt),
    finishedAt: time(info.State.FinishedAt),
    health: health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : 'none',
    image: info.Config.Image,
    imageId: info.Image,
    imageDigest: null,
  };
}

