/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`dist/test/templates/new-module.e2e.test.js > TAP > a fresh solution > the solution tree 1`] = `
Object {
  ".env": String(
    # Values for the \${VAR} / $VAR placeholders in deployment.template.json and module.json, read by
    # \`edgectl genconfig\` and \`edgectl build\`. This file can hold secrets: .gitignore keeps it out of git.
    #
    # The modules' images go to a local registry (localhost:5000) as written in each module.json.
    # To push to another registry, set the three values below, use \${CONTAINER_REGISTRY_SERVER}/<name>
    # as the repository in module.json, and add to runtime.settings.registryCredentials in the template:
    #   "registry": { "username": "$CONTAINER_REGISTRY_USERNAME", "password": "$CONTAINER_REGISTRY_PASSWORD", "address": "$CONTAINER_REGISTRY_SERVER" }
    #
    # CONTAINER_REGISTRY_SERVER=myregistry.example.com
    # CONTAINER_REGISTRY_USERNAME=
    # CONTAINER_REGISTRY_PASSWORD=
    
  ),
  ".gitignore": String(
    # Secrets and generated deployment manifests
    .env
    config/
    # Build output of the modules
    node_modules/
    __pycache__/
    *.pyc
    target/
    bin/
    obj/
    build/
    
  ),
  "deployment.debug.template.json": String(
    {
      "$schema-template": "4.0.0",
      "modulesContent": {
        "$edgeAgent": {
          "properties.desired": {
            "schemaVersion": "1.1",
            "runtime": {
              "type": "docker",
              "settings": {
                "minDockerVersion": "v1.25",
                "loggingOptions": "",
                "registryCredentials": {}
              }
            },
            "systemModules": {
              "edgeAgent": {
                "type": "docker",
                "settings": {
                  "image": "mcr.microsoft.com/azureiotedge-agent:1.5",
                  "createOptions": {}
                }
              },
              "edgeHub": {
                "type": "docker",
                "status": "running",
                "restartPolicy": "always",
                "settings": {
                  "image": "mcr.microsoft.com/azureiotedge-hub:1.5",
                  "createOptions": {
                    "HostConfig": {
                      "PortBindings": {
                        "5671/tcp": [{ "HostPort": "5671" }],
                        "8883/tcp": [{ "HostPort": "8883" }],
                        "443/tcp": [{ "HostPort": "443" }]
                      }
                    }
                  }
                }
              }
            },
            "modules": {
              "SimulatedTemperatureSensor": {
                "version": "1.0",
                "type": "docker",
                "status": "running",
                "restartPolicy": "always",
                "settings": {
                  "image": "\${MODULES.SimulatedTemperatureSensor.debug}",
                  "createOptions": {}
                },
                "env": {
                  "SendInterval": { "value": "5" },
                  "MessageCount": { "value": "500" }
                }
              }
            }
          }
        },
        "$edgeHub": {
          "properties.desired": {
            "schemaVersion": "1.2",
            "routes": {
              "SimulatedTemperatureSensorToIoTHub": "FROM /messages/modules/SimulatedTemperatureSensor/outputs/* INTO $upstream"
            },
            "storeAndForwardConfiguration": {
              "timeToLiveSecs": 7200
            }
          }
        }
      }
    }
    
  ),
  "deployment.template.json": String(
    {
      "$schema-template": "4.0.0",
      "modulesContent": {
        "$edgeAgent": {
          "properties.desired": {
            "schemaVersion": "1.1",
            "runtime": {
              "type": "docker",
              "settings": {
                "minDockerVersion": "v1.25",
                "loggingOptions": "",
                "registryCredentials": {}
              }
            },
            "systemModules": {
              "edgeAgent": {
                "type": "docker",
                "settings": {
                  "image": "mcr.microsoft.com/azureiotedge-agent:1.5",
                  "createOptions": {}
                }
              },
              "edgeHub": {
                "type": "docker",
                "status": "running",
                "restartPolicy": "always",
                "settings": {
                  "image": "mcr.microsoft.com/azureiotedge-hub:1.5",
                  "createOptions": {
                    "HostConfig": {
                      "PortBindings": {
                        "5671/tcp": [{ "HostPort": "5671" }],
                        "8883/tcp": [{ "HostPort": "8883" }],
                        "443/tcp": [{ "HostPort": "443" }]
                      }
                    }
                  }
                }
              }
            },
            "modules": {
              "SimulatedTemperatureSensor": {
                "version": "1.0",
                "type": "docker",
                "status": "running",
                "restartPolicy": "always",
                "settings": {
                  "image": "\${MODULES.SimulatedTemperatureSensor}",
                  "createOptions": {}
                },
                "env": {
                  "SendInterval": { "value": "5" },
                  "MessageCount": { "value": "500" }
                }
              }
            }
          }
        },
        "$edgeHub": {
          "properties.desired": {
            "schemaVersion": "1.2",
            "routes": {
              "SimulatedTemperatureSensorToIoTHub": "FROM /messages/modules/SimulatedTemperatureSensor/outputs/* INTO $upstream"
            },
            "storeAndForwardConfiguration": {
              "timeToLiveSecs": 7200
            }
          }
        }
      }
    }
    
  ),
  "modules/SimulatedTemperatureSensor/.dockerignore": String(
    node_modules
    npm-debug.log*
    test
    Dockerfile*
    .dockerignore
    .gitignore
    .git
    
  ),
  "modules/SimulatedTemperatureSensor/.gitignore": String(
    node_modules/
    npm-debug.log*
    *.log
    .env
    
  ),
  "modules/SimulatedTemperatureSensor/app.js": String(
    // Sample module SimulatedTemperatureSensor: sends a simulated reading on the output
    // \`temperatureOutput\` every SendInterval seconds, MessageCount times (0 = forever).
    import iotDevice from 'azure-iot-device';
    import iotMqtt from 'azure-iot-device-mqtt';
    import { reading, settingsFromEnvironment } from './simulation.js';
    
    const { ModuleClient, Message } = iotDevice;
    const { Mqtt } = iotMqtt;
    
    async function main() {
      const settings = settingsFromEnvironment(process.env);
      console.log('connecting to the edge hub with the module identity from the environment (MQTT)');
      const client = await ModuleClient.fromEnvironment(Mqtt);
      client.on('error', (error) => {
        console.error(\`module client error: \${error.message}\`);
        process.exit(1);
      });
      await client.open();
      console.log(\`connected; sending \${settings.count === 0 ? 'endless' : settings.count} readings every \${settings.intervalMs} ms\`);
      for (let n = 0; settings.count === 0 || n < settings.count; n++) {
        const message = new Message(JSON.stringify(reading(n)));
        message.contentType = 'application/json';
        message.contentEncoding = 'utf-8';
        await client.sendOutputEvent('temperatureOutput', message);
        await new Promise((resolve) => setTimeout(resolve, settings.intervalMs));
      }
      console.log('all readings sent');
      // Stay up, as Azure's sensor does, so the restart policy does not resend the series.
      setInterval(() => {}, 1 << 30);
    }
    
    main().catch((error) => {
      console.error(\`could not connect to the edge hub: \${error.message}\`);
      process.exit(1);
    });
    
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
    
  ),
  "modules/SimulatedTemperatureSensor/Dockerfile.amd64": String(
    # Image for amd64. node:20-bookworm-slim is a multi-platform image: \`edgectl build --platform amd64\`
    # (or docker build --platform) picks the right variant. Dependencies are installed in a build stage
    # from the lock file; the runtime stage has only production files and runs as the unprivileged
    # \`node\` user that the official image provides.
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    ENV NODE_ENV=production
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    CMD ["node", "app.js"]
    
  ),
  "modules/SimulatedTemperatureSensor/Dockerfile.amd64.debug": String(
    # Debug image for amd64: dev dependencies installed and the inspector open on 9229 (published by
    # deployment.debug.template.json). Attach with: node inspect <host>:9229, or VS Code "Attach".
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    EXPOSE 9229
    CMD ["node", "--inspect=0.0.0.0:9229", "app.js"]
    
  ),
  "modules/SimulatedTemperatureSensor/Dockerfile.arm32v7": String(
    # Image for arm32v7. node:20-bookworm-slim is a multi-platform image: \`edgectl build --platform arm32v7\`
    # (or docker build --platform) picks the right variant. Dependencies are installed in a build stage
    # from the lock file; the runtime stage has only production files and runs as the unprivileged
    # \`node\` user that the official image provides.
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    ENV NODE_ENV=production
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    CMD ["node", "app.js"]
    
  ),
  "modules/SimulatedTemperatureSensor/Dockerfile.arm32v7.debug": String(
    # Debug image for arm32v7: dev dependencies installed and the inspector open on 9229 (published by
    # deployment.debug.template.json). Attach with: node inspect <host>:9229, or VS Code "Attach".
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    EXPOSE 9229
    CMD ["node", "--inspect=0.0.0.0:9229", "app.js"]
    
  ),
  "modules/SimulatedTemperatureSensor/Dockerfile.arm64v8": String(
    # Image for arm64v8. node:20-bookworm-slim is a multi-platform image: \`edgectl build --platform arm64v8\`
    # (or docker build --platform) picks the right variant. Dependencies are installed in a build stage
    # from the lock file; the runtime stage has only production files and runs as the unprivileged
    # \`node\` user that the official image provides.
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    ENV NODE_ENV=production
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    CMD ["node", "app.js"]
    
  ),
  "modules/SimulatedTemperatureSensor/Dockerfile.arm64v8.debug": String(
    # Debug image for arm64v8: dev dependencies installed and the inspector open on 9229 (published by
    # deployment.debug.template.json). Attach with: node inspect <host>:9229, or VS Code "Attach".
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    EXPOSE 9229
    CMD ["node", "--inspect=0.0.0.0:9229", "app.js"]
    
  ),
  "modules/SimulatedTemperatureSensor/module.json": String(
    {
      "$schema-version": "0.0.1",
      "description": "SimulatedTemperatureSensor: simulated temperature readings on temperatureOutput",
      "language": "javascript",
      "image": {
        "repository": "localhost:5000/simulatedtemperaturesensor",
        "tag": {
          "version": "0.0.1",
          "platforms": {
            "amd64": "./Dockerfile.amd64",
            "amd64.debug": "./Dockerfile.amd64.debug",
            "arm32v7": "./Dockerfile.arm32v7",
            "arm32v7.debug": "./Dockerfile.arm32v7.debug",
            "arm64v8": "./Dockerfile.arm64v8",
            "arm64v8.debug": "./Dockerfile.arm64v8.debug"
          }
        },
        "buildOptions": [],
        "contextPath": "./"
      }
    }
    
  ),
  "modules/SimulatedTemperatureSensor/package-lock.json": "sha256:491d4a95ed3d403cd92b4065a630519d058989ec37985268ef005f2b0bf3e73f",
  "modules/SimulatedTemperatureSensor/package.json": String(
    {
      "name": "simulatedtemperaturesensor",
      "version": "0.0.1",
      "private": true,
      "description": "Sample IoT Edge module: simulated machine and ambient temperature readings on temperatureOutput",
      "type": "module",
      "main": "app.js",
      "scripts": {
        "start": "node app.js",
        "test": "node --test"
      },
      "engines": {
        "node": ">=20"
      },
      "dependencies": {
        "azure-iot-device": "^1.18.4",
        "azure-iot-device-mqtt": "^1.16.4"
      }
    }
    
  ),
  "modules/SimulatedTemperatureSensor/simulation.js": String(
    // The readings, free of the IoT SDK so they can be unit-tested. The shape is that of Azure's
    // SimulatedTemperatureSensor, so modules written against it work unchanged.
    
    /** Settings from the environment: SendInterval (seconds, default 5), MessageCount (default 500; 0 = no limit). */
    export function settingsFromEnvironment(env) {
      return {
        intervalMs: Math.max(0, positiveNumber(env.SendInterval, 5) * 1000),
        count: Math.floor(positiveNumber(env.MessageCount, 500)),
      };
    }
    
    function positiveNumber(text, fallback) {
      const value = Number(text);
      return text !== undefined && text !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
    }
    
    /**
     * Reading number \`n\` (0-based): the machine warms from 21 °C by about 1 °C per reading and cools
     * back down after 100, so a filter with a threshold of 25 sees both sides. \`random\` is injectable.
     */
    export function reading(n, now = new Date(), random = Math.random) {
      const cycle = n % 160;
      const base = cycle < 80 ? 21 + cycle : 101 - (cycle - 80);
      return {
        machine: { temperature: round(base + random() - 0.5), pressure: round(1 + (base - 21) * 0.1 + random() * 0.1) },
        ambient: { temperature: round(21 + random() - 0.5), humidity: Math.round(24 + random() * 3) },
        timeCreated: now.toISOString(),
      };
    }
    
    function round(value) {
      return Math.round(value * 1000) / 1000;
    }
    
  ),
  "modules/SimulatedTemperatureSensor/test/simulation.test.js": String(
    import { test } from 'node:test';
    import assert from 'node:assert/strict';
    import { reading, settingsFromEnvironment } from '../simulation.js';
    
    test('a reading has the shape of Azure\\\\'s SimulatedTemperatureSensor', () => {
      const r = reading(0, new Date('2024-01-01T00:00:00Z'), () => 0.5);
      assert.deepEqual(Object.keys(r), ['machine', 'ambient', 'timeCreated']);
      assert.equal(r.machine.temperature, 21);
      assert.equal(r.timeCreated, '2024-01-01T00:00:00.000Z');
      assert.equal(typeof r.ambient.humidity, 'number');
    });
    
    test('the machine warms up past 25 and cools down again', () => {
      const temperatures = Array.from({ length: 160 }, (_, n) => reading(n, new Date(), () => 0.5).machine.temperature);
      assert.ok(temperatures.some((t) => t > 25));
      assert.ok(Math.max(...temperatures) <= 101);
      assert.ok(temperatures[159] < temperatures[80]);
    });
    
    test('settings come from SendInterval and MessageCount with defaults', () => {
      assert.deepEqual(settingsFromEnvironment({}), { intervalMs: 5000, count: 500 });
      assert.deepEqual(settingsFromEnvironment({ SendInterval: '0.5', MessageCount: '3' }), { intervalMs: 500, count: 3 });
      assert.deepEqual(settingsFromEnvironment({ SendInterval: 'fast', MessageCount: '-1' }), { intervalMs: 5000, count: 500 });
    });
    
  ),
  "README.md": String(
    # IoT Edge solution
    
    Made by \`edgectl new solution\`. The layout is Azure IoT Edge's, so \`iotedgedev\` and the VS Code
    extension understand it too.
    
    * \`deployment.template.json\` — the modules, their routes and twin settings; \`\${MODULES.<name>}\` is
      replaced by the module's image when you run \`edgectl genconfig\` (output in \`config/\`).
    * \`deployment.debug.template.json\` — the same with the \`.debug\` images and debugger ports.
    * \`.env\` — values for \`\${VAR}\` placeholders (registry credentials); not committed.
    * \`modules/SimulatedTemperatureSensor\` — a sample sensor (Node.js) that sends a reading on
      \`temperatureOutput\` every \`SendInterval\` seconds, \`MessageCount\` times, like Azure's
      SimulatedTemperatureSensor.
    
    \`\`\`sh
    edgectl new module filtermodule --lang node     # add a module; it is wired to the sensor
    edgectl genconfig                               # config/deployment.amd64.json
    edgectl validate config/deployment.amd64.json
    edgectl build && edgectl deploy --device local config/deployment.amd64.json
    \`\`\`
    
  ),
}
`

exports[`dist/test/templates/new-module.e2e.test.js > TAP > new module --lang c > the c module tree 1`] = `
Object {
  ".dockerignore": String(
    build
    Dockerfile*
    .dockerignore
    .gitignore
    .git
    
  ),
  ".gitignore": String(
    build/
    *.o
    *.a
    .env
    
  ),
  "CMakeLists.txt": String(
    cmake_minimum_required(VERSION 3.16)
    project(c_filter LANGUAGES C)
    
    set(CMAKE_C_STANDARD 11)
    set(CMAKE_C_STANDARD_REQUIRED ON)
    
    # OFF builds only the filter library and its tests, for machines without azure-iot-sdk-c
    # (the Dockerfiles build the SDK from source and leave this ON).
    option(EDGE_MODULE_WITH_SDK "Build the module executable against azure-iot-sdk-c" ON)
    
    add_library(temperature_filter STATIC temperature_filter.c)
    target_include_directories(temperature_filter PUBLIC \${CMAKE_CURRENT_SOURCE_DIR})
    
    if(EDGE_MODULE_WITH_SDK)
      # Installed by azure-iot-sdk-c's \`cmake --install\` (see the Dockerfiles).
      find_package(azure_iot_sdks CONFIG REQUIRED)
      add_executable(c_filter main.c)
      target_link_libraries(c_filter PRIVATE temperature_filter iothub_client iothub_client_mqtt_transport)
      install(TARGETS c_filter RUNTIME DESTINATION bin)
    endif()
    
    include(CTest)
    if(BUILD_TESTING)
      add_executable(test_temperature_filter tests/test_temperature_filter.c)
      target_link_libraries(test_temperature_filter PRIVATE temperature_filter)
      add_test(NAME temperature_filter COMMAND test_temperature_filter)
    endif()
    
  ),
  "Dockerfile.amd64": String(
    # Image for amd64. debian:bookworm is multi-platform; \`edgectl build --platform amd64\` picks the variant.
    # azure-iot-sdk-c has no Debian package, so the first stage builds it from source at a pinned release
    # tag (edge-module support on, MQTT only) and installs it with its CMake package config; the module
    # and its tests are built against it, and the runtime stage keeps only the binary and the shared
    # libraries it links (OpenSSL, curl, libuuid), running as an unprivileged user.
    FROM debian:bookworm-slim AS sdk
    RUN apt-get update && apt-get install -y --no-install-recommends \\\\
          build-essential cmake git ca-certificates pkg-config libssl-dev libcurl4-openssl-dev uuid-dev \\\\
        && rm -rf /var/lib/apt/lists/*
    ARG AZURE_IOT_SDK_C_REF=LTS_08_2023
    RUN git clone --depth 1 --branch \${AZURE_IOT_SDK_C_REF} --recurse-submodules --shallow-submodules \\\\
          https://github.com/Azure/azure-iot-sdk-c.git /opt/azure-iot-sdk-c \\\\
        && cmake -S /opt/azure-iot-sdk-c -B /opt/azure-iot-sdk-c/cmake -DCMAKE_BUILD_TYPE=Release \\\\
          -Duse_edge_modules=ON -Duse_amqp=OFF -Duse_http=ON -Duse_mqtt=ON -Dskip_samples=ON \\\\
          -Drun_unittests=OFF -Drun_e2e_tests=OFF -Dbuild_service_client=OFF -Dbuild_provisioning_service_client=OFF \\\\
        && cmake --build /opt/azure-iot-sdk-c/cmake -j"$(nproc)" \\\\
        && cmake --install /opt/azure-iot-sdk-c/cmake
    
    FROM sdk AS build
    WORKDIR /src
    COPY . .
    RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \\\\
        && cmake --build build \\\\
        && ctest --test-dir build --output-on-failure
    
    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 libcurl4 libuuid1 \\\\
        && rm -rf /var/lib/apt/lists/* \\\\
        && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /src/build/c_filter /usr/local/bin/c_filter
    USER moduleuser
    ENTRYPOINT ["/usr/local/bin/c_filter"]
    
  ),
  "Dockerfile.amd64.debug": String(
    # Debug image for amd64: a Debug build with gdb in the runtime image; the debug template gives the
    # container SYS_PTRACE so gdb can attach (\`docker exec -it <container> gdb -p 1\`).
    FROM debian:bookworm-slim AS sdk
    RUN apt-get update && apt-get install -y --no-install-recommends \\\\
          build-essential cmake git ca-certificates pkg-config libssl-dev libcurl4-openssl-dev uuid-dev \\\\
        && rm -rf /var/lib/apt/lists/*
    ARG AZURE_IOT_SDK_C_REF=LTS_08_2023
    RUN git clone --depth 1 --branch \${AZURE_IOT_SDK_C_REF} --recurse-submodules --shallow-submodules \\\\
          https://github.com/Azure/azure-iot-sdk-c.git /opt/azure-iot-sdk-c \\\\
        && cmake -S /opt/azure-iot-sdk-c -B /opt/azure-iot-sdk-c/cmake -DCMAKE_BUILD_TYPE=Debug \\\\
          -Duse_edge_modules=ON -Duse_amqp=OFF -Duse_http=ON -Duse_mqtt=ON -Dskip_samples=ON \\\\
          -Drun_unittests=OFF -Drun_e2e_tests=OFF -Dbuild_service_client=OFF -Dbuild_provisioning_service_client=OFF \\\\
        && cmake --build /opt/azure-iot-sdk-c/cmake -j"$(nproc)" \\\\
        && cmake --install /opt/azure-iot-sdk-c/cmake
    
    FROM sdk AS build
    WORKDIR /src
    COPY . .
    RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug \\\\
        && cmake --build build \\\\
        && ctest --test-dir build --output-on-failure
    
    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 libcurl4 libuuid1 gdb \\\\
        && rm -rf /var/lib/apt/lists/* \\\\
        && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /src/build/c_filter /usr/local/bin/c_filter
    USER moduleuser
    ENTRYPOINT ["/usr/local/bin/c_filter"]
    
  ),
  "Dockerfile.arm32v7": String(
    # Image for arm32v7. debian:bookworm is multi-platform; \`edgectl build --platform arm32v7\` picks the variant.
    # azure-iot-sdk-c has no Debian package, so the first stage builds it from source at a pinned release
    # tag (edge-module support on, MQTT only) and installs it with its CMake package config; the module
    # and its tests are built against it, and the runtime stage keeps only the binary and the shared
    # libraries it links (OpenSSL, curl, libuuid), running as an unprivileged user.
    FROM debian:bookworm-slim AS sdk
    RUN apt-get update && apt-get install -y --no-install-recommends \\\\
          build-essential cmake git ca-certificates pkg-config libssl-dev libcurl4-openssl-dev uuid-dev \\\\
        && rm -rf /var/lib/apt/lists/*
    ARG AZURE_IOT_SDK_C_REF=LTS_08_2023
    RUN git clone --depth 1 --branch \${AZURE_IOT_SDK_C_REF} --recurse-submodules --shallow-submodules \\\\
          https://github.com/Azure/azure-iot-sdk-c.git /opt/azure-iot-sdk-c \\\\
        && cmake -S /opt/azure-iot-sdk-c -B /opt/azure-iot-sdk-c/cmake -DCMAKE_BUILD_TYPE=Release \\\\
          -Duse_edge_modules=ON -Duse_amqp=OFF -Duse_http=ON -Duse_mqtt=ON -Dskip_samples=ON \\\\
          -Drun_unittests=OFF -Drun_e2e_tests=OFF -Dbuild_service_client=OFF -Dbuild_provisioning_service_client=OFF \\\\
        && cmake --build /opt/azure-iot-sdk-c/cmake -j"$(nproc)" \\\\
        && cmake --install /opt/azure-iot-sdk-c/cmake
    
    FROM sdk AS build
    WORKDIR /src
    COPY . .
    RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \\\\
        && cmake --build build \\\\
        && ctest --test-dir build --output-on-failure
    
    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 libcurl4 libuuid1 \\\\
        && rm -rf /var/lib/apt/lists/* \\\\
        && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /src/build/c_filter /usr/local/bin/c_filter
    USER moduleuser
    ENTRYPOINT ["/usr/local/bin/c_filter"]
    
  ),
  "Dockerfile.arm32v7.debug": String(
    # Debug image for arm32v7: a Debug build with gdb in the runtime image; the debug template gives the
    # container SYS_PTRACE so gdb can attach (\`docker exec -it <container> gdb -p 1\`).
    FROM debian:bookworm-slim AS sdk
    RUN apt-get update && apt-get install -y --no-install-recommends \\\\
          build-essential cmake git ca-certificates pkg-config libssl-dev libcurl4-openssl-dev uuid-dev \\\\
        && rm -rf /var/lib/apt/lists/*
    ARG AZURE_IOT_SDK_C_REF=LTS_08_2023
    RUN git clone --depth 1 --branch \${AZURE_IOT_SDK_C_REF} --recurse-submodules --shallow-submodules \\\\
          https://github.com/Azure/azure-iot-sdk-c.git /opt/azure-iot-sdk-c \\\\
        && cmake -S /opt/azure-iot-sdk-c -B /opt/azure-iot-sdk-c/cmake -DCMAKE_BUILD_TYPE=Debug \\\\
          -Duse_edge_modules=ON -Duse_amqp=OFF -Duse_http=ON -Duse_mqtt=ON -Dskip_samples=ON \\\\
          -Drun_unittests=OFF -Drun_e2e_tests=OFF -Dbuild_service_client=OFF -Dbuild_provisioning_service_client=OFF \\\\
        && cmake --build /opt/azure-iot-sdk-c/cmake -j"$(nproc)" \\\\
        && cmake --install /opt/azure-iot-sdk-c/cmake
    
    FROM sdk AS build
    WORKDIR /src
    COPY . .
    RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug \\\\
        && cmake --build build \\\\
        && ctest --test-dir build --output-on-failure
    
    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 libcurl4 libuuid1 gdb \\\\
        && rm -rf /var/lib/apt/lists/* \\\\
        && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /src/build/c_filter /usr/local/bin/c_filter
    USER moduleuser
    ENTRYPOINT ["/usr/local/bin/c_filter"]
    
  ),
  "Dockerfile.arm64v8": String(
    # Image for arm64v8. debian:bookworm is multi-platform; \`edgectl build --platform arm64v8\` picks the variant.
    # azure-iot-sdk-c has no Debian package, so the first stage builds it from source at a pinned release
    # tag (edge-module support on, MQTT only) and installs it with its CMake package config; the module
    # and its tests are built against it, and the runtime stage keeps only the binary and the shared
    # libraries it links (OpenSSL, curl, libuuid), running as an unprivileged user.
    FROM debian:bookworm-slim AS sdk
    RUN apt-get update && apt-get install -y --no-install-recommends \\\\
          build-essential cmake git ca-certificates pkg-config libssl-dev libcurl4-openssl-dev uuid-dev \\\\
        && rm -rf /var/lib/apt/lists/*
    ARG AZURE_IOT_SDK_C_REF=LTS_08_2023
    RUN git clone --depth 1 --branch \${AZURE_IOT_SDK_C_REF} --recurse-submodules --shallow-submodules \\\\
          https://github.com/Azure/azure-iot-sdk-c.git /opt/azure-iot-sdk-c \\\\
        && cmake -S /opt/azure-iot-sdk-c -B /opt/azure-iot-sdk-c/cmake -DCMAKE_BUILD_TYPE=Release \\\\
          -Duse_edge_modules=ON -Duse_amqp=OFF -Duse_http=ON -Duse_mqtt=ON -Dskip_samples=ON \\\\
          -Drun_unittests=OFF -Drun_e2e_tests=OFF -Dbuild_service_client=OFF -Dbuild_provisioning_service_client=OFF \\\\
        && cmake --build /opt/azure-iot-sdk-c/cmake -j"$(nproc)" \\\\
        && cmake --install /opt/azure-iot-sdk-c/cmake
    
    FROM sdk AS build
    WORKDIR /src
    COPY . .
    RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \\\\
        && cmake --build build \\\\
        && ctest --test-dir build --output-on-failure
    
    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 libcurl4 libuuid1 \\\\
        && rm -rf /var/lib/apt/lists/* \\\\
        && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /src/build/c_filter /usr/local/bin/c_filter
    USER moduleuser
    ENTRYPOINT ["/usr/local/bin/c_filter"]
    
  ),
  "Dockerfile.arm64v8.debug": String(
    # Debug image for arm64v8: a Debug build with gdb in the runtime image; the debug template gives the
    # container SYS_PTRACE so gdb can attach (\`docker exec -it <container> gdb -p 1\`).
    FROM debian:bookworm-slim AS sdk
    RUN apt-get update && apt-get install -y --no-install-recommends \\\\
          build-essential cmake git ca-certificates pkg-config libssl-dev libcurl4-openssl-dev uuid-dev \\\\
        && rm -rf /var/lib/apt/lists/*
    ARG AZURE_IOT_SDK_C_REF=LTS_08_2023
    RUN git clone --depth 1 --branch \${AZURE_IOT_SDK_C_REF} --recurse-submodules --shallow-submodules \\\\
          https://github.com/Azure/azure-iot-sdk-c.git /opt/azure-iot-sdk-c \\\\
        && cmake -S /opt/azure-iot-sdk-c -B /opt/azure-iot-sdk-c/cmake -DCMAKE_BUILD_TYPE=Debug \\\\
          -Duse_edge_modules=ON -Duse_amqp=OFF -Duse_http=ON -Duse_mqtt=ON -Dskip_samples=ON \\\\
          -Drun_unittests=OFF -Drun_e2e_tests=OFF -Dbuild_service_client=OFF -Dbuild_provisioning_service_client=OFF \\\\
        && cmake --build /opt/azure-iot-sdk-c/cmake -j"$(nproc)" \\\\
        && cmake --install /opt/azure-iot-sdk-c/cmake
    
    FROM sdk AS build
    WORKDIR /src
    COPY . .
    RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug \\\\
        && cmake --build build \\\\
        && ctest --test-dir build --output-on-failure
    
    FROM debian:bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 libcurl4 libuuid1 gdb \\\\
        && rm -rf /var/lib/apt/lists/* \\\\
        && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /src/build/c_filter /usr/local/bin/c_filter
    USER moduleuser
    ENTRYPOINT ["/usr/local/bin/c_filter"]
    
  ),
  "main.c": String(
    /*
     * IoT Edge module c_filter: reads messages on input1 and forwards those whose
     * machine.temperature is above the module twin's desired TemperatureThreshold to output1.
     */
    #include <signal.h>
    #include <stdio.h>
    #include <stdlib.h>
    
    #include "azure_c_shared_utility/threadapi.h"
    #include "iothub.h"
    #include "iothub_message.h"
    #include "iothub_module_client_ll.h"
    #include "iothubtransportmqtt.h"
    
    #include "temperature_filter.h"
    
    static volatile sig_atomic_t running = 1;
    static double threshold = DEFAULT_TEMPERATURE_THRESHOLD;
    static IOTHUB_MODULE_CLIENT_LL_HANDLE client;
    
    static void stop(int signal_number) {
        (void)signal_number;
        running = 0;
    }
    
    static IOTHUBMESSAGE_DISPOSITION_RESULT on_input1(IOTHUB_MESSAGE_HANDLE message, void *context) {
        (void)context;
        const unsigned char *body;
        size_t size;
        if (IoTHubMessage_GetByteArray(message, &body, &size) != IOTHUB_MESSAGE_OK) return IOTHUBMESSAGE_ABANDONED;
        if (!tf_should_forward((const char *)body, size, threshold)) return IOTHUBMESSAGE_ACCEPTED;
        IOTHUB_MESSAGE_HANDLE output = IoTHubMessage_CreateFromByteArray(body, size);
        if (output == NULL) return IOTHUBMESSAGE_ABANDONED;
        MAP_HANDLE properties = IoTHubMessage_Properties(message);
        const char *const *keys;
        const char *const *values;
        size_t count;
        if (properties != NULL && Map_GetInternals(properties, &keys, &values, &count) == MAP_OK) {
            for (size_t i = 0; i < count; i++) IoTHubMessage_SetProperty(output, keys[i], values[i]);
        }
        IoTHubMessage_SetProperty(output, "MessageType", "Alert");
        if (IoTHubModuleClient_LL_SendEventToOutputAsync(client, output, "output1", NULL, NULL) != IOTHUB_CLIENT_OK) {
            fprintf(stderr, "could not send to output1\\\\n");
        }
        IoTHubMessage_Destroy(output);
        return IOTHUBMESSAGE_ACCEPTED;
    }
    
    static void on_twin(DEVICE_TWIN_UPDATE_STATE state, const unsigned char *payload, size_t size, void *context) {
        (void)context;
        threshold = tf_threshold_from_twin((const char *)payload, size, state == DEVICE_TWIN_UPDATE_COMPLETE, threshold);
        printf("temperature threshold: %g\\\\n", threshold);
    }
    
    int main(void) {
        setvbuf(stdout, NULL, _IOLBF, 0);
        puts("connecting to the edge hub with the module identity from the environment (MQTT)");
        if (IoTHub_Init() != 0) {
            fprintf(stderr, "could not initialise the IoT SDK\\\\n");
            return EXIT_FAILURE;
        }
        /* Reads EdgeHubConnectionString + EdgeModuleCACertificateFile, or the IOTEDGE_* workload variables. */
        client = IoTHubModuleClient_LL_CreateFromEnvironment(MQTT_Protocol);
        if (client == NULL) {
            fprintf(stderr, "could not connect to the edge hub: no module identity in the environment\\\\n");
            IoTHub_Deinit();
            return EXIT_FAILURE;
        }
        if (IoTHubModuleClient_LL_SetInputMessageCallback(client, "input1", on_input1, NULL) != IOTHUB_CLIENT_OK ||
            IoTHubModuleClient_LL_SetModuleTwinCallback(client, on_twin, NULL) != IOTHUB_CLIENT_OK) {
            fprintf(stderr, "could not register the module's callbacks\\\\n");
            IoTHubModuleClient_LL_Destroy(client);
            IoTHub_Deinit();
            return EXIT_FAILURE;
        }
        signal(SIGINT, stop);
        signal(SIGTERM, stop);
        while (running) {
            IoTHubModuleClient_LL_DoWork(client);
            ThreadAPI_Sleep(100);
        }
        IoTHubModuleClient_LL_Destroy(client);
        IoTHub_Deinit();
        return EXIT_SUCCESS;
    }
    
  ),
  "module.json": String(
    {
      "$schema-version": "0.0.1",
      "description": "c_filter: forwards input1 messages above a temperature threshold to output1",
      "language": "c",
      "image": {
        "repository": "localhost:5000/c_filter",
        "tag": {
          "version": "0.0.1",
          "platforms": {
            "amd64": "./Dockerfile.amd64",
            "amd64.debug": "./Dockerfile.amd64.debug",
            "arm32v7": "./Dockerfile.arm32v7",
            "arm32v7.debug": "./Dockerfile.arm32v7.debug",
            "arm64v8": "./Dockerfile.arm64v8",
            "arm64v8.debug": "./Dockerfile.arm64v8.debug"
          }
        },
        "buildOptions": [],
        "contextPath": "./"
      }
    }
    
  ),
  "README.md": String(
    # c_filter
    
    An IoT Edge module in C (CMake). It connects to the edge hub with
    \`IoTHubModuleClient_LL_CreateFromEnvironment(MQTT_Protocol)\` (azure-iot-sdk-c), reads messages on \`input1\`
    and forwards to \`output1\` those whose \`machine.temperature\` is above the module twin's desired
    \`TemperatureThreshold\` (default 25).
    
    * \`temperature_filter.c\` — the decision, with no SDK use; \`tests/test_temperature_filter.c\` tests it.
      Without the SDK installed: \`cmake -S . -B build -DEDGE_MODULE_WITH_SDK=OFF && cmake --build build && ctest --test-dir build\`.
    * \`main.c\` — the SDK wiring (built only with \`EDGE_MODULE_WITH_SDK=ON\`, the default).
    * \`Dockerfile.<platform>\` — the azure-iot-sdk-c is built from source (git tag in \`AZURE_IOT_SDK_C_REF\`, change it
      with \`--build-arg\`) in a \`debian:bookworm-slim\` stage, the module and its tests are built against it, and a slim
      runtime runs the binary as \`moduleuser\`. The \`.debug\` variants are Debug builds with gdb.
    
  ),
  "temperature_filter.c": String(
    /*
     * A small JSON reader, just enough for the two fields this module needs: it walks object members
     * and skips values (strings with escapes, nested objects and arrays) without allocating.
     */
    #include "temperature_filter.h"
    
    #include <stdlib.h>
    #include <string.h>
    
    typedef struct {
        const char *p;
        const char *end;
    } cursor;
    
    static void skip_space(cursor *c) {
        while (c->p < c->end && (*c->p == ' ' || *c->p == '\\\\t' || *c->p == '\\\\n' || *c->p == '\\\\r')) c->p++;
    }
    
    /* Moves past a string starting at c->p (a '"'); false when it is not terminated. */
    static bool skip_string(cursor *c) {
        for (c->p++; c->p < c->end; c->p++) {
            if (*c->p == '\\\\\\\\') c->p++;
            else if (*c->p == '"') { c->p++; return true; }
        }
        return false;
    }
    
    static bool skip_value(cursor *c) {
        skip_space(c);
        if (c->p >= c->end) return false;
        if (*c->p == '"') return skip_string(c);
        if (*c->p == '{' || *c->p == '[') {
            int depth = 0;
            while (c->p < c->end) {
                if (*c->p == '"') { if (!skip_string(c)) return false; continue; }
                if (*c->p == '{' || *c->p == '[') depth++;
                if (*c->p == '}' || *c->p == ']') depth--;
                c->p++;
                if (depth == 0) return true;
            }
            return false;
        }
        while (c->p < c->end && *c->p != ',' && *c->p != '}' && *c->p != ']') c->p++;
        return true;
    }
    
    /* Positions *value at the member \`key\` of the object at c->p; false when absent or malformed. */
    static bool find_member(cursor c, const char *key, cursor *value) {
        size_t key_length = strlen(key);
        skip_space(&c);
        if (c.p >= c.end || *c.p != '{') return false;
        c.p++;
        for (;;) {
            skip_space(&c);
            if (c.p >= c.end || *c.p != '"') return false;
            const char *name = c.p + 1;
            if (!skip_string(&c)) return false;
            bool match = (size_t)(c.p - 1 - name) == key_length && memcmp(name, key, key_length) == 0;
            skip_space(&c);
            if (c.p >= c.end || *c.p != ':') return false;
            c.p++;
            skip_space(&c);
            if (match) { *value = c; return true; }
            if (!skip_value(&c)) return false;
            skip_space(&c);
            if (c.p >= c.end || *c.p != ',') return false;
            c.p++;
        }
    }
    
    /* Reads a JSON number at c; false for anything else (strings, true, null…). */
    static bool read_number(cursor c, double *out) {
        char buffer[64];
        size_t n = 0;
        while (c.p < c.end && n < sizeof buffer - 1 && strchr("+-0123456789.eE", *c.p) != NULL && *c.p != '\\\\0') buffer[n++] = *c.p++;
        if (n == 0) return false;
        buffer[n] = '\\\\0';
        char *stop = NULL;
        *out = strtod(buffer, &stop);
        return stop == buffer + n;
    }
    
    bool tf_should_forward(const char *body, size_t length, double threshold) {
        cursor root = { body, body + length }, machine, temperature;
        double value;
        if (!find_member(root, "machine", &machine)) return false;
        if (!find_member(machine, "temperature", &temperature)) return false;
        if (!read_number(temperature, &value)) return false;
        return value > threshold;
    }
    
    double tf_threshold_from_twin(const char *payload, size_t length, bool complete, double current) {
        cursor root = { payload, payload + length }, desired = root, threshold;
        double value;
        if (complete && !find_member(root, "desired", &desired)) return current;
        if (!find_member(desired, "TemperatureThreshold", &threshold)) return current;
        return read_number(threshold, &value) ? value : current;
    }
    
  ),
  "temperature_filter.h": String(
    /* The module's business logic, free of the IoT SDK so it is unit-tested on its own (ctest). */
    #ifndef TEMPERATURE_FILTER_H
    #define TEMPERATURE_FILTER_H
    
    #include <stdbool.h>
    #include <stddef.h>
    
    #define DEFAULT_TEMPERATURE_THRESHOLD 25.0
    
    /* True when the JSON body's machine.temperature is a number above threshold. */
    bool tf_should_forward(const char *body, size_t length, double threshold);
    
    /*
     * The desired TemperatureThreshold from a twin payload: the full twin ({"desired":{…},"reported":{…}})
     * when complete is true, a desired-properties patch otherwise. Returns current when it is absent.
     */
    double tf_threshold_from_twin(const char *payload, size_t length, bool complete, double current);
    
    #endif
    
  ),
  "tests/test_temperature_filter.c": String(
    /* Unit tests of the filter logic, run by ctest; exits non-zero on the first failure. */
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    
    #include "temperature_filter.h"
    
    static int failures = 0;
    
    #define CHECK(condition)                                                        \\\\
        do {                                                                        \\\\
            if (!(condition)) {                                                     \\\\
                fprintf(stderr, "%s:%d: check failed: %s\\\\n", __FILE__, __LINE__, #condition); \\\\
                failures++;                                                         \\\\
            }                                                                       \\\\
        } while (0)
    
    static bool forward(const char *body, double threshold) {
        return tf_should_forward(body, strlen(body), threshold);
    }
    
    static double threshold(const char *payload, bool complete, double current) {
        return tf_threshold_from_twin(payload, strlen(payload), complete, current);
    }
    
    int main(void) {
        const char *hot = "{\\\\"machine\\\\":{\\\\"temperature\\\\":30.5,\\\\"pressure\\\\":1},\\\\"ambient\\\\":{\\\\"temperature\\\\":21,\\\\"humidity\\\\":25},\\\\"timeCreated\\\\":\\\\"2024-01-01T00:00:00Z\\\\"}";
        const char *at = "{\\\\"machine\\\\":{\\\\"temperature\\\\":25,\\\\"pressure\\\\":1}}";
        const char *nested_first = "{\\\\"ambient\\\\":{\\\\"temperature\\\\":99,\\\\"note\\\\":\\\\"a } and a \\\\\\\\\\\\" inside\\\\"},\\\\"machine\\\\":{\\\\"temperature\\\\":26}}";
    
        CHECK(forward(hot, 25));
        CHECK(!forward(at, 25));
        CHECK(!forward("{\\\\"machine\\\\":{\\\\"temperature\\\\":-3}}", 25));
        CHECK(forward(nested_first, 25));
        CHECK(!forward("{\\\\"ambient\\\\":{\\\\"temperature\\\\":99}}", 25));
        CHECK(!forward("{\\\\"machine\\\\":{\\\\"temperature\\\\":\\\\"hot\\\\"}}", 25));
        CHECK(!forward("not json", 25));
        CHECK(!forward("{\\\\"machine\\\\":{\\\\"temperature\\\\":", 25));
    
        CHECK(threshold("{\\\\"desired\\\\":{\\\\"TemperatureThreshold\\\\":40,\\\\"$version\\\\":2},\\\\"reported\\\\":{}}", true, 25) == 40);
        CHECK(threshold("{\\\\"reported\\\\":{\\\\"TemperatureThreshold\\\\":7},\\\\"desired\\\\":{\\\\"$version\\\\":2}}", true, 25) == 25);
        CHECK(threshold("{\\\\"TemperatureThreshold\\\\":33.5,\\\\"$version\\\\":3}", false, 25) == 33.5);
        CHECK(threshold("{\\\\"$version\\\\":4}", false, 40) == 40);
        CHECK(threshold("{\\\\"TemperatureThreshold\\\\":\\\\"high\\\\"}", false, 40) == 40);
        CHECK(DEFAULT_TEMPERATURE_THRESHOLD == 25.0);
    
        if (failures > 0) {
            fprintf(stderr, "%d check(s) failed\\\\n", failures);
            return EXIT_FAILURE;
        }
        puts("temperature filter: all checks passed");
        return EXIT_SUCCESS;
    }
    
  ),
}
`

exports[`dist/test/templates/new-module.e2e.test.js > TAP > new module --lang csharp > the csharp module tree 1`] = `
Object {
  ".dockerignore": String(
    bin
    obj
    tests
    Dockerfile*
    .dockerignore
    .gitignore
    .git
    
  ),
  ".gitignore": String(
    bin/
    obj/
    *.user
    .vs/
    TestResults/
    .env
    
  ),
  "csharp_filter.csproj": String(
    <Project Sdk="Microsoft.NET.Sdk">
    
      <PropertyGroup>
        <OutputType>Exe</OutputType>
        <TargetFramework>net8.0</TargetFramework>
        <Nullable>enable</Nullable>
        <ImplicitUsings>enable</ImplicitUsings>
        <RootNamespace>csharp_filter</RootNamespace>
        <AssemblyName>csharp_filter</AssemblyName>
        <InvariantGlobalization>true</InvariantGlobalization>
      </PropertyGroup>
    
      <ItemGroup>
        <!-- The xUnit project has its own csproj. -->
        <Compile Remove="tests/**" />
      </ItemGroup>
    
      <ItemGroup>
        <PackageReference Include="Microsoft.Azure.Devices.Client" Version="1.42.3" />
      </ItemGroup>
    
    </Project>
    
  ),
  "Dockerfile.amd64": String(
    # Image for amd64. The .NET images are multi-platform; \`edgectl build --platform amd64\` picks the
    # variant. The SDK image restores and publishes; the runtime image (no SDK) runs the result as the
    # unprivileged \`app\` user that the .NET 8 images define.
    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
    WORKDIR /src
    COPY *.csproj ./
    RUN dotnet restore
    COPY *.cs ./
    RUN dotnet publish --no-restore -c Release -o /app
    
    FROM mcr.microsoft.com/dotnet/runtime:8.0
    WORKDIR /app
    COPY --from=build /app ./
    USER $APP_UID
    ENTRYPOINT ["dotnet", "csharp_filter.dll"]
    
  ),
  "Dockerfile.amd64.debug": String(
    # Debug image for amd64: a Debug build and vsdbg, for VS Code / Visual Studio to attach through
    # \`docker exec\` (the debugger needs no published port).
    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
    WORKDIR /src
    COPY *.csproj ./
    RUN dotnet restore
    COPY *.cs ./
    RUN dotnet publish --no-restore -c Debug -o /app
    
    FROM mcr.microsoft.com/dotnet/runtime:8.0
    RUN apt-get update && apt-get install -y --no-install-recommends curl unzip procps \\\\
        && curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg \\\\
        && apt-get purge -y curl && rm -rf /var/lib/apt/lists/*
    WORKDIR /app
    COPY --from=build /app ./
    USER $APP_UID
    ENTRYPOINT ["dotnet", "csharp_filter.dll"]
    
  ),
  "Dockerfile.arm32v7": String(
    # Image for arm32v7. The .NET images are multi-platform; \`edgectl build --platform arm32v7\` picks the
    # variant. The SDK image restores and publishes; the runtime image (no SDK) runs the result as the
    # unprivileged \`app\` user that the .NET 8 images define.
    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
    WORKDIR /src
    COPY *.csproj ./
    RUN dotnet restore
    COPY *.cs ./
    RUN dotnet publish --no-restore -c Release -o /app
    
    FROM mcr.microsoft.com/dotnet/runtime:8.0
    WORKDIR /app
    COPY --from=build /app ./
    USER $APP_UID
    ENTRYPOINT ["dotnet", "csharp_filter.dll"]
    
  ),
  "Dockerfile.arm32v7.debug": String(
    # Debug image for arm32v7: a Debug build and vsdbg, for VS Code / Visual Studio to attach through
    # \`docker exec\` (the debugger needs no published port).
    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
    WORKDIR /src
    COPY *.csproj ./
    RUN dotnet restore
    COPY *.cs ./
    RUN dotnet publish --no-restore -c Debug -o /app
    
    FROM mcr.microsoft.com/dotnet/runtime:8.0
    RUN apt-get update && apt-get install -y --no-install-recommends curl unzip procps \\\\
        && curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg \\\\
        && apt-get purge -y curl && rm -rf /var/lib/apt/lists/*
    WORKDIR /app
    COPY --from=build /app ./
    USER $APP_UID
    ENTRYPOINT ["dotnet", "csharp_filter.dll"]
    
  ),
  "Dockerfile.arm64v8": String(
    # Image for arm64v8. The .NET images are multi-platform; \`edgectl build --platform arm64v8\` picks the
    # variant. The SDK image restores and publishes; the runtime image (no SDK) runs the result as the
    # unprivileged \`app\` user that the .NET 8 images define.
    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
    WORKDIR /src
    COPY *.csproj ./
    RUN dotnet restore
    COPY *.cs ./
    RUN dotnet publish --no-restore -c Release -o /app
    
    FROM mcr.microsoft.com/dotnet/runtime:8.0
    WORKDIR /app
    COPY --from=build /app ./
    USER $APP_UID
    ENTRYPOINT ["dotnet", "csharp_filter.dll"]
    
  ),
  "Dockerfile.arm64v8.debug": String(
    # Debug image for arm64v8: a Debug build and vsdbg, for VS Code / Visual Studio to attach through
    # \`docker exec\` (the debugger needs no published port).
    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
    WORKDIR /src
    COPY *.csproj ./
    RUN dotnet restore
    COPY *.cs ./
    RUN dotnet publish --no-restore -c Debug -o /app
    
    FROM mcr.microsoft.com/dotnet/runtime:8.0
    RUN apt-get update && apt-get install -y --no-install-recommends curl unzip procps \\\\
        && curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg \\\\
        && apt-get purge -y curl && rm -rf /var/lib/apt/lists/*
    WORKDIR /app
    COPY --from=build /app ./
    USER $APP_UID
    ENTRYPOINT ["dotnet", "csharp_filter.dll"]
    
  ),
  "module.json": String(
    {
      "$schema-version": "0.0.1",
      "description": "csharp_filter: forwards input1 messages above a temperature threshold to output1",
      "language": "csharp",
      "image": {
        "repository": "localhost:5000/csharp_filter",
        "tag": {
          "version": "0.0.1",
          "platforms": {
            "amd64": "./Dockerfile.amd64",
            "amd64.debug": "./Dockerfile.amd64.debug",
            "arm32v7": "./Dockerfile.arm32v7",
            "arm32v7.debug": "./Dockerfile.arm32v7.debug",
            "arm64v8": "./Dockerfile.arm64v8",
            "arm64v8.debug": "./Dockerfile.arm64v8.debug"
          }
        },
        "buildOptions": [],
        "contextPath": "./"
      }
    }
    
  ),
  "Program.cs": String(
    using Microsoft.Azure.Devices.Client;
    using Microsoft.Azure.Devices.Client.Transport.Mqtt;
    
    namespace csharp_filter;
    
    /// <summary>
    /// IoT Edge module csharp_filter: reads messages on input1 and forwards those whose
    /// machine.temperature is above the module twin's desired TemperatureThreshold to output1.
    /// </summary>
    public static class Program
    {
        private static double threshold = TemperatureFilter.DefaultTemperatureThreshold;
    
        public static async Task<int> Main()
        {
            Console.WriteLine("connecting to the edge hub with the module identity from the environment (MQTT)");
            ModuleClient client;
            try
            {
                // Reads EdgeHubConnectionString + EdgeModuleCACertificateFile, or the IOTEDGE_* workload variables.
                client = await ModuleClient.CreateFromEnvironmentAsync(new ITransportSettings[] { new MqttTransportSettings(TransportType.Mqtt_Tcp_Only) });
                await client.OpenAsync();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"could not connect to the edge hub: {e.Message}");
                return 1;
            }
            Console.WriteLine("connected to the edge hub");
    
            var twin = await client.GetTwinAsync();
            threshold = TemperatureFilter.ThresholdFrom(twin.Properties.Desired.ToJson(), threshold);
            Console.WriteLine($"temperature threshold: {threshold}");
            await client.SetDesiredPropertyUpdateCallbackAsync((desired, _) =>
            {
                threshold = TemperatureFilter.ThresholdFrom(desired.ToJson(), threshold);
                Console.WriteLine($"temperature threshold is now {threshold}");
                return Task.CompletedTask;
            }, null);
    
            await client.SetInputMessageHandlerAsync("input1", async (message, _) =>
            {
                var body = message.GetBytes();
                if (TemperatureFilter.Filter(body, threshold).Forward)
                {
                    using var output = new Message(body);
                    foreach (var property in message.Properties)
                    {
                        output.Properties.Add(property.Key, property.Value);
                    }
                    output.Properties["MessageType"] = "Alert";
                    await client.SendEventAsync("output1", output);
                }
                return MessageResponse.Completed;
            }, null);
    
            var stop = new TaskCompletionSource();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
            await stop.Task;
            await client.CloseAsync();
            return 0;
        }
    }
    
  ),
  "README.md": String(
    # csharp_filter
    
    An IoT Edge module in C# (.NET 8). It connects to the edge hub with
    \`ModuleClient.CreateFromEnvironmentAsync\` (Microsoft.Azure.Devices.Client, MQTT), reads messages on \`input1\`
    and forwards to \`output1\` those whose \`machine.temperature\` is above the module twin's desired
    \`TemperatureThreshold\` (default 25).
    
    * \`TemperatureFilter.cs\` — the decision, with no SDK use; \`tests/\` holds its xUnit tests: \`dotnet test tests\`.
    * \`Program.cs\` — the SDK wiring.
    * \`Dockerfile.<platform>\` — multi-stage: \`mcr.microsoft.com/dotnet/sdk:8.0\` publishes, \`runtime:8.0\` runs it as the
      image's unprivileged \`app\` user; the \`.debug\` variants build Debug and add vsdbg for attaching over \`docker exec\`.
    
  ),
  "TemperatureFilter.cs": String(
    using System.Text.Json;
    
    namespace csharp_filter;
    
    /// <summary>The module's business logic, free of the IoT SDK so it is unit-tested on its own (dotnet test tests).</summary>
    public static class TemperatureFilter
    {
        public const double DefaultTemperatureThreshold = 25;
    
        public readonly record struct Decision(bool Forward, double? Temperature, string Reason);
    
        /// <summary>TemperatureThreshold from a twin's desired properties (or a patch) as JSON, else <paramref name="current"/>.</summary>
        public static double ThresholdFrom(string desiredJson, double current)
        {
            try
            {
                using var document = JsonDocument.Parse(desiredJson);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("TemperatureThreshold", out var value)
                    && value.ValueKind == JsonValueKind.Number)
                {
                    return value.GetDouble();
                }
            }
            catch (JsonException)
            {
            }
            return current;
        }
    
        /// <summary>Forward when machine.temperature (as sent by the simulated temperature sensor) is above the threshold.</summary>
        public static Decision Filter(ReadOnlySpan<byte> body, double threshold)
        {
            try
            {
                using var document = JsonDocument.Parse(body.ToArray());
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("machine", out var machine)
                    || machine.ValueKind != JsonValueKind.Object
                    || !machine.TryGetProperty("temperature", out var temperatureElement)
                    || temperatureElement.ValueKind != JsonValueKind.Number)
                {
                    return new Decision(false, null, "the message has no machine.temperature");
                }
                var temperature = temperatureElement.GetDouble();
                return temperature > threshold
                    ? new Decision(true, temperature, string.Empty)
                    : new Decision(false, temperature, $"{temperature} is not above {threshold}");
            }
            catch (JsonException)
            {
                return new Decision(false, null, "the message body is not JSON");
            }
        }
    }
    
  ),
  "tests/csharp_filter.Tests.csproj": String(
    <Project Sdk="Microsoft.NET.Sdk">
    
      <PropertyGroup>
        <TargetFramework>net8.0</TargetFramework>
        <Nullable>enable</Nullable>
        <ImplicitUsings>enable</ImplicitUsings>
        <IsPackable>false</IsPackable>
        <IsTestProject>true</IsTestProject>
      </PropertyGroup>
    
      <ItemGroup>
        <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.10.0" />
        <PackageReference Include="xunit" Version="2.8.1" />
        <PackageReference Include="xunit.runner.visualstudio" Version="2.8.1" />
      </ItemGroup>
    
      <ItemGroup>
        <ProjectReference Include="../csharp_filter.csproj" />
      </ItemGroup>
    
    </Project>
    
  ),
  "tests/TemperatureFilterTests.cs": String(
    using System.Text;
    using Xunit;
    
    namespace csharp_filter.Tests;
    
    public class TemperatureFilterTests
    {
        private static byte[] Body(string temperature) =>
            Encoding.UTF8.GetBytes($"{{\\\\"machine\\\\":{{\\\\"temperature\\\\":{temperature},\\\\"pressure\\\\":1}},\\\\"ambient\\\\":{{\\\\"temperature\\\\":21,\\\\"humidity\\\\":25}},\\\\"timeCreated\\\\":\\\\"2024-01-01T00:00:00Z\\\\"}}");
    
        [Fact]
        public void ForwardsAboveTheThreshold()
        {
            var decision = TemperatureFilter.Filter(Body("30.5"), 25);
            Assert.True(decision.Forward);
            Assert.Equal(30.5, decision.Temperature);
        }
    
        [Theory]
        [InlineData("25")]
        [InlineData("-3")]
        [InlineData("\\\\"hot\\\\"")]
        public void DropsAtOrBelowTheThresholdOrWithoutANumber(string temperature)
        {
            Assert.False(TemperatureFilter.Filter(Body(temperature), 25).Forward);
        }
    
        [Fact]
        public void DropsBodiesThatAreNotJson()
        {
            Assert.False(TemperatureFilter.Filter(Encoding.UTF8.GetBytes("not json"), 25).Forward);
        }
    
        [Fact]
        public void ReadsTheDesiredThresholdOrKeepsTheCurrentOne()
        {
            Assert.Equal(40, TemperatureFilter.ThresholdFrom("{\\\\"TemperatureThreshold\\\\":40,\\\\"$version\\\\":3}", 25));
            Assert.Equal(25, TemperatureFilter.ThresholdFrom("{\\\\"$version\\\\":4}", 25));
            Assert.Equal(25, TemperatureFilter.ThresholdFrom("{\\\\"TemperatureThreshold\\\\":\\\\"high\\\\"}", 25));
        }
    }
    
  ),
}
`

exports[`dist/test/templates/new-module.e2e.test.js > TAP > new module --lang java > the java module tree 1`] = `
Object {
  ".dockerignore": String(
    target
    Dockerfile*
    .dockerignore
    .gitignore
    .git
    
  ),
  ".gitignore": String(
    target/
    *.class
    .idea/
    *.iml
    .env
    
  ),
  "Dockerfile.amd64": String(
    # Image for amd64. The Maven and Temurin images are multi-platform; \`edgectl build --platform amd64\`
    # picks the variant. Maven builds (and runs the unit tests) in the first stage; the runtime stage has
    # only a JRE and the jar, and runs as an unprivileged user.
    FROM maven:3.9-eclipse-temurin-17 AS build
    WORKDIR /src
    COPY pom.xml ./
    RUN mvn -B -q dependency:go-offline
    COPY src ./src
    RUN mvn -B -q package
    
    FROM eclipse-temurin:17-jre
    RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    WORKDIR /app
    COPY --from=build /src/target/java_filter-with-deps.jar ./module.jar
    USER moduleuser
    ENTRYPOINT ["java", "-jar", "/app/module.jar"]
    
  ),
  "Dockerfile.amd64.debug": String(
    # Debug image for amd64: the JVM accepts a debugger (JDWP) on 5005, published by
    # deployment.debug.template.json.
    FROM maven:3.9-eclipse-temurin-17 AS build
    WORKDIR /src
    COPY pom.xml ./
    RUN mvn -B -q dependency:go-offline
    COPY src ./src
    RUN mvn -B -q package
    
    FROM eclipse-temurin:17-jre
    RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    WORKDIR /app
    COPY --from=build /src/target/java_filter-with-deps.jar ./module.jar
    USER moduleuser
    EXPOSE 5005
    ENTRYPOINT ["java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005", "-jar", "/app/module.jar"]
    
  ),
  "Dockerfile.arm32v7": String(
    # Image for arm32v7. The Maven and Temurin images are multi-platform; \`edgectl build --platform arm32v7\`
    # picks the variant. Maven builds (and runs the unit tests) in the first stage; the runtime stage has
    # only a JRE and the jar, and runs as an unprivileged user.
    FROM maven:3.9-eclipse-temurin-17 AS build
    WORKDIR /src
    COPY pom.xml ./
    RUN mvn -B -q dependency:go-offline
    COPY src ./src
    RUN mvn -B -q package
    
    FROM eclipse-temurin:17-jre
    RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    WORKDIR /app
    COPY --from=build /src/target/java_filter-with-deps.jar ./module.jar
    USER moduleuser
    ENTRYPOINT ["java", "-jar", "/app/module.jar"]
    
  ),
  "Dockerfile.arm32v7.debug": String(
    # Debug image for arm32v7: the JVM accepts a debugger (JDWP) on 5005, published by
    # deployment.debug.template.json.
    FROM maven:3.9-eclipse-temurin-17 AS build
    WORKDIR /src
    COPY pom.xml ./
    RUN mvn -B -q dependency:go-offline
    COPY src ./src
    RUN mvn -B -q package
    
    FROM eclipse-temurin:17-jre
    RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    WORKDIR /app
    COPY --from=build /src/target/java_filter-with-deps.jar ./module.jar
    USER moduleuser
    EXPOSE 5005
    ENTRYPOINT ["java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005", "-jar", "/app/module.jar"]
    
  ),
  "Dockerfile.arm64v8": String(
    # Image for arm64v8. The Maven and Temurin images are multi-platform; \`edgectl build --platform arm64v8\`
    # picks the variant. Maven builds (and runs the unit tests) in the first stage; the runtime stage has
    # only a JRE and the jar, and runs as an unprivileged user.
    FROM maven:3.9-eclipse-temurin-17 AS build
    WORKDIR /src
    COPY pom.xml ./
    RUN mvn -B -q dependency:go-offline
    COPY src ./src
    RUN mvn -B -q package
    
    FROM eclipse-temurin:17-jre
    RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    WORKDIR /app
    COPY --from=build /src/target/java_filter-with-deps.jar ./module.jar
    USER moduleuser
    ENTRYPOINT ["java", "-jar", "/app/module.jar"]
    
  ),
  "Dockerfile.arm64v8.debug": String(
    # Debug image for arm64v8: the JVM accepts a debugger (JDWP) on 5005, published by
    # deployment.debug.template.json.
    FROM maven:3.9-eclipse-temurin-17 AS build
    WORKDIR /src
    COPY pom.xml ./
    RUN mvn -B -q dependency:go-offline
    COPY src ./src
    RUN mvn -B -q package
    
    FROM eclipse-temurin:17-jre
    RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin moduleuser
    WORKDIR /app
    COPY --from=build /src/target/java_filter-with-deps.jar ./module.jar
    USER moduleuser
    EXPOSE 5005
    ENTRYPOINT ["java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005", "-jar", "/app/module.jar"]
    
  ),
  "module.json": String(
    {
      "$schema-version": "0.0.1",
      "description": "java_filter: forwards input1 messages above a temperature threshold to output1",
      "language": "java",
      "image": {
        "repository": "localhost:5000/java_filter",
        "tag": {
          "version": "0.0.1",
          "platforms": {
            "amd64": "./Dockerfile.amd64",
            "amd64.debug": "./Dockerfile.amd64.debug",
            "arm32v7": "./Dockerfile.arm32v7",
            "arm32v7.debug": "./Dockerfile.arm32v7.debug",
            "arm64v8": "./Dockerfile.arm64v8",
            "arm64v8.debug": "./Dockerfile.arm64v8.debug"
          }
        },
        "buildOptions": [],
        "contextPath": "./"
      }
    }
    
  ),
  "pom.xml": String(
    <?xml version="1.0" encoding="UTF-8"?>
    <project xmlns="http://maven.apache.org/POM/4.0.0"
             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
             xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
      <modelVersion>4.0.0</modelVersion>
    
      <groupId>com.edgectl.modules</groupId>
      <artifactId>java_filter</artifactId>
      <version>0.0.1</version>
      <packaging>jar</packaging>
      <name>java_filter</name>
      <description>IoT Edge module: forwards input1 messages above a temperature threshold to output1</description>
    
      <properties>
        <maven.compiler.release>17</maven.compiler.release>
        <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
        <iot-device-client.version>1.30.1</iot-device-client.version>
        <junit.version>5.10.2</junit.version>
      </properties>
    
      <dependencies>
        <dependency>
          <groupId>com.microsoft.azure.sdk.iot</groupId>
          <artifactId>iot-device-client</artifactId>
          <version>\${iot-device-client.version}</version>
        </dependency>
        <dependency>
          <groupId>com.google.code.gson</groupId>
          <artifactId>gson</artifactId>
          <version>2.10.1</version>
        </dependency>
        <dependency>
          <groupId>org.junit.jupiter</groupId>
          <artifactId>junit-jupiter</artifactId>
          <version>\${junit.version}</version>
          <scope>test</scope>
        </dependency>
      </dependencies>
    
      <build>
        <finalName>java_filter</finalName>
        <plugins>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-surefire-plugin</artifactId>
            <version>3.2.5</version>
          </plugin>
          <plugin>
            <!-- One runnable jar with its dependencies: target/java_filter-with-deps.jar -->
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-shade-plugin</artifactId>
            <version>3.5.2</version>
            <executions>
              <execution>
                <phase>package</phase>
                <goals><goal>shade</goal></goals>
                <configuration>
                  <finalName>java_filter-with-deps</finalName>
                  <transformers>
                    <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                      <mainClass>com.edgectl.modules.java_filter.App</mainClass>
                    </transformer>
                    <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
                  </transformers>
                  <filters>
                    <filter>
                      <artifact>*:*</artifact>
                      <excludes>
                        <exclude>META-INF/*.SF</exclude>
                        <exclude>META-INF/*.DSA</exclude>
                        <exclude>META-INF/*.RSA</exclude>
                      </excludes>
                    </filter>
                  </filters>
                </configuration>
              </execution>
            </executions>
          </plugin>
        </plugins>
      </build>
    </project>
    
  ),
  "README.md": String(
    # java_filter
    
    An IoT Edge module in Java 17 (Maven). It connects to the edge hub with
    \`ModuleClient.createFromEnvironment(IotHubClientProtocol.MQTT)\` (com.microsoft.azure.sdk.iot:iot-device-client),
    reads messages on \`input1\` and forwards to \`output1\` those whose \`machine.temperature\` is above the module
    twin's desired \`TemperatureThreshold\` (default 25).
    
    * \`TemperatureFilter.java\` — the decision, with no SDK use; \`TemperatureFilterTest.java\` (JUnit 5): \`mvn test\`.
    * \`App.java\` — the SDK wiring. \`mvn package\` makes \`target/java_filter-with-deps.jar\`.
    * \`Dockerfile.<platform>\` — multi-stage: Maven + Temurin 17 JDK builds, a Temurin 17 JRE runs it as
      \`moduleuser\`; the \`.debug\` variants open JDWP on port 5005.
    
  ),
  "src/main/java/com/edgectl/modules/java_filter/App.java": String(
    package com.edgectl.modules.java_filter;
    
    import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
    import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
    import com.microsoft.azure.sdk.iot.device.Message;
    import com.microsoft.azure.sdk.iot.device.MessageProperty;
    import com.microsoft.azure.sdk.iot.device.ModuleClient;
    import com.microsoft.azure.sdk.iot.device.DeviceTwin.Property;
    import java.nio.charset.StandardCharsets;
    import java.util.concurrent.CountDownLatch;
    
    /**
     * IoT Edge module java_filter: reads messages on input1 and forwards those whose
     * machine.temperature is above the module twin's desired TemperatureThreshold to output1.
     */
    public final class App {
        private static volatile double threshold = TemperatureFilter.DEFAULT_TEMPERATURE_THRESHOLD;
    
        private App() {
        }
    
        public static void main(String[] args) throws InterruptedException {
            System.out.println("connecting to the edge hub with the module identity from the environment (MQTT)");
            ModuleClient client;
            try {
                // Reads EdgeHubConnectionString + EdgeModuleCACertificateFile, or the IOTEDGE_* workload variables.
                client = ModuleClient.createFromEnvironment(IotHubClientProtocol.MQTT);
                client.open();
            } catch (Exception e) {
                System.err.println("could not connect to the edge hub: " + e.getMessage());
                System.exit(1);
                return;
            }
            System.out.println("connected to the edge hub");
            final ModuleClient connected = client;
    
            connected.setMessageCallback("input1", (message, context) -> {
                String body = new String(message.getBytes(), StandardCharsets.UTF_8);
                TemperatureFilter.Decision decision = TemperatureFilter.filter(body, threshold);
                if (decision.forward()) {
                    Message output = new Message(message.getBytes());
                    for (MessageProperty property : message.getProperties()) {
                        output.setProperty(property.getName(), property.getValue());
                    }
                    output.setProperty("MessageType", "Alert");
                    connected.sendEventAsync(output, (status, ctx) -> { }, null, "output1");
                }
                return IotHubMessageResult.COMPLETE;
            }, null);
    
            try {
                // The generic property callback sees every desired property, first from the full twin, then from patches.
                connected.startTwin((status, context) -> { }, null, (Property property, Object context) -> {
                    if ("TemperatureThreshold".equals(property.getKey())) {
                        threshold = TemperatureFilter.thresholdFrom(property.getValue(), threshold);
                        System.out.println("temperature threshold is now " + threshold);
                    }
                }, null);
            } catch (Exception e) {
                System.err.println("could not read the module twin: " + e.getMessage());
            }
    
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    connected.closeNow();
                } catch (Exception ignored) {
                    // shutting down anyway
                }
                stop.countDown();
            }));
            stop.await();
        }
    }
    
  ),
  "src/main/java/com/edgectl/modules/java_filter/TemperatureFilter.java": String(
    package com.edgectl.modules.java_filter;
    
    import com.google.gson.JsonElement;
    import com.google.gson.JsonObject;
    import com.google.gson.JsonParseException;
    import com.google.gson.JsonParser;
    
    /** The module's business logic, free of the IoT SDK so it is unit-tested on its own (mvn test). */
    public final class TemperatureFilter {
        public static final double DEFAULT_TEMPERATURE_THRESHOLD = 25;
    
        private TemperatureFilter() {
        }
    
        /** The outcome for one message; temperature is NaN when the message has none. */
        public record Decision(boolean forward, double temperature, String reason) {
        }
    
        /** A twin's desired TemperatureThreshold value, or {@code current} when it is not a number. */
        public static double thresholdFrom(Object desiredValue, double current) {
            if (desiredValue instanceof Number number && Double.isFinite(number.doubleValue())) {
                return number.doubleValue();
            }
            return current;
        }
    
        /** Forward when machine.temperature (as sent by the simulated temperature sensor) is above the threshold. */
        public static Decision filter(String body, double threshold) {
            JsonElement root;
            try {
                root = JsonParser.parseString(body);
            } catch (JsonParseException e) {
                return new Decision(false, Double.NaN, "the message body is not JSON");
            }
            JsonElement machine = root.isJsonObject() ? root.getAsJsonObject().get("machine") : null;
            JsonElement temperature = machine != null && machine.isJsonObject() ? ((JsonObject) machine).get("temperature") : null;
            if (temperature == null || !temperature.isJsonPrimitive() || !temperature.getAsJsonPrimitive().isNumber()) {
                return new Decision(false, Double.NaN, "the message has no machine.temperature");
            }
            double value = temperature.getAsDouble();
            if (value <= threshold) {
                return new Decision(false, value, value + " is not above " + threshold);
            }
            return new Decision(true, value, "");
        }
    }
    
  ),
  "src/test/java/com/edgectl/modules/java_filter/TemperatureFilterTest.java": String(
    package com.edgectl.modules.java_filter;
    
    import static org.junit.jupiter.api.Assertions.assertEquals;
    import static org.junit.jupiter.api.Assertions.assertFalse;
    import static org.junit.jupiter.api.Assertions.assertTrue;
    
    import org.junit.jupiter.api.Test;
    
    class TemperatureFilterTest {
        private static String body(String temperature) {
            return "{\\\\"machine\\\\":{\\\\"temperature\\\\":" + temperature + ",\\\\"pressure\\\\":1},\\\\"ambient\\\\":{\\\\"temperature\\\\":21,\\\\"humidity\\\\":25},\\\\"timeCreated\\\\":\\\\"2024-01-01T00:00:00Z\\\\"}";
        }
    
        @Test
        void forwardsAboveTheThreshold() {
            TemperatureFilter.Decision decision = TemperatureFilter.filter(body("30.5"), 25);
            assertTrue(decision.forward());
            assertEquals(30.5, decision.temperature());
        }
    
        @Test
        void dropsAtOrBelowTheThreshold() {
            assertFalse(TemperatureFilter.filter(body("25"), 25).forward());
            assertFalse(TemperatureFilter.filter(body("-3"), 25).forward());
        }
    
        @Test
        void dropsBodiesWithoutATemperature() {
            assertFalse(TemperatureFilter.filter("not json {", 25).forward());
            assertFalse(TemperatureFilter.filter("{\\\\"ambient\\\\":{\\\\"temperature\\\\":99}}", 25).forward());
            assertFalse(TemperatureFilter.filter(body("\\\\"hot\\\\""), 25).forward());
        }
    
        @Test
        void readsTheDesiredThresholdOrKeepsTheCurrentOne() {
            assertEquals(40.0, TemperatureFilter.thresholdFrom(40, 25));
            assertEquals(25.0, TemperatureFilter.thresholdFrom("high", 25));
            assertEquals(25.0, TemperatureFilter.thresholdFrom(null, 25));
        }
    }
    
  ),
}
`

exports[`dist/test/templates/new-module.e2e.test.js > TAP > new module --lang node > the node module tree 1`] = `
Object {
  ".dockerignore": String(
    node_modules
    npm-debug.log*
    test
    Dockerfile*
    .dockerignore
    .gitignore
    .git
    
  ),
  ".gitignore": String(
    node_modules/
    npm-debug.log*
    *.log
    .env
    
  ),
  "app.js": String(
    // IoT Edge module node_filter: reads messages on input1 and forwards those whose
    // machine.temperature is above the module twin's desired TemperatureThreshold to output1.
    import iotDevice from 'azure-iot-device';
    import iotMqtt from 'azure-iot-device-mqtt';
    import { DEFAULT_TEMPERATURE_THRESHOLD, filterMessage, thresholdFromDesired } from './filter.js';
    
    const { ModuleClient, Message } = iotDevice;
    const { Mqtt } = iotMqtt;
    
    let threshold = DEFAULT_TEMPERATURE_THRESHOLD;
    
    async function main() {
      console.log('connecting to the edge hub with the module identity from the environment (MQTT)');
      // Reads EdgeHubConnectionString + EdgeModuleCACertificateFile, or the IOTEDGE_* workload variables.
      const client = await ModuleClient.fromEnvironment(Mqtt);
      client.on('error', (error) => {
        console.error(\`module client error: \${error.message}\`);
        process.exit(1);
      });
      await client.open();
      console.log('connected to the edge hub');
    
      const twin = await client.getTwin();
      threshold = thresholdFromDesired(twin.properties.desired, threshold);
      console.log(\`temperature threshold: \${threshold}\`);
      twin.on('properties.desired', (patch) => {
        threshold = thresholdFromDesired(patch, threshold);
        console.log(\`temperature threshold is now \${threshold}\`);
      });
    
      client.on('inputMessage', (inputName, message) => {
        client.complete(message, () => {});
        if (inputName !== 'input1') return;
        const decision = filterMessage(message.getBytes(), threshold);
        if (!decision.forward) return;
        const output = new Message(message.getBytes());
        for (const { key, value } of message.properties.propertyList) output.properties.add(key, value);
        output.properties.add('MessageType', 'Alert');
        client.sendOutputEvent('output1', output, (error) => {
          if (error) console.error(\`could not send to output1: \${error.message}\`);
        });
      });
    }
    
    main().catch((error) => {
      console.error(\`could not connect to the edge hub: \${error.message}\`);
      process.exit(1);
    });
    
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
    
  ),
  "Dockerfile.amd64": String(
    # Image for amd64. node:20-bookworm-slim is a multi-platform image: \`edgectl build --platform amd64\`
    # (or docker build --platform) picks the right variant. Dependencies are installed in a build stage
    # from the lock file; the runtime stage has only production files and runs as the unprivileged
    # \`node\` user that the official image provides.
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    ENV NODE_ENV=production
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    CMD ["node", "app.js"]
    
  ),
  "Dockerfile.amd64.debug": String(
    # Debug image for amd64: dev dependencies installed and the inspector open on 9229 (published by
    # deployment.debug.template.json). Attach with: node inspect <host>:9229, or VS Code "Attach".
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    EXPOSE 9229
    CMD ["node", "--inspect=0.0.0.0:9229", "app.js"]
    
  ),
  "Dockerfile.arm32v7": String(
    # Image for arm32v7. node:20-bookworm-slim is a multi-platform image: \`edgectl build --platform arm32v7\`
    # (or docker build --platform) picks the right variant. Dependencies are installed in a build stage
    # from the lock file; the runtime stage has only production files and runs as the unprivileged
    # \`node\` user that the official image provides.
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    ENV NODE_ENV=production
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    CMD ["node", "app.js"]
    
  ),
  "Dockerfile.arm32v7.debug": String(
    # Debug image for arm32v7: dev dependencies installed and the inspector open on 9229 (published by
    # deployment.debug.template.json). Attach with: node inspect <host>:9229, or VS Code "Attach".
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    EXPOSE 9229
    CMD ["node", "--inspect=0.0.0.0:9229", "app.js"]
    
  ),
  "Dockerfile.arm64v8": String(
    # Image for arm64v8. node:20-bookworm-slim is a multi-platform image: \`edgectl build --platform arm64v8\`
    # (or docker build --platform) picks the right variant. Dependencies are installed in a build stage
    # from the lock file; the runtime stage has only production files and runs as the unprivileged
    # \`node\` user that the official image provides.
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    ENV NODE_ENV=production
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    CMD ["node", "app.js"]
    
  ),
  "Dockerfile.arm64v8.debug": String(
    # Debug image for arm64v8: dev dependencies installed and the inspector open on 9229 (published by
    # deployment.debug.template.json). Attach with: node inspect <host>:9229, or VS Code "Attach".
    FROM node:20-bookworm-slim AS build
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --no-audit --no-fund
    
    FROM node:20-bookworm-slim
    WORKDIR /app
    COPY --from=build /app/node_modules ./node_modules
    COPY package.json *.js ./
    USER node
    EXPOSE 9229
    CMD ["node", "--inspect=0.0.0.0:9229", "app.js"]
    
  ),
  "filter.js": String(
    // The module's business logic, free of the IoT SDK so it can be unit-tested with \`npm test\`.
    
    export const DEFAULT_TEMPERATURE_THRESHOLD = 25;
    
    /**
     * The threshold from the module twin's desired properties (a full twin's \`desired\` or a patch),
     * or \`current\` when the twin does not set a usable number.
     */
    export function thresholdFromDesired(desired, current = DEFAULT_TEMPERATURE_THRESHOLD) {
      const value = desired?.TemperatureThreshold;
      return typeof value === 'number' && Number.isFinite(value) ? value : current;
    }
    
    /**
     * Decides what to do with one message body (a Buffer or string of JSON as sent by the simulated
     * temperature sensor: {"machine":{"temperature":…},"ambient":{…},"timeCreated":"…"}).
     * Returns { forward: true, temperature } when machine.temperature is above the threshold.
     */
    export function filterMessage(body, threshold) {
      let data;
      try {
        data = JSON.parse(body.toString());
      } catch {
        return { forward: false, reason: 'the message body is not JSON' };
      }
      const temperature = data?.machine?.temperature;
      if (typeof temperature !== 'number') return { forward: false, reason: 'the message has no machine.temperature' };
      if (temperature <= threshold) return { forward: false, reason: \`\${temperature} is not above \${threshold}\`, temperature };
      return { forward: true, temperature };
    }
    
  ),
  "module.json": String(
    {
      "$schema-version": "0.0.1",
      "description": "node_filter: forwards input1 messages above a temperature threshold to output1",
      "language": "javascript",
      "image": {
        "repository": "localhost:5000/node_filter",
        "tag": {
          "version": "0.0.1",
          "platforms": {
            "amd64": "./Dockerfile.amd64",
            "amd64.debug": "./Dockerfile.amd64.debug",
            "arm32v7": "./Dockerfile.arm32v7",
            "arm32v7.debug": "./Dockerfile.arm32v7.debug",
            "arm64v8": "./Dockerfile.arm64v8",
            "arm64v8.debug": "./Dockerfile.arm64v8.debug"
          }
        },
        "buildOptions": [],
        "contextPath": "./"
      }
    }
    
  ),
  "package-lock.json": "sha256:eeb0369afcdfc6990a4e3bda7354c55061a88d389e383f6e4d3b47ed2501133e",
  "package.json": String(
    {
      "name": "node_filter",
      "version": "0.0.1",
      "private": true,
      "description": "IoT Edge module node_filter: forwards input1 messages above a temperature threshold to output1",
      "type": "module",
      "main": "app.js",
      "scripts": {
        "start": "node app.js",
        "test": "node --test"
      },
      "engines": {
        "node": ">=20"
      },
      "dependencies": {
        "azure-iot-device": "^1.18.4",
        "azure-iot-device-mqtt": "^1.16.4"
      }
    }
    
  ),
  "README.md": String(
    # node_filter
    
    An IoT Edge module in Node.js. It connects to the edge hub with \`ModuleClient.fromEnvironment(Mqtt)\`,
    reads messages on \`input1\` and forwards to \`output1\` those whose \`machine.temperature\` is above the
    module twin's desired \`TemperatureThreshold\` (default 25).
    
    * \`filter.js\` — the decision, with no SDK import; \`test/filter.test.js\` tests it: \`npm install && npm test\`.
    * \`app.js\` — the SDK wiring.
    * \`Dockerfile.<platform>\` — multi-stage images built from \`node:20-bookworm-slim\`, running as the \`node\` user;
      the \`.debug\` variants install dev dependencies and listen for a debugger on port 9229.
    * \`module.json\` — the image repository, version and Dockerfile per platform (\`edgectl build\`).
    
  ),
  "test/filter.test.js": String(
    import { test } from 'node:test';
    import assert from 'node:assert/strict';
    import { DEFAULT_TEMPERATURE_THRESHOLD, filterMessage, thresholdFromDesired } from '../filter.js';
    
    const body = (temperature) => Buffer.from(JSON.stringify({ machine: { temperature, pressure: 1 }, ambient: { temperature: 21, humidity: 25 }, timeCreated: '2024-01-01T00:00:00Z' }));
    
    test('forwards a message above the threshold', () => {
      assert.deepEqual(filterMessage(body(30.5), 25), { forward: true, temperature: 30.5 });
    });
    
    test('drops a message at or below the threshold', () => {
      assert.equal(filterMessage(body(25), 25).forward, false);
      assert.equal(filterMessage(body(-3), 25).forward, false);
    });
    
    test('drops bodies that are not JSON or lack machine.temperature', () => {
      assert.equal(filterMessage(Buffer.from('not json'), 25).forward, false);
      assert.equal(filterMessage(Buffer.from('{"ambient":{"temperature":99}}'), 25).forward, false);
      assert.equal(filterMessage(Buffer.from('{"machine":{"temperature":"hot"}}'), 25).forward, false);
    });
    
    test('reads the threshold from desired properties, keeping the current one otherwise', () => {
      assert.equal(thresholdFromDesired({ TemperatureThreshold: 40, $version: 3 }), 40);
      assert.equal(thresholdFromDesired({ $version: 4 }, 40), 40);
      assert.equal(thresholdFromDesired({ TemperatureThreshold: 'high' }, 40), 40);
      assert.equal(thresholdFromDesired(undefined), DEFAULT_TEMPERATURE_THRESHOLD);
    });
    
  ),
}
`

exports[`dist/test/templates/new-module.e2e.test.js > TAP > new module --lang python > the python module tree 1`] = `
Object {
  ".dockerignore": String(
    __pycache__
    *.pyc
    .venv
    venv
    tests
    Dockerfile*
    .dockerignore
    .gitignore
    .git
    
  ),
  ".gitignore": String(
    __pycache__/
    *.py[cod]
    .venv/
    venv/
    .env
    
  ),
  "Dockerfile.amd64": String(
    # Image for amd64. python:3.11-slim-bookworm is a multi-platform image; \`edgectl build --platform amd64\`
    # picks the variant. Dependencies go into a virtual environment in the build stage (wheels that need
    # a compiler are built there), and only that environment and the code reach the runtime stage,
    # which runs as an unprivileged user.
    FROM python:3.11-slim-bookworm AS build
    WORKDIR /build
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    COPY requirements.txt ./
    RUN pip install --no-cache-dir -r requirements.txt
    
    FROM python:3.11-slim-bookworm
    RUN useradd --uid 1000 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /opt/venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
    WORKDIR /app
    COPY *.py ./
    USER moduleuser
    CMD ["python", "main.py"]
    
  ),
  "Dockerfile.amd64.debug": String(
    # Debug image for amd64: debugpy listens on 5678 (published by deployment.debug.template.json);
    # attach with VS Code "Python: Remote Attach" to <host>:5678.
    FROM python:3.11-slim-bookworm AS build
    WORKDIR /build
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    COPY requirements.txt requirements-debug.txt ./
    RUN pip install --no-cache-dir -r requirements-debug.txt
    
    FROM python:3.11-slim-bookworm
    RUN useradd --uid 1000 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /opt/venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
    WORKDIR /app
    COPY *.py ./
    USER moduleuser
    EXPOSE 5678
    CMD ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "main.py"]
    
  ),
  "Dockerfile.arm32v7": String(
    # Image for arm32v7. python:3.11-slim-bookworm is a multi-platform image; \`edgectl build --platform arm32v7\`
    # picks the variant. Dependencies go into a virtual environment in the build stage (wheels that need
    # a compiler are built there), and only that environment and the code reach the runtime stage,
    # which runs as an unprivileged user.
    FROM python:3.11-slim-bookworm AS build
    WORKDIR /build
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    COPY requirements.txt ./
    RUN pip install --no-cache-dir -r requirements.txt
    
    FROM python:3.11-slim-bookworm
    RUN useradd --uid 1000 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /opt/venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
    WORKDIR /app
    COPY *.py ./
    USER moduleuser
    CMD ["python", "main.py"]
    
  ),
  "Dockerfile.arm32v7.debug": String(
    # Debug image for arm32v7: debugpy listens on 5678 (published by deployment.debug.template.json);
    # attach with VS Code "Python: Remote Attach" to <host>:5678.
    FROM python:3.11-slim-bookworm AS build
    WORKDIR /build
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    COPY requirements.txt requirements-debug.txt ./
    RUN pip install --no-cache-dir -r requirements-debug.txt
    
    FROM python:3.11-slim-bookworm
    RUN useradd --uid 1000 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /opt/venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
    WORKDIR /app
    COPY *.py ./
    USER moduleuser
    EXPOSE 5678
    CMD ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "main.py"]
    
  ),
  "Dockerfile.arm64v8": String(
    # Image for arm64v8. python:3.11-slim-bookworm is a multi-platform image; \`edgectl build --platform arm64v8\`
    # picks the variant. Dependencies go into a virtual environment in the build stage (wheels that need
    # a compiler are built there), and only that environment and the code reach the runtime stage,
    # which runs as an unprivileged user.
    FROM python:3.11-slim-bookworm AS build
    WORKDIR /build
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    COPY requirements.txt ./
    RUN pip install --no-cache-dir -r requirements.txt
    
    FROM python:3.11-slim-bookworm
    RUN useradd --uid 1000 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /opt/venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
    WORKDIR /app
    COPY *.py ./
    USER moduleuser
    CMD ["python", "main.py"]
    
  ),
  "Dockerfile.arm64v8.debug": String(
    # Debug image for arm64v8: debugpy listens on 5678 (published by deployment.debug.template.json);
    # attach with VS Code "Python: Remote Attach" to <host>:5678.
    FROM python:3.11-slim-bookworm AS build
    WORKDIR /build
    RUN python -m venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH
    COPY requirements.txt requirements-debug.txt ./
    RUN pip install --no-cache-dir -r requirements-debug.txt
    
    FROM python:3.11-slim-bookworm
    RUN useradd --uid 1000 --no-create-home --shell /usr/sbin/nologin moduleuser
    COPY --from=build /opt/venv /opt/venv
    ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
    WORKDIR /app
    COPY *.py ./
    USER moduleuser
    EXPOSE 5678
    CMD ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "main.py"]
    
  ),
  "main.py": String(
    """IoT Edge module python_filter: reads messages on input1 and forwards those whose
    machine.temperature is above the module twin's desired TemperatureThreshold to output1."""
    import asyncio
    import signal
    import sys
    
    from azure.iot.device import Message
    from azure.iot.device.aio import IoTHubModuleClient
    
    from temperature_filter import DEFAULT_TEMPERATURE_THRESHOLD, filter_message, threshold_from_desired
    
    
    async def run() -> int:
        print("connecting to the edge hub with the module identity from the environment (MQTT)", flush=True)
        try:
            # Reads EdgeHubConnectionString + EdgeModuleCACertificateFile, or the IOTEDGE_* workload variables.
            client = IoTHubModuleClient.create_from_edge_environment()
            await client.connect()
        except Exception as error:  # the SDK raises several unrelated types here
            print(f"could not connect to the edge hub: {error}", file=sys.stderr, flush=True)
            return 1
        print("connected to the edge hub", flush=True)
    
        twin = await client.get_twin()
        state = {"threshold": threshold_from_desired(twin.get("desired"), DEFAULT_TEMPERATURE_THRESHOLD)}
        print(f"temperature threshold: {state['threshold']}", flush=True)
    
        def on_patch(patch):
            state["threshold"] = threshold_from_desired(patch, state["threshold"])
            print(f"temperature threshold is now {state['threshold']}", flush=True)
    
        async def on_message(message):
            if message.input_name != "input1":
                return
            decision = filter_message(message.data, state["threshold"])
            if not decision.forward:
                return
            output = Message(message.data)
            output.custom_properties.update(message.custom_properties)
            output.custom_properties["MessageType"] = "Alert"
            await client.send_message_to_output(output, "output1")
    
        client.on_twin_desired_properties_patch_received = on_patch
        client.on_message_received = on_message
    
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await client.shutdown()
        return 0
    
    
    if __name__ == "__main__":
        sys.exit(asyncio.run(run()))
    
  ),
  "module.json": String(
    {
      "$schema-version": "0.0.1",
      "description": "python_filter: forwards input1 messages above a temperature threshold to output1",
      "language": "python",
      "image": {
        "repository": "localhost:5000/python_filter",
        "tag": {
          "version": "0.0.1",
          "platforms": {
            "amd64": "./Dockerfile.amd64",
            "amd64.debug": "./Dockerfile.amd64.debug",
            "arm32v7": "./Dockerfile.arm32v7",
            "arm32v7.debug": "./Dockerfile.arm32v7.debug",
            "arm64v8": "./Dockerfile.arm64v8",
            "arm64v8.debug": "./Dockerfile.arm64v8.debug"
          }
        },
        "buildOptions": [],
        "contextPath": "./"
      }
    }
    
  ),
  "README.md": String(
    # python_filter
    
    An IoT Edge module in Python. It connects to the edge hub with
    \`IoTHubModuleClient.create_from_edge_environment()\` (azure-iot-device, MQTT), reads messages on \`input1\`
    and forwards to \`output1\` those whose \`machine.temperature\` is above the module twin's desired
    \`TemperatureThreshold\` (default 25).
    
    * \`temperature_filter.py\` — the decision, with no SDK import; tested by \`python3 -m unittest\`.
    * \`main.py\` — the SDK wiring (asyncio).
    * \`Dockerfile.<platform>\` — multi-stage images from \`python:3.11-slim-bookworm\`: dependencies in a
      virtual environment built in the first stage, a runtime running as \`moduleuser\` (uid 1000); the \`.debug\`
      variants add debugpy listening on port 5678.
    
  ),
  "requirements-debug.txt": String(
    -r requirements.txt
    debugpy~=1.8
    
  ),
  "requirements.txt": "azure-iot-device~=2.14\\n",
  "temperature_filter.py": String(
    """The module's business logic, free of the IoT SDK so \`python3 -m unittest\` runs without it."""
    import json
    import math
    from dataclasses import dataclass
    from typing import Any, Mapping, Optional, Union
    
    DEFAULT_TEMPERATURE_THRESHOLD = 25
    
    
    @dataclass(frozen=True)
    class Decision:
        forward: bool
        reason: str = ""
        temperature: Optional[float] = None
    
    
    def threshold_from_desired(desired: Optional[Mapping[str, Any]], current: float = DEFAULT_TEMPERATURE_THRESHOLD) -> float:
        """The TemperatureThreshold from a twin's desired properties (or a patch), else \`current\`."""
        value = (desired or {}).get("TemperatureThreshold")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return current
        return value
    
    
    def filter_message(body: Union[bytes, str], threshold: float) -> Decision:
        """Forward when machine.temperature (as sent by the simulated temperature sensor) is above the threshold."""
        try:
            data = json.loads(body)
        except (ValueError, TypeError):
            return Decision(False, "the message body is not JSON")
        machine = data.get("machine") if isinstance(data, dict) else None
        temperature = machine.get("temperature") if isinstance(machine, dict) else None
        if isinstance(temperature, bool) or not isinstance(temperature, (int, float)):
            return Decision(False, "the message has no machine.temperature")
        if temperature <= threshold:
            return Decision(False, f"{temperature} is not above {threshold}", temperature)
        return Decision(True, "", temperature)
    
  ),
  "tests/__init__.py": "",
  "tests/test_temperature_filter.py": String(
    import json
    import unittest
    
    from temperature_filter import DEFAULT_TEMPERATURE_THRESHOLD, filter_message, threshold_from_desired
    
    
    def body(temperature):
        return json.dumps({"machine": {"temperature": temperature, "pressure": 1}, "ambient": {"temperature": 21, "humidity": 25}, "timeCreated": "2024-01-01T00:00:00Z"}).encode()
    
    
    class FilterMessageTest(unittest.TestCase):
        def test_forwards_above_the_threshold(self):
            decision = filter_message(body(30.5), 25)
            self.assertTrue(decision.forward)
            self.assertEqual(decision.temperature, 30.5)
    
        def test_drops_at_or_below_the_threshold(self):
            self.assertFalse(filter_message(body(25), 25).forward)
            self.assertFalse(filter_message(body(-3), 25).forward)
    
        def test_drops_bodies_without_a_temperature(self):
            self.assertFalse(filter_message(b"not json", 25).forward)
            self.assertFalse(filter_message(b'{"ambient": {"temperature": 99}}', 25).forward)
            self.assertFalse(filter_message(b'{"machine": {"temperature": "hot"}}', 25).forward)
            self.assertFalse(filter_message(b"[1, 2]", 25).forward)
    
    
    class ThresholdTest(unittest.TestCase):
        def test_reads_the_desired_threshold(self):
            self.assertEqual(threshold_from_desired({"TemperatureThreshold": 40, "$version": 3}), 40)
    
        def test_keeps_the_current_threshold_otherwise(self):
            self.assertEqual(threshold_from_desired({"$version": 4}, 40), 40)
            self.assertEqual(threshold_from_desired({"TemperatureThreshold": "high"}, 40), 40)
            self.assertEqual(threshold_from_desired({"TemperatureThreshold": True}, 40), 40)
            self.assertEqual(threshold_from_desired(None), DEFAULT_TEMPERATURE_THRESHOLD)
    
    
    if __name__ == "__main__":
        unittest.main()
    
  ),
}
`
