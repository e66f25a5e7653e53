/** One line per rule: a minimal manifest with one change, and the code it must (or must not) produce. */
import t from 'tap';
import { validateDeployment } from '../../../src/core/manifest/validate-deployment.js';

function manifest(edit: (m: Record<string, any>) => void = () => undefined): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const m = {
    modulesContent: {
      $edgeAgent: { 'properties.desired': {
        schemaVersion: '1.1',
        runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25', registryCredentials: {} } },
        systemModules: {
          edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.5', createOptions: '{}' } },
          edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.5', createOptions: '{}' } },
        },
        modules: {
          sensor: { version: '1.0', type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'localhost:5000/sensor:1.0.0-amd64', createOptions: '{}' } },
          filter: { version: '1.0', type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'localhost:5000/filter:1.0.0-amd64', createOptions: '{"HostConfig":{"Privileged":false}}' } },
        },
      } },
      $edgeHub: { 'properties.desired': {
        schemaVersion: '1.1',
        routes: { toFilter: 'FROM /messages/modules/sensor/outputs/* INTO BrokeredEndpoint("/modules/filter/inputs/input1")', up: 'FROM /messages/modules/filter/outputs/* INTO $upstream' },
        storeAndForwardConfiguration: { timeToLiveSecs: 7200 },
      } },
    },
  };
  edit(m);
  return JSON.stringify(m, null, 2);
}
const agent = (m: any) => m.modulesContent.$edgeAgent['properties.desired']; // eslint-disable-line @typescript-eslint/no-explicit-any
const hub = (m: any) => m.modulesContent.$edgeHub['properties.desired']; // eslint-disable-line @typescript-eslint/no-explicit-any

const cases: [string, string, string | undefined, string?][] = [
  // [name, text, expected code (undefined = no diagnostics at all), file name]
  ['a clean manifest', manifest(), undefined],
  ['syntax error', '{"modulesContent": }', 'JSON_SYNTAX'],
  ['duplicate key', '{"modulesContent": {}, "modulesContent": {}}', 'DUPLICATE_KEY'],
  ['missing $edgeHub', manifest((m) => { delete m.modulesContent.$edgeHub; }), 'SCHEMA_REQUIRED'],
  ['bad status', manifest((m) => { agent(m).modules.sensor.status = 'runing'; }), 'SCHEMA_ENUM'],
  ['wrong type', manifest((m) => { agent(m).modules.sensor.startupOrder = 'first'; }), 'SCHEMA_TYPE'],
  ['startupOrder out of range', manifest((m) => { agent(m).modules.sensor.startupOrder = -1; }), 'SCHEMA_RANGE'],
  ['unknown key is a warning', manifest((m) => { agent(m).modules.sensor._comment = 'x'; }), 'UNKNOWN_KEY'],
  ['legacy moduleContent', manifest((m) => { m.moduleContent = m.modulesContent; delete m.modulesContent; }), 'LEGACY_MODULE_CONTENT'],
  ['agent schema 1.2', manifest((m) => { agent(m).schemaVersion = '1.2'; }), 'SCHEMA_VERSION_UNSUPPORTED'],
  ['hub schema 2.0', manifest((m) => { hub(m).schemaVersion = '2.0'; }), 'SCHEMA_VERSION_UNSUPPORTED'],
  ['route object on hub 1.0', manifest((m) => { hub(m).schemaVersion = '1.0'; hub(m).routes.up = { route: hub(m).routes.up, priority: 1 }; }), 'ROUTE_OBJECT_NEEDS_SCHEMA'],
  ['mqttBroker on hub 1.1', manifest((m) => { hub(m).mqttBroker = { bridges: [] }; }), 'MQTT_BROKER_NEEDS_SCHEMA'],
  ['module named edgeHub', manifest((m) => { agent(m).modules.edgeHub = agent(m).modules.sensor; }), 'MODULE_NAME_RESERVED'],
  ['module name with a dot', manifest((m) => { agent(m).modules['my.mod'] = agent(m).modules.sensor; }), 'MODULE_NAME_INVALID'],
  ['startupOrder on agent 1.0', manifest((m) => { agent(m).schemaVersion = '1.0'; agent(m).modules.sensor.startupOrder = 1; }), 'STARTUP_ORDER_IGNORED'],
  ['imagePullPolicy on agent 1.0', manifest((m) => { agent(m).schemaVersion = '1.0'; agent(m).modules.sensor.imagePullPolicy = 'never'; }), 'IMAGE_PULL_POLICY_IGNORED'],
  ['twin for no module', manifest((m) => { m.modulesContent.ghost = { 'properties.desired': { a: 1 } }; }), 'TWIN_UNKNOWN_MODULE'],
  ['uppercase repository', manifest((m) => { agent(m).modules.sensor.settings.image = 'localhost:5000/Sensor:1.0'; }), 'IMAGE_REFERENCE_INVALID'],
  ['bad tag', manifest((m) => { agent(m).modules.sensor.settings.image = 'sensor:-x'; }), 'IMAGE_REFERENCE_INVALID'],
  ['latest tag', manifest((m) => { agent(m).modules.sensor.settings.image = 'localhost:5000/sensor:latest'; }), 'IMAGE_TAG_LATEST'],
  ['untagged image', manifest((m) => { agent(m).modules.sensor.settings.image = 'localhost:5000/sensor'; }), 'IMAGE_UNTAGGED'],
  ['digest pinned image is fine', manifest((m) => { agent(m).modules.sensor.settings.image = `localhost:5000/sensor@sha256:${'a'.repeat(64)}`; }), undefined],
  ['createOptions not JSON', manifest((m) => { agent(m).modules.sensor.settings.createOptions = '{HostConfig:1}'; }), 'CREATE_OPTIONS_INVALID_JSON'],
  ['createOptions an array', manifest((m) => { agent(m).modules.sensor.settings.createOptions = '[]'; }), 'CREATE_OPTIONS_NOT_OBJECT'],
  ['createOptions empty', manifest((m) => { agent(m).modules.sensor.settings.createOptions = ''; }), 'CREATE_OPTIONS_EMPTY'],
  ['createOptions field type', manifest((m) => { agent(m).modules.sensor.settings.createOptions = '{"HostConfig":{"Binds":"/a:/b"}}'; }), 'CREATE_OPTIONS_FIELD_TYPE'],
  ['createOptions coerced', manifest((m) => { agent(m).modules.sensor.settings.createOptions = '{"HostConfig":{"Privileged":"true"}}'; }), 'CREATE_OPTIONS_FIELD_COERCED'],
  ['createOptions unknown field', manifest((m) => { agent(m).modules.sensor.settings.createOptions = '{"HostConfg":{}}'; }), 'CREATE_OPTIONS_UNKNOWN_FIELD'],
  ['createOptions object in a manifest', manifest((m) => { agent(m).modules.sensor.settings.createOptions = {}; }), 'CREATE_OPTIONS_NOT_STRING'],
  ['chunk gap', manifest((m) => { agent(m).modules.sensor.settings.createOptions = '{"Hostname":'; agent(m).modules.sensor.settings.createOptions02 = '"x"}'; }), 'CREATE_OPTIONS_CHUNK_GAP'],
  ['chunk too long', manifest((m) => { const s = agent(m).modules.sensor.settings; s.createOptions = `{"Hostname":"${'x'.repeat(600)}`; s.createOptions01 = '"}'; }), 'CREATE_OPTIONS_CHUNK_TOO_LONG'],
  ['route syntax', manifest((m) => { hub(m).routes.up = 'FROM /messages/* INT $upstream'; }), 'ROUTE_SYNTAX'],
  ['route to a missing module', manifest((m) => { hub(m).routes.up = 'FROM /messages/* INTO BrokeredEndpoint("/modules/ghost/inputs/in")'; }), 'ROUTE_UNKNOWN_MODULE'],
  ['module no route names', manifest((m) => { agent(m).modules.lonely = agent(m).modules.sensor; }), 'MODULE_NOT_ROUTED'],
  ['placeholder left', manifest((m) => { agent(m).modules.sensor.settings.image = '${MODULES.sensor}'; }), 'PLACEHOLDER_UNEXPANDED'],
  ['bare placeholder left', manifest((m) => { agent(m).runtime.settings.registryCredentials.acr = { username: 'u', password: '$ACR_PASSWORD', address: 'x.azurecr.io' }; }), 'PLACEHOLDER_UNEXPANDED'],
  ['placeholders are fine in a template', manifest((m) => { agent(m).modules.sensor.settings.image = '${MODULES.sensor}'; }), undefined, 'deployment.template.json'],
  ['pipeline token', manifest((m) => { agent(m).modules.sensor.settings.image = 'localhost:5000/sensor:<Build.BuildNumber>'; }), 'PIPELINE_TOKEN'],
  ['literal registry password', manifest((m) => { agent(m).runtime.settings.registryCredentials.acr = { username: 'u', password: 'hunter2', address: 'x.azurecr.io' }; }), 'REGISTRY_PASSWORD_LITERAL'],
  ['connection string in env', manifest((m) => { agent(m).modules.sensor.env = { CS: { value: 'HostName=h;SharedAccessKey=abcdefghijklmnop' } }; }), 'SECRET_IN_MANIFEST'],
  ['env name not portable', manifest((m) => { agent(m).modules.sensor.env = { 'Logging:Level': { value: 'x' } }; }), 'ENV_NAME_NOT_PORTABLE'],
  ['env name with a dot', manifest((m) => { agent(m).modules.sensor.env = { 'a.b': { value: 'x' } }; }), 'SCHEMA_KEY_INVALID'],
  ['twin too deep', manifest((m) => { let o: Record<string, unknown> = {}; m.modulesContent.sensor = { 'properties.desired': o }; for (let i = 0; i < 12; i++) { const n = {}; o.a = n; o = n; } }), 'TWIN_TOO_DEEP'],
  ['twin too large', manifest((m) => { m.modulesContent.sensor = { 'properties.desired': { big: 'x'.repeat(33 * 1024) } }; }), 'TWIN_TOO_LARGE'],
  ['a wrong type the rules do not explain', manifest((m) => { agent(m).schemaVersion = 1.1; }), 'SCHEMA_TYPE'],
  ['twin key with $', manifest((m) => { m.modulesContent.sensor = { 'properties.desired': { $bad: 1 } }; }), 'TWIN_KEY_INVALID'],
  ['too many modules', manifest((m) => { for (let i = 0; i < 51; i++) agent(m).modules[`m${i}`] = agent(m).modules.sensor; hub(m).routes = { all: 'FROM /messages/* INTO $upstream' }; }), 'MODULES_TOO_MANY'],
  ['layered: unknown route module is a warning', '{"content":{"modulesContent":{"$edgeHub":{"properties.desired.routes.r":"FROM /messages/modules/a/outputs/* INTO $upstream"}}}}', 'ROUTE_UNKNOWN_MODULE'],
  ['module.json', '{"image":{"repository":"localhost:5000/Filter","tag":{"version":"0.0.1","platforms":{"amd64":"./Dockerfile"}}}}', 'IMAGE_REFERENCE_INVALID', 'module.json'],
];

for (const [name, text, code, file] of cases) {
  t.test(name, async (t) => {
    const found = validateDeployment(text, { fileName: file ?? 'deployment.json' });
    if (code === undefined) t.same(found.filter((d) => d.code !== 'MODULE_NOT_ROUTED').map((d) => `${d.code}: ${d.message}`), [], 'no diagnostics');
    else t.ok(found.some((d) => d.code === code), `reports ${code}; got ${found.map((d) => d.code).join(', ')}`);
    for (const d of found) t.ok(d.line >= 1 && d.column >= 1 && d.file === (file ?? 'deployment.json'), 'positioned');
  });
}

t.test('severity: layered route findings are warnings, full-manifest ones errors', async (t) => {
  const layered = validateDeployment(cases.find((c) => c[0].startsWith('layered'))?.[1] ?? '', { fileName: 'layer.json' });
  t.equal(layered.find((d) => d.code === 'ROUTE_UNKNOWN_MODULE')?.severity, 'warning');
});

t.test('a diagnostic points at the offending text', async (t) => {
  const text = manifest((m) => { agent(m).modules.sensor.status = 'runing'; });
  const d = validateDeployment(text, { fileName: 'd.json' }).find((x) => x.code === 'SCHEMA_ENUM');
  const line = text.split('\n')[(d?.line ?? 1) - 1] ?? '';
  t.equal(line.slice((d?.column ?? 1) - 1, (d?.endColumn ?? 1) - 1), '"runing"');
  t.equal(d?.pointer, '/modulesContent/$edgeAgent/properties.desired/modules/sensor/status');
  t.match(d?.hint ?? '', /running/);
});

t.test('a failing rule becomes an error diagnostic, not an exception', async (t) => {
  const found = validateDeployment(manifest(), { fileName: 'd.json', parseRoute: () => { throw new Error('boom'); } });
  t.ok(found.some((d) => d.code === 'INTERNAL_RULE_ERROR' && d.severity === 'error' && /boom/.test(d.message)));
});

t.test('a forced concrete kind never reads bare template placeholders', async (t) => {
  const found = validateDeployment('{"modulesContent": ${X}}', { fileName: 'deployment.template.json', kind: 'deployment' });
  t.same(found.map((d) => d.code), ['JSON_SYNTAX']);
});
