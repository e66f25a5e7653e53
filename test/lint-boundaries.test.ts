/** The import boundaries of HOUSE-STYLE.md are enforced by eslint; prove the rule bites. */
import t from 'tap';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

t.test('src/core may not do I/O or reach outside core', async (t) => {
  const cases: [string, RegExp][] = [
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /src\/core is pure/],
    ["import { execa } from 'execa';\nexport const x = execa;\n", /free of I\/O/],
    ["import { exec } from '../adapters/exec.js';\nexport const x = exec;\n", /imports nothing outside/],
    ['export const home = process.env.HOME;\n', /must not read process state/],
  ];
  for (const [code, want] of cases) {
    const found = await problems(`${root}src/core/example.ts`, code);
    t.match(found.join('\n'), want, code.split('\n')[0] ?? '');
  }
});

t.test('the supervisor may not import the CLI; core code that is pure passes', async (t) => {
  const fromSupervisor = await problems(`${root}src/supervisor/example.ts`, "import { runCli } from '../cli/run-cli.js';\nexport const x = runCli;\n");
  t.match(fromSupervisor.join('\n'), /only the CLI imports from src\/cli/);
  const pure = await problems(`${root}src/core/example.ts`, "import { EdgeError } from './errors.js';\nexport const x = EdgeError;\n");
  t.same(pure, []);
});
