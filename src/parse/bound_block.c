/*
 * Block-level bounds for bound.c's pass over an article's lines: pipe
 * tables (cut to BP_MAX_TABLE_COLS, their cells and parse cost), nested
 * lists and quotes, link reference definitions and heading ids.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse.h"
#include "bound.h"

/* Nesting below this costs little enough not to be counted. */
#define BP_NEST_FREE	16

static unsigned delim_cells(char *s, char *end, unsigned keep, char **cut);
static unsigned row_cells(char *s, char *end, unsigned keep, char **cut);
static void blank_tail(char *from, char *end);
static unsigned rows_until_blank(const struct bound *b);
static guint64 row_cost(const struct bnd_line *l,
    const struct bnd_prefix *x);
static void table_start(struct bound *b, struct bnd_line *l,
    const struct bnd_prefix *x, unsigned d, char *dcut, bool was_row);
static bool heading_text(const struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, const char **s, const char **e,
    bool *unsure);

/*
 * The cells of a delimiter row (GFM: `|? :?-+:? (| :?-+:?)* |?`, white
 * space around each), 0 when s..end is not one. *cut: after the pipe that
 * ends cell `keep`, when there is one.
 */
static unsigned
delim_cells(char *s, char *end, unsigned keep, char **cut)
{
	char		*p = s;
	unsigned	 n = 0, dashes;

	*cut = NULL;
	if (p < end && *p == '|')
		p++;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end && n > 0)
			break;
		if (p < end && *p == ':')
			p++;
		for (dashes = 0; p < end && *p == '-'; p++)
			dashes++;
		if (dashes == 0)
			return 0;
		if (p < end && *p == ':')
			p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		n++;
		if (p == end)
			break;
		if (*p != '|')
			return 0;
		p++;
		if (n == keep)
			*cut = p;
	}
	return n;
}

/*
 * The cells of a table row as cmark-gfm's row_from_string counts them:
 * an optional leading pipe, then cells split at pipes that are not
 * escaped ("\|"); an empty last cell after a trailing pipe is none.
 * *cut: after the pipe that ends cell `keep`, when there is one.
 */
static unsigned
row_cells(char *s, char *end, unsigned keep, char **cut)
{
	char		*p = s;
	unsigned	 n = 0;
	bool		 content;

	*cut = NULL;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '|')
		for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
			;
	while (p < end) {
		for (content = false; p < end && *p != '|'; p++) {
			if (*p == '\\' && p + 1 < end &&
			    bp_bound_is_punct((unsigned char)p[1]))
				p++;
			content = true;
		}
		if (p == end) {
			/* A last cell of white space only is no cell. */
			n += content;
			break;
		}
		n++;
		p++;
		if (n == keep)
			*cut = p;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
	}
	return n;
}

/* Blank [from, end) with spaces: the line keeps its length. */
static void
blank_tail(char *from, char *end)
{
	if (from != NULL && from < end)
		memset(from, ' ', (size_t)(end - from));
}

/* The lines from p to the next blank one: an upper bound on table rows. */
static unsigned
rows_until_blank(const struct bound *b)
{
	struct bnd_line	 l = { 0 };
	char		*p = b->next;
	unsigned	 n = 0;

	while (bp_bound_next_line(&p, b->end, &l) && !bp_bound_is_blankish(&l))
		n++;
	return n;
}

/*
 * What cmark-gfm 0.29.0.gfm.6 spends parsing a line as a table row, in
 * about nanoseconds: a row's cells go on a list it walks to the end for
 * each new one.
 */
static guint64
row_cost(const struct bnd_line *l, const struct bnd_prefix *x)
{
	char		*cut;
	guint64		 n;

	n = MIN(row_cells(x->item, l->end, /*keep*/0, &cut), 65535u);
	return 64 + 8 * (guint64)(l->end - l->s) + n * n;
}

/*
 * Delimiter row l of d cells (*dcut after the BP_MAX_TABLE_COLS-th)
 * under a non-blank line: cut both, warn, charge the header's cells.
 */
static void
table_start(struct bound *b, struct bnd_line *l, const struct bnd_prefix *x,
    unsigned d, char *dcut, bool was_row)
{
	char		*hcut;
	unsigned	 h, k;

	h = row_cells(b->prev_pfx.item, b->prev.end, BP_MAX_TABLE_COLS,
	    &hcut);
	k = MIN(d, BP_MAX_TABLE_COLS);
	if (d > BP_MAX_TABLE_COLS) {
		blank_tail(dcut, l->end);
		if (h > BP_MAX_TABLE_COLS) {
			blank_tail(hcut, b->prev.end);
			b->para_scan -= MIN(b->para_scan, b->prev_cost);
			b->para_scan += row_cost(&b->prev, &b->prev_pfx);
		}
		/*
		 * Among a table's rows (or right after a cut delimiter
		 * row) this is a row, cut to no loss.
		 */
		if (!was_row && b->cand_line != b->prev.no)
			bp_diag(b->diag, BP_WARNING, b->prev.no,
			    (int)(b->prev_pfx.item - b->prev.s) + 1,
			    "table has %u columns; only the first %u "
			    "are kept", d, BP_MAX_TABLE_COLS);
	}
	b->cand_line = l->no;

	/* A setext underline ("---") is taken before a table. */
	if (!was_row && (memchr(x->body, '|', (size_t)(l->end -
	    x->body)) != NULL || memchr(x->body, ':', (size_t)(l->end -
	    x->body)) != NULL))
		b->table_scan += b->para_scan;

	/* The header's cells, and the width of every row to come. */
	b->cells += k;
	if (k > b->width) {
		b->width = k;
		b->width_line = b->prev.no;
	}
	/*
	 * Certainly a table, when nothing can make the header a lazy line
	 * or code and cmark-gfm counts its cells as we do: then each row is
	 * a paragraph of its own for bp_bound_inline_line().
	 */
	if (b->plain && x->quotes == b->prev_pfx.quotes && h == d &&
	    *x->body == '|' && *b->prev_pfx.body == '|') {
		b->in_table = true;
		b->para_scan = 0;
	}
}

/*
 * A delimiter row after a non-blank line may start a table: cmark-gfm
 * makes one when the line before has as many cells, and pads every row
 * to that width. Cut both rows to BP_MAX_TABLE_COLS cells whatever the
 * line before is (an upper bound: no table wider can be made), and
 * charge each line of the block the widest table's width. cmark-gfm
 * also parses the whole paragraph before a delimiter row as rows (and
 * looks back from each cell to the pipe before it), and each line in a
 * table twice: count that too, and cut rows that are certainly a
 * table's to BP_MAX_TABLE_COLS cells (no loss: cmark-gfm drops the cells
 * past the header's).
 */
void
bp_bound_table_line(struct bound *b, struct bnd_line *l,
    const struct bnd_prefix *x)
{
	char		*dcut = NULL, *hcut, *pipe;
	unsigned	 d;
	guint64		 cost, back = 0;
	bool		 was_row;

	/* Rows certainly go on: same quotes, no list, a leading pipe. */
	if (b->in_table && (x->quotes != b->block_quotes || x->list ||
	    x->code_ws || x->body == l->end || *x->body != '|'))
		b->in_table = false;
	was_row = b->in_table;
	b->cells += b->width;
	if (was_row && row_cells(x->body, l->end, BP_MAX_TABLE_COLS, &hcut) >
	    BP_MAX_TABLE_COLS)
		blank_tail(hcut, l->end);

	/* "-" opening a list item is no delimiter row (it comes first). */
	d = x->list ? 0 : delim_cells(x->body, l->end, BP_MAX_TABLE_COLS, &dcut);
	if (d > 0 && !b->prev_blank)
		table_start(b, l, x, d, dcut, was_row);

	/* This line as a row: twice in a table, once more per delimiter row. */
	cost = row_cost(l, x);
	b->prev_cost = cost;
	if (b->width > 0)
		b->table_scan += 2 * cost;
	if (!b->in_table) {
		if (x->item == l->end || *x->item != '|')
			back = (guint64)(l->s - (b->last_pipe != NULL ?
			    b->last_pipe : b->para_start));
		b->para_scan += cost + back / 4;
		pipe = memrchr(x->item, '|', (size_t)(l->end - x->item));
		if (pipe != NULL)
			b->last_pipe = pipe;
	}

	if (b->cells > BP_MAX_TABLE_CELLS && b->ok) {
		bp_diag(b->diag, BP_ERROR, b->width_line, 0, "table of %u "
		    "columns and up to %u rows: the article's tables would "
		    "have more than %u cells", b->width,
		    rows_until_blank(b) + (unsigned)(l->no -
		    b->width_line), BP_MAX_TABLE_CELLS);
		b->ok = false;
	} else if (b->table_scan > BP_MAX_TABLE_SCAN && b->ok) {
		bp_diag(b->diag, BP_ERROR, l->no, 0, "table rows (long ones, or "
		    "long paragraphs before delimiter rows) would take cmark-gfm "
		    "more than %u steps to parse", BP_MAX_TABLE_SCAN);
		b->ok = false;
	}
}

/*
 * cmark-gfm walks every open container on every line, and a blank line
 * keeps list items open: a line of 30,000 list markers and 30,000 blank
 * lines after it take 900 million steps. It also walks up from a
 * paragraph to the root for each special character of its text (ASCII
 * punctuation, and 'w' for autolinks): ">" x 30,000 then "a*" x 30,000
 * takes 4 s. Bound the open containers by the markers and indentation
 * that opened them (an item needs two columns, a quote its '>'; lazy
 * lines keep them open until a blank line), and count those steps: a
 * blank line's, and a line's under more than BP_NEST_FREE containers.
 */
void
bp_bound_nest_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, bool blank)
{
	guint64		 cont, now, special = 1;
	const char	*p;

	if (!blank) {
		/* What the line can continue, and what it opens. */
		cont = MIN(b->open, (guint64)x->ws_cols / 2 + x->markers);
		now = cont + x->markers;
		if (b->prev_blank || now > b->open) {
			b->open = now;
			b->open_line = l->no;
		}
		if (b->open > BP_NEST_FREE) {
			for (p = x->item; p < l->end; p++)
				special += bp_bound_is_punct((unsigned char)*p) ||
				    *p == 'w';
			b->nest_work += b->open * special;
		}
	} else
		b->nest_work += b->open;
	if (b->nest_work > BP_MAX_NEST_WORK && b->ok) {
		bp_diag(b->diag, BP_ERROR, b->open_line, 0, "lists or quotes "
		    "nested %" G_GUINT64_FORMAT " deep: parsing them and the "
		    "lines after them would take more than %u steps", b->open,
		    BP_MAX_NEST_WORK);
		b->ok = false;
	}
}

/*
 * A link reference definition ("[label]: url 'title'") is copied into
 * every link that uses it, by cmark-gfm and again into the model: one of
 * 1 MB used 250,000 times is 250 GB (CVE-2023-22483). Its title may run
 * over lines, up to a blank line, when it does not end on the line that
 * starts it: take the rest of the block as its size then. Checked at
 * the end against the ']' of the whole article.
 */
void
bp_bound_def_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const char	*p, *label_end = NULL, *q;
	char		 close;
	bool		 closed = false;

	if (b->def_pending && !b->def_runs_on)
		b->def_runs_on = x->item < l->end && strchr("\"'(", *x->item) !=
		    NULL;
	b->def_pending = false;
	if (b->def_runs_on) {
		b->def_bytes += (guint64)(l->end - l->s) + 1;
		return;
	}
	if (x->item == l->end || *x->item != '[')
		return;
	for (p = x->item + 1; p < l->end; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (*p == ']') {
			label_end = p + 1 < l->end && p[1] == ':' ? p : NULL;
			closed = true;
			break;
		}
	}
	if (closed && label_end == NULL)
		return;
	bp_bound_def_end(b);
	b->def_line = l->no;
	b->def_bytes = (guint64)(l->end - l->s) + 1;
	if (label_end == NULL) {
		/* A label may run over lines too. */
		b->def_runs_on = true;
		return;
	}
	/* A title opened on the line must close at its end. */
	for (p = label_end + 2; p < l->end && (*p == ' ' || *p == '\t'); p++)
		;
	while (p < l->end && *p != ' ' && *p != '\t')
		p++;
	while (p < l->end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == l->end) {
		b->def_pending = true;
		return;
	}
	close = *p == '(' ? ')' : *p;
	for (q = l->end; q > p + 1 && (q[-1] == ' ' || q[-1] == '\t'); q--)
		;
	b->def_runs_on = strchr("\"'(", *p) != NULL &&
	    (q == p + 1 || q[-1] != close);
}

/* The block ended: its definition's size is known. */
void
bp_bound_def_end(struct bound *b)
{
	if (b->def_bytes > b->max_def) {
		b->max_def = b->def_bytes;
		b->max_def_line = b->def_line;
	}
	b->def_bytes = 0;
	b->def_runs_on = b->def_pending = false;
}

/*
 * A line that is certainly a whole link reference definition: "[label]:
 * url" and maybe a title in quotes, nothing else (not a footnote's
 * "[^label]:"). At the start of a paragraph it is no inline text, and
 * nothing is laid out of it.
 */
bool
bp_bound_is_plain_def(const struct bnd_line *l, const struct bnd_prefix *x)
{
	const char	*p = x->item, *e = l->end;
	int		 parens = 0;
	bool		 label = false;
	char		 q;

	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (p == e || *p++ != '[' || (p < e && *p == '^'))
		return false;
	for (; p < e && *p != ']'; p++) {
		if (*p == '[' || (*p == '\\' && ++p == e))
			return false;
		label = label || (*p != ' ' && *p != '\t');
	}
	if (p == e || p - x->item > 999 || !label || ++p == e || *p++ != ':')
		return false;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e)
		return false;
	for (; p < e && *p != ' ' && *p != '\t'; p++) {
		if (*p == '<' || *p == '>' || (unsigned char)*p < 0x20)
			return false;
		parens += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (parens < 0)
			return false;
	}
	if (parens != 0)
		return false;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e)
		return true;
	if (*p != '"' && *p != '\'')
		return false;
	for (q = *p++; p < e - 1; p++)
		if (*p == q || (*p == '\\' && ++p == e - 1))
			return false;
	return p == e - 1 && *p == q;
}

/*
 * "[^label]:" starts a footnote definition, a block of its own even in
 * the middle of a paragraph. *after: past the marker and its spaces.
 */
bool
bp_bound_is_note_def(const struct bnd_prefix *x, const struct bnd_line *l,
    const char **after)
{
	const char	*p = x->item;

	if (x->code_ws || l->end - p < 5 || p[0] != '[' || p[1] != '^')
		return false;
	for (p += 2; p < l->end && (g_ascii_isalnum(*p) || *p == '-' ||
	    *p == '_'); p++)
		;
	if (p == x->item + 2 || l->end - p < 2 || p[0] != ']' || p[1] != ':')
		return false;
	for (p += 2; p < l->end && (*p == ' ' || *p == '\t'); p++)
		;
	*after = p;
	return true;
}

char *
bp_parse_heading_slug(const char *s, const char *e)
{
	GString		*slug = g_string_new(NULL);
	const char	*p;
	gunichar	 ch;

	for (p = s; p < e; p = g_utf8_next_char(p)) {
		ch = g_unichar_tolower(g_utf8_get_char(p));
		if (g_unichar_isalnum(ch))
			g_string_append_unichar(slug, ch);
		else if ((ch == ' ' || ch == '-' || ch == '_') && slug->len > 0 &&
		    slug->str[slug->len - 1] != '-')
			g_string_append_c(slug, '-');
		if (slug->len > 60)
			break;
	}
	while (slug->len > 0 && slug->str[slug->len - 1] == '-')
		g_string_truncate(slug, slug->len - 1);
	if (slug->len == 0)
		g_string_assign(slug, "section");
	return g_string_free(slug, FALSE);
}

/*
 * Is l a heading (ATX, or the underline of a setext heading)? Sets its
 * text [*s, *e) and *unsure when we cannot read that text as cmark-gfm
 * does: lines of it, a footnote's, links, escapes, entities, code,
 * '_' emphasis, "--" that smart punctuation makes a dash.
 */
static bool
heading_text(const struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, const char **s, const char **e,
    bool *unsure)
{
	const char	*p = x->item, *c;
	int		 level;

	*unsure = x->ws_cols >= 4;
	if (bp_bound_is_note_def(x, l, s)) {
		p = *s;
		*unsure = true;
	}
	for (level = 0; p < l->end && *p == '#' && level < 7; p++)
		level++;
	if (level >= 1 && level <= 6 && (p == l->end || *p == ' ' ||
	    *p == '\t')) {
		/* The text, without the closing sequence of '#'. */
		for (*s = p; *s < l->end && (**s == ' ' || **s == '\t'); (*s)++)
			;
		for (*e = l->end; *e > *s && ((*e)[-1] == ' ' ||
		    (*e)[-1] == '\t'); (*e)--)
			;
		for (c = *e; c > *s && c[-1] == '#'; c--)
			;
		if (c == *s || c[-1] == ' ' || c[-1] == '\t')
			for (*e = c; *e > *s && ((*e)[-1] == ' ' ||
			    (*e)[-1] == '\t'); (*e)--)
				;
	} else if (!b->prev_blank && p < l->end && (*p == '=' || *p == '-')) {
		/* A setext underline: the heading's text is the line before. */
		for (c = p; c < l->end && *c == *p; c++)
			;
		while (c < l->end && (*c == ' ' || *c == '\t'))
			c++;
		if (c < l->end)
			return false;
		*s = b->prev_pfx.item;
		*unsure = *unsure || !b->prev_first || **s == '#';
		for (*e = b->prev.end; *e > *s && ((*e)[-1] == ' ' ||
		    (*e)[-1] == '\t'); (*e)--)
			;
	} else
		return false;
	for (c = *s; c < *e && !*unsure; c++)
		*unsure = strchr("[]<&\\`_", *c) != NULL ||
		    (*c == '-' && c + 1 < *e && c[1] == '-');
	return true;
}

/*
 * md.c gives each heading an id, trying "slug", "slug-2", "slug-3", ...
 * until one is free: 20,000 headings of the same text take 18 s. Follow
 * it for headings whose text we read as cmark-gfm does, counting its
 * tries without making them; any other heading may stand in the way of
 * every other: count it so.
 */
void
bp_bound_heading_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const char	*s, *e;
	char		*slug = NULL, *id = NULL;
	guint64		 n, tries;
	bool		 unsure;

	if (!heading_text(b, l, x, &s, &e, &unsure))
		return;
	b->headings++;
	if (unsure) {
		if (b->unsure++ == 0)
			b->unsure_line = l->no;
		return;
	}
	slug = bp_parse_heading_slug(s, e);
	if (!g_hash_table_contains(b->ids, slug)) {
		g_hash_table_add(b->ids, slug);
		slug = NULL;
		tries = 0;
	} else {
		n = GPOINTER_TO_SIZE(g_hash_table_lookup(b->next_n, slug));
		for (n = MAX(n, 2); ; n++) {
			g_free(id);
			id = g_strdup_printf("%s-%" G_GUINT64_FORMAT, slug, n);
			if (!g_hash_table_contains(b->ids, id))
				break;
		}
		tries = n - 1;
		g_hash_table_add(b->ids, id);
		id = NULL;
		g_hash_table_insert(b->next_n, slug, GSIZE_TO_POINTER(n + 1));
		slug = NULL;
	}
	/* Each unsure heading may be one more try for this one. */
	b->id_work += tries + b->unsure;
	if (b->ok && b->id_work > BP_MAX_ID_WORK) {
		bp_diag(b->diag, BP_ERROR, l->no, 0, "too many headings with "
		    "the same text: giving each a unique id would take more "
		    "than %u tries", BP_MAX_ID_WORK);
		b->ok = false;
	}
	g_free(slug);
}
