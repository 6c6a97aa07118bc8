/*
 * Private helpers shared by the files of src/style/: units, value
 * parsers (values.c), the key walk (keys.c) and markings (markings.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_STYLE_H
#define BP_STYLE_H

#include "bp.h"

/* Points per unit. */
#define PT_PER_MM (72.0 / 25.4)
#define PT_PER_CM (72.0 / 2.54)
#define PT_PER_IN 72.0
#define PT_PER_PC 12.0

/*
 * A non-negative decimal number at s ("12", "10.5", ".5"; values.c); no
 * sign, exponent, hex, inf or nan, which g_ascii_strtod would allow.
 * *end gets the first byte after it. Returns false for no number.
 */
bool bp_style_parse_number(const char *s, const char **end, double *out);
/* "#rrggbb" or "#rgb" into *out (values.c); false for anything else. */
bool bp_style_parse_color(const char *s, struct bp_rgb *out);
/*
 * "A4", "a4 landscape", "210mm 297mm" -> width and height in points
 * (values.c). Returns false, leaving *w and *h alone, for anything else.
 */
bool bp_style_parse_page_size(const char *s, double *w, double *h);

/*
 * Apply the keys of the YAML document doc on top of st (keys.c), then
 * the checks across keys (page size, text area, table sizes). Unknown
 * keys are warnings. *name_set says whether doc set "name". Returns
 * false after reporting errors to diag.
 */
bool bp_style_apply(struct bp_style *st, struct yaml_document_s *doc,
    struct bp_diag *diag, bool *name_set);

/* What "markings" must hold, for its errors (keys.c, markings.c). */
#define BP_STYLE_MARKINGS_WANT \
	"a list of protective markings, lowest first; an item may be a " \
	"list of markings of equal rank, such as [BEGRENSET, RESTRICTED]"

/*
 * "markings" (markings.c): val, a node of doc, is a list from lowest to
 * highest; an item is a marking, or a list of markings of equal rank.
 * Replaces st's list; an empty list ranks nothing. Errors name key; on
 * one, st keeps its list and this returns false.
 */
bool bp_style_set_markings(struct bp_style *st, struct yaml_document_s *doc,
    const char *key, struct yaml_node_s *val, struct bp_diag *diag);
/* Free st's markings and leave it with none (markings.c). */
void bp_style_free_markings(struct bp_style *st);

#endif /* BP_STYLE_H */
