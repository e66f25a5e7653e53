package {{javaPackage}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureFilterTest {
    private static String body(String temperature) {
        return "{\"machine\":{\"temperature\":" + temperature + ",\"pressure\":1},\"ambient\":{\"temperature\":21,\"humidity\":25},\"timeCreated\":\"2024-01-01T00:00:00Z\"}";
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
        assertFalse(TemperatureFilter.filter("{\"ambient\":{\"temperature\":99}}", 25).forward());
        assertFalse(TemperatureFilter.filter(body("\"hot\""), 25).forward());
    }

    @Test
    void readsTheDesiredThresholdOrKeepsTheCurrentOne() {
        assertEquals(40.0, TemperatureFilter.thresholdFrom(40, 25));
        assertEquals(25.0, TemperatureFilter.thresholdFrom("high", 25));
        assertEquals(25.0, TemperatureFilter.thresholdFrom(null, 25));
    }
}
