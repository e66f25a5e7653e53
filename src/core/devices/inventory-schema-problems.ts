/**
 * Words for what schemas/devices.json rejects. The manifest's schema findings speak of Azure IoT
 * Edge and treat unknown keys as warnings; an inventory is edgectl's own file, so every schema error
 * is a problem, said plainly with the JSON pointer it is at.
 */
import type { SchemaError } from '../manifest/compiled-validators.js';

export function inventorySchemaProblems(errors: readonly SchemaError[]): string[] {
  return errors.map(describe);
}

function describe(error: SchemaError): string {
  const at = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params;
  switch (error.keyword) {
    case 'additionalProperties': return `${at} has an unknown key "${String(params['additionalProperty'])}"`;
    case 'required': return `${at} lacks the required key "${String(params['missingProperty'])}"`;
    case 'type': return `${at} must be ${String(params['type'])}`;
    case 'pattern': return `${at} must match ${String(params['pattern'])}`;
    case 'minLength': return `${at} must be at least ${String(params['limit'])} characters`;
    case 'maxLength': return `${at} must be at most ${String(params['limit'])} characters`;
    case 'uniqueItems': return `${at} holds the same value twice`;
    case 'not': return `${at} is a reserved value`;
    default: return `${at} fails the schema's "${error.keyword}" rule`;
  }
}
