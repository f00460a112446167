/* Q.931 on our side of an E1 through libpri, shared by the simulated card (sim_pri.c) and DAHDI
 * spans (dahdi.c): each back end keeps its own channel table and reaches it through sc_pri_hooks. */
#ifndef SPARKLE_PRI_SPAN_H
#define SPARKLE_PRI_SPAN_H

#include <libpri.h>

#include "card_internal.h"

/* A back end's view of one E1 span's B channels, all called with card->lock held. */
typedef struct sc_pri_hooks {
    q931_call *(*call_of)(sc_card *card, int port, int channel); /* NULL when the channel has none */
    int (*state_of)(sc_card *card, int port, int channel);       /* CH_* */
    /* The channel takes state; call is the new call when it turns CH_INCOMING, NULL otherwise, and
     * the back end forgets its call when it turns CH_IDLE. */
    void (*set_state)(sc_card *card, int port, int channel, int state, q931_call *call);
} sc_pri_hooks;

/* E1 timeslot 16 carries the D channel, so B channels 1-30 sit in timeslots 1-15 and 17-31. */
static inline int timeslot_of(int channel)
{
    return channel <= 15 ? channel : channel + 1;
}
static inline int channel_of(int timeslot)
{
    return timeslot <= 15 ? timeslot : timeslot - 1;
}

/* libpri's channel numbers carry the span and explicit-interface flag above the low octet. */
static inline int timeslot_in(int libpri_channel)
{
    return libpri_channel & 0xFF;
}

/* Sends SETUP for call on timeslot; 0 on success, as pri_setup. */
int sc_pri_setup_call(struct pri *pri, q931_call *call, int timeslot, const sparkle_number *calling,
                      const sparkle_number *called);

/* Turns one of our side's Q.931 events on port into card events and channel states. */
void sc_pri_handle_event(sc_card *card, int port, struct pri *pri, const sc_pri_hooks *hooks, pri_event *e);

#endif
