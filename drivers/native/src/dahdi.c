/*
 * The DAHDI back end: spans and channels of a Digium/Sangoma/OpenVox-type card through
 * /dev/dahdi. It reports span alarms, carries audio on every channel, and signals loop-start
 * FXO lines (ring in, off-hook to answer, on-hook to clear). An E1 span's D channel (timeslot 16,
 * HDLC-framed by the card) goes to libpri, whose events run through the same code as on the
 * simulated card (pri_span.c). On an R2 span each B channel's descriptor goes to openr2, which
 * reads its CAS bits and MF tones itself while a call is set up or cleared; our audio reads run
 * only once the call is answered, when openr2 no longer reads the descriptor.
 */
#include "card_internal.h"

#ifdef SPARKLE_HAVE_DAHDI

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

#include <dahdi/user.h>

#include <openr2.h>

#include "dahdi_echo.h"
#include "pri_span.h"
#include "r2_span.h"

typedef struct dahdi_port {
    int span;
    int first_channel; /* DAHDI channel number of our channel 1 */
    int fds[SC_MAX_CHANNELS + 1];
    int offhook[SC_MAX_CHANNELS + 1];
    int offered[SC_MAX_CHANNELS + 1];        /* rung and not yet answered or refused */
    sc_dahdi_echo echo[SC_MAX_CHANNELS + 1]; /* FXO: the line's canceller while off hook */
    int dchannel;                            /* E1: timeslot 16's descriptor, -1 elsewhere */
    struct pri *pri;
    int pri_network;
    q931_call *calls[SC_MAX_CHANNELS + 1];
    int states[SC_MAX_CHANNELS + 1]; /* CH_* of each B channel */
    openr2_context_t *r2;            /* R2 spans only */
    char r2_category[40];            /* calling party category of our outbound calls */
    sc_r2_line r2_lines[SC_MAX_CHANNELS + 1];
} dahdi_port;

typedef struct dahdi_card {
    char directory[128];
    char options[128]; /* what followed '?' in the spec */
    int ctl;
    int stop;
    pthread_t thread;
    int thread_started;
    dahdi_port ports[SC_MAX_PORTS];
} dahdi_card;

static dahdi_card *dahdi_of(sc_card *card)
{
    return (dahdi_card *)card->backend;
}

/* DAHDI's red alarm is loss of signal or frame, blue is AIS, yellow is the far end's RAI. */
static uint32_t alarms_of(int dahdi_alarms)
{
    uint32_t alarms = 0;
    alarms |= (dahdi_alarms & (DAHDI_ALARM_RED | DAHDI_ALARM_LOS)) ? SPARKLE_ALARM_LOS : 0;
    alarms |= (dahdi_alarms & DAHDI_ALARM_BLUE) ? SPARKLE_ALARM_AIS : 0;
    alarms |= (dahdi_alarms & DAHDI_ALARM_YELLOW) ? SPARKLE_ALARM_RAI : 0;
    return alarms;
}

static int open_channel(const dahdi_card *d, int channel_number)
{
    char path[160];
    snprintf(path, sizeof path, "%s/channel", d->directory);
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int block = SPARKLE_FRAME_BYTES;
    if (ioctl(fd, DAHDI_SPECIFY, &channel_number) != 0 || ioctl(fd, DAHDI_SET_BLOCKSIZE, &block) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The D channel as chan_dahdi's PRI spans use it: the card frames HDLC and checks the FCS (Q.921
 * §2), and every frame is handed over at once rather than held back to fill a buffer. */
static int open_dchannel(const dahdi_card *d, int channel_number)
{
    char path[160];
    snprintf(path, sizeof path, "%s/channel", d->directory);
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    struct dahdi_params params;
    memset(&params, 0, sizeof params);
    struct dahdi_bufferinfo buffers = {
        .txbufpolicy = DAHDI_POLICY_IMMEDIATE,
        .rxbufpolicy = DAHDI_POLICY_IMMEDIATE,
        .numbufs = 16,
        .bufsize = 1024,
    };
    if (ioctl(fd, DAHDI_SPECIFY, &channel_number) != 0 || ioctl(fd, DAHDI_GET_PARAMS, &params) != 0 ||
        (params.sigtype != DAHDI_SIG_HDLCFCS && params.sigtype != DAHDI_SIG_HARDHDLC) ||
        ioctl(fd, DAHDI_SET_BUFINFO, &buffers) != 0) {
        /* A timeslot 16 not configured as a D channel (dchan= or hardhdlc= in system.conf). */
        close(fd);
        return -1;
    }
    return fd;
}

static q931_call *dahdi_call_of(sc_card *card, int port, int channel)
{
    return dahdi_of(card)->ports[port].calls[channel];
}

static int dahdi_state_of(sc_card *card, int port, int channel)
{
    return dahdi_of(card)->ports[port].states[channel];
}

static void dahdi_set_state(sc_card *card, int port, int channel, int state, q931_call *call)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    int was_busy = p->states[channel] != CH_IDLE;
    p->states[channel] = state;
    if (call) {
        p->calls[channel] = call;
    }
    if (state == CH_IDLE) {
        p->calls[channel] = NULL;
    }
    card->ports[port].busy_channels += (state != CH_IDLE) - was_busy;
}

static const sc_pri_hooks s_dahdi_pri_hooks = {
    .call_of = dahdi_call_of,
    .state_of = dahdi_state_of,
    .set_state = dahdi_set_state,
};

/* ---- R2 spans: openr2 drives each B channel's descriptor (Q.421 line, Q.441 register) ---- */

static int dahdi_r2_state_of(sc_card *card, int port, int channel)
{
    return dahdi_of(card)->ports[port].states[channel];
}

static void dahdi_r2_set_state(sc_card *card, int port, int channel, int state)
{
    dahdi_set_state(card, port, channel, state, NULL);
}

/* openr2 takes the channel's DAHDI events, alarms among them, so the span's alarms are read here. */
static void r2_alarm(sc_card *card, int port)
{
    struct dahdi_spaninfo info = {.spanno = dahdi_of(card)->ports[port].span};
    uint32_t alarms =
        ioctl(dahdi_of(card)->ctl, DAHDI_SPANSTAT, &info) == 0 ? alarms_of(info.alarms) : SPARKLE_ALARM_LOS;
    if (alarms != card->ports[port].alarms) {
        card->ports[port].alarms = alarms;
        sc_push(card, SPARKLE_EVENT_ALARM, port, 0, 0);
    }
}

static const sc_r2_hooks s_dahdi_r2_hooks = {
    .state_of = dahdi_r2_state_of,
    .set_state = dahdi_r2_set_state,
    .hardware_alarm = r2_alarm,
};

/* One openr2 context per span; each B channel's open DAHDI descriptor becomes an openr2 channel
 * (the --wrap=ioctl shim passes a real descriptor's ioctls to the C library untouched). */
static int32_t open_r2_span(sc_card *card, dahdi_port *p, int port, const sc_r2_config *config)
{
    p->r2 = sc_r2_new_context(NULL, config, config->max_dnis);
    if (!p->r2) {
        return SPARKLE_E_NO_MEMORY;
    }

    for (int c = 1; c <= card->ports[port].channels; c++) {
        sc_r2_line *line = &p->r2_lines[c];
        *line = (sc_r2_line){.card = card, .hooks = &s_dahdi_r2_hooks, .port = port, .channel = c};
        if (sc_r2_open_channel(p->r2, p->fds[c], line) != 0) {
            return SPARKLE_E_IO;
        }
        openr2_chan_set_idle(line->chan);
    }
    return SPARKLE_OK;
}

static void handle_channel_event(sc_card *card, int port, int channel, int event)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    switch (event) {
    case DAHDI_EVENT_RINGBEGIN:
        /* The first ring offers the call; later rings let the caller-ID reader count them. */
        if (card->ports[port].kind == SPARKLE_PORT_FXO && !p->offhook[channel] && p->offered[channel]) {
            sc_push(card, SPARKLE_EVENT_RING, port, channel, 0);
        } else if (card->ports[port].kind == SPARKLE_PORT_FXO && !p->offhook[channel]) {
            p->offered[channel] = 1;
            sc_push(card, SPARKLE_EVENT_INCOMING, port, channel, 0);
            sc_push(card, SPARKLE_EVENT_RING, port, channel, 0);
        }
        break;
    case DAHDI_EVENT_NOALARM:
    case DAHDI_EVENT_ALARM: {
        struct dahdi_spaninfo info = {.spanno = p->span};
        if (ioctl(dahdi_of(card)->ctl, DAHDI_SPANSTAT, &info) == 0) {
            /* The D channel's state is libpri's to report, not the span's. */
            uint32_t dchannel = card->ports[port].alarms & SPARKLE_ALARM_D_CHANNEL_DOWN;
            card->ports[port].alarms = alarms_of(info.alarms) | dchannel;
            sc_push(card, SPARKLE_EVENT_ALARM, port, 0, 0);
        }
        break;
    }
    case DAHDI_EVENT_ONHOOK:
    case DAHDI_EVENT_POLARITY:
        /* A loop-start line clears by loop-current drop or by a polarity reversal. */
        if (p->offhook[channel]) {
            int hook = DAHDI_ONHOOK;
            ioctl(p->fds[channel], DAHDI_HOOK, &hook);
            p->offhook[channel] = 0;
            sc_dahdi_echo_stop(&p->echo[channel], p->fds[channel]);
            card->ports[port].busy_channels--;
            sc_push(card, SPARKLE_EVENT_HANGUP, port, channel, 16);
        }
        break;
    default: break;
    }
}

/* The sooner of limit and libpri's next timer (Q.931 T303, T305, T308..., Q.921 T200, T203). */
static int pri_timeout_ms(struct pri *pri, int limit)
{
    struct timeval *next = pri_schedule_next(pri);
    if (!next) {
        return limit;
    }
    struct timeval now;
    gettimeofday(&now, NULL);
    long ms = (next->tv_sec - now.tv_sec) * 1000L + (next->tv_usec - now.tv_usec) / 1000L;
    return ms < 0 ? 0 : ms < limit ? (int)ms : limit;
}

static void *dahdi_thread(void *argument)
{
    sc_card *card = argument;
    dahdi_card *d = dahdi_of(card);
    for (;;) {
        struct pollfd fds[SC_MAX_PORTS * (SC_MAX_CHANNELS + 1)];
        int owners[SC_MAX_PORTS * (SC_MAX_CHANNELS + 1)][2];
        int n = 0;
        int timeout_ms = 100;
        pthread_mutex_lock(&card->lock);
        int stop = d->stop;
        for (int port = 0; port < card->port_count; port++) {
            if (d->ports[port].pri) {
                /* Channel 0 stands for the D channel: frames for libpri, alarms as events. */
                owners[n][0] = port;
                owners[n][1] = 0;
                fds[n++] = (struct pollfd){.fd = d->ports[port].dchannel, .events = POLLIN | POLLPRI};
                timeout_ms = pri_timeout_ms(d->ports[port].pri, timeout_ms);
            }
            for (int c = 1; c <= card->ports[port].channels; c++) {
                owners[n][0] = port;
                owners[n][1] = c;
                short events = POLLPRI;
                if (d->ports[port].r2) {
                    /* openr2 reads the MF tones until the call is answered, then stops reading. */
                    int next = openr2_chan_get_time_to_next_event(d->ports[port].r2_lines[c].chan);
                    timeout_ms = next >= 0 && next < timeout_ms ? next : timeout_ms;
                    events |= d->ports[port].states[c] == CH_UP ? 0 : POLLIN;
                }
                fds[n++] = (struct pollfd){.fd = d->ports[port].fds[c], .events = events};
            }
        }
        pthread_mutex_unlock(&card->lock);
        if (stop) {
            return NULL;
        }

        poll(fds, (nfds_t)n, timeout_ms);

        pthread_mutex_lock(&card->lock);
        for (int i = 0; i < n; i++) {
            int event = 0;
            if (d->ports[owners[i][0]].r2) {
                /* openr2 takes the CAS events, the MF frames and its own timers itself. */
                openr2_chan_process_event(d->ports[owners[i][0]].r2_lines[owners[i][1]].chan);
                continue;
            }
            if (fds[i].revents & POLLPRI && ioctl(fds[i].fd, DAHDI_GETEVENT, &event) == 0) {
                handle_channel_event(card, owners[i][0], owners[i][1], event);
            }
            struct pri *pri = d->ports[owners[i][0]].pri;
            pri_event *e;
            if (owners[i][1] == 0 && fds[i].revents & POLLIN && (e = pri_check_event(pri))) {
                sc_pri_handle_event(card, owners[i][0], pri, &s_dahdi_pri_hooks, e);
            }
            if (owners[i][1] == 0 && (e = pri_schedule_run(pri))) {
                sc_pri_handle_event(card, owners[i][0], pri, &s_dahdi_pri_hooks, e);
            }
        }
        pthread_mutex_unlock(&card->lock);
    }
}

static int32_t pri_dial(sc_card *card, int32_t port, int32_t channel, const sparkle_number *calling,
                        const sparkle_number *called, int32_t *chosen)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    if (channel == -1) {
        /* From the top, as Q.931 CPEs do to avoid glare with the exchange's choice from the bottom. */
        for (int c = card->ports[port].channels; c >= 1 && channel == -1; c--) {
            channel = p->states[c] == CH_IDLE ? c : -1;
        }
        if (channel == -1) {
            return SPARKLE_E_BUSY;
        }
    } else if (p->states[channel] != CH_IDLE) {
        return SPARKLE_E_BUSY;
    }

    q931_call *call = pri_new_call(p->pri);
    if (!call || sc_pri_setup_call(p->pri, call, timeslot_of(channel), calling, called) != 0) {
        return SPARKLE_E_IO;
    }
    p->calls[channel] = call;
    dahdi_set_state(card, port, channel, CH_OUTGOING, NULL);
    *chosen = channel;
    return SPARKLE_OK;
}

static int32_t r2_dial(sc_card *card, int32_t port, int32_t channel, const sparkle_number *calling,
                       const sparkle_number *called, int32_t *chosen)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    if (channel != -1 && p->states[channel] != CH_IDLE) {
        return SPARKLE_E_BUSY;
    }
    if (called->digits[0] == '\0') {
        return SPARKLE_E_INVALID_ARGUMENT;
    }

    /* From the top, as R2 outgoing ends do to keep clear of the exchange's seizures; openr2 refuses
     * a line the exchange has blocked, and the next one is tried. */
    int first = channel == -1 ? card->ports[port].channels : channel;
    int last = channel == -1 ? 1 : channel;
    for (int c = first; c >= last; c--) {
        if (p->states[c] == CH_IDLE &&
            sc_r2_make_call(&p->r2_lines[c], calling, called, p->r2_category) == SPARKLE_OK) {
            dahdi_set_state(card, port, c, CH_OUTGOING, NULL);
            *chosen = c;
            return SPARKLE_OK;
        }
    }
    return SPARKLE_E_BUSY;
}

static int32_t dahdi_dial(sc_card *card, int32_t port, int32_t channel, const sparkle_number *calling,
                          const sparkle_number *called, int32_t *chosen)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    if (p->pri) {
        return pri_dial(card, port, channel, calling, called, chosen);
    }
    if (p->r2) {
        return r2_dial(card, port, channel, calling, called, chosen);
    }
    if (card->ports[port].kind != SPARKLE_PORT_FXO) {
        return SPARKLE_E_UNSUPPORTED;
    }
    channel = channel == -1 ? 1 : channel;
    if (p->offhook[channel]) {
        return SPARKLE_E_BUSY;
    }

    /* Off hook, then the number as DTMF through DAHDI's tone generator. */
    int hook = DAHDI_OFFHOOK;
    struct dahdi_dialoperation dial = {.op = DAHDI_DIAL_OP_REPLACE};
    snprintf(dial.dialstr, sizeof dial.dialstr, "T%s", called->digits);
    if (ioctl(p->fds[channel], DAHDI_HOOK, &hook) != 0 || ioctl(p->fds[channel], DAHDI_DIAL, &dial) != 0) {
        return SPARKLE_E_IO;
    }
    p->offhook[channel] = 1;
    p->offered[channel] = 0;
    card->ports[port].busy_channels++;
    if (card->ports[port].kind == SPARKLE_PORT_FXO) {
        sc_dahdi_echo_start(&p->echo[channel], p->fds[channel], &card->echo[port]);
    }
    *chosen = channel;
    return SPARKLE_OK;
}

static int32_t dahdi_answer(sc_card *card, int32_t port, int32_t channel)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    if (p->pri) {
        if (p->states[channel] != CH_INCOMING) {
            return SPARKLE_E_WRONG_STATE;
        }
        pri_answer(p->pri, p->calls[channel], timeslot_of(channel), 0);
        dahdi_set_state(card, port, channel, CH_UP, NULL);
        return SPARKLE_OK;
    }
    if (p->r2) {
        if (p->states[channel] != CH_INCOMING) {
            return SPARKLE_E_WRONG_STATE;
        }
        sc_r2_answer(&p->r2_lines[channel]);
        return SPARKLE_OK;
    }
    int hook = DAHDI_OFFHOOK;
    if (p->offhook[channel]) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (ioctl(p->fds[channel], DAHDI_HOOK, &hook) != 0) {
        return SPARKLE_E_IO;
    }
    p->offhook[channel] = 1;
    p->offered[channel] = 0;
    card->ports[port].busy_channels++;
    if (card->ports[port].kind == SPARKLE_PORT_FXO) {
        sc_dahdi_echo_start(&p->echo[channel], p->fds[channel], &card->echo[port]);
    }
    return SPARKLE_OK;
}

static int32_t dahdi_hangup(sc_card *card, int32_t port, int32_t channel, int32_t cause)
{
    dahdi_port *p = &dahdi_of(card)->ports[port];
    if (p->pri) {
        if (p->states[channel] == CH_IDLE) {
            return SPARKLE_E_WRONG_STATE;
        }
        pri_hangup(p->pri, p->calls[channel], cause);
        dahdi_set_state(card, port, channel, CH_IDLE, NULL);
        return SPARKLE_OK;
    }
    if (p->r2) {
        if (p->states[channel] == CH_IDLE) {
            return SPARKLE_E_WRONG_STATE;
        }
        sc_r2_hangup(&p->r2_lines[channel], cause);
        return SPARKLE_OK;
    }
    int hook = DAHDI_ONHOOK;
    if (!p->offhook[channel] && p->offered[channel]) {
        p->offered[channel] = 0; /* a loop-start call is refused by leaving it to ring out */
        return SPARKLE_OK;
    }
    if (!p->offhook[channel]) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (ioctl(p->fds[channel], DAHDI_HOOK, &hook) != 0) {
        return SPARKLE_E_IO;
    }
    p->offhook[channel] = 0;
    card->ports[port].busy_channels--;
    sc_dahdi_echo_stop(&p->echo[channel], p->fds[channel]);
    return SPARKLE_OK;
}

static int32_t dahdi_send_digit(sc_card *card, int32_t port, int32_t channel, int32_t digit)
{
    struct dahdi_dialoperation dial = {.op = DAHDI_DIAL_OP_APPEND};
    snprintf(dial.dialstr, sizeof dial.dialstr, "T%c", (char)digit);
    return ioctl(dahdi_of(card)->ports[port].fds[channel], DAHDI_DIAL, &dial) == 0 ? SPARKLE_OK
                                                                                   : SPARKLE_E_IO;
}

static int32_t dahdi_write_audio(sc_card *card, int32_t port, int32_t channel, const uint8_t *frame)
{
    ssize_t written = write(dahdi_of(card)->ports[port].fds[channel], frame, SPARKLE_FRAME_BYTES);
    sc_dahdi_echo_sent(&dahdi_of(card)->ports[port].echo[channel], frame);
    return written == SPARKLE_FRAME_BYTES ? SPARKLE_OK : SPARKLE_E_IO;
}

static int32_t dahdi_read_audio(sc_card *card, int32_t port, int32_t channel, uint8_t *frame)
{
    const dahdi_port *p = &dahdi_of(card)->ports[port];
    if (p->r2 && p->states[channel] != CH_UP) {
        /* Until the answer the descriptor is openr2's: its MF detector reads every frame. */
        return SPARKLE_E_TIMEOUT;
    }
    ssize_t got = read(dahdi_of(card)->ports[port].fds[channel], frame, SPARKLE_FRAME_BYTES);
    if (got < 0 && errno == EAGAIN) {
        return SPARKLE_E_TIMEOUT;
    }
    if (got != SPARKLE_FRAME_BYTES) {
        return SPARKLE_E_IO;
    }
    sc_dahdi_echo_heard(&dahdi_of(card)->ports[port].echo[channel], card->ports[port].law, frame);
    return SPARKLE_OK;
}

static void dahdi_stop(sc_card *card)
{
    dahdi_card *d = dahdi_of(card);
    pthread_mutex_lock(&card->lock);
    d->stop = 1;
    pthread_mutex_unlock(&card->lock);
    if (d->thread_started) {
        pthread_join(d->thread, NULL);
        d->thread_started = 0;
    }
}

static void dahdi_destroy(sc_card *card)
{
    dahdi_card *d = dahdi_of(card);
    if (!d) {
        return;
    }
    /* An openr2 context frees its channels with it; the descriptors stay ours to close. */
    for (int port = 0; port < SC_MAX_PORTS; port++) {
        if (d->ports[port].r2) {
            openr2_context_delete(d->ports[port].r2);
        }
    }
    for (int port = 0; port < SC_MAX_PORTS; port++) {
        for (int c = 0; c <= SC_MAX_CHANNELS; c++) {
            if (d->ports[port].fds[c] >= 0) {
                sc_dahdi_echo_stop(&d->ports[port].echo[c], d->ports[port].fds[c]);
                close(d->ports[port].fds[c]);
            }
        }
    }
    /* libpri 1.6 has no way to free a controller: it outlives the card, as on the simulated one. */
    for (int port = 0; port < SC_MAX_PORTS; port++) {
        if (d->ports[port].dchannel >= 0) {
            close(d->ports[port].dchannel);
        }
    }
    if (d->ctl >= 0) {
        close(d->ctl);
    }
    free(d);
    card->backend = NULL;
}

static const sc_backend_ops s_dahdi_ops = {
    .stop = dahdi_stop,
    .destroy = dahdi_destroy,
    .dial = dahdi_dial,
    .answer = dahdi_answer,
    .hangup = dahdi_hangup,
    .send_digit = dahdi_send_digit,
    .write_audio = dahdi_write_audio,
    .read_audio = dahdi_read_audio,
};

/* "spanN=pri" or "pri-cpe" (the default) makes E1 span N the CPE side of Q.931, "pri-net" the
 * network side, "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]" an MFC/R2 span (r2 set, config
 * filled); anything else is a mistake in the spec. */
static int32_t span_signalling(const dahdi_card *d, int span, int *network, int *r2, sc_r2_config *config)
{
    char key[16];
    snprintf(key, sizeof key, "span%d=", span);
    const char *found = d->options;
    while ((found = strstr(found, key)) != NULL && found != d->options && found[-1] != '&') {
        found++;
    }
    *network = 0;
    *r2 = 0;
    if (!found) {
        return SPARKLE_OK;
    }
    const char *value = found + strlen(key);
    size_t length = strcspn(value, "&");
    int cpe =
        (length == 3 && strncmp(value, "pri", 3) == 0) || (length == 7 && strncmp(value, "pri-cpe", 7) == 0);
    if (cpe) {
        return SPARKLE_OK;
    }
    if (length == 7 && strncmp(value, "pri-net", 7) == 0) {
        *network = 1;
        return SPARKLE_OK;
    }
    char text[96];
    if (length >= sizeof text) {
        sc_open_error("option span%d: the setting is longer than %zu characters", span, sizeof text - 1);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    memcpy(text, value, length);
    text[length] = '\0';
    char why[400];
    *r2 = sc_r2_parse(text, config, why, sizeof why);
    if (!*r2) {
        sc_open_error("option span%d: %s", span, why);
    }
    return *r2 ? SPARKLE_OK : SPARKLE_E_INVALID_ARGUMENT;
}

/* Every spanN= of the options names a plausible setting, so a typo fails before any device is
 * opened. */
static int32_t check_options(const dahdi_card *d)
{
    for (int span = 1; span <= DAHDI_MAX_SPANS; span++) {
        int network;
        int r2;
        sc_r2_config config;
        int32_t status = span_signalling(d, span, &network, &r2, &config);
        if (status != SPARKLE_OK) {
            return status;
        }
    }
    const char *cursor = d->options;
    while (*cursor) {
        if (strncmp(cursor, "span", 4) != 0 || strchr(cursor, '=') == NULL) {
            sc_open_error("unknown option '%.*s' (a DAHDI card knows span<N>=...)", (int)strcspn(cursor, "&"),
                          cursor);
            return SPARKLE_E_INVALID_ARGUMENT;
        }
        cursor += strcspn(cursor, "&");
        cursor += *cursor == '&';
    }
    return SPARKLE_OK;
}

/* A 31-channel span is an E1 (timeslot 16 its D channel); each channel of an analog span is an FXO
 * port of its own. */
static int32_t add_span(sc_card *card, dahdi_card *d, const struct dahdi_spaninfo *info)
{
    int digital = info->totalchans == 31;
    int ports = digital ? 1 : info->totalchans;
    int channel_number = 1;
    for (int s = 1; s < info->spanno; s++) {
        struct dahdi_spaninfo before = {.spanno = s};
        if (ioctl(d->ctl, DAHDI_SPANSTAT, &before) == 0) {
            channel_number += before.totalchans;
        }
    }
    for (int i = 0; i < ports && card->port_count < SC_MAX_PORTS; i++) {
        int port = card->port_count;
        sparkle_port_info *out = &card->ports[port];
        out->port = port;
        out->kind = digital ? SPARKLE_PORT_E1_PRI : SPARKLE_PORT_FXO;
        out->channels = digital ? 30 : 1;
        out->law = digital ? SPARKLE_LAW_ALAW : SPARKLE_LAW_ULAW;
        out->alarms = alarms_of(info->alarms);
        snprintf(out->name, sizeof out->name, "dahdi-%d-%d", info->spanno, i + 1);
        d->ports[port].span = info->spanno;
        d->ports[port].first_channel = channel_number + i;
        for (int c = 1; c <= out->channels; c++) {
            int number = digital ? channel_number + (c <= 15 ? c - 1 : c) : channel_number + i;
            d->ports[port].fds[c] = open_channel(d, number);
            if (d->ports[port].fds[c] < 0) {
                sc_open_error("cannot open DAHDI channel %d of span %d: %s", number, info->spanno,
                              strerror(errno));
                return SPARKLE_E_IO;
            }
        }
        int r2 = 0;
        sc_r2_config config;
        int32_t signalling = digital
                                 ? span_signalling(d, info->spanno, &d->ports[port].pri_network, &r2, &config)
                                 : SPARKLE_OK;
        if (r2) {
            /* Timeslot 16 carries the ABCD bits, which DAHDI hands each B channel as CAS events. */
            out->kind = SPARKLE_PORT_E1_R2;
            sc_copy_text(d->ports[port].r2_category, sizeof d->ports[port].r2_category, config.category);
            int32_t status = open_r2_span(card, &d->ports[port], port, &config);
            if (status != SPARKLE_OK) {
                return status;
            }
        } else if (digital) {
            int32_t status = signalling;
            d->ports[port].dchannel = status == SPARKLE_OK ? open_dchannel(d, channel_number + 15) : -1;
            if (d->ports[port].dchannel < 0 && status == SPARKLE_OK) {
                sc_open_error("timeslot 16 of DAHDI span %d is not an HDLC D channel (dchan= or hardhdlc= in "
                              "system.conf)",
                              info->spanno);
            }
            if (d->ports[port].dchannel < 0) {
                return status == SPARKLE_OK ? SPARKLE_E_IO : status;
            }
            d->ports[port].pri =
                pri_new(d->ports[port].dchannel, d->ports[port].pri_network ? PRI_NETWORK : PRI_CPE,
                        PRI_SWITCH_EUROISDN_E1);
            if (!d->ports[port].pri) {
                return SPARKLE_E_NO_MEMORY;
            }
            out->alarms |= SPARKLE_ALARM_D_CHANNEL_DOWN; /* until libpri reports Q.921 up */
        }
        card->port_count++;
    }
    return SPARKLE_OK;
}

int32_t sc_dahdi_open(sc_card *card, const char *spec)
{
    dahdi_card *d = calloc(1, sizeof *d);
    if (!d) {
        return SPARKLE_E_NO_MEMORY;
    }
    card->backend = d;
    card->ops = &s_dahdi_ops;
    d->ctl = -1;
    for (int port = 0; port < SC_MAX_PORTS; port++) {
        d->ports[port].dchannel = -1;
        for (int c = 0; c <= SC_MAX_CHANNELS; c++) {
            d->ports[port].fds[c] = -1;
        }
    }
    size_t directory_length = strcspn(spec, "?");
    if (directory_length >= sizeof d->directory || strlen(spec) - directory_length > sizeof d->options) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    memcpy(d->directory, spec, directory_length);
    d->directory[directory_length] = '\0';
    if (directory_length == 0) {
        sc_copy_text(d->directory, sizeof d->directory, "/dev/dahdi");
    }
    sc_copy_text(d->options, sizeof d->options, spec[directory_length] ? spec + directory_length + 1 : "");
    int32_t checked = check_options(d);
    if (checked != SPARKLE_OK) {
        return checked;
    }

    char path[160];
    snprintf(path, sizeof path, "%s/ctl", d->directory);
    d->ctl = open(path, O_RDWR | O_CLOEXEC);
    if (d->ctl < 0) {
        sc_open_error("cannot open %s: %s", path, strerror(errno));
        return SPARKLE_E_IO;
    }
    for (int span = 1; span <= DAHDI_MAX_SPANS; span++) {
        struct dahdi_spaninfo info = {.spanno = span};
        if (ioctl(d->ctl, DAHDI_SPANSTAT, &info) != 0) {
            break;
        }
        int32_t status = add_span(card, d, &info);
        if (status != SPARKLE_OK) {
            return status;
        }
    }

    if (pthread_create(&d->thread, NULL, dahdi_thread, card) != 0) {
        return SPARKLE_E_NO_MEMORY;
    }
    d->thread_started = 1;
    return SPARKLE_OK;
}

#else

int32_t sc_dahdi_open(sc_card *card, const char *spec)
{
    (void)card;
    (void)spec;
    return SPARKLE_E_UNSUPPORTED;
}

#endif
