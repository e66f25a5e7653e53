/** The edgeHub route grammar: parse routes, match sources, evaluate conditions. Pure, no I/O. */
export * from './route-types.js';
export type * from './condition-ast.js';
export { parseRoute } from './route-parser.js';
export { DEVICE_TELEMETRY_SOURCE_PATH, matchesSource, moduleMessageSourcePath, SOURCE_FORMS, TWIN_CHANGE_SOURCE_PATH } from './route-source.js';
export { compileCondition, evaluateCondition, evaluateExpression, type CompiledCondition } from './condition-compiler.js';
export { compileRoute, compileSourceMatcher, type CompiledRoute } from './route-matcher.js';
export { SystemPropertyName, type RouteMessage } from './route-message.js';
export { BUILTIN_NAMES } from './builtins.js';
