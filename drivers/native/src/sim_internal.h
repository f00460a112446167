/* Shared between the parts of the simulated card: sim.c (card, thread, audio), sim_pri.c (Q.931 on
 * both sides of each E1) and sim_control.c (the far end's control socket). */
#ifndef SPARKLE_SIM_INTERNAL_H
#define SPARKLE_SIM_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/un.h>
#include <time.h>

#include <libpri.h>

#include "card_internal.h"
#include "echo.h"
#include "pri_span.h"

#define SIM_CLIENTS      8
#define SIM_CLIENTS_TEXT "8" /* SIM_CLIENTS as the refusal of a ninth client spells it */
#define SIM_LINE         512
#define SIM_AUDIO_FRAMES 25
#define SIM_TICK_MS      20
#define SIM_LINE_BACKLOG 250 /* 5 s of on-hook line audio kept for a slow caller-ID reader */
#define SIM_TX_FRAMES    8   /* what the appliance sent, waiting for its tick on the line */
#define SIM_HYBRID_SPAN  512 /* samples of transmit history the hybrid's echo can reach back */

/* The 2-wire/4-wire hybrid of an FXO line: what we send comes back delayed and attenuated. */
typedef struct sim_hybrid {
    int16_t tx[SIM_TX_FRAMES][SPARKLE_FRAME_BYTES];
    int tx_head;
    int tx_count;
    float history[SIM_HYBRID_SPAN];
    int position;
    sc_echo *echo; /* the card's canceller, while a call is up and the port's setting is on */
} sim_hybrid;

typedef struct sim_channel {
    int state;
    q931_call *call;     /* our (CPE) side's call on PRI spans */
    q931_call *far_call; /* the far exchange's call */
    uint8_t to_app[SIM_AUDIO_FRAMES][SPARKLE_FRAME_BYTES];
    int to_app_head;
    int to_app_count;
    double tone_hz;
    double tone_phase;
    int tone_on_ms;  /* cadence of the far end's tone; 0 is steady */
    int tone_off_ms;
    long tone_clock_ms;
    uint8_t *line_audio; /* FXO: what the exchange sends on the idle line, frame by frame */
    int line_frames;
    int line_tick;
    int line_read; /* the next on-hook frame the appliance reads, at most SIM_LINE_BACKLOG behind */
    int next_ring_tick;
    int ring_period_ticks; /* 0 when the line is not ringing */
    long heard_frames;
    long heard_crossings;
    int heard_last_sign;
    double heard_energy;
    sim_hybrid hybrid;
} sim_channel;

struct sim_r2_port;

typedef struct sim_port {
    struct sim_r2_port *r2; /* R2 spans: openr2 on both ends (sim_r2.c) */
    struct pri *pri; /* appliance side, CPE (network with spanN=pri-net) */
    struct pri *far; /* exchange side, network (CPE with spanN=pri-net) */
    int pri_network;
    int fds[2];
    sim_channel channels[SC_MAX_CHANNELS + 1];
    int hybrid_delay_ms; /* FXO: the echo path's delay and loss, set over the control socket */
    double hybrid_loss_db;
} sim_port;

typedef struct sim_client {
    int fd;
    char line[SIM_LINE];
    int length;
    int has_nul; /* the line being read holds a NUL byte, and is refused at its end */
} sim_client;

typedef struct sim {
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    int listen_fd;
    int owns_path;  /* the socket file at path is the one this card bound */
    dev_t path_dev; /* and which file that is, so a newcomer's socket is left alone */
    ino_t path_ino;
    int wake[2];
    int stop;
    pthread_t thread;
    int thread_started;
    sim_client clients[SIM_CLIENTS];
    sim_port ports[SC_MAX_PORTS];
    struct timespec next_tick;
} sim;

enum { SIM_CID_NONE, SIM_CID_BELL202, SIM_CID_V23, SIM_CID_DTMF };
extern const char *const sim_state_names[];

static inline sim *sim_of(sc_card *card)
{
    return (sim *)card->backend;
}

static inline int is_pri(sc_card *card, int port)
{
    return card->ports[port].kind == SPARKLE_PORT_E1_PRI;
}

static inline int is_r2(sc_card *card, int port)
{
    return card->ports[port].kind == SPARKLE_PORT_E1_R2;
}

/* All below are called with card->lock held. */
void sim_wake_thread(sim *s);
void sim_notify(sim *s, const char *format, ...) __attribute__((format(printf, 2, 3)));
void sim_push(sc_card *card, int type, int port, int channel, int cause);
void sim_set_state(sc_card *card, int port, sim_channel *ch, int state);

void sim_handle_our_event(sc_card *card, int port, pri_event *e);
void sim_handle_far_event(sc_card *card, int port, pri_event *e);

void sim_read_client(sc_card *card, sim_client *client);

/* sim_line.c: the ring cadence and caller-ID audio of an FXO line (docs/drivers.md). */
int sim_line_cid_of(const char *name); /* SIM_CID_*, or -1 */
int sim_line_offer(sim_channel *ch, int cid, const sparkle_number *calling, int ring_ms, int pause_ms);
int sim_line_tick(sim_channel *ch, uint8_t *frame); /* the next on-hook frame; 1 when a ring starts */
int sim_line_read(sim_channel *ch, uint8_t *frame);  /* 1 when an on-hook frame was waiting */
void sim_line_release(sim_channel *ch);

/* sim_hybrid.c: the echo path of an FXO line and the card's canceller on it. */
void sim_hybrid_start(sc_card *card, int port, sim_channel *ch); /* a call went up */
void sim_hybrid_release(sim_channel *ch);
void sim_hybrid_sent(sim_channel *ch, const uint8_t *frame); /* the appliance wrote a frame */
/* One tick of the line: far is what the exchange sends; the frame the appliance reads, echo
 * included and, with the canceller on, taken out again, goes to out. */
void sim_hybrid_tick(const sim_port *p, sim_channel *ch, const int16_t *far, uint8_t *out);

#endif
