/**
 * A private embedded local device for one e2e test: its own state directory (XDG_STATE_HOME) and device
 * id, hence its own supervisor, containers, device network and hub, so tests running in parallel (and a
 * developer's own `local` device) never share them. `destroy` stops the supervisor, removes the device's
 * containers and network, and the temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../harness/processes.js';
import { removeDeviceContainers, uniqueDeviceId } from '../supervisor/supervisor-process.js';

export interface LocalDeviceEnv {
  home: string;
  deviceId: string;
  env: NodeJS.ProcessEnv;
  destroy(): Promise<void>;
}

export function localDeviceEnv(prefix: string): LocalDeviceEnv {
  const home = mkdtempSync(join(tmpdir(), `edgectl-${prefix}-`));
  const deviceId = uniqueDeviceId(prefix);
  const stateDir = join(home, 'state');
  return {
    home,
    deviceId,
    env: {
      XDG_STATE_HOME: stateDir,
      EDGECTL_LOCAL_DEVICE_ID: deviceId,
      EDGECTL_LOCAL_SUPERVISOR_ARGS: '--backoff-unit-ms 200 --backoff-max-ms 1000 --resync-ms 1000 --stop-timeout 1',
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
