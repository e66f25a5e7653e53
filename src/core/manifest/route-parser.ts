/**
 * The route parser the manifest rules use: the shared edgeHub grammar of src/core/routes (the hub
 * routes messages with the same parser, so validate and the device agree on what a route means).
 * It is a parameter of the pipeline so tests can substitute one.
 */
import { parseRoute } from '../routes/route-parser.js';
import type { RouteParseResult } from '../routes/route-types.js';

export type RouteParser = (text: string) => RouteParseResult;

export const parseRouteText: RouteParser = parseRoute;
