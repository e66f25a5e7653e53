package {{javaPackage}};

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** The module's business logic, free of the IoT SDK so it is unit-tested on its own (mvn test). */
public final class TemperatureFilter {
    public static final double DEFAULT_TEMPERATURE_THRESHOLD = {{temperatureThreshold}};

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
