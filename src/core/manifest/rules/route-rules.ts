/**
 * Routes: each parsed fully, the modules they name exist in the deployment (an error in a full
 * manifest; a warning in a layer, whose modules may come from another layer), and modules that no
 * route names at all while other modules are chained by routes (their inputs receive nothing; a
 * forgotten route is the usual cause).
 */
import { error, warning, type Finding } from '../finding.js';
import { hasPlaceholder } from '../placeholders.js';
import type { Rule } from './rule-context.js';

export const routes: Rule = ({ model, layered, template, parseRoute }) => {
  const findings: Finding[] = [];
  const modules = new Set(model.modules.filter((m) => !m.system).map((m) => m.name));
  const named = new Set<string>();
  let moduleToModule = false;
  for (const route of model.routes) {
    // `%MODULE%` is a scaffolding token of Azure's solution templates, filled when a module is added.
    if (template && (hasPlaceholder(route.text.replace(/\$upstream/gi, '')) || /%[A-Z_]+%/.test(route.text))) continue;
    const result = parseRoute(route.text);
    if (!result.ok) {
      findings.push(error('ROUTE_SYNTAX', route.pointer, `route "${route.name}": ${result.error.message}`, {
        within: result.error.span,
        hint: result.error.hint ?? 'the form is FROM /messages/modules/<module>/outputs/<output> [WHERE <condition>] INTO BrokeredEndpoint("/modules/<module>/inputs/<input>") | $upstream',
      }));
      continue;
    }
    const { source, sink } = result.route;
    const references: { module: string; span: { offset: number; length: number }; role: string }[] = [];
    if (source.module !== undefined) references.push({ module: source.module, span: nameSpan(route.text, source.span, source.module), role: 'reads from' });
    if (sink.kind === 'module-input') moduleToModule = true;
    if (sink.kind === 'module-input') references.push({ module: sink.module, span: nameSpan(route.text, sink.span, sink.module), role: 'sends to' });
    for (const ref of references) {
      named.add(ref.module);
      if (modules.has(ref.module) || ref.module === '*') continue;
      const message = `route "${route.name}" ${ref.role} module "${ref.module}", which is not in this ${layered ? 'layer' : 'deployment'}`;
      const near = [...modules].find((m) => m.toLowerCase() === ref.module.toLowerCase());
      const extra = { within: ref.span, ...(near === undefined ? {} : { hint: `module names are case-sensitive: did you mean "${near}"?` }) };
      findings.push(layered ? warning('ROUTE_UNKNOWN_MODULE', route.pointer, message, extra) : error('ROUTE_UNKNOWN_MODULE', route.pointer, message, extra));
    }
  }
  // Only where module-to-module routing is in use: otherwise modules that never use messages
  // (storage, dashboards) would all be reported.
  if (!layered && moduleToModule) {
    for (const m of model.modules) {
      if (m.system || named.has(m.name)) continue;
      findings.push(warning('MODULE_NOT_ROUTED', m.pointer, `no route sends to module "${m.name}" or reads its outputs by name; nothing reaches its inputs`, {
        atKey: true,
        hint: `add a route such as FROM /messages/modules/<source>/outputs/* INTO BrokeredEndpoint("/modules/${m.name}/inputs/input1"), or ignore this for modules that do not use messages`,
      }));
    }
  }
  return findings;
};

/** The module name inside a source or sink ("/modules/<name>/…"), so the caret marks just the name. */
function nameSpan(text: string, span: { offset: number; length: number }, module: string): { offset: number; length: number } {
  const part = text.slice(span.offset, span.offset + span.length);
  const at = part.toLowerCase().indexOf(`/modules/${module.toLowerCase()}`);
  return at === -1 ? span : { offset: span.offset + at + '/modules/'.length, length: module.length };
}
