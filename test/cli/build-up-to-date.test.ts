/**
 * The up-to-date check against the real engine: an unchanged module is not built again (no build
 * steps, same image ID), and every input that decides the image makes the engine build for real.
 * The module builds on a base image of its own, so retagging it cannot disturb other tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { ensureBaseImages } from '../harness/base-images.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run, runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { writeNodeSolution } from './node-solution.js';

interface BuildDoc { images: Array<{ image: string; imageId: string; upToDate: boolean }> }
interface Outcome { imageId: string; upToDate: boolean; built: boolean; upToDateEvent: boolean }

t.test('an unchanged module is up to date; each input that shapes the image rebuilds it', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const suffix = randomBytes(4).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-up-to-date-'));
  const base = `edgectl-test-base-${suffix}:1`;
  const image = `127.0.0.1:1/uptodate${suffix}:0.0.1-amd64`;
  t.teardown(() => {
    run('docker', ['rmi', '-f', image, base]);
    rmSync(dir, { recursive: true, force: true });
  });
  const buildBase = (round: number) => runOrThrow('docker', ['build', '-q', '-t', base, '-'], { input: `FROM node:20-bookworm-slim\nLABEL round=${round}\n`, env: { ...process.env, DOCKER_BUILDKIT: '0' } }).trim();
  buildBase(1);
  const moduleDir = writeNodeSolution(join(dir, 'solution'), '127.0.0.1:1', { moduleName: `uptodate${suffix}` });
  const dockerfile = join(moduleDir, 'Dockerfile.amd64');
  writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace('FROM node:20-bookworm-slim', `FROM ${base}`));
  mkdirSync(join(moduleDir, 'docs'));
  writeFileSync(join(moduleDir, 'docs', 'keep.txt'), 'kept\n');
  writeFileSync(join(moduleDir, 'docs', 'drop.txt'), 'dropped\n');
  writeFileSync(join(moduleDir, '.dockerignore'), 'secret.txt\nnode_modules\ndocs\n!docs/keep.txt\n');
  const env = { SOURCE_DATE_EPOCH: '1700000000', XDG_CACHE_HOME: join(dir, 'cache') };

  const build = async (args: string[] = []): Promise<Outcome> => {
    const result = await runEdgectl(['build', '--json', ...args], { cwd: join(dir, 'solution'), env, timeoutMs: 300_000 });
    t.equal(result.exitCode, 0, `edgectl build ${args.join(' ')} exits 0${result.exitCode === 0 ? '' : `: ${result.stderr.slice(-2000)}`}`);
    const events = result.stderr.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { event: string });
    const first = result.json<BuildDoc>().images[0];
    return { imageId: first?.imageId ?? '', upToDate: first?.upToDate ?? false, built: events.some((e) => e.event === 'build.step'), upToDateEvent: events.some((e) => e.event === 'build.up-to-date') };
  };
  const expectBuilt = (outcome: Outcome, why: string) => t.ok(outcome.built && !outcome.upToDate && !outcome.upToDateEvent, `${why}: the engine built`);
  const expectUpToDate = (outcome: Outcome, previous: Outcome, why: string) => {
    t.ok(!outcome.built && outcome.upToDate && outcome.upToDateEvent, `${why}: up to date, nothing sent to the engine`);
    t.equal(outcome.imageId, previous.imageId, `${why}: the result carries the image ID`);
  };

  const first = await build();
  expectBuilt(first, 'first build');
  const labels = JSON.parse(runOrThrow('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', image])) as Record<string, string>;
  t.match(labels['io.edgectl.build-key'], /^sha256:[0-9a-f]{64}$/, 'the key is stored on the image');
  expectUpToDate(await build(), first, 'unchanged');

  writeFileSync(join(moduleDir, 'secret.txt'), 'a new secret, still ignored\n');
  writeFileSync(join(moduleDir, 'docs', 'drop.txt'), 'changed, still ignored\n');
  expectUpToDate(await build(), first, 'only ignored files changed');

  writeFileSync(join(moduleDir, 'app.js'), 'console.log("changed");\n');
  const changedFile = await build();
  expectBuilt(changedFile, 'a changed source file');
  t.not(changedFile.imageId, first.imageId, 'a new image');
  expectUpToDate(await build(), changedFile, 'unchanged again');

  writeFileSync(join(moduleDir, 'docs', 'keep.txt'), 'kept, and changed\n');
  const reincluded = await build();
  expectBuilt(reincluded, 'a changed file that .dockerignore brings back in');
  t.not(reincluded.imageId, changedFile.imageId);

  const moduleJson = join(moduleDir, 'module.json');
  writeFileSync(moduleJson, readFileSync(moduleJson, 'utf8').replace('GREETING=hello-from-build-arg', 'GREETING=hello-again'));
  const buildArg = await build();
  expectBuilt(buildArg, 'a changed build arg');
  const greeting = run('docker', ['run', '--rm', image, 'node', '-p', 'process.env.GREETING']);
  t.equal(greeting.stdout, 'hello-again\n', `and the image has it ${greeting.stderr}`);

  const rebuiltBase = buildBase(2);
  t.match(rebuiltBase, /^sha256:/);
  const afterBase = await build();
  expectBuilt(afterBase, 'the base image was rebuilt under the same tag');
  t.not(afterBase.imageId, buildArg.imageId);
  expectUpToDate(await build(), afterBase, 'unchanged after the base changed');

  runOrThrow('docker', ['rmi', '-f', image]);
  const afterDelete = await build();
  expectBuilt(afterDelete, 'the image was deleted');

  const noCache = await build(['--no-cache']);
  expectBuilt(noCache, '--no-cache');
  t.not(noCache.imageId, afterDelete.imageId, '--no-cache made new layers');
  expectUpToDate(await build(), noCache, 'after --no-cache the key is stored again');

  const human = await runEdgectl(['build'], { cwd: join(dir, 'solution'), env, timeoutMs: 300_000 });
  t.match(human.stderr, /up to date sha256:[0-9a-f]{64}/, 'human and CI lines say up to date');
  t.match(human.stdout, /\(up to date\)/);
});
