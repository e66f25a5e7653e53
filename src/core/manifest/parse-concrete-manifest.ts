/**
 * For code that acts on a deployment (the supervisor applying one): validate it as a concrete
 * manifest and, only when it has no errors, hand back the typed object. Placeholders and template
 * leniency never apply here, whatever the document says about itself.
 */
import type { DeploymentManifest } from '../../protocol/deployment-manifest.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { validateDocument } from './validate-deployment.js';

export type ConcreteManifestResult =
  | { ok: true; manifest: DeploymentManifest; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export function parseConcreteManifest(text: string, options: { fileName: string }): ConcreteManifestResult {
  const report = validateDocument(text, { fileName: options.fileName, kind: 'deployment' });
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: report.diagnostics };
  const manifest = JSON.parse(text) as DeploymentManifest & { moduleContent?: DeploymentManifest['modulesContent'] };
  // The legacy key is accepted with a warning; callers always read `modulesContent`.
  if (manifest.modulesContent === undefined && manifest.moduleContent !== undefined) {
    manifest.modulesContent = manifest.moduleContent;
    delete manifest.moduleContent;
  }
  return { ok: true, manifest, warnings: report.diagnostics };
}
