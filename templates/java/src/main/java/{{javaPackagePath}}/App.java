package {{javaPackage}};

import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.MessageProperty;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.DeviceTwin.Property;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * IoT Edge module {{moduleName}}: reads messages on input1 and forwards those whose
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
