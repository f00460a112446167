/*
 * The analog side of the simulated card's FXO ports: what an exchange puts on an idle loop-start
 * line when it offers a call. The caller's number travels only as audio (FSK between the first
 * and second ring, or DTMF before the first ring), so the appliance must decode it as it would
 * on a real line; the ring cadence arrives as SPARKLE_EVENT_RING.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "g711.h"
#include "sim_internal.h"

#define SAMPLE_RATE    8000
#define FRAME_SAMPLES  SPARKLE_FRAME_BYTES
#define BAUD           1200
#define CID_AMPLITUDE  4000.0

/* GR-30 §3.1 and EN 300 659-1 §6.1: 300 alternating bits (channel seizure), then 180 bits of
 * mark, then the message; FSK starts at least 500 ms after the first ring ends. */
#define SEIZURE_BITS     300
#define MARK_BITS        180
#define TRAILING_BITS    10
#define FSK_AFTER_RING_MS 500

/* EN 300 659-1 annex B and YDN 069 (China): 70 ms keys with 70 ms pauses, ended before the
 * first ring. */
#define DTMF_KEY_MS        70
#define DTMF_BEFORE_RING_MS 300

typedef struct samples {
    int16_t *data;
    int count;
    int capacity;
} samples;

static int reserve(samples *s, int more)
{
    if (s->count + more <= s->capacity) {
        return 1;
    }
    int capacity = s->capacity ? s->capacity : 8000;
    while (capacity < s->count + more) {
        capacity *= 2;
    }
    int16_t *grown = realloc(s->data, (size_t)capacity * sizeof *grown);
    if (!grown) {
        return 0;
    }
    s->data = grown;
    s->capacity = capacity;
    return 1;
}

static int add_silence(samples *s, int ms)
{
    int count = SAMPLE_RATE / 1000 * ms;
    if (!reserve(s, count)) {
        return 0;
    }
    memset(s->data + s->count, 0, (size_t)count * sizeof *s->data);
    s->count += count;
    return 1;
}

/* GR-30 §5 / ETSI EN 300 659-3 §5: MDMF with date and time (0x01), then the number (0x02) or a
 * reason for its absence (0x04: "P" private, "O" unavailable); the checksum makes the byte sum
 * zero modulo 256. */
static int mdmf_message(const sparkle_number *calling, uint8_t *out, int capacity)
{
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    uint8_t body[64];
    int n = 0;
    body[n++] = 0x01;
    body[n++] = 8;
    char stamp[16];
    snprintf(stamp, sizeof stamp, "%02d%02d%02d%02d", (local.tm_mon + 1) % 100, local.tm_mday % 100,
             local.tm_hour % 100, local.tm_min % 100);
    memcpy(body + n, stamp, 8);
    n += 8;
    int digits = (int)strnlen(calling->digits, SPARKLE_NUMBER_BYTES - 1);
    if (calling->presentation != 0 || digits == 0) {
        body[n++] = 0x04;
        body[n++] = 1;
        body[n++] = calling->presentation == 1 ? 'P' : 'O';
    } else {
        body[n++] = 0x02;
        body[n++] = (uint8_t)digits;
        memcpy(body + n, calling->digits, (size_t)digits);
        n += digits;
    }
    if (n + 3 > capacity) {
        return 0;
    }
    out[0] = 0x80;
    out[1] = (uint8_t)n;
    memcpy(out + 2, body, (size_t)n);
    unsigned sum = 0;
    for (int i = 0; i < n + 2; i++) {
        sum += out[i];
    }
    out[n + 2] = (uint8_t)(0x100 - (sum & 0xFF));
    return n + 3;
}

/* Continuous-phase FSK; a bit lasts 6 2/3 samples, so each sample takes the bit its time falls in. */
static int add_fsk(samples *s, const uint8_t *bits, int bit_count, double mark_hz, double space_hz)
{
    int count = (int)ceil((double)bit_count * SAMPLE_RATE / BAUD);
    if (!reserve(s, count)) {
        return 0;
    }
    double phase = 0;
    for (int i = 0; i < count; i++) {
        int bit = (int)((long)i * BAUD / SAMPLE_RATE);
        bit = bit < bit_count ? bit : bit_count - 1;
        phase = fmod(phase + 2.0 * M_PI * (bits[bit] ? mark_hz : space_hz) / SAMPLE_RATE, 2.0 * M_PI);
        s->data[s->count++] = (int16_t)lrint(CID_AMPLITUDE * sin(phase));
    }
    return 1;
}

static int add_fsk_caller_id(samples *s, const sparkle_number *calling, double mark_hz, double space_hz)
{
    uint8_t message[80];
    int length = mdmf_message(calling, message, (int)sizeof message);
    int bit_count = SEIZURE_BITS + MARK_BITS + length * 10 + TRAILING_BITS;
    uint8_t *bits = malloc((size_t)bit_count);
    if (!length || !bits) {
        free(bits);
        return 0;
    }
    int n = 0;
    for (int i = 0; i < SEIZURE_BITS; i++) {
        bits[n++] = (uint8_t)(i % 2);
    }
    memset(bits + n, 1, MARK_BITS);
    n += MARK_BITS;
    for (int i = 0; i < length; i++) {
        bits[n++] = 0;
        for (int b = 0; b < 8; b++) {
            bits[n++] = (message[i] >> b) & 1;
        }
        bits[n++] = 1;
    }
    memset(bits + n, 1, TRAILING_BITS);
    int ok = add_fsk(s, bits, bit_count, mark_hz, space_hz);
    free(bits);
    return ok;
}

static int add_dtmf_key(samples *s, char key)
{
    static const char keys[] = "123A456B789C*0#D";
    static const double rows[] = {697, 770, 852, 941};
    static const double columns[] = {1209, 1336, 1477, 1633};
    const char *found = strchr(keys, key);
    int count = SAMPLE_RATE / 1000 * DTMF_KEY_MS;
    if (!found || !*found || !reserve(s, count)) {
        return 0;
    }
    int index = (int)(found - keys);
    for (int i = 0; i < count; i++) {
        double t = (double)i / SAMPLE_RATE;
        double value = sin(2 * M_PI * rows[index / 4] * t) + sin(2 * M_PI * columns[index % 4] * t);
        s->data[s->count++] = (int16_t)lrint(CID_AMPLITUDE / 2 * value);
    }
    return add_silence(s, DTMF_KEY_MS);
}

/* D, the digits, C; a withheld number is D B 1 0 C (private) or D B 0 0 C (unavailable). */
static int add_dtmf_caller_id(samples *s, const sparkle_number *calling)
{
    char keys[SPARKLE_NUMBER_BYTES + 4];
    if (calling->presentation != 0 || calling->digits[0] == '\0') {
        snprintf(keys, sizeof keys, "DB%s0C", calling->presentation == 1 ? "1" : "0");
    } else {
        snprintf(keys, sizeof keys, "D%.*sC", SPARKLE_NUMBER_BYTES - 1, calling->digits);
    }
    for (const char *k = keys; *k; k++) {
        if (!add_dtmf_key(s, *k)) {
            return 0;
        }
    }
    return 1;
}

int sim_line_cid_of(const char *name)
{
    if (strcmp(name, "none") == 0) {
        return SIM_CID_NONE;
    }
    if (strcmp(name, "bell202") == 0) {
        return SIM_CID_BELL202;
    }
    if (strcmp(name, "v23") == 0) {
        return SIM_CID_V23;
    }
    if (strcmp(name, "dtmf") == 0) {
        return SIM_CID_DTMF;
    }
    return -1;
}

int sim_line_offer(sim_channel *ch, int cid, const sparkle_number *calling, int ring_ms, int pause_ms)
{
    samples s = {0};
    int first_ring_frame = 0;
    int ok = 1;
    switch (cid) {
    case SIM_CID_BELL202:
    case SIM_CID_V23: {
        ok = add_silence(&s, ring_ms + FSK_AFTER_RING_MS) &&
             add_fsk_caller_id(&s, calling, cid == SIM_CID_BELL202 ? 1200 : 1300,
                               cid == SIM_CID_BELL202 ? 2200 : 2100);
        /* The second ring waits for the end of the message, as exchanges stretch the pause. */
        int needed_ms = s.count / (SAMPLE_RATE / 1000) - ring_ms + 200;
        pause_ms = pause_ms > needed_ms ? pause_ms : needed_ms;
        break;
    }
    case SIM_CID_DTMF:
        ok = add_dtmf_caller_id(&s, calling) && add_silence(&s, DTMF_BEFORE_RING_MS);
        first_ring_frame = s.count / FRAME_SAMPLES;
        break;
    default:
        break;
    }
    if (!ok) {
        free(s.data);
        return SPARKLE_E_NO_MEMORY;
    }

    int frames = (s.count + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
    free(ch->line_audio);
    ch->line_audio = NULL;
    if (frames > 0) {
        ch->line_audio = malloc((size_t)frames * SPARKLE_FRAME_BYTES);
        if (!ch->line_audio) {
            free(s.data);
            return SPARKLE_E_NO_MEMORY;
        }
        for (int i = 0; i < frames * FRAME_SAMPLES; i++) {
            ch->line_audio[i] = sc_alaw_encode(i < s.count ? s.data[i] : 0);
        }
    }
    free(s.data);
    ch->line_frames = frames;
    ch->line_tick = 0;
    ch->line_read = 0;
    ch->next_ring_tick = first_ring_frame;
    ch->ring_period_ticks = (ring_ms + pause_ms) / SIM_TICK_MS;
    ch->ring_period_ticks = ch->ring_period_ticks > 0 ? ch->ring_period_ticks : 1;
    return SPARKLE_OK;
}

int sim_line_tick(sim_channel *ch, uint8_t *frame)
{
    int ring = ch->line_tick == ch->next_ring_tick;
    if (ring) {
        ch->next_ring_tick += ch->ring_period_ticks;
    }
    if (ch->line_tick < ch->line_frames) {
        memcpy(frame, ch->line_audio + (size_t)ch->line_tick * SPARKLE_FRAME_BYTES, SPARKLE_FRAME_BYTES);
    } else {
        memset(frame, sc_alaw_encode(0), SPARKLE_FRAME_BYTES);
    }
    ch->line_tick++;
    return ring;
}

/* The caller ID is read from the whole line signal, which the line keeps until the call is
 * answered, rather than from the 500 ms of ordinary audio frames: DTMF caller ID runs for two
 * seconds before the first ring, and a reader that starts late on a loaded machine must still
 * hear its first digit, as a card's deeper on-hook buffer would let it. */
int sim_line_read(sim_channel *ch, uint8_t *frame)
{
    if (ch->line_read >= ch->line_tick) {
        return 0;
    }
    if (ch->line_tick - ch->line_read > SIM_LINE_BACKLOG) {
        ch->line_read = ch->line_tick - SIM_LINE_BACKLOG;
    }
    if (ch->line_read < ch->line_frames) {
        memcpy(frame, ch->line_audio + (size_t)ch->line_read * SPARKLE_FRAME_BYTES, SPARKLE_FRAME_BYTES);
    } else {
        memset(frame, sc_alaw_encode(0), SPARKLE_FRAME_BYTES);
    }
    ch->line_read++;
    return 1;
}

void sim_line_release(sim_channel *ch)
{
    free(ch->line_audio);
    ch->line_audio = NULL;
    ch->line_frames = 0;
    ch->ring_period_ticks = 0;
}
