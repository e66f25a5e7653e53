/**
 * `edgectl quickstart [--dir d] [--device local|d]`: the first thing a user runs. A demo solution (the
 * sample sensor + a Node filter module), its images built for the engine's platform, the config
 * generated and deployed to the device, then the status table, a few log lines, a few messages the
 * filter sent upstream, and what to try next. Every step is the run function of its own command.
 *
 * Images: the local device runs on this machine's Docker Engine, so the images just built are
 * already where they run. Their names keep the templates' `localhost:5000/…` repository (so a later
 * `edgectl push` to a local registry needs no change) and the supervisor's pull policy (`on-create`:
 * pull only when missing) never pulls them; the quickstart checks the manifest names exactly the
 * images it built. A remote device gets them through its supervisor (image-shipping.ts), built for
 * its architecture, since no registry is assumed between this machine and the device.
 */
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { EdgeError } from '../../core/errors.js';
import type { UpstreamMessageView } from '../../protocol/hub-api.js';
import type { StatusResponse } from '../../protocol/supervisor-api.js';
import type { CliContext } from '../context.js';
import { DEVICE_OPTION_HELP, addDeviceOptions } from '../device-options.js';
import { deviceResolver } from '../device-resolver.js';
import { LOCAL_DEVICE } from '../local-device.js';
import type { SshDeviceFlags } from '../ssh-device.js';
import { platformOfEngine } from '../../core/images/platforms.js';
import { renderModuleTable } from '../module-table.js';
import type { Style } from '../style.js';
import type { BuiltImageResult } from './build.js';
import { parseTimeoutSeconds } from './command-options.js';
import type { DeployResult } from './deploy.js';
import { formatUpstream } from './monitor.js';
import { DEFAULT_QUICKSTART_DIR, prepareDemoSolution, QUICKSTART_MODULE } from './quickstart-solution.js';

export interface QuickstartOptions {
  dir: string;
  device: string;
  /** How to reach an ssh device (--ssh-config, --accept-new-host-key, --connect-timeout). */
  connection?: SshDeviceFlags;
  timeoutMs: number;
  /** How long to wait for the filter's first messages upstream before moving on. */
  messagesWaitMs: number;
}

export interface QuickstartResult {
  solution: string;
  reused: boolean;
  device: string;
  images: BuiltImageResult[];
  manifest: string;
  deployment: DeployResult;
  logs: { module: string; lines: string[] }[];
  messages: UpstreamMessageView[];
  /** Modules still running an older build of the same tag (code changed, version not bumped). */
  warnings: string[];
  next: string[];
  seconds: number;
  /** Where the time went, in ms: scaffold + device start, build, genconfig + deploy + convergence, logs + messages. */
  phases: { prepare: number; build: number; deploy: number; show: number };
}

export async function runQuickstart(options: QuickstartOptions, context: CliContext): Promise<QuickstartResult> {
  const started = Date.now();
  const output = context.output;
  // Docker first: a stopped engine is DOCKER_UNAVAILABLE before any folder is made.
  const [{ dockerEndpoint }, { EngineApi }] = await Promise.all([import('../../adapters/docker.js'), import('../../adapters/engine-api.js')]);
  const engine = new EngineApi(dockerEndpoint(context.env));
  await engine.version();
  const solution = await prepareDemoSolution(options.dir, context);
  output.progress(solution.reused ? `reusing the demo solution in ${solution.dir}` : `created the demo solution in ${solution.dir}`);
  const inSolution: CliContext = { ...context, cwd: solution.dir, interactive: false };

  // Resolved (and, for an ssh device, connected) once; deploy below reuses it.
  const device = await deviceResolver(context, options.connection ?? {})(options.device);
  const { client } = device;
  requireHub(await client.status(), options.device);
  // The device's store may hold an earlier run's messages, hours old: show only those after this mark
  // (a sequence number, not a time: the device's clock need not agree with this machine's).
  const remote = options.device !== LOCAL_DEVICE;
  // A remote device may be another architecture than this machine: build for the device.
  const [upstreamMark, devicePlatform] = await Promise.all([
    collect(client.upstream({ module: QUICKSTART_MODULE, count: 1 })).then((newest) => newest[0]?.seq ?? 0),
    remote ? client.health().then((health) => platformOfEngine(health.architecture ?? '')) : undefined,
  ]);

  const phases = { prepare: Date.now() - started, build: 0, deploy: 0, show: 0 };
  let mark = Date.now();
  const { runBuild } = await import('./build.js');
  const built = await runBuild({ module: [], cache: true, ...(devicePlatform === undefined ? {} : { platform: devicePlatform }) }, inSolution);
  const platform = built.images[0]?.platform;
  if (platform === undefined) throw new EdgeError({ code: 'QUICKSTART_NOTHING_BUILT', message: `no module images were built in ${solution.dir}`, hint: `check modules/*/module.json, or remove ${solution.dir} and run the quickstart again` });
  if (remote) {
    // No registry sits between this machine and the device: the images go through the supervisor API.
    const { shipImages } = await import('../image-shipping.js');
    await shipImages(built.images, { saveImage: (name) => engine.saveImage(name), device: client, onProgress: (message) => output.progress(message) });
  }

  phases.build = Date.now() - mark;
  mark = Date.now();
  const { runGenconfig } = await import('./genconfig.js');
  const { fileExists, readTextFile, writeTextFileAtomic } = await import('../../adapters/text-files.js');
  const generated = await runGenconfig(
    { template: 'deployment.template.json', platform, debug: false, outDir: undefined, envFile: undefined, allowUndefined: false },
    { cwd: solution.dir, env: context.env, readFile: (p) => readTextFile(p), exists: fileExists, writeFile: writeTextFileAtomic },
  );
  const manifest = join(solution.dir, generated.output);
  const manifestText = readTextFile(manifest);
  requireBuiltImages(manifestText, built.images);
  output.progress(`generated ${generated.output} (platform ${platform})`);

  const { runDeploy } = await import('./deploy.js');
  const { setTimeout: sleep } = await import('node:timers/promises');
  let lastLine = '';
  const deployment = await runDeploy({ manifestPath: manifest, device: options.device, dryRun: false, timeoutMs: options.timeoutMs, rollbackOnFailure: false }, {
    readFile: async () => manifestText,
    resolveDevice: async () => device,
    onPlan: (plan, id) => output.progress(plan.length === 0 ? `deployment ${id} is already current` : `deploying ${id}: ${plan.length} step${plan.length === 1 ? '' : 's'}`),
    onStatus: (status) => {
      const line = status.modules.map((m) => `${m.name}=${m.runtimeStatus}`).join(' ');
      if (line !== lastLine) output.progress(`${status.deployment?.state ?? 'waiting'}: ${line}`);
      lastLine = line;
    },
    now: Date.now,
    sleep: (ms) => sleep(ms),
  });

  phases.deploy = Date.now() - mark;
  mark = Date.now();
  const converged = deployment.outcome === 'converged';
  const warnings = converged ? staleModules(deployment, built.images) : [];
  const logs = converged ? await Promise.all(deployment.modules.map(async (m) => ({ module: m.name, lines: await collect(client.logs(m.name, { tail: 3 })) }))) : [];
  const messages = converged ? await firstMessages(client, upstreamMark, options.messagesWaitMs, sleep) : [];
  phases.show = Date.now() - mark;
  const shown = relative(context.cwd, solution.dir) || '.';
  const onDevice = remote ? ` --device ${options.device}` : '';
  return {
    solution: solution.dir, reused: solution.reused, device: options.device, images: built.images, manifest, deployment, logs, messages, warnings,
    next: [
      `edgectl status${onDevice}`,
      `edgectl logs ${QUICKSTART_MODULE} -f${onDevice}`,
      `edgectl monitor --module ${QUICKSTART_MODULE} -f${onDevice}`,
      `edgectl twin ${QUICKSTART_MODULE}${onDevice}`,
      `change modules/${QUICKSTART_MODULE}/filter.js in ${shown}, raise "version" in its module.json, and run edgectl quickstart${shown === DEFAULT_QUICKSTART_DIR ? '' : ` --dir ${shown}`}${onDevice} again`,
    ],
    seconds: Math.round((Date.now() - started) / 100) / 10,
    phases,
  };
}

/** Without the hub the modules cannot connect and would only restart until the timeout. */
function requireHub(status: StatusResponse, device: string): void {
  if (status.hub !== undefined) return;
  throw new EdgeError({
    code: 'HUB_NOT_RUNNING',
    message: `the message hub does not run on device ${device}, so the demo's modules could not connect`,
    hint: `${status.warnings.join('; ') || 'see the supervisor log'}; \`edgectl status --device ${device}\` shows its warnings`,
  });
}

/** The manifest must name exactly the images built on this engine: nothing is pulled for the local device. */
function requireBuiltImages(manifestText: string, images: readonly BuiltImageResult[]): void {
  const document = JSON.parse(manifestText) as { modulesContent?: { $edgeAgent?: { 'properties.desired'?: { modules?: Record<string, { settings?: { image?: string } }> } } } };
  const modules = document.modulesContent?.$edgeAgent?.['properties.desired']?.modules ?? {};
  const built = new Set(images.map((image) => image.image));
  const foreign = Object.entries(modules).filter(([, module]) => !built.has(module.settings?.image ?? ''));
  if (foreign.length === 0) return;
  throw new EdgeError({
    code: 'QUICKSTART_IMAGE_MISMATCH',
    message: `the generated manifest names images that were not built here: ${foreign.map(([name, m]) => `${name}=${m.settings?.image ?? '?'}`).join(', ')}`,
    hint: 'check the repositories in modules/*/module.json and the .env of the demo solution',
  });
}

/**
 * A rebuild under the same tag is not a new deployment (the manifest is the same), so the device keeps
 * the container of the earlier build, as Azure IoT Edge does: the version in module.json makes a new tag.
 */
function staleModules(deployment: DeployResult, images: readonly BuiltImageResult[]): string[] {
  const builtIds = new Map(images.map((image) => [image.image, image.imageId]));
  return deployment.modules
    .filter((m) => m.imageId !== null && builtIds.has(m.image) && builtIds.get(m.image) !== m.imageId)
    .map((m) => `${m.name} still runs the earlier build of ${m.image}: raise "version" in modules/${m.name}/module.json and run the quickstart again to deploy the new one`);
}

/** The filter's newest messages upstream after `afterSeq`, waiting up to `waitMs` for the first ones to arrive. */
export async function firstMessages(client: { upstream(query: { module: string; count: number }): AsyncGenerator<UpstreamMessageView> }, afterSeq: number, waitMs: number, sleep: (ms: number) => Promise<unknown>): Promise<UpstreamMessageView[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const messages = (await collect(client.upstream({ module: QUICKSTART_MODULE, count: 3 }))).filter((message) => message.seq > afterSeq);
    if (messages.length >= 3 || Date.now() >= deadline) return messages;
    await sleep(500);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export function renderQuickstart(result: QuickstartResult, style: Style): string {
  const deployment = result.deployment;
  const lines = result.images.map((image) => `${style.green('✔')} built ${image.image}`);
  lines.push(renderModuleTable(deployment.modules, style));
  if (deployment.outcome !== 'converged') {
    lines.push(style.red(`✖ the demo did not converge on ${result.device} (${deployment.outcome})`));
    for (const failing of deployment.failing) {
      lines.push(`  ${style.bold(failing.module)}: ${failing.reason}`, ...failing.lastLogLines.map((line) => `    ${style.dim('│')} ${line}`));
    }
    lines.push(`  ${style.cyan('hint')}: \`edgectl status\`, \`edgectl logs <module>\`, then \`edgectl quickstart --dir ${result.solution}\` again`);
    return lines.join('\n');
  }
  lines.push(style.green(`✔ the demo runs on device ${result.device} (deployment ${deployment.deploymentId}, ${result.seconds} s)`));
  for (const warning of result.warnings) lines.push(`${style.yellow('warning')}: ${warning}`);
  lines.push('');
  for (const log of result.logs) lines.push(style.bold(`logs ${log.module}:`), ...log.lines.map((line) => `  ${style.dim('│')} ${line}`));
  lines.push('', style.bold(`messages ${QUICKSTART_MODULE} sent upstream (above the threshold):`));
  lines.push(...(result.messages.length === 0 ? [style.dim('  (none yet: the sensor warms up by about 1 °C a second)')] : result.messages.map((m) => `  ${formatUpstream(m)}`)));
  lines.push('', 'try next:', ...result.next.map((step) => `  $ ${step}`));
  return lines.join('\n');
}

export function registerQuickstart(program: Command, context: CliContext): void {
  addDeviceOptions(program
    .command('quickstart')
    .description('make a demo solution (sensor + Node filter), build it and run it on this machine or a device')
    .option('--dir <dir>', 'folder for the demo solution (made if new, reused if it holds the demo)', DEFAULT_QUICKSTART_DIR), `${DEVICE_OPTION_HELP}; images built here are sent to it`)
    .option('--timeout <seconds>', 'how long to wait for the deployment to converge', '120')
    .addHelpText('after', '\nNeeds a running Docker Engine here; a device needs `edgectl device install` first. Running it again rebuilds and redeploys the same folder.\n\nExamples:\n  $ edgectl quickstart\n  $ edgectl quickstart --dir demo --json\n  $ edgectl quickstart --device pi@10.0.0.5\n')
    .action(async (flags: { dir: string; device: string; timeout: string } & SshDeviceFlags) => {
      const result = await runQuickstart({ dir: flags.dir, device: flags.device, connection: flags, timeoutMs: parseTimeoutSeconds(flags.timeout) * 1000, messagesWaitMs: 10_000 }, context);
      context.output.result(result, renderQuickstart);
      if (result.deployment.outcome !== 'converged') context.exitCode = 1;
    });
}
