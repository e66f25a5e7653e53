/**
 * `--device <d>` → a SupervisorClient. The one place that knows how each kind of device is reached:
 * `local` is the embedded supervisor on this machine; any other device is reached over ssh, through the
 * supervisor socket forwarded by the master connection, or `edge-supervisor dial-stdio` on the device
 * where that cannot be used (src/adapters/supervisor-over-ssh.ts).
 */
import type { SupervisorClient } from '../adapters/supervisor-client.js';
import type { CliContext } from './context.js';
import { LOCAL_DEVICE } from './local-device.js';
import type { SshDeviceFlags } from './ssh-device.js';

/** A device named by --device and the client that reaches its supervisor (over ssh, the connection opens on first use). */
export interface ConnectedDevice {
  /** As the user named it, for messages. */
  name: string;
  client: SupervisorClient;
}

export type DeviceResolver = (device: string) => Promise<ConnectedDevice>;

export function deviceResolver(context: CliContext, ssh: SshDeviceFlags = {}): DeviceResolver {
  return async (device) => {
    if (device === LOCAL_DEVICE) {
      const { localSupervisor } = await import('./local-device.js');
      return { name: device, client: await localSupervisor(context.env, (message) => context.output.progress(message)) };
    }
    // The client's modules load while the device is resolved (a cold call's every millisecond counts).
    const clientModules = Promise.all([import('../adapters/supervisor-client.js'), import('../adapters/supervisor-over-ssh.js')]);
    // Checked before any process starts: a hostile --device never reaches ssh.
    const { openSshTransport, resolveDeviceFlag } = await import('./ssh-device.js');
    const resolved = await resolveDeviceFlag(device, context);
    if (resolved.kind === 'local') throw new Error('unreachable: "local" is handled above');
    const transport = await openSshTransport(resolved, ssh, context);
    const [{ SupervisorClient }, { sshDialer }] = await clientModules;
    return { name: resolved.label, client: new SupervisorClient({ connect: sshDialer(transport), description: `the supervisor on ${resolved.label}` }) };
  };
}
