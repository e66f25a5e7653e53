/**
 * The one gate a manifest passes before a device accepts it: the full `edgectl validate` pipeline
 * (schema + semantic rules, as a concrete deployment), then the supervisor's own reading of it into
 * modules. The CLI runs it before sending anything; the supervisor runs it again on what it receives.
 */
import { parseConcreteManifest } from '../manifest/parse-concrete-manifest.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { readDesiredDeployment } from './read-desired-deployment.js';
import type { DesiredDeployment } from './desired-module.js';

export type ApplyValidation =
  | { ok: true; manifest: unknown; deployment: DesiredDeployment; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export function validateForApply(text: string, fileName = 'deployment.json'): ApplyValidation {
  const checked = parseConcreteManifest(text, { fileName });
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics.filter((d) => d.severity === 'error') };
  const { deployment, diagnostics } = readDesiredDeployment(checked.manifest);
  if (diagnostics.length > 0) {
    // What validate accepts but the supervisor cannot run (it should be rare): same shape, no position.
    return {
      ok: false,
      diagnostics: diagnostics.map((d) => ({ severity: 'error', code: d.code, message: d.message, file: fileName, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: d.pointer })),
    };
  }
  return { ok: true, manifest: checked.manifest, deployment, warnings: checked.warnings.filter((d) => d.severity === 'warning') };
}
