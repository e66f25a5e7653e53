/** A local supervisor that cannot start: the error says how it exited and shows the end of its log. */
import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDevicePaths } from '../../src/cli/local-device.js';
import { runEdgectl } from '../harness/cli.js';

t.test('a supervisor that exits at once: its exit code and its last log lines', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'edgectl-local-start-'));
  t.teardown(() => rmSync(home, { recursive: true, force: true }));
  const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), EDGECTL_LOCAL_SUPERVISOR_ARGS: '--no-such-flag' };
  const paths = localDevicePaths(env);
  mkdirSync(paths.stateDir, { recursive: true });
  // A long log from earlier starts: only its last three lines are shown, this start's last.
  writeFileSync(paths.log, 'an earlier start\n'.repeat(1000));
  const run = await runEdgectl(['status', '--json'], { env, cwd: home });
  t.not(run.exitCode, 0);
  const { error } = run.json<{ error: { code: string; message: string } }>();
  t.equal(error.code, 'LOCAL_SUPERVISOR_START_FAILED');
  t.equal(error.message, "the local supervisor did not start (exit 2): an earlier start | an earlier start | edge-supervisor: Unknown option '--no-such-flag'");
});
