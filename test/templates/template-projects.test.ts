/**
 * The generated projects' own tests, run as their developers would: `npm ci && npm test` for the
 * Node module and the sample sensor (packages from the npm registry), `python3 -m unittest` for
 * Python (the SDK stays out of the filter logic, so nothing needs installing), and for C a CMake
 * configure + build + ctest with EDGE_MODULE_WITH_SDK=OFF, because azure-iot-sdk-c is not on this
 * machine (the Dockerfiles build it from source). Java and .NET are checked structurally elsewhere:
 * Maven Central and NuGet are out of reach here.
 */
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { run } from '../harness/processes.js';
import { inCi } from '../harness/require-service.js';
import { temporaryDirectory } from './rendered-tree.js';

const CI_ENV = { CI: '1' };

async function solutionWith(language: string, name: string): Promise<string> {
  const work = temporaryDirectory(`proj-${language}`);
  const created = await runEdgectl(['new', 'solution', 'sol', '--module', name, '--lang', language], { cwd: work, env: CI_ENV });
  if (created.exitCode !== 0) throw new Error(`new solution failed: ${created.stderr}`);
  return join(work, 'sol');
}

/** Runs a tool the template test needs; a missing tool fails in CI and skips elsewhere. */
function tool(t: Test, file: string, args: string[], cwd: string, timeoutMs = 300_000): ReturnType<typeof run> | undefined {
  try {
    return run(file, args, { cwd, timeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (inCi()) t.fail(`${file} is required: ${reason}`);
    else t.pass(`${file} is needed`, { skip: reason });
    return undefined;
  }
}

t.test('the Node module and the sample sensor pass their own npm test', async (t) => {
  const root = await solutionWith('node', 'filter');
  for (const dir of ['modules/filter', 'modules/SimulatedTemperatureSensor']) {
    const cwd = join(root, dir);
    const install = tool(t, 'npm', ['ci', '--no-audit', '--no-fund'], cwd);
    if (install === undefined) return;
    t.equal(install.status, 0, `${dir}: npm ci from the committed lock file: ${install.stderr.slice(-2000)}`);
    const test = tool(t, 'npm', ['test'], cwd);
    t.equal(test?.status, 0, `${dir}: npm test: ${test?.stdout.slice(-2000)}`);
    t.match(test?.stdout, /# fail 0/);
    t.match(test?.stdout, /# pass [1-9]/);
  }
});

t.test('the Python module passes its unittest suite without the SDK installed', async (t) => {
  const root = await solutionWith('python', 'filter');
  const result = tool(t, 'python3', ['-m', 'unittest', '-v'], join(root, 'modules/filter'));
  if (result === undefined) return;
  t.equal(result.status, 0, result.stderr);
  t.match(result.stderr, /Ran [1-9]\d* tests/);
  t.match(result.stderr, /\nOK\s*$/);
  const compiled = tool(t, 'python3', ['-m', 'py_compile', 'main.py'], join(root, 'modules/filter'));
  t.equal(compiled?.status, 0, `main.py compiles: ${compiled?.stderr}`);
});

t.test('the C module configures, builds and passes ctest without the SDK', async (t) => {
  const root = await solutionWith('c', 'filter');
  const cwd = join(root, 'modules/filter');
  const configure = tool(t, 'cmake', ['-S', '.', '-B', 'build', '-DEDGE_MODULE_WITH_SDK=OFF'], cwd);
  if (configure === undefined) return;
  t.equal(configure.status, 0, configure.stderr);
  const build = tool(t, 'cmake', ['--build', 'build'], cwd);
  t.equal(build?.status, 0, build?.stderr ?? '');
  const ctest = tool(t, 'ctest', ['--test-dir', 'build', '--output-on-failure'], cwd);
  t.equal(ctest?.status, 0, ctest?.stdout ?? '');
  t.match(ctest?.stdout, /100% tests passed/);
  // With the SDK option on (the default) and no SDK installed, configure says what is missing.
  const withSdk = tool(t, 'cmake', ['-S', '.', '-B', 'build-sdk'], cwd);
  if (withSdk !== undefined && withSdk.status !== 0) t.match(withSdk.stderr, /azure_iot_sdks/);
});
