/**
 * Waiting for a deployment to converge, as `deploy` and `rollback` do. "Converged" is the
 * supervisor's word plus a short settle time: every running module must have stayed up at least
 * `settleMs`, so a module that crashes right after starting is not taken for a success.
 */
import type { SupervisorClient } from '../adapters/supervisor-client.js';
import type { StatusResponse } from '../protocol/supervisor-api.js';

export interface WaitOptions {
  deploymentId: string;
  timeoutMs: number;
  settleMs: number;
  pollMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onStatus: (status: StatusResponse) => void;
}

export type WaitOutcome = { outcome: 'converged' | 'failed' | 'timeout'; status: StatusResponse };

export async function waitForConvergence(client: Pick<SupervisorClient, 'status'>, options: WaitOptions): Promise<WaitOutcome> {
  const deadline = options.now() + options.timeoutMs;
  for (;;) {
    const status = await client.status();
    options.onStatus(status);
    const deployment = status.deployment;
    if (deployment?.id === options.deploymentId) {
      if (deployment.state === 'failed') return { outcome: 'failed', status };
      if (deployment.state === 'converged' && settled(status, options.now(), options.settleMs)) return { outcome: 'converged', status };
    }
    if (options.now() >= deadline) return { outcome: 'timeout', status };
    await options.sleep(options.pollMs);
  }
}

function settled(status: StatusResponse, now: number, settleMs: number): boolean {
  return status.modules.every((m) => m.runtimeStatus !== 'running' || m.lastStartTime === null || now - Date.parse(m.lastStartTime) >= settleMs);
}

export interface FailingModule {
  module: string;
  reason: string;
  lastLogLines: string[];
}

/** Each failing module with its reason and the last lines of its log (when it has a container). */
export async function describeFailures(client: Pick<SupervisorClient, 'logs'>, status: StatusResponse, lines = 10): Promise<FailingModule[]> {
  const failing = status.deployment?.failing ?? [];
  return Promise.all(failing.map(async ({ module, reason }) => {
    const lastLogLines: string[] = [];
    const hasContainer = status.modules.some((m) => m.name === module && m.containerId !== null);
    if (hasContainer) {
      try {
        for await (const line of client.logs(module, { tail: lines })) lastLogLines.push(line);
      } catch {
        // Logs are a courtesy here; the reason is what matters.
      }
    }
    return { module, reason, lastLogLines };
  }));
}
