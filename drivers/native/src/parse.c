/* One reading of numbers for every text the card is given (parse.h). */
#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* strtol and strtod skip leading blanks and take a '+'; a word of a command or URI does neither. */
static int starts_like_a_number(const char *text)
{
    return text && (isdigit((unsigned char)text[0]) || (text[0] == '-' && isdigit((unsigned char)text[1])));
}

sc_parse_result sc_parse_long(const char *text, long min, long max, long *value)
{
    if (!starts_like_a_number(text)) {
        return SC_PARSE_NOT_A_NUMBER;
    }
    char *end = NULL;
    errno = 0;
    long parsed = strtol(text, &end, 10);
    if (*end != '\0') {
        return SC_PARSE_NOT_A_NUMBER;
    }
    if (errno == ERANGE || parsed < min || parsed > max) {
        return SC_PARSE_OUT_OF_RANGE;
    }
    *value = parsed;
    return SC_PARSE_OK;
}

sc_parse_result sc_parse_real(const char *text, double min, double max, double *value)
{
    if (!starts_like_a_number(text)) {
        return SC_PARSE_NOT_A_NUMBER;
    }
    char *end = NULL;
    errno = 0;
    double parsed = strtod(text, &end);
    if (*end != '\0' || !isfinite(parsed)) {
        return SC_PARSE_NOT_A_NUMBER;
    }
    if (errno == ERANGE || parsed < min || parsed > max) {
        return SC_PARSE_OUT_OF_RANGE;
    }
    *value = parsed;
    return SC_PARSE_OK;
}

int sc_parse_long_named(const char *name, const char *text, long min, long max, long *value, char *why,
                        size_t size)
{
    switch (sc_parse_long(text, min, max, value)) {
    case SC_PARSE_OK: return 1;
    case SC_PARSE_NOT_A_NUMBER:
        snprintf(why, size, "%s '%s' is not a whole number", name, text ? text : "");
        break;
    case SC_PARSE_OUT_OF_RANGE:
        snprintf(why, size, "%s %s is out of range (%ld-%ld)", name, text, min, max);
        break;
    }
    return 0;
}

int sc_parse_real_named(const char *name, const char *text, double min, double max, double *value, char *why,
                        size_t size)
{
    switch (sc_parse_real(text, min, max, value)) {
    case SC_PARSE_OK: return 1;
    case SC_PARSE_NOT_A_NUMBER: snprintf(why, size, "%s '%s' is not a number", name, text ? text : ""); break;
    case SC_PARSE_OUT_OF_RANGE:
        snprintf(why, size, "%s %s is out of range (%g-%g)", name, text, min, max);
        break;
    }
    return 0;
}
