/**
 * `edgectl new solution` then `edgectl new module` for each language, through the built binary:
 * files present and as the --json result says, module.json valid, both deployment templates
 * updated, every Dockerfile parses, project files well-formed, and a snapshot of each rendered tree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { LANGUAGES, type Language } from '../../src/core/scaffold/scaffold-types.js';
import { finalUser, parseDockerfile } from './dockerfile-check.js';
import { listFiles, moduleJsonValidator, snapshotOf, temporaryDirectory } from './rendered-tree.js';
import { xmlProblems } from './xml-check.js';

const CI_ENV = { CI: '1' };
const PLATFORMS = ['amd64', 'amd64.debug', 'arm32v7', 'arm32v7.debug', 'arm64v8', 'arm64v8.debug'];
const RUNTIME_IMAGE: Record<Language, RegExp> = {
  node: /^node:20-bookworm-slim$/,
  python: /^python:3\.11-slim-bookworm$/,
  java: /^eclipse-temurin:17-jre$/,
  csharp: /^mcr\.microsoft\.com\/dotnet\/runtime:8\.0$/,
  c: /^debian:bookworm-slim$/,
};
const DEBUG_PORT: Record<Language, string | undefined> = { node: '9229', python: '5678', java: '5005', csharp: undefined, c: undefined };

interface ModuleResult {
  module: string;
  directory: string;
  files: string[];
  edited: Array<{ file: string; changes: string[] }>;
}
interface Manifest {
  modulesContent: Record<string, { 'properties.desired': { modules?: Record<string, { settings: { image: string } }>; routes?: Record<string, string> } }>;
}

async function freshSolution(): Promise<string> {
  const work = temporaryDirectory('new');
  const created = await runEdgectl(['new', 'solution', 'sol', '--json'], { cwd: work, env: CI_ENV });
  if (created.exitCode !== 0) throw new Error(`new solution failed: ${created.stderr}${created.stdout}`);
  return join(work, 'sol');
}

t.test('a fresh solution', async (t) => {
  const work = temporaryDirectory('sol');
  const run = await runEdgectl(['new', 'solution', 'sol', '--json'], { cwd: work, env: CI_ENV });
  t.equal(run.exitCode, 0, run.stderr);
  const result = run.json<{ files: string[] }>();
  const root = join(work, 'sol');
  t.same(listFiles(root), [...result.files].sort(), '--json lists exactly the files written');
  for (const file of ['deployment.template.json', 'deployment.debug.template.json', '.env', '.gitignore', 'modules/SimulatedTemperatureSensor/module.json']) {
    t.ok(result.files.includes(file), file);
  }
  t.match(readFileSync(join(root, '.gitignore'), 'utf8'), /^\.env$/m);
  t.match(readFileSync(join(root, '.gitignore'), 'utf8'), /^config\/$/m);
  t.match(readFileSync(join(root, '.env'), 'utf8'), /^# CONTAINER_REGISTRY_SERVER=/m);
  const manifest = JSON.parse(readFileSync(join(root, 'deployment.template.json'), 'utf8')) as Manifest & { modulesContent: Record<string, { 'properties.desired': { schemaVersion: string } }> };
  t.equal(manifest.modulesContent['$edgeAgent']?.['properties.desired'].schemaVersion, '1.1');
  t.equal(manifest.modulesContent['$edgeHub']?.['properties.desired'].schemaVersion, '1.2');
  t.matchSnapshot(snapshotOf(root), 'the solution tree');

  const again = await runEdgectl(['new', 'solution', 'sol'], { cwd: work, env: CI_ENV });
  t.equal(again.exitCode, 2, 'a non-empty folder is refused');
  t.match(again.stderr, /TARGET_EXISTS/);
});

for (const language of LANGUAGES) {
  t.test(`new module --lang ${language}`, async (t) => {
    const root = await freshSolution();
    const name = `${language}_filter`;
    const run = await runEdgectl(['new', 'module', name, '--lang', language, '--json'], { cwd: root, env: CI_ENV });
    t.equal(run.exitCode, 0, run.stderr);
    const result = run.json<ModuleResult>();
    const moduleDir = join(root, 'modules', name);
    t.same(listFiles(moduleDir).map((f) => `modules/${name}/${f}`), [...result.files].sort(), '--json lists exactly the files written');
    t.same(result.edited.map((e) => e.file), ['deployment.template.json', 'deployment.debug.template.json']);

    const moduleJson = JSON.parse(readFileSync(join(moduleDir, 'module.json'), 'utf8')) as { image: { repository: string; tag: { platforms: Record<string, string> } } };
    const validate = moduleJsonValidator();
    t.ok(validate(moduleJson), `module.json is valid against schemas/module.json: ${JSON.stringify(validate.errors)}`);
    t.equal(moduleJson.image.repository, `localhost:5000/${name}`);
    t.same(Object.keys(moduleJson.image.tag.platforms).sort(), [...PLATFORMS].sort());

    for (const [file, debug] of [['deployment.template.json', false], ['deployment.debug.template.json', true]] as const) {
      const manifest = JSON.parse(readFileSync(join(root, file), 'utf8')) as Manifest;
      const desired = (key: string) => manifest.modulesContent[key]?.['properties.desired'];
      t.equal(desired('$edgeAgent')?.modules?.[name]?.settings.image, `\${MODULES.${name}${debug ? '.debug' : ''}}`, `${file}: image`);
      t.equal(desired('$edgeHub')?.routes?.[`${name}ToIoTHub`], `FROM /messages/modules/${name}/outputs/* INTO $upstream`, `${file}: upstream route`);
      t.match(desired('$edgeHub')?.routes?.[`SimulatedTemperatureSensorTo${name}`], `BrokeredEndpoint("/modules/${name}/inputs/input1")`, `${file}: sensor route`);
    }

    for (const platform of PLATFORMS) {
      const dockerfile = moduleJson.image.tag.platforms[platform] ?? '';
      const report = parseDockerfile(readFileSync(join(moduleDir, dockerfile), 'utf8'));
      t.same(report.errors, [], `${dockerfile} parses`);
      t.ok(report.stages.length >= 2, `${dockerfile} is multi-stage`);
      t.match(report.stages.at(-1)?.image, RUNTIME_IMAGE[language], `${dockerfile} runtime image`);
      const user = finalUser(report);
      t.ok(user !== undefined && user !== 'root' && user !== '0', `${dockerfile} runs as ${user}, not root`);
      const port = DEBUG_PORT[language];
      if (platform.endsWith('.debug') && port !== undefined) {
        t.ok(report.stages.at(-1)?.instructions.some((i) => i.keyword === 'EXPOSE' && i.args.includes(port)), `${dockerfile} exposes ${port}`);
      }
    }
    for (const file of listFiles(moduleDir).filter((f) => f.endsWith('.xml') || f.endsWith('.csproj'))) {
      t.same(xmlProblems(readFileSync(join(moduleDir, file), 'utf8')), [], `${file} is well-formed XML`);
    }
    t.matchSnapshot(snapshotOf(moduleDir), `the ${language} module tree`);

    // The generated solution goes through the manifest pipeline: genconfig, then validate.
    for (const [template, output] of [['deployment.template.json', 'config/deployment.amd64.json'], ['deployment.debug.template.json', 'config/deployment.debug.amd64.json']] as const) {
      const generated = await runEdgectl(['genconfig', '-f', template, '--json'], { cwd: root, env: CI_ENV });
      t.equal(generated.exitCode, 0, `genconfig -f ${template}: ${generated.stdout}${generated.stderr}`);
      const validated = await runEdgectl(['validate', output, template], { cwd: root, env: CI_ENV });
      t.equal(validated.exitCode, 0, `validate ${output} ${template}: ${validated.stdout}${validated.stderr}`);
      const manifest = JSON.parse(readFileSync(join(root, output), 'utf8')) as Manifest;
      const image = manifest.modulesContent['$edgeAgent']?.['properties.desired'].modules?.[name]?.settings.image;
      t.equal(image, `localhost:5000/${name}:0.0.1-amd64${template.includes('debug') ? '.debug' : ''}`, `${output}: the module's image`);
    }
  });
}

t.test('java and csharp project files name the SDK, the test framework and the targets', async (t) => {
  const root = await freshSolution();
  await runEdgectl(['new', 'module', 'jfilter', '--lang', 'java'], { cwd: root, env: CI_ENV });
  await runEdgectl(['new', 'module', 'CsFilter', '--lang', 'csharp'], { cwd: root, env: CI_ENV });
  const pom = readFileSync(join(root, 'modules/jfilter/pom.xml'), 'utf8');
  t.match(pom, /<artifactId>iot-device-client<\/artifactId>/);
  t.match(pom, /<artifactId>junit-jupiter<\/artifactId>/);
  t.match(pom, /<maven\.compiler\.release>17<\/maven\.compiler\.release>/);
  t.match(pom, /<mainClass>com\.edgectl\.modules\.jfilter\.App<\/mainClass>/);
  t.match(readFileSync(join(root, 'modules/jfilter/src/main/java/com/edgectl/modules/jfilter/App.java'), 'utf8'), /^package com\.edgectl\.modules\.jfilter;/);
  const csproj = readFileSync(join(root, 'modules/CsFilter/CsFilter.csproj'), 'utf8');
  t.match(csproj, /<TargetFramework>net8\.0<\/TargetFramework>/);
  t.match(csproj, /<PackageReference Include="Microsoft\.Azure\.Devices\.Client"/);
  const tests = readFileSync(join(root, 'modules/CsFilter/tests/CsFilter.Tests.csproj'), 'utf8');
  t.match(tests, /<PackageReference Include="xunit"/);
  t.match(tests, /<ProjectReference Include="\.\.\/CsFilter\.csproj"/);
  t.match(readFileSync(join(root, 'modules/CsFilter/Program.cs'), 'utf8'), /^namespace CsFilter;/m);
});

t.test('hostile names: exit 2, nothing written, templates byte-identical', async (t) => {
  const root = await freshSolution();
  const before = new Map(['deployment.template.json', 'deployment.debug.template.json'].map((f) => [f, readFileSync(join(root, f))]));
  const filesBefore = listFiles(root);
  for (const name of ['../escape', '/abs', 'a;touch x', '$(touch x)', 'with space', 'x`touch y`', '-rf']) {
    const run = await runEdgectl(['new', 'module', '--lang', 'node', '--json', '--', name], { cwd: root, env: CI_ENV });
    t.equal(run.exitCode, 2, `${JSON.stringify(name)} exits 2`);
    t.equal(run.json<{ error: { code: string } }>().error.code, 'INVALID_MODULE_NAME', name);
  }
  const human = await runEdgectl(['new', 'module', 'a;touch x', '--lang', 'node'], { cwd: root, env: CI_ENV });
  t.match(human.stderr, /starts with a letter/, 'the message says what is allowed');
  t.same(listFiles(root), filesBefore, 'no file appeared or vanished');
  t.same(listFiles(join(root, '..')).filter((f) => !f.startsWith('sol/')), [], 'nothing outside the solution');
  for (const [file, bytes] of before) t.ok(readFileSync(join(root, file)).equals(bytes), `${file} is byte-identical`);
});

t.test('--dry-run writes nothing and lists the plan; a second module is not wired to the sensor', async (t) => {
  const root = await freshSolution();
  const filesBefore = listFiles(root);
  const dry = await runEdgectl(['new', 'module', 'filter', '--lang', 'python', '--dry-run', '--json'], { cwd: root, env: CI_ENV });
  t.equal(dry.exitCode, 0, dry.stderr);
  const plan = dry.json<ModuleResult & { dryRun: boolean }>();
  t.equal(plan.dryRun, true);
  t.ok(plan.files.includes('modules/filter/temperature_filter.py'));
  t.same(listFiles(root), filesBefore);
  const text = await runEdgectl(['new', 'module', 'filter', '--lang', 'python', '--dry-run'], { cwd: root, env: CI_ENV });
  t.match(text.stdout, /create modules\/filter\/main\.py/);
  t.match(text.stdout, /edit deployment\.template\.json: module filter/);

  t.equal((await runEdgectl(['new', 'module', 'first', '--lang', 'node'], { cwd: root, env: CI_ENV })).exitCode, 0);
  const second = await runEdgectl(['new', 'module', 'second', '--lang', 'node', '--json'], { cwd: root, env: CI_ENV });
  t.notMatch(second.json<ModuleResult>().edited[0]?.changes.join(), /SimulatedTemperatureSensorTo/);
  const exists = await runEdgectl(['new', 'module', 'second', '--lang', 'node'], { cwd: root, env: CI_ENV });
  t.equal(exists.exitCode, 2);
  t.match(exists.stderr, /MODULE_EXISTS[\s\S]*--force/);
});

t.test('without a TTY, a missing --lang is a usage error naming the flag', async (t) => {
  const root = await freshSolution();
  const run = await runEdgectl(['new', 'module', 'filter'], { cwd: root });
  t.equal(run.exitCode, 2);
  t.match(run.stderr, /--lang/);
});
