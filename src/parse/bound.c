/*
 * Bounds on what cmark-gfm builds from an article, checked on the Markdown
 * text before the parser sees it: one pass over its lines that reads the
 * container markers starting each, hands the line to the block checks
 * (bound_block.c) and the inline checks (bound_inline.c), and checks at
 * the end the limits only the whole article shows.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse.h"
#include "bound.h"

static void scan_prefix(const struct bnd_line *l, struct bnd_prefix *x);
static void block_start(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x);
static void para_start(struct bound *b, const struct bnd_line *l);
static void bound_end(struct bound *b);

/* Step to the line at *p; false at the end of the text. */
bool
bp_bound_next_line(char **p, char *end, struct bnd_line *l)
{
	char	*nl;

	if (*p >= end)
		return false;
	l->s = *p;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	l->end = nl != NULL ? nl : end;
	*p = nl != NULL ? nl + 1 : end;
	if (l->end > l->s && l->end[-1] == '\r')
		l->end--;
	l->no++;
	return true;
}

/*
 * Only white space and '>': a blank line, in or out of block quotes. It
 * ends every table (a '>' opens a quote) and paragraph.
 */
bool
bp_bound_is_blankish(const struct bnd_line *l)
{
	const char	*p;

	for (p = l->s; p < l->end; p++)
		if (*p != ' ' && *p != '\t' && *p != '>')
			return false;
	return true;
}

/*
 * Read the markers that open or continue containers: '>' and list
 * markers ("-", "+", "*", "1." or "1)" followed by white space or the
 * end), with the white space among them.
 */
static void
scan_prefix(const struct bnd_line *l, struct bnd_prefix *x)
{
	char		*p = l->s, *q;
	unsigned	 run = 0;

	memset(x, 0, sizeof *x);
	for (;;) {
		if (p < l->end && (*p == ' ' || *p == '\t')) {
			run += *p == '\t' ? 4 : 1;
			x->ws_cols += *p == '\t' ? 4 : 1;
			x->code_ws = x->code_ws || run >= 4;
			p++;
			continue;
		}
		run = 0;
		if (p < l->end && *p == '>') {
			x->quotes++;
			x->markers++;
			p++;
			continue;
		}
		if (x->body == NULL)
			x->body = p;

		/* A bullet, or up to 9 digits and '.' or ')'. */
		q = p;
		if (q < l->end && (*q == '-' || *q == '+' || *q == '*'))
			q++;
		else {
			while (q < l->end && q - p < 9 && g_ascii_isdigit(*q))
				q++;
			if (q == p || q == l->end || (*q != '.' && *q != ')'))
				break;
			q++;
		}
		if (q == p || (q < l->end && *q != ' ' && *q != '\t'))
			break;
		x->list = true;
		x->markers++;
		p = q;
	}
	if (x->body == NULL)
		x->body = p;
	x->item = p;
}

/* ASCII punctuation, as cmark-gfm's backslash escapes know it. */
bool
bp_bound_is_punct(unsigned char c)
{
	return c < 0x80 && g_ascii_ispunct(c);
}

/* After a blank line: a new block, in which no table is open. */
static void
block_start(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	b->plain = true;
	b->block_quotes = x->quotes;
	b->para_line = 0;
	b->para_scan = 0;
	b->para_start = l->s;
	b->last_pipe = NULL;
}

/* A paragraph (or a table row) begins at l: nothing counted yet. */
static void
para_start(struct bound *b, const struct bnd_line *l)
{
	bp_bound_nobreak_end(b);
	b->defs_only = true;
	b->para_line = l->no;
	b->runs = b->images = b->bracket_work = b->spans = 0;
	g_byte_array_set_size(b->brackets, 0);
	b->tildes = b->notes = b->ticks = 0;
	b->open_pi = b->open_cdata = b->open_decl = 0;
	b->html_work = b->para_bytes = 0;
}

/* The limits only the whole article shows. */
static void
bound_end(struct bound *b)
{
	bp_bound_def_end(b);
	/* Unsure headings may try every id there is. */
	if (b->ok && b->id_work + b->unsure * b->headings > BP_MAX_ID_WORK) {
		bp_diag(b->diag, BP_ERROR, b->unsure_line, 0, "%"
		    G_GUINT64_FORMAT " headings, %" G_GUINT64_FORMAT " of them "
		    "over lines, in footnotes or with links, code or escapes: "
		    "giving each a unique id may take more than %u tries",
		    b->headings, b->unsure, BP_MAX_ID_WORK);
		b->ok = false;
	}
	if (b->ok && b->max_def * b->closers > BP_MAX_REF_COPY) {
		bp_diag(b->diag, BP_ERROR, b->max_def_line, 0, "a link reference "
		    "definition of up to %" G_GUINT64_FORMAT " bytes, and %"
		    G_GUINT64_FORMAT " ']' that may use it: more than %u bytes "
		    "of copies", b->max_def, b->closers, BP_MAX_REF_COPY);
		b->ok = false;
	}
}

char *
bp_bound_text(const char *text, size_t len, int first_line,
    struct bp_diag *diag)
{
	struct bound		 b;
	struct bnd_line		 l = { 0 };
	struct bnd_prefix	 x;
	char			*copy = g_malloc(len + 1), *p = copy;
	const char		*after;
	bool			 blank, row;

	memcpy(copy, text, len);
	copy[len] = '\0';
	memset(&b, 0, sizeof b);
	b.diag = diag;
	b.end = copy + len;
	b.ok = true;
	b.prev_blank = true;
	b.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	b.next_n = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	b.brackets = g_byte_array_new();
	l.no = first_line - 1;

	while (b.ok && bp_bound_next_line(&p, b.end, &l)) {
		b.next = p;
		blank = bp_bound_is_blankish(&l);
		scan_prefix(&l, &x);
		bp_bound_nest_line(&b, &l, &x, blank);
		if (blank) {
			bp_bound_nobreak_line(&b, &l, &x, blank);
			/* A new block: no table, no paragraph goes on. */
			b.width = 0;
			b.in_table = false;
			b.prev_blank = true;
			bp_bound_def_end(&b);
			continue;
		}
		if (b.prev_blank)
			block_start(&b, &l, &x);
		b.plain = b.plain && x.quotes == b.block_quotes && !x.list &&
		    !x.code_ws;
		bp_bound_table_line(&b, &l, &x);
		bp_bound_heading_line(&b, &l, &x);

		/*
		 * A table row is a paragraph of its own, and so is what
		 * follows it; a footnote definition starts one.
		 */
		row = b.in_table;
		if (b.para_line == 0 || row || b.row_unit ||
		    bp_bound_is_note_def(&x, &l, &after))
			para_start(&b, &l);
		b.row_unit = row;
		bp_bound_nobreak_line(&b, &l, &x, /*blank*/false);
		if (b.defs_only && b.width == 0 &&
		    bp_bound_is_plain_def(&l, &x))
			b.para_line = 0;    /* the paragraph starts after it */
		else {
			b.defs_only = false;
			bp_bound_inline_line(&b, &l, &x);
			bp_bound_autolink_line(&b, &l, &x);
		}
		bp_bound_def_line(&b, &l, &x);

		b.prev = l;
		b.prev_pfx = x;
		b.prev_first = b.prev_blank;
		b.prev_blank = false;
	}
	bound_end(&b);
	g_hash_table_destroy(b.ids);
	g_hash_table_destroy(b.next_n);
	g_byte_array_free(b.brackets, TRUE);
	if (!b.ok) {
		g_free(copy);
		copy = NULL;
	}
	return copy;
}
