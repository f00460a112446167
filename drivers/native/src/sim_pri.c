/* Q.931 on both sides of a simulated E1: our CPE side raises card events, the far network side
 * behaves like an exchange that alerts at once and answers when told. */
#include <string.h>

#include "sim_internal.h"

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

int sim_setup_call(struct pri *pri, q931_call *call, int timeslot, const sparkle_number *calling,
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
void sim_handle_our_event(sc_card *card, int port, pri_event *e)
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
            sim_push(card, SPARKLE_EVENT_ALARM, port, 0, 0);
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
        sim_set_state(card, port, ch, CH_INCOMING);
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
            sim_push(card, SPARKLE_EVENT_RINGING, port, channel, 0);
        }
        break;
    }
    case PRI_EVENT_ANSWER: {
        int channel = find_call(p, channels, e->answer.call, 0);
        if (channel) {
            sim_set_state(card, port, &p->channels[channel], CH_UP);
            sim_push(card, SPARKLE_EVENT_ANSWERED, port, channel, 0);
        }
        break;
    }
    case PRI_EVENT_HANGUP_REQ:
    case PRI_EVENT_HANGUP: {
        int channel = find_call(p, channels, e->hangup.call, 0);
        /* libpri leaves the RELEASE to us on DISCONNECT, and wants pri_hangup after RELEASE too. */
        pri_hangup(p->pri, e->hangup.call, e->hangup.cause);
        if (channel) {
            sim_set_state(card, port, &p->channels[channel], CH_IDLE);
            sim_push(card, SPARKLE_EVENT_HANGUP, port, channel, e->hangup.cause);
        }
        break;
    }
    case PRI_EVENT_RESTART: {
        int channel = channel_of(timeslot_in(e->restart.channel));
        if (channel >= 1 && channel <= channels) {
            sim_set_state(card, port, &p->channels[channel], CH_IDLE);
            sim_push(card, SPARKLE_EVENT_RESTART, port, channel, 0);
        }
        break;
    }
    default: break;
    }
}

/* The far exchange behaves like a network: it alerts at once on our SETUP and waits for the
 * control socket to answer. */
void sim_handle_far_event(sc_card *card, int port, pri_event *e)
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
        sim_notify(s, "event setup port=%d channel=%d calling=%s called=%s plan=%d pres=%d", port, channel,
                   e->ring.callingnum, e->ring.callednum, e->ring.calledplan, e->ring.callingpres);
        break;
    }
    case PRI_EVENT_ANSWER: {
        int channel = find_call(p, channels, e->answer.call, 1);
        if (channel) {
            sim_notify(s, "event connect port=%d channel=%d", port, channel);
        }
        break;
    }
    case PRI_EVENT_HANGUP_REQ:
    case PRI_EVENT_HANGUP: {
        int channel = find_call(p, channels, e->hangup.call, 1);
        pri_hangup(p->far, e->hangup.call, e->hangup.cause);
        if (channel) {
            p->channels[channel].far_call = NULL;
            sim_notify(s, "event release port=%d channel=%d cause=%d", port, channel, e->hangup.cause);
        }
        break;
    }
    case PRI_EVENT_RESTART_ACK:
        sim_notify(s, "event restarted port=%d channel=%d", port,
                   channel_of(timeslot_in(e->restartack.channel)));
        break;
    case PRI_EVENT_DCHAN_UP: sim_notify(s, "event dchannel port=%d up", port); break;
    default: break;
    }
}
