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

/*
 * Clean text that is about to become the model (clean.c), in place, in
 * one pass that writes nothing while the text is clean:
 *  - TAB, LF and CR stay;
 *  - other C0 controls, DEL and C1 controls (U+0080-009F) are removed,
 *    except VT, FF and NEL (U+0085), which become a space, like U+2028
 *    LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR;
 *  - bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069)
 *    are removed, so they cannot reorder what the reader sees (Trojan
 *    Source); the marks U+200E, U+200F and U+061C stay, as they reorder
 *    nothing but neutral characters next to them;
 *  - noncharacters (U+FDD0-FDEF, U+xxFFFE, U+xxFFFF) become U+FFFD.
 * buf holds len bytes of valid UTF-8 (bp_util_check_text), the first on
 * line first_line. No line feed is added or removed, so later line
 * numbers stay right. Reports one warning per kind of character, at the
 * line and column of the first ("3 control characters removed (first
 * U+001B)"). Returns the new length, <= len; buf[new length] is set to
 * NUL when the text got shorter.
 */
size_t bp_clean_text(char *buf, size_t len, int first_line,
    struct bp_diag *);

/*
 * A copy of metadata value s cleaned as bp_clean_text does (invalid UTF-8
 * is repaired first), or NULL for NULL; caller frees. Warnings name key
 * ("title: control character U+001B removed") and give line only.
 */
char *bp_clean_value(const char *s, const char *key, int line,
    struct bp_diag *);

/*
 * Whether image bytes of `kind` (sniffed, header checked) can be drawn:
 * an SVG that librsvg parses and that has a size, a raster image that
 * gdk-pixbuf decodes in full (image.c). Returns why not ("cannot be
 * decoded: ...", one line; caller frees), or NULL when it can.
 */
char *bp_parse_image_defect(const unsigned char *, size_t,
    enum bp_image_kind);

/*
 * Bound what cmark-gfm, and the layout after it, would make of Markdown
 * text (bound.c), before cmark-gfm sees it. text holds len bytes, the
 * first on file line first_line. Returns a copy to parse (len bytes and
 * a NUL; caller frees) in which the header and delimiter rows of pipe
 * tables wider than BP_MAX_TABLE_COLS are cut to that many cells: the
 * tail of each is blanked with spaces, so every line keeps its length
 * and number, with one warning per table naming its header line. Returns
 * NULL after an error naming the line when the text is over one of the
 * limits in bp.h (BP_MAX_TABLE_CELLS ... BP_MAX_NOBREAK_WORK): shapes
 * whose cost grows with the square of their size, estimated from above.
 */
char *bp_bound_text(const char *text, size_t len, int first_line,
    struct bp_diag *);

/*
 * Flatten emphasis, strikethrough, links and images nested deeper than
 * BP_MAX_INLINE_DEPTH in cmark-gfm's tree doc (the children of each take
 * its place), with one warning at the line of the first (bound.c).
 */
struct cmark_node;
void bp_bound_tree(struct cmark_node *doc, int first_line,
    struct bp_diag *);

#endif /* BP_PARSE_H */
