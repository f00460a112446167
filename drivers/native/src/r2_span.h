/* MFC/R2 on our side of an E1 through openr2, shared by the simulated card (sim_r2.c) and DAHDI
 * spans (dahdi.c), as pri_span.c is for Q.931: each back end keeps its own channel table and
 * reaches it through sc_r2_hooks, and openr2's events on our end run through the code here. */
#ifndef SPARKLE_R2_SPAN_H
#define SPARKLE_R2_SPAN_H

#include <stdarg.h>
#include <stddef.h>

#include <openr2.h>

#include "card_internal.h"

typedef struct sc_r2_config {
    char variant[8];   /* openr2's variant code: CN, ITU, MX, BR, AR... */
    int max_ani;       /* calling number digits asked for (Group A-5 requests) */
    int max_dnis;      /* called number digits expected before Group B */
    char category[40]; /* our calling party category (Group II) on outbound calls */
} sc_r2_config;

/* Parses "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]" (CN, 10, 4 and NATIONAL_SUBSCRIBER when
 * left out); 0 when the text is malformed, with why naming the field at fault. */
int sc_r2_parse(const char *text, sc_r2_config *config, char *why, size_t size);

/* A back end's view of one R2 span's B channels, all called with card->lock held. */
typedef struct sc_r2_hooks {
    int (*state_of)(sc_card *card, int port, int channel); /* CH_* */
    void (*set_state)(sc_card *card, int port, int channel, int state);
    void (*hardware_alarm)(sc_card *card, int port); /* openr2 saw an alarm; NULL to ignore it */
} sc_r2_hooks;

/* One end of one R2 timeslot, openr2's client data on its channel. */
typedef struct sc_r2_line {
    sc_card *card;
    const sc_r2_hooks *hooks; /* our end's; the simulated exchange's end has its own events */
    int port;
    int channel;
    openr2_chan_t *chan;
    int active;   /* a call is being set up, is up or is being cleared */
    int accepted; /* Group B went or came */
    int answered;
    int answer_on_accept; /* the answer signal waits for the end of Group B's compelled cycle */
    int accept_sent;
    int peer_blocked; /* the other end has blocked the line */
} sc_r2_line;

/* Q.850 causes of openr2's clearing and Group B causes (ITU-T Q.441 Table 5, Q.850 §2.2.7), and
 * back. */
int sc_r2_q850_of(openr2_call_disconnect_cause_t cause);
openr2_call_disconnect_cause_t sc_r2_cause_of(int q850);

/* A span's openr2 context: events NULL for our end's (below), max_dnis the called number digits
 * it waits for. */
openr2_context_t *sc_r2_new_context(openr2_event_interface_t *events, const sc_r2_config *config,
                                    int max_dnis);

/* Makes fd an openr2 channel of context with line as its client data; 0 on success. */
int sc_r2_open_channel(openr2_context_t *context, int fd, sc_r2_line *line);

/* Idle and not blocked by the other end. */
int sc_r2_line_free(const sc_r2_line *line);

/* Seizes the line and sends the numbers (a restricted calling number is withheld); a status. */
int32_t sc_r2_make_call(sc_r2_line *line, const sparkle_number *calling, const sparkle_number *called,
                        const char *category);

/* Answers an offered call: Group B "subscriber free" first (Q.441 §4.2.3), the answer signal once
 * its compelled cycle is over. */
void sc_r2_answer(sc_r2_line *line);

/* Clears our call with a Q.850 cause: a Group B signal before acceptance, clear-back or
 * clear-forward after it. The channel is idle first, so openr2's report of the clearing is not
 * taken for the far end's. */
void sc_r2_hangup(sc_r2_line *line, int cause);

/* Event handlers either end uses as they are. */
void sc_r2_call_init(openr2_chan_t *chan);
void sc_r2_call_end(openr2_chan_t *chan);
void sc_r2_line_idle(openr2_chan_t *chan);
int sc_r2_want_every_dnis_digit(openr2_chan_t *chan, char digit);
void sc_r2_ignore_digit(openr2_chan_t *chan, char digit);
void sc_r2_ignore_chan(openr2_chan_t *chan);
void sc_r2_ignore_read(openr2_chan_t *chan, const unsigned char *buffer, int length);
void sc_r2_ignore_int(openr2_chan_t *chan, int value);
void sc_r2_log_context(openr2_context_t *context, openr2_log_level_t level, const char *format,
                       va_list arguments);

#endif
