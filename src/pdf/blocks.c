/*
 * Blocks: paragraphs, plain text, headings, code, lists, quotes and
 * rules, and the dispatch from a block node to its layout.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/layout.h"

#define QUOTE_INDENT 14.0
#define CODE_PAD     6.0
#define LONG_CODE    2000   /* LONG_RUN inside code */
#define MIN_MEASURE  0.35   /* nesting indents no further than this */

static const char *flow_str(struct lay *l, char *s);
static bool is_image_only(const struct bp_node *n);
static void lay_para(struct lay *l, const struct bp_node *p,
    const struct tstyle *ts);
static void lay_heading(struct lay *l, const struct bp_node *h);
static void lay_code(struct lay *l, const char *code,
    const struct bp_node *node);
static void list_number(enum bp_list_style style, int num, char delim,
    char *buf, size_t size);
static void widest_number(const struct bp_node *list, int first, int last,
    char *buf, size_t size);
static void lay_list(struct lay *l, const struct bp_node *list);
static void lay_quote(struct lay *l, const struct bp_node *q);
static void lay_rule(struct lay *l, const struct bp_node *r);
static void lay_para_run(struct lay *l, const struct bp_node *first,
    const struct bp_node *stop, const struct tstyle *ts,
    const struct bp_node *p);

/* A block by its type; inline content met at block level is a paragraph. */
void
bp_lay_block(struct lay *l, const struct bp_node *n)
{
	struct tstyle	 ts = bp_lay_body_style(l);

	switch (n->type) {
	case BP_NODE_PARA:
		lay_para(l, n, &ts);
		break;
	case BP_NODE_HEADING:
		lay_heading(l, n);
		break;
	case BP_NODE_QUOTE:
		lay_quote(l, n);
		break;
	case BP_NODE_LIST:
		lay_list(l, n);
		break;
	case BP_NODE_CODE_BLOCK:
	case BP_NODE_HTML_BLOCK:
		lay_code(l, n->text, n);
		break;
	case BP_NODE_RULE:
		lay_rule(l, n);
		break;
	case BP_NODE_TABLE:
		bp_lay_table(l, n);
		break;
	case BP_NODE_ITEM:
	case BP_NODE_DOCUMENT:
	case BP_NODE_FOOTNOTE_DEF:
		bp_lay_blocks(l, n);
		break;
	default:
		/* Stray inline content at block level: a paragraph. */
		lay_para_run(l, n, n->next, &ts, n);
		break;
	}
}

void
bp_lay_blocks(struct lay *l, const struct bp_node *parent)
{
	const struct bp_node	*c;

	for (c = parent->first; c != NULL; c = c->next)
		bp_lay_block(l, c);
}

/* A paragraph made only of one image (possibly linked). */
static bool
is_image_only(const struct bp_node *n)
{
	return n->first != NULL && n->first == n->last &&
	    (n->first->type == BP_NODE_IMAGE ||
	    (n->first->type == BP_NODE_LINK && n->first->first != NULL &&
	    n->first->first == n->first->last &&
	    n->first->first->type == BP_NODE_IMAGE));
}

/* Inline nodes [first, stop) of paragraph p: one P element. */
static void
lay_para_run(struct lay *l, const struct bp_node *first,
    const struct bp_node *stop, const struct tstyle *ts,
    const struct bp_node *p)
{
	int	 outer = bp_lay_enter(l, BP_TAG_P);

	bp_lay_inline_run(l, first, stop, ts, /*keep_all*/false, p);
	l->elem = outer;
}

/*
 * A paragraph. Images at its top level become figures between the text
 * before and after them (each piece of text a P of its own).
 */
static void
lay_para(struct lay *l, const struct bp_node *p, const struct tstyle *ts)
{
	const struct bp_node	*c, *run = p->first;
	const struct bp_node	*img;

	bp_lay_want_space(l, l->st->para_space);
	for (c = p->first; c != NULL; c = c->next) {
		img = c->type == BP_NODE_IMAGE ? c :
		    (c->type == BP_NODE_LINK && is_image_only(c)) ? c->first :
		    NULL;
		if (img == NULL)
			continue;
		if (run != c)
			lay_para_run(l, run, c, ts, p);
		bp_lay_image(l, img);
		run = c->next;
	}
	if (run != NULL || (p->first == NULL && l->marker != NULL))
		lay_para_run(l, run, NULL, ts, p);
	bp_lay_want_space(l, l->st->para_space);
}

/* Plain text as a paragraph (title block, messages). */
void
bp_lay_plain(struct lay *l, const char *text, const struct tstyle *ts,
    bool keep_all, const struct bp_node *node, const char *link)
{
	struct bp_text	*t;
	struct bp_link	 lk = { 0 };
	GString		*gs;

	if (text == NULL || *text == '\0')
		return;
	gs = g_string_new(text);
	bp_lay_break_long_runs(gs, 0, LONG_RUN, LONG_RUN / 3);
	t = bp_lay_text_new(l, gs->str, (int)gs->len, NULL, ts, l->width);
	if (link != NULL) {
		lk.start = 0;
		lk.end = (int)gs->len;
		lk.uri = g_strdup(link);
		g_array_append_val(t->links, lk);
	}
	bp_lay_emit_lines(l, t, ts, l->indent, keep_all, node);
	g_string_free(gs, TRUE);
}

/* The flow takes s over and keeps it as long as it lives. */
static const char *
flow_str(struct lay *l, char *s)
{
	g_ptr_array_add(l->flow->strings, s);
	return s;
}

/* A heading: an outline entry, never hyphenated, kept with what follows. */
static void
lay_heading(struct lay *l, const struct bp_node *h)
{
	struct tstyle	 ts = bp_lay_body_style(l);
	int		 lv = h->u.heading.level;
	struct bp_slice	*s;
	guint		 first = l->flow->slices->len;
	bool		 saved_hyph;
	int		 outer;

	ts.family = l->st->font_heading;
	ts.size = l->st->size_h[lv < 1 ? 0 : lv > 6 ? 5 : lv - 1];
	ts.weight = lv <= 4 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD;
	ts.style = lv == 6 ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD;
	ts.color = l->st->color_heading;
	ts.leading = 1.2;
	bp_lay_want_space(l, ts.size * (lv <= 2 ? 1.1 : 0.9));
	/* Headings are never hyphenated. */
	saved_hyph = l->hyph;
	l->hyph = false;
	outer = bp_lay_enter(l, bp_lay_heading_tag(l, lv));
	bp_lay_inline_run(l, h->first, NULL, &ts, /*keep_all*/true, h);
	l->elem = outer;
	l->hyph = saved_hyph;
	if (l->flow->slices->len > first) {
		s = &g_array_index(l->flow->slices, struct bp_slice, first);
		s->outline_level = lv + 1;
		s->outline_title = flow_str(l, bp_node_plain_text(h));
		/* The last line also keeps with what follows. */
		g_array_index(l->flow->slices, struct bp_slice,
		    l->flow->slices->len - 1).keep_next = true;
	}
	bp_lay_want_space(l, ts.size * 0.35);
}

/* Code and raw HTML: monospace on a shaded ground, wrapped, never wider. */
static void
lay_code(struct lay *l, const char *code, const struct bp_node *node)
{
	struct tstyle	 ts = bp_lay_body_style(l);
	struct bp_text	*t;
	PangoLayoutIter	*it;
	PangoRectangle	 log;
	struct bp_slice	*s;
	struct bp_box	*b;
	struct bp_src	 src = { 0 };
	struct bp_text_cursor cur = { 0 };
	char		*text = g_strdup(code != NULL ? code : "");
	size_t		 len = strlen(text);
	PangoAttrList	*attrs;
	GString		*gtext;
	int		 i = 0, n, outer;
	double		 pitch, h, bl, pad_top, pad_bot;

	while (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	gtext = g_string_new_len(text, (gssize)len);
	bp_lay_break_long_runs(gtext, 0, LONG_CODE, LONG_CODE / 10);
	g_free(text);
	len = gtext->len;
	text = g_string_free(gtext, FALSE);
	ts.family = l->st->font_mono;
	ts.size = l->st->size_code;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_CHAR;
	ts.leading = 1.3;
	bp_lay_want_space(l, l->st->para_space);
	/* Wrapped code gets a mark, never a hyphen that could be copied. */
	attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	t = bp_lay_text_new(l, text, (int)len, attrs, &ts,
	    l->width - 2 * CODE_PAD);
	/* Each line starts at a byte of the node's text (a page may). */
	if (code != NULL && (src.node = bp_lay_node_number(l, node)) >= 0) {
		src.text = code;
		t->src = g_array_new(FALSE, FALSE, sizeof(struct bp_src));
		g_array_append_val(t->src, src);
	}
	bp_lay_check_glyphs(l, t, node);
	/* A code block is a P holding a Code (an inline element). */
	outer = bp_lay_enter(l, BP_TAG_P);
	bp_lay_enter(l, BP_TAG_CODE);
	n = pango_layout_get_line_count(t->layout);
	it = pango_layout_get_iter(t->layout);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h = PT(log.height);
		pitch = ts.size * ts.leading;
		if (pitch < h)
			pitch = h;
		pad_top = i == 0 ? CODE_PAD * 0.7 : 0;
		pad_bot = i == n - 1 ? CODE_PAD * 0.7 : 0;
		bl = PT(pango_layout_iter_get_baseline(it) - log.y) +
		    (pitch - h) / 2 + pad_top;
		s = bp_lay_slice_new(l, pitch + pad_top + pad_bot);
		s->node = node;
		bp_lay_text_at(t, pango_layout_iter_get_line_readonly(it)->
		    start_index, &cur, &s->at_node, &s->at_offset);
		s->keep_next = i == 0 || i >= n - 2;
		b = bp_lay_box_add(l, BP_BOX_RECT);
		b->x = l->indent;
		b->y = 0;
		b->w = l->width;
		b->h = pitch + pad_top + pad_bot;
		b->color = l->st->color_shade;
		b = bp_lay_box_add(l, BP_BOX_LINE);
		b->text = t;
		b->line = i;
		b->x = l->indent + CODE_PAD;
		b->lx = PT(log.x);
		b->w = PT(log.width);
		b->h = pitch;
		b->baseline = bl;
		b->node = node;
		b->elem = l->elem;
		/* A wrapped line carries a mark in the left padding. */
		if (!pango_layout_iter_get_line_readonly(it)->is_paragraph_start) {
			b = bp_lay_box_add(l, BP_BOX_CONT);
			b->x = l->indent + 1;
			b->y = bl - ts.size * 0.6;
			b->w = CODE_PAD - 2;
			b->h = ts.size * 0.55;
			b->color = l->st->color_rule;
		}
		bp_lay_attach_marker(l, bl);
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	l->elem = outer;
	bp_lay_want_space(l, l->st->para_space);
	g_free(text);
}

/*
 * Number num of an ordered list in its style, with delim: "3.", "c.",
 * "iv)", "XII.". Letters go on past z as aa, ab (as CSS counts);
 * numbers roman numerals cannot write (below 1, above 3999) and letters
 * below 1 are digits.
 */
static void
list_number(enum bp_list_style style, int num, char delim, char *buf,
    size_t size)
{
	static const char *const roman[] = {
		"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v",
		"iv", "i",
	};
	static const int values[] = {
		1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1,
	};
	char	 s[32];
	size_t	 n = 0, i;
	bool	 upper = style == BP_LIST_STYLE_UPPER_ALPHA ||
	    style == BP_LIST_STYLE_UPPER_ROMAN;

	if ((style == BP_LIST_STYLE_LOWER_ALPHA ||
	    style == BP_LIST_STYLE_UPPER_ALPHA) && num > 0) {
		/* Bijective base 26, written backwards then turned. */
		for (; num > 0 && n < sizeof s - 1; num = (num - 1) / 26)
			s[n++] = (char)('a' + (num - 1) % 26);
		for (i = 0; i < n / 2; i++) {
			char	 c = s[i];

			s[i] = s[n - 1 - i];
			s[n - 1 - i] = c;
		}
	} else if ((style == BP_LIST_STYLE_LOWER_ROMAN ||
	    style == BP_LIST_STYLE_UPPER_ROMAN) && num > 0 && num < 4000) {
		for (i = 0; i < G_N_ELEMENTS(values); i++)
			for (; num >= values[i]; num -= values[i])
				n += (size_t)g_snprintf(s + n, sizeof s - n,
				    "%s", roman[i]);
	} else
		n = (size_t)g_snprintf(s, sizeof s, "%d", num);
	s[MIN(n, sizeof s - 1)] = '\0';
	for (i = 0; upper && s[i] != '\0'; i++)
		s[i] = g_ascii_toupper(s[i]);
	g_snprintf(buf, size, "%s%c", s, delim);
}

/*
 * The widest marker of an ordered list whose numbers run from first to
 * last: the last, or for roman numerals the longest among them (viii
 * is wider than x).
 */
static void
widest_number(const struct bp_node *list, int first, int last, char *buf,
    size_t size)
{
	char	 probe[32];
	int	 k;

	list_number(list->u.list.style, last, list->u.list.delim, buf, size);
	if (list->u.list.style != BP_LIST_STYLE_LOWER_ROMAN &&
	    list->u.list.style != BP_LIST_STYLE_UPPER_ROMAN)
		return;
	/* Roman numerals: the most letters (the last 400 are enough). */
	for (k = MAX(first, last - 400); k <= last; k++) {
		list_number(list->u.list.style, k, list->u.list.delim, probe,
		    sizeof probe);
		if (strlen(probe) > strlen(buf))
			g_strlcpy(buf, probe, size);
	}
}

/*
 * A list: each item's blocks indented past a marker column (bullet,
 * number or task box) that fits the widest number.
 */
static void
lay_list(struct lay *l, const struct bp_node *list)
{
	static const char *const bullets[] = {
		"\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x97\xa6",
	};
	const struct bp_node	*item;
	struct tstyle		 ts = bp_lay_body_style(l), bs;
	struct marker		*m;
	PangoRectangle		 log;
	struct bp_text		*probe;
	char			 buf[32], *family;
	double			 mw, saved_indent = l->indent;
	double			 saved_width = l->width;
	int			 num = list->u.list.start, last, outer, in_l;

	/* The marker column fits the widest number of the list. */
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD;
	mw = l->size * 1.5;
	if (list->u.list.ordered) {
		last = num;
		for (item = list->first; item != NULL; item = item->next)
			last++;
		widest_number(list, num, last > num ? last - 1 : num, buf,
		    sizeof buf);
		probe = bp_lay_text_new(l, buf, -1, NULL, &ts, 1000);
		pango_layout_get_extents(probe->layout, NULL, &log);
		if (PT(log.width) + l->size * 0.6 > mw)
			mw = PT(log.width) + l->size * 0.6;
	}
	bp_lay_want_space(l, l->st->para_space);
	l->list_depth++;
	/*
	 * The bundled serif and sans lack the white bullet: the bundled mono
	 * draws it, rather than whatever the machine's fallback would be.
	 */
	bs = ts;
	bs.family = family = g_strdup_printf("%s, Noto Sans Mono", ts.family);
	/* L > LI > (Lbl: the marker, LBody: the item's blocks). */
	outer = bp_lay_enter(l, BP_TAG_L);
	for (item = list->first; item != NULL; item = item->next, num++) {
		in_l = bp_lay_enter(l, BP_TAG_LI);
		m = g_new0(struct marker, 1);
		m->x = saved_indent;
		m->w = mw;
		m->task = item->u.item.task;
		m->elem = bp_lay_elem_new(l, BP_TAG_LBL);
		bp_lay_enter(l, BP_TAG_LBODY);
		if (m->task == BP_TASK_NONE) {
			if (list->u.list.ordered)
				list_number(list->u.list.style, num,
				    list->u.list.delim, buf, sizeof buf);
			else
				g_strlcpy(buf, bullets[(l->list_depth - 1) % 3],
				    sizeof buf);
			m->text = bp_lay_text_new(l, buf, -1, NULL, &bs, 1000);
		}
		g_free(l->marker);
		l->marker = m;
		/* Too deep to indent further: the items go on unmarked
		 * rather than squeezing the text out of the column. */
		if (saved_width - mw < l->lc->col_w * MIN_MEASURE) {
			l->indent = saved_indent;
			l->width = saved_width;
			g_free(l->marker);
			l->marker = NULL;
		} else {
			l->indent = saved_indent + mw;
			l->width = saved_width - mw;
		}
		if (item != list->first)
			bp_lay_want_space(l, list->u.list.tight ?
			    l->size * 0.2 : l->st->para_space);
		bp_lay_blocks(l, item);
		/* An empty item still shows its marker. */
		if (l->marker != NULL) {
			bp_lay_plain(l, " ", &ts, /*keep_all*/false, item, NULL);
			if (l->marker != NULL) {
				g_free(l->marker);
				l->marker = NULL;
			}
		}
		l->indent = saved_indent;
		l->width = saved_width;
		if (list->u.list.tight)
			l->space = l->size * 0.2;
		l->elem = in_l;
	}
	l->elem = outer;
	l->list_depth--;
	l->space = 0;
	bp_lay_want_space(l, l->st->para_space);
	g_free(family);
}

/* A block quote: indented, with a bar beside every slice. */
static void
lay_quote(struct lay *l, const struct bp_node *q)
{
	double	 bar = l->indent + 1, in = QUOTE_INDENT;
	guint	 nbars = l->bars->len;
	int	 outer;

	/* Deep nesting stops indenting (and adding rules) at some point. */
	if (l->width - in < l->lc->col_w * MIN_MEASURE)
		in = 0;
	bp_lay_want_space(l, l->st->para_space);
	if (in > 0)
		g_array_append_val(l->bars, bar);
	l->indent += in;
	l->width -= in;
	outer = bp_lay_enter(l, BP_TAG_BLOCKQUOTE);
	bp_lay_blocks(l, q);
	l->elem = outer;
	l->indent -= in;
	l->width += in;
	g_array_set_size(l->bars, nbars);
	bp_lay_want_space(l, l->st->para_space);
}

/* A thematic break: a short centred rule. */
static void
lay_rule(struct lay *l, const struct bp_node *r)
{
	struct bp_slice	*s;
	struct bp_box	*b;

	bp_lay_want_space(l, l->st->para_space);
	s = bp_lay_slice_new(l, l->size);
	s->node = r;
	bp_lay_attach_marker(l, l->size * 0.8);
	b = bp_lay_box_add(l, BP_BOX_HRULE);
	b->x = l->indent + l->width * 0.3;
	b->y = l->size * 0.5;
	b->w = l->width * 0.4;
	b->h = 0.6;
	b->color = l->st->color_rule;
	bp_lay_want_space(l, l->st->para_space);
}
