/* A reference G.722 coder for the tests: spandsp's encoder or decoder at 64 kbit/s as a filter.
 * "encode" reads 16 kHz signed 16-bit little-endian samples on stdin and writes G.722 bytes;
 * "decode" reads G.722 bytes and writes 16 kHz samples. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <spandsp.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;

    if (strcmp(argv[1], "encode") == 0) {
        g722_encode_state_t *state = g722_encode_init(NULL, 64000, 0);
        int16_t samples[320];
        uint8_t codes[160];
        size_t got;
        while ((got = fread(samples, sizeof(int16_t), 320, stdin)) > 0) {
            int n = g722_encode(state, codes, samples, (int)got);
            fwrite(codes, 1, (size_t)n, stdout);
        }
        return 0;
    }

    if (strcmp(argv[1], "decode") == 0) {
        g722_decode_state_t *state = g722_decode_init(NULL, 64000, 0);
        uint8_t codes[160];
        int16_t samples[320];
        size_t got;
        while ((got = fread(codes, 1, 160, stdin)) > 0) {
            int n = g722_decode(state, samples, codes, (int)got);
            fwrite(samples, sizeof(int16_t), (size_t)n, stdout);
        }
        return 0;
    }

    return 2;
}
