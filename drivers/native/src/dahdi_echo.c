/*
 * Echo cancellation on DAHDI FXO channels. DAHDI runs a canceller in the kernel on the channel's
 * sample stream when a module provides one (a card's DSP, or a software echocan such as OSLEC
 * loaded beside the driver); DAHDI_ECHOCANCEL_PARAMS with the tail in taps (8 per ms) switches it
 * on. When no canceller answers, ours (src/echo.c) runs on the frames as they are read, with the
 * frames written as its reference. That pairing is only as good as the channel's buffering
 * keeps its delay inside the tail: each frame read is matched with the last frame written,
 * which reaches the line a buffer or two later, so the echo arrives later still and stays in
 * reach of the filter.
 */
#include "dahdi_echo.h"

#ifdef SPARKLE_HAVE_DAHDI

#include <string.h>
#include <sys/ioctl.h>

#include <dahdi/user.h>

#include "g711.h"

void sc_dahdi_echo_start(sc_dahdi_echo *echo, int fd, const sc_echo_setting *setting)
{
    sc_dahdi_echo_stop(echo, fd);
    if (!setting->enabled) {
        return;
    }
    struct dahdi_echocanparams params = {.tap_length = (uint32_t)setting->tail_ms * 8, .param_count = 0};
    if (ioctl(fd, DAHDI_ECHOCANCEL_PARAMS, &params) == 0) {
        echo->hardware = 1;
        return;
    }
    echo->software = sc_echo_new(setting->tail_ms);
}

void sc_dahdi_echo_stop(sc_dahdi_echo *echo, int fd)
{
    if (echo->hardware) {
        struct dahdi_echocanparams off = {.tap_length = 0, .param_count = 0};
        ioctl(fd, DAHDI_ECHOCANCEL_PARAMS, &off);
    }
    sc_echo_free(echo->software);
    memset(echo, 0, sizeof *echo);
}

void sc_dahdi_echo_sent(sc_dahdi_echo *echo, const uint8_t *frame)
{
    if (echo->software) {
        memcpy(echo->sent, frame, SPARKLE_FRAME_BYTES);
    }
}

void sc_dahdi_echo_heard(sc_dahdi_echo *echo, int law, uint8_t *frame)
{
    if (!echo->software) {
        return;
    }
    for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
        if (law == SPARKLE_LAW_ULAW) {
            int16_t clean = sc_echo_process(echo->software, sc_ulaw_decode(echo->sent[i]), sc_ulaw_decode(frame[i]));
            frame[i] = sc_ulaw_encode(clean);
        } else {
            int16_t clean = sc_echo_process(echo->software, sc_alaw_decode(echo->sent[i]), sc_alaw_decode(frame[i]));
            frame[i] = sc_alaw_encode(clean);
        }
    }
}

#endif
