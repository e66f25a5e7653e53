/**
 * `--device <d>` → a SupervisorClient. The one place that knows how each kind of device is reached:
 * `local` is the embedded supervisor on this machine; remote devices (ssh) plug in here.
 */
import { usageError } from '../core/errors.js';
import type { SupervisorClient } from '../adapters/supervisor-client.js';
import type { CliContext } from './context.js';
import { LOCAL_DEVICE } from './local-device.js';

export interface ResolvedDevice {
  /** As the user named it, for messages. */
  name: string;
  client: SupervisorClient;
}

export type DeviceResolver = (device: string) => Promise<ResolvedDevice>;

export const DEVICE_OPTION_HELP = 'the device: "local" (this machine; the default) or an SSH destination';

export function deviceResolver(context: CliContext): DeviceResolver {
  return async (device) => {
    if (device === LOCAL_DEVICE) {
      const { localSupervisor } = await import('./local-device.js');
      return { name: device, client: await localSupervisor(context.env, (message) => context.output.progress(message)) };
    }
    throw usageError('DEVICE_UNSUPPORTED', `cannot reach device "${device}" yet: only --device local is supported in this build`, 'use --device local');
  };
}
