/**
 * A tiny Azure-style solution with one Node module, written into a temp dir for build tests:
 * module.json in Azure's format, a Dockerfile FROM the harness's local node base image, a build
 * argument, and a .dockerignore that must keep `secret.txt` out of the image.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeNodeSolution(dir: string, registryHost: string, options: { buildOptions?: string[]; moduleName?: string } = {}): string {
  const name = options.moduleName ?? 'filtermodule';
  const moduleDir = join(dir, 'modules', name);
  mkdirSync(moduleDir, { recursive: true });
  writeFileSync(join(dir, '.env'), `CONTAINER_REGISTRY_SERVER=${registryHost}\nCONTAINER_REGISTRY_USERNAME=\nCONTAINER_REGISTRY_PASSWORD=\n`);
  writeFileSync(join(dir, 'deployment.template.json'), JSON.stringify({ modulesContent: { $edgeAgent: { 'properties.desired': { modules: { [name]: { settings: { image: `\${MODULES.${name}}` } } } } } } }));
  writeFileSync(join(moduleDir, 'module.json'), JSON.stringify({
    $schema_version: '0.0.1',
    description: '',
    image: {
      repository: '${CONTAINER_REGISTRY_SERVER}/' + name,
      tag: { version: '0.0.1', platforms: { amd64: './Dockerfile.amd64', 'amd64.debug': './Dockerfile.amd64.debug', arm64v8: './Dockerfile.arm64v8' } },
      buildOptions: options.buildOptions ?? ['--build-arg GREETING=hello-from-build-arg', '--label team=edge'],
      contextPath: './',
    },
    language: 'javascript',
  }, null, 2));
  const dockerfile = (extra: string) => [
    'FROM node:20-bookworm-slim',
    'WORKDIR /usr/src/app',
    'COPY package.json ./',
    'COPY . ./',
    'ARG GREETING=unset',
    'ENV GREETING=$GREETING',
    extra,
    'USER node',
    'CMD ["node", "app.js"]',
    '',
  ].join('\n');
  writeFileSync(join(moduleDir, 'Dockerfile.amd64'), dockerfile('ENV MODE=release'));
  writeFileSync(join(moduleDir, 'Dockerfile.amd64.debug'), dockerfile('ENV MODE=debug'));
  writeFileSync(join(moduleDir, 'Dockerfile.arm64v8'), dockerfile('ENV MODE=release'));
  writeFileSync(join(moduleDir, 'package.json'), JSON.stringify({ name, version: '0.0.1', private: true, main: 'app.js' }));
  writeFileSync(join(moduleDir, 'app.js'), 'console.log(`${process.env.GREETING} ${process.env.MODE}`);\n');
  writeFileSync(join(moduleDir, 'secret.txt'), 'must not reach the image\n');
  writeFileSync(join(moduleDir, '.dockerignore'), 'secret.txt\nnode_modules\n');
  return moduleDir;
}
