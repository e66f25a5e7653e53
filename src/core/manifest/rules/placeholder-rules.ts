/**
 * Placeholders left in a concrete manifest: a device would run an image literally named
 * "${MODULES.filter}". `$VAR` is only an error where Azure's tools would have expanded it and a
 * shell would not (createOptions commands and route conditions legitimately contain `$`).
 * CI pipeline tokens (`<Build.BuildNumber>`, `#{X}#`) are warnings: a pipeline replaces them.
 */
import { appendPointer } from '../../json/json-pointer.js';
import { error, warning, type Finding } from '../finding.js';
import { findPlaceholders, isShoutingName } from '../placeholders.js';
import type { Rule } from './rule-context.js';

export const placeholdersLeft: Rule = ({ root, template }) => {
  if (template) return [];
  const findings: Finding[] = [];
  walkStrings(root, '', (text, pointer) => {
    const matches = findPlaceholders(text);
    if (matches.length === 0) return;
    const inRoute = /\/routes\//.test(pointer) || /\/properties\.desired\.routes\./.test(pointer);
    const inCreateOptions = /\/createOptions(\d\d)?$/i.test(pointer);
    const pipeline = matches.filter((m) => m.kind === 'pipeline');
    for (const m of matches) {
      if (m.kind === 'braced') {
        findings.push(error('PLACEHOLDER_UNEXPANDED', pointer, `placeholder "\${${m.name}}" is not expanded`, { within: m, hint: 'run `edgectl genconfig` on the template, or replace the placeholder' }));
      } else if (m.kind === 'bare' && isShoutingName(m.name) && !inRoute && !inCreateOptions) {
        findings.push(error('PLACEHOLDER_UNEXPANDED', pointer, `placeholder "$${m.name}" is not expanded`, { within: m, hint: 'run `edgectl genconfig` on the template, or replace the placeholder' }));
      }
    }
    if (pipeline.length > 0 && !inRoute) {
      findings.push(warning('PIPELINE_TOKEN', pointer, `CI pipeline token${pipeline.length > 1 ? 's' : ''} ${pipeline.map((m) => text.slice(m.offset, m.offset + m.length)).join(', ')} must be replaced before deployment`, { within: pipeline[0] ?? { offset: 0, length: 0 } }));
    }
  });
  return findings;
};

export function walkStrings(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, appendPointer(pointer, i), visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) walkStrings(child, appendPointer(pointer, key), visit);
  }
}
