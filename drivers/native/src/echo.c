/*
 * The line echo canceller of FXO channels: a normalised LMS filter (NLMS) that learns the
 * hybrid's impulse response from what we transmit and subtracts its estimate of the echo from
 * what the line returns, in the manner ITU-T G.168 describes for network echo cancellers.
 *
 * Adaption stops while the far end talks: the Geigel detector (G.168 Annex, the classic form)
 * declares double talk when the received sample exceeds half of the largest transmitted sample
 * of the tail, which holds for any hybrid with at least 6 dB of echo return loss, and holds
 * adaption off for a hangover after the last such sample. Without it the far talker's speech
 * would be taken for echo and the filter would diverge, cancelling the talker.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echo.h"

#define SAMPLES_PER_MS   8
#define GEIGEL_BLOCK     32  /* samples per block of the running transmit maximum */
#define HANGOVER_SAMPLES 240 /* 30 ms of held adaption after double talk */
#define STEP             0.4f
#define MIN_TX_POWER     1.0e4f /* per tap: below about -50 dBm0 there is nothing to learn from */

struct sc_echo {
    int taps;
    int position;    /* where the newest transmitted sample sits in history */
    float *history;  /* 2 * taps: each sample is written twice so a window never wraps */
    float *weights;
    double tx_power; /* sum of squares of the samples in the window */
    int blocks;
    float *block_max; /* largest |tx| of each block of the tail, for the Geigel detector */
    int block_fill;
    int block_index;
    float block_current;
    int hangover;
};

sc_echo *sc_echo_new(int tail_ms)
{
    if (tail_ms < SC_ECHO_MIN_TAIL_MS || tail_ms > SC_ECHO_MAX_TAIL_MS) {
        return NULL;
    }
    sc_echo *echo = calloc(1, sizeof *echo);
    if (!echo) {
        return NULL;
    }
    echo->taps = tail_ms * SAMPLES_PER_MS;
    echo->blocks = echo->taps / GEIGEL_BLOCK;
    echo->history = calloc(2 * (size_t)echo->taps, sizeof *echo->history);
    echo->weights = calloc((size_t)echo->taps, sizeof *echo->weights);
    echo->block_max = calloc((size_t)echo->blocks, sizeof *echo->block_max);
    if (!echo->history || !echo->weights || !echo->block_max) {
        sc_echo_free(echo);
        return NULL;
    }
    return echo;
}

void sc_echo_free(sc_echo *echo)
{
    if (!echo) {
        return;
    }
    free(echo->history);
    free(echo->weights);
    free(echo->block_max);
    free(echo);
}

/* The largest transmitted magnitude over the tail, kept per block so a sample costs O(1) and a
 * block O(blocks). */
static float tail_maximum(sc_echo *echo, float magnitude)
{
    if (magnitude > echo->block_current) {
        echo->block_current = magnitude;
    }
    if (++echo->block_fill == GEIGEL_BLOCK) {
        echo->block_max[echo->block_index] = echo->block_current;
        echo->block_index = (echo->block_index + 1) % echo->blocks;
        echo->block_fill = 0;
        echo->block_current = 0;
    }
    float maximum = echo->block_current;
    for (int i = 0; i < echo->blocks; i++) {
        if (echo->block_max[i] > maximum) {
            maximum = echo->block_max[i];
        }
    }
    return maximum;
}

int16_t sc_echo_process(sc_echo *echo, int16_t tx, int16_t rx)
{
    int n = echo->taps;

    /* The oldest sample leaves the window as the newest enters it. */
    echo->position = echo->position == 0 ? n - 1 : echo->position - 1;
    float leaving = echo->history[echo->position];
    float x = (float)tx;
    echo->history[echo->position] = x;
    echo->history[echo->position + n] = x;
    echo->tx_power += (double)x * x - (double)leaving * leaving;
    if (echo->tx_power < 0) {
        echo->tx_power = 0; /* rounding of the running sum */
    }

    const float *window = &echo->history[echo->position];
    float estimate = 0;
    for (int k = 0; k < n; k++) {
        estimate += echo->weights[k] * window[k];
    }
    float error = (float)rx - estimate;

    float reference = tail_maximum(echo, fabsf(x));
    if (fabsf((float)rx) > 0.5f * reference) {
        echo->hangover = HANGOVER_SAMPLES;
    } else if (echo->hangover > 0) {
        echo->hangover--;
    }
    if (echo->hangover == 0 && echo->tx_power > MIN_TX_POWER * n) {
        float step = STEP * error / (float)echo->tx_power;
        for (int k = 0; k < n; k++) {
            echo->weights[k] += step * window[k];
        }
    }

    if (error > 32767.0f) {
        return 32767;
    }
    if (error < -32768.0f) {
        return -32768;
    }
    return (int16_t)lrintf(error);
}
