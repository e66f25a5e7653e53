/**
 * A Dockerfile parser for tests, because Engine 20.10 has no `docker build --check`: it reads the
 * file the way the classic builder does (line continuations, comments, parser directives) and
 * reports what would make a build fail before it starts — unknown instructions, a first
 * instruction that is not FROM/ARG, malformed FROM, `COPY --from` of an unknown stage, exec-form
 * JSON that does not parse, bad EXPOSE ports and ENV pairs.
 */

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

export interface DockerfileReport {
  stages: Stage[];
  errors: string[];
}

export function parseDockerfile(text: string): DockerfileReport {
  const errors: string[] = [];
  const instructions = logicalLines(text);
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const { keyword, args, line } = instruction;
    const where = `line ${line}`;
    if (!INSTRUCTIONS.has(keyword)) { errors.push(`${where}: unknown instruction ${keyword}`); continue; }
    if (args.trim() === '') errors.push(`${where}: ${keyword} has no arguments`);
    if (keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+[Aa][Ss]\s+([a-z][a-z0-9_.-]*))?$/.exec(args.trim());
      if (match === null) { errors.push(`${where}: malformed FROM "${args}"`); continue; }
      stages.push({ image: match[1] ?? '', ...(match[2] === undefined ? {} : { name: match[2] }), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) {
      if (keyword !== 'ARG') errors.push(`${where}: ${keyword} before the first FROM`);
      continue;
    }
    stage.instructions.push(instruction);
    if (EXEC_FORM.has(keyword) && args.trim().startsWith('[')) checkExecForm(args, where, errors);
    if (keyword === 'COPY' || keyword === 'ADD') checkCopy(args, stages.slice(0, -1), where, errors);
    if (keyword === 'EXPOSE') {
      for (const port of args.trim().split(/\s+/)) if (!/^\d{1,5}(?:\/(?:tcp|udp))?$/.test(port)) errors.push(`${where}: bad EXPOSE port ${port}`);
    }
    if (keyword === 'ENV') checkEnv(args, where, errors);
  }
  if (stages.length === 0) errors.push('no FROM instruction');
  return { stages, errors };
}

/** Joins `\`-continued lines and drops comments, keeping the line number an instruction starts on. */
function logicalLines(text: string): Instruction[] {
  const out: Instruction[] = [];
  let current: { parts: string[]; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (current === undefined && trimmed === '')) return;
    const continued = /\\\s*$/.test(raw);
    const content = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (current === undefined) current = { parts: [], line: index + 1 };
    current.parts.push(content);
    if (!continued) {
      const joined = current.parts.join(' ').trim();
      const match = /^(\S+)\s*([\s\S]*)$/.exec(joined);
      if (match !== null) out.push({ keyword: (match[1] ?? '').toUpperCase(), args: match[2] ?? '', line: current.line });
      current = undefined;
    }
  });
  if (current !== undefined) out.push({ keyword: 'UNTERMINATED', args: '', line: current.line });
  return out;
}

function checkExecForm(args: string, where: string, errors: string[]): void {
  try {
    const value = JSON.parse(args) as unknown;
    if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) errors.push(`${where}: exec form must be a non-empty JSON array of strings`);
  } catch {
    errors.push(`${where}: exec form is not valid JSON: ${args}`);
  }
}

function checkCopy(args: string, earlier: readonly Stage[], where: string, errors: string[]): void {
  const from = /--from=(\S+)/.exec(args)?.[1];
  const operands = args.replace(/--\S+/g, '').trim().split(/\s+/).filter((s) => s !== '');
  if (operands.length < 2) errors.push(`${where}: COPY needs a source and a destination`);
  if (from === undefined) return;
  const known = earlier.some((stage) => stage.name === from) || (/^\d+$/.test(from) && Number(from) < earlier.length) || from.includes(':') || from.includes('/');
  if (!known) errors.push(`${where}: COPY --from=${from} names no earlier stage`);
}

function checkEnv(args: string, where: string, errors: string[]): void {
  const pairs = args.trim().match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  if (pairs.length === 2 && !(pairs[0] ?? '').includes('=')) return; // legacy `ENV key value`
  for (const pair of pairs) if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair)) errors.push(`${where}: ENV expects key=value, got ${pair}`);
}

/** The user the final stage runs as (the last USER), or undefined when it stays root. */
export function finalUser(report: DockerfileReport): string | undefined {
  return report.stages.at(-1)?.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args.trim();
}
