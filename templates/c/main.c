/*
 * IoT Edge module {{moduleName}}: reads messages on input1 and forwards those whose
 * machine.temperature is above the module twin's desired TemperatureThreshold to output1.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "azure_c_shared_utility/threadapi.h"
#include "iothub.h"
#include "iothub_message.h"
#include "iothub_module_client_ll.h"
#include "iothubtransportmqtt.h"

#include "temperature_filter.h"

static volatile sig_atomic_t running = 1;
static double threshold = DEFAULT_TEMPERATURE_THRESHOLD;
static IOTHUB_MODULE_CLIENT_LL_HANDLE client;

static void stop(int signal_number) {
    (void)signal_number;
    running = 0;
}

static IOTHUBMESSAGE_DISPOSITION_RESULT on_input1(IOTHUB_MESSAGE_HANDLE message, void *context) {
    (void)context;
    const unsigned char *body;
    size_t size;
    if (IoTHubMessage_GetByteArray(message, &body, &size) != IOTHUB_MESSAGE_OK) return IOTHUBMESSAGE_ABANDONED;
    if (!tf_should_forward((const char *)body, size, threshold)) return IOTHUBMESSAGE_ACCEPTED;
    IOTHUB_MESSAGE_HANDLE output = IoTHubMessage_CreateFromByteArray(body, size);
    if (output == NULL) return IOTHUBMESSAGE_ABANDONED;
    MAP_HANDLE properties = IoTHubMessage_Properties(message);
    const char *const *keys;
    const char *const *values;
    size_t count;
    if (properties != NULL && Map_GetInternals(properties, &keys, &values, &count) == MAP_OK) {
        for (size_t i = 0; i < count; i++) IoTHubMessage_SetProperty(output, keys[i], values[i]);
    }
    IoTHubMessage_SetProperty(output, "MessageType", "Alert");
    if (IoTHubModuleClient_LL_SendEventToOutputAsync(client, output, "output1", NULL, NULL) != IOTHUB_CLIENT_OK) {
        fprintf(stderr, "could not send to output1\n");
    }
    IoTHubMessage_Destroy(output);
    return IOTHUBMESSAGE_ACCEPTED;
}

static void on_twin(DEVICE_TWIN_UPDATE_STATE state, const unsigned char *payload, size_t size, void *context) {
    (void)context;
    threshold = tf_threshold_from_twin((const char *)payload, size, state == DEVICE_TWIN_UPDATE_COMPLETE, threshold);
    printf("temperature threshold: %g\n", threshold);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    puts("connecting to the edge hub with the module identity from the environment (MQTT)");
    if (IoTHub_Init() != 0) {
        fprintf(stderr, "could not initialise the IoT SDK\n");
        return EXIT_FAILURE;
    }
    /* Reads EdgeHubConnectionString + EdgeModuleCACertificateFile, or the IOTEDGE_* workload variables. */
    client = IoTHubModuleClient_LL_CreateFromEnvironment(MQTT_Protocol);
    if (client == NULL) {
        fprintf(stderr, "could not connect to the edge hub: no module identity in the environment\n");
        IoTHub_Deinit();
        return EXIT_FAILURE;
    }
    if (IoTHubModuleClient_LL_SetInputMessageCallback(client, "input1", on_input1, NULL) != IOTHUB_CLIENT_OK ||
        IoTHubModuleClient_LL_SetModuleTwinCallback(client, on_twin, NULL) != IOTHUB_CLIENT_OK) {
        fprintf(stderr, "could not register the module's callbacks\n");
        IoTHubModuleClient_LL_Destroy(client);
        IoTHub_Deinit();
        return EXIT_FAILURE;
    }
    signal(SIGINT, stop);
    signal(SIGTERM, stop);
    while (running) {
        IoTHubModuleClient_LL_DoWork(client);
        ThreadAPI_Sleep(100);
    }
    IoTHubModuleClient_LL_Destroy(client);
    IoTHub_Deinit();
    return EXIT_SUCCESS;
}
