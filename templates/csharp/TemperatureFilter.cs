using System.Text.Json;

namespace {{moduleName}};

/// <summary>The module's business logic, free of the IoT SDK so it is unit-tested on its own (dotnet test tests).</summary>
public static class TemperatureFilter
{
    public const double DefaultTemperatureThreshold = {{temperatureThreshold}};

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
