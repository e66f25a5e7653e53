import t from 'tap';
import { hubDeploymentFromManifest } from '../../../src/core/hub/hub-deployment.js';

t.test('a plain manifest', async (t) => {
  const manifest = {
    modulesContent: {
      $edgeAgent: { 'properties.desired': { modules: { sensor: {}, filter: {} } } },
      $edgeHub: {
        'properties.desired': {
          schemaVersion: '1.1',
          routes: { r: 'FROM /messages/* INTO $upstream', p: { route: 'FROM /* INTO $upstream', priority: 1 } },
          storeAndForwardConfiguration: { timeToLiveSecs: 7200, storeLimits: { maxSizeBytes: 1000 } },
        },
      },
      filter: { 'properties.desired': { TemperatureThreshold: 25 } },
    },
  };
  t.same(hubDeploymentFromManifest(manifest), {
    routes: { r: 'FROM /messages/* INTO $upstream', p: { route: 'FROM /* INTO $upstream', priority: 1 } },
    storeAndForward: { timeToLiveSecs: 7200, maxSizeBytes: 1000 },
    moduleTwins: { sensor: {}, filter: { TemperatureThreshold: 25 } },
    modules: ['sensor', 'filter'],
  });
});

t.test('layered (flattened) keys and the content wrapper', async (t) => {
  const manifest = {
    content: {
      modulesContent: {
        $edgeAgent: { 'properties.desired.modules.m1': { type: 'docker' } },
        $edgeHub: { 'properties.desired.routes.r1': 'FROM /messages/* INTO $upstream' },
        m1: { 'properties.desired.a.b': 1 },
      },
    },
  };
  t.same(hubDeploymentFromManifest(manifest), { routes: { r1: 'FROM /messages/* INTO $upstream' }, storeAndForward: {}, moduleTwins: { m1: { a: { b: 1 } } }, modules: ['m1'] });
});

t.test('anything missing gives an empty hub deployment', async (t) => {
  t.same(hubDeploymentFromManifest(null), { routes: {}, storeAndForward: {}, moduleTwins: {}, modules: [] });
});
