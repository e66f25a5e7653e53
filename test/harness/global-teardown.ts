/** Runs once after the whole tap suite (`npm test` runs it last): stops the dockerd the setup started, if any. */
import { readHarnessState, writeHarnessState } from './state.js';

const { dockerdPid, ...rest } = readHarnessState();
if (dockerdPid !== undefined) {
  try {
    process.kill(dockerdPid, 'SIGTERM');
  } catch {
    // Already gone: nothing to stop.
  }
  writeHarnessState(rest);
}
