/*
 * The echo path of a simulated FXO line. A real line meets the exchange's 2-wire/4-wire hybrid,
 * which returns part of what we send; the simulated line does the same, so the card's echo
 * canceller (src/echo.c) has something to cancel and a test can measure how much it takes out.
 *
 * What the appliance writes waits in a short queue and goes to the line one frame per 20 ms
 * tick, as a card's TDM bus plays it; at that tick the echo of those samples joins the exchange's
 * own audio, the sum is quantised by the line's codec, and the canceller sees exactly the
 * samples that were sent beside the ones that came back, as a canceller on a card does.
 */
#include <math.h>
#include <string.h>

#include "g711.h"
#include "sim_internal.h"

/* A hybrid's impulse response is short and ringing: a main tap, its shoulder and a small
 * overshoot (values chosen for the simulation, about 1 ms long). */
static const float s_response[] = {0.35f, 1.0f, 0.55f, -0.25f, -0.12f, 0.06f};
#define RESPONSE_TAPS ((int)(sizeof s_response / sizeof s_response[0]))

void sim_hybrid_start(sc_card *card, int port, sim_channel *ch)
{
    sim_hybrid_release(ch);
    if (card->ports[port].kind != SPARKLE_PORT_FXO || !card->echo[port].enabled) {
        return;
    }
    ch->hybrid.echo = sc_echo_new(card->echo[port].tail_ms);
}

void sim_hybrid_release(sim_channel *ch)
{
    sc_echo_free(ch->hybrid.echo);
    memset(&ch->hybrid, 0, sizeof ch->hybrid);
}

void sim_hybrid_sent(sim_channel *ch, const uint8_t *frame)
{
    sim_hybrid *h = &ch->hybrid;
    if (h->tx_count == SIM_TX_FRAMES) {
        /* The appliance runs ahead of the line's clock: the oldest frame is lost, as on a card. */
        h->tx_head = (h->tx_head + 1) % SIM_TX_FRAMES;
        h->tx_count--;
    }
    int16_t *slot = h->tx[(h->tx_head + h->tx_count++) % SIM_TX_FRAMES];
    for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
        slot[i] = sc_alaw_decode(frame[i]);
    }
}

static float response_gain(const sim_port *p)
{
    float energy = 0;
    for (int k = 0; k < RESPONSE_TAPS; k++) {
        energy += s_response[k] * s_response[k];
    }
    return (float)pow(10.0, -p->hybrid_loss_db / 20.0) / sqrtf(energy);
}

void sim_hybrid_tick(const sim_port *p, sim_channel *ch, const int16_t *far, uint8_t *out)
{
    sim_hybrid *h = &ch->hybrid;
    static const int16_t silence[SPARKLE_FRAME_BYTES];
    const int16_t *sent = silence;
    if (h->tx_count > 0) {
        sent = h->tx[h->tx_head];
        h->tx_head = (h->tx_head + 1) % SIM_TX_FRAMES;
        h->tx_count--;
    }

    float gain = p->hybrid_loss_db > 0 ? response_gain(p) : 0;
    int delay = p->hybrid_delay_ms * 8;
    for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
        h->history[h->position] = sent[i];
        float echo = 0;
        for (int k = 0; k < RESPONSE_TAPS; k++) {
            echo += s_response[k] * h->history[(h->position - delay - k + 2 * SIM_HYBRID_SPAN) % SIM_HYBRID_SPAN];
        }
        h->position = (h->position + 1) % SIM_HYBRID_SPAN;

        float line = (float)far[i] + gain * echo;
        line = line > 32767.0f ? 32767.0f : line < -32768.0f ? -32768.0f : line;
        int16_t heard = sc_alaw_decode(sc_alaw_encode((int16_t)lrintf(line)));
        if (h->echo) {
            heard = sc_echo_process(h->echo, sent[i], heard);
        }
        out[i] = sc_alaw_encode(heard);
    }
}
