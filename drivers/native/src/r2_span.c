/* MFC/R2 on our side of an E1 (r2_span.h). */
#include "r2_span.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define R2_SYNTAX "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]"

int sc_r2_parse(const char *text, sc_r2_config *config, char *why, size_t size)
{
    memset(config, 0, sizeof *config);
    snprintf(config->variant, sizeof config->variant, "CN");
    config->max_ani = 10;
    config->max_dnis = 4;
    snprintf(config->category, sizeof config->category, "NATIONAL_SUBSCRIBER");
    if (strncmp(text, "r2", 2) != 0 || (text[2] != '\0' && text[2] != '/')) {
        snprintf(why, size, "'%s' is not pri, pri-cpe, pri-net or " R2_SYNTAX, text);
        return 0;
    }

    /* Fields are split by hand so that an empty one ("r2/CN//4") is refused, not skipped. */
    static const char *const names[] = {"VARIANT", "MAX_ANI", "MAX_DNIS", "CATEGORY"};
    const char *field = text[2] == '/' ? text + 3 : NULL;
    for (int index = 0; field; index++) {
        const char *slash = strchr(field, '/');
        size_t length = slash ? (size_t)(slash - field) : strlen(field);
        char value[48];
        if (index >= 4) {
            snprintf(why, size, "'%s' has more fields than " R2_SYNTAX, text);
            return 0;
        }
        if (length == 0 || length >= sizeof value) {
            snprintf(why, size, "R2 %s in '%s' is %s", names[index], text, length ? "too long" : "empty");
            return 0;
        }
        memcpy(value, field, length);
        value[length] = '\0';
        long number = 0;
        switch (index) {
        case 0:
            if (length >= sizeof config->variant || openr2_proto_get_variant(value) == OR2_VAR_UNKNOWN) {
                snprintf(why, size,
                         "R2 VARIANT '%s' is not an openr2 variant code (CN, ITU, AR, BR, CZ, CO, "
                         "EC, ID, MX, PH, VE)",
                         value);
                return 0;
            }
            sc_copy_text(config->variant, sizeof config->variant, value);
            break;
        case 1:
        case 2:
            /* openr2 keeps at most OR2_MAX_ANI / OR2_MAX_DNIS (80) digits; a call needs one DNIS. */
            if (!sc_parse_long_named(names[index], value, index == 1 ? 0 : 1, 40, &number, why, size)) {
                return 0;
            }
            *(index == 1 ? &config->max_ani : &config->max_dnis) = (int)number;
            break;
        default:
            if (openr2_proto_get_category(value) == OR2_CALLING_PARTY_CATEGORY_UNKNOWN ||
                length >= sizeof config->category) {
                snprintf(why, size,
                         "R2 CATEGORY '%s' is not an openr2 category (NATIONAL_SUBSCRIBER, "
                         "NATIONAL_PRIORITY_SUBSCRIBER, INTERNATIONAL_SUBSCRIBER, "
                         "INTERNATIONAL_PRIORITY_SUBSCRIBER, COLLECT_CALL, TEST_EQUIPMENT)",
                         value);
                return 0;
            }
            sc_copy_text(config->category, sizeof config->category, value);
            break;
        }
        field = slash ? slash + 1 : NULL;
    }
    return 1;
}

int sc_r2_q850_of(openr2_call_disconnect_cause_t cause)
{
    switch (cause) {
    case OR2_CAUSE_BUSY_NUMBER: return 17;
    case OR2_CAUSE_NETWORK_CONGESTION: return 34;
    case OR2_CAUSE_UNALLOCATED_NUMBER: return 1;
    case OR2_CAUSE_OUT_OF_ORDER: return 27;
    case OR2_CAUSE_NO_ANSWER: return 19;
    case OR2_CAUSE_COLLECT_CALL_REJECTED: return 21;
    case OR2_CAUSE_NUMBER_CHANGED: return 22;
    case OR2_CAUSE_NORMAL_CLEARING:
    case OR2_CAUSE_FORCED_RELEASE: return 16;
    default: return 31;
    }
}

openr2_call_disconnect_cause_t sc_r2_cause_of(int q850)
{
    switch (q850) {
    case 16: return OR2_CAUSE_NORMAL_CLEARING;
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
    default: return OR2_CAUSE_UNSPECIFIED;
    }
}

static sc_r2_line *line_of(openr2_chan_t *chan)
{
    return openr2_chan_get_client_data(chan);
}

static void reset(sc_r2_line *line)
{
    line->active = line->accepted = line->answered = line->answer_on_accept = line->accept_sent = 0;
}

static int debugging(void)
{
    return getenv("SPARKLE_CARD_DEBUG") != NULL;
}

/* ---- our end: openr2's events become card events and channel states ---- */

static void offered(openr2_chan_t *chan, const char *ani, const char *dnis,
                    openr2_calling_party_category_t category)
{
    sc_r2_line *line = line_of(chan);
    line->hooks->set_state(line->card, line->port, line->channel, CH_INCOMING);

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

static void set_up(sc_r2_line *line)
{
    if (line->hooks->state_of(line->card, line->port, line->channel) != CH_UP) {
        line->hooks->set_state(line->card, line->port, line->channel, CH_UP);
    }
}

static void accepted(openr2_chan_t *chan, openr2_call_mode_t mode)
{
    sc_r2_line *line = line_of(chan);
    line->accepted = 1;
    if (openr2_chan_get_direction(chan) == OR2_DIR_FORWARD) {
        /* Group B "subscriber free": the far exchange rings its subscriber. */
        sc_push(line->card, SPARKLE_EVENT_RINGING, line->port, line->channel, 0);
    } else if (line->answer_on_accept) {
        /* The compelled cycle of the Group B signal is over (the far end's tone has stopped), so
         * the line signal can change to answered. */
        line->answered = 1;
        openr2_chan_answer_call(chan);
        openr2_chan_disable_read(chan);
        set_up(line);
    }
    (void)mode;
}

static void answered(openr2_chan_t *chan)
{
    sc_r2_line *line = line_of(chan);
    line->answered = 1;
    openr2_chan_disable_read(chan);
    if (line->hooks->state_of(line->card, line->port, line->channel) == CH_OUTGOING) {
        line->hooks->set_state(line->card, line->port, line->channel, CH_UP);
        sc_push(line->card, SPARKLE_EVENT_ANSWERED, line->port, line->channel, 0);
    }
}

static void clear(sc_r2_line *line, int cause)
{
    if (line->hooks->state_of(line->card, line->port, line->channel) != CH_IDLE) {
        line->hooks->set_state(line->card, line->port, line->channel, CH_IDLE);
        sc_push(line->card, SPARKLE_EVENT_HANGUP, line->port, line->channel, cause);
    }
}

static void disconnected(openr2_chan_t *chan, openr2_call_disconnect_cause_t cause)
{
    clear(line_of(chan), sc_r2_q850_of(cause));

    /* Q.422: the far end's clearing is answered with ours, and the line returns to idle. */
    openr2_chan_disconnect_call(chan, OR2_CAUSE_NORMAL_CLEARING);
}

static void protocol_error(openr2_chan_t *chan, openr2_protocol_error_t error)
{
    sc_r2_line *line = line_of(chan);
    /* Q.850 cause 111: protocol error, unspecified. */
    clear(line, 111);
    reset(line);
    openr2_chan_enable_read(chan);
    if (debugging()) {
        fprintf(stderr, "r2 port %d channel %d: %s\n", line->port, line->channel,
                openr2_proto_get_error(error));
    }
}

static void hardware_alarm(openr2_chan_t *chan, int alarm)
{
    sc_r2_line *line = line_of(chan);
    if (line->hooks->hardware_alarm) {
        line->hooks->hardware_alarm(line->card, line->port);
    }
    (void)alarm;
}

static void line_blocked(openr2_chan_t *chan)
{
    line_of(chan)->peer_blocked = 1;
}

static openr2_event_interface_t s_our_events = {
    .on_call_init = sc_r2_call_init,
    .on_call_offered = offered,
    .on_call_accepted = accepted,
    .on_call_answered = answered,
    .on_call_disconnect = disconnected,
    .on_call_end = sc_r2_call_end,
    .on_call_read = sc_r2_ignore_read,
    .on_hardware_alarm = hardware_alarm,
    .on_os_error = sc_r2_ignore_int,
    .on_protocol_error = protocol_error,
    .on_line_blocked = line_blocked,
    .on_line_idle = sc_r2_line_idle,
    .on_context_log = sc_r2_log_context,
    .on_dnis_digit_received = sc_r2_want_every_dnis_digit,
    .on_ani_digit_received = sc_r2_ignore_digit,
    .on_billing_pulse_received = sc_r2_ignore_chan,
};

/* ---- spans, lines and calls ---- */

static void log_channel(openr2_chan_t *chan, openr2_log_level_t level, const char *format, va_list arguments)
{
    (void)chan;
    (void)level;
    if (debugging()) {
        vfprintf(stderr, format, arguments);
    }
}

openr2_context_t *sc_r2_new_context(openr2_event_interface_t *events, const sc_r2_config *config,
                                    int max_dnis)
{
    openr2_context_t *context =
        openr2_context_new(NULL, events ? events : &s_our_events, NULL,
                           openr2_proto_get_variant(config->variant), config->max_ani, max_dnis);
    if (context) {
        openr2_context_set_log_level(context, debugging() ? OR2_LOG_ALL : OR2_LOG_NOTHING);
        /* Without ANI, the called number must not wait for a calling number first. */
        if (config->max_ani == 0) {
            openr2_context_set_ani_first(context, 0);
        }
    }
    return context;
}

int sc_r2_open_channel(openr2_context_t *context, int fd, sc_r2_line *line)
{
    line->chan = openr2_chan_new_from_fd(context, fd, NULL, NULL);
    if (!line->chan) {
        return -1;
    }
    openr2_chan_set_client_data(line->chan, line);
    openr2_chan_set_logging_func(line->chan, log_channel);
    openr2_chan_set_log_level(line->chan, debugging() ? OR2_LOG_ALL : OR2_LOG_NOTHING);
    return 0;
}

int sc_r2_line_free(const sc_r2_line *line)
{
    return !line->active && !line->peer_blocked;
}

int32_t sc_r2_make_call(sc_r2_line *line, const sparkle_number *calling, const sparkle_number *called,
                        const char *category)
{
    char ani[SPARKLE_NUMBER_BYTES];
    char dnis[SPARKLE_NUMBER_BYTES];
    sc_copy_text(ani, sizeof ani, calling->presentation == 0 ? calling->digits : "");
    sc_copy_text(dnis, sizeof dnis, called->digits);
    if (dnis[0] == '\0') {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    if (openr2_chan_make_call(line->chan, ani, dnis, openr2_proto_get_category(category)) != 0) {
        return SPARKLE_E_IO;
    }
    line->active = 1;
    return SPARKLE_OK;
}

void sc_r2_answer(sc_r2_line *line)
{
    if (line->accepted) {
        line->answered = 1;
        openr2_chan_answer_call(line->chan);
        openr2_chan_disable_read(line->chan);
        set_up(line);
    } else if (!line->answer_on_accept) {
        /* The answer signal follows once Group B's compelled cycle is over (accepted above). */
        line->answer_on_accept = 1;
        if (!line->accept_sent) {
            line->accept_sent = 1;
            openr2_chan_accept_call(line->chan, OR2_CALL_NO_CHARGE);
        }
    }
}

void sc_r2_hangup(sc_r2_line *line, int cause)
{
    line->hooks->set_state(line->card, line->port, line->channel, CH_IDLE);
    openr2_chan_disconnect_call(line->chan, sc_r2_cause_of(cause));
}

/* ---- handlers either end uses ---- */

void sc_r2_call_init(openr2_chan_t *chan)
{
    line_of(chan)->active = 1;
}

/* openr2 keeps a channel's reading off after a call; the next call's MF tones need it on. */
void sc_r2_call_end(openr2_chan_t *chan)
{
    reset(line_of(chan));
    openr2_chan_enable_read(chan);
}

void sc_r2_line_idle(openr2_chan_t *chan)
{
    line_of(chan)->peer_blocked = 0;
}

int sc_r2_want_every_dnis_digit(openr2_chan_t *chan, char digit)
{
    (void)chan;
    (void)digit;
    return 1; /* ask until MAX_DNIS: the box's dial plan wants the whole number */
}

void sc_r2_ignore_digit(openr2_chan_t *chan, char digit)
{
    (void)chan;
    (void)digit;
}

void sc_r2_ignore_chan(openr2_chan_t *chan)
{
    (void)chan;
}

void sc_r2_ignore_read(openr2_chan_t *chan, const unsigned char *buffer, int length)
{
    (void)chan;
    (void)buffer;
    (void)length;
}

void sc_r2_ignore_int(openr2_chan_t *chan, int value)
{
    (void)chan;
    (void)value;
}

void sc_r2_log_context(openr2_context_t *context, openr2_log_level_t level, const char *format,
                       va_list arguments)
{
    (void)context;
    (void)level;
    if (debugging()) {
        vfprintf(stderr, format, arguments);
    }
}
