/**
 * The one gate a manifest passes before the supervisor accepts it. Until the full `edgectl validate`
 * pipeline is merged this is the structural check of read-deployment; swapping it is one line here.
 */
import { readDeployment, type ApplyDiagnostic } from './read-deployment.js';
import type { DesiredDeployment } from './desired-module.js';

export type ApplyValidation =
  | { ok: true; manifest: unknown; deployment: DesiredDeployment }
  | { ok: false; diagnostics: ApplyDiagnostic[] };

export function validateForApply(text: string): ApplyValidation {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return { ok: false, diagnostics: [{ code: 'JSON_SYNTAX', pointer: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const { deployment, diagnostics } = readDeployment(manifest);
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, manifest, deployment };
}
