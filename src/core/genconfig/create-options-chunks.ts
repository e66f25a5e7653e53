/**
 * createOptions as a deployed manifest needs it: an object becomes minified JSON text, and text
 * longer than 512 characters is split into createOptions, createOptions01, createOptions02, …
 * (edgeAgent joins them back in name order; the twin format caps a value's useful size).
 */
import { CHUNK_SIZE } from '../manifest/rules/create-options-rules.js';
import { isObject } from '../json/json-value.js';

const CHUNK_KEY = /^createOptions\d{2}$/i;

export function chunkCreateOptions(settings: Record<string, unknown>): void {
  const value = settings['createOptions'];
  if (value === undefined) return;
  const text = isObject(value) || Array.isArray(value) ? JSON.stringify(value) : typeof value === 'string' ? value : JSON.stringify(value);
  const existingChunks = Object.keys(settings).filter((key) => CHUNK_KEY.test(key));
  // Already chunked by hand: keep the author's chunks as they are (validate checks them).
  if (existingChunks.length > 0 && typeof value === 'string') return;
  for (const key of existingChunks) delete settings[key];
  const chunks = splitChunks(text);
  settings['createOptions'] = chunks[0] ?? '';
  chunks.slice(1).forEach((chunk, i) => { settings[`createOptions${String(i + 1).padStart(2, '0')}`] = chunk; });
}

export function splitChunks(text: string, size = CHUNK_SIZE): string[] {
  if (text.length <= size) return [text];
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}
