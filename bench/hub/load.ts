/**
 * The raw MQTT load for the hub benchmark (mqtt.js, QoS 1, 1 KB bodies): one producer, one consumer,
 * in this process; the broker in another. Each body carries its send time, so latency is measured
 * on one clock.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { percentile } from '../measure.js';

export interface Login {
  clientId: string;
  username?: string;
  password?: string;
}

export interface BrokerTarget {
  port: number;
  caFile: string;
  producer: Login;
  consumer: Login;
  /** "{n}" is replaced by the message number (the hub gets a message id per message, as from the SDK). */
  publishTopic: string;
  subscribeTopic: string;
}

export const BODY_BYTES = 1024;

async function connect(target: BrokerTarget, login: Login): Promise<MqttClient> {
  const client = mqtt.connect(`mqtts://127.0.0.1:${target.port}`, {
    ...login,
    ca: readFileSync(target.caFile),
    servername: 'localhost',
    protocolVersion: 4,
    clean: false,
    reconnectPeriod: 0,
    keepalive: 180,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export class LoadPair {
  private received = 0;
  private latencies: number[] = [];
  private onCount: (() => void) | undefined;
  private sent = 0;

  private constructor(private readonly target: BrokerTarget, private readonly producer: MqttClient, private readonly consumer: MqttClient) {
    consumer.on('message', (_topic, payload) => {
      this.latencies.push(performance.now() - payload.readDoubleLE(0));
      this.received++;
      this.onCount?.();
    });
  }

  static async open(target: BrokerTarget): Promise<LoadPair> {
    const consumer = await connect(target, target.consumer);
    await consumer.subscribeAsync(target.subscribeTopic, { qos: 1 });
    const producer = await connect(target, target.producer);
    return new LoadPair(target, producer, consumer);
  }

  private publish(done: () => void): void {
    const body = Buffer.alloc(BODY_BYTES, 0x61);
    body.writeDoubleLE(performance.now(), 0);
    this.producer.publish(this.target.publishTopic.replace('{n}', String(this.sent++)), body, { qos: 1 }, done);
  }

  private until(count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.received} of ${count} messages arrived within ${timeoutMs} ms`)), timeoutMs);
      const check = (): void => {
        if (this.received >= count) {
          clearTimeout(timer);
          this.onCount = undefined;
          resolve();
        }
      };
      this.onCount = check;
      check();
    });
  }

  /** As fast as the broker takes them, at most `window` unacknowledged: messages per second end to end. */
  async throughput(count: number, window = 1000): Promise<number> {
    this.received = 0;
    this.latencies = [];
    let issued = 0;
    let inflight = 0;
    const start = performance.now();
    const pump = (): void => {
      while (inflight < window && issued < count) {
        inflight++;
        issued++;
        this.publish(() => {
          inflight--;
          pump();
        });
      }
    };
    pump();
    await this.until(count, 120_000);
    return count / ((performance.now() - start) / 1000);
  }

  /** Messages paced at `rate` per second; end-to-end latency percentiles in ms. */
  async latency(rate: number, count: number): Promise<{ p50: number; p99: number }> {
    this.received = 0;
    this.latencies = [];
    let issued = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate));
        while (issued < due) {
          issued++;
          this.publish(() => undefined);
        }
        if (issued >= count) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    await this.until(count, 60_000);
    return { p50: percentile(this.latencies, 50), p99: percentile(this.latencies, 99) };
  }

  async close(): Promise<void> {
    await Promise.all([this.producer.endAsync(), this.consumer.endAsync()]);
  }
}
