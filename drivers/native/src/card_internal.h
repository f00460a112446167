/* Shared between the handle table (card.c) and the back ends (sim.c, dahdi.c). */
#ifndef SPARKLE_CARD_INTERNAL_H
#define SPARKLE_CARD_INTERNAL_H

#include <pthread.h>

#include "sparkle_card.h"

#define SC_MAX_PORTS    16
#define SC_MAX_CHANNELS 30
#define SC_EVENT_QUEUE  256

typedef struct sc_card sc_card;

/* A bearer channel's call state, as the back ends keep it. */
enum { CH_IDLE, CH_INCOMING, CH_UP, CH_OUTGOING };

/* A port's echo canceller setting, read by the back end when a call on the port goes up. */
typedef struct sc_echo_setting {
    int enabled;
    int tail_ms;
} sc_echo_setting;

/* Back-end entry points. All are called with card->lock held, after the port and channel were
 * checked against card->ports. */
typedef struct sc_backend_ops {
    void (*stop)(sc_card *card); /* called without the lock; joins back-end threads */
    void (*destroy)(sc_card *card);
    int32_t (*dial)(sc_card *card, int32_t port, int32_t channel, const sparkle_number *calling,
                    const sparkle_number *called, int32_t *chosen);
    int32_t (*answer)(sc_card *card, int32_t port, int32_t channel);
    int32_t (*hangup)(sc_card *card, int32_t port, int32_t channel, int32_t cause);
    int32_t (*send_digit)(sc_card *card, int32_t port, int32_t channel, int32_t digit);
    int32_t (*write_audio)(sc_card *card, int32_t port, int32_t channel, const uint8_t *frame);
    int32_t (*read_audio)(sc_card *card, int32_t port, int32_t channel, uint8_t *frame);
} sc_backend_ops;

struct sc_card {
    pthread_mutex_t lock; /* guards everything below */
    pthread_cond_t event_ready;
    sparkle_event queue[SC_EVENT_QUEUE];
    int queue_head;
    int queue_count;
    int dropped_events;
    int closing;
    int refs; /* guarded by the handle table's lock, not this one */
    const sc_backend_ops *ops;
    void *backend;
    int32_t port_count;
    sparkle_port_info ports[SC_MAX_PORTS];
    sc_echo_setting echo[SC_MAX_PORTS];
};

/* Queues an event for sparkle_card_poll_event; when the queue is full the oldest is dropped and
 * counted, because a stalled pump must not stall the card. */
void sc_push_event_locked(sc_card *card, const sparkle_event *event);

/* Queues an event without numbers, with the port's alarms. */
void sc_push(sc_card *card, int type, int port, int channel, int cause);

int32_t sc_sim_open(sc_card *card, const char *spec);
int32_t sc_dahdi_open(sc_card *card, const char *spec);

/* Says why the open in progress on this thread fails (sparkle_card_open_error). */
void sc_open_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Copies at most size-1 bytes and always terminates. */
void sc_copy_text(char *target, size_t size, const char *source);

#endif
