/*
 * The far end of the SRTP interop tests: libsrtp2 protecting or unprotecting packets.
 * Usage: libsrtp-peer protect|unprotect|protect-rtcp|unprotect-rtcp 80|32 KEY_AND_SALT_HEX
 * Reads one packet per line in hex on stdin, writes one line per packet: the result in hex,
 * or "error N" with libsrtp's status code.
 */
#include <srtp2/srtp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int from_hex(const char *text, unsigned char *out, int max)
{
    int n = 0;
    while (text[0] && text[1] && text[0] != '\n' && n < max) {
        unsigned int byte;
        if (sscanf(text, "%2x", &byte) != 1) {
            return -1;
        }
        out[n++] = (unsigned char)byte;
        text += 2;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s mode 80|32 key\n", argv[0]);
        return 2;
    }

    const char *mode = argv[1];
    int outbound = strncmp(mode, "protect", 7) == 0;
    int rtcp = strstr(mode, "rtcp") != NULL;
    unsigned char key[30];
    if (from_hex(argv[3], key, sizeof key) != 30 || srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "bad key or libsrtp init failed\n");
        return 2;
    }

    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    if (strcmp(argv[2], "32") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
    } else {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
    }
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.key = key;
    policy.window_size = 128;
    policy.allow_repeat_tx = 0;

    srtp_t session;
    if (srtp_create(&session, &policy) != srtp_err_status_ok) {
        fprintf(stderr, "srtp_create failed\n");
        return 2;
    }

    char line[8192];
    unsigned char packet[4096];
    while (fgets(line, sizeof line, stdin)) {
        int length = from_hex(line, packet, 2048);
        if (length <= 0) {
            printf("error -1\n");
            fflush(stdout);
            continue;
        }
        srtp_err_status_t status;
        if (outbound) {
            status = rtcp ? srtp_protect_rtcp(session, packet, &length) : srtp_protect(session, packet, &length);
        } else {
            status = rtcp ? srtp_unprotect_rtcp(session, packet, &length) : srtp_unprotect(session, packet, &length);
        }
        if (status != srtp_err_status_ok) {
            printf("error %d\n", (int)status);
        } else {
            for (int i = 0; i < length; i++) {
                printf("%02x", packet[i]);
            }
            printf("\n");
        }
        fflush(stdout);
    }

    srtp_dealloc(session);
    srtp_shutdown();
    return 0;
}
