/* Q.931 on our side of an E1 (CPE, or network with spanN=pri-net): libpri's events become card
 * events, whichever back end carries the D channel. */
#include <string.h>

#include "pri_span.h"

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

int sc_pri_setup_call(struct pri *pri, q931_call *call, int timeslot, const sparkle_number *calling,
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

static int find_call(sc_card *card, int port, const sc_pri_hooks *hooks, q931_call *call)
{
    for (int c = 1; call && c <= card->ports[port].channels; c++) {
        if (hooks->call_of(card, port, c) == call) {
            return c;
        }
    }
    return 0;
}

/* Our side's Q.931 events become card events. */
void sc_pri_handle_event(sc_card *card, int port, struct pri *pri, const sc_pri_hooks *hooks, pri_event *e)
{
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
            sc_push(card, SPARKLE_EVENT_ALARM, port, 0, 0);
        }
        break;
    }
    case PRI_EVENT_RING: {
        int channel = channel_of(timeslot_in(e->ring.channel));
        if (channel < 1 || channel > channels || hooks->state_of(card, port, channel) != CH_IDLE) {
            /* Q.850 cause 44: the exchange picked a channel we cannot take. */
            pri_hangup(pri, e->ring.call, PRI_CAUSE_REQUESTED_CHAN_UNAVAIL);
            break;
        }
        hooks->set_state(card, port, channel, CH_INCOMING, e->ring.call);
        pri_proceeding(pri, e->ring.call, timeslot_of(channel), 0);
        pri_acknowledge(pri, e->ring.call, timeslot_of(channel), 0);

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
        int channel = find_call(card, port, hooks, e->ringing.call);
        if (channel) {
            sc_push(card, SPARKLE_EVENT_RINGING, port, channel, 0);
        }
        break;
    }
    case PRI_EVENT_ANSWER: {
        int channel = find_call(card, port, hooks, e->answer.call);
        if (channel) {
            hooks->set_state(card, port, channel, CH_UP, NULL);
            sc_push(card, SPARKLE_EVENT_ANSWERED, port, channel, 0);
        }
        break;
    }
    case PRI_EVENT_HANGUP_REQ:
    case PRI_EVENT_HANGUP: {
        int channel = find_call(card, port, hooks, e->hangup.call);
        /* libpri leaves the RELEASE to us on DISCONNECT, and wants pri_hangup after RELEASE too. */
        pri_hangup(pri, e->hangup.call, e->hangup.cause);
        if (channel) {
            hooks->set_state(card, port, channel, CH_IDLE, NULL);
            sc_push(card, SPARKLE_EVENT_HANGUP, port, channel, e->hangup.cause);
        }
        break;
    }
    case PRI_EVENT_RESTART: {
        int channel = channel_of(timeslot_in(e->restart.channel));
        if (channel >= 1 && channel <= channels) {
            hooks->set_state(card, port, channel, CH_IDLE, NULL);
            sc_push(card, SPARKLE_EVENT_RESTART, port, channel, 0);
        }
        break;
    }
    default: break;
    }
}
