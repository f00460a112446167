/* Q.931 on both sides of a simulated E1: our side runs the shared code of pri_span.c on the sim's
 * channel table, the far network side behaves like an exchange that alerts at once and answers
 * when told. */
#include <string.h>

#include "sim_internal.h"

static q931_call *sim_call_of(sc_card *card, int port, int channel)
{
    return sim_of(card)->ports[port].channels[channel].call;
}

static int sim_state_of(sc_card *card, int port, int channel)
{
    return sim_of(card)->ports[port].channels[channel].state;
}

static void sim_pri_set_state(sc_card *card, int port, int channel, int state, q931_call *call)
{
    sim_channel *ch = &sim_of(card)->ports[port].channels[channel];
    if (call) {
        ch->call = call;
    }
    sim_set_state(card, port, ch, state);
}

static const sc_pri_hooks s_sim_hooks = {
    .call_of = sim_call_of,
    .state_of = sim_state_of,
    .set_state = sim_pri_set_state,
};

void sim_handle_our_event(sc_card *card, int port, pri_event *e)
{
    sc_pri_handle_event(card, port, sim_of(card)->ports[port].pri, &s_sim_hooks, e);
}

static int far_call_on(const sim_port *p, int channels, q931_call *call)
{
    for (int c = 1; call && c <= channels; c++) {
        if (p->channels[c].far_call == call) {
            return c;
        }
    }
    return 0;
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
        int channel = far_call_on(p, channels, e->answer.call);
        if (channel) {
            sim_notify(s, "event connect port=%d channel=%d", port, channel);
        }
        break;
    }
    case PRI_EVENT_HANGUP_REQ:
    case PRI_EVENT_HANGUP: {
        int channel = far_call_on(p, channels, e->hangup.call);
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
