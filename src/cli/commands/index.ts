/**
 * Every command edgectl offers, in the order `edgectl --help` lists them. Each is loaded only when
 * needed: `edgectl validate x` imports validate's module alone, so a command's start-up does not
 * pay for the other commands' code; help and unknown commands load them all.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export type RegisterCommand = (program: Command, context: CliContext) => void;

export const commandLoaders: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  quickstart: async () => (await import('./quickstart.js')).registerQuickstart,
  doctor: async () => (await import('./doctor.js')).registerDoctor,
  validate: async () => (await import('./validate.js')).registerValidate,
  genconfig: async () => (await import('./genconfig.js')).registerGenconfig,
  new: async () => (await import('./new.js')).registerNew,
  build: async () => (await import('./build.js')).registerBuild,
  push: async () => (await import('./push.js')).registerPush,
  keygen: async () => (await import('./keygen.js')).registerKeygen,
  sign: async () => (await import('./sign.js')).registerSign,
  verify: async () => (await import('./verify.js')).registerVerify,
  deploy: async () => (await import('./deploy.js')).registerDeploy,
  status: async () => (await import('./status.js')).registerStatus,
  logs: async () => (await import('./logs.js')).registerLogs,
  restart: async () => (await import('./restart.js')).registerRestart,
  rollback: async () => (await import('./rollback.js')).registerRollback,
  device: async () => (await import('./device.js')).registerDevice,
  twin: async () => (await import('./twin.js')).registerTwin,
  invoke: async () => (await import('./invoke.js')).registerInvoke,
  monitor: async () => (await import('./monitor.js')).registerMonitor,
};

/** The commands to register for this argv: the one named, or all (help, typos, no command). */
export async function loadCommands(argv: readonly string[]): Promise<RegisterCommand[]> {
  const named = argv.find((arg) => !arg.startsWith('-'));
  const only = named === undefined ? undefined : commandLoaders[named];
  const loaders = only === undefined || !Object.hasOwn(commandLoaders, named ?? '') ? Object.values(commandLoaders) : [only];
  return Promise.all(loaders.map((load) => load()));
}
