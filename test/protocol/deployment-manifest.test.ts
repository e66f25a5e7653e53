/**
 * The hand-written types of src/protocol/deployment-manifest.ts against schemas/deployment.json:
 * every object type lists exactly the schema's properties (the `satisfies` tables fail to compile
 * when a type gains or loses a key), and the enums hold the same values.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  IMAGE_PULL_POLICIES, MODULE_STATUSES, RESTART_POLICIES,
  type EdgeAgentDesired, type EdgeAgentModule, type EdgeHubDesired, type EdgeHubModule, type ModuleDefinition, type RegistryCredential, type RouteSpec,
} from '../../src/protocol/deployment-manifest.js';
import { validateDeployment } from '../../src/core/manifest/validate-deployment.js';

interface SchemaNode { properties?: Record<string, unknown>; enum?: unknown[]; oneOf?: SchemaNode[] }
const schema = JSON.parse(readFileSync(new URL('../../../schemas/deployment.json', import.meta.url), 'utf8')) as { $defs: Record<string, SchemaNode> };
const keysOf = (name: string): string[] => Object.keys(schema.$defs[name]?.properties ?? {}).sort();

const tables: [string, string[]][] = [
  ['agentDesired', Object.keys({ schemaVersion: 1, runtime: 1, systemModules: 1, modules: 1, integrity: 1 } satisfies Record<keyof EdgeAgentDesired, 1>)],
  ['hubDesired', Object.keys({ schemaVersion: 1, routes: 1, storeAndForwardConfiguration: 1, mqttBroker: 1, integrity: 1 } satisfies Record<keyof EdgeHubDesired, 1>)],
  ['module', Object.keys({ version: 1, type: 1, status: 1, restartPolicy: 1, imagePullPolicy: 1, startupOrder: 1, env: 1, settings: 1 } satisfies Record<keyof ModuleDefinition, 1>)],
  ['edgeAgentModule', Object.keys({ type: 1, settings: 1, env: 1, imagePullPolicy: 1 } satisfies Record<keyof EdgeAgentModule, 1>)],
  ['edgeHubModule', Object.keys({ type: 1, settings: 1, status: 1, restartPolicy: 1, env: 1, imagePullPolicy: 1, startupOrder: 1 } satisfies Record<keyof EdgeHubModule, 1>)],
  ['registryCredential', Object.keys({ username: 1, password: 1, address: 1 } satisfies Record<keyof RegistryCredential, 1>)],
];

for (const [def, keys] of tables) {
  t.test(`${def}: the type has exactly the schema's properties`, async (t) => {
    t.same([...keys].sort(), keysOf(def));
  });
}

t.test('route objects and settings', async (t) => {
  const routeObject = schema.$defs['route']?.oneOf?.[1];
  t.same(Object.keys({ route: 1, priority: 1, timeToLiveSecs: 1 } satisfies Record<keyof RouteSpec, 1>).sort(), Object.keys(routeObject?.properties ?? {}).sort());
  t.same(keysOf('settings'), ['createOptions', 'digest', 'image']);
});

t.test('enums', async (t) => {
  t.same([...MODULE_STATUSES], schema.$defs['status']?.enum);
  t.same([...RESTART_POLICIES], schema.$defs['restartPolicy']?.enum);
  t.same([...IMAGE_PULL_POLICIES], schema.$defs['imagePullPolicy']?.enum);
});

t.test('a typed manifest validates', async (t) => {
  const manifest: { modulesContent: { $edgeAgent: { 'properties.desired': EdgeAgentDesired }; $edgeHub: { 'properties.desired': EdgeHubDesired } } } = {
    modulesContent: {
      $edgeAgent: { 'properties.desired': {
        schemaVersion: '1.1',
        runtime: { type: 'docker', settings: {} },
        systemModules: {
          edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.5' } },
          edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.5' } },
        },
        modules: { m: { type: 'docker', status: 'running', restartPolicy: 'on-failure', startupOrder: 1, settings: { image: 'localhost:5000/m:1.0', createOptions: '{}' } } },
      } },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: { r: { route: 'FROM /messages/* INTO $upstream', priority: 0 } }, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
    },
  };
  t.same(validateDeployment(JSON.stringify(manifest), { fileName: 'typed.json' }).filter((d) => d.severity === 'error'), []);
});
