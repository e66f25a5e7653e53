/**
 * The parsed form of a route's WHERE condition (the IoT Hub query language subset edgeHub runs).
 * Every node carries its span in the route text, for diagnostics, and its static type: edgeHub
 * type-checks conditions when it compiles a route, and so do we (condition-types.ts).
 */
import type { TextSpan } from './route-types.js';

/**
 * Static types as edgeHub's compiler sees them. Properties are strings; `$body.…` queries are
 * `dynamic` (their type is only known per message, like edgeHub's QueryValue).
 */
export type StaticType = 'number' | 'string' | 'bool' | 'null' | 'undefined' | 'dynamic';

/** What a condition evaluates to at run time; JS `undefined` is the query language's undefined. */
export type QueryValue = number | string | boolean | null | undefined;

export type BinaryOperator =
  | '*' | '/' | '%'
  | '+' | '-' | '||'
  | '<' | '<=' | '>' | '>='
  | '=' | '!='
  | 'AND' | 'OR'
  | '??';

export type UnaryOperator = '-' | 'NOT';

/** One step of a `$body` JSON path: a member name, or an array index. */
export type BodyPathStep = string | number;

interface NodeBase {
  span: TextSpan;
  type: StaticType;
}

export interface LiteralNode extends NodeBase {
  kind: 'literal';
  value: QueryValue;
}

/** A bare name: an application property of the message. */
export interface AppPropertyNode extends NodeBase {
  kind: 'app-property';
  name: string;
}

/**
 * `$name`: an application property literally named `$name` if the message has one, otherwise the
 * system property `name` (edgeHub gives the application property precedence). `{$name}` skips
 * the application property.
 */
export interface SystemPropertyNode extends NodeBase {
  kind: 'system-property';
  name: string;
  escaped: boolean;
}

/** `$body.a.b[0]`: a query into a JSON body; an application property of that exact name wins unless escaped. */
export interface BodyQueryNode extends NodeBase {
  kind: 'body-query';
  /** The text after `$body.`, e.g. "a.b[0]". */
  query: string;
  path: readonly BodyPathStep[];
  escaped: boolean;
}

export interface UnaryNode extends NodeBase {
  kind: 'unary';
  op: UnaryOperator;
  operand: Expression;
}

export interface BinaryNode extends NodeBase {
  kind: 'binary';
  /** `<>` is normalised to `!=`. */
  op: BinaryOperator;
  left: Expression;
  right: Expression;
  opSpan: TextSpan;
}

export interface CallNode extends NodeBase {
  kind: 'call';
  /** Lower-case canonical name, e.g. "is_defined" (built-in names are case-insensitive). */
  name: string;
  args: readonly Expression[];
  nameSpan: TextSpan;
}

/** `twin_change_includes(properties.desired.x)`: its argument is a path, not an expression. */
export interface TwinChangeIncludesNode extends NodeBase {
  kind: 'twin-change-includes';
  query: string;
  path: readonly BodyPathStep[];
}

export type Expression =
  | LiteralNode
  | AppPropertyNode
  | SystemPropertyNode
  | BodyQueryNode
  | UnaryNode
  | BinaryNode
  | CallNode
  | TwinChangeIncludesNode;
