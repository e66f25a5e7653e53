/**
 * Rendering is pure: a template's files plus variables become write operations. Substitution is a
 * tiny `{{name}}` replacer with no logic, so a template stays a real project a developer can read.
 * An unknown `{{name}}` is a bug in the template, not something to leave silently in a user's tree.
 */
import type { TemplateFile, TemplateVariables, WriteFileOperation } from './scaffold-types.js';

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

/**
 * Dotfiles are stored renamed in templates/: npm publishing drops or rewrites some of them
 * (.gitignore becomes .npmignore), and a real .dockerignore or .env would act on the template
 * folder itself. They get their real names back on write.
 */
const STORED_DOTFILES: Readonly<Record<string, string>> = {
  _gitignore: '.gitignore',
  _dockerignore: '.dockerignore',
  _env: '.env',
  _editorconfig: '.editorconfig',
};

export class TemplateVariableError extends Error {
  constructor(readonly variable: string, readonly file: string) {
    super(`template file ${file} uses {{${variable}}}, which is not defined`);
    this.name = 'TemplateVariableError';
  }
}

/** Replaces every `{{name}}` with its value; throws TemplateVariableError on an unknown name. */
export function substitute(text: string, variables: TemplateVariables, file = '<text>'): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new TemplateVariableError(name, file);
    return value;
  });
}

/** The name a stored file is written under: `_gitignore` → `.gitignore`, in any folder. */
export function restoreDotfile(path: string): string {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const restored = STORED_DOTFILES[base];
  return restored === undefined ? path : path.slice(0, slash + 1) + restored;
}

/** Template files + variables → the files to write, sorted by path so plans and snapshots are stable. */
export function renderTemplate(files: readonly TemplateFile[], variables: TemplateVariables): WriteFileOperation[] {
  const operations = files.map((file): WriteFileOperation => ({
    kind: 'write',
    path: restoreDotfile(substitute(file.path, variables, file.path)),
    content: substitute(file.content, variables, file.path),
    ...(file.executable === true ? { executable: true } : {}),
  }));
  const seen = new Set<string>();
  for (const operation of operations) {
    if (seen.has(operation.path)) throw new Error(`template renders two files to ${operation.path}`);
    seen.add(operation.path);
  }
  return operations.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Prefixes every operation's path with a folder (e.g. `modules/filter`). */
export function underDirectory<T extends { path: string }>(operations: readonly T[], directory: string): T[] {
  const prefix = directory.replace(/\/+$/, '');
  return operations.map((operation) => ({ ...operation, path: prefix === '' || prefix === '.' ? operation.path : `${prefix}/${operation.path}` }));
}
