/* ITU-T G.711 A-law and u-law conversions for the simulated card's tone generator and meter. */
#ifndef SPARKLE_G711_H
#define SPARKLE_G711_H

#include <stdint.h>

uint8_t sc_alaw_encode(int16_t sample);
int16_t sc_alaw_decode(uint8_t code);
uint8_t sc_ulaw_encode(int16_t sample);
int16_t sc_ulaw_decode(uint8_t code);

#endif
