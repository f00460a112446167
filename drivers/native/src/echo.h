/* A line echo canceller for one channel (src/echo.c). */
#ifndef SPARKLE_ECHO_H
#define SPARKLE_ECHO_H

#include <stdint.h>

#define SC_ECHO_MIN_TAIL_MS 8
#define SC_ECHO_MAX_TAIL_MS 256

typedef struct sc_echo sc_echo;

/* A canceller covering echoes up to tail_ms (SC_ECHO_MIN_TAIL_MS to SC_ECHO_MAX_TAIL_MS) after
 * the transmitted sample; NULL when tail_ms is out of range or memory is short. */
sc_echo *sc_echo_new(int tail_ms);
void sc_echo_free(sc_echo *echo);

/* One 8 kHz sample: tx went to the line at the instant rx came from it. Returns rx with the
 * estimated echo of the transmitted signal taken out. */
int16_t sc_echo_process(sc_echo *echo, int16_t tx, int16_t rx);

#endif
