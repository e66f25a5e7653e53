/**
 * The images a Dockerfile builds on, as the classic builder (Engine API /build) would resolve them:
 * every `FROM` that is not an earlier stage or `scratch`, and every `COPY --from=<image>`, with
 * global `ARG`s (those before the first FROM) expanded from their defaults and the build args.
 * The up-to-date check keys an image on these bases' IDs, so anything this parser is not sure of
 * (an unknown variable, an escape directive it does not model, `ADD <url>` whose content only the
 * builder can fetch) makes the whole Dockerfile "unresolvable", and the image is simply built.
 */

export type DockerfileBases =
  | { kind: 'resolved'; images: string[] }
  | { kind: 'unresolvable'; reason: string };

interface Instruction { keyword: string; rest: string }

export function dockerfileBases(text: string, buildArgs: Readonly<Record<string, string>>): DockerfileBases {
  const escape = escapeDirective(text);
  if (escape === undefined) return { kind: 'unresolvable', reason: 'an unrecognised parser directive' };
  const globals = new Map<string, string>();
  const stages: string[] = [];
  const images = new Set<string>();
  let sawFrom = false;
  for (const { keyword, rest } of instructions(text, escape)) {
    if (keyword === 'ARG' && !sawFrom) {
      for (const word of rest.split(/\s+/).filter((w) => w !== '')) {
        const eq = word.indexOf('=');
        const name = eq < 0 ? word : word.slice(0, eq);
        const fallback = eq < 0 ? undefined : expand(word.slice(eq + 1), globals, escape);
        const value = buildArgs[name] ?? fallback;
        if (value !== undefined) globals.set(name, value);
      }
    } else if (keyword === 'FROM') {
      sawFrom = true;
      const words = rest.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
      const image = expand(words[0] ?? '', globals, escape);
      if (image === undefined || image === '') return { kind: 'unresolvable', reason: `FROM ${rest}` };
      if (image.toLowerCase() !== 'scratch' && !stages.includes(image.toLowerCase())) images.add(image);
      stages.push((words[1]?.toLowerCase() === 'as' ? words[2] ?? '' : String(stages.length)).toLowerCase());
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const from = /(?:^|\s)--from=(\S+)/.exec(rest)?.[1];
      if (from !== undefined) {
        if (from.includes('$')) return { kind: 'unresolvable', reason: `${keyword} --from=${from}` };
        const stage = from.toLowerCase();
        if (!stages.includes(stage) && !/^\d+$/.test(stage)) images.add(from);
      }
      // The builder downloads remote sources on every build and compares them: only it knows.
      if (keyword === 'ADD' && /(?:^|\s)(?:https?:\/\/|git@)/i.test(rest)) return { kind: 'unresolvable', reason: 'ADD of a URL' };
    }
  }
  return { kind: 'resolved', images: [...images] };
}

/** `# escape=`` ` at the very top changes the line-continuation character; `\` otherwise. */
function escapeDirective(text: string): string | undefined {
  let escape = '\\';
  for (const line of text.split('\n')) {
    const directive = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S*)\s*$/.exec(line);
    if (directive === null) break;
    const name = (directive[1] ?? '').toLowerCase();
    if (name === 'escape') {
      if (directive[2] !== '\\' && directive[2] !== '`') return undefined;
      escape = directive[2];
    } else if (name !== 'syntax' && name !== 'check') {
      return undefined;
    }
  }
  return escape;
}

/** Logical instructions: continuation lines joined, comments and blank lines dropped. */
function instructions(text: string, escape: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith(escape)) { pending += `${line.slice(0, -1)} `; continue; }
    const whole = (pending + line).trim();
    pending = '';
    const match = /^(\S+)\s*(.*)$/.exec(whole);
    if (match !== null) out.push({ keyword: (match[1] ?? '').toUpperCase(), rest: match[2] ?? '' });
  }
  if (pending.trim() !== '') {
    const match = /^(\S+)\s*(.*)$/.exec(pending.trim());
    if (match !== null) out.push({ keyword: (match[1] ?? '').toUpperCase(), rest: match[2] ?? '' });
  }
  return out;
}

/** `$x`, `${x}`, `${x:-default}`, `${x:+alt}`; undefined when a variable is not set and has no default. */
function expand(word: string, vars: ReadonlyMap<string, string>, escape: string): string | undefined {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    if (c === escape && word[i + 1] === '$') { out += '$'; i++; continue; }
    if (c !== '$') { out += c; continue; }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}/.exec(word.slice(i));
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(word.slice(i));
    const match = braced ?? plain;
    if (match === null) return undefined;
    const value = vars.get(match[1] ?? '');
    const operator = braced === null ? undefined : braced[2];
    const operand = braced === null ? '' : braced[3] ?? '';
    if (operand.includes('$')) return undefined;
    if (operator === '-') out += value === undefined || value === '' ? operand : value;
    else if (operator === '+') out += value === undefined || value === '' ? '' : operand;
    else if (value === undefined) return undefined;
    else out += value;
    i += match[0].length - 1;
  }
  return unquote(out);
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}
