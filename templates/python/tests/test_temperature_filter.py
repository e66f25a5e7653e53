import json
import unittest

from temperature_filter import DEFAULT_TEMPERATURE_THRESHOLD, filter_message, threshold_from_desired


def body(temperature):
    return json.dumps({"machine": {"temperature": temperature, "pressure": 1}, "ambient": {"temperature": 21, "humidity": 25}, "timeCreated": "2024-01-01T00:00:00Z"}).encode()


class FilterMessageTest(unittest.TestCase):
    def test_forwards_above_the_threshold(self):
        decision = filter_message(body(30.5), 25)
        self.assertTrue(decision.forward)
        self.assertEqual(decision.temperature, 30.5)

    def test_drops_at_or_below_the_threshold(self):
        self.assertFalse(filter_message(body(25), 25).forward)
        self.assertFalse(filter_message(body(-3), 25).forward)

    def test_drops_bodies_without_a_temperature(self):
        self.assertFalse(filter_message(b"not json", 25).forward)
        self.assertFalse(filter_message(b'{"ambient": {"temperature": 99}}', 25).forward)
        self.assertFalse(filter_message(b'{"machine": {"temperature": "hot"}}', 25).forward)
        self.assertFalse(filter_message(b"[1, 2]", 25).forward)


class ThresholdTest(unittest.TestCase):
    def test_reads_the_desired_threshold(self):
        self.assertEqual(threshold_from_desired({"TemperatureThreshold": 40, "$version": 3}), 40)

    def test_keeps_the_current_threshold_otherwise(self):
        self.assertEqual(threshold_from_desired({"$version": 4}, 40), 40)
        self.assertEqual(threshold_from_desired({"TemperatureThreshold": "high"}, 40), 40)
        self.assertEqual(threshold_from_desired({"TemperatureThreshold": True}, 40), 40)
        self.assertEqual(threshold_from_desired(None), DEFAULT_TEMPERATURE_THRESHOLD)


if __name__ == "__main__":
    unittest.main()
