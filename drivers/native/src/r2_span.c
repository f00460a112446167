/* MFC/R2 on our side of an E1 (r2_span.h). */
#include "r2_span.h"

#include <stdio.h>
#include <string.h>

#include <openr2.h>

#include "parse.h"

#define R2_SYNTAX "r2[/VARIANT[/MAX_ANI[/MAX_DNIS[/CATEGORY]]]]"

int sc_r2_parse(const char *text, sc_r2_config *config, char *why, size_t size)
{
    memset(config, 0, sizeof *config);
    snprintf(config->variant, sizeof config->variant, "CN");
    config->max_ani = 10;
    config->max_dnis = 4;
    snprintf(config->category, sizeof config->category, "NATIONAL_SUBSCRIBER");
    if (strncmp(text, "r2", 2) != 0 || (text[2] != '\0' && text[2] != '/')) {
        snprintf(why, size, "'%s' is not pri, pri-cpe, pri-net or " R2_SYNTAX, text);
        return 0;
    }

    /* Fields are split by hand so that an empty one ("r2/CN//4") is refused, not skipped. */
    static const char *const names[] = {"VARIANT", "MAX_ANI", "MAX_DNIS", "CATEGORY"};
    const char *field = text[2] == '/' ? text + 3 : NULL;
    for (int index = 0; field; index++) {
        const char *slash = strchr(field, '/');
        size_t length = slash ? (size_t)(slash - field) : strlen(field);
        char value[48];
        if (index >= 4) {
            snprintf(why, size, "'%s' has more fields than " R2_SYNTAX, text);
            return 0;
        }
        if (length == 0 || length >= sizeof value) {
            snprintf(why, size, "R2 %s in '%s' is %s", names[index], text, length ? "too long" : "empty");
            return 0;
        }
        memcpy(value, field, length);
        value[length] = '\0';
        long number = 0;
        switch (index) {
        case 0:
            if (length >= sizeof config->variant || openr2_proto_get_variant(value) == OR2_VAR_UNKNOWN) {
                snprintf(why, size,
                         "R2 VARIANT '%s' is not an openr2 variant code (CN, ITU, AR, BR, CZ, CO, "
                         "EC, ID, MX, PH, VE)",
                         value);
                return 0;
            }
            sc_copy_text(config->variant, sizeof config->variant, value);
            break;
        case 1:
        case 2:
            /* openr2 keeps at most OR2_MAX_ANI / OR2_MAX_DNIS (80) digits; a call needs one DNIS. */
            if (!sc_parse_long_named(names[index], value, index == 1 ? 0 : 1, 40, &number, why, size)) {
                return 0;
            }
            *(index == 1 ? &config->max_ani : &config->max_dnis) = (int)number;
            break;
        default:
            if (openr2_proto_get_category(value) == OR2_CALLING_PARTY_CATEGORY_UNKNOWN ||
                length >= sizeof config->category) {
                snprintf(why, size,
                         "R2 CATEGORY '%s' is not an openr2 category (NATIONAL_SUBSCRIBER, "
                         "NATIONAL_PRIORITY_SUBSCRIBER, INTERNATIONAL_SUBSCRIBER, "
                         "INTERNATIONAL_PRIORITY_SUBSCRIBER, COLLECT_CALL, TEST_EQUIPMENT)",
                         value);
                return 0;
            }
            sc_copy_text(config->category, sizeof config->category, value);
            break;
        }
        field = slash ? slash + 1 : NULL;
    }
    return 1;
}
