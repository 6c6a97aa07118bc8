/*
 * Private helpers shared by the files of src/parse/.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_H
#define BP_PARSE_H

#include "bp.h"
#include "parse/load.h"

/*
 * Parse a date (values.c) written "YYYY-MM-DD" or as an ISO 8601
 * date-time such as "2026-11-27T10:00:00+01:00" (seconds, fraction and
 * zone optional; a space may replace the T). Only the calendar date is
 * kept. Returns false, leaving *out untouched, for a malformed or
 * impossible date (2026-02-30).
 */
bool bp_meta_parse_date(const char *s, struct bp_date *out);

/*
 * Check the shape of a BCP 47 language tag (values.c): a primary subtag
 * of 2-3 letters (or "i"/"x" followed by subtags), then subtags of 1-8
 * letters or digits separated by '-'. Returns a copy with the primary
 * subtag lower-cased ("EN-GB" -> "en-GB"; caller frees), or NULL when s
 * is not such a tag.
 */
char *bp_meta_parse_lang(const char *s);

/*
 * "a, b ,c" -> {"a", "b", "c"} (values.c); empty pieces dropped; NULL if
 * none. Caller frees with g_strfreev.
 */
char **bp_meta_split_keywords(const char *s);

/* Where a metadata key may appear (meta.c's key table). */
#define BP_META_IN_FRONT    0x1u   /* article front matter */
#define BP_META_IN_MANIFEST 0x2u   /* pack manifest */
#define BP_META_IN_CLI      0x4u   /* -M key=value */
#define BP_META_IN_ALL      (BP_META_IN_FRONT | BP_META_IN_MANIFEST | \
    BP_META_IN_CLI)

/* One walk over a loaded YAML block: front matter (meta.c) or a manifest. */
struct bp_meta_walk {
	struct bp_diag		*diag;
	struct yaml_document_s	*doc;
	const char		*what;       /* "front matter" or "manifest" */
	unsigned		 where;      /* BP_META_IN_FRONT or _MANIFEST */
	int			 first_line; /* file line of YAML line 0 */
	const char		*base;       /* manifest path (articles) */
	bool			 allow_outside;
	GPtrArray		*articles;   /* resolved paths (manifest) */
	GHashTable		*refused;    /* path -> why (manifest) */
	bool			 saw_articles;
	bool			 root_bad;   /* root is not a mapping */
	bool			 ok;
};

/*
 * Apply the root mapping of w->doc (or nothing) to m (meta.c): each key
 * the table allows where w->where says; a repeated key is a warning and
 * the last one wins. Errors clear w->ok; a root that is not a mapping
 * also sets w->root_bad.
 */
void bp_meta_walk_root(struct bp_meta_walk *w, struct bp_meta *m);

/*
 * The manifest's "articles" (manifest.c): resolve each entry of val
 * against w->base into w->articles, replacing an earlier list. An entry
 * that is not an article is an error at its line; it stays in the list,
 * refused (w->refused), so the pack shows it as an article that failed.
 * Returns false, reporting nothing, when val is not a non-empty list.
 */
bool bp_meta_add_articles(struct bp_meta_walk *w, const char *key,
    struct yaml_node_s *val);

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
 * The image that an image node of art links to, url as written (image.c):
 * read from disk once per article, resolved against art->path (not
 * leaving its folder unless opts->allow_outside), sniffed and checked.
 * images maps each key (resolved path, else url) to an image of
 * art->images; a new image is added to both (images takes a copy of the
 * key, art owns the image). A problem (remote, outside, missing,
 * unreadable, unknown kind, undecodable) is kept in img->problem and
 * reported as a warning at line:col, once, when the image is new.
 * Returns the image, never NULL.
 */
struct bp_image *bp_parse_image_load(struct bp_article *art,
    GHashTable *images, const struct bp_load_opts *opts, const char *url,
    int line, int col, struct bp_diag *diag);

/*
 * Bound what cmark-gfm, and the layout after it, would make of Markdown
 * text (bound.c, with bound_block.c and bound_inline.c), before cmark-gfm
 * sees it. text holds len bytes, the first on file line first_line.
 * Returns a copy to parse (len bytes and a NUL; caller frees) in which
 * the header and delimiter rows of pipe tables wider than
 * BP_MAX_TABLE_COLS are cut to that many cells: the tail of each is
 * blanked with spaces, so every line keeps its length and number, with
 * one warning per table naming its header line. Returns NULL after an
 * error naming the line when the text is over one of the limits in bp.h
 * (BP_MAX_TABLE_CELLS ... BP_MAX_NOBREAK_WORK): shapes whose cost grows
 * with the square of their size, estimated from above.
 */
char *bp_bound_text(const char *text, size_t len, int first_line,
    struct bp_diag *);

/*
 * Flatten emphasis, strikethrough, links and images nested deeper than
 * BP_MAX_INLINE_DEPTH in cmark-gfm's tree doc (the children of each take
 * its place), with one warning at the line of the first
 * (bound_inline.c).
 */
struct cmark_node;
void bp_bound_tree(struct cmark_node *doc, int first_line,
    struct bp_diag *);

/*
 * The id a heading with text [s, e) gets first (bound_block.c):
 * lower-cased letters and digits, runs of space, '-' and '_' as one '-',
 * at most about 60 bytes, "section" when nothing is left. md.c makes it
 * unique per article; bound_block.c counts the tries that takes. Caller
 * frees.
 */
char *bp_parse_heading_slug(const char *s, const char *e);

#endif /* BP_PARSE_H */
