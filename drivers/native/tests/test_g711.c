/* G.711 round trips: every code decodes and encodes back to itself (ITU-T G.711 Tables 1a and 2a;
 * u-law's negative zero, 0x7F, decodes to the same 0 as 0xFF and so comes back as 0xFF). */
#include <stdio.h>
#include <stdlib.h>

#include "g711.h"

int main(void)
{
    int failures = 0;
    for (int code = 0; code < 256; code++) {
        int16_t sample = sc_alaw_decode((uint8_t)code);
        if (sc_alaw_encode(sample) != code) {
            fprintf(stderr, "code 0x%02x decodes to %d, which encodes to 0x%02x\n", code, sample,
                    sc_alaw_encode(sample));
            failures++;
        }
    }
    for (int code = 0; code < 256; code++) {
        int16_t sample = sc_ulaw_decode((uint8_t)code);
        int expected = code == 0x7F ? 0xFF : code;
        if (sc_ulaw_encode(sample) != expected) {
            fprintf(stderr, "u-law code 0x%02x decodes to %d, which encodes to 0x%02x\n", code, sample,
                    sc_ulaw_encode(sample));
            failures++;
        }
    }
    if (sc_alaw_encode(0) != 0xD5 || sc_alaw_decode(0xD5) != 8) {
        fprintf(stderr, "A-law silence is not 0xD5\n");
        failures++;
    }
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
