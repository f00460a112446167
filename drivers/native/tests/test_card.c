/*
 * Tests of the sparkle_card ABI over the simulated card. Run as `test_card abi|pri|analog|r2|dahdi|control`;
 * ctest runs each plainly, under AddressSanitizer (a separate build) and under valgrind memcheck.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control.h"
#include "sparkle_card.h"

static int s_failures;

#define CHECK(condition)                                                                                     \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);                    \
            s_failures++;                                                                                    \
        }                                                                                                    \
    } while (0)

#define CHECK_STATUS(expected, call) CHECK_EQ(expected, call)
#define CHECK_EQ(expected, actual)                                                                           \
    do {                                                                                                     \
        long e_ = (long)(expected), a_ = (long)(actual);                                                     \
        if (e_ != a_) {                                                                                      \
            fprintf(stderr, "%s:%d: %s: expected %ld, got %ld\n", __FILE__, __LINE__, #actual, e_, a_);      \
            s_failures++;                                                                                    \
        }                                                                                                    \
    } while (0)

static char s_socket[108];
static char s_uri[160];

static void make_names(const char *options)
{
    snprintf(s_socket, sizeof s_socket, "/tmp/sparkle-card-test-%d.sock", (int)getpid());
    snprintf(s_uri, sizeof s_uri, "sim:%s?%s", s_socket, options);
}

/* Waits for an event of the given type, skipping others; 0 when none came in time. */
static int wait_event(sparkle_handle card, int type, sparkle_event *event)
{
    for (int i = 0; i < 50; i++) {
        int32_t status = sparkle_card_poll_event(card, event, 200);
        if (status == SPARKLE_OK && event->type == type) {
            return 1;
        }
        if (status != SPARKLE_OK && status != SPARKLE_E_TIMEOUT) {
            return 0;
        }
    }
    return 0;
}

/* Half the zero crossings per second of one A-law frame sequence: the tone's frequency. */
static double frequency_of(const uint8_t *frames, int count)
{
    int crossings = 0;
    int last = 0;
    for (int i = 0; i < count * SPARKLE_FRAME_BYTES; i++) {
        /* A-law's sign bit is 0x80 after the 0x55 inversion is undone. */
        int positive = ((frames[i] ^ 0x55) & 0x80) != 0;
        crossings += i > 0 && positive != last;
        last = positive;
    }
    return crossings / 2.0 / (count * 0.020);
}

/* Opening uri fails with SPARKLE_E_INVALID_ARGUMENT (or SPARKLE_E_IO for a socket that cannot be
 * made) and sparkle_card_open_error says why, word for word. */
static int open_refused(const char *uri, const char *why)
{
    sparkle_handle card = 0;
    int32_t status = sparkle_card_open(uri, &card);
    const char *said = sparkle_card_open_error();
    if ((status != SPARKLE_E_INVALID_ARGUMENT && status != SPARKLE_E_IO) || card != 0 ||
        strcmp(said, why) != 0) {
        fprintf(stderr, "  %s: status %d\n    expected: %s\n    got:      %s\n", uri, (int)status, why, said);
        return 0;
    }
    return 1;
}

static void test_abi(void)
{
    sparkle_handle card = 0;
    sparkle_event event;
    sparkle_port_info info;
    int32_t count = 0;
    int32_t chosen = 0;
    uint8_t frame[SPARKLE_FRAME_BYTES] = {0};
    sparkle_number number = {.digits = "100"};

    CHECK_EQ(SPARKLE_CARD_ABI_VERSION, sparkle_card_abi_version());
    CHECK(strcmp(sparkle_card_strerror(SPARKLE_E_BAD_HANDLE), "unknown or closed card handle") == 0);
    CHECK(sparkle_card_strerror(-999) != NULL);
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open(NULL, &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open("sim:/tmp/x", NULL));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open("tape:/dev/null", &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open("sim:", &card));
    CHECK_STATUS(SPARKLE_E_IO, sparkle_card_open("sim:/nonexistent-dir/card.sock", &card));

    /* A malformed card URI is refused naming the option at fault. */
    CHECK(open_refused("tape:/dev/null", "a card URI starts with sim: or dahdi:"));
    CHECK(open_refused("sim:/tmp/x?e1=abc", "option e1 'abc' is not a whole number"));
    CHECK(open_refused("sim:/tmp/x?e1=", "option e1 '' is not a whole number"));
    CHECK(open_refused("sim:/tmp/x?fxo=5x", "option fxo '5x' is not a whole number"));
    CHECK(open_refused("sim:/tmp/x?e1=99999", "option e1 99999 is out of range (0-16)"));
    CHECK(open_refused("sim:/tmp/x?gsm=-1", "option gsm -1 is out of range (0-16)"));
    CHECK(open_refused("sim:/tmp/x?e1=10&fxo=10",
                       "e1=10, fxo=10 and gsm=2 make 22 ports; the card holds at most 16"));
    CHECK(open_refused("sim:/tmp/x?colour=red",
                       "unknown option 'colour' (the simulated card knows e1, fxo, gsm and span<N>)"));
    CHECK(open_refused("sim:/tmp/x?e1=1&e1=2", "option e1 is given twice"));
    CHECK(open_refused("sim:/tmp/x?e1", "option 'e1' has no value (options are key=value, joined by &)"));
    CHECK(open_refused(
        "sim:/tmp/x?e1=1&span3=r2/XX",
        "option span3: R2 VARIANT 'XX' is not an openr2 variant code (CN, ITU, AR, BR, CZ, CO, EC, "
        "ID, MX, PH, VE)"));
    CHECK(
        open_refused("sim:/tmp/x?spanx=pri", "option 'spanx' is not span<N> with N an E1 span from 0 to 15"));
    CHECK(open_refused("sim:/tmp/x?span0=pri-xyz", "option span0: 'pri-xyz' is not pri, pri-cpe, pri-net or "
                                                   "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]"));
    CHECK(open_refused("sim:/tmp/x?span0=r2/CN/50", "option span0: MAX_ANI 50 is out of range (0-40)"));
    CHECK(open_refused("sim:/tmp/x?span0=r2/CN//4", "option span0: R2 MAX_ANI in 'r2/CN//4' is empty"));
    CHECK(open_refused(
        "sim:/nonexistent-dir/card.sock",
        "cannot listen on the control socket /nonexistent-dir/card.sock: No such file or directory"));

    /* Left out, the counts are 1 E1 span, 2 FXO lines and 2 GSM slots. */
    make_names("");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    CHECK(strcmp(sparkle_card_open_error(), "") == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_port_count(card, &count));
    CHECK_EQ(5, count);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));

    make_names("e1=1&fxo=2&gsm=1");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    CHECK_STATUS(SPARKLE_OK, sparkle_card_port_count(card, &count));
    CHECK_EQ(4, count);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_port_info(card, 0, &info));
    CHECK_EQ(SPARKLE_PORT_E1_PRI, info.kind);
    CHECK_EQ(30, info.channels);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_port_info(card, 3, &info));
    CHECK_EQ(SPARKLE_PORT_GSM, info.kind);
    CHECK_STATUS(SPARKLE_E_UNKNOWN_PORT, sparkle_card_port_info(card, 4, &info));
    CHECK_STATUS(SPARKLE_E_UNKNOWN_PORT, sparkle_card_port_info(card, -1, &info));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_port_info(card, 0, NULL));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_port_count(card, NULL));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_poll_event(card, NULL, 0));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_poll_event(card, &event, -1));

    CHECK_STATUS(SPARKLE_E_UNKNOWN_CHANNEL, sparkle_card_answer(card, 0, 31));
    CHECK_STATUS(SPARKLE_E_UNKNOWN_CHANNEL, sparkle_card_answer(card, 0, 0));
    CHECK_STATUS(SPARKLE_E_UNKNOWN_CHANNEL, sparkle_card_answer(card, 1, 2));
    CHECK_STATUS(SPARKLE_E_UNKNOWN_PORT, sparkle_card_answer(card, 9, 1));
    CHECK_STATUS(SPARKLE_E_WRONG_STATE, sparkle_card_answer(card, 1, 1));
    CHECK_STATUS(SPARKLE_E_WRONG_STATE, sparkle_card_hangup(card, 1, 1, 16));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_hangup(card, 1, 1, 0));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_hangup(card, 1, 1, 128));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_send_digit(card, 1, 1, 'x'));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_send_digit(card, 1, 1, 0));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_write_audio(card, 1, 1, frame, 159));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_write_audio(card, 1, 1, NULL, 160));
    CHECK_STATUS(SPARKLE_E_WRONG_STATE, sparkle_card_write_audio(card, 1, 1, frame, 160));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_read_audio(card, 1, 1, frame, 100, &count));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, NULL, &number, &chosen));
    CHECK_STATUS(SPARKLE_E_UNKNOWN_CHANNEL, sparkle_card_dial(card, 1, 5, &number, &number, &chosen));

    /* The echo canceller is an FXO port's alone, with a tail of 8 to 256 ms (ABI 3). */
    CHECK_STATUS(SPARKLE_OK, sparkle_card_set_echo_canceller(card, 1, 0, 64));
    CHECK_STATUS(SPARKLE_OK, sparkle_card_set_echo_canceller(card, 1, 1, 256));
    CHECK_STATUS(SPARKLE_E_UNSUPPORTED, sparkle_card_set_echo_canceller(card, 0, 1, 128));
    CHECK_STATUS(SPARKLE_E_UNSUPPORTED, sparkle_card_set_echo_canceller(card, 3, 1, 128));
    CHECK_STATUS(SPARKLE_E_UNKNOWN_PORT, sparkle_card_set_echo_canceller(card, 4, 1, 128));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_set_echo_canceller(card, 1, 1, 7));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_set_echo_canceller(card, 1, 1, 257));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_set_echo_canceller(card, 1, 2, 128));

    /* A number that fills its buffer without a terminator is refused, not read past. */
    sparkle_number unterminated;
    memset(unterminated.digits, '9', sizeof unterminated.digits);
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &number, &unterminated, &chosen));

    /* A number the line cannot dial, or attributes off the Q.931 wire values, are refused before
       any channel is taken, so a card never dials a number other than the one asked for. */
    sparkle_number letters = number;
    snprintf(letters.digits, sizeof letters.digits, "%s", "12a34");
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &number, &letters, &chosen));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &letters, &number, &chosen));
    snprintf(letters.digits, sizeof letters.digits, "%s", "+4930");
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &number, &letters, &chosen));
    sparkle_number attributes = number;
    attributes.type_of_number = 5;
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &number, &attributes, &chosen));
    attributes = number;
    attributes.numbering_plan = 2;
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &number, &attributes, &chosen));
    attributes = number;
    attributes.presentation = 3;
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &attributes, &number, &chosen));
    attributes.presentation = -1;
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_dial(card, 1, -1, &attributes, &number, &chosen));

    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_close(card));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_port_count(card, &count));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_poll_event(card, &event, 0));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_answer(card, 0, 1));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_answer(12345, 0, 1));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_answer(0, 0, 1));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_answer(-7, 0, 1));
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_set_echo_canceller(card, 1, 1, 128));

    /* A reopened card gets a new handle; the old one stays refused. */
    sparkle_handle again = 0;
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &again));
    CHECK(again != card);
    CHECK_STATUS(SPARKLE_E_BAD_HANDLE, sparkle_card_port_count(card, &count));
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(again));
}

static void test_pri(void)
{
    sparkle_handle card = 0;
    sparkle_event event;
    uint8_t frames[10][SPARKLE_FRAME_BYTES];
    int32_t length = 0;

    make_names("e1=1&fxo=0&gsm=0");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    int control = control_connect(s_socket);
    CHECK(control >= 0);

    /* Layer 2 comes up between the two libpri instances (Q.921 SABME/UA). */
    CHECK(wait_event(card, SPARKLE_EVENT_ALARM, &event) && event.alarms == 0);

    /* Inbound SETUP from the exchange with a restricted national calling number. */
    CHECK(strncmp(control_command(control, "call 0 13800138000 100 channel=3 pres=restricted"),
                  "ok channel=3", 12) == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event));
    CHECK_EQ(3, event.channel);
    CHECK(strcmp(event.calling.digits, "13800138000") == 0);
    CHECK(strcmp(event.called.digits, "100") == 0);
    CHECK_EQ(2, event.calling.type_of_number);
    CHECK_EQ(1, event.calling.numbering_plan);
    CHECK_EQ(1, event.calling.presentation);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_answer(card, 0, 3));
    CHECK(control_wait_event(control, "event connect port=0 channel=3", 5000) != NULL);

    /* Audio both ways: a 1 kHz tone from the exchange, 440 Hz from us. */
    CHECK(strcmp(control_command(control, "tone 0 3 1000"), "ok") == 0);
    int got = 0;
    for (int tries = 0; got < 10 && tries < 200; tries++) {
        if (sparkle_card_read_audio(card, 0, 3, frames[got], SPARKLE_FRAME_BYTES, &length) == SPARKLE_OK) {
            got++;
        } else {
            usleep(10000);
        }
    }
    CHECK_EQ(10, got);
    CHECK(fabs(frequency_of(&frames[0][0], got) - 1000) < 30);
    control_command(control, "heard 0 3");
    for (int f = 0; f < 25; f++) {
        uint8_t frame[SPARKLE_FRAME_BYTES];
        for (int i = 0; i < SPARKLE_FRAME_BYTES; i++) {
            int n = f * SPARKLE_FRAME_BYTES + i;
            double sample = 6000 * sin(2 * M_PI * 440 * n / 8000.0);
            /* Sign bit and a mid-scale magnitude are enough for the sim's crossing meter. */
            frame[i] = (uint8_t)((sample >= 0 ? 0xC0 : 0x40) ^ 0x55);
        }
        CHECK_STATUS(SPARKLE_OK, sparkle_card_write_audio(card, 0, 3, frame, SPARKLE_FRAME_BYTES));
    }
    const char *heard = control_command(control, "heard 0 3");
    int heard_frames = 0;
    double heard_hz = 0;
    CHECK(sscanf(heard, "ok frames=%d hz=%lf", &heard_frames, &heard_hz) == 2);
    CHECK_EQ(25, heard_frames);
    CHECK(fabs(heard_hz - 440) < 20);

    /* The exchange clears with cause 17 (user busy); the cause arrives unchanged. */
    CHECK(strcmp(control_command(control, "hangup 0 3 17"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_HANGUP, &event));
    CHECK_EQ(3, event.channel);
    CHECK_EQ(17, event.cause);

    /* Outbound: we pick the highest free channel, the exchange alerts and answers. */
    sparkle_number calling = {
        .digits = "55501234", .type_of_number = 4, .numbering_plan = 1, .presentation = 0};
    sparkle_number called = {.digits = "13900139000", .type_of_number = 2, .numbering_plan = 1};
    int32_t chosen = 0;
    CHECK_STATUS(SPARKLE_OK, sparkle_card_dial(card, 0, -1, &calling, &called, &chosen));
    CHECK_EQ(30, chosen);
    const char *setup = control_wait_event(control, "event setup port=0 channel=30", 5000);
    CHECK(setup && strstr(setup, "calling=55501234 called=13900139000"));
    CHECK(wait_event(card, SPARKLE_EVENT_RINGING, &event) && event.channel == 30);
    CHECK(strcmp(control_command(control, "answer 0 30"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_ANSWERED, &event) && event.channel == 30);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_hangup(card, 0, 30, 16));
    const char *release = control_wait_event(control, "event release port=0 channel=30", 5000);
    CHECK(release && strstr(release, "cause=16"));

    /* RESTART from the exchange (Q.931 §5.5) frees the channel and is reported. */
    CHECK(strcmp(control_command(control, "restart 0 7"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_RESTART, &event) && event.channel == 7);
    CHECK(control_wait_event(control, "event restarted port=0 channel=7", 5000) != NULL);

    /* In alarm, the span refuses calls both ways. */
    CHECK(strncmp(control_command(control, "alarm 0 LOS,RAI"), "ok alarms=5", 11) == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_ALARM, &event));
    CHECK_EQ(SPARKLE_ALARM_LOS | SPARKLE_ALARM_RAI, event.alarms);
    CHECK_STATUS(SPARKLE_E_ALARM, sparkle_card_dial(card, 0, -1, &calling, &called, &chosen));
    CHECK(strcmp(control_command(control, "call 0 1 100"), "error port 0 (e1-0) is in alarm (alarms=5)") ==
          0);

    close(control);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));
}

static void test_analog(void)
{
    sparkle_handle card = 0;
    sparkle_event event;

    make_names("e1=0&fxo=1&gsm=1");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    int control = control_connect(s_socket);
    CHECK(control >= 0);

    /* An analog line carries the caller's number only as audio: FSK after the first ring. */
    CHECK(strcmp(control_command(control, "call 0 02087654321 0 cid=bell202 ring=200 pause=400"),
                 "ok channel=1") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event) && event.port == 0);
    CHECK(event.calling.digits[0] == '\0');
    CHECK(wait_event(card, SPARKLE_EVENT_RING, &event) && event.channel == 1);
    int loud_frames = 0;
    for (int i = 0; i < 300 && loud_frames < 20; i++) {
        uint8_t frame[SPARKLE_FRAME_BYTES];
        int32_t length = 0;
        if (sparkle_card_read_audio(card, 0, 1, frame, sizeof frame, &length) != SPARKLE_OK) {
            usleep(20000);
            continue;
        }
        double hz = frequency_of(frame, 1);
        loud_frames += hz > 1000 && hz < 2400;
    }
    CHECK(loud_frames >= 20);
    CHECK(wait_event(card, SPARKLE_EVENT_RING, &event) && event.channel == 1);
    CHECK(strcmp(control_command(control, "hangup 0 1"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_HANGUP, &event));

    CHECK(strcmp(control_command(control, "call 0 02087654321 0 cid=fsk"),
                 "error cid= 'fsk' is not bell202, v23, dtmf or none") == 0);
    CHECK(strcmp(control_command(control, "call 0 02087654321 0 cid=none"), "ok channel=1") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event) && event.port == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_answer(card, 0, 1));
    CHECK(control_wait_event(control, "event connect port=0 channel=1", 5000) != NULL);
    CHECK(strcmp(control_command(control, "digits 0 1 12#"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_DIGIT, &event) && event.digit == '1');
    CHECK(wait_event(card, SPARKLE_EVENT_DIGIT, &event) && event.digit == '2');
    CHECK(wait_event(card, SPARKLE_EVENT_DIGIT, &event) && event.digit == '#');

    /* An off-hook line returns the echo of what it is sent through its hybrid, and the card's
     * canceller (on by default) runs on it; the drivers' tests measure how much it takes out. */
    CHECK(strcmp(control_command(control, "hybrid 0 60 9"), "error delay_ms 60 is out of range (0-50)") == 0);
    CHECK(strcmp(control_command(control, "hybrid 1 4 9"),
                 "error hybrid needs an FXO line; port 1 (gsm-0) is a GSM slot") == 0);
    CHECK(strcmp(control_command(control, "hybrid 0 6 8"), "ok") == 0);
    int returned = 0;
    uint8_t frame[SPARKLE_FRAME_BYTES];
    int32_t length = 0;
    for (int i = 0; i < 15; i++) {
        uint8_t sent[SPARKLE_FRAME_BYTES];
        for (int k = 0; k < SPARKLE_FRAME_BYTES; k++) {
            sent[k] = (uint8_t)((k * 37 + i * 11) ^ 0x55); /* any busy signal will do */
        }
        CHECK_STATUS(SPARKLE_OK, sparkle_card_write_audio(card, 0, 1, sent, SPARKLE_FRAME_BYTES));
        usleep(20000);
        while (sparkle_card_read_audio(card, 0, 1, frame, sizeof frame, &length) == SPARKLE_OK) {
            returned++;
        }
    }
    CHECK(returned > 0);
    CHECK(strcmp(control_command(control, "hangup 0 1"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_HANGUP, &event) && event.cause == 16);

    /* Outbound on the GSM slot; a second call on its one channel is busy. */
    sparkle_number calling = {.digits = ""};
    sparkle_number called = {.digits = "13800138000"};
    int32_t chosen = 0;
    CHECK_STATUS(SPARKLE_OK, sparkle_card_dial(card, 1, -1, &calling, &called, &chosen));
    CHECK_STATUS(SPARKLE_E_BUSY, sparkle_card_dial(card, 1, -1, &calling, &called, &chosen));
    CHECK(control_wait_event(control, "event setup port=1 channel=1", 5000) != NULL);
    CHECK(strcmp(control_command(control, "answer 0 1"),
                 "error channel 1 of port 0 is idle; answer needs a call the box placed") == 0);
    CHECK(strcmp(control_command(control, "answer 1 1"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_ANSWERED, &event) && event.port == 1);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_send_digit(card, 1, 1, '5'));
    CHECK(control_wait_event(control, "event digit port=1 channel=1 digit=5", 5000) != NULL);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_hangup(card, 1, 1, 16));

    close(control);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));

    /* The box as the network side of a PRI span: the far CPE's SETUP still arrives with numbers. */
    make_names("e1=1&fxo=0&gsm=0&span0=pri-net");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    control = control_connect(s_socket);
    CHECK(wait_event(card, SPARKLE_EVENT_ALARM, &event) && event.alarms == 0);
    CHECK(strncmp(control_command(control, "call 0 13800138000 100 channel=2"), "ok channel=2", 12) == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event) && event.channel == 2);
    CHECK(strcmp(event.called.digits, "100") == 0);
    close(control);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));
}

/* Waits for the far end's state line on a channel to contain text; 0 when it did not in time. */
static int wait_far_state(int control, int port, int channel, const char *text)
{
    for (int i = 0; i < 300; i++) {
        const char *reply = control_command(control, "state %d %d", port, channel);
        if (strstr(reply, text)) {
            return 1;
        }
        usleep(50000);
    }
    return 0;
}

/* MFC/R2 (China variant) over the simulated E1: openr2 on both ends of each timeslot, ABCD bits
 * and compelled MF tones crossing between them. */
static void test_r2(void)
{
    sparkle_handle card = 0;
    sparkle_event event;
    sparkle_port_info info;
    uint8_t frames[10][SPARKLE_FRAME_BYTES];
    int32_t length = 0;
    int32_t chosen = 0;

    make_names("e1=1&fxo=0&gsm=0&span0=r2/XX");
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open(s_uri, &card));
    make_names("e1=2&fxo=0&gsm=0&span0=r2/ITU/10/3/NATIONAL_SUBSCRIBER&span1=r2/CN/0/3");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    CHECK_STATUS(SPARKLE_OK, sparkle_card_port_info(card, 0, &info));
    CHECK_EQ(SPARKLE_PORT_E1_R2, info.kind);
    CHECK_EQ(30, info.channels);
    CHECK_EQ(0, info.alarms);
    int control = control_connect(s_socket);
    CHECK(control >= 0);
    CHECK(wait_far_state(control, 0, 3, "ok Idle rx=IDLE tx=IDLE ours=Idle"));

    /* Inbound: seizure, then ANI and DNIS by compelled MF signalling. */
    CHECK(strncmp(control_command(control, "call 0 13800138000 100 channel=3"), "ok channel=3", 12) == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event));
    CHECK_EQ(3, event.channel);
    CHECK(strcmp(event.calling.digits, "13800138000") == 0 ||
          strcmp(event.calling.digits, "1380013800") == 0);
    CHECK(strcmp(event.called.digits, "100") == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_answer(card, 0, 3));
    CHECK(control_wait_event(control, "event connect port=0 channel=3", 10000) != NULL);

    /* Speech both ways once answered. */
    CHECK(strcmp(control_command(control, "tone 0 3 1000"), "ok") == 0);
    int got = 0;
    for (int tries = 0; got < 10 && tries < 300; tries++) {
        if (sparkle_card_read_audio(card, 0, 3, frames[got], SPARKLE_FRAME_BYTES, &length) == SPARKLE_OK) {
            got++;
        } else {
            usleep(10000);
        }
    }
    CHECK_EQ(10, got);
    CHECK(got == 10 && fabs(frequency_of(&frames[0][0], got) - 1000) < 30);
    uint8_t quiet[SPARKLE_FRAME_BYTES];
    memset(quiet, 0xD5, sizeof quiet);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_write_audio(card, 0, 3, quiet, SPARKLE_FRAME_BYTES));
    CHECK(strncmp(control_command(control, "heard 0 3"), "ok frames=1 ", 12) == 0);

    /* Clear-back from our end reaches the exchange, which clears forward; the line is idle again. */
    CHECK_STATUS(SPARKLE_OK, sparkle_card_hangup(card, 0, 3, 16));
    CHECK(control_wait_event(control, "event release port=0 channel=3 cause=16", 10000) != NULL);
    CHECK(wait_far_state(control, 0, 3, "ok Idle rx=IDLE tx=IDLE ours=Idle"));

    /* Outbound: we seize from the top, send DNIS and category, the exchange accepts and answers. */
    sparkle_number calling = {.digits = "88001234"};
    sparkle_number called = {.digits = "114"};
    CHECK_STATUS(SPARKLE_OK, sparkle_card_dial(card, 0, -1, &calling, &called, &chosen));
    CHECK_EQ(30, chosen);
    CHECK(control_wait_event(control, "event setup port=0 channel=30 calling=88001234 called=114", 10000) !=
          NULL);
    CHECK(wait_event(card, SPARKLE_EVENT_RINGING, &event) && event.channel == 30);
    CHECK(strcmp(control_command(control, "answer 0 30"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_ANSWERED, &event) && event.channel == 30);

    /* Clear-forward from the exchange (here the called party's end, so clear-back on the wire). */
    CHECK(strcmp(control_command(control, "hangup 0 30 16"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_HANGUP, &event) && event.channel == 30);
    CHECK_EQ(16, event.cause);
    CHECK(wait_far_state(control, 0, 30, "ok Idle rx=IDLE tx=IDLE ours=Idle"));

    /* A refusal by Group B signal: subscriber busy is Q.850 cause 17. */
    CHECK(strcmp(control_command(control, "refuse 0 17"), "ok") == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_dial(card, 0, -1, &calling, &called, &chosen));
    CHECK(wait_event(card, SPARKLE_EVENT_HANGUP, &event) && event.channel == chosen);
    CHECK_EQ(17, event.cause);
    CHECK(wait_far_state(control, 0, chosen, "ok Idle rx=IDLE tx=IDLE ours=Idle"));

    /* A line the exchange blocks is not seized until it is idle again. */
    CHECK(strcmp(control_command(control, "block 0 7"), "ok") == 0);
    CHECK(wait_far_state(control, 0, 7, "blocked"));
    CHECK_STATUS(SPARKLE_E_BUSY, sparkle_card_dial(card, 0, 7, &calling, &called, &chosen));
    CHECK(strcmp(control_command(control, "unblock 0 7"), "ok") == 0);
    for (int i = 0; i < 100 && strstr(control_command(control, "state 0 7"), "blocked"); i++) {
        usleep(50000);
    }
    CHECK_STATUS(SPARKLE_OK, sparkle_card_dial(card, 0, 7, &calling, &called, &chosen));
    CHECK(control_wait_event(control, "event setup port=0 channel=7", 10000) != NULL);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_hangup(card, 0, 7, 16));
    CHECK(wait_far_state(control, 0, 7, "ok Idle rx=IDLE tx=IDLE ours=Idle"));

    /* Collision: both ends seize channel 5 before either hears the other. Neither call survives
     * as a half call, and the line serves the next call. */
    CHECK(strcmp(control_command(control, "hold 0 5"), "ok") == 0);
    CHECK(strncmp(control_command(control, "call 0 13900000000 100 channel=5"), "ok channel=5", 12) == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_dial(card, 0, 5, &calling, &called, &chosen));
    CHECK(strcmp(control_command(control, "release 0 5"), "ok") == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_HANGUP, &event) && event.channel == 5);
    CHECK(wait_far_state(control, 0, 5, "ok Idle rx=IDLE tx=IDLE ours=Idle"));
    CHECK(strncmp(control_command(control, "call 0 13900000000 100 channel=5"), "ok channel=5", 12) == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event) && event.channel == 5);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_hangup(card, 0, 5, 17));
    CHECK(control_wait_event(control, "event release port=0 channel=5 cause=17", 10000) != NULL);

    /* The China variant (C and D bits 11, Group B busy is B-2), called number only: a call we
     * refuse before answering goes back as busy. */
    CHECK_STATUS(SPARKLE_OK, sparkle_card_port_info(card, 1, &info));
    CHECK_EQ(SPARKLE_PORT_E1_R2, info.kind);
    CHECK(wait_far_state(control, 1, 1, "ok Idle rx=IDLE tx=IDLE ours=Idle"));
    CHECK(strncmp(control_command(control, "call 1 13800138000 100"), "ok channel=1", 12) == 0);
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event) && event.port == 1 && event.channel == 1);
    CHECK(strcmp(event.called.digits, "100") == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_hangup(card, 1, 1, 17));
    CHECK(control_wait_event(control, "event release port=1 channel=1 cause=17", 10000) != NULL);
    CHECK(wait_far_state(control, 1, 1, "ok Idle rx=IDLE tx=IDLE ours=Idle"));

    close(control);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));
}

/* The reply to a command, compared whole; a mismatch prints both. */
static int replies(int control, const char *command, const char *expected)
{
    const char *got = control_command(control, "%s", command);
    if (strcmp(got, expected) != 0) {
        fprintf(stderr, "  %s\n    expected: %s\n    got:      %s\n", command, expected, got);
        return 0;
    }
    return 1;
}

/* Seven clients beside the test's own fill the card's eight; the eighth of these is a ninth. */
#define SIM_TEST_CLIENTS 8

/* Reads what the card sends until it closes the socket (1), or 10 s pass (0). */
static int read_until_closed(int fd, char *text, size_t size)
{
    size_t used = 0;
    for (int i = 0; i < 100; i++) {
        struct pollfd wait = {.fd = fd, .events = POLLIN};
        if (poll(&wait, 1, 100) <= 0) {
            continue;
        }
        ssize_t got = recv(fd, text + used, size - used - 1, 0);
        if (got <= 0) {
            return 1;
        }
        used += (size_t)got;
        text[used] = '\0';
    }
    return 0;
}

/* The control socket checks every argument before it acts: a refused command names what is wrong
 * and changes nothing, and the card carries on. */
static void test_control(void)
{
    sparkle_handle card = 0;
    sparkle_event event;

    make_names("e1=2&fxo=1&gsm=1&span1=r2");
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    int control = control_connect(s_socket);
    CHECK(control >= 0);

    /* An unknown alarm name leaves the alarms raised before as they were. */
    CHECK(replies(control, "alarm 2 NOBATTERY", "ok alarms=8"));
    CHECK(replies(control, "alarm 2 FOO",
                  "error unknown alarm 'FOO' (LOS, AIS, RAI, NOBATTERY, joined by commas, or none)"));
    CHECK(replies(control, "alarm 2 LOS,BOGUS",
                  "error unknown alarm 'BOGUS' (LOS, AIS, RAI, NOBATTERY, joined by commas, or none)"));
    CHECK(strstr(control_command(control, "ports"), " fxo-0:1:alarms=8:busy=0 ") != NULL);
    CHECK(replies(control, "alarm 2 none", "ok alarms=0"));

    /* Every option of call is checked; nothing is offered when one is wrong. */
    CHECK(replies(control, "call 3 1 100 channel=abc", "error channel= 'abc' is not a whole number"));
    CHECK(replies(control, "call 0 1 100 channel=99",
                  "error channel= 99 is not a B channel of port 0 (e1-0 has channels 1-30)"));
    CHECK(replies(control, "call 3 1 100 channel=2",
                  "error channel= 2 is not a channel of port 3 (gsm-0 has "
                  "channel 1 only)"));
    CHECK(replies(control, "call 3 1 100 ton=999", "error ton= 999 is out of range (0-7)"));
    CHECK(replies(control, "call 3 1 100 plan=5x", "error plan= '5x' is not a whole number"));
    CHECK(replies(control, "call 3 1 100 pres=foo",
                  "error pres= 'foo' is not allowed, restricted or unavailable"));
    CHECK(replies(control, "call 3 1 100 colour=red",
                  "error unknown option 'colour=red' (call takes channel=, ton=, plan=, pres=, cid=, ring=, "
                  "pause=, category=)"));
    CHECK(replies(control, "call 3 1 100 cid=v23",
                  "error cid= needs an FXO line; port 3 (gsm-0) is a GSM slot"));
    CHECK(replies(control, "call 0 1 100 category=COLLECT_CALL",
                  "error category= needs an R2 span; port 0 (e1-0) is a PRI span"));
    CHECK(replies(control, "call 2 1 0 ring=5", "error ring= 5 is out of range (20-10000)"));
    CHECK(replies(control, "call 3 12a 100",
                  "error calling number '12a' holds 'a' (digits, * and #, a leading + "
                  "at most)"));
    CHECK(replies(control, "call 3 1 123456789012345678901234567890123",
                  "error called number '123456789012345678901234567890123' is longer than 31 digits"));
    CHECK(replies(control, "call 1 1 100 category=NOBODY", "error unknown category NOBODY"));
    CHECK(replies(control, "state 3 1", "ok idle"));
    CHECK(replies(control, "state 2 1", "ok idle"));

    /* refuse takes an R2 span and a Q.850 cause. */
    CHECK(replies(control, "refuse 1 abc", "error cause 'abc' is not a whole number"));
    CHECK(replies(control, "refuse 1 200", "error cause 200 is out of range (0-127)"));
    CHECK(replies(control, "refuse 0 17", "error refuse needs an R2 span; port 0 (e1-0) is a PRI span"));

    /* Digits and tones need sensible values, digits a call. */
    CHECK(replies(control, "digits 3 1 5", "error channel 1 of port 3 is idle; digits need a call"));
    CHECK(replies(control, "digits 3 1 5x", "error digits '5x' holds 'x' (0-9, *, #, A-D only)"));
    CHECK(replies(control, "tone 2 1 -5", "error hz -5 is out of range (0-3999)"));
    CHECK(replies(control, "tone 2 1 5x", "error hz '5x' is not a number"));
    CHECK(replies(control, "tone 2 1 99999", "error hz 99999 is out of range (0-3999)"));
    CHECK(replies(control, "tone 2 1 440 -1 350", "error on_ms -1 is out of range (20-10000)"));
    CHECK(replies(control, "tone 2 1 440 350",
                  "error tone needs both <on_ms> and <off_ms> for a cadence, or neither for a steady tone"));
    CHECK(replies(control, "hangup 3 1 0", "error cause 0 is out of range (1-127)"));
    CHECK(replies(control, "hybrid 2 4 -3", "error loss_db -3 is out of range (0-60)"));

    /* Ports, channels and short commands are named in the reply. */
    CHECK(replies(control, "state 5x 1", "error port '5x' is not a whole number"));
    CHECK(replies(control, "state 7 1",
                  "error no port 7 (the card has 4 ports: 0 e1-0, 1 e1-1, 2 fxo-0, 3 gsm-0)"));
    CHECK(replies(control, "state -1 1",
                  "error no port -1 (the card has 4 ports: 0 e1-0, 1 e1-1, 2 fxo-0, 3 gsm-0)"));
    CHECK(replies(control, "answer 0 99",
                  "error channel 99 is not a B channel of port 0 (e1-0 has channels 1-30)"));
    CHECK(replies(control, "answer 0 0",
                  "error channel 0 is not a B channel of port 0 (e1-0 has channels 1-30)"));
    CHECK(replies(control, "digits 0 1", "error digits needs <port> <channel> <digits>"));
    CHECK(replies(control, "answer 0 1 2", "error answer takes only <port> <channel>, not 3 arguments"));
    CHECK(replies(control, "ports 1", "error ports takes no arguments, not 1 arguments"));
    CHECK(replies(control, "restart 3 1", "error restart needs a PRI span; port 3 (gsm-0) is a GSM slot"));
    CHECK(replies(control, "block 0 1", "error block needs an R2 span; port 0 (e1-0) is a PRI span"));
    CHECK(replies(control, "bogus", "error unknown command 'bogus' (help lists the commands)"));
    CHECK(strncmp(control_command(control, "help"),
                  "ok help; ports; call <port> <calling> <called> [channel=N]", 58) == 0);

    /* An option given twice is refused, as the card URI refuses one, not the last one taken. */
    CHECK(replies(control, "call 3 1 100 ton=1 ton=2", "error option ton= is given twice"));
    CHECK(replies(control, "call 0 1 100 channel=5 channel=6", "error option channel= is given twice"));
    CHECK(replies(control, "call 2 1 100 ring=500 pres=allowed ring=600", "error option ring= is given twice"));

    /* A NUL byte would cut the line short unseen, so the whole line is refused. */
    CHECK(send(control, "ports\0 1", 8, MSG_NOSIGNAL) == 8);
    CHECK(replies(control, "", "error the line holds a NUL byte"));

    /* Eight control clients at once; a ninth is told why before it is closed. */
    int others[SIM_TEST_CLIENTS];
    for (int i = 0; i < SIM_TEST_CLIENTS; i++) {
        others[i] = control_socket(s_socket);
        CHECK(others[i] >= 0);
    }
    char refused[128] = {0};
    CHECK(read_until_closed(others[SIM_TEST_CLIENTS - 1], refused, sizeof refused));
    CHECK(strcmp(refused, "error too many control clients (8)\n") == 0);
    for (int i = 0; i < SIM_TEST_CLIENTS; i++) {
        close(others[i]);
    }

    /* After all that the card works: the GSM slot's call is offered with its number. */
    CHECK(replies(control, "call 3 13800138000 100", "ok channel=1"));
    CHECK(wait_event(card, SPARKLE_EVENT_INCOMING, &event) && event.port == 3);
    CHECK(strcmp(event.calling.digits, "13800138000") == 0);
    CHECK(replies(control, "digits 3 1 5", "ok"));
    CHECK(wait_event(card, SPARKLE_EVENT_DIGIT, &event) && event.digit == '5');

    /* A second opener of a socket that has a live card behind it is refused and leaves the
       socket to its owner; a stale socket file, with nothing listening, is taken over. */
    sparkle_handle second = 0;
    char in_use[300];
    snprintf(in_use, sizeof in_use, "the control socket %s is in use by another card", s_socket);
    CHECK_STATUS(SPARKLE_E_IO, sparkle_card_open(s_uri, &second));
    CHECK(strcmp(sparkle_card_open_error(), in_use) == 0);
    CHECK(access(s_socket, F_OK) == 0);
    CHECK(strstr(control_command(control, "ports"), " gsm-0:1:") != NULL);
    int again = control_connect(s_socket);
    CHECK(again >= 0);
    close(again);

    close(control);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));
    CHECK(access(s_socket, F_OK) != 0);

    int stale = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    snprintf(address.sun_path, sizeof address.sun_path, "%s", s_socket);
    CHECK(bind(stale, (struct sockaddr *)&address, sizeof address) == 0);
    close(stale);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    control = control_connect(s_socket);
    CHECK(control >= 0);
    CHECK(strstr(control_command(control, "ports"), " gsm-0:1:") != NULL);
    close(control);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));

    /* A card whose socket was replaced under it leaves the newcomer's socket in place. */
    CHECK_STATUS(SPARKLE_OK, sparkle_card_open(s_uri, &card));
    CHECK(unlink(s_socket) == 0);
    int newcomer = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(bind(newcomer, (struct sockaddr *)&address, sizeof address) == 0);
    CHECK_STATUS(SPARKLE_OK, sparkle_card_close(card));
    CHECK(access(s_socket, F_OK) == 0);
    close(newcomer);
    unlink(s_socket);
}

/* What the DAHDI back end does without a card: no hardware or kernel module runs here, so the
 * spec is checked and a missing device is reported, and the rest is compile-tested only. */
static void test_dahdi(void)
{
    sparkle_handle card = 0;

    int32_t missing = sparkle_card_open("dahdi:/nonexistent-dahdi", &card);
    if (missing == SPARKLE_E_UNSUPPORTED) {
        fprintf(stderr, "DAHDI back end not built (no dahdi-source): only the refusal is checked\n");
        CHECK_EQ(0, card);
        return;
    }

    CHECK_STATUS(SPARKLE_E_IO, missing);
    CHECK_EQ(0, card);
    /* A well-formed span setting gets as far as the missing device; a bad one fails before it. */
    CHECK_STATUS(SPARKLE_E_IO,
                 sparkle_card_open("dahdi:/nonexistent-dahdi?span1=pri-net&span2=pri-cpe", &card));
    CHECK_STATUS(SPARKLE_E_IO, sparkle_card_open("dahdi:/nonexistent-dahdi?span3=pri", &card));
    /* R2 settings are checked as on the simulated card; a good one gets as far as the device. */
    CHECK_STATUS(SPARKLE_E_IO, sparkle_card_open("dahdi:/nonexistent-dahdi?span1=r2", &card));
    CHECK_STATUS(
        SPARKLE_E_IO,
        sparkle_card_open("dahdi:/nonexistent-dahdi?span1=r2/MX/0/10/COLLECT_CALL&span2=pri-net", &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT,
                 sparkle_card_open("dahdi:/nonexistent-dahdi?span1=r2/china", &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT,
                 sparkle_card_open("dahdi:/nonexistent-dahdi?span1=r2/CN/4/0", &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open("dahdi:/nonexistent-dahdi?span1=r2x", &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT,
                 sparkle_card_open("dahdi:/nonexistent-dahdi?span1=pri-xyz", &card));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open("dahdi:/nonexistent-dahdi?law=alaw", &card));
    CHECK(open_refused("dahdi:/nonexistent-dahdi?law=alaw", "unknown option 'law=alaw' (a DAHDI card knows "
                                                            "span<N>=...)"));
    CHECK(open_refused("dahdi:/nonexistent-dahdi?span1=r2/CN/4/0",
                       "option span1: MAX_DNIS 0 is out of range (1-40)"));
    CHECK(open_refused("dahdi:/nonexistent-dahdi",
                       "cannot open /nonexistent-dahdi/ctl: No such file or directory"));
    CHECK_STATUS(SPARKLE_E_INVALID_ARGUMENT, sparkle_card_open("dahdi:/nonexistent-dahdi?span1", &card));
    CHECK_EQ(0, card);
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "abi";
    if (strcmp(which, "abi") == 0) {
        test_abi();
    } else if (strcmp(which, "pri") == 0) {
        test_pri();
    } else if (strcmp(which, "analog") == 0) {
        test_analog();
    } else if (strcmp(which, "r2") == 0) {
        test_r2();
    } else if (strcmp(which, "dahdi") == 0) {
        test_dahdi();
    } else if (strcmp(which, "control") == 0) {
        test_control();
    } else {
        fprintf(stderr, "usage: test_card abi|pri|analog|r2|dahdi|control\n");
        return 2;
    }
    if (s_failures) {
        fprintf(stderr, "%d check(s) failed\n", s_failures);
    }
    return s_failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
