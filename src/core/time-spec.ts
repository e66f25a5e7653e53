/**
 * The times `logs --since/--until` accept, as Docker and `iotedge logs` do: RFC 3339, unix seconds, or a
 * duration ago ("90s", "10m", "2h", "1d"). Returns unix seconds, or null when the text is none of these.
 */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTimeSpec(text: string, nowMs: number): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const duration = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(trimmed);
  if (duration !== null) return Math.floor(nowMs / 1000 - Number(duration[1]) * (UNIT_SECONDS[duration[2] ?? 's'] ?? 1));
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}
