/* Numbers in text the card is given (card URI options, control-socket commands), read whole: a
 * number with trailing junk ("5x"), an empty word or one out of its range is refused, never cut. */
#ifndef SPARKLE_PARSE_H
#define SPARKLE_PARSE_H

#include <stddef.h>

typedef enum sc_parse_result { SC_PARSE_OK, SC_PARSE_NOT_A_NUMBER, SC_PARSE_OUT_OF_RANGE } sc_parse_result;

/* Reads text as a decimal whole number in min..max. */
sc_parse_result sc_parse_long(const char *text, long min, long max, long *value);

/* Reads text as a decimal number (a fraction allowed) in min..max; "nan" and "inf" are refused. */
sc_parse_result sc_parse_real(const char *text, double min, double max, double *value);

/* Both of the above, saying in why what is wrong with the argument called name when it fails:
 * "<name> '5x' is not a whole number" or "<name> 99 is out of range (0-40)". 1 on success. */
int sc_parse_long_named(const char *name, const char *text, long min, long max, long *value, char *why,
                        size_t size);
int sc_parse_real_named(const char *name, const char *text, double min, double max, double *value, char *why,
                        size_t size);

#endif
