/** The CLI frame in-process: exit codes, suggestions, --json error documents, help. */
import t from 'tap';
import { runCli } from '../../src/cli/run-cli.js';

function capture(): { stream: { write(chunk: string): boolean; isTTY: boolean }; text(): string } {
  let text = '';
  return { stream: { write: (chunk: string) => { text += chunk; return true; }, isTTY: false }, text: () => text };
}

async function cli(argv: string[], env: Record<string, string> = {}, stdinIsTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, { version: '9.9.9', env, cwd: '/', stdin: { isTTY: stdinIsTTY }, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

t.test('an unknown command exits 2 and suggests the closest one', async (t) => {
  const typo = await cli(['doctr']);
  t.equal(typo.code, 2);
  t.match(typo.stderr, /error\[UNKNOWN_COMMAND\]: unknown command 'doctr'/);
  t.match(typo.stderr, /did you mean `edgectl doctor`\?/);
  t.equal(typo.stdout, '', 'nothing on stdout');

  const nonsense = await cli(['nonsense']);
  t.equal(nonsense.code, 2);
  t.match(nonsense.stderr, /edgectl --help/, 'a far-off word still gets the way to the command list');
});

t.test('--json errors are one JSON document on stdout', async (t) => {
  for (const argv of [['--json', 'nonsense'], ['nonsense', '--json']]) {
    const result = await cli(argv);
    t.equal(result.code, 2);
    const doc = JSON.parse(result.stdout) as { error: { code: string; message: string; hint: string } };
    t.equal(doc.error.code, 'UNKNOWN_COMMAND');
    t.match(doc.error.message, /nonsense/);
    t.type(doc.error.hint, 'string');
    t.equal(result.stderr, '', 'nothing but the document is printed');
  }
});

t.test('an unknown option exits 2 and names the command help', async (t) => {
  const result = await cli(['doctor', '--jsno']);
  t.equal(result.code, 2);
  t.match(result.stderr, /UNKNOWN_OPTION/);
  t.match(result.stderr, /edgectl doctor --help/);
});

t.test('help and version exit 0', async (t) => {
  const help = await cli(['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /Usage: edgectl/);
  t.match(help.stdout, /doctor/);
  const bare = await cli([]);
  t.equal(bare.code, 0);
  t.match(bare.stdout, /Commands:/);
  const version = await cli(['--version']);
  t.equal(version.code, 0);
  t.equal(version.stdout, '9.9.9\n');
  const commandHelp = await cli(['doctor', '--help']);
  t.equal(commandHelp.code, 0);
  t.match(commandHelp.stdout, /Examples:/);
});

t.test('validate - refuses a terminal on stdin whether or not the run may prompt', async (t) => {
  // --json, --yes and CI turn prompting off; stdin is still a terminal, and reading it would hang.
  for (const [argv, env] of [[['validate', '-'], {}], [['validate', '-', '--json'], {}], [['--yes', 'validate', '-'], {}], [['validate', '-'], { CI: 'true' }]] as const) {
    const result = await cli([...argv], { ...env }, true);
    t.equal(result.code, 2, argv.join(' '));
    t.match(result.stdout + result.stderr, /standard input is a terminal/, argv.join(' '));
  }
});
