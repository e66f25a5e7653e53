/**
 * The one error type of edgectl. Every failure a user can see is an EdgeError with a stable `code`
 * (documented in docs/errors.md), a message saying what happened and where, a hint naming the next
 * command to run, and the process exit code it maps to.
 */

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface EdgeErrorInit {
  /** Stable, upper-snake-case identifier, e.g. MANIFEST_INVALID. Never reworded once shipped. */
  code: string;
  message: string;
  /** What to do next, ideally a command the user can paste. */
  hint?: string;
  exitCode?: ExitCode;
  /** Structured detail for --json consumers (diagnostics, module names…). Must hold no secrets. */
  details?: unknown;
  cause?: unknown;
}

export class EdgeError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly details: unknown;

  constructor(init: EdgeErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'EdgeError';
    this.code = init.code;
    this.hint = init.hint;
    this.exitCode = init.exitCode ?? ExitCode.failed;
    this.details = init.details;
  }
}

/** A mistake in how the command was called or in the input it was given: exit 2. */
export function usageError(code: string, message: string, hint?: string, details?: unknown): EdgeError {
  return new EdgeError({
    code,
    message,
    exitCode: ExitCode.usage,
    ...(hint === undefined ? {} : { hint }),
    ...(details === undefined ? {} : { details }),
  });
}

export function isEdgeError(value: unknown): value is EdgeError {
  return value instanceof EdgeError;
}

/** The JSON shape of an error on stdout under --json. */
export interface ErrorDocument {
  error: { code: string; message: string; hint?: string; details?: unknown };
}

export function toErrorDocument(error: EdgeError): ErrorDocument {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}
