/**
 * The shapes scaffolding agrees on: the languages a module can be written in, a template as the
 * adapter read it from disk, and the file operations a render produces for the CLI to apply.
 */

export const LANGUAGES = ['node', 'python', 'java', 'csharp', 'c'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** One file of a template folder, path relative to the template root with `/` separators. */
export interface TemplateFile {
  path: string;
  content: string;
  /** Keep the executable bit (scripts such as a Maven wrapper). */
  executable?: boolean;
}

/** What rendering produces: every file it would create, relative to the target directory. */
export interface WriteFileOperation {
  kind: 'write';
  path: string;
  content: string;
  executable?: boolean;
}

/** An edit of a file that already exists (a deployment template), as its whole new text. */
export interface EditFileOperation {
  kind: 'edit';
  path: string;
  content: string;
  /** Human summary of what changed, for --dry-run and the result. */
  changes: string[];
}

export type FileOperation = WriteFileOperation | EditFileOperation;

/** Values substituted for `{{name}}` in template paths and contents. */
export type TemplateVariables = Readonly<Record<string, string>>;
