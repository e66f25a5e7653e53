/**
 * Prompts on a real terminal: edgectl runs under a pseudo-terminal (Python's pty module drives it,
 * sending keys when a prompt appears). Enter accepts the defaults; Ctrl-C at a prompt exits 130
 * and leaves the solution as it was.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { EDGECTL_BIN, runEdgectl, userEnvironment } from '../harness/cli.js';
import { inCi } from '../harness/require-service.js';
import { listFiles, temporaryDirectory } from './rendered-tree.js';

// argv: cwd, keys (JSON list of [prompt-substring, keys-to-send]), then the command to run.
const DRIVER = `
import json, os, pty, select, sys, time
cwd, script, argv = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cwd)
    os.execv(argv[0], argv)
seen, step, deadline = b"", 0, time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    if step < len(script) and script[step][0].encode() in seen:
        time.sleep(0.2)
        os.write(fd, script[step][1].encode())
        seen, step = b"", step + 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(str(os.waitstatus_to_exitcode(status)))
`;

function drive(cwd: string, keys: Array<[string, string]>, args: string[]): { exitCode: number | undefined; error?: string } {
  const env: NodeJS.ProcessEnv = { ...userEnvironment(), NO_COLOR: '1' };
  delete env['CI'];
  // Through `env -u NODE_OPTIONS`, as test/harness/cli.ts does: tap re-injects its loaders into children.
  const result = spawnSync('env', ['-u', 'NODE_OPTIONS', 'python3', '-c', DRIVER, cwd, JSON.stringify(keys), process.execPath, EDGECTL_BIN, ...args], { env, encoding: 'utf8', timeout: 90_000 });
  if (result.error !== undefined) return { exitCode: undefined, error: result.error.message };
  return { exitCode: Number(result.stdout.trim()), ...(result.status === 0 ? {} : { error: result.stderr }) };
}

async function solution(): Promise<string> {
  const work = temporaryDirectory('tty');
  await runEdgectl(['new', 'solution', 'sol'], { cwd: work, env: { CI: '1' } });
  return join(work, 'sol');
}

t.test('on a terminal, missing values are asked for and Enter takes the defaults', async (t) => {
  const root = await solution();
  const run = drive(root, [['Language', '\r'], ['Module name', '\r'], ['Image repository', '\r']], ['new', 'module']);
  if (run.error !== undefined && run.exitCode === undefined) {
    if (inCi()) t.fail(`python3 with pty is required: ${run.error}`);
    else t.pass('python3 is needed', { skip: run.error });
    return;
  }
  t.equal(run.exitCode, 0, run.error ?? '');
  t.ok(listFiles(root).includes('modules/filtermodule/app.js'), 'the default name and language were used');
  t.match(readFileSync(join(root, 'modules/filtermodule/module.json'), 'utf8'), /"repository": "localhost:5000\/filtermodule"/);
});

t.test('Ctrl-C at a prompt exits 130 and leaves nothing behind', async (t) => {
  const root = await solution();
  const before = listFiles(root);
  const template = readFileSync(join(root, 'deployment.template.json'));
  const run = drive(root, [['Module name', '\u0003']], ['new', 'module', '--lang', 'node']);
  if (run.exitCode === undefined) {
    if (inCi()) t.fail(`python3 with pty is required: ${run.error ?? ''}`);
    else t.pass('python3 is needed', { skip: run.error ?? '' });
    return;
  }
  t.equal(run.exitCode, 130);
  t.same(listFiles(root), before);
  t.ok(readFileSync(join(root, 'deployment.template.json')).equals(template));
});

t.test('new solution on a terminal asks for the folder and a first module', async (t) => {
  const work = temporaryDirectory('tty-solution');
  const run = drive(work, [['Solution folder', '\r'], ['First module', '\r'], ['Language', '\r']], ['new', 'solution']);
  if (run.exitCode === undefined) {
    if (inCi()) t.fail(`python3 with pty is required: ${run.error ?? ''}`);
    else t.pass('python3 is needed', { skip: run.error ?? '' });
    return;
  }
  t.equal(run.exitCode, 0, run.error ?? '');
  const files = listFiles(join(work, 'EdgeSolution'));
  t.ok(files.includes('modules/filtermodule/app.js'), 'the default first module, in Node');
  t.match(readFileSync(join(work, 'EdgeSolution', 'deployment.template.json'), 'utf8'), /SimulatedTemperatureSensorTofiltermodule/);
});
