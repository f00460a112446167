/* The far end's control socket: one text command a line, one reply line each (docs/drivers.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim_internal.h"
#include "sim_r2.h"

const char *const sim_state_names[] = {"idle", "incoming", "up", "outgoing"};

/* Parses "port channel" and checks both; 0 and a reply on failure. */
static int parse_channel(sc_card *card, const char *port_text, const char *channel_text, int *port,
                         int *channel, char *reply, size_t size)
{
    char *end = NULL;
    long p = port_text ? strtol(port_text, &end, 10) : -1;
    if (!port_text || *end || p < 0 || p >= card->port_count) {
        snprintf(reply, size, "error unknown port");
        return 0;
    }
    long c = channel_text ? strtol(channel_text, &end, 10) : -1;
    if (!channel_text || *end || c < 1 || c > card->ports[p].channels) {
        snprintf(reply, size, "error unknown channel");
        return 0;
    }
    *port = (int)p;
    *channel = (int)c;
    return 1;
}

static void far_call(sc_card *card, char **words, int count, char *reply, size_t size)
{
    sim *s = sim_of(card);
    char *end = NULL;
    long port = count > 3 ? strtol(words[1], &end, 10) : -1;
    if (count < 4 || *end || port < 0 || port >= card->port_count) {
        snprintf(reply, size,
                 "error usage: call <port> <calling> <called> [channel=N] [ton=N] [plan=N] "
                 "[pres=allowed|restricted|unavailable] [cid=bell202|v23|dtmf|none] [ring=MS] [pause=MS]");
        return;
    }
    if (card->ports[port].alarms != 0) {
        snprintf(reply, size, "error port in alarm");
        return;
    }

    sparkle_number calling = {.type_of_number = 2, .numbering_plan = 1};
    sparkle_number called = {.type_of_number = 2, .numbering_plan = 1};
    sc_copy_text(calling.digits, sizeof calling.digits, words[2]);
    sc_copy_text(called.digits, sizeof called.digits, words[3]);
    int channel = 0;
    const char *category = "NATIONAL_SUBSCRIBER";
    int cid = SIM_CID_BELL202;
    int ring_ms = 2000;
    int pause_ms = 4000;
    for (int i = 4; i < count; i++) {
        if (strncmp(words[i], "channel=", 8) == 0) {
            channel = atoi(words[i] + 8);
        } else if (strncmp(words[i], "ton=", 4) == 0) {
            calling.type_of_number = called.type_of_number = atoi(words[i] + 4);
        } else if (strncmp(words[i], "plan=", 5) == 0) {
            calling.numbering_plan = called.numbering_plan = atoi(words[i] + 5);
        } else if (strcmp(words[i], "pres=restricted") == 0) {
            calling.presentation = 1;
        } else if (strcmp(words[i], "pres=unavailable") == 0) {
            calling.presentation = 2;
        } else if (strncmp(words[i], "cid=", 4) == 0) {
            cid = sim_line_cid_of(words[i] + 4);
        } else if (strncmp(words[i], "ring=", 5) == 0) {
            ring_ms = atoi(words[i] + 5);
        } else if (strncmp(words[i], "pause=", 6) == 0) {
            pause_ms = atoi(words[i] + 6);
        } else if (strncmp(words[i], "category=", 9) == 0) {
            category = words[i] + 9;
        }
    }
    if (cid < 0 || ring_ms < SIM_TICK_MS || ring_ms > 10000 || pause_ms < 0 || pause_ms > 10000) {
        snprintf(reply, size, "error cid must be bell202, v23, dtmf or none; ring and pause 20-10000 ms");
        return;
    }
    sim_port *p = &s->ports[port];
    for (int c = 1; c <= card->ports[port].channels && channel == 0; c++) {
        if (p->channels[c].state == CH_IDLE && (!is_r2(card, (int)port) || sim_r2_far_line_free(p, c))) {
            channel = c; /* the network picks from the bottom */
        }
    }
    if (channel < 1 || channel > card->ports[port].channels || p->channels[channel].state != CH_IDLE) {
        snprintf(reply, size, "error no free channel");
        return;
    }

    sim_channel *ch = &p->channels[channel];
    if (is_r2(card, (int)port)) {
        sim_r2_far_call(card, (int)port, channel, calling.digits, called.digits, category, reply, size);
        return;
    }
    if (is_pri(card, (int)port)) {
        q931_call *call = pri_new_call(p->far);
        if (!call || sc_pri_setup_call(p->far, call, timeslot_of(channel), &calling, &called) != 0) {
            snprintf(reply, size, "error setup failed");
            return;
        }
        ch->far_call = call;
    } else {
        /* An analog line carries no numbers in its signalling: the caller's number is audio on the
         * idle line and the port is the only "called number". A GSM slot hands over +CLIP. */
        int fxo = card->ports[port].kind == SPARKLE_PORT_FXO;
        if (fxo && sim_line_offer(ch, cid, &calling, ring_ms, pause_ms) != SPARKLE_OK) {
            snprintf(reply, size, "error out of memory");
            return;
        }
        sim_set_state(card, (int)port, ch, CH_INCOMING);
        sparkle_event event;
        memset(&event, 0, sizeof event);
        event.type = SPARKLE_EVENT_INCOMING;
        event.port = (int)port;
        event.channel = channel;
        if (!fxo) {
            event.calling = calling;
            event.called = called;
        }
        sc_push_event_locked(card, &event);
    }
    snprintf(reply, size, "ok channel=%d", channel);
}

static uint32_t parse_alarms(const char *text)
{
    uint32_t alarms = 0;
    alarms |= strstr(text, "LOS") ? SPARKLE_ALARM_LOS : 0;
    alarms |= strstr(text, "AIS") ? SPARKLE_ALARM_AIS : 0;
    alarms |= strstr(text, "RAI") ? SPARKLE_ALARM_RAI : 0;
    alarms |= strstr(text, "NOBATTERY") ? SPARKLE_ALARM_NO_BATTERY : 0;
    return alarms;
}

static void run_command(sc_card *card, char *line, char *reply, size_t size)
{
    sim *s = sim_of(card);
    char *words[12];
    int count = 0;
    for (char *save = NULL, *word = strtok_r(line, " \t\r", &save); word && count < 12;
         word = strtok_r(NULL, " \t\r", &save)) {
        words[count++] = word;
    }
    if (count == 0) {
        snprintf(reply, size, "error empty command");
        return;
    }

    int port = 0;
    int channel = 0;
    const char *verb = words[0];
    if (strcmp(verb, "ports") == 0) {
        int used = snprintf(reply, size, "ok");
        for (int i = 0; i < card->port_count && used < (int)size; i++) {
            used +=
                snprintf(reply + used, size - (size_t)used, " %s:%d:alarms=%u:busy=%d", card->ports[i].name,
                         card->ports[i].channels, card->ports[i].alarms, card->ports[i].busy_channels);
        }
    } else if (strcmp(verb, "call") == 0) {
        far_call(card, words, count, reply, size);
    } else if (strcmp(verb, "refuse") == 0 && count == 3) {
        long p = strtol(words[1], NULL, 10);
        long cause = strtol(words[2], NULL, 10);
        if (p < 0 || p >= card->port_count || !is_r2(card, (int)p) || cause < 0 || cause > 127) {
            snprintf(reply, size, "error usage: refuse <r2 port> <cause 1-127, 0 accepts>");
            return;
        }
        sim_r2_far_refuse(card, (int)p, (int)cause, reply, size);
    } else if (strcmp(verb, "alarm") == 0 && count == 3) {
        long p = strtol(words[1], NULL, 10);
        if (p < 0 || p >= card->port_count) {
            snprintf(reply, size, "error unknown port");
            return;
        }
        uint32_t kept = card->ports[p].alarms & SPARKLE_ALARM_D_CHANNEL_DOWN;
        card->ports[p].alarms = kept | parse_alarms(words[2]);
        sim_push(card, SPARKLE_EVENT_ALARM, (int)p, 0, 0);
        snprintf(reply, size, "ok alarms=%u", card->ports[p].alarms);
    } else if (strcmp(verb, "hybrid") == 0 && count == 4) {
        /* The echo path of an FXO line (src/sim_hybrid.c): delay in ms and loss in dB, 0 for none. */
        long p = strtol(words[1], NULL, 10);
        long delay_ms = strtol(words[2], NULL, 10);
        double loss_db = atof(words[3]);
        if (p < 0 || p >= card->port_count || card->ports[p].kind != SPARKLE_PORT_FXO) {
            snprintf(reply, size, "error not an FXO port");
        } else if (delay_ms < 0 || delay_ms > 50 || loss_db < 0 || loss_db > 60) {
            snprintf(reply, size, "error delay must be 0-50 ms and loss 0-60 dB");
        } else {
            s->ports[p].hybrid_delay_ms = (int)delay_ms;
            s->ports[p].hybrid_loss_db = loss_db;
            snprintf(reply, size, "ok");
        }
    } else if (count < 3 || !parse_channel(card, words[1], words[2], &port, &channel, reply, size)) {
        if (count < 3) {
            snprintf(reply, size, "error unknown command or missing port and channel");
        }
    } else {
        sim_port *p = &s->ports[port];
        sim_channel *ch = &p->channels[channel];
        if (strcmp(verb, "answer") == 0) {
            if (ch->state != CH_OUTGOING) {
                snprintf(reply, size, "error channel is %s", sim_state_names[ch->state]);
            } else if (is_r2(card, port)) {
                sim_r2_far_answer(card, port, channel, reply, size);
            } else if (is_pri(card, port)) {
                pri_answer(p->far, ch->far_call, timeslot_of(channel), 0);
                snprintf(reply, size, "ok");
            } else {
                sim_set_state(card, port, ch, CH_UP);
                sim_push(card, SPARKLE_EVENT_ANSWERED, port, channel, 0);
                snprintf(reply, size, "ok");
            }
        } else if (strcmp(verb, "hangup") == 0) {
            int cause = count > 3 ? atoi(words[3]) : PRI_CAUSE_NORMAL_CLEARING;
            if (cause < 1 || cause > 127) {
                snprintf(reply, size, "error cause must be 1-127");
            } else if (is_r2(card, port)) {
                sim_r2_far_hangup(card, port, channel, cause, reply, size);
            } else if (is_pri(card, port) && ch->far_call) {
                pri_hangup(p->far, ch->far_call, cause);
                ch->far_call = NULL;
                snprintf(reply, size, "ok");
            } else if (!is_pri(card, port) && ch->state != CH_IDLE) {
                sim_set_state(card, port, ch, CH_IDLE);
                sim_push(card, SPARKLE_EVENT_HANGUP, port, channel, cause);
                snprintf(reply, size, "ok");
            } else {
                snprintf(reply, size, "error no call on channel");
            }
        } else if (strcmp(verb, "digits") == 0 && count > 3) {
            for (const char *d = words[3]; *d; d++) {
                if (strchr("0123456789*#ABCD", *d)) {
                    sparkle_event event = {
                        .type = SPARKLE_EVENT_DIGIT, .port = port, .channel = channel, .digit = *d};
                    sc_push_event_locked(card, &event);
                }
            }
            snprintf(reply, size, "ok");
        } else if (strcmp(verb, "tone") == 0 && count > 3) {
            ch->tone_hz = atof(words[3]);
            ch->tone_on_ms = count > 5 ? atoi(words[4]) : 0;
            ch->tone_off_ms = count > 5 ? atoi(words[5]) : 0;
            ch->tone_on_ms = ch->tone_on_ms > 0 && ch->tone_off_ms > 0 ? ch->tone_on_ms : 0;
            ch->tone_off_ms = ch->tone_on_ms > 0 ? ch->tone_off_ms : 0;
            ch->tone_clock_ms = 0;
            snprintf(reply, size, "ok");
        } else if (strcmp(verb, "heard") == 0) {
            double seconds = ch->heard_frames * SIM_TICK_MS / 1000.0;
            double hz = seconds > 0 ? ch->heard_crossings / 2.0 / seconds : 0;
            double samples = ch->heard_frames * (double)SPARKLE_FRAME_BYTES;
            double rms = samples > 0 ? sqrt(ch->heard_energy / samples) : 0;
            snprintf(reply, size, "ok frames=%ld hz=%.0f rms=%.0f", ch->heard_frames, hz, rms);
            ch->heard_frames = ch->heard_crossings = 0;
            ch->heard_energy = 0;
        } else if (strcmp(verb, "state") == 0 && is_r2(card, port)) {
            sim_r2_far_state(card, port, channel, reply, size);
        } else if (strcmp(verb, "state") == 0) {
            snprintf(reply, size, "ok %s", sim_state_names[ch->state]);
        } else if ((strcmp(verb, "block") == 0 || strcmp(verb, "unblock") == 0) && is_r2(card, port)) {
            sim_r2_far_block(card, port, channel, verb[0] == 'b', reply, size);
        } else if ((strcmp(verb, "hold") == 0 || strcmp(verb, "release") == 0) && is_r2(card, port)) {
            sim_r2_far_hold(card, port, channel, verb[0] == 'h', reply, size);
        } else if (strcmp(verb, "restart") == 0 && is_pri(card, port)) {
            pri_reset(p->far, timeslot_of(channel));
            snprintf(reply, size, "ok");
        } else {
            snprintf(reply, size, "error unknown command %s", verb);
        }
    }
}

void sim_read_client(sc_card *card, sim_client *client)
{
    char buffer[SIM_LINE];
    ssize_t got = recv(client->fd, buffer, sizeof buffer, 0);
    if (got <= 0) {
        close(client->fd);
        client->fd = -1;
        return;
    }
    for (ssize_t i = 0; i < got; i++) {
        if (buffer[i] != '\n') {
            if (client->length < SIM_LINE - 1) {
                client->line[client->length++] = buffer[i];
            } else {
                client->length = SIM_LINE; /* marks an over-long line, answered at its end */
            }
            continue;
        }
        char reply[SIM_LINE * 2];
        if (client->length >= SIM_LINE) {
            snprintf(reply, sizeof reply, "error line too long");
        } else {
            client->line[client->length] = '\0';
            run_command(card, client->line, reply, sizeof reply - 1);
        }
        client->length = 0;
        size_t length = strlen(reply);
        reply[length++] = '\n';
        if (send(client->fd, reply, length, MSG_NOSIGNAL) < 0) {
            close(client->fd);
            client->fd = -1;
            return;
        }
    }
}
