/**
 * Runs once before the whole tap suite (`npm test` runs it first): starts the Docker Engine if none
 * runs and builds the local base images, so test files running in parallel never race to build them.
 * Not tap's own `before` hook: tap measures coverage of that script and then fails the run on it.
 * Failures are printed, not thrown: each test that needs the service then fails (CI) or skips.
 */
import { ensureBaseImages } from './base-images.js';
import { ensureDockerEngine } from './docker-engine.js';
import { readHarnessState, writeHarnessState } from './state.js';

try {
  const { startedPid } = await ensureDockerEngine();
  if (startedPid !== undefined) writeHarnessState({ ...readHarnessState(), dockerdPid: startedPid });
  ensureBaseImages();
} catch (error) {
  process.stderr.write(`test harness: ${error instanceof Error ? error.message : String(error)}\n`);
}
