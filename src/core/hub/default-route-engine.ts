/**
 * The route engine the hub uses by default: the shared grammar (src/core/routes), so the hub reads
 * routes exactly as `edgectl validate` does.
 */
import { parseRoute } from '../routes/route-parser.js';
import type { RouteEngine } from './route-table.js';

export const defaultRouteEngine: RouteEngine = {
  parse: parseRoute,
  matches() {
    // Replaced by the shared condition evaluator once it lands in src/core/routes.
    throw new Error('route conditions cannot be evaluated yet');
  },
};
