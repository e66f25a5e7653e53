/** Bounded fuzz: 6,000 mutated manifests; validate must never throw, only report. Seeded, so reproducible. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { validateDeployment } from '../../../src/core/manifest/validate-deployment.js';
import { expandTemplate } from '../../../src/core/genconfig/expand-template.js';
import { AZURE, jsonFiles } from './corpus-helpers.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const PIECES = ['{', '}', '[', ']', ',', ':', '"', '\\', '${X}', '$edgeHub', '"createOptions01"', 'null', '-1e999', '"\u0000"', '\n', 'FROM /messages/* INTO $upstream', '"__proto__"', '1.1', '"modules"'];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  switch (Math.floor(next() * 4)) {
    case 0: return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
    case 1: return text.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] ?? '') + text.slice(at);
    case 2: { const from = Math.floor(next() * text.length); return text.slice(0, at) + text.slice(from, from + 40) + text.slice(at); }
    default: return text.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + text.slice(at + 1);
  }
}

t.test('6,000 mutated manifests never make validate throw', async (t) => {
  const seeds = jsonFiles(AZURE).map((f) => readFileSync(join(AZURE, f), 'utf8'));
  const next = random(20261128);
  let thrown = 0;
  let diagnostics = 0;
  for (let i = 0; i < 6000; i++) {
    let text = seeds[i % seeds.length] ?? '{}';
    const rounds = 1 + Math.floor(next() * 4);
    for (let r = 0; r < rounds; r++) text = mutate(text, next);
    try {
      const found = validateDeployment(text, { fileName: i % 3 === 0 ? 'deployment.template.json' : 'deployment.json' });
      diagnostics += found.length;
      for (const d of found) if (!(d.line >= 1 && d.column >= 1)) throw new Error(`bad position ${JSON.stringify(d)}`);
    } catch (error) {
      thrown++;
      if (thrown <= 3) t.fail(`case ${i} threw: ${(error as Error).stack ?? String(error)}`);
    }
  }
  t.equal(thrown, 0, 'no case threw');
  t.ok(diagnostics > 6000, 'mutations were reported');
});

t.test('hostile shapes are reported, not thrown', async (t) => {
  const cases = ['', ' ', '[]', 'null', '"x"', '1', '{"modulesContent": []}', '['.repeat(100000), '{"a":'.repeat(5000), '{"__proto__": {"polluted": 1}}', '\uFEFF{}', '{"modulesContent":{"$edgeAgent":{"properties.desired":{"modules":{"a":{"settings":{"image":"x","createOptions":"{\\"HostConfig\\": 1}"}}}}}}}'];
  for (const text of cases) {
    t.doesNotThrow(() => validateDeployment(text, { fileName: 'x.json' }), JSON.stringify(text.slice(0, 30)));
  }
  t.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype pollution');
});

t.test('2,000 mutated templates never make genconfig\'s expansion throw', async (t) => {
  const seeds = jsonFiles(AZURE).map((f) => readFileSync(join(AZURE, f), 'utf8'));
  const next = random(7);
  const variables = new Map([['CONTAINER_REGISTRY_ADDRESS', 'r.io'], ['TTL', '{"a": [1'], ['X', '$X']]);
  let thrown = 0;
  for (let i = 0; i < 2000; i++) {
    let text = seeds[i % seeds.length] ?? '{}';
    for (let r = 0; r < 1 + Math.floor(next() * 3); r++) text = mutate(text, next);
    try {
      expandTemplate({ text, file: 't.json', variables, platform: 'amd64', debug: i % 2 === 0, resolveModule: (ref) => (i % 3 === 0 ? 'missing' : { repository: 'r.io/m', version: '1', platforms: ref.platform === 'amd64' ? ['amd64'] : [] }) });
    } catch (error) {
      thrown++;
      if (thrown <= 3) t.fail(`case ${i} threw: ${(error as Error).stack ?? String(error)}`);
    }
  }
  t.equal(thrown, 0, 'no case threw');
});
