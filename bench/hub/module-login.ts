/**
 * What the load generator needs to speak to a hub as the modules would: their logins and topics. Its
 * own file, without mqtt: the broker processes import it, and their memory is measured.
 */
import { createSasToken } from '../../src/core/hub/sas-token.js';
import type { BrokerTarget, Login } from './load.js';

/** How a module's SDK logs in to the hub named `host`: its id, the hub's user name, a SAS token of its key. */
export function moduleLogin(host: string, deviceId: string, moduleId: string, keyBase64: string): Login {
  return {
    clientId: `${deviceId}/${moduleId}`,
    username: `${host}/${deviceId}/${moduleId}/?api-version=2021-04-12`,
    password: createSasToken(`${host}/devices/${deviceId}/modules/${moduleId}`, Buffer.from(keyBase64, 'base64'), Math.floor(Date.now() / 1000) + 3600),
  };
}

/** The producer → consumer topics, as the Node SDK uses them for sendOutputEvent('out', m) with a message id (edgehub-mqtt.md §4). */
export function producerConsumerTopics(deviceId: string): Pick<BrokerTarget, 'publishTopic' | 'subscribeTopic'> {
  return {
    publishTopic: `devices/${deviceId}/modules/producer/messages/events/%24.on=out&%24.mid=m-{n}/`,
    subscribeTopic: `devices/${deviceId}/modules/consumer/inputs/#`,
  };
}
