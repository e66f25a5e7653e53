/* The module's business logic, free of the IoT SDK so it is unit-tested on its own (ctest). */
#ifndef TEMPERATURE_FILTER_H
#define TEMPERATURE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#define DEFAULT_TEMPERATURE_THRESHOLD {{temperatureThreshold}}.0

/* True when the JSON body's machine.temperature is a number above threshold. */
bool tf_should_forward(const char *body, size_t length, double threshold);

/*
 * The desired TemperatureThreshold from a twin payload: the full twin ({"desired":{…},"reported":{…}})
 * when complete is true, a desired-properties patch otherwise. Returns current when it is absent.
 */
double tf_threshold_from_twin(const char *payload, size_t length, bool complete, double current);

#endif
