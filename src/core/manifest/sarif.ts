/**
 * Diagnostics as a SARIF 2.1.0 log, the format code-scanning services (GitHub, Azure DevOps)
 * ingest from CI pipelines: one run, one rule per diagnostic code, one result per diagnostic.
 */
import type { Diagnostic } from '../../protocol/diagnostic.js';

export const DIAGNOSTICS_DOC_URL = 'https://edgectl.dev/docs/diagnostics';

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

export function toSarif(diagnostics: readonly Diagnostic[], tool: { version: string }, toUri: (file: string) => string = defaultUri): SarifLog {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.hint === undefined ? d.message : `${d.message}. ${d.hint}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: toUri(d.file) },
        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: Math.max(d.endColumn, d.column + (d.endLine === d.line ? 1 : 0)) },
      },
      ...(d.pointer === '' ? {} : { logicalLocations: [{ fullyQualifiedName: d.pointer, kind: 'member' }] }),
    }],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'edgectl',
          version: tool.version,
          informationUri: 'https://edgectl.dev',
          rules: codes.map((code) => ({ id: code, name: code, helpUri: `${DIAGNOSTICS_DOC_URL}#${code.toLowerCase()}`, shortDescription: { text: code.toLowerCase().replace(/_/g, ' ') } })),
        },
      },
      results,
    }],
  };
}

/** Relative paths as URI references with forward slashes; reserved characters percent-encoded. */
function defaultUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map((part) => encodeURIComponent(part)).join('/');
}
