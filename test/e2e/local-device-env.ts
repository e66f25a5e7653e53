/**
 * A private embedded local device for one e2e test: its own state directory (XDG_STATE_HOME), device
 * id and hub port, so tests running in parallel (and a developer's own `local` device) never share a
 * supervisor, containers or the hub's 8883. `destroy` stops the supervisor, removes the device's
 * containers and the temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOrThrow, waitFor } from '../harness/processes.js';
import { removeDeviceContainers, uniqueDeviceId } from '../supervisor/supervisor-process.js';
import { firstHostOf } from '../../src/supervisor/hub/supervisor-hub.js';

export interface LocalDeviceEnv {
  home: string;
  deviceId: string;
  env: NodeJS.ProcessEnv;
  destroy(): Promise<void>;
}

export function localDeviceEnv(prefix: string): LocalDeviceEnv {
  const home = mkdtempSync(join(tmpdir(), `edgectl-${prefix}-`));
  const deviceId = uniqueDeviceId(prefix);
  const subnet = runOrThrow('docker', ['network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Subnet}}']).trim();
  const gateway = firstHostOf(subnet) ?? '172.17.0.1';
  const stateDir = join(home, 'state');
  return {
    home,
    deviceId,
    env: {
      XDG_STATE_HOME: stateDir,
      EDGECTL_LOCAL_DEVICE_ID: deviceId,
      // A free port on the bridge gateway: the default 8883 may belong to another supervisor.
      EDGECTL_LOCAL_SUPERVISOR_ARGS: `--backoff-unit-ms 200 --backoff-max-ms 1000 --resync-ms 1000 --stop-timeout 1 --hub-listen ${gateway}:0`,
    },
    async destroy() {
      const { SupervisorClient, unixSocketConnect } = await import('../../src/adapters/supervisor-client.js');
      const client = new SupervisorClient({ connect: unixSocketConnect(join(stateDir, 'edgectl', 'local', 'supervisor.sock')) });
      const pid = await client.health().then((h) => h.pid, () => undefined);
      if (pid !== undefined) {
        process.kill(pid, 'SIGTERM');
        // Gone before its containers are removed, or it would start them again.
        await waitFor('the local supervisor to stop', () => !alive(pid), 15_000).catch(() => process.kill(pid, 'SIGKILL'));
      }
      removeDeviceContainers(deviceId);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
