/*
 * openr2 1.3 has no I/O abstraction: it drives a channel with DAHDI ioctls. The library links
 * openr2's static archive with the linker's --wrap=ioctl, so every ioctl() inside this library
 * comes here first. A registered descriptor (a simulated R2 timeslot, a socket carrying A-law)
 * gets the answers a DAHDI CAS channel would give; any other descriptor, a real /dev/dahdi
 * channel included, goes on to the C library untouched.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <dahdi/user.h>

#include "r2_shim.h"

#define SHIM_ENDS 1024

typedef struct shim_end {
    int fd; /* -1 when the slot is free */
    int wire; /* the framer's side, which takes one frame each 20 ms */
    int channo;
    int tx_bits;
    int peer; /* slot of the other end, or -1 */
    int event; /* DAHDI_EVENT_* waiting, or DAHDI_EVENT_NONE */
    int rx_seen; /* the far end's bits as this end last read them */
    int held;    /* the line delays the far end's bit changes (see r2_shim_hold) */
} shim_end;

static pthread_mutex_t s_lock = PTHREAD_MUTEX_INITIALIZER;
static shim_end s_ends[SHIM_ENDS];
static int s_used; /* slots below this index may be taken */

/* openr2's log writer names stdout and stderr; its copy in this library names these instead
 * (CMakeLists.txt), which point at the C library's streams. */
__attribute__((visibility("hidden"))) FILE *sparkle_openr2_stderr;
__attribute__((visibility("hidden"))) FILE *sparkle_openr2_stdout;

__attribute__((constructor)) static void bind_streams(void)
{
    sparkle_openr2_stderr = stderr;
    sparkle_openr2_stdout = stdout;
}

int __real_ioctl(int fd, unsigned long request, ...);
int __wrap_ioctl(int fd, unsigned long request, ...);

static int find_locked(int fd)
{
    for (int i = 0; i < s_used; i++) {
        if (s_ends[i].fd == fd) {
            return i;
        }
    }
    return -1;
}

int r2_shim_register(int fd, int wire, int channo)
{
    pthread_mutex_lock(&s_lock);
    int slot = -1;
    for (int i = 0; i < SHIM_ENDS && slot < 0; i++) {
        if (i >= s_used || s_ends[i].fd < 0) {
            slot = i;
        }
    }
    if (slot >= 0) {
        /* Q.421: an idle end sends A=1 B=0, with C and D fixed at 0 and 1 (CD = 01). */
        s_ends[slot] = (shim_end){.fd = fd, .wire = wire, .channo = channo, .tx_bits = 0x9, .peer = -1,
                                  .event = DAHDI_EVENT_NONE, .rx_seen = 0x9};
        if (slot >= s_used) {
            s_used = slot + 1;
        }
    }
    pthread_mutex_unlock(&s_lock);
    return slot >= 0 ? 0 : -1;
}

void r2_shim_join(int fd_a, int fd_b)
{
    pthread_mutex_lock(&s_lock);
    int a = find_locked(fd_a);
    int b = find_locked(fd_b);
    if (a >= 0 && b >= 0) {
        s_ends[a].peer = b;
        s_ends[b].peer = a;
    }
    pthread_mutex_unlock(&s_lock);
}

void r2_shim_unregister(int fd)
{
    pthread_mutex_lock(&s_lock);
    int slot = find_locked(fd);
    if (slot >= 0) {
        if (s_ends[slot].peer >= 0) {
            s_ends[s_ends[slot].peer].peer = -1;
        }
        s_ends[slot].fd = -1;
    }
    pthread_mutex_unlock(&s_lock);
}

int r2_shim_pending(int fd)
{
    pthread_mutex_lock(&s_lock);
    int slot = find_locked(fd);
    int pending = slot >= 0 && s_ends[slot].event != DAHDI_EVENT_NONE;
    pthread_mutex_unlock(&s_lock);
    return pending;
}

int r2_shim_tx_bits(int fd)
{
    pthread_mutex_lock(&s_lock);
    int slot = find_locked(fd);
    int bits = slot >= 0 ? s_ends[slot].tx_bits : -1;
    pthread_mutex_unlock(&s_lock);
    return bits;
}

void r2_shim_alarm(int fd, int in_alarm)
{
    pthread_mutex_lock(&s_lock);
    int slot = find_locked(fd);
    if (slot >= 0) {
        s_ends[slot].event = in_alarm ? DAHDI_EVENT_ALARM : DAHDI_EVENT_NOALARM;
    }
    pthread_mutex_unlock(&s_lock);
}

void r2_shim_hold(int fd, int held)
{
    pthread_mutex_lock(&s_lock);
    int slot = find_locked(fd);
    if (slot >= 0) {
        shim_end *end = &s_ends[slot];
        end->held = held;
        if (!held && end->peer >= 0 && s_ends[end->peer].tx_bits != end->rx_seen) {
            end->event = DAHDI_EVENT_BITSCHANGED;
        }
    }
    pthread_mutex_unlock(&s_lock);
}

static int readable(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void drain(int fd)
{
    unsigned char buffer[512];
    while (readable(fd) && recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0) {
    }
}

/* Answers one request for a registered end; called with s_lock held. */
static int serve_locked(int slot, unsigned long request, void *argument)
{
    shim_end *end = &s_ends[slot];
    switch (request) {
    case DAHDI_CHANNO:
        *(int *)argument = end->channo;
        return 0;
    case DAHDI_GET_PARAMS: {
        struct dahdi_params *params = argument;
        memset(params, 0, sizeof *params);
        params->channo = end->channo;
        params->spanno = 1;
        params->chanpos = end->channo;
        params->sigtype = DAHDI_SIG_CAS;
        params->sigcap = DAHDI_SIG_CAS;
        return 0;
    }
    case DAHDI_GET_BUFINFO: {
        struct dahdi_bufferinfo *info = argument;
        memset(info, 0, sizeof *info);
        info->txbufpolicy = DAHDI_POLICY_IMMEDIATE;
        info->rxbufpolicy = DAHDI_POLICY_IMMEDIATE;
        info->numbufs = 4;
        info->bufsize = 160;
        return 0;
    }
    case DAHDI_GETRXBITS:
        /* What arrives is what the far end sends; an unjoined end hears an idle line. */
        if (!end->held) {
            end->rx_seen = end->peer >= 0 ? s_ends[end->peer].tx_bits : 0x9;
        }
        *(int *)argument = end->rx_seen;
        return 0;
    case DAHDI_SETTXBITS:
        end->tx_bits = *(int *)argument & 0xF;
        if (end->peer >= 0 && !s_ends[end->peer].held) {
            s_ends[end->peer].event = DAHDI_EVENT_BITSCHANGED;
        }
        return 0;
    case DAHDI_GETEVENT:
        *(int *)argument = end->event;
        end->event = DAHDI_EVENT_NONE;
        return 0;
    case DAHDI_IOMUX: {
        /* openr2 asks without waiting (DAHDI_IOMUX_NOWAIT); the card's thread does the waiting. */
        int wanted = *(int *)argument;
        int ready = 0;
        if ((wanted & DAHDI_IOMUX_SIGEVENT) && end->event != DAHDI_EVENT_NONE) {
            ready |= DAHDI_IOMUX_SIGEVENT;
        }
        if ((wanted & DAHDI_IOMUX_READ) && readable(end->fd)) {
            ready |= DAHDI_IOMUX_READ;
        }
        /* A DAHDI channel takes a frame when a transmit buffer is free; here, when the framer
         * has taken the last one, which paces openr2's MF tones at one frame a tick. */
        if ((wanted & DAHDI_IOMUX_WRITE) && !readable(end->wire)) {
            ready |= DAHDI_IOMUX_WRITE;
        }
        *(int *)argument = ready;
        return 0;
    }
    case DAHDI_FLUSH:
        if (*(int *)argument & DAHDI_FLUSH_READ) {
            drain(end->fd);
        }
        return 0;
    default:
        /* Gains, echo canceller, buffer policy, linear mode: nothing to do on a simulated slot. */
        return 0;
    }
}

int __wrap_ioctl(int fd, unsigned long request, ...)
{
    va_list arguments;
    va_start(arguments, request);
    void *argument = va_arg(arguments, void *);
    va_end(arguments);

    pthread_mutex_lock(&s_lock);
    int slot = find_locked(fd);
    if (slot >= 0) {
        int result = argument || request == DAHDI_FLUSH ? serve_locked(slot, request, argument) : -1;
        pthread_mutex_unlock(&s_lock);
        if (result < 0) {
            errno = EFAULT;
        }
        return result;
    }
    pthread_mutex_unlock(&s_lock);
    return __real_ioctl(fd, request, argument);
}
