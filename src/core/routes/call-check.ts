/**
 * The checks edgeHub makes on a built-in call when it compiles a route: the function exists
 * (names are case-insensitive), the argument count fits, and some signature takes the argument
 * types. Returns the call's static result type.
 */
import { closestMatch } from '../closest-match.js';
import { acceptsArgCount, BUILTIN_NAMES, describeArity, findBuiltin, selectSignature, type Builtin } from './builtins.js';
import type { Expression, StaticType } from './condition-ast.js';
import { fail } from './condition-diagnostics.js';
import { typeName } from './condition-types.js';
import type { Token } from './route-lexer.js';
import type { TextSpan } from './route-types.js';

export function requireBuiltin(nameToken: Token): Builtin {
  const builtin = findBuiltin(nameToken.text);
  if (builtin !== undefined) return builtin;
  const suggestion = closestMatch(nameToken.text, BUILTIN_NAMES);
  return fail(`unknown function ${nameToken.text}${suggestion === undefined ? '' : `; did you mean ${suggestion}?`}`, nameToken.span, `the built-in functions are ${BUILTIN_NAMES.join(', ')}`);
}

export function callResultType(builtin: Builtin, args: readonly Expression[], span: TextSpan): StaticType {
  const name = builtin.name;
  if (!acceptsArgCount(builtin, args.length)) fail(`${name} ${describeArity(builtin)}, got ${args.length}`, span);
  const signature = selectSignature(builtin, args.map((arg) => arg.type));
  if (signature !== undefined) return signature.result;
  const expected = builtin.signatures.map((s) => `${name}(${s.args.map(typeName).join(', ')}${s.variadic ? ', …' : ''})`).join(' or ');
  return fail(`invalid arguments to built-in function '${name}': ${name}(${args.map((arg) => typeName(arg.type)).join(', ')})`, span, `expected ${expected}`);
}
