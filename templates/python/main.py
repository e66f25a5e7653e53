"""IoT Edge module {{moduleName}}: reads messages on input1 and forwards those whose
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
