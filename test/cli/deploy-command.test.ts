/**
 * `runDeploy` with a fake supervisor client: a real deploy asks the device to apply exactly once and
 * shows the plan from that answer; only --dry-run asks for a preview; a bad manifest never connects.
 */
import t from 'tap';
import type { SupervisorClient } from '../../src/adapters/supervisor-client.js';
import { runDeploy, type DeployDeps, type DeployOptions } from '../../src/cli/commands/deploy.js';
import type { ApplyResponse, PlanStepView, StatusResponse } from '../../src/protocol/supervisor-api.js';
import { manifest } from '../supervisor/supervisor-process.js';

const MANIFEST = manifest({ web: {} });

const PLAN: PlanStepView[] = [{ kind: 'create', module: 'web', description: 'create container' }];

function fakeDevice(deploymentId = 'dep-1') {
  const applyCalls: Array<{ dryRun?: boolean }> = [];
  let connected = false;
  const status: StatusResponse = {
    deviceId: 'fake', previousDeploymentId: null, systemModules: [], warnings: [], observedAt: null,
    deployment: { id: deploymentId, state: 'converged', appliedAt: '2026-11-28T00:00:00Z', failing: [] },
    modules: [{ name: 'web', desiredStatus: 'running', runtimeStatus: 'running', restartPolicy: 'always', exitCode: null, restartCount: 0, lastStartTime: null, lastExitTime: null, image: 'example.test/web:1.0', imageId: null, imageDigest: null, containerId: 'c1', description: 'Up' }],
  };
  const client = {
    health: () => Promise.resolve({ docker: 'connected' }),
    apply: (_text: string, options: { dryRun?: boolean } = {}): Promise<ApplyResponse> => {
      applyCalls.push(options);
      return Promise.resolve({ deploymentId, changed: true, dryRun: options.dryRun === true, plan: PLAN, warnings: ['a warning'] });
    },
    status: () => Promise.resolve(status),
  } as unknown as SupervisorClient;
  const plans: Array<{ plan: PlanStepView[]; id: string }> = [];
  const deps: DeployDeps = {
    readFile: () => Promise.resolve(MANIFEST),
    resolveDevice: (name) => { connected = true; return Promise.resolve({ name, client }); },
    onPlan: (plan, id) => plans.push({ plan, id }),
    onStatus: () => undefined,
    now: () => 0,
    sleep: () => Promise.resolve(),
    settleMs: 0,
  };
  return { deps, applyCalls, plans, connected: () => connected };
}

const options = (change: Partial<DeployOptions> = {}): DeployOptions => ({ manifestPath: 'deployment.json', device: 'fake', dryRun: false, timeoutMs: 1000, rollbackOnFailure: false, ...change });

t.test('a real deploy applies once and shows the plan from that answer', async (t) => {
  const device = fakeDevice();
  const result = await runDeploy(options(), device.deps);
  t.same(device.applyCalls, [{ dryRun: false }], 'one apply call, not a preview first');
  t.same(device.plans, [{ plan: PLAN, id: 'dep-1' }], 'onPlan shows the applied plan');
  t.match(result, { device: 'fake', deploymentId: 'dep-1', changed: true, dryRun: false, plan: PLAN, warnings: ['a warning'], outcome: 'converged', failing: [] });
  t.same(Object.keys(result).sort(), ['changed', 'deploymentId', 'device', 'dryRun', 'failing', 'modules', 'outcome', 'plan', 'warnings']);
});

t.test('--dry-run asks only for the preview', async (t) => {
  const device = fakeDevice();
  const result = await runDeploy(options({ dryRun: true }), device.deps);
  t.same(device.applyCalls, [{ dryRun: true }]);
  t.same(device.plans, [{ plan: PLAN, id: 'dep-1' }]);
  t.match(result, { outcome: 'planned', dryRun: true, changed: true, plan: PLAN, modules: [] });
});

t.test('an invalid manifest is refused before any device is reached', async (t) => {
  const device = fakeDevice();
  device.deps.readFile = () => Promise.resolve('{"modulesContent": {}}');
  await t.rejects(runDeploy(options(), device.deps), { code: 'MANIFEST_INVALID' });
  t.equal(device.connected(), false);
  t.same(device.applyCalls, []);
});
