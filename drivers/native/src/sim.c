/*
 * The simulated card: E1 PRI spans whose far exchange is a second libpri instance (network side)
 * across a socket pair, and FXO and GSM ports signalled directly. A technician or a test drives
 * the far end over a Unix control socket with one text command a line (see docs/drivers.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <libpri.h>

#include "card_internal.h"
#include "g711.h"

#define SIM_CLIENTS 8
#define SIM_LINE 512
#define SIM_AUDIO_FRAMES 25
#define SIM_TICK_MS 20

enum { CH_IDLE, CH_INCOMING, CH_UP, CH_OUTGOING };
static const char *const s_state_names[] = { "idle", "incoming", "up", "outgoing" };

typedef struct sim_channel {
    int state;
    q931_call *call;     /* our (CPE) side's call on PRI spans */
    q931_call *far_call; /* the far exchange's call */
    uint8_t to_app[SIM_AUDIO_FRAMES][SPARKLE_FRAME_BYTES];
    int to_app_head;
    int to_app_count;
    double tone_hz;
    double tone_phase;
    long heard_frames;
    long heard_crossings;
    int heard_last_sign;
    double heard_energy;
} sim_channel;

typedef struct sim_port {
    struct pri *pri; /* appliance side, CPE */
    struct pri *far; /* exchange side, network */
    int fds[2];
    sim_channel channels[SC_MAX_CHANNELS + 1];
} sim_port;

typedef struct sim_client {
    int fd;
    char line[SIM_LINE];
    int length;
} sim_client;

typedef struct sim {
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    int listen_fd;
    int wake[2];
    int stop;
    pthread_t thread;
    int thread_started;
    sim_client clients[SIM_CLIENTS];
    sim_port ports[SC_MAX_PORTS];
    struct timespec next_tick;
} sim;

static sim *sim_of(sc_card *card) { return (sim *)card->backend; }

static int is_pri(sc_card *card, int port) { return card->ports[port].kind == SPARKLE_PORT_E1_PRI; }

/* E1 timeslot 16 carries the D channel, so B channels 1-30 sit in timeslots 1-15 and 17-31. */
static int timeslot_of(int channel) { return channel <= 15 ? channel : channel + 1; }
static int channel_of(int timeslot) { return timeslot <= 15 ? timeslot : timeslot - 1; }

/* libpri's channel numbers carry the span and explicit-interface flag above the low octet. */
static int timeslot_in(int libpri_channel) { return libpri_channel & 0xFF; }

static void wake_thread(sim *s)
{
    char byte = 1;
    if (write(s->wake[1], &byte, 1) < 0 && errno != EAGAIN) {
        /* A full pipe already wakes the thread; nothing else can fail here. */
    }
}

static void notify(sim *s, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void notify(sim *s, const char *format, ...)
{
    char text[SIM_LINE];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(text, sizeof text - 1, format, arguments);
    va_end(arguments);
    if (length < 0) {
        return;
    }
    if (length > (int)sizeof text - 2) {
        length = (int)sizeof text - 2;
    }
    text[length++] = '\n';
    for (int i = 0; i < SIM_CLIENTS; i++) {
        if (s->clients[i].fd >= 0 && send(s->clients[i].fd, text, (size_t)length, MSG_NOSIGNAL) < 0) {
            close(s->clients[i].fd);
            s->clients[i].fd = -1;
        }
    }
}

static void push(sc_card *card, int type, int port, int channel, int cause)
{
    sparkle_event event;
    memset(&event, 0, sizeof event);
    event.type = type;
    event.port = port;
    event.channel = channel;
    event.cause = cause;
    event.alarms = card->ports[port].alarms;
    sc_push_event_locked(card, &event);
}

static void set_state(sc_card *card, int port, sim_channel *ch, int state)
{
    int was_busy = ch->state != CH_IDLE;
    ch->state = state;
    if (state == CH_IDLE) {
        /* The far exchange's call lives on until its own side clears it. */
        ch->call = NULL;
        ch->tone_hz = 0;
        ch->to_app_count = 0;
    }
    card->ports[port].busy_channels += (state != CH_IDLE) - was_busy;
}

/* libpri packs type of number and numbering plan into one octet (Q.931 §4.5.10). */
static int plan_of(const sparkle_number *number)
{
    return ((number->type_of_number & 0x07) << 4) | (number->numbering_plan & 0x0F);
}

static int presentation_of(const sparkle_number *number)
{
    switch (number->presentation) {
    case 1: return PRES_PROHIB_USER_NUMBER_NOT_SCREENED;
    case 2: return PRES_NUMBER_NOT_AVAILABLE;
    default: return PRES_ALLOWED_USER_NUMBER_NOT_SCREENED;
    }
}

static void number_from_wire(sparkle_number *number, const char *digits, int plan, int presentation)
{
    sc_copy_text(number->digits, sizeof number->digits, digits);
    number->type_of_number = (plan >> 4) & 0x07;
    number->numbering_plan = plan & 0x0F;
    int indicator = (presentation >> 5) & 0x03;
    number->presentation = indicator > 2 ? 2 : indicator;
}

static int setup_call(struct pri *pri, q931_call *call, int timeslot, const sparkle_number *calling,
                      const sparkle_number *called)
{
    struct pri_sr *request = pri_sr_new();
    if (!request) {
        return -1;
    }
    char calling_digits[SPARKLE_NUMBER_BYTES];
    char called_digits[SPARKLE_NUMBER_BYTES];
    sc_copy_text(calling_digits, sizeof calling_digits, calling->digits);
    sc_copy_text(called_digits, sizeof called_digits, called->digits);
    pri_sr_set_channel(request, timeslot, 1, 0);
    pri_sr_set_bearer(request, PRI_TRANS_CAP_SPEECH, PRI_LAYER_1_ALAW);
    pri_sr_set_called(request, called_digits, plan_of(called), 1);
    pri_sr_set_caller(request, calling_digits, NULL, plan_of(calling), presentation_of(calling));
    int result = pri_setup(pri, call, request);
    pri_sr_free(request);
    return result;
}

static int find_call(sim_port *p, int channels, q931_call *call, int far)
{
    for (int c = 1; c <= channels; c++) {
        if (call && (far ? p->channels[c].far_call : p->channels[c].call) == call) {
            return c;
        }
    }
    return 0;
}

/* Our side's Q.931 events become card events. */
static void handle_our_event(sc_card *card, int port, pri_event *e)
{
    sim_port *p = &sim_of(card)->ports[port];
    int channels = card->ports[port].channels;
    switch (e->e) {
    case PRI_EVENT_DCHAN_UP:
    case PRI_EVENT_DCHAN_DOWN: {
        uint32_t old = card->ports[port].alarms;
        if (e->e == PRI_EVENT_DCHAN_UP) {
            card->ports[port].alarms &= ~SPARKLE_ALARM_D_CHANNEL_DOWN;
        } else {
            card->ports[port].alarms |= SPARKLE_ALARM_D_CHANNEL_DOWN;
        }
        if (old != card->ports[port].alarms) {
            push(card, SPARKLE_EVENT_ALARM, port, 0, 0);
        }
        break;
    }
    case PRI_EVENT_RING: {
        int channel = channel_of(timeslot_in(e->ring.channel));
        if (channel < 1 || channel > channels || p->channels[channel].state != CH_IDLE) {
            /* Q.850 cause 44: the exchange picked a channel we cannot take. */
            pri_hangup(p->pri, e->ring.call, PRI_CAUSE_REQUESTED_CHAN_UNAVAIL);
            break;
        }
        sim_channel *ch = &p->channels[channel];
        ch->call = e->ring.call;
        set_state(card, port, ch, CH_INCOMING);
        pri_proceeding(p->pri, ch->call, timeslot_of(channel), 0);
        pri_acknowledge(p->pri, ch->call, timeslot_of(channel), 0);

        sparkle_event event;
        memset(&event, 0, sizeof event);
        event.type = SPARKLE_EVENT_INCOMING;
        event.port = port;
        event.channel = channel;
        number_from_wire(&event.calling, e->ring.callingnum, e->ring.callingplan, e->ring.callingpres);
        number_from_wire(&event.called, e->ring.callednum, e->ring.calledplan, 0);
        sc_push_event_locked(card, &event);
        break;
    }
    case PRI_EVENT_RINGING: {
        int channel = find_call(p, channels, e->ringing.call, 0);
        if (channel) {
            push(card, SPARKLE_EVENT_RINGING, port, channel, 0);
        }
        break;
    }
    case PRI_EVENT_ANSWER: {
        int channel = find_call(p, channels, e->answer.call, 0);
        if (channel) {
            set_state(card, port, &p->channels[channel], CH_UP);
            push(card, SPARKLE_EVENT_ANSWERED, port, channel, 0);
        }
        break;
    }
    case PRI_EVENT_HANGUP_REQ:
    case PRI_EVENT_HANGUP: {
        int channel = find_call(p, channels, e->hangup.call, 0);
        /* libpri leaves the RELEASE to us on DISCONNECT, and wants pri_hangup after RELEASE too. */
        pri_hangup(p->pri, e->hangup.call, e->hangup.cause);
        if (channel) {
            set_state(card, port, &p->channels[channel], CH_IDLE);
            push(card, SPARKLE_EVENT_HANGUP, port, channel, e->hangup.cause);
        }
        break;
    }
    case PRI_EVENT_RESTART: {
        int channel = channel_of(timeslot_in(e->restart.channel));
        if (channel >= 1 && channel <= channels) {
            set_state(card, port, &p->channels[channel], CH_IDLE);
            push(card, SPARKLE_EVENT_RESTART, port, channel, 0);
        }
        break;
    }
    default:
        break;
    }
}

/* The far exchange behaves like a network: it alerts at once on our SETUP and waits for the
 * control socket to answer. */
static void handle_far_event(sc_card *card, int port, pri_event *e)
{
    sim *s = sim_of(card);
    sim_port *p = &s->ports[port];
    int channels = card->ports[port].channels;
    switch (e->e) {
    case PRI_EVENT_RING: {
        int channel = channel_of(timeslot_in(e->ring.channel));
        if (channel < 1 || channel > channels) {
            pri_hangup(p->far, e->ring.call, PRI_CAUSE_REQUESTED_CHAN_UNAVAIL);
            break;
        }
        p->channels[channel].far_call = e->ring.call;
        pri_proceeding(p->far, e->ring.call, timeslot_of(channel), 0);
        pri_acknowledge(p->far, e->ring.call, timeslot_of(channel), 1);
        notify(s, "event setup port=%d channel=%d calling=%s called=%s plan=%d pres=%d", port, channel,
               e->ring.callingnum, e->ring.callednum, e->ring.calledplan, e->ring.callingpres);
        break;
    }
    case PRI_EVENT_ANSWER: {
        int channel = find_call(p, channels, e->answer.call, 1);
        if (channel) {
            notify(s, "event connect port=%d channel=%d", port, channel);
        }
        break;
    }
    case PRI_EVENT_HANGUP_REQ:
    case PRI_EVENT_HANGUP: {
        int channel = find_call(p, channels, e->hangup.call, 1);
        pri_hangup(p->far, e->hangup.call, e->hangup.cause);
        if (channel) {
            p->channels[channel].far_call = NULL;
            notify(s, "event release port=%d channel=%d cause=%d", port, channel, e->hangup.cause);
        }
        break;
    }
    case PRI_EVENT_RESTART_ACK:
        notify(s, "event restarted port=%d channel=%d", port, channel_of(timeslot_in(e->restartack.channel)));
        break;
    case PRI_EVENT_DCHAN_UP:
        notify(s, "event dchannel port=%d up", port);
        break;
    default:
        break;
    }
}

static int32_t sim_dial(sc_card *card, int32_t port, int32_t channel, const sparkle_number *calling,
                        const sparkle_number *called, int32_t *chosen)
{
    sim *s = sim_of(card);
    sim_port *p = &s->ports[port];
    if (channel == -1) {
        for (int c = card->ports[port].channels; c >= 1 && channel == -1; c--) {
            if (p->channels[c].state == CH_IDLE) {
                channel = c; /* from the top, as Q.931 CPEs do to avoid glare with the network */
            }
        }
        if (channel == -1) {
            return SPARKLE_E_BUSY;
        }
    } else if (p->channels[channel].state != CH_IDLE) {
        return SPARKLE_E_BUSY;
    }

    sim_channel *ch = &p->channels[channel];
    if (is_pri(card, port)) {
        q931_call *call = pri_new_call(p->pri);
        if (!call || setup_call(p->pri, call, timeslot_of(channel), calling, called) != 0) {
            return SPARKLE_E_IO;
        }
        ch->call = call;
    } else {
        notify(s, "event setup port=%d channel=%d calling=%s called=%s plan=0 pres=0", port, channel,
               calling->digits, called->digits);
    }
    set_state(card, port, ch, CH_OUTGOING);
    *chosen = channel;
    wake_thread(s);
    return SPARKLE_OK;
}

static int32_t sim_answer(sc_card *card, int32_t port, int32_t channel)
{
    sim *s = sim_of(card);
    sim_channel *ch = &s->ports[port].channels[channel];
    if (ch->state != CH_INCOMING) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (is_pri(card, port)) {
        pri_answer(s->ports[port].pri, ch->call, timeslot_of(channel), 0);
    } else {
        notify(s, "event connect port=%d channel=%d", port, channel);
    }
    set_state(card, port, ch, CH_UP);
    wake_thread(s);
    return SPARKLE_OK;
}

static int32_t sim_hangup(sc_card *card, int32_t port, int32_t channel, int32_t cause)
{
    sim *s = sim_of(card);
    sim_channel *ch = &s->ports[port].channels[channel];
    if (ch->state == CH_IDLE) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (is_pri(card, port)) {
        pri_hangup(s->ports[port].pri, ch->call, cause);
    } else {
        notify(s, "event release port=%d channel=%d cause=%d", port, channel, cause);
    }
    set_state(card, port, ch, CH_IDLE);
    wake_thread(s);
    return SPARKLE_OK;
}

static int32_t sim_send_digit(sc_card *card, int32_t port, int32_t channel, int32_t digit)
{
    sim *s = sim_of(card);
    if (s->ports[port].channels[channel].state != CH_UP) {
        return SPARKLE_E_WRONG_STATE;
    }
    notify(s, "event digit port=%d channel=%d digit=%c", port, channel, (char)digit);
    return SPARKLE_OK;
}

/* The meter counts zero crossings of what the appliance sends, which is enough to tell tones apart. */
static int32_t sim_write_audio(sc_card *card, int32_t port, int32_t channel, const uint8_t *frame)
{
    sim_channel *ch = &sim_of(card)->ports[port].channels[channel];
    if (ch->state != CH_UP) {
        return SPARKLE_E_WRONG_STATE;
    }
    for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
        int sample = sc_alaw_decode(frame[i]);
        int sign = sample >= 0;
        if (sign != ch->heard_last_sign) {
            ch->heard_crossings++;
        }
        ch->heard_last_sign = sign;
        ch->heard_energy += (double)sample * sample;
    }
    ch->heard_frames++;
    return SPARKLE_OK;
}

static int32_t sim_read_audio(sc_card *card, int32_t port, int32_t channel, uint8_t *frame)
{
    sim_channel *ch = &sim_of(card)->ports[port].channels[channel];
    if (ch->state != CH_UP) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (ch->to_app_count == 0) {
        return SPARKLE_E_TIMEOUT;
    }
    memcpy(frame, ch->to_app[ch->to_app_head], SPARKLE_FRAME_BYTES);
    ch->to_app_head = (ch->to_app_head + 1) % SIM_AUDIO_FRAMES;
    ch->to_app_count--;
    return SPARKLE_OK;
}

static void generate_audio(sc_card *card)
{
    sim *s = sim_of(card);
    for (int port = 0; port < card->port_count; port++) {
        for (int c = 1; c <= card->ports[port].channels; c++) {
            sim_channel *ch = &s->ports[port].channels[c];
            if (ch->state != CH_UP || ch->tone_hz <= 0) {
                continue;
            }
            if (ch->to_app_count == SIM_AUDIO_FRAMES) {
                ch->to_app_head = (ch->to_app_head + 1) % SIM_AUDIO_FRAMES;
                ch->to_app_count--;
            }
            uint8_t *frame = ch->to_app[(ch->to_app_head + ch->to_app_count) % SIM_AUDIO_FRAMES];
            for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
                frame[i] = sc_alaw_encode((int16_t)(8000.0 * sin(ch->tone_phase)));
                ch->tone_phase = fmod(ch->tone_phase + 2.0 * M_PI * ch->tone_hz / 8000.0, 2.0 * M_PI);
            }
            ch->to_app_count++;
        }
    }
}

/* Parses "port channel" and checks both; 0 and a reply on failure. */
static int parse_channel(sc_card *card, const char *port_text, const char *channel_text, int *port,
                         int *channel, char *reply, size_t size)
{
    char *end = NULL;
    long p = port_text ? strtol(port_text, &end, 10) : -1;
    if (!port_text || *end || p < 0 || p >= card->port_count) {
        snprintf(reply, size, "error unknown port");
        return 0;
    }
    long c = channel_text ? strtol(channel_text, &end, 10) : -1;
    if (!channel_text || *end || c < 1 || c > card->ports[p].channels) {
        snprintf(reply, size, "error unknown channel");
        return 0;
    }
    *port = (int)p;
    *channel = (int)c;
    return 1;
}

static void far_call(sc_card *card, char **words, int count, char *reply, size_t size)
{
    sim *s = sim_of(card);
    char *end = NULL;
    long port = count > 3 ? strtol(words[1], &end, 10) : -1;
    if (count < 4 || *end || port < 0 || port >= card->port_count) {
        snprintf(reply, size, "error usage: call <port> <calling> <called> [channel=N] [ton=N] [plan=N] "
                              "[pres=allowed|restricted|unavailable]");
        return;
    }
    if (card->ports[port].alarms != 0) {
        snprintf(reply, size, "error port in alarm");
        return;
    }

    sparkle_number calling = { .type_of_number = 2, .numbering_plan = 1 };
    sparkle_number called = { .type_of_number = 2, .numbering_plan = 1 };
    sc_copy_text(calling.digits, sizeof calling.digits, words[2]);
    sc_copy_text(called.digits, sizeof called.digits, words[3]);
    int channel = 0;
    for (int i = 4; i < count; i++) {
        if (strncmp(words[i], "channel=", 8) == 0) {
            channel = atoi(words[i] + 8);
        } else if (strncmp(words[i], "ton=", 4) == 0) {
            calling.type_of_number = called.type_of_number = atoi(words[i] + 4);
        } else if (strncmp(words[i], "plan=", 5) == 0) {
            calling.numbering_plan = called.numbering_plan = atoi(words[i] + 5);
        } else if (strcmp(words[i], "pres=restricted") == 0) {
            calling.presentation = 1;
        } else if (strcmp(words[i], "pres=unavailable") == 0) {
            calling.presentation = 2;
        }
    }
    sim_port *p = &s->ports[port];
    for (int c = 1; c <= card->ports[port].channels && channel == 0; c++) {
        if (p->channels[c].state == CH_IDLE) {
            channel = c; /* the network picks from the bottom */
        }
    }
    if (channel < 1 || channel > card->ports[port].channels || p->channels[channel].state != CH_IDLE) {
        snprintf(reply, size, "error no free channel");
        return;
    }

    sim_channel *ch = &p->channels[channel];
    if (is_pri(card, (int)port)) {
        q931_call *call = pri_new_call(p->far);
        if (!call || setup_call(p->far, call, timeslot_of(channel), &calling, &called) != 0) {
            snprintf(reply, size, "error setup failed");
            return;
        }
        ch->far_call = call;
    } else {
        set_state(card, (int)port, ch, CH_INCOMING);
        sparkle_event event;
        memset(&event, 0, sizeof event);
        event.type = SPARKLE_EVENT_INCOMING;
        event.port = (int)port;
        event.channel = channel;
        event.calling = calling;
        event.called = called;
        sc_push_event_locked(card, &event);
    }
    snprintf(reply, size, "ok channel=%d", channel);
}

static uint32_t parse_alarms(const char *text)
{
    uint32_t alarms = 0;
    alarms |= strstr(text, "LOS") ? SPARKLE_ALARM_LOS : 0;
    alarms |= strstr(text, "AIS") ? SPARKLE_ALARM_AIS : 0;
    alarms |= strstr(text, "RAI") ? SPARKLE_ALARM_RAI : 0;
    alarms |= strstr(text, "NOBATTERY") ? SPARKLE_ALARM_NO_BATTERY : 0;
    return alarms;
}

static void run_command(sc_card *card, char *line, char *reply, size_t size)
{
    sim *s = sim_of(card);
    char *words[12];
    int count = 0;
    for (char *save = NULL, *word = strtok_r(line, " \t\r", &save); word && count < 12;
         word = strtok_r(NULL, " \t\r", &save)) {
        words[count++] = word;
    }
    if (count == 0) {
        snprintf(reply, size, "error empty command");
        return;
    }

    int port = 0;
    int channel = 0;
    const char *verb = words[0];
    if (strcmp(verb, "ports") == 0) {
        int used = snprintf(reply, size, "ok");
        for (int i = 0; i < card->port_count && used < (int)size; i++) {
            used += snprintf(reply + used, size - (size_t)used, " %s:%d:alarms=%u:busy=%d", card->ports[i].name,
                             card->ports[i].channels, card->ports[i].alarms, card->ports[i].busy_channels);
        }
    } else if (strcmp(verb, "call") == 0) {
        far_call(card, words, count, reply, size);
    } else if (strcmp(verb, "alarm") == 0 && count == 3) {
        long p = strtol(words[1], NULL, 10);
        if (p < 0 || p >= card->port_count) {
            snprintf(reply, size, "error unknown port");
            return;
        }
        uint32_t kept = card->ports[p].alarms & SPARKLE_ALARM_D_CHANNEL_DOWN;
        card->ports[p].alarms = kept | parse_alarms(words[2]);
        push(card, SPARKLE_EVENT_ALARM, (int)p, 0, 0);
        snprintf(reply, size, "ok alarms=%u", card->ports[p].alarms);
    } else if (count < 3 || !parse_channel(card, words[1], words[2], &port, &channel, reply, size)) {
        if (count < 3) {
            snprintf(reply, size, "error unknown command or missing port and channel");
        }
    } else {
        sim_port *p = &s->ports[port];
        sim_channel *ch = &p->channels[channel];
        if (strcmp(verb, "answer") == 0) {
            if (ch->state != CH_OUTGOING) {
                snprintf(reply, size, "error channel is %s", s_state_names[ch->state]);
            } else if (is_pri(card, port)) {
                pri_answer(p->far, ch->far_call, timeslot_of(channel), 0);
                snprintf(reply, size, "ok");
            } else {
                set_state(card, port, ch, CH_UP);
                push(card, SPARKLE_EVENT_ANSWERED, port, channel, 0);
                snprintf(reply, size, "ok");
            }
        } else if (strcmp(verb, "hangup") == 0) {
            int cause = count > 3 ? atoi(words[3]) : PRI_CAUSE_NORMAL_CLEARING;
            if (cause < 1 || cause > 127) {
                snprintf(reply, size, "error cause must be 1-127");
            } else if (is_pri(card, port) && ch->far_call) {
                pri_hangup(p->far, ch->far_call, cause);
                ch->far_call = NULL;
                snprintf(reply, size, "ok");
            } else if (!is_pri(card, port) && ch->state != CH_IDLE) {
                set_state(card, port, ch, CH_IDLE);
                push(card, SPARKLE_EVENT_HANGUP, port, channel, cause);
                snprintf(reply, size, "ok");
            } else {
                snprintf(reply, size, "error no call on channel");
            }
        } else if (strcmp(verb, "digits") == 0 && count > 3) {
            for (const char *d = words[3]; *d; d++) {
                if (strchr("0123456789*#ABCD", *d)) {
                    sparkle_event event = { .type = SPARKLE_EVENT_DIGIT, .port = port, .channel = channel, .digit = *d };
                    sc_push_event_locked(card, &event);
                }
            }
            snprintf(reply, size, "ok");
        } else if (strcmp(verb, "tone") == 0 && count > 3) {
            ch->tone_hz = atof(words[3]);
            snprintf(reply, size, "ok");
        } else if (strcmp(verb, "heard") == 0) {
            double seconds = ch->heard_frames * SIM_TICK_MS / 1000.0;
            double hz = seconds > 0 ? ch->heard_crossings / 2.0 / seconds : 0;
            double samples = ch->heard_frames * (double)SPARKLE_FRAME_BYTES;
            double rms = samples > 0 ? sqrt(ch->heard_energy / samples) : 0;
            snprintf(reply, size, "ok frames=%ld hz=%.0f rms=%.0f", ch->heard_frames, hz, rms);
            ch->heard_frames = ch->heard_crossings = 0;
            ch->heard_energy = 0;
        } else if (strcmp(verb, "state") == 0) {
            snprintf(reply, size, "ok %s", s_state_names[ch->state]);
        } else if (strcmp(verb, "restart") == 0 && is_pri(card, port)) {
            pri_reset(p->far, timeslot_of(channel));
            snprintf(reply, size, "ok");
        } else {
            snprintf(reply, size, "error unknown command %s", verb);
        }
    }
}

static void read_client(sc_card *card, sim_client *client)
{
    char buffer[SIM_LINE];
    ssize_t got = recv(client->fd, buffer, sizeof buffer, 0);
    if (got <= 0) {
        close(client->fd);
        client->fd = -1;
        return;
    }
    for (ssize_t i = 0; i < got; i++) {
        if (buffer[i] != '\n') {
            if (client->length < SIM_LINE - 1) {
                client->line[client->length++] = buffer[i];
            } else {
                client->length = SIM_LINE; /* marks an over-long line, answered at its end */
            }
            continue;
        }
        char reply[SIM_LINE * 2];
        if (client->length >= SIM_LINE) {
            snprintf(reply, sizeof reply, "error line too long");
        } else {
            client->line[client->length] = '\0';
            run_command(card, client->line, reply, sizeof reply - 1);
        }
        client->length = 0;
        size_t length = strlen(reply);
        reply[length++] = '\n';
        if (send(client->fd, reply, length, MSG_NOSIGNAL) < 0) {
            close(client->fd);
            client->fd = -1;
            return;
        }
    }
}

static long ms_until(const struct timespec *when)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (when->tv_sec - now.tv_sec) * 1000 + (when->tv_nsec - now.tv_nsec) / 1000000;
    return ms < 0 ? 0 : ms;
}

static long pri_timeout_ms(struct pri *pri, long current)
{
    struct timeval *next = pri_schedule_next(pri);
    if (!next) {
        return current;
    }
    struct timeval now;
    gettimeofday(&now, NULL);
    long ms = (next->tv_sec - now.tv_sec) * 1000 + (next->tv_usec - now.tv_usec) / 1000;
    ms = ms < 0 ? 0 : ms;
    return ms < current ? ms : current;
}

static void *sim_thread(void *argument)
{
    sc_card *card = argument;
    sim *s = sim_of(card);
    struct pollfd fds[2 + SIM_CLIENTS + 2 * SC_MAX_PORTS];
    for (;;) {
        pthread_mutex_lock(&card->lock);
        int stop = s->stop;
        int n = 0;
        fds[n++] = (struct pollfd){ .fd = s->wake[0], .events = POLLIN };
        fds[n++] = (struct pollfd){ .fd = s->listen_fd, .events = POLLIN };
        for (int i = 0; i < SIM_CLIENTS; i++) {
            fds[n++] = (struct pollfd){ .fd = s->clients[i].fd, .events = POLLIN };
        }
        long timeout = ms_until(&s->next_tick);
        for (int port = 0; port < card->port_count; port++) {
            struct pollfd idle = { .fd = -1 };
            fds[n++] = is_pri(card, port) ? (struct pollfd){ .fd = s->ports[port].fds[0], .events = POLLIN } : idle;
            fds[n++] = is_pri(card, port) ? (struct pollfd){ .fd = s->ports[port].fds[1], .events = POLLIN } : idle;
            if (is_pri(card, port)) {
                timeout = pri_timeout_ms(s->ports[port].pri, timeout);
                timeout = pri_timeout_ms(s->ports[port].far, timeout);
            }
        }
        pthread_mutex_unlock(&card->lock);
        if (stop) {
            return NULL;
        }

        poll(fds, (nfds_t)n, (int)timeout);

        pthread_mutex_lock(&card->lock);
        if (fds[0].revents & POLLIN) {
            char drain[64];
            while (read(s->wake[0], drain, sizeof drain) > 0) {
            }
        }
        if (fds[1].revents & POLLIN) {
            int fd = accept(s->listen_fd, NULL, NULL);
            int slot = 0;
            while (fd >= 0 && slot < SIM_CLIENTS && s->clients[slot].fd >= 0) {
                slot++;
            }
            if (fd >= 0 && slot == SIM_CLIENTS) {
                close(fd);
            } else if (fd >= 0) {
                s->clients[slot].fd = fd;
                s->clients[slot].length = 0;
            }
        }
        for (int i = 0; i < SIM_CLIENTS; i++) {
            if (s->clients[i].fd >= 0 && fds[2 + i].revents & (POLLIN | POLLHUP | POLLERR)) {
                read_client(card, &s->clients[i]);
            }
        }
        for (int port = 0; port < card->port_count; port++) {
            if (!is_pri(card, port)) {
                continue;
            }
            sim_port *p = &s->ports[port];
            pri_event *e;
            if (fds[2 + SIM_CLIENTS + 2 * port].revents & POLLIN && (e = pri_check_event(p->pri))) {
                handle_our_event(card, port, e);
            }
            if (fds[3 + SIM_CLIENTS + 2 * port].revents & POLLIN && (e = pri_check_event(p->far))) {
                handle_far_event(card, port, e);
            }
            if ((e = pri_schedule_run(p->pri))) {
                handle_our_event(card, port, e);
            }
            if ((e = pri_schedule_run(p->far))) {
                handle_far_event(card, port, e);
            }
        }
        if (ms_until(&s->next_tick) == 0) {
            generate_audio(card);
            s->next_tick.tv_nsec += SIM_TICK_MS * 1000000L;
            if (s->next_tick.tv_nsec >= 1000000000L) {
                s->next_tick.tv_sec++;
                s->next_tick.tv_nsec -= 1000000000L;
            }
        }
        pthread_mutex_unlock(&card->lock);
    }
}

static void sim_stop(sc_card *card)
{
    sim *s = sim_of(card);
    pthread_mutex_lock(&card->lock);
    s->stop = 1;
    pthread_mutex_unlock(&card->lock);
    wake_thread(s);
    if (s->thread_started) {
        pthread_join(s->thread, NULL);
        s->thread_started = 0;
    }
}

static void sim_destroy(sc_card *card)
{
    sim *s = sim_of(card);
    if (!s) {
        return;
    }
    for (int i = 0; i < SIM_CLIENTS; i++) {
        if (s->clients[i].fd >= 0) {
            close(s->clients[i].fd);
        }
    }
    for (int port = 0; port < SC_MAX_PORTS; port++) {
        /* libpri 1.6 offers no call that frees a D-channel controller, so both stay allocated;
         * tests/valgrind.supp names them. */
        for (int i = 0; i < 2; i++) {
            if (s->ports[port].fds[i] >= 0) {
                close(s->ports[port].fds[i]);
            }
        }
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        unlink(s->path);
    }
    for (int i = 0; i < 2; i++) {
        if (s->wake[i] >= 0) {
            close(s->wake[i]);
        }
    }
    free(s);
    card->backend = NULL;
}

static const sc_backend_ops s_sim_ops = {
    .stop = sim_stop,
    .destroy = sim_destroy,
    .dial = sim_dial,
    .answer = sim_answer,
    .hangup = sim_hangup,
    .send_digit = sim_send_digit,
    .write_audio = sim_write_audio,
    .read_audio = sim_read_audio,
};

static void quiet(struct pri *pri, char *text)
{
    (void)pri;
    if (getenv("SPARKLE_CARD_DEBUG")) {
        fputs(text, stderr);
    }
}

static void add_ports(sc_card *card, int kind, int count, const char *prefix, int channels)
{
    for (int i = 0; i < count && card->port_count < SC_MAX_PORTS; i++) {
        sparkle_port_info *info = &card->ports[card->port_count];
        info->port = card->port_count;
        info->kind = kind;
        info->channels = channels;
        info->law = SPARKLE_LAW_ALAW;
        snprintf(info->name, sizeof info->name, "%s-%d", prefix, i);
        card->port_count++;
    }
}

static int count_option(const char *options, const char *key, int fallback)
{
    const char *found = options ? strstr(options, key) : NULL;
    if (!found) {
        return fallback;
    }
    int value = atoi(found + strlen(key));
    return value < 0 ? 0 : value;
}

int32_t sc_sim_open(sc_card *card, const char *spec)
{
    sim *s = calloc(1, sizeof *s);
    if (!s) {
        return SPARKLE_E_NO_MEMORY;
    }
    card->backend = s;
    card->ops = &s_sim_ops;
    s->listen_fd = -1;
    s->wake[0] = s->wake[1] = -1;
    for (int i = 0; i < SIM_CLIENTS; i++) {
        s->clients[i].fd = -1;
    }
    for (int port = 0; port < SC_MAX_PORTS; port++) {
        s->ports[port].fds[0] = s->ports[port].fds[1] = -1;
    }

    const char *options = strchr(spec, '?');
    size_t path_length = options ? (size_t)(options - spec) : strlen(spec);
    if (path_length == 0 || path_length >= sizeof s->path) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    memcpy(s->path, spec, path_length);
    s->path[path_length] = '\0';
    add_ports(card, SPARKLE_PORT_E1_PRI, count_option(options, "e1=", 1), "e1", SC_MAX_CHANNELS);
    add_ports(card, SPARKLE_PORT_FXO, count_option(options, "fxo=", 2), "fxo", 1);
    add_ports(card, SPARKLE_PORT_GSM, count_option(options, "gsm=", 2), "gsm", 1);

    pri_set_error(quiet);
    pri_set_message(quiet);
    for (int port = 0; port < card->port_count; port++) {
        if (!is_pri(card, port)) {
            continue;
        }
        sim_port *p = &s->ports[port];
        /* SOCK_SEQPACKET keeps HDLC frame boundaries, as a DAHDI D channel does. */
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, p->fds) != 0) {
            return SPARKLE_E_IO;
        }
        p->pri = pri_new(p->fds[0], PRI_CPE, PRI_SWITCH_EUROISDN_E1);
        p->far = pri_new(p->fds[1], PRI_NETWORK, PRI_SWITCH_EUROISDN_E1);
        if (!p->pri || !p->far) {
            return SPARKLE_E_NO_MEMORY;
        }
        card->ports[port].alarms = SPARKLE_ALARM_D_CHANNEL_DOWN;
    }

    if (pipe2(s->wake, O_NONBLOCK | O_CLOEXEC) != 0) {
        return SPARKLE_E_IO;
    }
    s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    memcpy(address.sun_path, s->path, path_length + 1);
    unlink(s->path);
    if (s->listen_fd < 0 || bind(s->listen_fd, (struct sockaddr *)&address, sizeof address) != 0 ||
        listen(s->listen_fd, SIM_CLIENTS) != 0) {
        return SPARKLE_E_IO;
    }
    chmod(s->path, 0660);

    clock_gettime(CLOCK_MONOTONIC, &s->next_tick);
    if (pthread_create(&s->thread, NULL, sim_thread, card) != 0) {
        return SPARKLE_E_NO_MEMORY;
    }
    s->thread_started = 1;
    return SPARKLE_OK;
}
