/**
 * Persistent MQTT sessions (clean session 0): each client's subscriptions, saved so they survive a hub
 * restart. The Node SDK never re-sends its twin subscriptions after a reconnect (edgehub-mqtt.md §8.1,
 * G2), so without this a module stops seeing desired-property updates after the supervisor restarts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../adapters/atomic-file.js';

export interface SavedSubscription {
  topic: string;
  qos: 0 | 1;
}

export class SessionStore {
  private sessions = new Map<string, SavedSubscription[]>();

  constructor(private readonly file: string) {
    if (existsSync(file)) this.sessions = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, SavedSubscription[]>));
  }

  all(): ReadonlyMap<string, SavedSubscription[]> {
    return this.sessions;
  }

  save(clientId: string, subscriptions: SavedSubscription[]): void {
    const before = JSON.stringify(this.sessions.get(clientId) ?? []);
    if (before === JSON.stringify(subscriptions)) return;
    if (subscriptions.length === 0) this.sessions.delete(clientId);
    else this.sessions.set(clientId, subscriptions);
    this.write();
  }

  forget(clientId: string): void {
    if (this.sessions.delete(clientId)) this.write();
  }

  private write(): void {
    writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.sessions)), 0o600);
  }
}
