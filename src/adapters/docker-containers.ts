/**
 * The container operations the supervisor needs, on dockerode. Only containers carrying the
 * supervisor's device-id label are ever listed, so nothing it does can reach a container it does
 * not own; Docker's "already started/stopped" (304) and "no such container" on removal are successes.
 */
import type Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import { Label } from '../core/deployment/container-spec.js';
import { demuxDockerStream } from './docker-log-demux.js';

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
}

export interface RegistryAuth { username: string; password: string; serveraddress: string }

export interface DockerLogOptions {
  follow: boolean;
  tail?: number;
  since?: number;
  until?: number;
  timestamps: boolean;
}

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;
/** Docker's zero time ("0001-01-01T00:00:00Z") means "never". */
const time = (text: string | undefined): number | null => {
  if (text === undefined || text.startsWith('0001-')) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
};

export class DockerContainers {
  constructor(private readonly docker: Dockerode, private readonly deviceId: string) {}

  private get ownerFilter(): string {
    return `${Label.deviceId}=${this.deviceId}`;
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async listOwned(): Promise<ObservedContainer[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [this.ownerFilter] } });
    const inspected = await Promise.all(list.map(async (entry) => {
      try {
        return await this.docker.getContainer(entry.Id).inspect();
      } catch (error) {
        if (statusOf(error) === 404) return undefined; // removed between list and inspect
        throw error;
      }
    }));
    return inspected.flatMap((info) => (info === undefined ? [] : [toObserved(info)]))
      // Belt and braces: the label filter is the contract, but check it again before trusting it.
      .filter((c) => c.module !== '');
  }

  async imagePresent(reference: string): Promise<boolean> {
    try {
      await this.docker.getImage(reference).inspect();
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  async pull(reference: string, auth: RegistryAuth | undefined): Promise<void> {
    const stream = await this.docker.pull(reference, auth === undefined ? {} : { authconfig: auth });
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
        const failed = output?.find((event) => event.error !== undefined);
        if (error !== null) reject(error);
        else if (failed?.error !== undefined) reject(new Error(failed.error));
        else resolve();
      });
    });
  }

  /** Creates a container; resolves its id. A name already taken is reported with who holds it. */
  async create(name: string, body: Record<string, unknown>): Promise<string> {
    try {
      const container = await this.docker.createContainer({ ...body, name } as Dockerode.ContainerCreateOptions);
      return container.id;
    } catch (error) {
      if (statusOf(error) === 409) {
        const holder = await this.docker.getContainer(name).inspect().catch(() => undefined);
        const owner = holder?.Config.Labels?.[Label.deviceId];
        throw new Error(owner === this.deviceId
          ? `a container named ${name} already exists for this module`
          : `the container name ${name} is taken by a container this supervisor does not own; rename or remove it (docker rm ${name})`);
      }
      throw error;
    }
  }

  async start(container: string): Promise<void> {
    await this.ignoring([304], () => this.docker.getContainer(container).start());
  }

  async stop(container: string, timeoutSeconds: number): Promise<void> {
    await this.ignoring([304, 404], () => this.docker.getContainer(container).stop({ t: timeoutSeconds }));
  }

  async remove(container: string): Promise<void> {
    await this.ignoring([404], () => this.docker.getContainer(container).remove({ force: true }));
  }

  async restart(container: string, timeoutSeconds: number): Promise<void> {
    await this.docker.getContainer(container).restart({ t: timeoutSeconds });
  }

  /** The container's log as plain text: Docker's multiplexed stdout/stderr frames are unwrapped. */
  async logs(container: string, options: DockerLogOptions): Promise<Readable> {
    const target = this.docker.getContainer(container);
    const info = await target.inspect();
    const query = {
      stdout: true,
      stderr: true,
      timestamps: options.timestamps,
      ...(options.tail === undefined ? {} : { tail: options.tail }),
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.until === undefined ? {} : { until: options.until }),
    };
    const raw = options.follow
      ? await target.logs({ ...query, follow: true }) as unknown as Readable
      : Readable.from([await target.logs({ ...query, follow: false })]);
    return info.Config.Tty ? raw : raw.pipe(demuxDockerStream());
  }

  /** Container events of this device's containers; `onEnd` fires when the stream drops (dockerd restart). */
  async events(onEvent: (action: string) => void, onEnd: (error?: Error) => void): Promise<() => void> {
    const stream = await this.docker.getEvents({ filters: { type: ['container'], label: [this.ownerFilter] } }) as unknown as Readable;
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          onEvent(String((JSON.parse(line) as { Action?: string }).Action ?? ''));
        } catch {
          // A torn line is harmless: the periodic resync catches up.
        }
      }
    });
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

function toObserved(info: Dockerode.ContainerInspectInfo): ObservedContainer {
  const labels = info.Config.Labels ?? {};
  const health = (info.State as { Health?: { Status?: string } }).Health?.Status;
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
  };
}
