/* A client of the simulated card's control socket, for the C tests. */
#ifndef SPARKLE_TEST_CONTROL_H
#define SPARKLE_TEST_CONTROL_H

#include <stddef.h>

int control_connect(const char *path);

/* A connection to the control socket that leaves control_connect's client and its kept events
 * alone; -1 when nothing listens. */
int control_socket(const char *path);

/* Sends one command line and returns its reply ("ok ..." or "error ..."); event lines that arrive
 * first are kept for control_wait_event. */
const char *control_command(int fd, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Waits up to timeout_ms for an event line starting with prefix; NULL on timeout. */
const char *control_wait_event(int fd, const char *prefix, int timeout_ms);

#endif
