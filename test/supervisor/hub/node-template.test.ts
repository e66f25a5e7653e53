/**
 * The scaffolded Node module (templates/node, rendered) runs unchanged against the hub: a sensor on the
 * real SDK feeds it through a route, it forwards what is above its twin's TemperatureThreshold to
 * $upstream, and a changed threshold in the deployment reaches it as a desired-property patch.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { listens, startTestHub, until } from './hub-fixture.js';

const checkout = fileURLToPath(new URL('../../../../', import.meta.url));

/** The template rendered where Node finds this checkout's node_modules (under dist/, which git ignores). */
function renderNodeTemplate(): string {
  const parent = join(checkout, 'dist', 'rendered-templates');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'filter-'));
  const values: Record<string, string> = { moduleName: 'filter', moduleNameLower: 'filter', temperatureThreshold: '25' };
  for (const file of ['app.js', 'filter.js', 'package.json']) {
    const text = readFileSync(join(checkout, 'templates', 'node', file), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

t.test('the Node template filter, unchanged, between a sensor and $upstream', async (t) => {
  const deployment = {
    modules: ['sensor', 'filter'],
    routes: {
      sensorToFilter: 'FROM /messages/modules/sensor/outputs/* INTO BrokeredEndpoint("/modules/filter/inputs/input1")',
      filterToUpstream: 'FROM /messages/modules/filter/outputs/output1 INTO $upstream',
    },
    moduleTwins: { filter: { TemperatureThreshold: 25 } },
  };
  const hub = await startTestHub(deployment);
  t.teardown(() => hub.cleanup());
  const dir = renderNodeTemplate();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const filter = spawn(process.execPath, [join(dir, 'app.js')], { env: { PATH: process.env['PATH'] ?? '', ...hub.env('filter') }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => filter.kill('SIGKILL'));
  const lines: string[] = [];
  createInterface({ input: filter.stdout }).on('line', (line) => lines.push(line));
  filter.stderr.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString()}`));

  await until(() => lines.includes('temperature threshold: 25') && listens(hub.hub, 'filter', 'inputs'), `the filter to start (${lines.join(' | ')})`);
  const sensor = hub.start('sensor');
  await sensor.next((e) => e.event === 'open');
  const json = { contentType: 'application/json', contentEncoding: 'utf-8' };
  for (const temperature of [20, 30, 22, 40]) sensor.send({ op: 'send', output: 'temperatureOutput', body: JSON.stringify({ machine: { temperature } }), ...json });
  await until(() => hub.hub.readUpstream().length >= 2, 'two alerts upstream');
  const alerts = hub.hub.readUpstream();
  t.same(alerts.map((m) => (JSON.parse(m.body.toString()) as { machine: { temperature: number } }).machine.temperature), [30, 40], 'only readings above 25 pass');
  t.match(alerts[0], { module: 'filter', applicationProperties: { MessageType: 'Alert' }, systemProperties: { outputName: 'output1', connectionModuleId: 'filter' } });

  await until(() => listens(hub.hub, 'filter', 'desired'), 'the filter to watch its desired properties');
  hub.hub.applyDeployment({ ...deployment, moduleTwins: { filter: { TemperatureThreshold: 35 } } });
  await until(() => lines.includes('temperature threshold is now 35'), 'the new threshold to reach the filter');
  for (const temperature of [33, 38]) sensor.send({ op: 'send', output: 'temperatureOutput', body: JSON.stringify({ machine: { temperature } }), ...json });
  await until(() => hub.hub.readUpstream().length >= 3, 'a third alert');
  t.equal(JSON.parse(hub.hub.readUpstream().at(-1)?.body.toString() ?? '{}').machine.temperature, 38, 'the deployment\'s new threshold applies');
  t.equal(hub.hub.readUpstream().length, 3);
});
