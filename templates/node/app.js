// IoT Edge module {{moduleName}}: reads messages on input1 and forwards those whose
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
    console.error(`module client error: ${error.message}`);
    process.exit(1);
  });
  await client.open();
  console.log('connected to the edge hub');

  const twin = await client.getTwin();
  threshold = thresholdFromDesired(twin.properties.desired, threshold);
  console.log(`temperature threshold: ${threshold}`);
  twin.on('properties.desired', (patch) => {
    threshold = thresholdFromDesired(patch, threshold);
    console.log(`temperature threshold is now ${threshold}`);
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
      if (error) console.error(`could not send to output1: ${error.message}`);
    });
  });
}

main().catch((error) => {
  console.error(`could not connect to the edge hub: ${error.message}`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
