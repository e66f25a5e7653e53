/*
 * A small JSON reader, just enough for the two fields this module needs: it walks object members
 * and skips values (strings with escapes, nested objects and arrays) without allocating.
 */
#include "temperature_filter.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p;
    const char *end;
} cursor;

static void skip_space(cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

/* Moves past a string starting at c->p (a '"'); false when it is not terminated. */
static bool skip_string(cursor *c) {
    for (c->p++; c->p < c->end; c->p++) {
        if (*c->p == '\\') c->p++;
        else if (*c->p == '"') { c->p++; return true; }
    }
    return false;
}

static bool skip_value(cursor *c) {
    skip_space(c);
    if (c->p >= c->end) return false;
    if (*c->p == '"') return skip_string(c);
    if (*c->p == '{' || *c->p == '[') {
        int depth = 0;
        while (c->p < c->end) {
            if (*c->p == '"') { if (!skip_string(c)) return false; continue; }
            if (*c->p == '{' || *c->p == '[') depth++;
            if (*c->p == '}' || *c->p == ']') depth--;
            c->p++;
            if (depth == 0) return true;
        }
        return false;
    }
    while (c->p < c->end && *c->p != ',' && *c->p != '}' && *c->p != ']') c->p++;
    return true;
}

/* Positions *value at the member `key` of the object at c->p; false when absent or malformed. */
static bool find_member(cursor c, const char *key, cursor *value) {
    size_t key_length = strlen(key);
    skip_space(&c);
    if (c.p >= c.end || *c.p != '{') return false;
    c.p++;
    for (;;) {
        skip_space(&c);
        if (c.p >= c.end || *c.p != '"') return false;
        const char *name = c.p + 1;
        if (!skip_string(&c)) return false;
        bool match = (size_t)(c.p - 1 - name) == key_length && memcmp(name, key, key_length) == 0;
        skip_space(&c);
        if (c.p >= c.end || *c.p != ':') return false;
        c.p++;
        skip_space(&c);
        if (match) { *value = c; return true; }
        if (!skip_value(&c)) return false;
        skip_space(&c);
        if (c.p >= c.end || *c.p != ',') return false;
        c.p++;
    }
}

/* Reads a JSON number at c; false for anything else (strings, true, null…). */
static bool read_number(cursor c, double *out) {
    char buffer[64];
    size_t n = 0;
    while (c.p < c.end && n < sizeof buffer - 1 && strchr("+-0123456789.eE", *c.p) != NULL && *c.p != '\0') buffer[n++] = *c.p++;
    if (n == 0) return false;
    buffer[n] = '\0';
    char *stop = NULL;
    *out = strtod(buffer, &stop);
    return stop == buffer + n;
}

bool tf_should_forward(const char *body, size_t length, double threshold) {
    cursor root = { body, body + length }, machine, temperature;
    double value;
    if (!find_member(root, "machine", &machine)) return false;
    if (!find_member(machine, "temperature", &temperature)) return false;
    if (!read_number(temperature, &value)) return false;
    return value > threshold;
}

double tf_threshold_from_twin(const char *payload, size_t length, bool complete, double current) {
    cursor root = { payload, payload + length }, desired = root, threshold;
    double value;
    if (complete && !find_member(root, "desired", &desired)) return current;
    if (!find_member(desired, "TemperatureThreshold", &threshold)) return current;
    return read_number(threshold, &value) ? value : current;
}
