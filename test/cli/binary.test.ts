/** The built binary end to end, as a user or a CI pipeline runs it. */
import t from 'tap';
import { once } from 'node:events';
import { runEdgectl, spawnEdgectl } from '../harness/cli.js';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

t.test('edgectl --version prints the package version', async (t) => {
  const result = await runEdgectl(['--version']);
  t.equal(result.exitCode, 0);
  t.equal(result.stdout, `${pkg.version}\n`);
});

t.test('edgectl nonsense exits 2 with a suggestion; --json gives one error document', async (t) => {
  const text = await runEdgectl(['nonsense']);
  t.equal(text.exitCode, 2);
  t.match(text.stderr, /UNKNOWN_COMMAND/);
  const json = await runEdgectl(['--json', 'nonsense']);
  t.equal(json.exitCode, 2);
  t.equal(json.json<{ error: { code: string } }>().error.code, 'UNKNOWN_COMMAND');
});

t.test('doctor reports an unreachable engine with exit 1 and names DOCKER_HOST', async (t) => {
  const result = await runEdgectl(['doctor', '--json'], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  t.equal(result.exitCode, 1);
  const doc = result.json<{ ok: boolean; checks: { name: string; status: string; detail: string }[] }>();
  t.equal(doc.ok, false);
  const docker = doc.checks.find((c) => c.name === 'docker engine');
  t.equal(docker?.status, 'fail');
  t.match(docker?.detail, /unix:\/\/\/nonexistent\/docker.sock/);
});

t.test('edge-supervisor --version answers', async (t) => {
  const { runNode, SUPERVISOR_BIN } = await import('../harness/cli.js');
  const result = await runNode(SUPERVISOR_BIN, ['--version']);
  t.equal(result.exitCode, 0);
  t.equal(result.stdout, `${pkg.version}\n`);
});

t.test('a reader that closes the pipe early (edgectl … | head) ends edgectl quietly, exit 0', async (t) => {
  const child = spawnEdgectl(['--help']);
  // Closed before edgectl writes anything: its first write meets EPIPE.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  t.equal(code, 0);
  t.notMatch(stderr, /EPIPE|Error/, 'no stack trace');
});
