#include "control.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define LINES 64
#define LINE  512

static char s_pending[LINES][LINE]; /* event lines not yet waited for */
static int s_pending_count;
static char s_buffer[8192];
static size_t s_buffered;
static char s_line[LINE];

int control_socket(const char *path)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    snprintf(address.sun_path, sizeof address.sun_path, "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int control_connect(const char *path)
{
    int fd = control_socket(path);
    s_pending_count = 0;
    s_buffered = 0;
    return fd;
}

/* Next whole line within timeout_ms, without its newline; NULL on timeout or a closed socket. */
static const char *next_line(int fd, int timeout_ms)
{
    for (;;) {
        char *newline = memchr(s_buffer, '\n', s_buffered);
        if (newline) {
            size_t length = (size_t)(newline - s_buffer);
            snprintf(s_line, sizeof s_line, "%.*s", (int)length, s_buffer);
            memmove(s_buffer, newline + 1, s_buffered - length - 1);
            s_buffered -= length + 1;
            return s_line;
        }
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, timeout_ms) <= 0) {
            return NULL;
        }
        ssize_t got = recv(fd, s_buffer + s_buffered, sizeof s_buffer - s_buffered, 0);
        if (got <= 0) {
            return NULL;
        }
        s_buffered += (size_t)got;
    }
}

static void keep(const char *line)
{
    if (s_pending_count < LINES) {
        snprintf(s_pending[s_pending_count++], LINE, "%s", line);
    }
}

const char *control_command(int fd, const char *format, ...)
{
    char text[LINE];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(text, sizeof text - 1, format, arguments);
    va_end(arguments);
    text[length++] = '\n';
    if (send(fd, text, (size_t)length, MSG_NOSIGNAL) != length) {
        return "error send failed";
    }
    for (;;) {
        const char *line = next_line(fd, 10000);
        if (!line) {
            return "error no reply";
        }
        if (strncmp(line, "event ", 6) != 0) {
            return line;
        }
        keep(line);
    }
}

const char *control_wait_event(int fd, const char *prefix, int timeout_ms)
{
    static char found[LINE];
    for (int i = 0; i < s_pending_count; i++) {
        if (strncmp(s_pending[i], prefix, strlen(prefix)) == 0) {
            snprintf(found, sizeof found, "%s", s_pending[i]);
            memmove(s_pending[i], s_pending[i + 1], (size_t)(s_pending_count - i - 1) * LINE);
            s_pending_count--;
            return found;
        }
    }
    for (;;) {
        const char *line = next_line(fd, timeout_ms);
        if (!line) {
            return NULL;
        }
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            snprintf(found, sizeof found, "%s", line);
            return found;
        }
        keep(line);
    }
}
