/**
 * `.env` files as python-dotenv (iotedgedev) and the VS Code extension read them: `KEY=value`,
 * optional `export ` prefix, `#` comments (whole line, or after an unquoted value and a space),
 * single quotes (literal), double quotes (\n, \t, \", \\ escapes; may span lines).
 */

export interface DotenvResult {
  values: Map<string, string>;
  errors: { line: number; message: string }[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseDotenv(text: string): DotenvResult {
  const values = new Map<string, string>();
  const errors: DotenvResult['errors'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const body = trimmed.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    if (eq === -1) { errors.push({ line: i + 1, message: `expected KEY=value, found ${JSON.stringify(trimmed.slice(0, 40))}` }); continue; }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) { errors.push({ line: i + 1, message: `"${key}" is not a variable name` }); continue; }
    let rest = body.slice(eq + 1).trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may continue over the following lines until its closing quote.
      let j = i;
      let closing = findClosingQuote(rest, quote);
      while (closing === -1 && j + 1 < lines.length) { j++; rest += `\n${lines[j] ?? ''}`; closing = findClosingQuote(rest, quote); }
      if (closing === -1) { errors.push({ line: i + 1, message: `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value for ${key}` }); break; }
      const inner = rest.slice(1, closing);
      values.set(key, quote === "'" ? inner : unescapeDouble(inner));
      i = j;
      continue;
    }
    const comment = rest.search(/\s#/);
    values.set(key, (comment === -1 ? rest : rest.slice(0, comment)).trim());
  }
  return { values, errors };
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') { i++; continue; }
    if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(text: string): string {
  return text.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

/**
 * The variables genconfig sees. The process environment wins over .env (as with iotedgedev's
 * python-dotenv, which never overrides), so CI can override a committed .env per run.
 */
export function mergeVariables(dotenv: ReadonlyMap<string, string>, environment: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const merged = new Map(dotenv);
  for (const [key, value] of Object.entries(environment)) if (value !== undefined) merged.set(key, value);
  return merged;
}
