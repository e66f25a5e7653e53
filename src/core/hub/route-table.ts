/**
 * The hub's routing table: `$edgeHub` routes (strings, or objects with priority and timeToLiveSecs,
 * reference azure-iot-edge.md §1.5) compiled once per deployment with the shared route code
 * (src/core/routes, the same grammar `edgectl validate` checks), then asked per message where it goes.
 */
import { parseRoute } from '../routes/route-parser.js';
import { compileRoute, type CompiledRoute as CompiledRouteMatcher } from '../routes/route-matcher.js';
import type { HubMessage } from './hub-message.js';

/** edgeHub's priority for routes that state none (RouteFactory.DefaultPriority): below 0–9. */
export const DEFAULT_ROUTE_PRIORITY = 2_000_000_000;

/** A message's lifetime when neither its route nor the deployment's storeAndForward states one (edgeHub's template value). */
export const DEFAULT_MESSAGE_TTL_SECS = 7200;

export interface HubRoute {
  name: string;
  matcher: CompiledRouteMatcher;
  sink: Sink;
  /** The sink's identity, computed when the routes are compiled so routing a message builds no strings. */
  sinkKey: string;
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
  /** The route's compiled sink key: deliveries to one sink merge by it. */
  sinkKey: string;
  priority: number;
  /** Absolute expiry in ms since the epoch, or undefined for "never". */
  expiresAt: number | undefined;
  routes: string[];
}

const sinkKey = (sink: Sink): string => (sink.kind === 'upstream' ? '$upstream' : `${sink.module}/${sink.input}`);

export function compileRoutes(specs: Readonly<Record<string, unknown>>): { routes: HubRoute[]; errors: RouteTableError[] } {
  const routes: HubRoute[] = [];
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
    const parsed = parseRoute(text);
    if (!parsed.ok) {
      errors.push({ name, message: parsed.error.message });
      continue;
    }
    const sink: Sink = parsed.route.sink.kind === 'upstream' ? { kind: 'upstream' } : { kind: 'module-input', module: parsed.route.sink.module, input: parsed.route.sink.input };
    routes.push({ name, matcher: compileRoute(parsed.route), sink, sinkKey: sinkKey(sink), priority, timeToLiveSecs });
  }
  return { routes, errors };
}

/**
 * Where one message goes. Several routes to the same sink deliver once, at the highest priority
 * and the longest lifetime among them. `defaultTtlSecs` < 0 means "forever".
 */
export function routeMessage(routes: readonly HubRoute[], message: HubMessage, defaultTtlSecs: number): Delivery[] {
  const deliveries: Delivery[] = [];
  for (const route of routes) {
    if (!route.matcher.matches(message.source, message)) continue;
    const ttl = route.timeToLiveSecs > 0 ? route.timeToLiveSecs : defaultTtlSecs;
    const expiresAt = ttl < 0 ? undefined : message.enqueuedAt + ttl * 1000;
    const existing = deliveries.find((d) => d.sinkKey === route.sinkKey);
    if (existing === undefined) {
      deliveries.push({ sink: route.sink, sinkKey: route.sinkKey, priority: route.priority, expiresAt, routes: [route.name] });
    } else {
      existing.priority = Math.min(existing.priority, route.priority);
      existing.expiresAt = existing.expiresAt === undefined || expiresAt === undefined ? undefined : Math.max(existing.expiresAt, expiresAt);
      existing.routes.push(route.name);
    }
  }
  return deliveries;
}
