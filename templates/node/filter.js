// The module's business logic, free of the IoT SDK so it can be unit-tested with `npm test`.

export const DEFAULT_TEMPERATURE_THRESHOLD = {{temperatureThreshold}};

/**
 * The threshold from the module twin's desired properties (a full twin's `desired` or a patch),
 * or `current` when the twin does not set a usable number.
 */
export function thresholdFromDesired(desired, current = DEFAULT_TEMPERATURE_THRESHOLD) {
  const value = desired?.TemperatureThreshold;
  return typeof value === 'number' && Number.isFinite(value) ? value : current;
}

/**
 * Decides what to do with one message body (a Buffer or string of JSON as sent by the simulated
 * temperature sensor: {"machine":{"temperature":…},"ambient":{…},"timeCreated":"…"}).
 * Returns { forward: true, temperature } when machine.temperature is above the threshold.
 */
export function filterMessage(body, threshold) {
  let data;
  try {
    data = JSON.parse(body.toString());
  } catch {
    return { forward: false, reason: 'the message body is not JSON' };
  }
  const temperature = data?.machine?.temperature;
  if (typeof temperature !== 'number') return { forward: false, reason: 'the message has no machine.temperature' };
  if (temperature <= threshold) return { forward: false, reason: `${temperature} is not above ${threshold}`, temperature };
  return { forward: true, temperature };
}
