/**
 * JSON text as Go's encoding/json writes it. cosign signs bytes produced by json.Marshal, so a
 * payload we build must match them exactly for identical digests: Go escapes `<`, `>`, `&` and
 * U+2028/U+2029, which JSON.stringify leaves alone. Objects are written in insertion order, so
 * callers build them in Go's struct field order (or sorted, for Go maps).
 */

export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Compact JSON with Go's string escaping; `undefined` members are dropped as with JSON.stringify. */
export function goJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => goJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => `${goJsonString(key)}:${goJson(member)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`cannot encode ${typeof value} as JSON`);
}

/** A Go map[string]string: keys sorted by byte order, as encoding/json sorts map keys. */
export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const keys = Object.keys(record).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? '']));
}
