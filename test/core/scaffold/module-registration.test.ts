import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { imagePlaceholder, registerModule, RegistrationError } from '../../../src/core/scaffold/module-registration.js';
import { parseJsonText } from '../../../src/core/json/json-text.js';
import { LANGUAGES } from '../../../src/core/scaffold/scaffold-types.js';

const templatePath = (name: string): string => fileURLToPath(new URL(`../../../../templates/solution/${name}`, import.meta.url));
const solutionTemplate = readFileSync(templatePath('deployment.template.json'), 'utf8');
const debugTemplate = readFileSync(templatePath('deployment.debug.template.json'), 'utf8');

interface Manifest {
  modulesContent: Record<string, { 'properties.desired': Record<string, unknown> }>;
}
const read = (text: string): Manifest => parseJsonText(text).value as Manifest;
const modulesOf = (m: Manifest) => m.modulesContent['$edgeAgent']?.['properties.desired']['modules'] as Record<string, { settings: { image: string; createOptions: unknown } }>;
const routesOf = (m: Manifest) => m.modulesContent['$edgeHub']?.['properties.desired']['routes'] as Record<string, string>;

const input = { name: 'filter', language: 'node' as const, moduleDir: 'modules/filter', debug: false, keepExisting: false };

t.test('a module is registered with its image, routes and twin; the rest of the text is kept', async (t) => {
  const { content, changes } = registerModule(solutionTemplate, input);
  const manifest = read(content);
  t.equal(modulesOf(manifest)['filter']?.settings.image, '${MODULES.filter}');
  t.same(modulesOf(manifest)['filter']?.settings.createOptions, {});
  t.equal(routesOf(manifest)['filterToIoTHub'], 'FROM /messages/modules/filter/outputs/* INTO $upstream');
  t.equal(routesOf(manifest)['SimulatedTemperatureSensorTofilter'], 'FROM /messages/modules/SimulatedTemperatureSensor/outputs/temperatureOutput INTO BrokeredEndpoint("/modules/filter/inputs/input1")');
  t.same(manifest.modulesContent['filter'], { 'properties.desired': { TemperatureThreshold: 25 } });
  t.equal(changes.length, 4);
  // Every original line is still there, in order: the edit only added lines.
  const added = content.split('\n');
  let cursor = 0;
  for (const line of solutionTemplate.split('\n')) {
    const found = added.indexOf(line, cursor) >= 0 ? added.indexOf(line, cursor) : added.indexOf(line.replace(/$/, ','), cursor);
    t.ok(found >= cursor, `kept: ${line.trim()}`);
    cursor = found + 1;
  }
});

t.test('the sensor feeds only the first module', async (t) => {
  const first = registerModule(solutionTemplate, input).content;
  const second = registerModule(first, { ...input, name: 'other', moduleDir: 'modules/other' });
  const routes = routesOf(read(second.content));
  t.notOk('SimulatedTemperatureSensorToother' in routes);
  t.ok('otherToIoTHub' in routes);
});

t.test('no sensor, no sensor route', async (t) => {
  const withoutSensor = solutionTemplate.replace('"SimulatedTemperatureSensor": {', '"Sensor2": {');
  const routes = routesOf(read(registerModule(withoutSensor, input).content));
  t.same(Object.keys(routes).filter((r) => r.startsWith('SimulatedTemperatureSensorTo') && r !== 'SimulatedTemperatureSensorToIoTHub'), []);
});

t.test('debug templates get .debug images and each language\'s debugger port', async (t) => {
  const ports: Record<string, string | undefined> = { node: '9229/tcp', python: '5678/tcp', java: '5005/tcp', csharp: undefined, c: undefined };
  for (const language of LANGUAGES) {
    const manifest = read(registerModule(debugTemplate, { ...input, language, debug: true }).content);
    const module = modulesOf(manifest)['filter'];
    t.equal(module?.settings.image, '${MODULES.filter.debug}', language);
    const exposed = (module?.settings.createOptions as { ExposedPorts?: Record<string, unknown> }).ExposedPorts;
    t.same(exposed === undefined ? undefined : Object.keys(exposed)[0], ports[language], `${language} port`);
  }
});

t.test('modules outside modules/ use Azure\'s MODULEDIR placeholder', async (t) => {
  t.equal(imagePlaceholder('modules/filter', 'filter', false), '${MODULES.filter}');
  t.equal(imagePlaceholder('src/edge/filter', 'filter', true), '${MODULEDIR<src/edge/filter>.debug}');
});

t.test('an existing registration is refused, or kept with keepExisting', async (t) => {
  const once = registerModule(solutionTemplate, input).content;
  t.throws(() => registerModule(once, input), RegistrationError);
  const again = registerModule(once, { ...input, keepExisting: true });
  t.equal(again.content, once);
  t.same(again.changes, []);
});

t.test('a file without the manifest objects is refused', async (t) => {
  t.throws(() => registerModule('{"modulesContent":{}}', input), /has no \/modulesContent\/\$edgeAgent/);
  t.equal(read(registerModule(solutionTemplate.replace('"modulesContent"', '"moduleContent"'), input).content).modulesContent, undefined, 'legacy moduleContent key is edited in place');
});
