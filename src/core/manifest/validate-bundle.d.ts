/**
 * Types of dist/src/core/manifest/validate-bundle.js, which scripts/bundle-validator.mjs builds
 * from validate-deployment.ts and everything it imports (one file loads much faster than ~40).
 */
export { validateDeployment, validateDocument } from './validate-deployment.js';
export type { ValidateOptions, ValidationReport } from './validate-deployment.js';
