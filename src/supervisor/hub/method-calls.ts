/** Direct-method calls in flight: a request id per call, settled by the module's response or a timer. */
import { EdgeError } from '../../core/errors.js';

export interface MethodResult {
  status: number;
  payload: unknown;
}

interface Pending {
  moduleId: string;
  resolve: (result: MethodResult) => void;
  timer: NodeJS.Timeout;
}

export class MethodCalls {
  private readonly pending = new Map<string, Pending>();
  private next = 1;

  start(moduleId: string, method: string, timeoutMs: number): { rid: string; result: Promise<MethodResult> } {
    const rid = String(this.next++);
    const result = new Promise<MethodResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        reject(
          new EdgeError({
            code: 'HUB_METHOD_TIMEOUT',
            message: `module ${moduleId} did not answer method ${method} within ${timeoutMs} ms`,
            hint: 'check that the module registered the method (onMethod) and is running, or raise --timeout',
          }),
        );
      }, timeoutMs);
      this.pending.set(rid, { moduleId, resolve, timer });
    });
    return { rid, result };
  }

  /** A response from a module; ignored unless that module was asked under that request id. */
  complete(moduleId: string, rid: string, status: number, body: Buffer): boolean {
    const call = this.pending.get(rid);
    if (call === undefined || call.moduleId !== moduleId) return false;
    this.pending.delete(rid);
    clearTimeout(call.timer);
    let payload: unknown = null;
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        payload = body.toString('utf8');
      }
    }
    call.resolve({ status, payload });
    return true;
  }
}
