// Sample module SimulatedTemperatureSensor: sends a simulated reading on the output
// `temperatureOutput` every SendInterval seconds, MessageCount times (0 = forever).
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
    console.error(`module client error: ${error.message}`);
    process.exit(1);
  });
  await client.open();
  console.log(`connected; sending ${settings.count === 0 ? 'endless' : settings.count} readings every ${settings.intervalMs} ms`);
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
  console.error(`could not connect to the edge hub: ${error.message}`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
