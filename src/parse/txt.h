/*
 * Text pasted from a web page (.txt articles): the phrase lists of page
 * furniture (paste.c, read from data/paste/) and the reader that turns a
 * paste into Markdown for md.c, with a map back to the .txt's lines
 * (txt.c, txt_body.c). Private to src/parse/ and its unit tests.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_TXT_H
#define BP_PARSE_TXT_H

#include "bp.h"

/* More lines than this in one paste is an error (and bounds memory). */
#define BP_TXT_MAX_LINES     500000

/* The sections of a phrase file (data/paste/README says what each means). */
enum bp_paste_kind {
	BP_PASTE_FURNITURE,   /* a whole line of page furniture */
	BP_PASTE_STARTS,      /* a short line beginning so is furniture */
	BP_PASTE_FOOTER,      /* a whole line that opens the page footer */
	BP_PASTE_COOKIE,      /* a word of a cookie banner */
	BP_PASTE_LINK,        /* a line beginning so lost its link */
	BP_PASTE_DATE,        /* a label before a date */
	BP_PASTE_AUTHOR,      /* a label before a byline */
	BP_PASTE_KIND__MAX
};

struct bp_paste_phrases;

/*
 * The phrase lists of every *.txt file in `dir` (sorted by name), merged.
 * A missing or unreadable folder gives empty lists and a warning; a line
 * outside a known section is a warning naming file and line. Never NULL;
 * caller frees with bp_paste_phrases_free.
 */
struct bp_paste_phrases *bp_paste_phrases_load(const char *dir,
    struct bp_diag *);
void bp_paste_phrases_free(struct bp_paste_phrases *);
/*
 * The lists under datadir/data/paste (datadir NULL: $BRIEFPACK_DATADIR,
 * else BP_DATADIR), loaded once per process and datadir and kept until
 * exit; thread-safe. A warning about the folder goes to diag once.
 */
const struct bp_paste_phrases *bp_paste_phrases_get(const char *datadir,
    struct bp_diag *);
/* How many phrases of all kinds were read (0: shape rules only). */
unsigned bp_paste_phrases_count(const struct bp_paste_phrases *);

/*
 * A line as phrases are compared: lower-cased, runs of white space as one
 * space, leading bullets and trailing punctuation removed. Caller frees.
 */
char *bp_paste_norm(const char *s, size_t len);
/* Whether normalised line `norm` is one of kind's phrases, whole. */
bool bp_paste_is(const struct bp_paste_phrases *, enum bp_paste_kind,
    const char *norm);
/*
 * The number of words of norm that one of kind's phrases covers when norm
 * begins with it (ending at a word boundary), the longest; 0 for none.
 */
int bp_paste_starts(const struct bp_paste_phrases *, enum bp_paste_kind,
    const char *norm);
/* Whether norm holds one of kind's phrases as a whole word. */
bool bp_paste_holds(const struct bp_paste_phrases *, enum bp_paste_kind,
    const char *norm);
/*
 * The first date in norm: "2026-11-12", "20.11.2026", "20/11/2026",
 * "13. august 2013", "12 November 2026", "November 12, 2026", with month
 * names from the lists' [months]. Returns false when there is none or it
 * is impossible (2026-02-30).
 */
bool bp_paste_find_date(const struct bp_paste_phrases *, const char *norm,
    struct bp_date *out);

/* Generated Markdown lines back to the .txt's lines. */
struct bp_txt_map;
int bp_txt_map_line(const struct bp_txt_map *, int md_line);
void bp_txt_map_free(struct bp_txt_map *);
/*
 * A map that is a table: Markdown line N stands for source line (or
 * paragraph) lines[N - 1]; messages through it lose their column. Takes
 * ownership of lines (n entries).
 */
struct bp_txt_map *bp_txt_map_new_table(int *lines, int n);

/*
 * A list's number style, which Markdown cannot say: the list whose first
 * marker stands at Markdown line `line`, byte column `col` (1-based).
 */
struct bp_txt_list_style {
	int			 line, col;
	enum bp_list_style	 style;
};

/*
 * Give map the styles of the lists it knows (n entries, by line); each
 * body parsed through map then has them (bp_txt_parse_body). Takes
 * ownership of styles.
 */
void bp_txt_map_set_styles(struct bp_txt_map *,
    struct bp_txt_list_style *styles, int n);

/* What bp_txt_convert makes of a paste. */
struct bp_txt_result {
	char			*markdown;  /* NUL-terminated; caller frees */
	size_t			 len;
	struct bp_txt_map	*map;       /* caller frees */
};

/*
 * Read a paste (len bytes of clean UTF-8 text, buf[len] == NUL) with the
 * phrase lists ph: page furniture dropped, title, subtitle, date and
 * author into meta (where front matter would put them), the rest as
 * Markdown (special characters escaped) whose line N stands for the .txt
 * line bp_txt_map_line(map, N). Every guess is a note at its .txt line.
 * Returns false after an error (too many lines, nothing but furniture);
 * out is then empty.
 */
bool bp_txt_convert(const char *buf, size_t len,
    const struct bp_paste_phrases *ph, struct bp_meta *meta,
    struct bp_diag *, struct bp_txt_result *out);

/*
 * Parse Markdown made by bp_txt_convert into art->body (bp_md_parse),
 * with messages and node positions moved to the .txt's lines, and the
 * lists' number styles the map holds applied.
 */
bool bp_txt_parse_body(struct bp_article *, const char *md, size_t len,
    const struct bp_txt_map *, const struct bp_load_opts *,
    struct bp_diag *);

/* Whether path names a pasted-text article (*.txt, any case). */
bool bp_txt_is_name(const char *path);

#endif /* BP_PARSE_TXT_H */
