/*
 * Private helpers shared by the files of src/parse/.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_H
#define BP_PARSE_H

#include "bp.h"

/*
 * Parse a date written "YYYY-MM-DD" or as an ISO 8601 date-time such as
 * "2026-11-27T10:00:00+01:00" (seconds, fraction and zone optional; a
 * space may replace the T). Only the calendar date is kept. Returns false,
 * leaving *out untouched, for a malformed or impossible date (2026-02-30).
 */
bool bp_meta_parse_date(const char *s, struct bp_date *out);

/*
 * Check the shape of a BCP 47 language tag: a primary subtag of 2-3
 * letters (or "i"/"x" followed by subtags), then subtags of 1-8 letters or
 * digits separated by '-'. Returns a copy with the primary subtag
 * lower-cased ("EN-GB" -> "en-GB"; caller frees), or NULL when s is not
 * such a tag.
 */
char *bp_meta_parse_lang(const char *s);

#endif /* BP_PARSE_H */
