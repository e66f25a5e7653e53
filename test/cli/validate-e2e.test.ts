/** edgectl validate / genconfig as a user runs them: exit codes, --json and SARIF shapes, bad inputs. */
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { AZURE } from '../core/manifest/corpus-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'edgectl-validate-'));
const good = readFileSync(join(AZURE, 'Azure__iotedgehubdev__tests_test_compose_resources_deployment_with_custom_volume.json'), 'utf8');
writeFileSync(join(dir, 'good.json'), good);
writeFileSync(join(dir, 'bad.json'), good.replace('"running"', '"runing"'));
writeFileSync(join(dir, 'broken.json'), '{"modulesContent": ');
writeFileSync(join(dir, 'big.json'), `{"x":"${'a'.repeat(70 * 1024)}"}`);
writeFileSync(join(dir, 'name\nwith\u001b[31mescape.json'), '{');

t.test('exit 0 on a valid manifest', async (t) => {
  const run = await runEdgectl(['validate', 'good.json'], { cwd: dir });
  t.equal(run.exitCode, 0, run.stderr);
  t.match(run.stdout, /good\.json: valid/);
});

t.test('exit 1 with a compiler-style diagnostic and caret', async (t) => {
  const run = await runEdgectl(['validate', 'bad.json'], { cwd: dir });
  t.equal(run.exitCode, 1);
  t.match(run.stdout, /bad\.json:\d+:\d+: error\[SCHEMA_ENUM\]/);
  t.match(run.stdout, /\^+/);
});

t.test('--json: one document with diagnostics', async (t) => {
  const run = await runEdgectl(['validate', 'bad.json', 'good.json', '--json'], { cwd: dir });
  t.equal(run.exitCode, 1);
  const doc = run.json<{ ok: boolean; errors: number; files: unknown[]; diagnostics: { code: string; line: number; pointer: string }[] }>();
  t.equal(doc.ok, false);
  t.equal(doc.files.length, 2);
  t.ok(doc.diagnostics.some((d) => d.code === 'SCHEMA_ENUM' && d.line > 0 && d.pointer.startsWith('/modulesContent/')));
});

t.test('--format sarif: a SARIF 2.1.0 log', async (t) => {
  const run = await runEdgectl(['validate', '--format', 'sarif', 'bad.json'], { cwd: dir });
  t.equal(run.exitCode, 1);
  const sarif = run.json<{ version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }>();
  t.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  t.equal(run0?.tool.driver.name, 'edgectl');
  t.ok(run0?.results.some((r) => r.ruleId === 'SCHEMA_ENUM' && r.level === 'error' && r.locations[0]?.physicalLocation.artifactLocation.uri === 'bad.json'));
  const withJson = await runEdgectl(['validate', '--json', '--format', 'sarif', 'bad.json'], { cwd: dir });
  t.equal(withJson.json<{ version: string }>().version, '2.1.0', 'the global --json keeps SARIF');
});

t.test('--strict fails on warnings', async (t) => {
  writeFileSync(join(dir, 'latest.json'), good.replace(/"image": "([^":]+):[^"]+"/, '"image": "$1:latest"'));
  t.equal((await runEdgectl(['validate', 'latest.json'], { cwd: dir })).exitCode, 0);
  t.equal((await runEdgectl(['validate', '--strict', 'latest.json'], { cwd: dir })).exitCode, 1);
});

t.test('bad inputs: malformed JSON is exit 1, unreadable files exit 2', async (t) => {
  const broken = await runEdgectl(['validate', 'broken.json'], { cwd: dir });
  t.equal(broken.exitCode, 1);
  t.match(broken.stdout, /JSON_SYNTAX/);
  const missing = await runEdgectl(['validate', 'nope.json', '--json'], { cwd: dir });
  t.equal(missing.exitCode, 2);
  t.equal(missing.json<{ error: { code: string } }>().error.code, 'FILE_NOT_FOUND');
  const big = await runEdgectl(['validate', '--max-size', '64KiB', 'big.json', '--json'], { cwd: dir });
  t.equal(big.exitCode, 2);
  t.equal(big.json<{ error: { code: string } }>().error.code, 'FILE_TOO_LARGE');
  t.equal((await runEdgectl(['validate', '.'], { cwd: dir })).exitCode, 2, 'a directory');
  t.equal((await runEdgectl(['validate', '/dev/zero'], { cwd: dir })).exitCode, 2, 'a device');
  t.equal((await runEdgectl(['validate', '--format', 'xml', 'good.json'], { cwd: dir })).exitCode, 2, 'bad --format');
  const hostile = await runEdgectl(['validate', 'name\nwith\u001b[31mescape.json'], { cwd: dir });
  t.equal(hostile.exitCode, 1);
  t.notOk(hostile.stdout.includes('\u001b[31m'), 'control characters in a path are escaped');
});

t.test('genconfig: expands, writes atomically, and names undefined variables', async (t) => {
  const sol = join(dir, 'solution');
  mkdirSync(join(sol, 'modules', 'filter'), { recursive: true });
  writeFileSync(join(sol, 'modules', 'filter', 'module.json'), JSON.stringify({ image: { repository: '${REG}/filter', tag: { version: '1.2.3', platforms: { amd64: './Dockerfile.amd64', arm64v8: './Dockerfile.arm64v8' } } } }));
  const template = JSON.parse(good) as { modulesContent: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const desired = template.modulesContent['$edgeAgent']['properties.desired'];
  const first = Object.keys(desired.modules)[0] as string;
  desired.modules[first].settings.image = '${MODULES.filter}';
  desired.modules[first].settings.createOptions = { HostConfig: { Binds: Array.from({ length: 40 }, (_, i) => `/data/${i}:/data/${i}`) } };
  writeFileSync(join(sol, 'deployment.template.json'), JSON.stringify({ '$schema-template': '4.0.0', modulesContent: template.modulesContent }, null, 2));
  writeFileSync(join(sol, '.env'), 'export REG="localhost:5000"   # the local registry\nUNUSED=1\n');
  const run = await runEdgectl(['genconfig', '--platform', 'arm64v8', '--json'], { cwd: sol });
  t.equal(run.exitCode, 0, run.stdout + run.stderr);
  const out = JSON.parse(readFileSync(join(sol, 'config', 'deployment.arm64v8.json'), 'utf8')) as typeof template;
  const settings = (out as any).modulesContent.$edgeAgent['properties.desired'].modules[first].settings; // eslint-disable-line @typescript-eslint/no-explicit-any
  t.equal(settings.image, 'localhost:5000/filter:1.2.3-arm64v8');
  t.type(settings.createOptions, 'string');
  t.ok(settings.createOptions01 !== undefined && settings.createOptions.length === 512, 'chunked at 512');
  const env = await runEdgectl(['genconfig', '--platform', 'arm64v8', '--json'], { cwd: sol, env: { REG: 'example.io' } });
  t.equal(env.exitCode, 0);
  t.match(readFileSync(join(sol, 'config', 'deployment.arm64v8.json'), 'utf8'), /example\.io\/filter/, 'the environment wins over .env');
  const dry = await runEdgectl(['genconfig', '--platform', 'amd64', '--dry-run'], { cwd: sol });
  t.equal(dry.exitCode, 0, dry.stderr);
  t.match(JSON.parse(dry.stdout), { modulesContent: {} }, '--dry-run prints the manifest');
  t.notOk(existsSync(join(sol, 'config', 'deployment.amd64.json')), '--dry-run writes nothing');
  writeFileSync(join(sol, '.env'), '');
  const undef = await runEdgectl(['genconfig', '--json'], { cwd: sol });
  t.equal(undef.exitCode, 2);
  const doc = undef.json<{ error: { code: string; message: string } }>();
  t.equal(doc.error.code, 'UNDEFINED_VARIABLE');
  t.match(doc.error.message, /REG/);
  t.ok(existsSync(join(sol, 'config', 'deployment.arm64v8.json')), 'the earlier output is untouched');
});
