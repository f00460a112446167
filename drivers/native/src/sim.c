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
#include <unistd.h>

#include "g711.h"
#include "parse.h"
#include "sim_internal.h"
#include "sim_r2.h"

void sim_wake_thread(sim *s)
{
    char byte = 1;
    if (write(s->wake[1], &byte, 1) < 0 && errno != EAGAIN) {
        /* A full pipe already wakes the thread; nothing else can fail here. */
    }
}

void sim_notify(sim *s, const char *format, ...)
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

void sim_push(sc_card *card, int type, int port, int channel, int cause)
{
    sc_push(card, type, port, channel, cause);
}

void sim_set_state(sc_card *card, int port, sim_channel *ch, int state)
{
    int was_busy = ch->state != CH_IDLE;
    ch->state = state;
    if (state == CH_IDLE) {
        /* The far exchange's call lives on until its own side clears it. */
        ch->call = NULL;
        ch->tone_hz = 0;
        ch->tone_on_ms = ch->tone_off_ms = 0;
        ch->to_app_count = 0;
        sim_line_release(ch);
        sim_hybrid_release(ch);
    } else if (state == CH_UP) {
        sim_line_release(ch);
        sim_hybrid_start(card, port, ch);
    }
    card->ports[port].busy_channels += (state != CH_IDLE) - was_busy;
}

static int32_t sim_dial(sc_card *card, int32_t port, int32_t channel, const sparkle_number *calling,
                        const sparkle_number *called, int32_t *chosen)
{
    sim *s = sim_of(card);
    sim_port *p = &s->ports[port];
    if (channel == -1) {
        for (int c = card->ports[port].channels; c >= 1 && channel == -1; c--) {
            if (p->channels[c].state == CH_IDLE && (!is_r2(card, port) || sim_r2_line_free(p, c))) {
                /* from the top, as Q.931 CPEs and R2 outgoing ends do to avoid glare */
                channel = c;
            }
        }
        if (channel == -1) {
            return SPARKLE_E_BUSY;
        }
    } else if (p->channels[channel].state != CH_IDLE ||
               (is_r2(card, port) && !sim_r2_line_free(p, channel))) {
        return SPARKLE_E_BUSY;
    }

    sim_channel *ch = &p->channels[channel];
    if (is_r2(card, port)) {
        /* The state goes first: openr2 may refuse the call before sim_r2_dial returns. */
        sim_set_state(card, port, ch, CH_OUTGOING);
        int32_t status = sim_r2_dial(card, port, channel, calling, called);
        if (status != SPARKLE_OK) {
            sim_set_state(card, port, ch, CH_IDLE);
            return status;
        }
        *chosen = channel;
        return SPARKLE_OK;
    }
    if (is_pri(card, port)) {
        q931_call *call = pri_new_call(p->pri);
        if (!call || sc_pri_setup_call(p->pri, call, timeslot_of(channel), calling, called) != 0) {
            return SPARKLE_E_IO;
        }
        ch->call = call;
    } else {
        sim_notify(s, "event setup port=%d channel=%d calling=%s called=%s plan=0 pres=0", port, channel,
                   calling->digits, called->digits);
    }
    sim_set_state(card, port, ch, CH_OUTGOING);
    *chosen = channel;
    sim_wake_thread(s);
    return SPARKLE_OK;
}

static int32_t sim_answer(sc_card *card, int32_t port, int32_t channel)
{
    sim *s = sim_of(card);
    sim_channel *ch = &s->ports[port].channels[channel];
    if (ch->state != CH_INCOMING) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (is_r2(card, port)) {
        sim_set_state(card, port, ch, CH_UP);
        return sim_r2_answer(card, port, channel);
    }
    if (is_pri(card, port)) {
        pri_answer(s->ports[port].pri, ch->call, timeslot_of(channel), 0);
    } else {
        sim_notify(s, "event connect port=%d channel=%d", port, channel);
    }
    sim_set_state(card, port, ch, CH_UP);
    sim_wake_thread(s);
    return SPARKLE_OK;
}

static int32_t sim_hangup(sc_card *card, int32_t port, int32_t channel, int32_t cause)
{
    sim *s = sim_of(card);
    sim_channel *ch = &s->ports[port].channels[channel];
    if (ch->state == CH_IDLE) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (is_r2(card, port)) {
        return sim_r2_hangup(card, port, channel, cause); /* idle first, then openr2 clears */
    }
    if (is_pri(card, port)) {
        pri_hangup(s->ports[port].pri, ch->call, cause);
    } else {
        sim_notify(s, "event release port=%d channel=%d cause=%d", port, channel, cause);
    }
    sim_set_state(card, port, ch, CH_IDLE);
    sim_wake_thread(s);
    return SPARKLE_OK;
}

static int32_t sim_send_digit(sc_card *card, int32_t port, int32_t channel, int32_t digit)
{
    sim *s = sim_of(card);
    if (s->ports[port].channels[channel].state != CH_UP) {
        return SPARKLE_E_WRONG_STATE;
    }
    sim_notify(s, "event digit port=%d channel=%d digit=%c", port, channel, (char)digit);
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
    if (card->ports[port].kind == SPARKLE_PORT_FXO) {
        sim_hybrid_sent(ch, frame);
    }
    return SPARKLE_OK;
}

static int32_t sim_read_audio(sc_card *card, int32_t port, int32_t channel, uint8_t *frame)
{
    sim_channel *ch = &sim_of(card)->ports[port].channels[channel];
    /* An FXO port hears its line on hook too: caller ID arrives between the rings. */
    int on_hook_audio = ch->state == CH_INCOMING && card->ports[port].kind == SPARKLE_PORT_FXO;
    if (ch->state != CH_UP && !on_hook_audio) {
        return SPARKLE_E_WRONG_STATE;
    }
    if (on_hook_audio && ch->ring_period_ticks > 0) {
        return sim_line_read(ch, frame) ? SPARKLE_OK : SPARKLE_E_TIMEOUT;
    }
    if (ch->to_app_count == 0) {
        return SPARKLE_E_TIMEOUT;
    }
    memcpy(frame, ch->to_app[ch->to_app_head], SPARKLE_FRAME_BYTES);
    ch->to_app_head = (ch->to_app_head + 1) % SIM_AUDIO_FRAMES;
    ch->to_app_count--;
    return SPARKLE_OK;
}

static uint8_t *next_frame(sim_channel *ch)
{
    if (ch->to_app_count == SIM_AUDIO_FRAMES) {
        ch->to_app_head = (ch->to_app_head + 1) % SIM_AUDIO_FRAMES;
        ch->to_app_count--;
    }
    return ch->to_app[(ch->to_app_head + ch->to_app_count++) % SIM_AUDIO_FRAMES];
}

/* A cadenced tone (busy, congestion) is silent in its off part but keeps its phase. */
static int tone_sounding(sim_channel *ch)
{
    int period = ch->tone_on_ms + ch->tone_off_ms;
    int on = period == 0 || ch->tone_clock_ms % period < ch->tone_on_ms;
    ch->tone_clock_ms += SIM_TICK_MS;
    return on;
}

static void generate_audio(sc_card *card)
{
    sim *s = sim_of(card);
    for (int port = 0; port < card->port_count; port++) {
        for (int c = 1; c <= card->ports[port].channels; c++) {
            sim_channel *ch = &s->ports[port].channels[c];
            if (ch->state == CH_INCOMING && ch->ring_period_ticks > 0) {
                uint8_t on_hook[SPARKLE_FRAME_BYTES]; /* kept in the line signal for sim_line_read */
                if (sim_line_tick(ch, on_hook)) {
                    sim_push(card, SPARKLE_EVENT_RING, port, c, 0);
                }
                continue;
            }
            /* An FXO line always returns audio once off hook: at least the echo of what we send. */
            int fxo = card->ports[port].kind == SPARKLE_PORT_FXO;
            if (ch->state != CH_UP || (ch->tone_hz <= 0 && !fxo)) {
                continue;
            }
            int16_t far[SPARKLE_FRAME_BYTES];
            double level = ch->tone_hz > 0 && tone_sounding(ch) ? 8000.0 : 0.0;
            for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
                far[i] = (int16_t)(level * sin(ch->tone_phase));
                ch->tone_phase = fmod(ch->tone_phase + 2.0 * M_PI * ch->tone_hz / 8000.0, 2.0 * M_PI);
            }
            uint8_t *frame = next_frame(ch);
            if (fxo) {
                sim_hybrid_tick(&s->ports[port], ch, far, frame);
                continue;
            }
            for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
                frame[i] = sc_alaw_encode(far[i]);
            }
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
        fds[n++] = (struct pollfd){.fd = s->wake[0], .events = POLLIN};
        fds[n++] = (struct pollfd){.fd = s->listen_fd, .events = POLLIN};
        for (int i = 0; i < SIM_CLIENTS; i++) {
            fds[n++] = (struct pollfd){.fd = s->clients[i].fd, .events = POLLIN};
        }
        long timeout = ms_until(&s->next_tick);
        for (int port = 0; port < card->port_count; port++) {
            struct pollfd idle = {.fd = -1};
            fds[n++] =
                is_pri(card, port) ? (struct pollfd){.fd = s->ports[port].fds[0], .events = POLLIN} : idle;
            fds[n++] =
                is_pri(card, port) ? (struct pollfd){.fd = s->ports[port].fds[1], .events = POLLIN} : idle;
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
                static const char full[] = "error too many control clients (" SIM_CLIENTS_TEXT ")\n";
                ssize_t told = send(fd, full, sizeof full - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
                (void)told;
                close(fd);
            } else if (fd >= 0) {
                s->clients[slot].fd = fd;
                s->clients[slot].length = 0;
                s->clients[slot].has_nul = 0;
            }
        }
        for (int i = 0; i < SIM_CLIENTS; i++) {
            if (s->clients[i].fd >= 0 && fds[2 + i].revents & (POLLIN | POLLHUP | POLLERR)) {
                sim_read_client(card, &s->clients[i]);
            }
        }
        for (int port = 0; port < card->port_count; port++) {
            if (!is_pri(card, port)) {
                continue;
            }
            sim_port *p = &s->ports[port];
            pri_event *e;
            if (fds[2 + SIM_CLIENTS + 2 * port].revents & POLLIN && (e = pri_check_event(p->pri))) {
                sim_handle_our_event(card, port, e);
            }
            if (fds[3 + SIM_CLIENTS + 2 * port].revents & POLLIN && (e = pri_check_event(p->far))) {
                sim_handle_far_event(card, port, e);
            }
            if ((e = pri_schedule_run(p->pri))) {
                sim_handle_our_event(card, port, e);
            }
            if ((e = pri_schedule_run(p->far))) {
                sim_handle_far_event(card, port, e);
            }
        }
        if (ms_until(&s->next_tick) == 0) {
            for (int port = 0; port < card->port_count; port++) {
                if (is_r2(card, port) && s->ports[port].r2) {
                    sim_r2_tick(card, port);
                }
            }
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
    sim_wake_thread(s);
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
        sim_r2_close(&s->ports[port]);
        for (int c = 0; c <= SC_MAX_CHANNELS; c++) {
            sim_line_release(&s->ports[port].channels[c]);
            sim_hybrid_release(&s->ports[port].channels[c]);
        }
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
    }
    struct stat now;
    if (s->owns_path && lstat(s->path, &now) == 0 && now.st_dev == s->path_dev && now.st_ino == s->path_ino) {
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

/* Whether a card already listens on the socket path: a live one answers connect(). A socket file
 * nothing listens on (ECONNREFUSED, left by a card that crashed) is stale and removed so this
 * card can bind; anything else at the path is left for bind() to report. */
static int socket_in_use(const struct sockaddr_un *address)
{
    int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0) {
        return 0;
    }
    int live = connect(probe, (const struct sockaddr *)address, sizeof *address) == 0;
    int refused = !live && errno == ECONNREFUSED;
    close(probe);
    struct stat file;
    if (refused && lstat(address->sun_path, &file) == 0 && S_ISSOCK(file.st_mode)) {
        unlink(address->sun_path);
    }
    return live;
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

/* The options of "sim:<path>?e1=N&fxo=N&gsm=N&spanN=...", each given at most once. */
typedef struct sim_options {
    long counts[3];               /* E1 spans, FXO lines, GSM slots */
    char spans[SC_MAX_PORTS][96]; /* spanN's signalling as written, "" when not given */
} sim_options;

static const char *const s_count_keys[] = {"e1", "fxo", "gsm"};
static const long s_count_defaults[] = {1, 2, 2};

static int32_t refuse_option(const char *format, const char *text)
{
    sc_open_error(format, text);
    return SPARKLE_E_INVALID_ARGUMENT;
}

/* Reads one key=value of the options into out; anything unknown, repeated or out of range fails
 * the open with the option named (sparkle_card_open_error). */
static int32_t read_option(char *item, sim_options *out, int seen[3], int span_seen[SC_MAX_PORTS])
{
    char why[400];
    char *equals = strchr(item, '=');
    if (!equals) {
        return refuse_option("option '%s' has no value (options are key=value, joined by &)", item);
    }
    *equals = '\0';
    const char *key = item;
    const char *value = equals + 1;
    for (int k = 0; k < 3; k++) {
        if (strcmp(key, s_count_keys[k]) != 0) {
            continue;
        }
        if (seen[k]++) {
            return refuse_option("option %s is given twice", key);
        }
        if (!sc_parse_long_named(key, value, 0, SC_MAX_PORTS, &out->counts[k], why, sizeof why)) {
            return refuse_option("option %s", why);
        }
        return SPARKLE_OK;
    }
    long span = 0;
    if (strncmp(key, "span", 4) != 0) {
        sc_open_error("unknown option '%s' (the simulated card knows e1, fxo, gsm and span<N>)", key);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    if (sc_parse_long(key + 4, 0, SC_MAX_PORTS - 1, &span) != SC_PARSE_OK) {
        sc_open_error("option '%s' is not span<N> with N an E1 span from 0 to %d", key, SC_MAX_PORTS - 1);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    if (span_seen[span]++) {
        return refuse_option("option %s is given twice", key);
    }
    if (value[0] == '\0' || strlen(value) >= sizeof out->spans[span]) {
        sc_open_error("option %s: '%s' is not pri, pri-cpe, pri-net or r2[/...]", key, value);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    /* A span the card does not have is passed over, as on DAHDI (the service names such a setting
     * under its own key), but its setting must still make sense. */
    sc_r2_config config;
    int pri = strcmp(value, "pri") == 0 || strcmp(value, "pri-cpe") == 0 || strcmp(value, "pri-net") == 0;
    if (!pri && !sc_r2_parse(value, &config, why, sizeof why)) {
        sc_open_error("option %s: %s", key, why);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    snprintf(out->spans[span], sizeof out->spans[span], "%s", value);
    return SPARKLE_OK;
}

static int32_t read_options(const char *options, sim_options *out)
{
    memset(out, 0, sizeof *out);
    memcpy(out->counts, s_count_defaults, sizeof out->counts);
    if (!options || options[0] == '\0') {
        return SPARKLE_OK;
    }
    char copy[1024];
    if (strlen(options) >= sizeof copy) {
        sc_open_error("the options are longer than %zu characters", sizeof copy - 1);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    snprintf(copy, sizeof copy, "%s", options);
    int seen[3] = {0};
    int span_seen[SC_MAX_PORTS] = {0};
    char *save = NULL;
    for (char *item = strtok_r(copy, "&", &save); item; item = strtok_r(NULL, "&", &save)) {
        int32_t status = read_option(item, out, seen, span_seen);
        if (status != SPARKLE_OK) {
            return status;
        }
    }

    long total = out->counts[0] + out->counts[1] + out->counts[2];
    if (total > SC_MAX_PORTS) {
        sc_open_error("e1=%ld, fxo=%ld and gsm=%ld make %ld ports; the card holds at most %d", out->counts[0],
                      out->counts[1], out->counts[2], total, SC_MAX_PORTS);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    return SPARKLE_OK;
}

/* "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]" makes E1 span N an R2 span, "pri-net" a PRI span
 * on which the box is the network side; "pri" or "pri-cpe" (the default) is the CPE side. */
static int32_t span_signalling(sc_card *card, int port, const char *value)
{
    if (value[0] == '\0' || strcmp(value, "pri") == 0 || strcmp(value, "pri-cpe") == 0) {
        return SPARKLE_OK;
    }
    if (strcmp(value, "pri-net") == 0) {
        sim_of(card)->ports[port].pri_network = 1;
        return SPARKLE_OK;
    }
    sc_r2_config config;
    char why[400];
    if (!sc_r2_parse(value, &config, why, sizeof why)) {
        sc_open_error("option span%d: %s", port, why);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    card->ports[port].kind = SPARKLE_PORT_E1_R2;
    return sim_r2_open(card, port, &config);
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
        s->ports[port].hybrid_delay_ms = 4;
        s->ports[port].hybrid_loss_db = 9.0;
    }

    const char *options = strchr(spec, '?');
    size_t path_length = options ? (size_t)(options - spec) : strlen(spec);
    if (path_length == 0 || path_length >= sizeof s->path) {
        sc_open_error(path_length ? "the control socket path is longer than %zu characters"
                                  : "sim: needs a control socket path (sim:/run/card.sock?e1=1)",
                      sizeof s->path - 1);
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    memcpy(s->path, spec, path_length);
    s->path[path_length] = '\0';
    sim_options parsed;
    int32_t read = read_options(options ? options + 1 : NULL, &parsed);
    if (read != SPARKLE_OK) {
        return read;
    }
    add_ports(card, SPARKLE_PORT_E1_PRI, (int)parsed.counts[0], "e1", SC_MAX_CHANNELS);
    add_ports(card, SPARKLE_PORT_FXO, (int)parsed.counts[1], "fxo", 1);
    add_ports(card, SPARKLE_PORT_GSM, (int)parsed.counts[2], "gsm", 1);

    for (int port = 0; port < card->port_count; port++) {
        if (is_pri(card, port)) {
            int32_t status = span_signalling(card, port, parsed.spans[port]);
            if (status != SPARKLE_OK) {
                return status;
            }
        }
    }

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
        p->pri = pri_new(p->fds[0], p->pri_network ? PRI_NETWORK : PRI_CPE, PRI_SWITCH_EUROISDN_E1);
        p->far = pri_new(p->fds[1], p->pri_network ? PRI_CPE : PRI_NETWORK, PRI_SWITCH_EUROISDN_E1);
        if (!p->pri || !p->far) {
            return SPARKLE_E_NO_MEMORY;
        }
        card->ports[port].alarms = SPARKLE_ALARM_D_CHANNEL_DOWN;
    }

    if (pipe2(s->wake, O_NONBLOCK | O_CLOEXEC) != 0) {
        return SPARKLE_E_IO;
    }
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    memcpy(address.sun_path, s->path, path_length + 1);
    if (socket_in_use(&address)) {
        sc_open_error("the control socket %s is in use by another card", s->path);
        return SPARKLE_E_IO;
    }
    s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->listen_fd < 0 || bind(s->listen_fd, (struct sockaddr *)&address, sizeof address) != 0) {
        sc_open_error(errno == EADDRINUSE ? "the control socket %s is in use by another card"
                                          : "cannot listen on the control socket %s: %s",
                      s->path, strerror(errno));
        return SPARKLE_E_IO;
    }
    struct stat bound;
    if (stat(s->path, &bound) == 0) {
        s->owns_path = 1;
        s->path_dev = bound.st_dev;
        s->path_ino = bound.st_ino;
    }
    if (listen(s->listen_fd, SIM_CLIENTS) != 0) {
        sc_open_error("cannot listen on the control socket %s: %s", s->path, strerror(errno));
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
