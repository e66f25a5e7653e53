/**
 * `.env` files as python-dotenv (iotedgedev) reads them: KEY=VALUE lines, `#` comments, optional
 * `export `, single quotes literal, double quotes with \n escapes, unquoted values trimmed and cut
 * at ` #`. Values already in the process environment win, as with python-dotenv.
 */

export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (match === null) continue;
    values[match[1] ?? ''] = unquote(match[2] ?? '');
  }
  return values;
}

function unquote(value: string): string {
  if (value.startsWith("'")) {
    const end = value.indexOf("'", 1);
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  if (value.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"/.exec(value);
    const body = match?.[1] ?? value.slice(1);
    return body.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
  }
  return value.replace(/\s+#.*$/, '').trim();
}

/** The process environment over the .env file: what module.json and templates are expanded with. */
export function mergeEnvironment(fileValues: Readonly<Record<string, string>>, processEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const merged: Record<string, string> = { ...fileValues };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) merged[key] = value;
  return merged;
}
