/**
 * Which module names and image repositories scaffolding accepts. A name becomes a folder, a key in
 * the deployment manifest, an image repository (lowercased, as Azure's tools do) and an identifier
 * in the module's language, so it must be valid in all four. Anything that could be a path
 * (`../x`, `/abs`) or shell syntax (`;`, `$(…)`, spaces) fails the first rule already.
 */
import type { Language } from './scaffold-types.js';

export type NameCheck = { ok: true } | { ok: false; reason: string };

const MAX_LENGTH = 64;
// Azure's schema allows [A-Za-z0-9_-]; its generators also refuse a leading or trailing `_`.
const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// One path component of a Docker repository (distribution/reference's grammar).
const REPOSITORY_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY_HOST = /^(?:\$\{[A-Z_][A-Z0-9_]*\}|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?)$/;
const RESERVED_MODULES = new Set(['edgeagent', 'edgehub']);

const KEYWORDS: Readonly<Record<Exclude<Language, 'node'>, readonly string[]>> = {
  python: ['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'],
  java: ['abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extends', 'false', 'final', 'finally', 'float', 'for', 'goto', 'if', 'implements', 'import', 'instanceof', 'int', 'interface', 'long', 'native', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch', 'synchronized', 'this', 'throw', 'throws', 'transient', 'true', 'try', 'void', 'volatile', 'while', 'var', 'record', 'yield'],
  csharp: ['abstract', 'as', 'base', 'bool', 'break', 'byte', 'case', 'catch', 'char', 'checked', 'class', 'const', 'continue', 'decimal', 'default', 'delegate', 'do', 'double', 'else', 'enum', 'event', 'explicit', 'extern', 'false', 'finally', 'fixed', 'float', 'for', 'foreach', 'goto', 'if', 'implicit', 'in', 'int', 'interface', 'internal', 'is', 'lock', 'long', 'namespace', 'new', 'null', 'object', 'operator', 'out', 'override', 'params', 'private', 'protected', 'public', 'readonly', 'ref', 'return', 'sbyte', 'sealed', 'short', 'sizeof', 'stackalloc', 'static', 'string', 'struct', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'uint', 'ulong', 'unchecked', 'unsafe', 'ushort', 'using', 'virtual', 'void', 'volatile', 'while', 'System', 'Microsoft'],
  c: ['auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile', 'while', 'main'],
};

const LANGUAGE_LABEL: Readonly<Record<Language, string>> = {
  node: 'an npm package name',
  python: 'a Python module name',
  java: 'a Java package and class name',
  csharp: 'a .NET namespace',
  c: 'a C identifier',
};

/** What the user is told whenever a name is refused. */
export const MODULE_NAME_RULE =
  'a module name starts with a letter and has only letters, digits, `_` and (Node only) `-`, at most 64 characters, not ending in `_` or `-`';

export function checkModuleName(name: string, language: Language): NameCheck {
  if (name.length === 0) return { ok: false, reason: 'the module name is empty' };
  if (name.length > MAX_LENGTH) return { ok: false, reason: `the module name is longer than ${MAX_LENGTH} characters` };
  if (!MODULE_NAME.test(name) || /[_-]$/.test(name)) return { ok: false, reason: `"${printable(name)}" is not a valid module name` };
  if (RESERVED_MODULES.has(name.toLowerCase())) return { ok: false, reason: `"${name}" is the name of a system module` };
  if (!REPOSITORY_COMPONENT.test(name.toLowerCase())) {
    return { ok: false, reason: `"${name.toLowerCase()}" is not a valid Docker repository name (no doubled or mixed separators)` };
  }
  if (language === 'node') return { ok: true };
  if (!IDENTIFIER.test(name)) return { ok: false, reason: `"${name}" is not ${LANGUAGE_LABEL[language]} (no \`-\`)` };
  const keywords = KEYWORDS[language];
  if (keywords.includes(name) || (language === 'java' && keywords.includes(name.toLowerCase()))) {
    return { ok: false, reason: `"${name}" is a reserved word in ${LANGUAGE_LABEL[language]}` };
  }
  return { ok: true };
}

/** `[registry-host[:port]/]path/…` with lowercase path components; `${VAR}` allowed as the host (module.json is env-expanded). */
export function checkRepository(repository: string): NameCheck {
  const parts = repository.split('/');
  const reason = `"${printable(repository)}" is not a Docker repository (expected e.g. localhost:5000/filtermodule, lowercase, no tag)`;
  if (repository.length === 0 || repository.length > 255) return { ok: false, reason };
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('${'));
  if (hasHost && !REGISTRY_HOST.test(first)) return { ok: false, reason };
  const path = hasHost ? parts.slice(1) : parts;
  if (path.length === 0 || !path.every((component) => REPOSITORY_COMPONENT.test(component))) return { ok: false, reason };
  return { ok: true };
}

/** The repository Azure's generators default to: a local registry and the lowercased name. */
export function defaultRepository(name: string): string {
  return `localhost:5000/${name.toLowerCase()}`;
}

/** Control characters and the like are shown escaped, so an error message cannot mess up a terminal. */
function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
