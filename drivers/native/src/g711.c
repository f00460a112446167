#include "g711.h"

/* G.711 §A.2: 13-bit magnitude, segment = position of the leading one, even bits inverted. */
uint8_t sc_alaw_encode(int16_t sample)
{
    int sign = sample >= 0 ? 0x80 : 0x00;
    int magnitude = sample >= 0 ? sample : -(int)sample - 1;
    magnitude >>= 3;
    if (magnitude > 0xFFF) {
        magnitude = 0xFFF;
    }

    int segment = 0;
    while (segment < 7 && magnitude >= (0x20 << segment)) {
        segment++;
    }
    int mantissa = segment == 0 ? (magnitude >> 1) & 0x0F : (magnitude >> segment) & 0x0F;
    return (uint8_t)((sign | (segment << 4) | mantissa) ^ 0x55);
}

int16_t sc_alaw_decode(uint8_t code)
{
    code ^= 0x55;
    int segment = (code >> 4) & 0x07;
    int value = ((code & 0x0F) << 4) + 8;
    if (segment > 0) {
        value = (value + 0x100) << (segment - 1);
    }
    return (int16_t)((code & 0x80) ? value : -value);
}

/* G.711 §B: the magnitude is biased by 33 (0x84 at 16 bits) so every segment starts at a power
 * of two, then coded as segment and four mantissa bits, all bits inverted. */
uint8_t sc_ulaw_encode(int16_t sample)
{
    int sign = sample < 0 ? 0x80 : 0x00;
    int magnitude = sample < 0 ? -(int)sample : sample;
    if (magnitude > 32635) {
        magnitude = 32635;
    }
    magnitude += 0x84;

    int segment = 7;
    while (segment > 0 && !(magnitude & (0x80 << segment))) {
        segment--;
    }
    int mantissa = (magnitude >> (segment + 3)) & 0x0F;
    return (uint8_t)~(sign | (segment << 4) | mantissa);
}

int16_t sc_ulaw_decode(uint8_t code)
{
    code = (uint8_t)~code;
    int segment = (code >> 4) & 0x07;
    int magnitude = ((((code & 0x0F) << 3) + 0x84) << segment) - 0x84;
    return (int16_t)((code & 0x80) ? -magnitude : magnitude);
}
