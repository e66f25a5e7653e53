// The readings, free of the IoT SDK so they can be unit-tested. The shape is that of Azure's
// SimulatedTemperatureSensor, so modules written against it work unchanged.

/** Settings from the environment: SendInterval (seconds, default 5), MessageCount (default 500; 0 = no limit). */
export function settingsFromEnvironment(env) {
  return {
    intervalMs: Math.max(0, positiveNumber(env.SendInterval, 5) * 1000),
    count: Math.floor(positiveNumber(env.MessageCount, 500)),
  };
}

function positiveNumber(text, fallback) {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Reading number `n` (0-based): the machine warms from 21 °C by about 1 °C per reading and cools
 * back down after 100, so a filter with a threshold of 25 sees both sides. `random` is injectable.
 */
export function reading(n, now = new Date(), random = Math.random) {
  const cycle = n % 160;
  const base = cycle < 80 ? 21 + cycle : 101 - (cycle - 80);
  return {
    machine: { temperature: round(base + random() - 0.5), pressure: round(1 + (base - 21) * 0.1 + random() * 0.1) },
    ambient: { temperature: round(21 + random() - 0.5), humidity: Math.round(24 + random() * 3) },
    timeCreated: now.toISOString(),
  };
}

function round(value) {
  return Math.round(value * 1000) / 1000;
}
