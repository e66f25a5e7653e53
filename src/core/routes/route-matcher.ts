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
  const prefix = `${source.prefix}/`;
  const lowerPrefix = prefix.toLowerCase();
  return (sourcePath) => {
    // Fast path: the exact-case prefix, which is how the hub builds its own paths.
    if (sourcePath.startsWith(prefix) || `${sourcePath}/` === prefix) return true;
    const normalised = `${sourcePath.trim().replace(/\/+$/, '')}/`.toLowerCase();
    return normalised.startsWith(lowerPrefix);
  };
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
