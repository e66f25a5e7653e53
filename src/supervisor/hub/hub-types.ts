/** The hub's programmatic interface, as the supervisor uses it (documented in README.md beside this file). */
import type { JsonObject } from '../../core/hub/twin-document.js';
import type { HubDeployment } from '../../core/hub/hub-deployment.js';
import type { HubStatusView } from '../../protocol/hub-api.js';
import type { RouteTableError } from '../../core/hub/route-table.js';
import type { MethodResult } from './method-calls.js';
import type { StoredMessage } from './upstream-store.js';
import type { TlsMaker } from './tls-material.js';

/** Defined once, beside the code that reads it from a manifest. */
export type { HubDeployment } from '../../core/hub/hub-deployment.js';

export interface HubLogEntry {
  level: 'info' | 'warn' | 'error';
  event: string;
  message: string;
  module?: string;
  [key: string]: unknown;
}

export interface HubOptions {
  /** Directory the hub owns (created 0700): TLS material, keys, twins, sessions, the upstream store. */
  stateDir: string;
  deviceId: string;
  /** The name modules dial (GatewayHostName); it goes into the server certificate. */
  hostName: string;
  /** HostName in connection strings and SAS audiences; defaults to hostName. */
  iotHubHostName?: string;
  /** Port 0 picks a free one. Containers dial 8883 (the SDKs' fixed MQTTS port). */
  listen: { host: string; port: number };
  /** More certificate names (the docker bridge IP…); localhost and 127.0.0.1 are always included. */
  extraHostNames?: readonly string[];
  /** Makes missing or stale TLS material; by default in this process (tls-material.ts). */
  makeTls?: TlsMaker;
  log?: (entry: HubLogEntry) => void;
  /** Pending messages held per offline module input before the oldest lowest-priority one is dropped. */
  maxPendingPerModule?: number;
  now?: () => number;
}

export interface ApplyResult {
  routes: number;
  routeErrors: RouteTableError[];
  addedModules: string[];
  removedModules: string[];
  desiredPatched: string[];
}

export interface ModuleEnvironmentOptions {
  /** Defaults to hostName; "localhost:<port>" for a module run on the host in tests. */
  gatewayHostName?: string;
  /** Where the CA file is mounted in the container; defaults to the file's path on the host. */
  caPathInContainer?: string;
}

export interface ModuleEnvironment {
  env: Record<string, string>;
  /** The CA certificate on the host: mount it read-only at caPathInContainer. */
  caFile: string;
}

export interface TwinView {
  desired: JsonObject;
  reported: JsonObject;
}

/** The shape is part of the API (src/protocol/hub-api.ts). */
export type HubStatus = HubStatusView;

export interface Hub {
  port: number;
  caFile: string;
  applyDeployment(deployment: HubDeployment): ApplyResult;
  moduleEnvironment(moduleId: string, options?: ModuleEnvironmentOptions): ModuleEnvironment;
  getTwin(moduleId: string): TwinView;
  invokeMethod(moduleId: string, method: string, payload: unknown, timeoutMs?: number): Promise<MethodResult>;
  readUpstream(options?: { module?: string; count?: number }): StoredMessage[];
  subscribeUpstream(listener: (message: StoredMessage) => void): () => void;
  /** For the forwarder (later issue): everything through seq has gone upstream. */
  ackUpstream(seq: number): void;
  status(): HubStatus;
  close(): Promise<void>;
}
