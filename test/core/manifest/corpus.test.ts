/**
 * Compatibility with real Azure IoT Edge manifests (../shared/corpus): every concrete manifest
 * validates, every template expands (with a generated .env and stub module.json files) into a
 * manifest that validates, the SchemaStore fixtures validate, and what genconfig writes passes
 * SchemaStore's own deployment schema (ajv as an outside oracle). Real files with genuine problems
 * are listed in GENUINE with the finding and why it is right.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import AjvModule from 'ajv';
import { validateDocument } from '../../../src/core/manifest/validate-deployment.js';
import { runGenconfig } from '../../../src/cli/commands/genconfig.js';
import { fileExists, readTextFile, writeTextFileAtomic } from '../../../src/adapters/text-files.js';
import { AZURE, SCHEMASTORE, corpusKinds, jsonFiles, stubSolution } from './corpus-helpers.js';

/** file → the error codes we expect, and why each is a real problem of that file. */
const GENUINE: Record<string, { codes: string[]; why: string }> = {
  'Azure__iotedgehubdev__tests_test_compose_resources_deployment_with_chunked_create_options.json': {
    codes: ['CREATE_OPTIONS_CHUNK_TOO_LONG', 'SCHEMA_ENUM', 'SCHEMA_REQUIRED'],
    why: 'a simulator test fixture: restartPolicy "unknown" is not a value users may set, edgeHub lacks restartPolicy (both rejected by SchemaStore too), and createOptions07 is a 2313-character chunk',
  },
  'Azure-Samples__Custom-vision-service-iot-edge-raspberry-pi__deployment.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'a route reads from module "CameraCaptureGA", which the deployment does not define' },
  'Azure-Samples__IoTEdgeAndMlSample__EdgeModules_modules_deployment.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'routes name "turboFanRouter" but the module is "turbofanRouter": module names are case-sensitive, so nothing is routed' },
  'Azure-Samples__onnxruntime-iot-edge__deployment-amd64.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'routes name InferenceModule and PostProcessingModule, which are not in the deployment' },
  'Azure-Samples__onnxruntime-iot-edge__deployment-l4tr32.2.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'routes name InferenceModule and PostProcessingModule, which are not in the deployment' },
  'Azure__iotedgedev__tests_assets_deployment.template.non_str_placeholder.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'a test asset whose route sends to "filtermodule", which it does not define' },
  'Azure__iotedgedev__tests_assets_test_solution_shared_lib_deployment.escapedpath.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'routes name "sample_module", but the module is defined as "sample_module_2" (via MODULEDIR)' },
  'Azure__iotedgedev__iotedgedev_template_deployment.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'the scaffold template iotedgedev copies into new solutions: "%MODULE%" is filled in when a module is added, so deployed as-is its route names no module' },
  'azure-iot-edge-deployment-1.0__deployment.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'routes name "cmodule" and "csharp"; the modules are "CMODULE" and others: case-sensitive names' },
  'azure-iot-edge-deployment-2.0__deployment.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'same fixture as 1.0: routes name "cmodule"/"csharp" but the module is "CMODULE"' },
  'azure-iot-edge-deployment-template-1.0__deployment.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'a route reads from "CameraCaptureGA", which is not defined' },
  'azure-iot-edge-deployment-template-2.0__deployment.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'a route reads from "CameraCaptureGA", which is not defined' },
  'azure-iot-edge-deployment-template-2.0__long_haul_deployment_constrained.template.json': { codes: ['ROUTE_UNKNOWN_MODULE'], why: 'routes name loadGen2 and relayer2, which the constrained variant removed' },
};

function errorCodes(text: string, fileName: string): string[] {
  return [...new Set(validateDocument(text, { fileName }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();
}

const kinds = corpusKinds();

t.test('every concrete corpus manifest validates with no errors (or only its named genuine findings)', async (t) => {
  const concrete = [...kinds].filter(([, kind]) => kind.startsWith('C'));
  t.ok(concrete.length >= 9, 'the index lists the concrete manifests');
  for (const [file] of concrete) {
    const codes = errorCodes(readFileSync(join(AZURE, file), 'utf8'), file);
    t.same(codes, GENUINE[file]?.codes ?? [], `${file}${GENUINE[file] === undefined ? '' : `: ${GENUINE[file]?.why ?? ''}`}`);
  }
});

t.test('the SchemaStore fixtures validate (or show only their named genuine findings)', async (t) => {
  for (const file of jsonFiles(join(SCHEMASTORE, 'tests'))) {
    const codes = errorCodes(readFileSync(join(SCHEMASTORE, 'tests', file), 'utf8'), file);
    t.same(codes, GENUINE[file]?.codes ?? [], file);
  }
});

// SchemaStore's schema is draft-04 (top-level "id"); ajv 8 reads it as draft-07 once that is renamed.
const oracle = new AjvModule.default({ strict: false, allErrors: true });
const oracleSchema = JSON.parse(readFileSync(join(SCHEMASTORE, 'schemas', 'azure-iot-edge-deployment-2.0.json'), 'utf8')) as Record<string, unknown>;
delete oracleSchema['$schema'];
oracleSchema['$id'] = oracleSchema['id'];
delete oracleSchema['id'];
const oracleValidate = oracle.compile(oracleSchema);
// deployment-2.0 predates edgeHub schema 1.2: a manifest with mqttBroker is checked by SchemaStore's
// edgehub-1.2 schema for $edgeHub and by deployment-2.0 for the rest.
const hubSchema = JSON.parse(readFileSync(join(SCHEMASTORE, 'schemas', 'azure-iot-edgehub-deployment-1.2.json'), 'utf8')) as Record<string, unknown>;
delete hubSchema['$schema'];
if (typeof hubSchema['id'] === 'string') { hubSchema['$id'] = hubSchema['id']; delete hubSchema['id']; }
const hubOracle = oracle.compile(hubSchema);

function schemaStoreAccepts(manifest: any): { ok: boolean; errors: unknown } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const hub = manifest?.modulesContent?.$edgeHub;
  if (hub?.['properties.desired']?.mqttBroker === undefined) return { ok: oracleValidate(manifest), errors: oracleValidate.errors };
  const withoutBroker = structuredClone(manifest);
  delete withoutBroker.modulesContent.$edgeHub['properties.desired'].mqttBroker;
  const rest = oracleValidate(withoutBroker);
  const hubOk = hubOracle({ $edgeHub: hub });
  return { ok: rest && hubOk, errors: [...(oracleValidate.errors ?? []), ...(hubOracle.errors ?? [])] };
}

t.test('every corpus template expands with a generated .env and stub module.json files, and the result validates', async (t) => {
  const templates = [...kinds].filter(([, kind]) => kind.startsWith('T')).map(([file, kind]) => ({ dir: AZURE, file, kind }));
  t.ok(templates.length >= 25, 'the index lists the templates');
  // SchemaStore's template fixtures too: their output must pass SchemaStore's own deployment schema.
  for (const file of jsonFiles(join(SCHEMASTORE, 'tests')).filter((f) => f.endsWith('.template.json'))) templates.push({ dir: join(SCHEMASTORE, 'tests'), file, kind: 'T' });
  for (const { dir: source, file, kind } of templates) {
    const dir = mkdtempSync(join(tmpdir(), 'edgectl-corpus-'));
    try {
      const text = readFileSync(join(source, file), 'utf8');
      stubSolution(dir, text);
      const name = file.endsWith('.template.json') ? file : file.replace(/\.json$/, '.template.json');
      writeFileSync(join(dir, name), text);
      const expected = GENUINE[file];
      try {
        const result = await runGenconfig(
          { template: name, platform: 'amd64', debug: false, outDir: 'config', envFile: undefined, allowUndefined: false },
          { cwd: dir, env: {}, readFile: (p) => readTextFile(p), exists: fileExists, writeFile: writeTextFileAtomic },
        );
        t.equal(expected, undefined, `${file} expanded and validated`);
        const written = readFileSync(join(dir, result.output), 'utf8');
        t.notOk(written.includes('${'), `${file}: no placeholder left`);
        if (!kind.includes('L')) {
          const verdict = schemaStoreAccepts(JSON.parse(written));
          t.ok(verdict.ok, `${file}: SchemaStore's azure-iot-edge-deployment-2.0 accepts the output ${verdict.ok ? '' : JSON.stringify(verdict.errors).slice(0, 600)}`);
        }
      } catch (error) {
        const codes = [...new Set(((error as { details?: { diagnostics?: { code: string }[] } }).details?.diagnostics ?? []).map((d) => d.code))].sort();
        t.same(codes, expected?.codes ?? [], `${file}: ${expected?.why ?? (error as Error).message}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
