"""The module's business logic, free of the IoT SDK so `python3 -m unittest` runs without it."""
import json
import math
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Union

DEFAULT_TEMPERATURE_THRESHOLD = {{temperatureThreshold}}


@dataclass(frozen=True)
class Decision:
    forward: bool
    reason: str = ""
    temperature: Optional[float] = None


def threshold_from_desired(desired: Optional[Mapping[str, Any]], current: float = DEFAULT_TEMPERATURE_THRESHOLD) -> float:
    """The TemperatureThreshold from a twin's desired properties (or a patch), else `current`."""
    value = (desired or {}).get("TemperatureThreshold")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return current
    return value


def filter_message(body: Union[bytes, str], threshold: float) -> Decision:
    """Forward when machine.temperature (as sent by the simulated temperature sensor) is above the threshold."""
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return Decision(False, "the message body is not JSON")
    machine = data.get("machine") if isinstance(data, dict) else None
    temperature = machine.get("temperature") if isinstance(machine, dict) else None
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)):
        return Decision(False, "the message has no machine.temperature")
    if temperature <= threshold:
        return Decision(False, f"{temperature} is not above {threshold}", temperature)
    return Decision(True, "", temperature)
