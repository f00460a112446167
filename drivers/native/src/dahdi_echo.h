/* Echo cancellation of DAHDI FXO channels (src/dahdi_echo.c). */
#ifndef SPARKLE_DAHDI_ECHO_H
#define SPARKLE_DAHDI_ECHO_H

#include <stdint.h>

#include "card_internal.h"
#include "echo.h"

typedef struct sc_dahdi_echo {
    int hardware;       /* DAHDI's own canceller took the channel */
    sc_echo *software;  /* else ours, on the frames as they are read */
    uint8_t sent[SPARKLE_FRAME_BYTES];
} sc_dahdi_echo;

/* Called with card->lock held, when the channel goes off hook and on hook again. */
void sc_dahdi_echo_start(sc_dahdi_echo *echo, int fd, const sc_echo_setting *setting);
void sc_dahdi_echo_stop(sc_dahdi_echo *echo, int fd);
void sc_dahdi_echo_sent(sc_dahdi_echo *echo, const uint8_t *frame);
void sc_dahdi_echo_heard(sc_dahdi_echo *echo, int law, uint8_t *frame);

#endif
