/** Every semantic rule, run in this order after the schema. Each has stable codes (docs/diagnostics.md). */
import { createOptions } from './create-options-rules.js';
import { envEntries, envSecrets, legacyContentKey, registryPasswords } from './hygiene-rules.js';
import { imageReferences } from './image-rules.js';
import { moduleCount, moduleNames, agentFeaturesNeedSchema, twinForUnknownModule } from './module-rules.js';
import { placeholdersLeft } from './placeholder-rules.js';
import type { Rule } from './rule-context.js';
import { routes } from './route-rules.js';
import { twinLimits } from './twin-limit-rules.js';
import { hubFeatureVersions, schemaVersions } from './version-rules.js';

export const manifestRules: readonly Rule[] = [
  legacyContentKey,
  schemaVersions,
  hubFeatureVersions,
  moduleNames,
  moduleCount,
  agentFeaturesNeedSchema,
  twinForUnknownModule,
  imageReferences,
  createOptions,
  envEntries,
  routes,
  placeholdersLeft,
  registryPasswords,
  envSecrets,
  twinLimits,
];
