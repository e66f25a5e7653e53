/**
 * The quickstart's folder rule, without Docker: a new folder gets the demo (sensor + Node filter, the
 * sensor at one reading a second), a folder holding the demo is reused as it is, and any other
 * non-empty folder is refused with QUICKSTART_DIR_IN_USE and left untouched.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Output } from '../../src/cli/output.js';
import type { CliContext } from '../../src/cli/context.js';
import { prepareDemoSolution } from '../../src/cli/commands/quickstart-solution.js';
import { EdgeError } from '../../src/core/errors.js';

function context(cwd: string): CliContext {
  const sink = { write: () => true, isTTY: false };
  return {
    output: new Output({ json: true, debug: false, stdout: sink, stderr: sink }),
    env: {}, cwd, interactive: false, stdinIsTTY: false, debug: false, version: '0.0.0-test', exitCode: 0,
  };
}

t.test('a new folder gets the demo solution; the same folder is then reused', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'edgectl-qs-solution-'));
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const made = await prepareDemoSolution('demo', context(cwd));
  t.same(made, { dir: join(cwd, 'demo'), reused: false });
  t.same(readdirSync(join(cwd, 'demo', 'modules')).sort(), ['SimulatedTemperatureSensor', 'filtermodule']);
  const template = readFileSync(join(cwd, 'demo', 'deployment.template.json'), 'utf8');
  t.match(template, /"SendInterval": \{ "value": "1" \}/, 'one reading a second, so the filter has something to show soon');
  t.match(template, /"TemperatureThreshold": 25/);
  t.match(template, /INTO BrokeredEndpoint\(\\"\/modules\/filtermodule\/inputs\/input1\\"\)/, 'the sensor is routed to the filter');

  writeFileSync(join(cwd, 'demo', 'modules', 'filtermodule', 'filter.js'), '// edited by the user\n');
  const again = await prepareDemoSolution('demo', context(cwd));
  t.same(again, { dir: join(cwd, 'demo'), reused: true });
  t.equal(readFileSync(join(cwd, 'demo', 'modules', 'filtermodule', 'filter.js'), 'utf8'), '// edited by the user\n', 'the user\'s edits are kept');
});

t.test('an empty folder is used; a folder with other things in it is refused and left alone', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'edgectl-qs-solution-'));
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(join(cwd, 'empty'));
  t.equal((await prepareDemoSolution('empty', context(cwd))).reused, false);

  mkdirSync(join(cwd, 'busy'));
  writeFileSync(join(cwd, 'busy', 'notes.txt'), 'mine\n');
  const error = await prepareDemoSolution('busy', context(cwd)).then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof EdgeError);
  t.equal((error as EdgeError).code, 'QUICKSTART_DIR_IN_USE');
  t.equal((error as EdgeError).exitCode, 2);
  t.match((error as EdgeError).hint, /--dir/);
  t.same(readdirSync(join(cwd, 'busy')), ['notes.txt']);
});
