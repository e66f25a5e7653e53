/** What every semantic rule receives, and the shape of a rule: a small pure function. */
import type { DocumentKind } from '../document-kind.js';
import type { Finding } from '../finding.js';
import type { ManifestModel } from '../manifest-model.js';
import type { RouteParser } from '../route-parser.js';

export interface RuleContext {
  root: unknown;
  model: ManifestModel;
  kind: DocumentKind;
  /** Placeholders are expected (a template): rules skip values that still hold one. */
  template: boolean;
  /** A layer of a layered deployment: other layers may define what this one refers to. */
  layered: boolean;
  parseRoute: RouteParser;
}

export type Rule = (context: RuleContext) => Finding[];
