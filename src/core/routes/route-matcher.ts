/**
 * A route compiled for the hub's hot path: the source prefix lower-cased once, the condition
 * turned into a closure once. `matches` is what the hub calls per message per route.
 */
import { compileCondition } from './condition-compiler.js';
import type { RouteMessage } from './route-message.js';
import type { Route, RouteSource } from './route-types.js';

export interface CompiledRoute {
  route: Route;
  /** Whether a message from `sourcePath` (e.g. "/messages/modules/a/outputs/o") is taken by this route's FROM. */
  matchesSource(sourcePath: string): boolean;
  /** Whether the WHERE condition is true for the message (always, without WHERE). */
  matchesCondition(message: RouteMessage): boolean;
  /** Both: the route delivers this message to its sink. */
  matches(sourcePath: string, message: RouteMessage): boolean;
}

/**
 * edgeHub's source rule (BaseMessageSource): trim trailing '/', add one, then a case-insensitive
 * prefix test, so `/messages/modules/a` takes module `a` and never module `ab`.
 */
export function compileSourceMatcher(source: Pick<RouteSource, 'prefix'>): (sourcePath: string) => boolean {
  const lowerPrefix = `${source.prefix}/`.toLowerCase();
  return (sourcePath) => normalisedPath(sourcePath).startsWith(lowerPrefix);
}

// A hub sees few distinct source paths (modules × outputs), each for many messages and routes:
// normalise each once. Bounded, so odd paths cannot grow it without limit.
const MAX_CACHED_PATHS = 4096;
const normalisedPaths = new Map<string, string>();

function normalisedPath(sourcePath: string): string {
  let normalised = normalisedPaths.get(sourcePath);
  if (normalised === undefined) {
    normalised = `${sourcePath.trim().replace(/\/+$/, '')}/`.toLowerCase();
    if (normalisedPaths.size >= MAX_CACHED_PATHS) normalisedPaths.clear();
    normalisedPaths.set(sourcePath, normalised);
  }
  return normalised;
}

export function compileRoute(route: Route): CompiledRoute {
  const matchesSource = compileSourceMatcher(route.source);
  const matchesCondition = compileCondition(route.condition);
  return {
    route,
    matchesSource,
    matchesCondition,
    matches: (sourcePath, message) => matchesSource(sourcePath) && matchesCondition(message),
  };
}
