/* MFC/R2 on the simulated card's E1 spans: openr2 on both ends of each timeslot (sim_r2.c). */
#ifndef SPARKLE_SIM_R2_H
#define SPARKLE_SIM_R2_H

#include "r2_span.h"
#include "sim_internal.h"

/* All below are called with card->lock held. */
int32_t sim_r2_open(sc_card *card, int port, const sc_r2_config *config);
void sim_r2_close(sim_port *p);
int sim_r2_line_free(sim_port *p, int channel); /* idle and not blocked, as our end knows it */
int sim_r2_far_line_free(sim_port *p, int channel); /* as the exchange knows it */
int32_t sim_r2_dial(sc_card *card, int port, int channel, const sparkle_number *calling,
                    const sparkle_number *called);
int32_t sim_r2_answer(sc_card *card, int port, int channel);
int32_t sim_r2_hangup(sc_card *card, int port, int channel, int cause);
void sim_r2_tick(sc_card *card, int port);  /* every 20 ms: one frame each way, timers */
void sim_r2_settle(sc_card *card, int port); /* runs openr2 until no CAS change waits */

/* The far exchange, for the control socket. Each fills reply. */
void sim_r2_far_call(sc_card *card, int port, int channel, const char *ani, const char *dnis,
                     const char *category, char *reply, size_t size);
void sim_r2_far_answer(sc_card *card, int port, int channel, char *reply, size_t size);
void sim_r2_far_hangup(sc_card *card, int port, int channel, int cause, char *reply, size_t size);
void sim_r2_far_block(sc_card *card, int port, int channel, int blocked, char *reply, size_t size);
void sim_r2_far_hold(sc_card *card, int port, int channel, int held, char *reply, size_t size);
void sim_r2_far_refuse(sc_card *card, int port, int cause, char *reply, size_t size);
void sim_r2_far_state(sc_card *card, int port, int channel, char *reply, size_t size);

#endif
