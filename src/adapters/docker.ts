/**
 * Where the Docker Engine is and what its failures mean. Connection settings follow the Docker CLI's
 * own: DOCKER_HOST (unix://, tcp://), else the default socket. Failures become EdgeErrors that say
 * which engine was tried and how to make it reachable. The client itself is docker-engine-api.ts.
 */
import { EdgeError } from '../core/errors.js';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export interface DockerEndpoint {
  /** What the user would recognise: the socket path or tcp URL. */
  description: string;
  options: { socketPath?: string; host?: string; port?: number };
}

export function dockerEndpoint(env: Readonly<Record<string, string | undefined>>): DockerEndpoint {
  const host = env['DOCKER_HOST'];
  if (host === undefined || host === '') {
    return { description: DEFAULT_DOCKER_SOCKET, options: { socketPath: DEFAULT_DOCKER_SOCKET } };
  }
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    return { description: host, options: { socketPath } };
  }
  if (host.startsWith('tcp://') || host.startsWith('http://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return { description: host, options: { host: url.hostname, port: Number(url.port || 2375) } };
  }
  throw new EdgeError({
    code: 'DOCKER_HOST_UNSUPPORTED',
    message: `DOCKER_HOST=${host} is not supported`,
    hint: 'use unix:///path/to/docker.sock or tcp://host:port, or unset DOCKER_HOST to use the default socket',
    exitCode: 2,
  });
}

/** Turns an Engine API or network failure into an error that tells the user how to reach the engine. */
export function dockerError(error: unknown, endpoint: DockerEndpoint, action: string): EdgeError {
  const errno = (error as NodeJS.ErrnoException).code;
  if (errno === 'ENOENT' || errno === 'ECONNREFUSED' || errno === 'EACCES' || errno === 'ETIMEDOUT') {
    const why = errno === 'EACCES' ? 'permission denied' : errno === 'ENOENT' ? 'no socket there' : 'connection refused';
    return new EdgeError({
      code: 'DOCKER_UNAVAILABLE',
      message: `cannot reach the Docker Engine at ${endpoint.description} (${why}) while trying to ${action}`,
      hint: errno === 'EACCES'
        ? 'add your user to the docker group (sudo usermod -aG docker $USER) or set DOCKER_HOST'
        : 'start Docker (sudo systemctl start docker) or point DOCKER_HOST at a running engine',
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EdgeError({ code: 'DOCKER_ERROR', message: `Docker could not ${action}: ${message}`, cause: error });
}
