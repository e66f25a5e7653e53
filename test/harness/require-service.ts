/**
 * The rule for tests that need a real service: in CI (CI set) a missing service is a failure,
 * never a skip; on a developer's machine the test skips with a message naming the service.
 */
import type { Test } from 'tap';

export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * Runs `start`; if it throws, fails the test in CI or skips it locally. Returns the service, or
 * undefined when the caller must stop (the test has been failed or skipped already).
 */
export async function requireService<T>(t: Test, name: string, start: () => Promise<T>): Promise<T | undefined> {
  try {
    return await start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (inCi()) {
      t.fail(`required service ${name} is not available: ${reason}`);
    } else {
      t.pass(`${name} is needed`, { skip: `${name} is not available here (${reason}); CI runs this test for real` });
    }
    return undefined;
  }
}
