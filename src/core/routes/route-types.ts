/**
 * The parsed form of an edgeHub route ("FROM … WHERE … INTO …", reference §1.6). Shared by
 * `edgectl validate` (to check routes) and the hub (to route messages), so both read routes alike.
 */
import type { Expression } from './condition-ast.js';

/** A span of the route text, for diagnostics that point at the offending part. */
export interface TextSpan {
  offset: number;
  length: number;
}

/**
 * Where messages come from. Sources are prefix matches on the message's source path, e.g.
 * "/messages/modules/sensor/outputs/*" matches every output of module "sensor".
 */
export interface RouteSource {
  /** The path as written, less any whitespace between its parts, e.g. "/messages/modules/sensor/outputs/temperature". */
  path: string;
  /** The path with trailing "*" and "/" trimmed: what a message's source must start with. */
  prefix: string;
  kind: 'all' | 'messages' | 'modules' | 'module' | 'module-outputs' | 'module-output' | 'twin-change-notifications';
  /** The module the source names, where it names one. */
  module?: string;
  /** The output the source names, where it names exactly one. */
  output?: string;
  span: TextSpan;
}

export type RouteSink =
  | { kind: 'upstream'; span: TextSpan }
  | { kind: 'module-input'; module: string; input: string; span: TextSpan };

export interface Route {
  source: RouteSource;
  /** Absent when the route has no WHERE clause (the condition is then "true"). */
  condition?: Expression;
  conditionSpan?: TextSpan;
  sink: RouteSink;
  /** Things edgeHub accepts but that are almost certainly mistakes (a condition that can never be true). */
  warnings?: RouteSyntaxError[];
}

export interface RouteSyntaxError {
  message: string;
  /** Where in the route text the problem is; 0-based, in UTF-16 code units. */
  span: TextSpan;
  hint?: string;
}

export type RouteParseResult = { ok: true; route: Route } | { ok: false; error: RouteSyntaxError };
