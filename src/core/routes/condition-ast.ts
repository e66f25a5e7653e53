/**
 * Placeholder for the WHERE-condition AST, so the manifests branch compiles before the routes
 * branch (which owns this file) is merged. Replaced wholesale by the routes branch's version.
 */
export type Expression = { kind: string };
