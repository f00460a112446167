/*
 * sparkle_card: the one C ABI between SparkleCC and its telephony cards.
 *
 * Every function returns a sparkle_status (0 on success, a negative code otherwise) and never
 * aborts on bad input: unknown handles, ports or channels and NULL pointers give an error code.
 * Cards are named by integer handles from a table with generation counters, so a closed or
 * forged handle is refused rather than dereferenced.
 *
 * Thread safety: every function may be called from any thread. sparkle_card_poll_event blocks
 * at most timeout_ms and is meant for one pump thread per card.
 *
 * Audio: 8 kHz, 20 ms frames (160 bytes) of A-law or u-law as the port reports (ITU-T G.711).
 */
#ifndef SPARKLE_CARD_H
#define SPARKLE_CARD_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised when a struct below changes layout or a function changes meaning. */
#define SPARKLE_CARD_ABI_VERSION 3

#define SPARKLE_FRAME_BYTES  160
#define SPARKLE_NUMBER_BYTES 32

#if defined(__GNUC__)
#define SPARKLE_API __attribute__((visibility("default")))
#else
#define SPARKLE_API
#endif

typedef int32_t sparkle_handle;

typedef enum sparkle_status {
    SPARKLE_OK = 0,
    SPARKLE_E_INVALID_ARGUMENT = -1,
    SPARKLE_E_BAD_HANDLE = -2,
    SPARKLE_E_UNKNOWN_PORT = -3,
    SPARKLE_E_UNKNOWN_CHANNEL = -4,
    SPARKLE_E_TIMEOUT = -5,
    SPARKLE_E_BUSY = -6,
    SPARKLE_E_WRONG_STATE = -7,
    SPARKLE_E_IO = -8,
    SPARKLE_E_UNSUPPORTED = -9,
    SPARKLE_E_NO_MEMORY = -10,
    SPARKLE_E_ALARM = -11
} sparkle_status;

typedef enum sparkle_port_kind {
    SPARKLE_PORT_E1_PRI = 1,
    SPARKLE_PORT_E1_R2 = 2,
    SPARKLE_PORT_FXO = 3,
    SPARKLE_PORT_GSM = 4
} sparkle_port_kind;

/* Alarm bits as carried in sparkle_port_info.alarms and SPARKLE_EVENT_ALARM. */
#define SPARKLE_ALARM_LOS            0x01u /* loss of signal (G.775) */
#define SPARKLE_ALARM_AIS            0x02u /* all ones from upstream (G.775) */
#define SPARKLE_ALARM_RAI            0x04u /* far end reports our signal lost (G.704 bit A) */
#define SPARKLE_ALARM_NO_BATTERY     0x08u /* FXO line has no loop voltage */
#define SPARKLE_ALARM_D_CHANNEL_DOWN 0x10u

typedef enum sparkle_law { SPARKLE_LAW_ALAW = 1, SPARKLE_LAW_ULAW = 2 } sparkle_law;

typedef struct sparkle_port_info {
    int32_t port;
    int32_t kind;     /* sparkle_port_kind */
    int32_t channels; /* bearer channels: 30 on E1, 1 on FXO and GSM */
    int32_t law;      /* sparkle_law */
    uint32_t alarms;  /* SPARKLE_ALARM_* bits */
    int32_t busy_channels;
    char name[32];
} sparkle_port_info;

typedef enum sparkle_event_type {
    SPARKLE_EVENT_NONE = 0,
    SPARKLE_EVENT_INCOMING = 1, /* an offered call: numbers filled in */
    SPARKLE_EVENT_RINGING = 2,  /* far end alerting on our outgoing call */
    SPARKLE_EVENT_ANSWERED = 3, /* far end answered our outgoing call */
    SPARKLE_EVENT_HANGUP = 4,   /* call cleared; cause is a Q.850 cause */
    SPARKLE_EVENT_DIGIT = 5,    /* one DTMF digit from the far end */
    SPARKLE_EVENT_ALARM = 6,    /* the port's alarm bits changed */
    SPARKLE_EVENT_RESTART = 7,  /* the far end restarted the channel (Q.931 §5.5) */
    SPARKLE_EVENT_RING = 8      /* a ring burst began on an FXO port whose call is offered (ABI 2) */
} sparkle_event_type;

/* Q.931 / Q.951 number attributes, carried as the wire values. */
typedef struct sparkle_number {
    char digits[SPARKLE_NUMBER_BYTES];
    int32_t type_of_number; /* Q.931 §4.5.10: 0 unknown, 1 international, 2 national, 4 subscriber */
    int32_t numbering_plan; /* 0 unknown, 1 ISDN/E.164, 9 private */
    int32_t presentation;   /* 0 allowed, 1 restricted, 2 not available */
} sparkle_number;

typedef struct sparkle_event {
    int32_t type; /* sparkle_event_type */
    int32_t port;
    int32_t channel;
    int32_t cause; /* Q.850 cause on HANGUP */
    uint32_t alarms;
    int32_t digit; /* ASCII on DIGIT */
    sparkle_number calling;
    sparkle_number called;
} sparkle_event;

/* Returns SPARKLE_CARD_ABI_VERSION of the library actually loaded. */
SPARKLE_API int32_t sparkle_card_abi_version(void);

/* Short English text for a status code; never NULL, static storage. */
SPARKLE_API const char *sparkle_card_strerror(int32_t status);

/*
 * Opens a card. uri is "sim:<control socket path>?e1=N&fxo=N&gsm=N" for the simulated card (1 E1
 * span, 2 FXO lines and 2 GSM slots when a count is left out, at most 16 ports in all), where
 * "&spanN=pri-cpe|pri-net|r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]" sets E1 span N's
 * signalling (PRI CPE side by default; R2 variant and category as openr2 names them), or
 * "dahdi:<device directory>" for a DAHDI card. A malformed URI, an unknown option and a count out
 * of range give SPARKLE_E_INVALID_ARGUMENT, and sparkle_card_open_error says which.
 */
SPARKLE_API int32_t sparkle_card_open(const char *uri, sparkle_handle *card);

/*
 * Why the last sparkle_card_open on the calling thread failed, in words that name the option or
 * value at fault (for example "option e1: 'abc' is not a whole number"); "" after an open that
 * succeeded, or when the status code says all there is. Never NULL; per-thread storage, valid until
 * the thread's next sparkle_card_open. Added beside the calls of ABI 3, which keep their meaning.
 */
SPARKLE_API const char *sparkle_card_open_error(void);
SPARKLE_API int32_t sparkle_card_close(sparkle_handle card);

SPARKLE_API int32_t sparkle_card_port_count(sparkle_handle card, int32_t *count);
SPARKLE_API int32_t sparkle_card_port_info(sparkle_handle card, int32_t port, sparkle_port_info *info);

/* Waits up to timeout_ms for the next event; SPARKLE_E_TIMEOUT when none came. */
SPARKLE_API int32_t sparkle_card_poll_event(sparkle_handle card, sparkle_event *event, int32_t timeout_ms);

/* Places a call on a port; channel -1 lets the card choose. The chosen channel comes back.
   SPARKLE_E_INVALID_ARGUMENT when either number holds anything but 0-9 * # (an international
   number is its digits with type_of_number 1, never a '+'), or a type, plan or presentation
   that is not one of the values sparkle_number names. */
SPARKLE_API int32_t sparkle_card_dial(sparkle_handle card, int32_t port, int32_t channel,
                                      const sparkle_number *calling, const sparkle_number *called,
                                      int32_t *chosen_channel);
SPARKLE_API int32_t sparkle_card_answer(sparkle_handle card, int32_t port, int32_t channel);
SPARKLE_API int32_t sparkle_card_hangup(sparkle_handle card, int32_t port, int32_t channel, int32_t cause);
SPARKLE_API int32_t sparkle_card_send_digit(sparkle_handle card, int32_t port, int32_t channel,
                                            int32_t digit);

/* One 20 ms frame each way; read gives SPARKLE_E_TIMEOUT when no frame is waiting. An FXO port
 * can be read while its call is offered and not yet answered: caller ID comes as audio on the
 * idle line (ABI 2). */
SPARKLE_API int32_t sparkle_card_write_audio(sparkle_handle card, int32_t port, int32_t channel,
                                             const uint8_t *frame, int32_t length);
SPARKLE_API int32_t sparkle_card_read_audio(sparkle_handle card, int32_t port, int32_t channel,
                                            uint8_t *frame, int32_t capacity, int32_t *length);

/*
 * Line echo cancellation on an FXO port (ABI 3): the card takes the echo of what it sends out of
 * what it hears, with a filter covering echoes up to tail_ms (8 to 256) after the sound left.
 * FXO ports start with it on and 128 ms; a change takes effect at the port's next call.
 * SPARKLE_E_UNSUPPORTED on other port kinds.
 */
SPARKLE_API int32_t sparkle_card_set_echo_canceller(sparkle_handle card, int32_t port, int32_t enabled,
                                                    int32_t tail_ms);

#ifdef __cplusplus
}
#endif

#endif
