/* Unit tests of the filter logic, run by ctest; exits non-zero on the first failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "temperature_filter.h"

static int failures = 0;

#define CHECK(condition)                                                        \
    do {                                                                        \
        if (!(condition)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                         \
        }                                                                       \
    } while (0)

static bool forward(const char *body, double threshold) {
    return tf_should_forward(body, strlen(body), threshold);
}

static double threshold(const char *payload, bool complete, double current) {
    return tf_threshold_from_twin(payload, strlen(payload), complete, current);
}

int main(void) {
    const char *hot = "{\"machine\":{\"temperature\":30.5,\"pressure\":1},\"ambient\":{\"temperature\":21,\"humidity\":25},\"timeCreated\":\"2024-01-01T00:00:00Z\"}";
    const char *at = "{\"machine\":{\"temperature\":25,\"pressure\":1}}";
    const char *nested_first = "{\"ambient\":{\"temperature\":99,\"note\":\"a } and a \\\" inside\"},\"machine\":{\"temperature\":26}}";

    CHECK(forward(hot, 25));
    CHECK(!forward(at, 25));
    CHECK(!forward("{\"machine\":{\"temperature\":-3}}", 25));
    CHECK(forward(nested_first, 25));
    CHECK(!forward("{\"ambient\":{\"temperature\":99}}", 25));
    CHECK(!forward("{\"machine\":{\"temperature\":\"hot\"}}", 25));
    CHECK(!forward("not json", 25));
    CHECK(!forward("{\"machine\":{\"temperature\":", 25));

    CHECK(threshold("{\"desired\":{\"TemperatureThreshold\":40,\"$version\":2},\"reported\":{}}", true, 25) == 40);
    CHECK(threshold("{\"reported\":{\"TemperatureThreshold\":7},\"desired\":{\"$version\":2}}", true, 25) == 25);
    CHECK(threshold("{\"TemperatureThreshold\":33.5,\"$version\":3}", false, 25) == 33.5);
    CHECK(threshold("{\"$version\":4}", false, 40) == 40);
    CHECK(threshold("{\"TemperatureThreshold\":\"high\"}", false, 40) == 40);
    CHECK(DEFAULT_TEMPERATURE_THRESHOLD == 25.0);

    if (failures > 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return EXIT_FAILURE;
    }
    puts("temperature filter: all checks passed");
    return EXIT_SUCCESS;
}
