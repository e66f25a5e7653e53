/**
 * The known fields of Docker's ContainerCreate body (Engine API v1.41) and their JSON types, for
 * checking createOptions. HostConfig is checked one level deep on its commonest fields; its other
 * fields are many and version-dependent, so they are not reported as unknown.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'string-or-array';

export const CONTAINER_CREATE_FIELDS: Readonly<Record<string, JsonType>> = {
  Hostname: 'string', Domainname: 'string', User: 'string', AttachStdin: 'boolean', AttachStdout: 'boolean', AttachStderr: 'boolean',
  ExposedPorts: 'object', Tty: 'boolean', OpenStdin: 'boolean', StdinOnce: 'boolean', Env: 'array', Cmd: 'string-or-array',
  Healthcheck: 'object', ArgsEscaped: 'boolean', Image: 'string', Volumes: 'object', WorkingDir: 'string', Entrypoint: 'string-or-array',
  NetworkDisabled: 'boolean', MacAddress: 'string', OnBuild: 'array', Labels: 'object', StopSignal: 'string', StopTimeout: 'integer',
  Shell: 'array', HostConfig: 'object', NetworkingConfig: 'object', Platform: 'string',
};

export const HOST_CONFIG_FIELDS: Readonly<Record<string, JsonType>> = {
  Binds: 'array', PortBindings: 'object', Privileged: 'boolean', Memory: 'integer', MemorySwap: 'integer', MemoryReservation: 'integer',
  NanoCpus: 'integer', CpuShares: 'integer', CpuPeriod: 'integer', CpuQuota: 'integer', CpusetCpus: 'string', NetworkMode: 'string',
  RestartPolicy: 'object', Devices: 'array', Mounts: 'array', LogConfig: 'object', CapAdd: 'array', CapDrop: 'array', Dns: 'array',
  ExtraHosts: 'array', IpcMode: 'string', PidMode: 'string', ShmSize: 'integer', Sysctls: 'object', Tmpfs: 'object', ReadonlyRootfs: 'boolean',
  SecurityOpt: 'array', Ulimits: 'array', VolumesFrom: 'array', GroupAdd: 'array', DeviceCgroupRules: 'array', DeviceRequests: 'array',
  Init: 'boolean', AutoRemove: 'boolean', PublishAllPorts: 'boolean', UsernsMode: 'string', Runtime: 'string', OomKillDisable: 'boolean',
};

export function matchesType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'string-or-array': return typeof value === 'string' || Array.isArray(value);
  }
}
