/**
 * createOptions as the Azure format carries it: a stringified Docker ContainerCreate body, split into
 * 512-character chunks `createOptions`, `createOptions01`, `createOptions02`… Like edgeAgent
 * (JsonEx.ChunkedValue) the chunks must be numbered contiguously; empty, blank or "null" means `{}`.
 */

export type JoinResult = { ok: true; text: string } | { ok: false; message: string };

const CHUNK_KEY = /^createoptions(\d{2})?$/i;

export function joinCreateOptions(settings: Record<string, unknown>): JoinResult {
  const chunks = new Map<number, unknown>();
  for (const [key, value] of Object.entries(settings)) {
    const match = CHUNK_KEY.exec(key);
    if (match === null) continue;
    chunks.set(match[1] === undefined ? 0 : Number(match[1]), value);
  }
  let text = '';
  for (let index = 0; index < chunks.size; index++) {
    if (!chunks.has(index)) {
      const name = index === 0 ? 'createOptions' : `createOptions${String(index).padStart(2, '0')}`;
      return { ok: false, message: `createOptions chunks must be numbered contiguously: ${name} is missing` };
    }
    const value = chunks.get(index);
    // Templates may carry createOptions as an object; the deployed form is a string.
    text += typeof value === 'string' ? value : JSON.stringify(value);
  }
  return { ok: true, text };
}

export type ParseResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export function parseCreateOptions(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'null') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, message: 'createOptions must be a JSON object (a Docker ContainerCreate body)' };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: `createOptions is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
