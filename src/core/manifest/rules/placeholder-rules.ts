/**
 * Placeholders left in a concrete manifest: a device would run an image literally named
 * "${MODULES.filter}". `$VAR` is only an error where Azure's tools would have expanded it and a
 * shell would not (createOptions commands and route conditions legitimately contain `$`).
 * CI pipeline tokens (`<Build.BuildNumber>`, `#{X}#`) are warnings: a pipeline replaces them.
 */
import { joinPointer } from '../../json/json-pointer.js';
import { error, warning, type Finding } from '../finding.js';
import { findPlaceholders, isShoutingName } from '../placeholders.js';
import type { Rule } from './rule-context.js';

export const placeholdersLeft: Rule = ({ root, template }) => {
  if (template) return [];
  const findings: Finding[] = [];
  walkStrings(root, (text, pointerOf) => {
    const matches = findPlaceholders(text);
    if (matches.length === 0) return;
    const pointer = pointerOf();
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

/**
 * Visits every string in a document. The pointer is built only on request (`pointerOf()`): most
 * strings are clean, and building a pointer for each would dominate the walk on large manifests.
 */
export function walkStrings(value: unknown, visit: (text: string, pointerOf: () => string) => void): void {
  const path: (string | number)[] = [];
  const pointerOf = (): string => joinPointer(path);
  const walk = (node: unknown): void => {
    if (typeof node === 'string') visit(node, pointerOf);
    else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) { path.push(i); walk(node[i]); path.pop(); }
    } else if (node !== null && typeof node === 'object') {
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        path.push(key);
        walk((node as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(value);
}
