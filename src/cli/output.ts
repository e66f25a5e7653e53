/**
 * The only place that writes to the terminal. Commands hand it data; it decides how to show it:
 * human text (colour and spinners only on a TTY) or, under --json, exactly one JSON document on
 * stdout with all progress on stderr.
 */
import type { EdgeError } from '../core/errors.js';
import { toErrorDocument } from '../core/errors.js';
import { PLAIN_STYLE, type Style } from './style.js';

export interface TerminalStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface OutputOptions {
  json: boolean;
  /** Colour, or PLAIN_STYLE (the default) for none: see style.ts. */
  style?: Style;
  debug: boolean;
  stdout: TerminalStream;
  stderr: TerminalStream;
}

export interface Spinner {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
}

export class Output {
  readonly json: boolean;
  readonly debugEnabled: boolean;
  readonly style: Style;
  private readonly stdout: TerminalStream;
  private readonly stderr: TerminalStream;
  private resultWritten = false;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.debugEnabled = options.debug;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.style = options.style ?? PLAIN_STYLE;
  }

  /** The command's answer: JSON under --json, otherwise the human rendering. Written once. */
  result<T>(data: T, renderHuman: (data: T, style: Style) => string): void {
    if (this.resultWritten) throw new Error('Output.result called twice: a command has one answer');
    this.resultWritten = true;
    if (this.json) {
      this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    const text = renderHuman(data, this.style);
    if (text.length > 0) this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A line of progress; always on stderr so stdout stays machine-readable. */
  progress(message: string): void {
    this.stderr.write(`${this.json ? message : this.style.dim(message)}\n`);
  }

  warn(message: string): void {
    this.stderr.write(`${this.style.yellow('warning')}: ${message}\n`);
  }

  debug(message: string): void {
    if (this.debugEnabled) this.stderr.write(`${this.style.dim(`debug: ${message}`)}\n`);
  }

  /** A structured progress event, one JSON object per line on stderr (NDJSON) under --json. */
  event(event: Record<string, unknown>, human: string): void {
    this.stderr.write(this.json ? `${JSON.stringify(event)}\n` : `${human}\n`);
  }

  /**
   * A spinner on an interactive terminal, plain start/end lines elsewhere (CI logs stay readable).
   * ora is loaded only when a spinner is really shown.
   */
  async spinner(text: string): Promise<Spinner> {
    if (this.json || this.stderr.isTTY !== true) {
      this.progress(text);
      return {
        update: (next) => this.progress(next),
        succeed: (done) => { if (done !== undefined) this.progress(done); },
        fail: (failed) => { if (failed !== undefined) this.progress(failed); },
      };
    }
    const { default: ora } = await import('ora');
    const spinner = ora({ text, stream: this.stderr as NodeJS.WritableStream }).start();
    return {
      update: (next) => { spinner.text = next; },
      succeed: (done) => { spinner.succeed(done); },
      fail: (failed) => { spinner.fail(failed); },
    };
  }

  /** One line of a streamed answer (logs): straight to stdout as it comes. */
  line(text: string): void {
    this.stdout.write(`${text}\n`);
  }

  /** Whether live, redrawn output (a table updated in place) can be shown: a TTY and no --json. */
  get canRedraw(): boolean {
    return !this.json && this.stderr.isTTY === true;
  }

  private liveLines = 0;

  /** Redraws a block on stderr in place of the previous one; only call when canRedraw. */
  live(text: string): void {
    const up = this.liveLines > 0 ? `\x1b[${this.liveLines}F\x1b[J` : '';
    const body = text.endsWith('\n') ? text : `${text}\n`;
    this.stderr.write(up + body);
    this.liveLines = body.split('\n').length - 1;
  }

  /** Reports a failure: one JSON document on stdout under --json, readable text on stderr otherwise. */
  error(error: EdgeError): void {
    if (this.json) {
      if (!this.resultWritten) this.stdout.write(`${JSON.stringify(toErrorDocument(error), null, 2)}\n`);
      this.resultWritten = true;
      return;
    }
    const s = this.style;
    let text = `${s.red(s.bold('error'))}${s.dim(`[${error.code}]`)}: ${error.message}\n`;
    if (error.hint !== undefined) text += `  ${s.cyan('hint')}: ${error.hint}\n`;
    this.stderr.write(text);
  }

  /** A bug: say so, say how to report it, and show the stack only with --debug. */
  bug(error: unknown, reportUrl: string): void {
    const detail = error instanceof Error ? error.message : String(error);
    const message = `unexpected internal error: ${detail}`;
    const hint = `this is a bug in edgectl; please report it at ${reportUrl} with the command you ran` +
      (this.debugEnabled ? '' : ' and the output of the same command with --debug');
    if (this.json) {
      this.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message, hint } }, null, 2)}\n`);
    } else {
      this.stderr.write(`${this.style.red(this.style.bold('error'))}${this.style.dim('[INTERNAL]')}: ${message}\n  ${this.style.cyan('hint')}: ${hint}\n`);
    }
    if (this.debugEnabled && error instanceof Error && error.stack !== undefined) {
      this.stderr.write(`${error.stack}\n`);
    }
  }
}
