import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEMPERATURE_THRESHOLD, filterMessage, thresholdFromDesired } from '../filter.js';

const body = (temperature) => Buffer.from(JSON.stringify({ machine: { temperature, pressure: 1 }, ambient: { temperature: 21, humidity: 25 }, timeCreated: '2024-01-01T00:00:00Z' }));

test('forwards a message above the threshold', () => {
  assert.deepEqual(filterMessage(body(30.5), 25), { forward: true, temperature: 30.5 });
});

test('drops a message at or below the threshold', () => {
  assert.equal(filterMessage(body(25), 25).forward, false);
  assert.equal(filterMessage(body(-3), 25).forward, false);
});

test('drops bodies that are not JSON or lack machine.temperature', () => {
  assert.equal(filterMessage(Buffer.from('not json'), 25).forward, false);
  assert.equal(filterMessage(Buffer.from('{"ambient":{"temperature":99}}'), 25).forward, false);
  assert.equal(filterMessage(Buffer.from('{"machine":{"temperature":"hot"}}'), 25).forward, false);
});

test('reads the threshold from desired properties, keeping the current one otherwise', () => {
  assert.equal(thresholdFromDesired({ TemperatureThreshold: 40, $version: 3 }), 40);
  assert.equal(thresholdFromDesired({ $version: 4 }, 40), 40);
  assert.equal(thresholdFromDesired({ TemperatureThreshold: 'high' }, 40), 40);
  assert.equal(thresholdFromDesired(undefined), DEFAULT_TEMPERATURE_THRESHOLD);
});
