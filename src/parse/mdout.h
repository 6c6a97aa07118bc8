/*
 * The Markdown emitter the readers of other formats share (html.c,
 * docx.c): blocks and inlines in, escaped CommonMark + GFM out, with a
 * map from each Markdown line back to the source's line (or paragraph).
 * Private to src/parse/ and its unit tests.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_MDOUT_H
#define BP_PARSE_MDOUT_H

#include "bp.h"
#include "parse/txt.h"

/* Inline marks. */
enum bp_mdout_mark {
	BP_MDOUT_EMPH,
	BP_MDOUT_STRONG,
	BP_MDOUT_STRIKE,
	BP_MDOUT_MARK__MAX
};

struct bp_mdout;

/* A new, empty emitter; caller frees with bp_mdout_free (NULL-safe). */
struct bp_mdout *bp_mdout_new(void);
void bp_mdout_free(struct bp_mdout *);

/*
 * The source line (HTML) or paragraph number (.docx) that what is
 * emitted next stands for; every Markdown line written is mapped to the
 * value current when its block began.
 */
void bp_mdout_set_src(struct bp_mdout *, int src);

/*
 * Blocks. A leaf block (paragraph, heading) opens with _para or _heading
 * and ends with _end_block, taking the inlines given in between; a leaf
 * that gets no visible text writes nothing. Inlines given outside a leaf
 * open a paragraph. Containers (quotes, lists, items, notes) nest, each
 * closed by its _end; inside a table cell, blocks are run together.
 */
void bp_mdout_para(struct bp_mdout *);
void bp_mdout_heading(struct bp_mdout *, int level);
void bp_mdout_end_block(struct bp_mdout *);
void bp_mdout_quote(struct bp_mdout *);
void bp_mdout_quote_end(struct bp_mdout *);
/* A list; start is the first number of an ordered one. */
void bp_mdout_list(struct bp_mdout *, bool ordered, int start);
/*
 * The number style of the innermost open list (decimal by default),
 * which the Markdown cannot say: bp_mdout_finish's map carries it.
 */
void bp_mdout_list_style(struct bp_mdout *, enum bp_list_style);
/*
 * The innermost open list, just opened and ordered, numbers "1)" (Word's
 * "a)"), unless the list before it does, which it must not merge with.
 */
void bp_mdout_list_paren(struct bp_mdout *);
void bp_mdout_list_end(struct bp_mdout *);
void bp_mdout_item(struct bp_mdout *);
void bp_mdout_item_end(struct bp_mdout *);
/* A code block of text (len bytes), fenced. */
void bp_mdout_code_block(struct bp_mdout *, const char *text, size_t len);
void bp_mdout_rule(struct bp_mdout *);

/* Inlines: text (escaped; runs of ASCII white space as one space). */
void bp_mdout_text(struct bp_mdout *, const char *s, size_t len);
void bp_mdout_mark(struct bp_mdout *, enum bp_mdout_mark);
void bp_mdout_mark_end(struct bp_mdout *, enum bp_mdout_mark);
void bp_mdout_code(struct bp_mdout *, const char *s, size_t len);
/* A hard line break (a space in headings and table cells). */
void bp_mdout_break(struct bp_mdout *);
/* A link around what follows, to url (copied); ignored inside a link. */
void bp_mdout_link(struct bp_mdout *, const char *url);
void bp_mdout_link_end(struct bp_mdout *);
/* An image; title (may be NULL) is its caption. */
void bp_mdout_image(struct bp_mdout *, const char *alt, const char *url,
    const char *title);
/* A reference to note `label` ([^label]); label is letters and digits. */
void bp_mdout_note_ref(struct bp_mdout *, const char *label);

/*
 * Tables: rows of cells of inlines. A table is written at _table_end,
 * its first row as the header (the reader says, by header, whether that
 * is the page's own; a note says so when not); short rows are padded.
 */
void bp_mdout_table(struct bp_mdout *);
void bp_mdout_row(struct bp_mdout *, bool header);
void bp_mdout_cell(struct bp_mdout *);
/*
 * The open cell's alignment. A column takes its header cell's, else
 * the one more than half of its other cells have (the delimiter row's
 * ":--", ":-:", "--:").
 */
void bp_mdout_cell_align(struct bp_mdout *, enum bp_align);
void bp_mdout_cell_end(struct bp_mdout *);
void bp_mdout_row_end(struct bp_mdout *);
/* Returns false when the table had no header row of its own. */
bool bp_mdout_table_end(struct bp_mdout *);

/* A note's definition ([^label]: ...), its blocks until _note_end. */
void bp_mdout_note(struct bp_mdout *, const char *label);
void bp_mdout_note_end(struct bp_mdout *);

/* Whether any visible text has been written (blocks so far). */
bool bp_mdout_has_text(const struct bp_mdout *);

/*
 * Close what is open, clean the Markdown (bp_clean_text: messages at
 * the source's lines through diag) and hand it and its line map to out
 * (the caller frees out's members). The emitter is then empty.
 */
void bp_mdout_finish(struct bp_mdout *, struct bp_diag *,
    struct bp_txt_result *out);

/*
 * Append s (len bytes of UTF-8) to md with every ASCII punctuation
 * character backslash-escaped, so Markdown shows it literally (smart
 * punctuation included); with collapse, runs of ASCII white space
 * become one space.
 */
void bp_mdout_escape(GString *md, const char *s, size_t len, bool collapse);

#endif /* BP_PARSE_MDOUT_H */
