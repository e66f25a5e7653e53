/**
 * The validation pipeline, pure: text → JSON with positions (syntax, duplicate keys) → the schema
 * for the document's kind → readable findings → semantic rules → Diagnostics with line:column.
 * `edgectl validate` and the supervisor (when it is handed a deployment) both call this.
 */
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseJsonWithPositions, type JsonParseResult } from '../json/json-parse.js';
import { LineIndex } from '../json/line-index.js';
import * as compiled from './compiled-validators.js';
import { detectKind, isLayeredKind, isTemplateKind, isTemplateName, type DocumentKind } from './document-kind.js';
import { error, type Finding } from './finding.js';
import { locateFindings, sortDiagnostics } from './locate-findings.js';
import { extractModel } from './manifest-model.js';
import { moduleJsonRules } from './module-json-rules.js';
import { parseRouteText, type RouteParser } from './route-parser.js';
import { manifestRules } from './rules/index.js';
import type { Rule, RuleContext } from './rules/rule-context.js';
import { schemaFindings } from './schema-findings.js';

export interface ValidateOptions {
  /** Shown in every diagnostic; also decides the kind when it ends in .template.json or is module.json. */
  fileName: string;
  /** Force the document kind instead of detecting it from the name and content. */
  kind?: DocumentKind | 'auto';
  /** A layer of a layered deployment (routes may name modules of other layers). */
  layered?: boolean;
  /** Route parser to use; defaults to the shared one in src/core/routes. */
  parseRoute?: RouteParser;
}

export interface ValidationReport {
  kind: DocumentKind | undefined;
  diagnostics: Diagnostic[];
}

/** The entry point: every finding about one document, sorted by position. Never throws on bad input. */
export function validateDeployment(text: string, options: ValidateOptions): Diagnostic[] {
  return validateDocument(text, options).diagnostics;
}

export function validateDocument(text: string, options: ValidateOptions): ValidationReport {
  const lines = new LineIndex(text);
  const parsed = parse(text, options);
  const duplicates: Finding[] = parsed.duplicates.map((d) => error('DUPLICATE_KEY', d.pointer, `duplicate key "${d.key}": JSON readers keep only the last one, silently dropping line ${lines.locate(d.firstOffset).line}`, { atKey: true, hint: 'merge the two entries or rename one' }));
  if (!parsed.ok) {
    const at = lines.locate(parsed.error.offset);
    const syntax: Diagnostic = { severity: 'error', code: 'JSON_SYNTAX', message: `invalid JSON: ${parsed.error.message}`, file: options.fileName, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1, pointer: '' };
    return { kind: undefined, diagnostics: sortDiagnostics([syntax, ...locateFindings(duplicates, new Map(), lines, options.fileName)]) };
  }
  const kind = detectKind(parsed.value, options);
  const schema = schemaStage(kind, parsed.value);
  const ruleFindings: Finding[] = [];
  if (kind === 'module') ruleFindings.push(...moduleJsonRules(parsed.value));
  else {
    const context = {
      root: parsed.value,
      model: extractModel(parsed.value),
      kind,
      template: isTemplateKind(kind),
      layered: isLayeredKind(kind),
      parseRoute: options.parseRoute ?? parseRouteText,
    };
    for (const rule of manifestRules) ruleFindings.push(...runRule(rule, context));
  }
  const findings = [...duplicates, ...withoutSupersededTypeErrors(schema, ruleFindings), ...ruleFindings];
  return { kind, diagnostics: sortDiagnostics(locateFindings(findings, parsed.spans, lines, options.fileName)) };
}

/**
 * A rule that throws is a bug in edgectl; it becomes an error diagnostic (so the document is not
 * passed as valid) instead of an exception in the caller, which may be the supervisor.
 */
function runRule(rule: Rule, context: RuleContext): Finding[] {
  try {
    return rule(context);
  } catch (caught) {
    const detail = caught instanceof Error ? caught.message : String(caught);
    return [error('INTERNAL_RULE_ERROR', '', `check "${rule.name}" failed: ${detail}`, { hint: 'this is a bug in edgectl; please report it with the file that triggers it' })];
  }
}

/** A rule's error about a value says more than the schema's bare type error about the same value. */
function withoutSupersededTypeErrors(schema: readonly Finding[], rules: readonly Finding[]): Finding[] {
  const explained = new Set(rules.filter((f) => f.severity === 'error').map((f) => f.pointer));
  return schema.filter((f) => f.code !== 'SCHEMA_TYPE' || !explained.has(f.pointer));
}

function parse(text: string, options: ValidateOptions): JsonParseResult {
  const forced = options.kind !== undefined && options.kind !== 'auto' ? options.kind : undefined;
  const templateByName = forced === undefined ? isTemplateName(options.fileName) : isTemplateKind(forced);
  const first = parseJsonWithPositions(text, { barePlaceholders: templateByName });
  if (first.ok || templateByName || forced !== undefined || !text.includes('${')) return first;
  // A template with `"ttl": ${TTL}` under another name: accept it only if it says it is a template.
  const retry = parseJsonWithPositions(text, { barePlaceholders: true });
  return retry.ok && isTemplateKind(detectKind(retry.value, options)) ? retry : first;
}

function schemaStage(kind: DocumentKind, value: unknown): Finding[] {
  const validator = {
    deployment: compiled.validateDeploymentSchema,
    template: compiled.validateTemplateSchema,
    layered: compiled.validateLayeredSchema,
    'layered-template': compiled.validateLayeredSchema,
    module: compiled.validateModuleJsonSchema,
  }[kind];
  if (validator(value)) return [];
  return schemaFindings(validator.errors ?? [], value);
}
