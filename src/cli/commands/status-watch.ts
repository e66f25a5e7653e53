/**
 * `edgectl status --watch`: the device's status polled until Ctrl-C. On a terminal the table is
 * redrawn in place; elsewhere a new one is printed only when something changed (CI logs stay short),
 * and with --json each change is one JSON document per line. A device that stops answering mid-watch
 * is shown as such and watched on, since that is what a user watching a rebooting device wants.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatusResponse } from '../../protocol/supervisor-api.js';

export type WatchUpdate =
  | { kind: 'status'; status: StatusResponse; changed: boolean }
  | { kind: 'unreachable'; error: Error; changed: boolean };

export interface WatchDeps {
  fetchStatus(): Promise<StatusResponse>;
  show(update: WatchUpdate): void;
  intervalMs: number;
  signal: AbortSignal;
}

/** Polls until the signal aborts; returns how many polls it made. The first poll's error is thrown. */
export async function watchStatus(deps: WatchDeps): Promise<number> {
  let lastStatus: string | undefined;
  let lastError: string | undefined;
  let polls = 0;
  while (!deps.signal.aborted) {
    try {
      const status = await deps.fetchStatus();
      const fingerprint = statusFingerprint(status);
      deps.show({ kind: 'status', status, changed: fingerprint !== lastStatus || lastError !== undefined });
      lastStatus = fingerprint;
      lastError = undefined;
    } catch (error) {
      if (polls === 0) throw error;
      const failure = error instanceof Error ? error : new Error(String(error));
      deps.show({ kind: 'unreachable', error: failure, changed: failure.message !== lastError });
      lastError = failure.message;
    }
    polls++;
    await sleep(deps.intervalMs, undefined, { signal: deps.signal }).catch(() => undefined);
  }
  return polls;
}

/**
 * What makes two statuses different to a reader: not the time they were observed, nor the
 * "Up 3 minutes" wording that ages by itself.
 */
export function statusFingerprint(status: StatusResponse): string {
  const modules = status.modules.map(({ description: _ignored, ...rest }) => rest);
  return JSON.stringify({ ...status, observedAt: undefined, modules });
}

/** `--interval` in seconds: a positive number, at most an hour. */
export function parseInterval(text: string | undefined): number | undefined {
  if (text === undefined) return 2_000;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 0.2 || seconds > 3600) return undefined;
  return Math.round(seconds * 1000);
}
