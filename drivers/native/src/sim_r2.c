/*
 * MFC/R2 on a simulated E1: every timeslot is run by openr2 twice, our end (the appliance) and the
 * far exchange's, so the line signalling (Q.421/Q.422 ABCD bits) and the compelled register
 * signalling (Q.441 multifrequency tones, Group I/II forward, Group A/B backward) are openr2's
 * own. Our end's events run through r2_span.c, as a DAHDI span's do; the exchange's are here. Each
 * end's channel is a socket carrying A-law; r2_shim.c answers openr2's DAHDI ioctls on it and
 * carries the ABCD bits between the ends. The card's thread stands in for the E1 framer: every
 * 20 ms it moves one frame of what each end sent to the other while the register signalling
 * lasts. Once both ends are answered, speech goes through the same frame queues as on PRI spans.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openr2.h>

#include "r2_shim.h"
#include "sim_r2.h"

#define R2_ACCEPT_TICKS  150 /* 3 s: an unanswered offer is accepted so the exchange rings the caller */
#define R2_SETTLE_ROUNDS 16
#define R2_FAR_MAX_DNIS  20

/* One end of a timeslot: openr2's line and the two sides of its socket. */
typedef struct r2_end {
    sc_r2_line line; /* openr2's client data */
    int fd;          /* openr2's descriptor */
    int wire;        /* the framer's side of the same timeslot */
} r2_end;

typedef struct r2_line {
    r2_end ours;
    r2_end far;
    long offered_tick; /* when our end was offered its call */
} r2_line;

typedef struct sim_r2_port {
    openr2_context_t *ours_context;
    openr2_context_t *far_context;
    sc_r2_config config;
    int refuse_cause; /* Q.850 cause the far end refuses its next offered call with; 0 accepts */
    long tick;
    r2_line lines[SC_MAX_CHANNELS + 1];
} sim_r2_port;

static sim_r2_port *r2_of(sc_card *card, int port)
{
    return sim_of(card)->ports[port].r2;
}

static sc_r2_line *end_of(openr2_chan_t *chan)
{
    return openr2_chan_get_client_data(chan);
}

/* ---- our end: the card's channel table, for r2_span.c ---- */

static int ours_state_of(sc_card *card, int port, int channel)
{
    return sim_of(card)->ports[port].channels[channel].state;
}

static void ours_set_state(sc_card *card, int port, int channel, int state)
{
    if (state == CH_INCOMING) {
        r2_of(card, port)->lines[channel].offered_tick = r2_of(card, port)->tick;
    }
    sim_set_state(card, port, &sim_of(card)->ports[port].channels[channel], state);
}

/* A simulated span has no framer to lose, so openr2 reports no alarm here. */
static const sc_r2_hooks s_ours_hooks = {
    .state_of = ours_state_of,
    .set_state = ours_set_state,
    .hardware_alarm = NULL,
};

/* ---- the far exchange: events become control-socket event lines ---- */

static void far_offered(openr2_chan_t *chan, const char *ani, const char *dnis,
                        openr2_calling_party_category_t category)
{
    sc_r2_line *end = end_of(chan);
    sim_r2_port *r2 = r2_of(end->card, end->port);
    sim_notify(sim_of(end->card), "event setup port=%d channel=%d calling=%s called=%s category=%s",
               end->port, end->channel, ani ? ani : "", dnis ? dnis : "",
               openr2_proto_get_category_string(category));
    if (r2->refuse_cause) {
        openr2_chan_disconnect_call(chan, sc_r2_cause_of(r2->refuse_cause));
        r2->refuse_cause = 0;
        return;
    }
    /* An exchange whose subscriber is free answers Group B at once and rings. */
    openr2_chan_accept_call(chan, OR2_CALL_NO_CHARGE);
}

static void far_accepted(openr2_chan_t *chan, openr2_call_mode_t mode)
{
    sc_r2_line *end = end_of(chan);
    end->accepted = 1;
    if (openr2_chan_get_direction(chan) == OR2_DIR_BACKWARD && end->answer_on_accept) {
        end->answered = 1;
        openr2_chan_answer_call(chan);
        openr2_chan_disable_read(chan);
    } else if (openr2_chan_get_direction(chan) == OR2_DIR_FORWARD) {
        sim_notify(sim_of(end->card), "event accepted port=%d channel=%d mode=%s", end->port, end->channel,
                   openr2_proto_get_call_mode_string(mode));
    }
}

static void far_answered(openr2_chan_t *chan)
{
    sc_r2_line *end = end_of(chan);
    end->answered = 1;
    openr2_chan_disable_read(chan);
    sim_notify(sim_of(end->card), "event connect port=%d channel=%d", end->port, end->channel);
}

static void far_disconnect(openr2_chan_t *chan, openr2_call_disconnect_cause_t cause)
{
    sc_r2_line *end = end_of(chan);
    sim_notify(sim_of(end->card), "event release port=%d channel=%d cause=%d", end->port, end->channel,
               sc_r2_q850_of(cause));
    openr2_chan_disconnect_call(chan, OR2_CAUSE_NORMAL_CLEARING);
}

static void far_protocol_error(openr2_chan_t *chan, openr2_protocol_error_t error)
{
    sc_r2_line *end = end_of(chan);
    sc_r2_call_end(chan);
    sim_notify(sim_of(end->card), "event protocol-error port=%d channel=%d reason=%s", end->port,
               end->channel, openr2_proto_get_error(error));
}

static void far_blocked(openr2_chan_t *chan)
{
    sc_r2_line *end = end_of(chan);
    end->peer_blocked = 1;
    sim_notify(sim_of(end->card), "event blocked port=%d channel=%d", end->port, end->channel);
}

static openr2_event_interface_t s_far_events = {
    .on_call_init = sc_r2_call_init,
    .on_call_offered = far_offered,
    .on_call_accepted = far_accepted,
    .on_call_answered = far_answered,
    .on_call_disconnect = far_disconnect,
    .on_call_end = sc_r2_call_end,
    .on_call_read = sc_r2_ignore_read,
    .on_hardware_alarm = sc_r2_ignore_int,
    .on_os_error = sc_r2_ignore_int,
    .on_protocol_error = far_protocol_error,
    .on_line_blocked = far_blocked,
    .on_line_idle = sc_r2_line_idle,
    .on_context_log = sc_r2_log_context,
    .on_dnis_digit_received = sc_r2_want_every_dnis_digit,
    .on_ani_digit_received = sc_r2_ignore_digit,
    .on_billing_pulse_received = sc_r2_ignore_chan,
};

/* ---- spans ---- */

static int open_end(openr2_context_t *context, sc_card *card, int port, int channel, const sc_r2_hooks *hooks,
                    r2_end *end)
{
    end->line.card = card;
    end->line.hooks = hooks;
    end->line.port = port;
    end->line.channel = channel;
    if (r2_shim_register(end->fd, end->wire, timeslot_of(channel)) != 0) {
        return -1;
    }
    return sc_r2_open_channel(context, end->fd, &end->line);
}

int32_t sim_r2_open(sc_card *card, int port, const sc_r2_config *config)
{
    sim_port *p = &sim_of(card)->ports[port];
    sim_r2_port *r2 = calloc(1, sizeof *r2);
    if (!r2) {
        return SPARKLE_E_NO_MEMORY;
    }
    p->r2 = r2;
    r2->config = *config;
    for (int c = 0; c <= SC_MAX_CHANNELS; c++) {
        r2->lines[c].ours.fd = r2->lines[c].ours.wire = -1;
        r2->lines[c].far.fd = r2->lines[c].far.wire = -1;
    }
    r2->ours_context = sc_r2_new_context(NULL, config, config->max_dnis);
    /* The exchange takes every digit we send; the end of the number is the compelled cycle
     * timing out, as on an exchange without the "end of digits" signal I-15. */
    r2->far_context = sc_r2_new_context(&s_far_events, config, R2_FAR_MAX_DNIS);
    if (!r2->ours_context || !r2->far_context) {
        return SPARKLE_E_NO_MEMORY;
    }

    for (int c = 1; c <= card->ports[port].channels; c++) {
        r2_line *line = &r2->lines[c];
        int ours[2];
        int far[2];
        /* SOCK_SEQPACKET keeps each write of openr2 one frame, as a DAHDI channel's buffers do. */
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ours) != 0) {
            return SPARKLE_E_IO;
        }
        line->ours.fd = ours[0];
        line->ours.wire = ours[1];
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, far) != 0) {
            return SPARKLE_E_IO;
        }
        line->far.fd = far[0];
        line->far.wire = far[1];
        if (open_end(r2->ours_context, card, port, c, &s_ours_hooks, &line->ours) != 0 ||
            open_end(r2->far_context, card, port, c, NULL, &line->far) != 0) {
            return SPARKLE_E_IO;
        }
        r2_shim_join(line->ours.fd, line->far.fd);
        openr2_chan_set_idle(line->ours.line.chan);
        openr2_chan_set_idle(line->far.line.chan);
    }
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

/* The context owns its channels and frees them itself (openr2_context_delete). */
static void close_end(r2_end *end)
{
    end->line.chan = NULL;
    if (end->fd >= 0) {
        r2_shim_unregister(end->fd);
        close(end->fd);
        end->fd = -1;
    }
    if (end->wire >= 0) {
        close(end->wire);
        end->wire = -1;
    }
}

void sim_r2_close(sim_port *p)
{
    sim_r2_port *r2 = p->r2;
    if (!r2) {
        return;
    }
    if (r2->ours_context) {
        openr2_context_delete(r2->ours_context);
    }
    if (r2->far_context) {
        openr2_context_delete(r2->far_context);
    }
    for (int c = 0; c <= SC_MAX_CHANNELS; c++) {
        close_end(&r2->lines[c].ours);
        close_end(&r2->lines[c].far);
    }
    free(r2);
    p->r2 = NULL;
}

int sim_r2_line_free(sim_port *p, int channel)
{
    return sc_r2_line_free(&p->r2->lines[channel].ours.line);
}

int sim_r2_far_line_free(sim_port *p, int channel)
{
    return sc_r2_line_free(&p->r2->lines[channel].far.line);
}

/* One frame of what src's end sent, or A-law silence when it sent nothing, to dst's end. */
static void carry_frame(r2_end *src, r2_end *dst)
{
    uint8_t frame[SPARKLE_FRAME_BYTES * 2];
    ssize_t got = recv(src->wire, frame, sizeof frame, MSG_DONTWAIT);
    if (got <= 0) {
        memset(frame, 0xD5, SPARKLE_FRAME_BYTES);
        got = SPARKLE_FRAME_BYTES;
    }
    uint8_t stale[SPARKLE_FRAME_BYTES * 2];
    while (recv(src->wire, stale, sizeof stale, MSG_DONTWAIT) > 0) {
        /* openr2 answers each frame it reads with one it writes; more would be a backlog. */
    }
    if (send(dst->wire, frame, (size_t)got, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
        /* A full socket means the end has stopped reading; its frames are not needed. */
    }
}

void sim_r2_settle(sc_card *card, int port)
{
    sim_r2_port *r2 = r2_of(card, port);
    for (int round = 0; round < R2_SETTLE_ROUNDS; round++) {
        int ran = 0;
        for (int c = 1; c <= card->ports[port].channels; c++) {
            r2_line *line = &r2->lines[c];
            if (r2_shim_pending(line->ours.fd)) {
                openr2_chan_process_event(line->ours.line.chan);
                ran = 1;
            }
            if (r2_shim_pending(line->far.fd)) {
                openr2_chan_process_event(line->far.line.chan);
                ran = 1;
            }
        }
        if (!ran) {
            return;
        }
    }
}

void sim_r2_tick(sc_card *card, int port)
{
    sim_r2_port *r2 = r2_of(card, port);
    r2->tick++;
    for (int c = 1; c <= card->ports[port].channels; c++) {
        r2_line *line = &r2->lines[c];
        sc_r2_line *ours = &line->ours.line;
        sc_r2_line *far = &line->far.line;
        if (!ours->active && !far->active) {
            continue;
        }
        if (!(ours->answered && far->answered)) {
            carry_frame(&line->ours, &line->far);
            carry_frame(&line->far, &line->ours);
        }
        /* process_event reads the frame, runs the MF detector and openr2's timers. */
        openr2_chan_process_event(ours->chan);
        openr2_chan_process_event(far->chan);

        sim_channel *ch = &sim_of(card)->ports[port].channels[c];
        if (ch->state == CH_INCOMING && !ours->accept_sent &&
            r2->tick - line->offered_tick > R2_ACCEPT_TICKS) {
            ours->accept_sent = 1;
            openr2_chan_accept_call(ours->chan, OR2_CALL_NO_CHARGE);
        }
    }
    sim_r2_settle(card, port);
}

int32_t sim_r2_dial(sc_card *card, int port, int channel, const sparkle_number *calling,
                    const sparkle_number *called)
{
    sim_r2_port *r2 = r2_of(card, port);
    int32_t status = sc_r2_make_call(&r2->lines[channel].ours.line, calling, called, r2->config.category);
    if (status == SPARKLE_OK) {
        sim_r2_settle(card, port);
    }
    return status;
}

int32_t sim_r2_answer(sc_card *card, int port, int channel)
{
    sc_r2_answer(&r2_of(card, port)->lines[channel].ours.line);
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

int32_t sim_r2_hangup(sc_card *card, int port, int channel, int cause)
{
    sc_r2_hangup(&r2_of(card, port)->lines[channel].ours.line, cause);
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

static sc_r2_line *far_of(sc_card *card, int port, int channel)
{
    return &r2_of(card, port)->lines[channel].far.line;
}

void sim_r2_far_call(sc_card *card, int port, int channel, const char *ani, const char *dnis,
                     const char *category, char *reply, size_t size)
{
    sc_r2_line *far = far_of(card, port, channel);
    openr2_calling_party_category_t cat = openr2_proto_get_category(category);
    if (cat == OR2_CALLING_PARTY_CATEGORY_UNKNOWN) {
        snprintf(reply, size, "error unknown category %s", category);
        return;
    }
    if (!sc_r2_line_free(far)) {
        snprintf(reply, size, "error channel %d of port %d is %s", channel, port,
                 far->active ? "busy" : "blocked by our end");
        return;
    }
    if (openr2_chan_make_call(far->chan, ani, dnis, cat) != 0) {
        snprintf(reply, size, "error openr2 refused to seize channel %d of port %d", channel, port);
        return;
    }
    far->active = 1;
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok channel=%d", channel);
}

void sim_r2_far_answer(sc_card *card, int port, int channel, char *reply, size_t size)
{
    sc_r2_line *far = far_of(card, port, channel);
    if (!far->active || openr2_chan_get_direction(far->chan) != OR2_DIR_BACKWARD || far->answered ||
        far->answer_on_accept) {
        snprintf(reply, size, "error no offered call on channel %d of port %d", channel, port);
        return;
    }
    if (far->accepted) {
        far->answered = 1;
        openr2_chan_answer_call(far->chan);
        openr2_chan_disable_read(far->chan);
    } else {
        far->answer_on_accept = 1; /* after the Group B cycle, as on our end */
    }
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok");
}

void sim_r2_far_hangup(sc_card *card, int port, int channel, int cause, char *reply, size_t size)
{
    sc_r2_line *far = far_of(card, port, channel);
    if (!far->active) {
        snprintf(reply, size, "error no call on channel %d of port %d", channel, port);
        return;
    }
    openr2_chan_disconnect_call(far->chan, sc_r2_cause_of(cause));
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok");
}

void sim_r2_far_block(sc_card *card, int port, int channel, int blocked, char *reply, size_t size)
{
    sc_r2_line *far = far_of(card, port, channel);
    if (far->active) {
        snprintf(reply, size, "error channel %d of port %d is busy", channel, port);
        return;
    }
    if (blocked) {
        openr2_chan_set_blocked(far->chan);
    } else {
        openr2_chan_set_idle(far->chan);
    }
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok");
}

void sim_r2_far_hold(sc_card *card, int port, int channel, int held, char *reply, size_t size)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    r2_shim_hold(line->ours.fd, held);
    r2_shim_hold(line->far.fd, held);
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok");
}

void sim_r2_far_refuse(sc_card *card, int port, int cause, char *reply, size_t size)
{
    r2_of(card, port)->refuse_cause = cause;
    snprintf(reply, size, "ok");
}

void sim_r2_far_state(sc_card *card, int port, int channel, char *reply, size_t size)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    snprintf(reply, size, "ok %s rx=%s tx=%s ours=%s%s",
             openr2_chan_get_call_state_string(line->far.line.chan),
             openr2_chan_get_rx_cas_string(line->far.line.chan),
             openr2_chan_get_tx_cas_string(line->far.line.chan),
             openr2_chan_get_call_state_string(line->ours.line.chan),
             line->ours.line.peer_blocked ? " blocked" : "");
}
