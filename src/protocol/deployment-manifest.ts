/**
 * TypeScript shapes of a concrete deployment manifest, for code that reads one after it validated
 * (the supervisor, genconfig). schemas/deployment.json is the source of truth; these types are
 * written once and checked against it in test/protocol/deployment-manifest.test.ts.
 */

export const MODULE_STATUSES = ['running', 'stopped'] as const;
export const RESTART_POLICIES = ['never', 'on-failure', 'on-unhealthy', 'always'] as const;
export const IMAGE_PULL_POLICIES = ['on-create', 'never'] as const;

export type ModuleStatus = (typeof MODULE_STATUSES)[number];
export type RestartPolicy = (typeof RESTART_POLICIES)[number];
export type ImagePullPolicy = (typeof IMAGE_PULL_POLICIES)[number];

export interface DeploymentManifest {
  modulesContent: ModulesContent;
}

export interface ModulesContent {
  $edgeAgent: { 'properties.desired': EdgeAgentDesired };
  $edgeHub: { 'properties.desired': EdgeHubDesired };
  /** Module twins: `<module name>: {"properties.desired": {…}}`. */
  [moduleTwin: string]: { 'properties.desired': unknown };
}

export interface EdgeAgentDesired {
  schemaVersion: string;
  runtime: DockerRuntime;
  systemModules: { edgeAgent: EdgeAgentModule; edgeHub: EdgeHubModule };
  modules: Record<string, ModuleDefinition>;
  integrity?: unknown;
}

export interface DockerRuntime {
  type: 'docker';
  settings: {
    minDockerVersion?: string;
    loggingOptions?: string;
    registryCredentials?: Record<string, RegistryCredential>;
  };
}

export interface RegistryCredential {
  username: string;
  password: string;
  address: string;
}

export type EnvironmentVariables = Record<string, { value: string | number | boolean }>;

/** createOptions is a JSON string, possibly chunked into createOptions01, createOptions02, … */
export interface ModuleSettings {
  image: string;
  createOptions?: string;
  digest?: string;
  [createOptionsChunk: `createOptions${string}`]: string | undefined;
}

export interface EdgeAgentModule {
  type: 'docker';
  settings: ModuleSettings;
  env?: EnvironmentVariables;
  imagePullPolicy?: ImagePullPolicy;
}

export interface EdgeHubModule {
  type: 'docker';
  settings: ModuleSettings;
  status: ModuleStatus;
  restartPolicy: RestartPolicy;
  env?: EnvironmentVariables;
  imagePullPolicy?: ImagePullPolicy;
  startupOrder?: number;
}

export interface ModuleDefinition {
  version?: string;
  type: 'docker';
  status: ModuleStatus;
  restartPolicy: RestartPolicy;
  imagePullPolicy?: ImagePullPolicy;
  startupOrder?: number;
  env?: EnvironmentVariables;
  settings: ModuleSettings;
}

export interface EdgeHubDesired {
  schemaVersion: string;
  routes: Record<string, string | RouteSpec>;
  storeAndForwardConfiguration: { timeToLiveSecs?: number; storeLimits?: { maxSizeBytes?: number } };
  mqttBroker?: unknown;
  integrity?: unknown;
}

export interface RouteSpec {
  route: string;
  priority?: number;
  timeToLiveSecs?: number;
}
