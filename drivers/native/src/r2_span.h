/* MFC/R2 on our side of an E1 through openr2, shared by the simulated card (sim_r2.c) and DAHDI
 * spans (dahdi.c), as pri_span.c is for Q.931. */
#ifndef SPARKLE_R2_SPAN_H
#define SPARKLE_R2_SPAN_H

#include <stddef.h>

#include "card_internal.h"

typedef struct sc_r2_config {
    char variant[8];   /* openr2's variant code: CN, ITU, MX, BR, AR... */
    int max_ani;       /* calling number digits asked for (Group A-5 requests) */
    int max_dnis;      /* called number digits expected before Group B */
    char category[40]; /* our calling party category (Group II) on outbound calls */
} sc_r2_config;

/* Parses "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]" (CN, 10, 4 and NATIONAL_SUBSCRIBER when
 * left out); 0 when the text is malformed, with why naming the field at fault. */
int sc_r2_parse(const char *text, sc_r2_config *config, char *why, size_t size);

#endif
