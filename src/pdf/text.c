/*
 * Text runs: a PangoLayout per run, its lines emitted as slices
 * (justified, never broken across pages mid-word), list markers beside
 * them, the notes each line cites, break points in overlong runs.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "pdf/layout.h"

#define MAX_STRETCH  0.6    /* most a justified space may grow, in ems */
#define MAX_LADDER   2      /* hyphenated line ends in a row, at most */
#define LADDER_WORDS 16     /* words kept whole per paragraph, at most */

static bool ends_in_hyphen(PangoLayout *pl, int i);
static void justify_lines(PangoLayout *pl, double size);
static bool ends_in_soft_hyphen(PangoLayout *pl, int i);
static void erase_soft_hyphens(struct bp_text *t, int from, int to);
static void limit_ladders(struct bp_text *t);

struct tstyle
bp_lay_body_style(const struct lay *l)
{
	struct tstyle	 ts = { 0 };

	ts.family = l->family;
	ts.size = l->size;
	ts.weight = PANGO_WEIGHT_NORMAL;
	ts.style = PANGO_STYLE_NORMAL;
	ts.align = PANGO_ALIGN_LEFT;
	ts.justify = l->st->justify;
	ts.wrap = PANGO_WRAP_WORD_CHAR;
	ts.color = l->st->color_text;
	ts.leading = l->st->leading;
	return ts;
}

/* A PangoLayout for text, `width` wide; takes ownership of attrs. */
struct bp_text *
bp_lay_text_new(struct lay *l, const char *s, int len, PangoAttrList *attrs,
    const struct tstyle *ts, double width)
{
	struct bp_text		*t = g_new0(struct bp_text, 1);
	PangoFontDescription	*fd = pango_font_description_new();

	pango_font_description_set_family(fd, ts->family);
	pango_font_description_set_size(fd, PU(ts->size));
	pango_font_description_set_weight(fd, ts->weight);
	pango_font_description_set_style(fd, ts->style);
	t->layout = pango_layout_new(l->lc->pango);
	pango_layout_set_font_description(t->layout, fd);
	pango_layout_set_width(t->layout, PU(width > 1 ? width : 1));
	pango_layout_set_wrap(t->layout, ts->wrap);
	pango_layout_set_alignment(t->layout, ts->align);
	/* Justification is ours (justify_lines), not Pango's. */
	pango_layout_set_justify(t->layout, FALSE);
	pango_layout_set_text(t->layout, s, len);
	if (attrs != NULL) {
		pango_layout_set_attributes(t->layout, attrs);
		pango_attr_list_unref(attrs);
	}
	t->links = g_array_new(FALSE, TRUE, sizeof(struct bp_link));
	t->noterefs = g_array_new(FALSE, FALSE, sizeof(struct bp_noteref));
	g_ptr_array_add(l->flow->texts, t);
	pango_font_description_free(fd);
	return t;
}

void
bp_lay_text_free(struct bp_text *t)
{
	guint	 i;

	if (t == NULL)
		return;
	if (t->layout != NULL)
		g_object_unref(t->layout);
	if (t->links != NULL) {
		for (i = 0; i < t->links->len; i++)
			g_free(g_array_index(t->links, struct bp_link, i).uri);
		g_array_free(t->links, TRUE);
	}
	if (t->noterefs != NULL)
		g_array_free(t->noterefs, TRUE);
	if (t->src != NULL)
		g_array_free(t->src, TRUE);
	g_free(t);
}

void
bp_lay_text_at(const struct bp_text *t, int index, struct bp_text_cursor *cur,
    int *node, int *offset)
{
	const struct bp_src	*src;
	const char		*lt, *p, *end, *q;
	guint			 lo = 0, hi, mid;

	if (t->src == NULL || t->src->len == 0)
		return;
	/* The last run starting at or before index. */
	hi = t->src->len;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (g_array_index(t->src, struct bp_src, mid).start <= index)
			lo = mid;
		else
			hi = mid;
	}
	src = &g_array_index(t->src, struct bp_src, lo);
	*node = src->node;
	*offset = src->from;
	if (src->text == NULL || index <= src->start)
		return;
	/*
	 * Walk the layout's text and the node's side by side: a character
	 * both have moves both on; one the layout inserted (a soft hyphen,
	 * a break point) moves only the layout's. On from where the last
	 * walk in this run stopped.
	 */
	lt = pango_layout_get_text(t->layout);
	p = lt + src->start;
	q = src->text + src->from;
	if (cur->run == lo && cur->lpos > src->start && cur->lpos <= index) {
		p = lt + cur->lpos;
		q = src->text + cur->npos;
	}
	end = lt + index;
	while (p < end && *q != '\0') {
		if (g_utf8_get_char(p) == g_utf8_get_char(q))
			q = g_utf8_next_char(q);
		p = g_utf8_next_char(p);
	}
	cur->run = lo;
	cur->lpos = (int)(p - lt);
	cur->npos = (int)(q - src->text);
	*offset = (int)(q - src->text);
}

int
bp_lay_node_number(const struct lay *l, const struct bp_node *n)
{
	gpointer	 v;

	if (l->nodes == NULL || n == NULL ||
	    (v = g_hash_table_lookup(l->nodes, n)) == NULL)
		return AT_UNSET;
	return GPOINTER_TO_INT(v) - 1;
}

/* Each link of t gets its Link element, under the text's element. */
void
bp_lay_text_links(struct lay *l, struct bp_text *t)
{
	guint	 i;

	for (i = 0; t->links != NULL && i < t->links->len; i++)
		g_array_index(t->links, struct bp_link, i).elem =
		    bp_lay_elem_new(l, BP_TAG_LINK);
}

/*
 * Characters no font has a glyph for would be drawn as boxes of hex
 * digits; glyphs.c leaves them out (PDF/A forbids .notdef, and a box
 * would be read as text). The author hears of it once per block.
 */
void
bp_lay_check_glyphs(struct lay *l, const struct bp_text *t,
    const struct bp_node *node)
{
	PangoLayoutIter		*it;
	PangoLayoutRun		*run;
	PangoGlyph		 g, first = 0;
	const char		*path = l->art != NULL ? l->art->path : NULL;
	int			 n, k, line = 0, col = 0;
	char			 utf8[8] = { 0 }, *name;

	if ((n = pango_layout_get_unknown_glyphs_count(t->layout)) == 0 ||
	    (node != NULL && node == l->glyphs_warned))
		return;
	l->glyphs_warned = node;
	if (node != NULL) {
		line = node->line;
		col = node->col;
	}
	it = pango_layout_get_iter(t->layout);
	do {
		run = pango_layout_iter_get_run_readonly(it);
		for (k = 0; run != NULL && first == 0 &&
		    k < run->glyphs->num_glyphs; k++) {
			g = run->glyphs->glyphs[k].glyph;
			if ((g & PANGO_GLYPH_UNKNOWN_FLAG) != 0 &&
			    g != PANGO_GLYPH_INVALID_INPUT)
				first = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
		}
	} while (first == 0 && pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	if (first != 0 && g_unichar_isprint(first))
		g_unichar_to_utf8(first, utf8);
	name = g_strdup_printf("U+%04X%s%s%s", (unsigned)first,
	    *utf8 != '\0' ? " \"" : "", utf8, *utf8 != '\0' ? "\"" : "");
	if (n == 1)
		bp_diag_at(l->lc->diag, path, BP_WARNING, line, col, "no font "
		    "has a glyph for %s; it is left out of the PDF", name);
	else
		bp_diag_at(l->lc->diag, path, BP_WARNING, line, col, "no font "
		    "has glyphs for %d characters here (the first: %s); they "
		    "are left out of the PDF", n, name);
	g_free(name);
}

/* Put the pending list marker beside a slice whose first baseline is bl. */
void
bp_lay_attach_marker(struct lay *l, double bl)
{
	struct marker	*m = l->marker;
	struct bp_box	*b;
	PangoRectangle	 log;
	double		 box;

	if (m == NULL)
		return;
	l->marker = NULL;
	if (m->task != BP_TASK_NONE) {
		box = l->size * 0.72;
		b = bp_lay_box_add(l, BP_BOX_CHECK);
		b->x = m->x + m->w - box - l->size * 0.45;
		b->y = bl - box;
		b->w = b->h = box;
		b->flag = m->task == BP_TASK_DONE;
		b->color = l->st->color_accent;
		b->elem = m->elem;
	} else {
		pango_layout_get_extents(m->text->layout, NULL, &log);
		b = bp_lay_box_add(l, BP_BOX_LINE);
		b->text = m->text;
		b->line = 0;
		b->x = m->x + m->w - PT(log.width) - l->size * 0.4;
		b->lx = 0;
		b->y = 0;
		b->baseline = bl;
		b->h = PT(log.height);
		b->w = PT(log.width);
		b->color = l->st->color_accent;
		b->elem = m->elem;
	}
	g_free(m);
}

/* ------------------------------------------------------------------ */
/* Lines                                                              */

/* Does line i break inside a word (soft hyphen or character wrap)? */
static bool
ends_in_hyphen(PangoLayout *pl, int i)
{
	PangoLayoutLine	*line = pango_layout_get_line_readonly(pl, i);
	const char	*text = pango_layout_get_text(pl);
	int		 end = line->start_index + line->length;
	gunichar	 c;

	if (line->length == 0)
		return false;
	c = g_utf8_get_char(g_utf8_prev_char(text + end));
	return c == 0xad || (!g_unichar_isspace(c) && text[end] != '\0' &&
	    !g_unichar_isspace(g_utf8_get_char(text + end)) && c != '-' &&
	    c != '/');
}

/* Does line i end at one of the dictionary's points (a soft hyphen)? */
static bool
ends_in_soft_hyphen(PangoLayout *pl, int i)
{
	PangoLayoutLine	*line = pango_layout_get_line_readonly(pl, i);
	const char	*text = pango_layout_get_text(pl);
	int		 end = line->start_index + line->length;

	return line->length > 0 &&
	    g_utf8_get_char(g_utf8_prev_char(text + end)) == 0xad;
}

/*
 * Take the soft hyphens out of bytes [from, to) of t's text, moving
 * what follows each (attributes, links, note references, source runs)
 * back with it. (Pango 1.50 still breaks at a soft hyphen inside a range
 * whose allow_breaks is false, so the points themselves must go.)
 */
static void
erase_soft_hyphens(struct bp_text *t, int from, int to)
{
	GString		*s = g_string_new(pango_layout_get_text(t->layout));
	PangoAttrList	*attrs = pango_layout_get_attributes(t->layout);
	struct bp_link	*lk;
	guint		 i;
	int		 p, *ix;

	attrs = attrs != NULL ? pango_attr_list_copy(attrs) : NULL;
	for (p = MIN(to, (int)s->len) - 2; p >= from; p--) {
		if ((guchar)s->str[p] != 0xc2 || (guchar)s->str[p + 1] != 0xad)
			continue;
		g_string_erase(s, p, 2);
		if (attrs != NULL)
			pango_attr_list_update(attrs, p, 2, 0);
		for (i = 0; i < t->links->len; i++) {
			lk = &g_array_index(t->links, struct bp_link, i);
			lk->start -= lk->start > p ? 2 : 0;
			lk->end -= lk->end > p ? 2 : 0;
		}
		for (i = 0; i < t->noterefs->len; i++) {
			ix = &g_array_index(t->noterefs, struct bp_noteref,
			    i).index;
			*ix -= *ix > p ? 2 : 0;
		}
		for (i = 0; t->src != NULL && i < t->src->len; i++) {
			ix = &g_array_index(t->src, struct bp_src, i).start;
			*ix -= *ix > p ? 2 : 0;
		}
	}
	pango_layout_set_text(t->layout, s->str, (int)s->len);
	if (attrs != NULL) {
		pango_layout_set_attributes(t->layout, attrs);
		pango_attr_list_unref(attrs);
	}
	g_string_free(s, TRUE);
}

/*
 * No stack of more than MAX_LADDER hyphenated line ends: the word whose
 * hyphen would be the next rung loses its hyphenation points, and the
 * paragraph is broken again, until no such stack is left (or
 * LADDER_WORDS words were kept whole).
 */
static void
limit_ladders(struct bp_text *t)
{
	PangoLayoutLine	*line;
	const char	*text;
	int		 n, i, run, at, ws, we, words;

	for (words = 0; words < LADDER_WORDS; words++) {
		n = pango_layout_get_line_count(t->layout);
		at = -1;
		for (i = 0, run = 0; i < n - 1 && at < 0; i++) {
			run = ends_in_soft_hyphen(t->layout, i) ? run + 1 : 0;
			if (run > MAX_LADDER)
				at = i;
		}
		if (at < 0)
			return;
		text = pango_layout_get_text(t->layout);
		line = pango_layout_get_line_readonly(t->layout, at);
		ws = we = line->start_index + line->length;
		while (ws > 0 && text[ws - 1] != ' ' && text[ws - 1] != '\n')
			ws--;
		while (text[we] != '\0' && text[we] != ' ' && text[we] != '\n')
			we++;
		erase_soft_hyphens(t, ws, we);
	}
}

/*
 * Justify by widening the spaces of every line but a paragraph's last.
 * Pango's own justification letter-spaces lines without spaces and sets
 * the hyphen of a hyphenated line past the right edge; here lines
 * without spaces stay ragged and the hyphen is inside the measure.
 */
static void
justify_lines(PangoLayout *pl, double size)
{
	PangoLayoutIter		*it = pango_layout_get_iter(pl);
	PangoLayoutLine		*line;
	PangoRectangle		 log;
	PangoGlyphItem		*run;
	const char		*text = pango_layout_get_text(pl), *c;
	int			 width = pango_layout_get_width(pl);
	int			 extra, nspaces, k, last, idx, add;
	GSList			*r;
	int			 g;
	bool			 more;

	do {
		line = pango_layout_iter_get_line_readonly(it);
		more = pango_layout_iter_next_line(it);
		/* A paragraph's last line stays as it is. */
		if (!more || pango_layout_iter_get_line_readonly(it)->
		    is_paragraph_start)
			continue;
		pango_layout_line_get_extents(line, NULL, &log);
		extra = width - log.width;
		/* Trailing spaces do not count: find the last other byte. */
		for (last = line->start_index + line->length; last >
		    line->start_index && (text[last - 1] == ' ' ||
		    text[last - 1] == '\n'); last--)
			;
		nspaces = 0;
		for (c = text + line->start_index; c < text + last; c++)
			if (*c == ' ')
				nspaces++;
		/*
		 * A line that would need gaps of more than about an em stays
		 * ragged: loose lines look worse, and text extraction would
		 * read the gaps as column breaks.
		 */
		if (extra <= 0 || nspaces == 0 ||
		    extra / nspaces > PU(size * MAX_STRETCH))
			continue;
		k = 0;
		for (r = line->runs; r != NULL; r = r->next) {
			run = r->data;
			for (g = 0; g < run->glyphs->num_glyphs; g++) {
				idx = run->item->offset +
				    run->glyphs->log_clusters[g];
				if (idx >= last || text[idx] != ' ')
					continue;
				/* Spread the remainder over the first spaces. */
				add = extra / nspaces + (k < extra % nspaces);
				run->glyphs->glyphs[g].geometry.width += add;
				k++;
			}
		}
	} while (more);
	pango_layout_iter_free(it);
}

/*
 * One slice per line of t, spaced at the style's leading. With
 * keep_all the lines stay together (headings); otherwise widows and
 * orphans are kept away by keep-with-next flags.
 */
void
bp_lay_emit_lines(struct lay *l, struct bp_text *t, const struct tstyle *ts,
    double x, bool keep_all, const struct bp_node *node)
{
	PangoLayoutIter	*it;
	PangoRectangle	 log;
	struct bp_slice	*s;
	struct bp_box	*b;
	int		 n, i = 0;
	int		 orphans = l->st->orphans, widows = l->st->widows;
	double		 pitch, h, bl;
	struct bp_text_cursor cur = { 0 };

	limit_ladders(t);
	n = pango_layout_get_line_count(t->layout);
	if (ts->justify)
		justify_lines(t->layout, ts->size);
	bp_lay_text_links(l, t);
	bp_lay_check_glyphs(l, t, node);
	it = pango_layout_get_iter(t->layout);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h = PT(log.height);
		pitch = ts->size * ts->leading;
		if (pitch < h)
			pitch = h;
		bl = PT(pango_layout_iter_get_baseline(it) - log.y) +
		    (pitch - h) / 2;
		s = bp_lay_slice_new(l, pitch);
		s->node = node;
		bp_lay_text_at(t, pango_layout_iter_get_line_readonly(it)->
		    start_index, &cur, &s->at_node, &s->at_offset);
		s->keep_next = keep_all ? true : (i < orphans - 1 ||
		    (i >= n - widows && i < n - 1));
		/* A word is never hyphenated across a page break. */
		if (i < n - 1 && ends_in_hyphen(t->layout, i))
			s->keep_next = true;
		b = bp_lay_box_add(l, BP_BOX_LINE);
		b->text = t;
		b->line = i;
		b->x = x;
		b->lx = PT(log.x);
		b->y = 0;
		b->w = PT(log.width);
		b->h = pitch;
		b->baseline = bl;
		b->color = ts->color;
		b->node = node;
		b->elem = l->elem;
		bp_lay_line_refs(l, s, t, i);
		bp_lay_attach_marker(l, bl);
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* The footnotes referenced on line i of t belong to slice s. */
void
bp_lay_line_refs(struct lay *l, struct bp_slice *s, const struct bp_text *t,
    int i)
{
	PangoLayoutLine		*line = pango_layout_get_line_readonly(t->layout, i);
	const struct bp_noteref	*r;
	guint			 k;

	if (s->nrefs == 0)
		s->first_ref = l->flow->refs->len;
	for (k = 0; k < t->noterefs->len; k++) {
		r = &g_array_index(t->noterefs, struct bp_noteref, k);
		if (r->index >= line->start_index &&
		    r->index < line->start_index + line->length) {
			g_array_append_val(l->flow->refs, r->num);
			s->nrefs++;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Long runs                                                          */

/*
 * Give absurdly long runs without spaces (from `from` on) a break
 * opportunity (U+200B) every `every` characters: Pango's line breaking
 * takes time quadratic in the length of an unbreakable run.
 */
void
bp_lay_break_long_runs(GString *s, gsize from, glong longer, glong every)
{
	GString		*out;
	const char	*p, *run;
	glong		 n;

	for (p = s->str + from, n = 0; *p != '\0'; p = g_utf8_next_char(p)) {
		n = *p == ' ' || *p == '\n' ? 0 : n + 1;
		if (n > longer)
			break;
	}
	if (*p == '\0')
		return;
	out = g_string_new_len(s->str, (gssize)from);
	for (p = s->str + from, run = p, n = 0; *p != '\0';
	    p = g_utf8_next_char(p)) {
		if (*p == ' ' || *p == '\n')
			n = 0;
		else if (++n % every == 0) {
			g_string_append_len(out, run, g_utf8_next_char(p) - run);
			g_string_append(out, "\xe2\x80\x8b");
			run = g_utf8_next_char(p);
		}
	}
	g_string_append(out, run);
	g_string_assign(s, out->str);
	g_string_free(out, TRUE);
}
