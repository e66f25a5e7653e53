/** `edgectl device install|check`: put the supervisor on a device over ssh, and check a device. */
import type { Command } from 'commander';
import { usageError } from '../../core/errors.js';
import { checkDeviceId } from '../../core/devices/install-plan.js';
import { installerArgv } from '../../core/devices/remote-installer.js';
import { parseLogTail } from '../../core/devices/installer-output.js';
import type { SshTransport } from '../../adapters/ssh.js';
import type { CliContext } from '../context.js';
import { addRequiredDeviceOptions } from '../device-options.js';
import { openSshTransport, resolveDeviceFlag, type SshDeviceFlags } from '../ssh-device.js';
import { renderDeviceCheck, runDeviceCheck } from './device-check.js';
import { renderDeviceInstall, runDeviceInstall, type SupervisorHealth } from './device-install.js';

interface InstallFlags extends SshDeviceFlags {
  deviceId?: string;
  trustKey?: string;
  enforceSignatures?: boolean;
  dryRun?: boolean;
  asContainer?: boolean;
}

export function registerDevice(program: Command, context: CliContext): void {
  const device = program.command('device').description('install the supervisor on a device over SSH, and check a device');

  addRequiredDeviceOptions(device.command('install'))
    .description('copy the supervisor to a device over SSH and start it (systemd user unit, or a background process); safe to repeat, upgrades in place')
    .option('--device-id <id>', 'the id the device reports (default: its inventory name or host)')
    .option('--trust-key <pub.pem>', 'a public key (PEM) deployments must be signed with')
    .option('--enforce-signatures', 'refuse deployments that are not signed by a trusted key')
    .option('--dry-run', 'show what would be done, change nothing')
    .option('--as-container', 'run the supervisor in a container on the device\'s Docker Engine (for devices with Docker but no Node.js)')
    .addHelpText('after', '\nExamples:\n  $ edgectl device install --device pi@10.0.0.5\n  $ edgectl device install --device pi@10.0.0.5 --as-container\n  $ edgectl device install --device lab-pi --device-id lab-pi-01 --dry-run\n')
    .action(async (flags: InstallFlags) => {
      const target = await sshTarget(flags, context);
      const deviceId = checkDeviceId(flags.deviceId ?? target.defaultDeviceId);
      const trustKeyPem = flags.trustKey === undefined ? undefined : await readTrustKey(flags.trustKey);
      if (flags.enforceSignatures === true && trustKeyPem === undefined) throw usageError('USAGE', '--enforce-signatures needs --trust-key <pub.pem>', 'add --trust-key with the public key deployments are signed with');
      const [{ loadSupervisorBundle }, { waitForHealth }] = await Promise.all([import('../../adapters/supervisor-bundle.js'), import('../../adapters/supervisor-over-ssh.js')]);
      const bundleFile = context.env['EDGECTL_SUPERVISOR_BUNDLE'];
      const bundle = await loadSupervisorBundle(bundleFile === undefined || bundleFile === '' ? undefined : bundleFile);
      const transport = await openSshTransport(target, flags, context);
      const result = await runDeviceInstall(
        { device: target.label, deviceId, enforceSignatures: flags.enforceSignatures === true, asContainer: flags.asContainer === true, dryRun: flags.dryRun === true, ...(trustKeyPem === undefined ? {} : { trustKeyPem }) },
        { remote: transport, bundle, waitHealthy: () => waitForHealth<SupervisorHealth>(transport, 30_000, () => supervisorAlive(transport)), progress: (m) => context.output.progress(m) },
      );
      // Remembered for the calls that follow, which reach the supervisor through a forward of this socket.
      if (result.supervisorSocket !== undefined) transport.socketCache.remember(result.supervisorSocket);
      context.output.result(result, renderDeviceInstall);
    });

  addRequiredDeviceOptions(device.command('check'))
    .description('check a device: ssh, Docker Engine, Node.js, disk space, clock skew, supervisor health')
    .addHelpText('after', '\nExamples:\n  $ edgectl device check --device pi@10.0.0.5\n  $ edgectl device check --device lab-pi --json | jq .ok\n')
    .action(async (flags: SshDeviceFlags) => {
      const target = await sshTarget(flags, context);
      const { getJsonOverSsh, sshDialer } = await import('../../adapters/supervisor-over-ssh.js');
      const transport = await openSshTransport(target, flags, context);
      const result = await runDeviceCheck(target.label, { remote: transport, health: () => getJsonOverSsh<SupervisorHealth>(transport, '/v1/health', 15_000, sshDialer(transport)), now: () => Date.now() });
      context.output.result(result, renderDeviceCheck);
      if (!result.ok) context.exitCode = 1;
    });
}

async function sshTarget(flags: SshDeviceFlags, context: CliContext) {
  const resolved = await resolveDeviceFlag(flags.device ?? '', context);
  if (resolved.kind === 'local') throw usageError('USAGE', 'device install and device check work on devices reached over SSH, not on `local`', 'for the local device, run edgectl doctor');
  return resolved;
}

async function readTrustKey(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw usageError('USAGE', `--trust-key ${file} cannot be read: ${(error as Error).message}`, 'give the path of a PEM public key');
  }
  if (!/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/.test(text)) throw usageError('USAGE', `--trust-key ${file} is not a PEM public key`, 'export it with: openssl pkey -in key.pem -pubout');
  return text;
}

async function supervisorAlive(transport: SshTransport): Promise<boolean> {
  const result = await transport.run(installerArgv('log-tail'), { timeoutMs: 30_000 });
  return parseLogTail(result.stdout).running;
}
