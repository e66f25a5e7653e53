import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reading, settingsFromEnvironment } from '../simulation.js';

test('a reading has the shape of Azure\'s SimulatedTemperatureSensor', () => {
  const r = reading(0, new Date('2024-01-01T00:00:00Z'), () => 0.5);
  assert.deepEqual(Object.keys(r), ['machine', 'ambient', 'timeCreated']);
  assert.equal(r.machine.temperature, 21);
  assert.equal(r.timeCreated, '2024-01-01T00:00:00.000Z');
  assert.equal(typeof r.ambient.humidity, 'number');
});

test('the machine warms up past 25 and cools down again', () => {
  const temperatures = Array.from({ length: 160 }, (_, n) => reading(n, new Date(), () => 0.5).machine.temperature);
  assert.ok(temperatures.some((t) => t > 25));
  assert.ok(Math.max(...temperatures) <= 101);
  assert.ok(temperatures[159] < temperatures[80]);
});

test('settings come from SendInterval and MessageCount with defaults', () => {
  assert.deepEqual(settingsFromEnvironment({}), { intervalMs: 5000, count: 500 });
  assert.deepEqual(settingsFromEnvironment({ SendInterval: '0.5', MessageCount: '3' }), { intervalMs: 500, count: 3 });
  assert.deepEqual(settingsFromEnvironment({ SendInterval: 'fast', MessageCount: '-1' }), { intervalMs: 5000, count: 500 });
});
