/*
 * sparkle-card: the bench tool for telephony cards.
 *
 *   sparkle-card list <uri>                 ports, kinds and alarms of a card (dahdi:/dev/dahdi)
 *   sparkle-card watch <uri> [--answer]     print a card's events; answer incoming calls
 *   sparkle-card ctl <socket> <command...>  one command to a simulated card's far end
 *   sparkle-card ctl <socket> events        print the far end's events until interrupted
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "sparkle_card.h"

static volatile sig_atomic_t s_stop;

static void on_signal(int number)
{
    (void)number;
    s_stop = 1;
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case SPARKLE_PORT_E1_PRI: return "e1-pri";
    case SPARKLE_PORT_E1_R2: return "e1-r2";
    case SPARKLE_PORT_FXO: return "fxo";
    case SPARKLE_PORT_GSM: return "gsm";
    default: return "unknown";
    }
}

static int fail(const char *what, int32_t status)
{
    fprintf(stderr, "sparkle-card: %s: %s\n", what, sparkle_card_strerror(status));
    return 1;
}

static int list(sparkle_handle card)
{
    int32_t count = 0;
    int32_t status = sparkle_card_port_count(card, &count);
    if (status != SPARKLE_OK) {
        return fail("port count", status);
    }
    printf("port  name            kind    channels  busy  alarms\n");
    for (int32_t port = 0; port < count; port++) {
        sparkle_port_info info;
        if (sparkle_card_port_info(card, port, &info) == SPARKLE_OK) {
            printf("%4d  %-14s  %-6s  %8d  %4d  %s%s%s%s%s%s\n", port, info.name, kind_name(info.kind),
                   info.channels, info.busy_channels, info.alarms ? "" : "none",
                   info.alarms & SPARKLE_ALARM_LOS ? "LOS " : "",
                   info.alarms & SPARKLE_ALARM_AIS ? "AIS " : "",
                   info.alarms & SPARKLE_ALARM_RAI ? "RAI " : "",
                   info.alarms & SPARKLE_ALARM_NO_BATTERY ? "NO-BATTERY " : "",
                   info.alarms & SPARKLE_ALARM_D_CHANNEL_DOWN ? "D-CHANNEL-DOWN" : "");
        }
    }
    return 0;
}

static int watch(sparkle_handle card, int answer)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    while (!s_stop) {
        sparkle_event e;
        int32_t status = sparkle_card_poll_event(card, &e, 250);
        if (status == SPARKLE_E_TIMEOUT) {
            continue;
        }
        if (status != SPARKLE_OK) {
            return fail("poll", status);
        }
        switch (e.type) {
        case SPARKLE_EVENT_INCOMING:
            printf("incoming port=%d channel=%d calling=%s called=%s pres=%d\n", e.port, e.channel,
                   e.calling.digits, e.called.digits, e.calling.presentation);
            if (answer) {
                printf("answer port=%d channel=%d: %s\n", e.port, e.channel,
                       sparkle_card_strerror(sparkle_card_answer(card, e.port, e.channel)));
            }
            break;
        case SPARKLE_EVENT_RINGING: printf("ringing port=%d channel=%d\n", e.port, e.channel); break;
        case SPARKLE_EVENT_ANSWERED: printf("answered port=%d channel=%d\n", e.port, e.channel); break;
        case SPARKLE_EVENT_HANGUP:
            printf("hangup port=%d channel=%d cause=%d\n", e.port, e.channel, e.cause);
            break;
        case SPARKLE_EVENT_DIGIT:
            printf("digit port=%d channel=%d digit=%c\n", e.port, e.channel, e.digit);
            break;
        case SPARKLE_EVENT_ALARM: printf("alarm port=%d alarms=0x%x\n", e.port, e.alarms); break;
        case SPARKLE_EVENT_RESTART: printf("restart port=%d channel=%d\n", e.port, e.channel); break;
        default: break;
        }
        fflush(stdout);
    }
    return 0;
}

static int control(const char *path, int argc, char **argv)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    snprintf(address.sun_path, sizeof address.sun_path, "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("sparkle-card: connect");
        return 1;
    }

    int events_only = argc == 1 && strcmp(argv[0], "events") == 0;
    char line[512] = "";
    size_t used = 0;
    for (int i = 0; i < argc && !events_only; i++) {
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", i ? " " : "", argv[i]);
        if (used >= sizeof line - 2) {
            fprintf(stderr, "sparkle-card: command too long\n");
            return 1;
        }
    }
    if (!events_only) {
        line[used++] = '\n';
        if (send(fd, line, used, MSG_NOSIGNAL) != (ssize_t)used) {
            perror("sparkle-card: send");
            return 1;
        }
    }

    /* Print until the reply (events the far end sent meanwhile are printed too). */
    char buffer[2048];
    ssize_t got;
    while ((got = recv(fd, buffer, sizeof buffer - 1, 0)) > 0) {
        buffer[got] = '\0'; /* strstr below must stop at what arrived */
        fwrite(buffer, 1, (size_t)got, stdout);
        fflush(stdout);
        if (!events_only && (strstr(buffer, "ok") || strstr(buffer, "error")) && buffer[got - 1] == '\n') {
            int failed = strncmp(buffer, "error", 5) == 0 || strstr(buffer, "\nerror") != NULL;
            close(fd);
            return failed ? 1 : 0;
        }
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "ctl") == 0) {
        return control(argv[2], argc - 3, argv + 3);
    }
    if (argc >= 3 && (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "watch") == 0)) {
        sparkle_handle card = 0;
        int32_t status = sparkle_card_open(argv[2], &card);
        if (status != SPARKLE_OK && sparkle_card_open_error()[0] != '\0') {
            fprintf(stderr, "sparkle-card: %s: %s: %s\n", argv[2], sparkle_card_strerror(status),
                    sparkle_card_open_error());
            return 1;
        }
        if (status != SPARKLE_OK) {
            return fail(argv[2], status);
        }
        int result = strcmp(argv[1], "list") == 0 ? list(card)
                                                  : watch(card, argc > 3 && strcmp(argv[3], "--answer") == 0);
        sparkle_card_close(card);
        return result;
    }
    fprintf(stderr, "usage: sparkle-card list <uri>\n"
                    "       sparkle-card watch <uri> [--answer]\n"
                    "       sparkle-card ctl <socket> <command...> | events\n"
                    "uri: sim:<socket>?e1=N&fxo=N&gsm=N or dahdi:/dev/dahdi\n"
                    "ctl <socket> help lists the simulated card's commands\n");
    return 2;
}
