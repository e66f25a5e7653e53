/**
 * The `$upstream` store: messages routed upstream, kept on disk until a forwarder takes them (a later
 * issue) or they expire. Append-only segment files of JSON lines; an index (seq, expiry, file offset) in
 * memory, rebuilt from the files on start, so the store survives kill -9: a write() that returned is in
 * the page cache even if the process dies the next instant. Bounded in bytes (oldest segment dropped
 * first) and in time (per-message expiry); both kinds of drop are counted and the counts persisted.
 * Longer than most files: the index, the segments and the counters keep one invariant together.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { HubMessage } from '../../core/hub/hub-message.js';
import { ensurePrivateDir, writeFileAtomic } from '../../adapters/atomic-file.js';

export interface StoredMessage {
  seq: number;
  /** The module that sent it. */
  module: string;
  enqueuedAt: number;
  expiresAt: number | undefined;
  systemProperties: Record<string, string>;
  applicationProperties: Record<string, string>;
  body: Buffer;
}

export interface UpstreamStats {
  messages: number;
  bytes: number;
  droppedExpired: number;
  droppedSize: number;
  /** Highest sequence number a forwarder acknowledged. */
  ackedThrough: number;
}

interface IndexEntry {
  seq: number;
  module: string;
  expiresAt: number | undefined;
  segment: number;
  offset: number;
  length: number;
}

interface Segment {
  first: number;
  path: string;
  bytes: number;
}

interface PersistedStats {
  droppedExpired: number;
  droppedSize: number;
  ackedThrough: number;
  /** Sequence numbers already counted as dropped whose segment still exists: not to be counted twice. */
  dropped: number[];
}

export interface UpstreamStoreOptions {
  dir: string;
  maxSizeBytes: number;
  now?: () => number;
}

/**
 * The store's bound (at least 4 KiB) and its segment size: a quarter of the bound, between 1 KiB and
 * 4 MiB, so dropping the oldest segment frees a fair share without keeping tiny files.
 */
export function sizeLimits(maxSizeBytes: number): { maxSizeBytes: number; segmentBytes: number } {
  const bound = Math.max(4096, maxSizeBytes);
  return { maxSizeBytes: bound, segmentBytes: Math.max(1024, Math.min(4 * 1024 * 1024, Math.floor(bound / 4))) };
}

const segmentName = (first: number): string => `segment-${String(first).padStart(12, '0')}.jsonl`;

export class UpstreamStore {
  private readonly dir: string;
  private maxSizeBytes: number;
  private segmentBytes: number;
  private readonly now: () => number;
  private index: IndexEntry[] = [];
  private segments: Segment[] = [];
  private fd: number | undefined;
  private nextSeq = 1;
  private stats: PersistedStats = { droppedExpired: 0, droppedSize: 0, ackedThrough: 0, dropped: [] };
  private readonly listeners = new Set<(message: StoredMessage) => void>();

  constructor(options: UpstreamStoreOptions) {
    this.dir = options.dir;
    ({ maxSizeBytes: this.maxSizeBytes, segmentBytes: this.segmentBytes } = sizeLimits(options.maxSizeBytes));
    this.now = options.now ?? Date.now;
    ensurePrivateDir(this.dir);
    this.load();
  }

  private statsPath(): string {
    return join(this.dir, 'stats.json');
  }

  private load(): void {
    if (existsSync(this.statsPath())) this.stats = JSON.parse(readFileSync(this.statsPath(), 'utf8')) as PersistedStats;
    const counted = new Set(this.stats.dropped);
    const names = readdirSync(this.dir).filter((n) => /^segment-\d+\.jsonl$/.test(n)).sort();
    for (const name of names) {
      const path = join(this.dir, name);
      const segment: Segment = { first: Number(name.slice(8, 20)), path, bytes: statSync(path).size };
      const segmentIndex = this.segments.push(segment) - 1;
      const text = readFileSync(path);
      let offset = 0;
      while (offset < text.length) {
        const end = text.indexOf(0x0a, offset);
        if (end < 0) break; // a torn last line: the append never completed, so it was never acknowledged
        try {
          const record = JSON.parse(text.subarray(offset, end).toString('utf8')) as { s: number; m: string; x: number | null };
          this.nextSeq = Math.max(this.nextSeq, record.s + 1);
          if (record.s > this.stats.ackedThrough && !counted.has(record.s)) {
            this.index.push({ seq: record.s, module: record.m, expiresAt: record.x ?? undefined, segment: segmentIndex, offset, length: end - offset });
          }
        } catch {
          // An unreadable line is skipped, not fatal: the rest of the store stays usable.
        }
        offset = end + 1;
      }
    }
    this.nextSeq = Math.max(this.nextSeq, this.stats.ackedThrough + 1);
    this.sweep();
  }

  /** A deployment's storeAndForward limit; applies from the next append. */
  setMaxSize(maxSizeBytes: number): void {
    ({ maxSizeBytes: this.maxSizeBytes, segmentBytes: this.segmentBytes } = sizeLimits(maxSizeBytes));
    this.enforceSize();
  }

  append(message: HubMessage, module: string, expiresAt: number | undefined): number {
    const seq = this.nextSeq++;
    const line = Buffer.from(
      `${JSON.stringify({ s: seq, m: module, t: message.enqueuedAt, x: expiresAt ?? null, sp: message.systemProperties, p: message.applicationProperties, b: message.body.toString('base64') })}\n`,
    );
    let active = this.segments[this.segments.length - 1];
    if (active === undefined || this.fd === undefined || active.bytes + line.length > this.segmentBytes) active = this.roll(seq);
    writeSync(this.fd as number, line);
    this.index.push({ seq, module, expiresAt, segment: this.segments.length - 1, offset: active.bytes, length: line.length - 1 });
    active.bytes += line.length;
    this.enforceSize();
    if (this.listeners.size > 0) {
      const stored: StoredMessage = { seq, module, enqueuedAt: message.enqueuedAt, expiresAt, systemProperties: message.systemProperties, applicationProperties: message.applicationProperties, body: message.body };
      for (const listener of this.listeners) listener(stored);
    }
    return seq;
  }

  private roll(first: number): Segment {
    if (this.fd !== undefined) closeSync(this.fd);
    const segment: Segment = { first, path: join(this.dir, segmentName(first)), bytes: 0 };
    this.fd = openSync(segment.path, 'a', 0o600);
    this.segments.push(segment);
    return segment;
  }

  private totalBytes(): number {
    return this.segments.reduce((sum, s) => sum + s.bytes, 0);
  }

  /** Over the byte bound: drop whole oldest segments (never the one being written), counting what they held. */
  private enforceSize(): void {
    let changed = false;
    while (this.totalBytes() > this.maxSizeBytes && this.segments.length > 1) {
      const live = this.index.filter((e) => e.segment === 0);
      const now = this.now();
      for (const entry of live) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.stats.droppedExpired++;
        else this.stats.droppedSize++;
      }
      this.dropOldestSegment();
      changed = true;
    }
    if (changed) this.saveStats();
  }

  private dropOldestSegment(): void {
    const oldest = this.segments.shift();
    if (oldest === undefined) return;
    unlinkSync(oldest.path);
    this.index = this.index.filter((e) => e.segment !== 0).map((e) => ({ ...e, segment: e.segment - 1 }));
    const firstLive = this.segments[0]?.first ?? this.nextSeq;
    this.stats.dropped = this.stats.dropped.filter((seq) => seq >= firstLive);
  }

  /** Drop expired messages (counted) and segments nothing live refers to any more. */
  sweep(): void {
    const now = this.now();
    const expired = this.index.filter((e) => e.expiresAt !== undefined && e.expiresAt <= now);
    if (expired.length > 0) {
      this.stats.droppedExpired += expired.length;
      this.stats.dropped.push(...expired.map((e) => e.seq));
      this.index = this.index.filter((e) => !(e.expiresAt !== undefined && e.expiresAt <= now));
    }
    let removed = false;
    while (this.segments.length > 1 && !this.index.some((e) => e.segment === 0)) {
      this.dropOldestSegment();
      removed = true;
    }
    if (expired.length > 0 || removed) this.saveStats();
  }

  private saveStats(): void {
    writeFileAtomic(this.statsPath(), JSON.stringify(this.stats));
  }

  private readEntry(entry: IndexEntry): StoredMessage {
    const segment = this.segments[entry.segment];
    if (segment === undefined) throw new Error(`upstream store index points past its segments (seq ${entry.seq})`);
    const buffer = Buffer.alloc(entry.length);
    const fd = openSync(segment.path, 'r');
    try {
      readSync(fd, buffer, 0, entry.length, entry.offset);
    } finally {
      closeSync(fd);
    }
    const record = JSON.parse(buffer.toString('utf8')) as { s: number; m: string; t: number; x: number | null; sp: Record<string, string>; p: Record<string, string>; b: string };
    return { seq: record.s, module: record.m, enqueuedAt: record.t, expiresAt: record.x ?? undefined, systemProperties: record.sp, applicationProperties: record.p, body: Buffer.from(record.b, 'base64') };
  }

  /** Live messages, oldest first: the last `count` of them (all when absent), optionally from one module. */
  read(options: { module?: string; count?: number; afterSeq?: number } = {}): StoredMessage[] {
    this.sweep();
    let entries = this.index.filter((e) => (options.module === undefined || e.module === options.module) && (options.afterSeq === undefined || e.seq > options.afterSeq));
    if (options.count !== undefined) entries = entries.slice(Math.max(0, entries.length - options.count));
    return entries.map((e) => this.readEntry(e));
  }

  subscribe(listener: (message: StoredMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For the forwarder: everything through `seq` has been delivered upstream and may go. */
  ack(seq: number): void {
    if (seq <= this.stats.ackedThrough) return;
    this.stats.ackedThrough = seq;
    this.index = this.index.filter((e) => e.seq > seq);
    this.sweep();
    this.saveStats();
  }

  status(): UpstreamStats {
    return {
      messages: this.index.length,
      bytes: this.totalBytes(),
      droppedExpired: this.stats.droppedExpired,
      droppedSize: this.stats.droppedSize,
      ackedThrough: this.stats.ackedThrough,
    };
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.listeners.clear();
  }
}
