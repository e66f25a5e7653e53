/**
 * Messages routed to a module input while that module is not there to take them (not connected, or
 * not yet subscribed to its inputs). Held in memory per module, drained highest priority first, oldest
 * first within a priority, skipping (and counting) the ones whose lifetime ran out. Bounded per module.
 */
import type { HubMessage } from '../../core/hub/hub-message.js';

export interface PendingInput {
  input: string;
  message: HubMessage;
  priority: number;
  expiresAt: number | undefined;
  order: number;
}

export class InputQueues {
  private readonly queues = new Map<string, PendingInput[]>();
  private order = 0;
  droppedExpired = 0;
  droppedFull = 0;

  constructor(private readonly maxPerModule: number, private readonly now: () => number = Date.now) {}

  push(moduleId: string, item: Omit<PendingInput, 'order'>): void {
    let queue = this.queues.get(moduleId);
    if (queue === undefined) this.queues.set(moduleId, (queue = []));
    if (queue.length >= this.maxPerModule) {
      // Full: the lowest-priority message goes; between equals, the newcomer (the queue is kept sorted).
      const last = queue[queue.length - 1];
      this.droppedFull++;
      if (last === undefined || last.priority <= item.priority) return;
      queue.pop();
    }
    const entry = { ...item, order: this.order++ };
    let at = queue.length;
    while (at > 0 && (queue[at - 1]?.priority ?? 0) > entry.priority) at--;
    queue.splice(at, 0, entry);
  }

  /** Hand every live pending message of a module to `deliver`, in order; the queue is emptied. */
  drain(moduleId: string, deliver: (item: PendingInput) => void): number {
    const queue = this.queues.get(moduleId);
    if (queue === undefined) return 0;
    this.queues.delete(moduleId);
    const now = this.now();
    let delivered = 0;
    for (const item of queue) {
      if (item.expiresAt !== undefined && item.expiresAt <= now) this.droppedExpired++;
      else {
        deliver(item);
        delivered++;
      }
    }
    return delivered;
  }

  forget(moduleId: string): void {
    this.queues.delete(moduleId);
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([m, q]) => [m, q.length]));
  }
}
