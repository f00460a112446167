/*
 * MFC/R2 on a simulated E1: every timeslot is run by openr2 twice, our end (the appliance) and the
 * far exchange's, so the line signalling (Q.421/Q.422 ABCD bits) and the compelled register
 * signalling (Q.441 multifrequency tones, Group I/II forward, Group A/B backward) are openr2's
 * own. Each end's channel is a socket carrying A-law; r2_shim.c answers openr2's DAHDI ioctls on
 * it and carries the ABCD bits between the ends. The card's thread stands in for the E1 framer:
 * every 20 ms it moves one frame of what each end sent to the other while the register signalling
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

#define R2_ACCEPT_TICKS 150 /* 3 s: an unanswered offer is accepted so the exchange rings the caller */
#define R2_SETTLE_ROUNDS 16
#define R2_FAR_MAX_DNIS 20

typedef struct r2_line r2_line;

typedef struct r2_end {
    openr2_chan_t *chan;
    int fd;   /* openr2's descriptor */
    int wire; /* the framer's side of the same timeslot */
    int active;
    int accepted;
    int answered;
    int answer_on_accept;
    int accept_sent;
    int peer_blocked; /* the other end has blocked the line */
    long offered_tick;
    r2_line *line;
} r2_end;

struct r2_line {
    sc_card *card;
    int port;
    int channel;
    r2_end ours;
    r2_end far;
};

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

/* Q.850 causes for the Group B signals of a refused call and for clearing (ITU-T Q.441 Table 5,
 * Q.850 §2.2.7). */
static int q850_of(openr2_call_disconnect_cause_t cause)
{
    switch (cause) {
    case OR2_CAUSE_BUSY_NUMBER: return 17;
    case OR2_CAUSE_NETWORK_CONGESTION: return 34;
    case OR2_CAUSE_UNALLOCATED_NUMBER: return 1;
    case OR2_CAUSE_OUT_OF_ORDER: return 27;
    case OR2_CAUSE_NO_ANSWER: return 19;
    case OR2_CAUSE_NORMAL_CLEARING: return 16;
    case OR2_CAUSE_COLLECT_CALL_REJECTED: return 21;
    case OR2_CAUSE_NUMBER_CHANGED: return 22;
    case OR2_CAUSE_FORCED_RELEASE: return 16;
    default: return 31;
    }
}

static openr2_call_disconnect_cause_t r2_cause_of(int q850)
{
    switch (q850) {
    case 17: return OR2_CAUSE_BUSY_NUMBER;
    case 1:
    case 3:
    case 28: return OR2_CAUSE_UNALLOCATED_NUMBER;
    case 18:
    case 19: return OR2_CAUSE_NO_ANSWER;
    case 21: return OR2_CAUSE_COLLECT_CALL_REJECTED;
    case 22: return OR2_CAUSE_NUMBER_CHANGED;
    case 27:
    case 38: return OR2_CAUSE_OUT_OF_ORDER;
    case 34:
    case 41:
    case 42:
    case 44:
    case 47: return OR2_CAUSE_NETWORK_CONGESTION;
    case 16:
    case 31: return q850 == 16 ? OR2_CAUSE_NORMAL_CLEARING : OR2_CAUSE_UNSPECIFIED;
    default: return OR2_CAUSE_UNSPECIFIED;
    }
}

static r2_end *end_of(openr2_chan_t *chan)
{
    return openr2_chan_get_client_data(chan);
}

static sim_channel *channel_of_line(r2_line *line)
{
    return &sim_of(line->card)->ports[line->port].channels[line->channel];
}

static void reset_end(r2_end *end)
{
    end->active = end->accepted = end->answered = end->answer_on_accept = end->accept_sent = 0;
}

/* ---- our end: events become card events ---- */

static void ours_init(openr2_chan_t *chan)
{
    end_of(chan)->active = 1;
}

static void ours_offered(openr2_chan_t *chan, const char *ani, const char *dnis,
                         openr2_calling_party_category_t category)
{
    r2_end *end = end_of(chan);
    r2_line *line = end->line;
    sim_channel *ch = channel_of_line(line);
    end->offered_tick = r2_of(line->card, line->port)->tick;
    sim_set_state(line->card, line->port, ch, CH_INCOMING);

    sparkle_event event;
    memset(&event, 0, sizeof event);
    event.type = SPARKLE_EVENT_INCOMING;
    event.port = line->port;
    event.channel = line->channel;
    /* R2 carries digits only: no type of number or plan, so both stay unknown (0). The ANI's
     * restriction, where a variant signals it, arrives as an empty number. */
    sc_copy_text(event.calling.digits, sizeof event.calling.digits, ani ? ani : "");
    event.calling.presentation = ani && *ani ? 0 : 2;
    sc_copy_text(event.called.digits, sizeof event.called.digits, dnis ? dnis : "");
    (void)category;
    sc_push_event_locked(line->card, &event);
}

static void ours_accepted(openr2_chan_t *chan, openr2_call_mode_t mode)
{
    r2_end *end = end_of(chan);
    r2_line *line = end->line;
    end->accepted = 1;
    if (openr2_chan_get_direction(chan) == OR2_DIR_FORWARD) {
        /* Group B "subscriber free": the far exchange rings its subscriber. */
        sim_push(line->card, SPARKLE_EVENT_RINGING, line->port, line->channel, 0);
    } else if (end->answer_on_accept) {
        /* The compelled cycle of the Group B signal is over (the far end's tone has stopped),
         * so the line signal can change to answered. */
        end->answered = 1;
        openr2_chan_answer_call(chan);
        openr2_chan_disable_read(chan);
    }
    (void)mode;
}

static void ours_answered(openr2_chan_t *chan)
{
    r2_end *end = end_of(chan);
    r2_line *line = end->line;
    sim_channel *ch = channel_of_line(line);
    end->answered = 1;
    openr2_chan_disable_read(chan);
    if (ch->state == CH_OUTGOING) {
        sim_set_state(line->card, line->port, ch, CH_UP);
        sim_push(line->card, SPARKLE_EVENT_ANSWERED, line->port, line->channel, 0);
    }
}

static void ours_disconnect(openr2_chan_t *chan, openr2_call_disconnect_cause_t cause)
{
    r2_end *end = end_of(chan);
    r2_line *line = end->line;
    sim_channel *ch = channel_of_line(line);
    if (ch->state != CH_IDLE) {
        sim_set_state(line->card, line->port, ch, CH_IDLE);
        sim_push(line->card, SPARKLE_EVENT_HANGUP, line->port, line->channel, q850_of(cause));
    }
    /* Q.422: our end answers the far end's clearing with its own, and the line returns to idle. */
    openr2_chan_disconnect_call(chan, OR2_CAUSE_NORMAL_CLEARING);
}

/* openr2 keeps a channel's reading off after a call; the next call's MF tones need it on. */
static void ours_end(openr2_chan_t *chan)
{
    reset_end(end_of(chan));
    openr2_chan_enable_read(chan);
}

static void ours_protocol_error(openr2_chan_t *chan, openr2_protocol_error_t error)
{
    r2_end *end = end_of(chan);
    r2_line *line = end->line;
    sim_channel *ch = channel_of_line(line);
    if (ch->state != CH_IDLE) {
        /* Q.850 cause 111: protocol error, unspecified. */
        sim_set_state(line->card, line->port, ch, CH_IDLE);
        sim_push(line->card, SPARKLE_EVENT_HANGUP, line->port, line->channel, 111);
    }
    reset_end(end);
    openr2_chan_enable_read(chan);
    if (getenv("SPARKLE_CARD_DEBUG")) {
        fprintf(stderr, "r2 port %d channel %d: %s\n", line->port, line->channel, openr2_proto_get_error(error));
    }
}

static void ours_blocked(openr2_chan_t *chan)
{
    end_of(chan)->peer_blocked = 1;
}

static void ours_idle(openr2_chan_t *chan)
{
    end_of(chan)->peer_blocked = 0;
}

static int want_more_dnis(openr2_chan_t *chan, char digit)
{
    (void)chan;
    (void)digit;
    return 1; /* ask until max_dnis: the box's dial plan wants the whole number */
}

static void ignore_ani_digit(openr2_chan_t *chan, char digit)
{
    (void)chan;
    (void)digit;
}

static void ignore_chan(openr2_chan_t *chan)
{
    (void)chan;
}

static void ignore_read(openr2_chan_t *chan, const unsigned char *buffer, int length)
{
    (void)chan;
    (void)buffer;
    (void)length;
}

static void ignore_int(openr2_chan_t *chan, int value)
{
    (void)chan;
    (void)value;
}

static void context_log(openr2_context_t *context, openr2_log_level_t level, const char *format, va_list arguments)
{
    (void)context;
    (void)level;
    if (getenv("SPARKLE_CARD_DEBUG")) {
        vfprintf(stderr, format, arguments);
    }
}

static void chan_log(openr2_chan_t *chan, openr2_log_level_t level, const char *format, va_list arguments)
{
    (void)chan;
    (void)level;
    if (getenv("SPARKLE_CARD_DEBUG")) {
        vfprintf(stderr, format, arguments);
    }
}

static openr2_event_interface_t s_ours_events = {
    .on_call_init = ours_init,
    .on_call_offered = ours_offered,
    .on_call_accepted = ours_accepted,
    .on_call_answered = ours_answered,
    .on_call_disconnect = ours_disconnect,
    .on_call_end = ours_end,
    .on_call_read = ignore_read,
    .on_hardware_alarm = ignore_int,
    .on_os_error = ignore_int,
    .on_protocol_error = ours_protocol_error,
    .on_line_blocked = ours_blocked,
    .on_line_idle = ours_idle,
    .on_context_log = context_log,
    .on_dnis_digit_received = want_more_dnis,
    .on_ani_digit_received = ignore_ani_digit,
    .on_billing_pulse_received = ignore_chan,
};

/* ---- the far exchange: events become control-socket event lines ---- */

static sim *sim_of_line(r2_line *line)
{
    return sim_of(line->card);
}

static void far_init(openr2_chan_t *chan)
{
    end_of(chan)->active = 1;
}

static void far_offered(openr2_chan_t *chan, const char *ani, const char *dnis,
                        openr2_calling_party_category_t category)
{
    r2_end *end = end_of(chan);
    r2_line *line = end->line;
    sim_r2_port *r2 = r2_of(line->card, line->port);
    sim_notify(sim_of_line(line), "event setup port=%d channel=%d calling=%s called=%s category=%s", line->port,
               line->channel, ani ? ani : "", dnis ? dnis : "", openr2_proto_get_category_string(category));
    if (r2->refuse_cause) {
        openr2_chan_disconnect_call(chan, r2_cause_of(r2->refuse_cause));
        r2->refuse_cause = 0;
        return;
    }
    /* An exchange whose subscriber is free answers Group B at once and rings. */
    openr2_chan_accept_call(chan, OR2_CALL_NO_CHARGE);
}

static void far_accepted(openr2_chan_t *chan, openr2_call_mode_t mode)
{
    r2_end *end = end_of(chan);
    end->accepted = 1;
    if (openr2_chan_get_direction(chan) == OR2_DIR_BACKWARD && end->answer_on_accept) {
        end->answered = 1;
        openr2_chan_answer_call(chan);
        openr2_chan_disable_read(chan);
    } else if (openr2_chan_get_direction(chan) == OR2_DIR_FORWARD) {
        sim_notify(sim_of_line(end->line), "event accepted port=%d channel=%d mode=%s", end->line->port,
                   end->line->channel, openr2_proto_get_call_mode_string(mode));
    }
}

static void far_answered(openr2_chan_t *chan)
{
    r2_end *end = end_of(chan);
    end->answered = 1;
    openr2_chan_disable_read(chan);
    sim_notify(sim_of_line(end->line), "event connect port=%d channel=%d", end->line->port, end->line->channel);
}

static void far_disconnect(openr2_chan_t *chan, openr2_call_disconnect_cause_t cause)
{
    r2_end *end = end_of(chan);
    sim_notify(sim_of_line(end->line), "event release port=%d channel=%d cause=%d", end->line->port,
               end->line->channel, q850_of(cause));
    openr2_chan_disconnect_call(chan, OR2_CAUSE_NORMAL_CLEARING);
}

static void far_end(openr2_chan_t *chan)
{
    reset_end(end_of(chan));
    openr2_chan_enable_read(chan);
}

static void far_protocol_error(openr2_chan_t *chan, openr2_protocol_error_t error)
{
    r2_end *end = end_of(chan);
    reset_end(end);
    openr2_chan_enable_read(chan);
    sim_notify(sim_of_line(end->line), "event protocol-error port=%d channel=%d reason=%s", end->line->port,
               end->line->channel, openr2_proto_get_error(error));
}

static void far_blocked(openr2_chan_t *chan)
{
    r2_end *end = end_of(chan);
    end->peer_blocked = 1;
    sim_notify(sim_of_line(end->line), "event blocked port=%d channel=%d", end->line->port, end->line->channel);
}

static void far_idle(openr2_chan_t *chan)
{
    r2_end *end = end_of(chan);
    end->peer_blocked = 0;
}

static openr2_event_interface_t s_far_events = {
    .on_call_init = far_init,
    .on_call_offered = far_offered,
    .on_call_accepted = far_accepted,
    .on_call_answered = far_answered,
    .on_call_disconnect = far_disconnect,
    .on_call_end = far_end,
    .on_call_read = ignore_read,
    .on_hardware_alarm = ignore_int,
    .on_os_error = ignore_int,
    .on_protocol_error = far_protocol_error,
    .on_line_blocked = far_blocked,
    .on_line_idle = far_idle,
    .on_context_log = context_log,
    .on_dnis_digit_received = want_more_dnis,
    .on_ani_digit_received = ignore_ani_digit,
    .on_billing_pulse_received = ignore_chan,
};

/* ---- spans ---- */

static openr2_context_t *new_context(openr2_event_interface_t *events, const sc_r2_config *config, int max_dnis)
{
    openr2_context_t *context = openr2_context_new(NULL, events, NULL, openr2_proto_get_variant(config->variant),
                                                   config->max_ani, max_dnis);
    if (context) {
        openr2_context_set_log_level(context, getenv("SPARKLE_CARD_DEBUG") ? OR2_LOG_ALL : OR2_LOG_NOTHING);
        /* Without ANI, the called number must not wait for a calling number first. */
        if (config->max_ani == 0) {
            openr2_context_set_ani_first(context, 0);
        }
    }
    return context;
}

static int open_end(openr2_context_t *context, r2_line *line, r2_end *end, int fd, int wire)
{
    end->fd = fd;
    end->wire = wire;
    end->line = line;
    if (r2_shim_register(fd, wire, timeslot_of(line->channel)) != 0) {
        return -1;
    }
    end->chan = openr2_chan_new_from_fd(context, fd, NULL, NULL);
    if (!end->chan) {
        return -1;
    }
    openr2_chan_set_client_data(end->chan, end);
    openr2_chan_set_logging_func(end->chan, chan_log);
    openr2_chan_set_log_level(end->chan, getenv("SPARKLE_CARD_DEBUG") ? OR2_LOG_ALL : OR2_LOG_NOTHING);
    return 0;
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
    r2->ours_context = new_context(&s_ours_events, config, config->max_dnis);
    /* The exchange takes every digit we send; the end of the number is the compelled cycle
     * timing out, as on an exchange without the "end of digits" signal I-15. */
    r2->far_context = new_context(&s_far_events, config, R2_FAR_MAX_DNIS);
    if (!r2->ours_context || !r2->far_context) {
        return SPARKLE_E_NO_MEMORY;
    }

    for (int c = 1; c <= card->ports[port].channels; c++) {
        r2_line *line = &r2->lines[c];
        line->card = card;
        line->port = port;
        line->channel = c;
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
        if (open_end(r2->ours_context, line, &line->ours, ours[0], ours[1]) != 0 ||
            open_end(r2->far_context, line, &line->far, far[0], far[1]) != 0) {
            return SPARKLE_E_IO;
        }
        r2_shim_join(line->ours.fd, line->far.fd);
        openr2_chan_set_idle(line->ours.chan);
        openr2_chan_set_idle(line->far.chan);
    }
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

/* The context owns its channels and frees them itself (openr2_context_delete). */
static void close_end(r2_end *end)
{
    end->chan = NULL;
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
    r2_line *line = &p->r2->lines[channel];
    return !line->ours.active && !line->ours.peer_blocked;
}

static int far_line_free(r2_line *line)
{
    return !line->far.active && !line->far.peer_blocked;
}

int sim_r2_far_line_free(sim_port *p, int channel)
{
    return far_line_free(&p->r2->lines[channel]);
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
                openr2_chan_process_event(line->ours.chan);
                ran = 1;
            }
            if (r2_shim_pending(line->far.fd)) {
                openr2_chan_process_event(line->far.chan);
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
        if (!line->ours.active && !line->far.active) {
            continue;
        }
        if (!(line->ours.answered && line->far.answered)) {
            carry_frame(&line->ours, &line->far);
            carry_frame(&line->far, &line->ours);
        }
        /* process_event reads the frame, runs the MF detector and openr2's timers. */
        openr2_chan_process_event(line->ours.chan);
        openr2_chan_process_event(line->far.chan);

        sim_channel *ch = &sim_of(card)->ports[port].channels[c];
        if (ch->state == CH_INCOMING && !line->ours.accept_sent &&
            r2->tick - line->ours.offered_tick > R2_ACCEPT_TICKS) {
            line->ours.accept_sent = 1;
            openr2_chan_accept_call(line->ours.chan, OR2_CALL_NO_CHARGE);
        }
    }
    sim_r2_settle(card, port);
}

int32_t sim_r2_dial(sc_card *card, int port, int channel, const sparkle_number *calling,
                    const sparkle_number *called)
{
    sim_r2_port *r2 = r2_of(card, port);
    r2_line *line = &r2->lines[channel];
    char ani[SPARKLE_NUMBER_BYTES];
    char dnis[SPARKLE_NUMBER_BYTES];
    sc_copy_text(ani, sizeof ani, calling->presentation == 0 ? calling->digits : "");
    sc_copy_text(dnis, sizeof dnis, called->digits);
    if (dnis[0] == '\0') {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    if (openr2_chan_make_call(line->ours.chan, ani, dnis, openr2_proto_get_category(r2->config.category)) != 0) {
        return SPARKLE_E_IO;
    }
    line->ours.active = 1;
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

int32_t sim_r2_answer(sc_card *card, int port, int channel)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    if (line->ours.accepted) {
        line->ours.answered = 1;
        openr2_chan_answer_call(line->ours.chan);
        openr2_chan_disable_read(line->ours.chan);
    } else {
        /* Group B "subscriber free" first (Q.441 §4.2.3); the answer signal follows once its
         * compelled cycle ends (ours_accepted). */
        line->ours.answer_on_accept = 1;
        if (!line->ours.accept_sent) {
            line->ours.accept_sent = 1;
            openr2_chan_accept_call(line->ours.chan, OR2_CALL_NO_CHARGE);
        }
    }
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

int32_t sim_r2_hangup(sc_card *card, int port, int channel, int cause)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    /* Before acceptance the cause goes as a Group B signal; after, it is clear-back/forward. */
    openr2_chan_disconnect_call(line->ours.chan, r2_cause_of(cause));
    sim_r2_settle(card, port);
    return SPARKLE_OK;
}

void sim_r2_far_call(sc_card *card, int port, int channel, const char *ani, const char *dnis,
                     const char *category, char *reply, size_t size)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    openr2_calling_party_category_t cat = openr2_proto_get_category(category);
    if (cat == OR2_CALLING_PARTY_CATEGORY_UNKNOWN) {
        snprintf(reply, size, "error unknown category %s", category);
        return;
    }
    if (!far_line_free(line)) {
        snprintf(reply, size, "error line busy or blocked");
        return;
    }
    if (openr2_chan_make_call(line->far.chan, ani, dnis, cat) != 0) {
        snprintf(reply, size, "error seizure failed");
        return;
    }
    line->far.active = 1;
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok channel=%d", channel);
}

void sim_r2_far_answer(sc_card *card, int port, int channel, char *reply, size_t size)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    if (!line->far.active || openr2_chan_get_direction(line->far.chan) != OR2_DIR_BACKWARD ||
        line->far.answered || line->far.answer_on_accept) {
        snprintf(reply, size, "error no offered call on channel");
        return;
    }
    if (line->far.accepted) {
        line->far.answered = 1;
        openr2_chan_answer_call(line->far.chan);
        openr2_chan_disable_read(line->far.chan);
    } else {
        line->far.answer_on_accept = 1; /* after the Group B cycle, as on our end */
    }
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok");
}

void sim_r2_far_hangup(sc_card *card, int port, int channel, int cause, char *reply, size_t size)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    if (!line->far.active) {
        snprintf(reply, size, "error no call on channel");
        return;
    }
    openr2_chan_disconnect_call(line->far.chan, r2_cause_of(cause));
    sim_r2_settle(card, port);
    snprintf(reply, size, "ok");
}

void sim_r2_far_block(sc_card *card, int port, int channel, int blocked, char *reply, size_t size)
{
    r2_line *line = &r2_of(card, port)->lines[channel];
    if (line->far.active) {
        snprintf(reply, size, "error line busy");
        return;
    }
    if (blocked) {
        openr2_chan_set_blocked(line->far.chan);
    } else {
        openr2_chan_set_idle(line->far.chan);
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
    snprintf(reply, size, "ok %s rx=%s tx=%s ours=%s%s", openr2_chan_get_call_state_string(line->far.chan),
             openr2_chan_get_rx_cas_string(line->far.chan), openr2_chan_get_tx_cas_string(line->far.chan),
             openr2_chan_get_call_state_string(line->ours.chan), line->ours.peer_blocked ? " blocked" : "");
}
