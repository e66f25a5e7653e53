using Microsoft.Azure.Devices.Client;
using Microsoft.Azure.Devices.Client.Transport.Mqtt;

namespace {{moduleName}};

/// <summary>
/// IoT Edge module {{moduleName}}: reads messages on input1 and forwards those whose
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
