/**
 * The hub's routing table: `$edgeHub` routes (strings, or objects with priority and timeToLiveSecs,
 * reference azure-iot-edge.md §1.5) compiled once per deployment, then asked per message where it goes.
 * The grammar and the condition evaluator are the shared route code (src/core/routes), passed in as an
 * engine so this file only decides sources, priorities and lifetimes.
 */
import type { Expression } from '../routes/condition-ast.js';
import { matchesSource } from '../routes/route-source.js';
import type { Route, RouteParseResult } from '../routes/route-types.js';
import type { HubMessage } from './hub-message.js';

/** edgeHub's priority for routes that state none (RouteFactory.DefaultPriority): below 0–9. */
export const DEFAULT_ROUTE_PRIORITY = 2_000_000_000;

export interface RouteEngine {
  parse(text: string): RouteParseResult;
  /** Does the message satisfy the WHERE condition? An error evaluating it counts as "no" (edgeHub: undefined → false). */
  matches(condition: Expression, message: HubMessage): boolean;
}

export interface CompiledRoute {
  name: string;
  route: Route;
  /** 0 is highest. */
  priority: number;
  /** 0 = use the store-and-forward lifetime. */
  timeToLiveSecs: number;
}

export interface RouteTableError {
  name: string;
  message: string;
}

export type Sink = { kind: 'upstream' } | { kind: 'module-input'; module: string; input: string };

export interface Delivery {
  sink: Sink;
  priority: number;
  /** Absolute expiry in ms since the epoch, or undefined for "never". */
  expiresAt: number | undefined;
  routes: string[];
}

export function compileRoutes(specs: Readonly<Record<string, unknown>>, engine: RouteEngine): { routes: CompiledRoute[]; errors: RouteTableError[] } {
  const routes: CompiledRoute[] = [];
  const errors: RouteTableError[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    let text: unknown = spec;
    let priority = DEFAULT_ROUTE_PRIORITY;
    let timeToLiveSecs = 0;
    if (typeof spec === 'object' && spec !== null) {
      const object = spec as { route?: unknown; priority?: unknown; timeToLiveSecs?: unknown };
      text = object.route;
      if (typeof object.priority === 'number') priority = object.priority;
      if (typeof object.timeToLiveSecs === 'number') timeToLiveSecs = object.timeToLiveSecs;
    }
    if (typeof text !== 'string') {
      errors.push({ name, message: 'route is neither a string nor an object with a "route" string' });
      continue;
    }
    const parsed = engine.parse(text);
    if (!parsed.ok) errors.push({ name, message: parsed.error.message });
    else routes.push({ name, route: parsed.route, priority, timeToLiveSecs });
  }
  return { routes, errors };
}

const sinkKey = (sink: Sink): string => (sink.kind === 'upstream' ? '$upstream' : `${sink.module}/${sink.input}`);

/**
 * Where one message goes. Several routes to the same sink deliver once, at the highest priority
 * and the longest lifetime among them.
 */
export function routeMessage(routes: readonly CompiledRoute[], message: HubMessage, engine: RouteEngine, defaultTtlSecs: number): Delivery[] {
  const bySink = new Map<string, Delivery>();
  for (const compiled of routes) {
    const { route } = compiled;
    if (!matchesSource(route.source, message.source)) continue;
    if (route.condition !== undefined && !engine.matches(route.condition, message)) continue;
    const ttl = compiled.timeToLiveSecs > 0 ? compiled.timeToLiveSecs : defaultTtlSecs;
    const expiresAt = ttl < 0 ? undefined : message.enqueuedAt + ttl * 1000;
    const sink: Sink = route.sink.kind === 'upstream' ? { kind: 'upstream' } : { kind: 'module-input', module: route.sink.module, input: route.sink.input };
    const key = sinkKey(sink);
    const existing = bySink.get(key);
    if (existing === undefined) {
      bySink.set(key, { sink, priority: compiled.priority, expiresAt, routes: [compiled.name] });
    } else {
      existing.priority = Math.min(existing.priority, compiled.priority);
      existing.expiresAt = existing.expiresAt === undefined || expiresAt === undefined ? undefined : Math.max(existing.expiresAt, expiresAt);
      existing.routes.push(compiled.name);
    }
  }
  return [...bySink.values()];
}
