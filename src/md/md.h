/*
 * The Markdown writer (src/md/, -o x.md, --each -f md): one article of
 * the model as clean CommonMark with GitHub's extensions and YAML front
 * matter, which briefpack reads back into the same model. It owns:
 *   md.c      the writer (bp_mdw_new, _write, _free in bp.h): front
 *             matter through libyaml's emitter, the file, atomically;
 *   walk.c    the tree walk: blocks with their prefixes, inlines, notes;
 *   escape.c  text, link destinations and titles, code spans, so that
 *             what is written parses back to the same text;
 *   media.c   pictures held only inside the input (a .docx's), written
 *             as files beside the Markdown.
 * Like the PDF and EPUB writers it reads only the model (bp.h).
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_MD_MD_H
#define BP_MD_MD_H

#include "bp.h"

/* Where a piece of text stands, for bp_mdw_escape_text. */
#define BP_MDW_LINE_START   0x1u /* first on its line (after any marker) */
#define BP_MDW_IN_TABLE     0x2u /* in a table cell: '|' is special */
#define BP_MDW_IN_HEADING   0x4u /* in an ATX heading: '#' is special */
#define BP_MDW_BEFORE_LINK  0x8u /* a link or note follows: a final '!'
				   * would make "![", an image */
#define BP_MDW_LINE_END     0x10u /* a line or block ends after it: its
				   * trailing spaces would be dropped */

/*
 * Append text to out so that a CommonMark + GFM parser (with or without
 * smart punctuation) gives back exactly text: Markdown's specials are
 * backslash-escaped where they could mean something (flags say where the
 * text stands), straight quotes, "--" and "..." so smart punctuation
 * leaves them, entity-like "&name;" so it is not decoded; a space or
 * tab that opens or (BP_MDW_LINE_END) ends a line, and a line feed or
 * carriage return, as a character reference.
 */
void bp_mdw_escape_text(GString *out, const char *text, unsigned flags);
/*
 * A link or image destination: as it is when it can be, else in <...>;
 * backslashes, parentheses and entity-like '&' escaped.
 */
void bp_mdw_escape_url(GString *out, const char *url);
/* A link title in double quotes. */
void bp_mdw_escape_title(GString *out, const char *title);
/* A code span: a fence of backticks longer than any run inside. */
void bp_mdw_code_span(GString *out, const char *code, bool in_table);
/* A fenced code block's info string (backslashes and '&' escaped). */
void bp_mdw_escape_info(GString *out, const char *info);
/*
 * Whether a link is best written as an autolink, <url>: its only child
 * is text equal to its address (or, for mailto:, to the mail address).
 * Sets *shown to what goes between the brackets.
 */
bool bp_mdw_is_autolink(const struct bp_node *link, const char **shown);

/* The state of one article's walk (walk.c). */
struct bp_mdw_walk {
	GString		*out;
	GString		*prefix;     /* every line of the current container */
	GArray		*widths;     /* prefix length before each container */
	bool		 bol;        /* at a line's start: prefix not written */
	bool		 fresh;      /* only prefix and markers on this line */
	bool		 after_marker; /* a list item or note marker was just
				        * written: its first block follows it */
	bool		 in_table, in_heading;
	bool		 wrote_block; /* a block of the body or a note is out */
	const char	*img_to;     /* the output's folder, absolute; NULL:
				      * the same, image addresses kept */
	GHashTable	*media;      /* struct bp_image * -> its file's
				      * address (bp_mdw_media_write) */
};

/*
 * Write the pictures of art's body and notes that no file holds (parts
 * of a .docx) as files in a folder beside path: x.md gets x_files/
 * image1.png, image2.jpg ... in order of first use, written atomically;
 * the same bytes already there are left as they are, other bytes under
 * that name are kept and the picture takes a new name (a note says so).
 * *names (always set; caller frees) maps each such struct bp_image * to
 * its address relative to path's folder. Returns false after reporting
 * a write error.
 */
bool bp_mdw_media_write(const struct bp_article *art, const char *path,
    struct bp_diag *diag, GHashTable **names);

/*
 * Write the article's body and notes as Markdown into w->out (w set up
 * by the caller, prefix empty). The body must be acquired.
 */
void bp_mdw_walk_article(struct bp_mdw_walk *w, const struct bp_article *art);

#endif /* BP_MD_MD_H */
