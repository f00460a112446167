/*
 * The far end's control socket: one text command a line, one reply line each (docs/drivers.md).
 * Every argument is checked before anything changes; a refused command answers "error <reason>"
 * naming the argument, and leaves the card as it was.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "parse.h"
#include "sim_internal.h"
#include "sim_r2.h"

#define MAX_WORDS 16

const char *const sim_state_names[] = {"idle", "incoming", "up", "outgoing"};

typedef struct reply {
    char *text;
    size_t size;
} reply;

static void say(reply *r, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void say(reply *r, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(r->text, r->size, format, arguments);
    va_end(arguments);
}

/* One command: its verb, its arguments as help and usage errors show them, and how many words
 * (the verb included) it takes. */
typedef struct command {
    const char *verb;
    const char *arguments;
    int min_words;
    int max_words;
    const char *does;
} command;

static const command s_commands[] = {
    {"help", "", 1, 1, "lists the commands"},
    {"ports", "", 1, 1, "lists the ports: name:channels:alarms=N:busy=N"},
    {"call",
     "<port> <calling> <called> [channel=N] [ton=0-7] [plan=0-15] [pres=allowed|restricted|unavailable] "
     "[cid=bell202|v23|dtmf|none] [ring=MS] [pause=MS] [category=NAME]",
     4, 12, "the exchange places a call"},
    {"answer", "<port> <channel>", 3, 3, "the far end answers a call the box placed"},
    {"hangup", "<port> <channel> [cause 1-127]", 3, 4, "the far end clears (cause 16)"},
    {"digits", "<port> <channel> <digits>", 4, 4, "DTMF from the far end on a call"},
    {"tone", "<port> <channel> <hz 0-3999> [<on_ms> <off_ms>]", 4, 6, "the far end sends a sine, 0 stops"},
    {"heard", "<port> <channel>", 3, 3, "what the far end received since the last ask"},
    {"alarm", "<port> <LOS,AIS,RAI,NOBATTERY|none>", 3, 3, "raises or clears alarms"},
    {"restart", "<port> <channel>", 3, 3, "the exchange restarts a B channel (PRI)"},
    {"state", "<port> <channel>", 3, 3, "the channel's state"},
    {"hybrid", "<port> <delay_ms 0-50> <loss_db 0-60>", 4, 4, "the echo path of an FXO line"},
    {"block", "<port> <channel>", 3, 3, "the exchange blocks an R2 line"},
    {"unblock", "<port> <channel>", 3, 3, "the exchange returns an R2 line to idle"},
    {"hold", "<port> <channel>", 3, 3, "an R2 line delays bit changes both ways"},
    {"release", "<port> <channel>", 3, 3, "ends hold"},
    {"refuse", "<port> <cause 0-127>", 3, 3, "the exchange refuses its next R2 call (0 accepts)"},
};

static const char *kind_name(int kind)
{
    switch (kind) {
    case SPARKLE_PORT_E1_PRI: return "a PRI span";
    case SPARKLE_PORT_E1_R2: return "an R2 span";
    case SPARKLE_PORT_FXO: return "an FXO line";
    case SPARKLE_PORT_GSM: return "a GSM slot";
    default: return "a port";
    }
}

static void say_ports_of_card(sc_card *card, reply *r, const char *lead)
{
    if (card->port_count == 0) {
        say(r, "%s (the card has no ports)", lead);
        return;
    }
    int used = snprintf(r->text, r->size, "%s (the card has %d port%s:", lead, card->port_count,
                        card->port_count == 1 ? "" : "s");
    for (int i = 0; i < card->port_count && used > 0 && (size_t)used < r->size; i++) {
        used += snprintf(r->text + used, r->size - (size_t)used, " %d %s%s", i, card->ports[i].name,
                         i + 1 < card->port_count ? "," : ")");
    }
}

/* Reads a port number; 0 and the reply on failure. */
static int port_arg(sc_card *card, const char *text, int *port, reply *r)
{
    long value = 0;
    sc_parse_result result = sc_parse_long(text, 0, card->port_count - 1, &value);
    if (result == SC_PARSE_NOT_A_NUMBER) {
        say(r, "error port '%s' is not a whole number", text);
        return 0;
    }
    if (result == SC_PARSE_OUT_OF_RANGE) {
        char lead[64];
        snprintf(lead, sizeof lead, "error no port %s", text);
        say_ports_of_card(card, r, lead);
        return 0;
    }
    *port = (int)value;
    return 1;
}

/* Reads a channel of port; named is how the reply calls it ("channel" or "channel="). */
static int channel_arg(sc_card *card, int port, const char *named, const char *text, int *channel, reply *r)
{
    const sparkle_port_info *info = &card->ports[port];
    long value = 0;
    sc_parse_result result = sc_parse_long(text, 1, info->channels, &value);
    if (result == SC_PARSE_NOT_A_NUMBER) {
        say(r, "error %s '%s' is not a whole number", named, text);
        return 0;
    }
    if (result == SC_PARSE_OUT_OF_RANGE && info->channels == 1) {
        say(r, "error %s %s is not a channel of port %d (%s has channel 1 only)", named, text, port,
            info->name);
        return 0;
    }
    if (result == SC_PARSE_OUT_OF_RANGE) {
        say(r, "error %s %s is not a B channel of port %d (%s has channels 1-%d)", named, text, port,
            info->name, info->channels);
        return 0;
    }
    *channel = (int)value;
    return 1;
}

static int number_arg(const char *name, const char *text, reply *r)
{
    size_t length = strlen(text);
    if (length >= SPARKLE_NUMBER_BYTES) {
        say(r, "error %s number '%s' is longer than %d digits", name, text, SPARKLE_NUMBER_BYTES - 1);
        return 0;
    }
    for (size_t i = 0; i < length; i++) {
        if (!strchr("0123456789*#", text[i]) && !(i == 0 && text[i] == '+')) {
            say(r, "error %s number '%s' holds '%c' (digits, * and #, a leading + at most)", name, text,
                text[i]);
            return 0;
        }
    }
    return 1;
}

/* A number argument with its range, the reply naming it on failure. */
static int long_arg(const char *name, const char *text, long min, long max, long *value, reply *r)
{
    char why[200];
    if (!sc_parse_long_named(name, text, min, max, value, why, sizeof why)) {
        say(r, "error %s", why);
        return 0;
    }
    return 1;
}

static int require_kind(sc_card *card, int port, int kind, const char *what, reply *r)
{
    if (card->ports[port].kind == kind) {
        return 1;
    }
    say(r, "error %s needs %s; port %d (%s) is %s", what, kind_name(kind), port, card->ports[port].name,
        kind_name(card->ports[port].kind));
    return 0;
}

static void far_call(sc_card *card, char **words, int count, reply *r)
{
    sim *s = sim_of(card);
    int port = 0;
    if (!port_arg(card, words[1], &port, r) || !number_arg("calling", words[2], r) ||
        !number_arg("called", words[3], r)) {
        return;
    }

    sparkle_number calling = {.type_of_number = 2, .numbering_plan = 1};
    sparkle_number called = {.type_of_number = 2, .numbering_plan = 1};
    sc_copy_text(calling.digits, sizeof calling.digits, words[2]);
    sc_copy_text(called.digits, sizeof called.digits, words[3]);
    int channel = 0;
    const char *category = NULL;
    int cid = SIM_CID_BELL202;
    long ring_ms = 2000;
    long pause_ms = 4000;
    int fxo = card->ports[port].kind == SPARKLE_PORT_FXO;
    for (int i = 4; i < count; i++) {
        char *equals = strchr(words[i], '=');
        const char *value = equals ? equals + 1 : "";
        size_t key = equals ? (size_t)(equals - words[i]) : strlen(words[i]);
        long number = 0;
        for (int j = 4; j < i; j++) {
            if (strncmp(words[j], words[i], key) == 0 && (words[j][key] == '=' || words[j][key] == '\0')) {
                say(r, "error option %.*s= is given twice", (int)key, words[i]);
                return;
            }
        }
        if (key == 7 && strncmp(words[i], "channel", key) == 0) {
            if (!channel_arg(card, port, "channel=", value, &channel, r)) {
                return;
            }
        } else if (key == 3 && strncmp(words[i], "ton", key) == 0) {
            /* Q.931 §4.5.10: type of number is three bits, numbering plan four. */
            if (!long_arg("ton=", value, 0, 7, &number, r)) {
                return;
            }
            calling.type_of_number = called.type_of_number = (int32_t)number;
        } else if (key == 4 && strncmp(words[i], "plan", key) == 0) {
            if (!long_arg("plan=", value, 0, 15, &number, r)) {
                return;
            }
            calling.numbering_plan = called.numbering_plan = (int32_t)number;
        } else if (key == 4 && strncmp(words[i], "pres", key) == 0) {
            static const char *const presentations[] = {"allowed", "restricted", "unavailable"};
            int found = -1;
            for (int p = 0; p < 3; p++) {
                found = strcmp(value, presentations[p]) == 0 ? p : found;
            }
            if (found < 0) {
                say(r, "error pres= '%s' is not allowed, restricted or unavailable", value);
                return;
            }
            calling.presentation = found;
        } else if (key == 3 && strncmp(words[i], "cid", key) == 0) {
            cid = sim_line_cid_of(value);
            if (cid < 0) {
                say(r, "error cid= '%s' is not bell202, v23, dtmf or none", value);
                return;
            }
            if (!require_kind(card, port, SPARKLE_PORT_FXO, "cid=", r)) {
                return;
            }
        } else if ((key == 4 && strncmp(words[i], "ring", key) == 0) ||
                   (key == 5 && strncmp(words[i], "pause", key) == 0)) {
            int ring = key == 4;
            if (!long_arg(ring ? "ring=" : "pause=", value, ring ? SIM_TICK_MS : 0, 10000,
                          ring ? &ring_ms : &pause_ms, r) ||
                !require_kind(card, port, SPARKLE_PORT_FXO, ring ? "ring=" : "pause=", r)) {
                return;
            }
        } else if (key == 8 && strncmp(words[i], "category", key) == 0) {
            if (!require_kind(card, port, SPARKLE_PORT_E1_R2, "category=", r)) {
                return;
            }
            category = value;
        } else {
            say(r,
                "error unknown option '%s' (call takes channel=, ton=, plan=, pres=, cid=, ring=, pause=, "
                "category=)",
                words[i]);
            return;
        }
    }
    if (card->ports[port].alarms != 0) {
        say(r, "error port %d (%s) is in alarm (alarms=%u)", port, card->ports[port].name,
            card->ports[port].alarms);
        return;
    }

    sim_port *p = &s->ports[port];
    int chosen = channel;
    for (int c = 1; c <= card->ports[port].channels && chosen == 0; c++) {
        if (p->channels[c].state == CH_IDLE && (!is_r2(card, port) || sim_r2_far_line_free(p, c))) {
            chosen = c; /* the network picks from the bottom */
        }
    }
    if (chosen == 0) {
        say(r, "error no free channel on port %d (%s: all %d busy)", port, card->ports[port].name,
            card->ports[port].channels);
        return;
    }
    if (p->channels[chosen].state != CH_IDLE) {
        say(r, "error channel %d of port %d is %s, not idle", chosen, port,
            sim_state_names[p->channels[chosen].state]);
        return;
    }

    sim_channel *ch = &p->channels[chosen];
    if (is_r2(card, port)) {
        sim_r2_far_call(card, port, chosen, calling.digits, called.digits,
                        category ? category : "NATIONAL_SUBSCRIBER", r->text, r->size);
        return;
    }
    if (is_pri(card, port)) {
        q931_call *call = pri_new_call(p->far);
        if (!call || sc_pri_setup_call(p->far, call, timeslot_of(chosen), &calling, &called) != 0) {
            say(r, "error setup failed");
            return;
        }
        ch->far_call = call;
    } else {
        /* An analog line carries no numbers in its signalling: the caller's number is audio on the
         * idle line and the port is the only "called number". A GSM slot hands over +CLIP. */
        if (fxo && sim_line_offer(ch, cid, &calling, (int)ring_ms, (int)pause_ms) != SPARKLE_OK) {
            say(r, "error out of memory");
            return;
        }
        sim_set_state(card, port, ch, CH_INCOMING);
        sparkle_event event;
        memset(&event, 0, sizeof event);
        event.type = SPARKLE_EVENT_INCOMING;
        event.port = port;
        event.channel = chosen;
        if (!fxo) {
            event.calling = calling;
            event.called = called;
        }
        sc_push_event_locked(card, &event);
    }
    say(r, "ok channel=%d", chosen);
}

/* "LOS,AIS" or "none"; 0 and the reply when a name is unknown, so no alarm changes. */
static int alarms_arg(const char *text, uint32_t *alarms, reply *r)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } names[] = {{"LOS", SPARKLE_ALARM_LOS},
                 {"AIS", SPARKLE_ALARM_AIS},
                 {"RAI", SPARKLE_ALARM_RAI},
                 {"NOBATTERY", SPARKLE_ALARM_NO_BATTERY}};
    *alarms = 0;
    if (strcmp(text, "none") == 0) {
        return 1;
    }
    for (const char *name = text; *name;) {
        size_t length = strcspn(name, ",");
        uint32_t bit = 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            bit = strlen(names[i].name) == length && strncmp(name, names[i].name, length) == 0 ? names[i].bit
                                                                                               : bit;
        }
        if (bit == 0) {
            say(r, "error unknown alarm '%.*s' (LOS, AIS, RAI, NOBATTERY, joined by commas, or none)",
                (int)length, name);
            return 0;
        }
        *alarms |= bit;
        name += length + (name[length] == ',');
    }
    return 1;
}

static void run_on_port(sc_card *card, const char *verb, char **words, int count, reply *r)
{
    sim *s = sim_of(card);
    int port = 0;
    if (!port_arg(card, words[1], &port, r)) {
        return;
    }

    if (strcmp(verb, "alarm") == 0) {
        uint32_t alarms = 0;
        if (!alarms_arg(words[2], &alarms, r)) {
            return;
        }
        uint32_t kept = card->ports[port].alarms & SPARKLE_ALARM_D_CHANNEL_DOWN;
        card->ports[port].alarms = kept | alarms;
        sim_push(card, SPARKLE_EVENT_ALARM, port, 0, 0);
        say(r, "ok alarms=%u", card->ports[port].alarms);
        return;
    }
    if (strcmp(verb, "hybrid") == 0) {
        /* The echo path of an FXO line (src/sim_hybrid.c): delay in ms and loss in dB, 0 for none. */
        long delay_ms = 0;
        double loss_db = 0;
        char why[200];
        if (!require_kind(card, port, SPARKLE_PORT_FXO, "hybrid", r) ||
            !long_arg("delay_ms", words[2], 0, 50, &delay_ms, r)) {
            return;
        }
        if (!sc_parse_real_named("loss_db", words[3], 0, 60, &loss_db, why, sizeof why)) {
            say(r, "error %s", why);
            return;
        }
        s->ports[port].hybrid_delay_ms = (int)delay_ms;
        s->ports[port].hybrid_loss_db = loss_db;
        say(r, "ok");
        return;
    }
    if (strcmp(verb, "refuse") == 0) {
        long cause = 0;
        if (require_kind(card, port, SPARKLE_PORT_E1_R2, "refuse", r) &&
            long_arg("cause", words[2], 0, 127, &cause, r)) {
            sim_r2_far_refuse(card, port, (int)cause, r->text, r->size);
        }
        return;
    }

    int channel = 0;
    if (!channel_arg(card, port, "channel", words[2], &channel, r)) {
        return;
    }
    sim_port *p = &s->ports[port];
    sim_channel *ch = &p->channels[channel];
    if (strcmp(verb, "answer") == 0) {
        if (ch->state != CH_OUTGOING) {
            say(r, "error channel %d of port %d is %s; answer needs a call the box placed", channel, port,
                sim_state_names[ch->state]);
        } else if (is_r2(card, port)) {
            sim_r2_far_answer(card, port, channel, r->text, r->size);
        } else if (is_pri(card, port)) {
            pri_answer(p->far, ch->far_call, timeslot_of(channel), 0);
            say(r, "ok");
        } else {
            sim_set_state(card, port, ch, CH_UP);
            sim_push(card, SPARKLE_EVENT_ANSWERED, port, channel, 0);
            say(r, "ok");
        }
    } else if (strcmp(verb, "hangup") == 0) {
        long cause = PRI_CAUSE_NORMAL_CLEARING;
        if (count > 3 && !long_arg("cause", words[3], 1, 127, &cause, r)) {
            return;
        }
        if (is_r2(card, port)) {
            sim_r2_far_hangup(card, port, channel, (int)cause, r->text, r->size);
        } else if (is_pri(card, port) && ch->far_call) {
            pri_hangup(p->far, ch->far_call, (int)cause);
            ch->far_call = NULL;
            say(r, "ok");
        } else if (!is_pri(card, port) && ch->state != CH_IDLE) {
            sim_set_state(card, port, ch, CH_IDLE);
            sim_push(card, SPARKLE_EVENT_HANGUP, port, channel, (int)cause);
            say(r, "ok");
        } else {
            say(r, "error no call on channel %d of port %d", channel, port);
        }
    } else if (strcmp(verb, "digits") == 0) {
        size_t bad = strspn(words[3], "0123456789*#ABCD");
        if (words[3][bad] != '\0') {
            say(r, "error digits '%s' holds '%c' (0-9, *, #, A-D only)", words[3], words[3][bad]);
        } else if (ch->state == CH_IDLE) {
            say(r, "error channel %d of port %d is idle; digits need a call", channel, port);
        } else {
            for (const char *d = words[3]; *d; d++) {
                sparkle_event event = {
                    .type = SPARKLE_EVENT_DIGIT, .port = port, .channel = channel, .digit = *d};
                sc_push_event_locked(card, &event);
            }
            say(r, "ok");
        }
    } else if (strcmp(verb, "tone") == 0) {
        double hz = 0;
        long on_ms = 0;
        long off_ms = 0;
        char why[200];
        /* Below 4000 Hz, the Nyquist limit of the line's 8 kHz sampling. */
        if (!sc_parse_real_named("hz", words[3], 0, 3999, &hz, why, sizeof why)) {
            say(r, "error %s", why);
            return;
        }
        if (count == 5) {
            say(r, "error tone needs both <on_ms> and <off_ms> for a cadence, or neither for a steady tone");
            return;
        }
        if (count == 6 && (!long_arg("on_ms", words[4], SIM_TICK_MS, 10000, &on_ms, r) ||
                           !long_arg("off_ms", words[5], SIM_TICK_MS, 10000, &off_ms, r))) {
            return;
        }
        ch->tone_hz = hz;
        ch->tone_on_ms = (int)on_ms;
        ch->tone_off_ms = (int)off_ms;
        ch->tone_clock_ms = 0;
        say(r, "ok");
    } else if (strcmp(verb, "heard") == 0) {
        double seconds = ch->heard_frames * SIM_TICK_MS / 1000.0;
        double hz = seconds > 0 ? ch->heard_crossings / 2.0 / seconds : 0;
        double samples = ch->heard_frames * (double)SPARKLE_FRAME_BYTES;
        double rms = samples > 0 ? sqrt(ch->heard_energy / samples) : 0;
        say(r, "ok frames=%ld hz=%.0f rms=%.0f", ch->heard_frames, hz, rms);
        ch->heard_frames = ch->heard_crossings = 0;
        ch->heard_energy = 0;
    } else if (strcmp(verb, "state") == 0 && is_r2(card, port)) {
        sim_r2_far_state(card, port, channel, r->text, r->size);
    } else if (strcmp(verb, "state") == 0) {
        say(r, "ok %s", sim_state_names[ch->state]);
    } else if (strcmp(verb, "block") == 0 || strcmp(verb, "unblock") == 0) {
        if (require_kind(card, port, SPARKLE_PORT_E1_R2, verb, r)) {
            sim_r2_far_block(card, port, channel, verb[0] == 'b', r->text, r->size);
        }
    } else if (strcmp(verb, "hold") == 0 || strcmp(verb, "release") == 0) {
        if (require_kind(card, port, SPARKLE_PORT_E1_R2, verb, r)) {
            sim_r2_far_hold(card, port, channel, verb[0] == 'h', r->text, r->size);
        }
    } else if (strcmp(verb, "restart") == 0) {
        if (require_kind(card, port, SPARKLE_PORT_E1_PRI, "restart", r)) {
            pri_reset(p->far, timeslot_of(channel));
            say(r, "ok");
        }
    }
}

static void say_help(reply *r)
{
    int used = snprintf(r->text, r->size, "ok");
    for (size_t i = 0; i < sizeof s_commands / sizeof s_commands[0] && used > 0 && (size_t)used < r->size;
         i++) {
        used += snprintf(r->text + used, r->size - (size_t)used, "%s%s%s%s", i ? "; " : " ",
                         s_commands[i].verb, s_commands[i].arguments[0] ? " " : "", s_commands[i].arguments);
    }
}

static void run_command(sc_card *card, char *line, reply *r)
{
    char *words[MAX_WORDS];
    int count = 0;
    char *save = NULL;
    for (char *word = strtok_r(line, " \t\r", &save); word; word = strtok_r(NULL, " \t\r", &save)) {
        if (count == MAX_WORDS) {
            say(r, "error too many words (a command has at most %d)", MAX_WORDS);
            return;
        }
        words[count++] = word;
    }
    if (count == 0) {
        say(r, "error empty command (help lists the commands)");
        return;
    }

    const command *found = NULL;
    for (size_t i = 0; i < sizeof s_commands / sizeof s_commands[0] && !found; i++) {
        found = strcmp(words[0], s_commands[i].verb) == 0 ? &s_commands[i] : NULL;
    }
    if (!found) {
        say(r, "error unknown command '%s' (help lists the commands)", words[0]);
        return;
    }
    if (count < found->min_words) {
        say(r, "error %s needs %s", found->verb, found->arguments);
        return;
    }
    if (count > found->max_words) {
        say(r, "error %s takes %s%s, not %d arguments", found->verb,
            found->arguments[0] ? "only " : "no arguments", found->arguments, count - 1);
        return;
    }

    if (strcmp(found->verb, "help") == 0) {
        say_help(r);
    } else if (strcmp(found->verb, "ports") == 0) {
        int used = snprintf(r->text, r->size, "ok");
        for (int i = 0; i < card->port_count && used > 0 && (size_t)used < r->size; i++) {
            used += snprintf(r->text + used, r->size - (size_t)used, " %s:%d:alarms=%u:busy=%d",
                             card->ports[i].name, card->ports[i].channels, card->ports[i].alarms,
                             card->ports[i].busy_channels);
        }
    } else if (strcmp(found->verb, "call") == 0) {
        far_call(card, words, count, r);
    } else {
        run_on_port(card, found->verb, words, count, r);
    }
}

void sim_read_client(sc_card *card, sim_client *client)
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
            client->has_nul |= buffer[i] == '\0';
            if (client->length < SIM_LINE - 1) {
                client->line[client->length++] = buffer[i];
            } else {
                client->length = SIM_LINE; /* marks an over-long line, answered at its end */
            }
            continue;
        }
        char text[SIM_LINE * 2];
        reply r = {.text = text, .size = sizeof text - 1};
        if (client->length >= SIM_LINE) {
            say(&r, "error line too long (at most %d characters)", SIM_LINE - 1);
        } else if (client->has_nul) {
            say(&r, "error the line holds a NUL byte");
        } else {
            client->line[client->length] = '\0';
            run_command(card, client->line, &r);
        }
        client->length = 0;
        client->has_nul = 0;
        size_t length = strlen(text);
        text[length++] = '\n';
        if (send(client->fd, text, length, MSG_NOSIGNAL) < 0) {
            close(client->fd);
            client->fd = -1;
            return;
        }
    }
}
