/**
 * Ctrl-C as the end a user means for a followed stream or a watch: the work gets a signal that
 * SIGINT aborts, stops cleanly (closing what it opened, on the device too) and the command exits 0.
 */
export async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort();
  // `on`, not `once`: execa's exit hook re-raises a signal that no other listener is left to handle.
  process.on('SIGINT', onInterrupt);
  try {
    return await work(interrupt.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
