/**
 * Compiles a parsed condition into a closure once, so the hub evaluates each message with plain
 * function calls: no re-parsing, no tree walk, property names and paths resolved ahead of time.
 */
import type { Expression, QueryValue } from './condition-ast.js';
import { bodyPathPresent, readBodyPath } from './body-path.js';
import { findBuiltin } from './builtins.js';
import { and, arithmetic, compare, not, or } from './query-operators.js';
import { bodyDocument, type RouteMessage } from './route-message.js';

type Evaluate = (message: RouteMessage) => QueryValue;
export type CompiledCondition = (message: RouteMessage) => boolean;

const compiledCache = new WeakMap<Expression, CompiledCondition>();

/** A predicate for the condition; no condition (no WHERE) matches every message. */
export function compileCondition(expression: Expression | undefined): CompiledCondition {
  if (expression === undefined) return () => true;
  const evaluate = compileNode(expression);
  return (message) => evaluate(message) === true;
}

/** Evaluates a condition, compiling it on first use and reusing the compiled form afterwards. */
export function evaluateCondition(expression: Expression | undefined, message: RouteMessage): boolean {
  if (expression === undefined) return true;
  let compiled = compiledCache.get(expression);
  if (compiled === undefined) {
    compiled = compileCondition(expression);
    compiledCache.set(expression, compiled);
  }
  return compiled(message);
}

/** The raw value of an expression (true, 12, 'a', null, undefined…), for tests and tooling. */
export function evaluateExpression(expression: Expression, message: RouteMessage): QueryValue {
  return compileNode(expression)(message);
}

// edgeHub's property bags are case-insensitive (`KEY1` reads `key1`). The exact name is tried
// first; on a miss, only keys of the same length are lower-cased and compared, so a miss costs
// a short scan and nothing is cached that could go stale if a bag changes.
function readProperty(bag: Readonly<Record<string, string>>, name: string, lowerName: string): string | undefined {
  const exact = bag[name];
  if (typeof exact === 'string') return exact;
  for (const key in bag) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) {
      const value = bag[key];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}

/** A reader of one property, with its lower-cased name computed once. */
function propertyReader(name: string): (bag: Readonly<Record<string, string>>) => string | undefined {
  const lowerName = name.toLowerCase();
  return (bag) => readProperty(bag, name, lowerName);
}

function compileNode(node: Expression): Evaluate {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'app-property': {
      const read = propertyReader(node.name);
      return (message) => read(message.applicationProperties);
    }
    case 'system-property': {
      const readSystem = propertyReader(node.name);
      if (node.escaped) return (message) => readSystem(message.systemProperties);
      // An application property literally named "$name" takes precedence (edgeHub's rule).
      const readApp = propertyReader(`$${node.name}`);
      return (message) => readApp(message.applicationProperties) ?? readSystem(message.systemProperties);
    }
    case 'body-query': {
      const path = node.path;
      const fromBody = (message: RouteMessage): QueryValue => {
        const document = bodyDocument(message);
        return document === undefined ? undefined : readBodyPath(document, path);
      };
      if (node.escaped) return fromBody;
      const readApp = propertyReader(`$body.${node.query}`);
      return (message) => readApp(message.applicationProperties) ?? fromBody(message);
    }
    case 'twin-change-includes': {
      const path = node.path;
      return (message) => {
        const document = bodyDocument(message);
        return document === undefined ? undefined : bodyPathPresent(document, path);
      };
    }
    case 'unary':
      return compileUnary(node.op, compileNode(node.operand), node.operand.type === 'dynamic');
    case 'binary':
      return compileBinary(node.op, compileNode(node.left), compileNode(node.right), node.left.type === 'dynamic' || node.right.type === 'dynamic', node.left.type);
    case 'call': {
      const builtin = findBuiltin(node.name);
      if (builtin === undefined) return () => undefined;
      const args = node.args.map(compileNode);
      const run = builtin.run;
      if (args.length === 1) {
        const [only] = args as [Evaluate];
        return (message) => run([only(message)]);
      }
      return (message) => run(args.map((arg) => arg(message)));
    }
  }
}

function compileUnary(op: '-' | 'NOT', operand: Evaluate, dynamic: boolean): Evaluate {
  if (op === '-') {
    return (message) => {
      const value = operand(message);
      return typeof value === 'number' ? -value : undefined;
    };
  }
  // A $body value must itself be a boolean; only the literal/static null negates to true.
  if (dynamic) {
    return (message) => {
      const value = operand(message);
      return typeof value === 'boolean' ? !value : undefined;
    };
  }
  return (message) => not(operand(message));
}

function compileBinary(op: Extract<Expression, { kind: 'binary' }>['op'], left: Evaluate, right: Evaluate, dynamic: boolean, leftType: Expression['type']): Evaluate {
  switch (op) {
    case '<': case '<=': case '>': case '>=': case '=': case '!=':
      return (message) => compare(op, left(message), right(message));
    case '*': case '/': case '%': case '+': case '-':
      return (message) => arithmetic(op, left(message), right(message));
    case '||':
      return (message) => {
        const a = left(message);
        const b = right(message);
        return typeof a === 'string' && typeof b === 'string' ? a + b : undefined;
      };
    case 'AND':
      return (message) => and(left(message), right(message), dynamic);
    case 'OR':
      return (message) => or(left(message), right(message), dynamic);
    case '??':
      // A left side that is undefined by type is skipped outright, as edgeHub compiles it.
      if (leftType === 'undefined') return right;
      return (message) => {
        const value = left(message);
        return value !== undefined ? value : right(message);
      };
  }
}
