/** Runs once after the whole tap suite (`npm test` runs it last): stops the dockerd the setup started, if any. */
import { readFileSync } from 'node:fs';
import { readHarnessState, writeHarnessState } from './state.js';

const { dockerdPid, ...rest } = readHarnessState();
// The pid was written by an earlier setup: if that dockerd is gone, the number may now be any other
// process's (once, a CI script's own shell), so only a process that still is dockerd gets the signal.
if (dockerdPid !== undefined && isDockerd(dockerdPid)) {
  try {
    process.kill(dockerdPid, 'SIGTERM');
  } catch {
    // Already gone: nothing to stop.
  }
}
writeHarnessState(rest);

function isDockerd(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return argv0 === 'dockerd' || argv0.endsWith('/dockerd');
  } catch {
    return false;
  }
}
