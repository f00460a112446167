/* The handle table and argument checks in front of every back end. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "card_internal.h"
#include "echo.h"

#define SC_SLOTS 64

static pthread_mutex_t s_table_lock = PTHREAD_MUTEX_INITIALIZER;
static sc_card *s_slots[SC_SLOTS];
static uint32_t s_generations[SC_SLOTS];
static __thread char s_open_error[256]; /* why this thread's last sparkle_card_open failed */

int32_t sparkle_card_abi_version(void)
{
    return SPARKLE_CARD_ABI_VERSION;
}

const char *sparkle_card_strerror(int32_t status)
{
    switch (status) {
    case SPARKLE_OK: return "ok";
    case SPARKLE_E_INVALID_ARGUMENT: return "invalid argument";
    case SPARKLE_E_BAD_HANDLE: return "unknown or closed card handle";
    case SPARKLE_E_UNKNOWN_PORT: return "unknown port";
    case SPARKLE_E_UNKNOWN_CHANNEL: return "unknown channel";
    case SPARKLE_E_TIMEOUT: return "timed out";
    case SPARKLE_E_BUSY: return "no free channel";
    case SPARKLE_E_WRONG_STATE: return "channel is not in a state that allows this";
    case SPARKLE_E_IO: return "input/output error";
    case SPARKLE_E_UNSUPPORTED: return "not supported by this card";
    case SPARKLE_E_NO_MEMORY: return "out of memory";
    case SPARKLE_E_ALARM: return "port is in alarm";
    default: return "unknown status";
    }
}

void sc_open_error(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(s_open_error, sizeof s_open_error, format, arguments);
    va_end(arguments);
}

const char *sparkle_card_open_error(void)
{
    return s_open_error;
}

void sc_copy_text(char *target, size_t size, const char *source)
{
    if (size == 0) {
        return;
    }
    size_t length = source ? strnlen(source, size - 1) : 0;
    if (length > 0) {
        memcpy(target, source, length);
    }
    target[length] = '\0';
}

/* Handles are slot + 64 * generation + 1, so a reused slot never honours an old handle. */
static sparkle_handle encode_handle(int slot)
{
    return (sparkle_handle)(slot + SC_SLOTS * (s_generations[slot] & 0xFFFFFF) + 1);
}

static sc_card *acquire(sparkle_handle handle)
{
    if (handle <= 0) {
        return NULL;
    }
    int slot = (handle - 1) % SC_SLOTS;
    pthread_mutex_lock(&s_table_lock);
    sc_card *card = s_slots[slot];
    if (card && encode_handle(slot) == handle) {
        card->refs++;
    } else {
        card = NULL;
    }
    pthread_mutex_unlock(&s_table_lock);
    return card;
}

static void release(sc_card *card)
{
    pthread_mutex_lock(&s_table_lock);
    int last = --card->refs == 0;
    pthread_mutex_unlock(&s_table_lock);
    if (!last) {
        return;
    }

    if (card->ops && card->ops->destroy) {
        card->ops->destroy(card);
    }
    pthread_cond_destroy(&card->event_ready);
    pthread_mutex_destroy(&card->lock);
    free(card);
}

void sc_push_event_locked(sc_card *card, const sparkle_event *event)
{
    if (card->queue_count == SC_EVENT_QUEUE) {
        card->queue_head = (card->queue_head + 1) % SC_EVENT_QUEUE;
        card->queue_count--;
        card->dropped_events++;
    }
    card->queue[(card->queue_head + card->queue_count) % SC_EVENT_QUEUE] = *event;
    card->queue_count++;
    pthread_cond_broadcast(&card->event_ready);
}

void sc_push(sc_card *card, int type, int port, int channel, int cause)
{
    sparkle_event event;
    memset(&event, 0, sizeof event);
    event.type = type;
    event.port = port;
    event.channel = channel;
    event.cause = cause;
    event.alarms = card->ports[port].alarms;
    sc_push_event_locked(card, &event);
}

int32_t sparkle_card_open(const char *uri, sparkle_handle *handle)
{
    s_open_error[0] = '\0';
    if (!uri || !handle) {
        sc_open_error("%s is NULL", uri ? "the handle pointer" : "the URI");
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    *handle = 0;

    sc_card *card = calloc(1, sizeof *card);
    if (!card) {
        return SPARKLE_E_NO_MEMORY;
    }
    pthread_mutex_init(&card->lock, NULL);
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(&card->event_ready, &attributes);
    pthread_condattr_destroy(&attributes);
    card->refs = 1;

    int32_t status = SPARKLE_E_INVALID_ARGUMENT;
    if (strncmp(uri, "sim:", 4) == 0) {
        status = sc_sim_open(card, uri + 4);
    } else if (strncmp(uri, "dahdi:", 6) == 0) {
        status = sc_dahdi_open(card, uri + 6);
    } else {
        sc_open_error("a card URI starts with sim: or dahdi:");
    }
    if (status != SPARKLE_OK) {
        release(card);
        return status;
    }
    pthread_mutex_lock(&card->lock);
    for (int port = 0; port < card->port_count; port++) {
        card->echo[port].enabled = card->ports[port].kind == SPARKLE_PORT_FXO;
        card->echo[port].tail_ms = 128;
    }
    pthread_mutex_unlock(&card->lock);

    pthread_mutex_lock(&s_table_lock);
    int slot = 0;
    while (slot < SC_SLOTS && s_slots[slot]) {
        slot++;
    }
    if (slot < SC_SLOTS) {
        s_slots[slot] = card;
        *handle = encode_handle(slot);
    }
    pthread_mutex_unlock(&s_table_lock);
    if (slot == SC_SLOTS) {
        sc_open_error("%d cards are open already", SC_SLOTS);
        if (card->ops->stop) {
            card->ops->stop(card);
        }
        release(card);
        return SPARKLE_E_NO_MEMORY;
    }
    return SPARKLE_OK;
}

int32_t sparkle_card_close(sparkle_handle handle)
{
    sc_card *card = acquire(handle);
    if (!card) {
        return SPARKLE_E_BAD_HANDLE;
    }

    /* The slot is freed first so no new call can reach the card, then waiters are woken. */
    pthread_mutex_lock(&s_table_lock);
    int slot = (handle - 1) % SC_SLOTS;
    s_slots[slot] = NULL;
    s_generations[slot]++;
    pthread_mutex_unlock(&s_table_lock);

    pthread_mutex_lock(&card->lock);
    card->closing = 1;
    pthread_cond_broadcast(&card->event_ready);
    pthread_mutex_unlock(&card->lock);
    if (card->ops->stop) {
        card->ops->stop(card);
    }

    release(card); /* this call's reference */
    release(card); /* the table's reference */
    return SPARKLE_OK;
}

int32_t sparkle_card_port_count(sparkle_handle handle, int32_t *count)
{
    if (!count) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = acquire(handle);
    if (!card) {
        return SPARKLE_E_BAD_HANDLE;
    }
    pthread_mutex_lock(&card->lock);
    *count = card->port_count;
    pthread_mutex_unlock(&card->lock);
    release(card);
    return SPARKLE_OK;
}

int32_t sparkle_card_port_info(sparkle_handle handle, int32_t port, sparkle_port_info *info)
{
    if (!info) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = acquire(handle);
    if (!card) {
        return SPARKLE_E_BAD_HANDLE;
    }
    pthread_mutex_lock(&card->lock);
    int32_t status = SPARKLE_E_UNKNOWN_PORT;
    if (port >= 0 && port < card->port_count) {
        *info = card->ports[port];
        status = SPARKLE_OK;
    }
    pthread_mutex_unlock(&card->lock);
    release(card);
    return status;
}

int32_t sparkle_card_poll_event(sparkle_handle handle, sparkle_event *event, int32_t timeout_ms)
{
    if (!event || timeout_ms < 0) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = acquire(handle);
    if (!card) {
        return SPARKLE_E_BAD_HANDLE;
    }

    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }

    pthread_mutex_lock(&card->lock);
    int waited = 0;
    while (card->queue_count == 0 && !card->closing && waited != ETIMEDOUT) {
        waited = pthread_cond_timedwait(&card->event_ready, &card->lock, &deadline);
    }
    int32_t status = SPARKLE_E_TIMEOUT;
    if (card->closing) {
        status = SPARKLE_E_BAD_HANDLE;
    } else if (card->queue_count > 0) {
        *event = card->queue[card->queue_head];
        card->queue_head = (card->queue_head + 1) % SC_EVENT_QUEUE;
        card->queue_count--;
        status = SPARKLE_OK;
    }
    pthread_mutex_unlock(&card->lock);
    release(card);
    return status;
}

/* Takes the card and its lock and checks port and channel; on success the caller must unlock
 * and release. */
static int32_t enter_channel(sparkle_handle handle, int32_t port, int32_t channel, int any_channel,
                             sc_card **out)
{
    sc_card *card = acquire(handle);
    if (!card) {
        return SPARKLE_E_BAD_HANDLE;
    }
    pthread_mutex_lock(&card->lock);
    int32_t status = SPARKLE_OK;
    if (card->closing) {
        status = SPARKLE_E_BAD_HANDLE;
    } else if (port < 0 || port >= card->port_count) {
        status = SPARKLE_E_UNKNOWN_PORT;
    } else if (!(any_channel && channel == -1) && (channel < 1 || channel > card->ports[port].channels)) {
        status = SPARKLE_E_UNKNOWN_CHANNEL;
    }
    if (status != SPARKLE_OK) {
        pthread_mutex_unlock(&card->lock);
        release(card);
        return status;
    }
    *out = card;
    return SPARKLE_OK;
}

static int32_t leave_channel(sc_card *card, int32_t status)
{
    pthread_mutex_unlock(&card->lock);
    release(card);
    return status;
}

/* Only what a line can signal (Q.931 §4.5.10 IA5 digits, * and #) and the wire values the header
   names: a number the card would have to alter is refused, never dialled changed. */
static int valid_number(const sparkle_number *number)
{
    if (!number || memchr(number->digits, '\0', sizeof number->digits) == NULL) {
        return 0;
    }
    if (number->digits[strspn(number->digits, "0123456789*#")] != '\0') {
        return 0;
    }
    int32_t type = number->type_of_number;
    int32_t plan = number->numbering_plan;
    return type >= 0 && type <= 6 && type != 5 && (plan == 0 || plan == 1 || plan == 3 || plan == 4 || plan == 8
                                                   || plan == 9)
           && number->presentation >= 0 && number->presentation <= 2;
}

int32_t sparkle_card_dial(sparkle_handle handle, int32_t port, int32_t channel, const sparkle_number *calling,
                          const sparkle_number *called, int32_t *chosen)
{
    if (!valid_number(calling) || !valid_number(called) || !chosen || called->digits[0] == '\0') {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, channel, 1, &card);
    if (status != SPARKLE_OK) {
        return status;
    }
    if (card->ports[port].alarms != 0) {
        return leave_channel(card, SPARKLE_E_ALARM);
    }
    return leave_channel(card, card->ops->dial(card, port, channel, calling, called, chosen));
}

int32_t sparkle_card_answer(sparkle_handle handle, int32_t port, int32_t channel)
{
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, channel, 0, &card);
    return status != SPARKLE_OK ? status : leave_channel(card, card->ops->answer(card, port, channel));
}

int32_t sparkle_card_hangup(sparkle_handle handle, int32_t port, int32_t channel, int32_t cause)
{
    if (cause < 1 || cause > 127) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, channel, 0, &card);
    return status != SPARKLE_OK ? status : leave_channel(card, card->ops->hangup(card, port, channel, cause));
}

int32_t sparkle_card_send_digit(sparkle_handle handle, int32_t port, int32_t channel, int32_t digit)
{
    if (!digit || !strchr("0123456789*#ABCD", digit)) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, channel, 0, &card);
    return status != SPARKLE_OK ? status
                                : leave_channel(card, card->ops->send_digit(card, port, channel, digit));
}

int32_t sparkle_card_write_audio(sparkle_handle handle, int32_t port, int32_t channel, const uint8_t *frame,
                                 int32_t length)
{
    if (!frame || length != SPARKLE_FRAME_BYTES) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, channel, 0, &card);
    return status != SPARKLE_OK ? status
                                : leave_channel(card, card->ops->write_audio(card, port, channel, frame));
}

int32_t sparkle_card_read_audio(sparkle_handle handle, int32_t port, int32_t channel, uint8_t *frame,
                                int32_t capacity, int32_t *length)
{
    if (!frame || !length || capacity < SPARKLE_FRAME_BYTES) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    *length = 0;
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, channel, 0, &card);
    if (status != SPARKLE_OK) {
        return status;
    }
    status = card->ops->read_audio(card, port, channel, frame);
    if (status == SPARKLE_OK) {
        *length = SPARKLE_FRAME_BYTES;
    }
    return leave_channel(card, status);
}

int32_t sparkle_card_set_echo_canceller(sparkle_handle handle, int32_t port, int32_t enabled, int32_t tail_ms)
{
    if ((enabled != 0 && enabled != 1) || tail_ms < SC_ECHO_MIN_TAIL_MS || tail_ms > SC_ECHO_MAX_TAIL_MS) {
        return SPARKLE_E_INVALID_ARGUMENT;
    }
    sc_card *card = NULL;
    int32_t status = enter_channel(handle, port, -1, 1, &card);
    if (status != SPARKLE_OK) {
        return status;
    }
    if (card->ports[port].kind != SPARKLE_PORT_FXO) {
        return leave_channel(card, SPARKLE_E_UNSUPPORTED);
    }
    card->echo[port].enabled = enabled;
    card->echo[port].tail_ms = tail_ms;
    return leave_channel(card, SPARKLE_OK);
}
