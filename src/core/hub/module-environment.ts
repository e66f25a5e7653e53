/**
 * The environment a module container needs so `ModuleClient.fromEnvironment(Mqtt)` reaches the hub
 * (edgehub-mqtt.md §1.4): the connection string path, as iotedgehubdev does, plus the IOTEDGE_*
 * identity variables other SDKs and user code read. No IOTEDGE_WORKLOADURI: the workload API is not
 * served, and the Node SDK prefers EdgeHubConnectionString whenever it is set.
 */

export interface ModuleEnvironmentInput {
  iotHubHostName: string;
  /** What the container dials: a name in the server certificate (port 8883 implied; "name:port" for host-run modules). */
  gatewayHostName: string;
  deviceId: string;
  moduleId: string;
  /** base64 module key. */
  sharedAccessKey: string;
  generationId: string;
  /** The CA file's path as the module sees it (mounted read-only in a container). */
  caPath: string;
}

export function moduleEnvironment(input: ModuleEnvironmentInput): Record<string, string> {
  const connectionString = [
    `HostName=${input.iotHubHostName}`,
    `GatewayHostName=${input.gatewayHostName}`,
    `DeviceId=${input.deviceId}`,
    `ModuleId=${input.moduleId}`,
    `SharedAccessKey=${input.sharedAccessKey}`,
  ].join(';');
  return {
    EdgeHubConnectionString: connectionString,
    EdgeModuleCACertificateFile: input.caPath,
    // setOptions() in the Node SDK drops the CA it read from the file (gotcha G4); Node's extra CAs survive that.
    NODE_EXTRA_CA_CERTS: input.caPath,
    IOTEDGE_IOTHUBHOSTNAME: input.iotHubHostName,
    IOTEDGE_GATEWAYHOSTNAME: input.gatewayHostName,
    IOTEDGE_DEVICEID: input.deviceId,
    IOTEDGE_MODULEID: input.moduleId,
    IOTEDGE_MODULEGENERATIONID: input.generationId,
    IOTEDGE_AUTHSCHEME: 'sasToken',
    IOTEDGE_APIVERSION: '2018-06-28',
  };
}
