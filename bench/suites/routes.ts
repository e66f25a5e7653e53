/**
 * The cost of routing decisions: 100 compiled routes evaluated against 10,000 messages, beside
 * hand-written JS predicates that make the same decisions (the fastest the hub could possibly
 * be), plus the cost of parsing a route, which `edgectl validate` pays per route.
 */
import { performance } from 'node:perf_hooks';
import { maxRow, minRow, ratioRow, type BenchRow, type BenchSuite } from '../bench-types.js';
import { median } from '../measure.js';
import { compileRoute, parseRoute, type CompiledRoute, type Route, type RouteMessage } from '../../src/core/routes/index.js';

const ROUTES = 100;
const MESSAGES = 10_000;
const ROUNDS = 7;

interface Sample { path: string; message: RouteMessage }

function routeText(i: number): string {
  const module = `m${i % 10}`;
  switch (i % 4) {
    case 0: return `FROM /messages/modules/${module}/outputs/* WHERE $body.temperature > ${i} INTO $upstream`;
    case 1: return `FROM /messages/* WHERE alert = 'yes' AND $connectionModuleId = '${module}' INTO BrokeredEndpoint("/modules/sink/inputs/in${i}")`;
    case 2: return `FROM /messages/modules/${module}/outputs/out${i % 3} INTO $upstream`;
    default: return `FROM /messages/* WHERE is_defined($body.machine.pressure) AND as_number(level) >= ${i % 10} INTO $upstream`;
  }
}

type Predicate = (path: string, message: RouteMessage) => boolean;

/** The same 100 decisions written by hand, with the body parsed once per message as well. */
function handWritten(i: number, body: (m: RouteMessage) => { temperature?: unknown; machine?: { pressure?: unknown } } | undefined): Predicate {
  const module = `m${i % 10}`;
  switch (i % 4) {
    case 0: {
      const prefix = `/messages/modules/${module}/outputs/`;
      return (path, m) => {
        if (!path.startsWith(prefix)) return false;
        const temperature = body(m)?.temperature;
        return typeof temperature === 'number' && temperature > i;
      };
    }
    case 1:
      return (path, m) => path.startsWith('/messages/') && m.applicationProperties['alert'] === 'yes' && m.systemProperties['connectionModuleId'] === module;
    case 2: {
      const exact = `/messages/modules/${module}/outputs/out${i % 3}`;
      return (path) => path === exact || path.startsWith(`${exact}/`);
    }
    default:
      return (path, m) => {
        if (!path.startsWith('/messages/')) return false;
        const level = Number(m.applicationProperties['level']);
        return body(m)?.machine?.pressure !== undefined && !Number.isNaN(level) && level >= i % 10;
      };
  }
}

function makeSamples(): Sample[] {
  const encoder = new TextEncoder();
  return Array.from({ length: MESSAGES }, (_, n) => {
    const module = `m${n % 10}`;
    const payload = { temperature: n % 120, machine: { pressure: n % 7, temperature: 20 + (n % 30) }, ambient: { humidity: n % 100 }, timeCreated: '2026-11-28T05:00:00Z', pad: 'x'.repeat(700) };
    return {
      path: `/messages/modules/${module}/outputs/out${n % 3}`,
      message: {
        body: encoder.encode(JSON.stringify(payload)),
        systemProperties: { connectionDeviceId: 'device', connectionModuleId: module, outputName: `out${n % 3}`, contentType: 'application/json', contentEncoding: 'utf-8' },
        applicationProperties: { alert: n % 2 === 0 ? 'yes' : 'no', level: String(n % 10) },
      },
    };
  });
}

/** ms for one pass of every message through every predicate; fresh message objects each pass so both sides parse each body once. */
function timePass(samples: readonly Sample[], predicates: readonly Predicate[]): { ms: number; matched: number } {
  const fresh = samples.map((s) => ({ path: s.path, message: { ...s.message } }));
  let matched = 0;
  const start = performance.now();
  for (const { path, message } of fresh) {
    for (const predicate of predicates) if (predicate(path, message)) matched++;
  }
  return { ms: performance.now() - start, matched };
}

export const routes: BenchSuite = {
  name: 'routes',
  async run(): Promise<BenchRow[]> {
    const texts = Array.from({ length: ROUTES }, (_, i) => routeText(i));
    const parsed: Route[] = texts.map((text) => {
      const result = parseRoute(text);
      if (!result.ok) throw new Error(`bench route does not parse: ${text}: ${result.error.message}`);
      return result.route;
    });
    const compiled: CompiledRoute[] = parsed.map(compileRoute);
    const ours: Predicate[] = compiled.map((route) => (path, message) => route.matches(path, message));
    const bodies = new WeakMap<RouteMessage, ReturnType<typeof JSON.parse>>();
    const decoder = new TextDecoder();
    const body = (m: RouteMessage): { temperature?: unknown } | undefined => {
      if (!bodies.has(m)) bodies.set(m, JSON.parse(typeof m.body === 'string' ? m.body : decoder.decode(m.body)));
      return bodies.get(m);
    };
    const plain: Predicate[] = Array.from({ length: ROUTES }, (_, i) => handWritten(i, body));

    const samples = makeSamples();
    const oursMs: number[] = [];
    const plainMs: number[] = [];
    timePass(samples, ours); // warm-up: JIT both sides
    const check = timePass(samples, plain);
    for (let round = 0; round < ROUNDS; round++) {
      const a = timePass(samples, ours);
      const b = timePass(samples, plain);
      if (a.matched !== b.matched) throw new Error(`routes and hand-written predicates disagree: ${a.matched} vs ${b.matched} matches`);
      oursMs.push(a.ms);
      plainMs.push(b.ms);
    }
    const evaluations = ROUTES * MESSAGES;
    const perEvaluation = (median(oursMs) * 1000) / evaluations;
    const plainPerEvaluation = (median(plainMs) * 1000) / evaluations;
    const baseline = { name: 'hand-written JS predicate', value: plainPerEvaluation };
    const decisionsPerSecond = MESSAGES / (median(oursMs) / 1000);
    const plainPerSecond = MESSAGES / (median(plainMs) / 1000);

    for (let repeat = 0; repeat < 20; repeat++) for (const text of texts) parseRoute(text); // warm-up: let the JIT settle
    const parseRounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const parseStart = performance.now();
      for (let repeat = 0; repeat < 10; repeat++) for (const text of texts) parseRoute(text);
      parseRounds.push(((performance.now() - parseStart) * 1000) / (10 * texts.length));
    }
    const parseMicros = median(parseRounds);

    return [
      maxRow(`route evaluation (${ROUTES} routes × ${MESSAGES / 1000}k msgs, ${check.matched} matches)`, perEvaluation, 'µs', 10, baseline),
      ratioRow('route evaluation vs hand-written predicate', perEvaluation, baseline, 3, 'µs'),
      minRow(`messages routed per second through ${ROUTES} routes`, decisionsPerSecond, 'msg/s', 20_000, { name: 'hand-written predicates', value: plainPerSecond }),
      maxRow('parseRoute, per route', parseMicros, 'µs', 50),
    ];
  },
};
