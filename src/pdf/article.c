/*
 * Articles and the contents page: title block, body block by block,
 * footnotes in a flow of their own (bp_layout_article, bp_layout_contents).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/layout.h"

#define NUM_W        36.0   /* contents: room for the page numbers */

static void contents_entry(struct lay *l, const struct bp_article *art);
static void contents_source(struct lay *l, const struct bp_article *art,
    GString *sub);
static void lay_title_block(struct lay *l, const struct bp_article *art);
static void title_heads(struct lay *l, const struct bp_title_block *tb);
static void title_byline(struct lay *l, const struct bp_title_block *tb);
static void title_summary(struct lay *l,
    const struct bp_title_block *tb);
static void shade_slices(struct lay *l, guint first);
static void resolve_at(struct lay *l);
static void lay_notes(struct lay *body, const struct bp_article *art);
static void lay_init(struct lay *l, struct bp_lctx *lc,
    struct bp_flow *flow, const struct bp_article *art);
static void lay_clear(struct lay *l);
static void plain_as(struct lay *l, enum bp_tag tag, const char *text,
    const struct tstyle *ts, const char *link);

struct bp_flow *
bp_layout_article(struct bp_lctx *lc, const struct bp_article *art,
    bool have_body)
{
	struct bp_flow	*flow = bp_flow_new();
	struct lay	 l;
	struct tstyle	 ts;
	const struct bp_node *n;
	char		*msg = NULL;
	int		 outer;

	lay_init(&l, lc, flow, art);
	lay_title_block(&l, art);
	if (!have_body) {
		ts = bp_lay_body_style(&l);
		ts.weight = PANGO_WEIGHT_BOLD;
		ts.justify = false;
		plain_as(&l, BP_TAG_P, bp_l10n_word(lc->lang,
		    BP_W_ARTICLE_FAILED), &ts, NULL);
		ts.weight = PANGO_WEIGHT_NORMAL;
		msg = g_strdup_printf("%s: %s", art->path,
		    bp_article_why_missing(art));
		bp_lay_want_space(&l, 6);
		outer = bp_lay_enter(&l, BP_TAG_P);
		bp_lay_plain(&l, msg, &ts, /*keep_all*/false, NULL, NULL);
		l.elem = outer;
	} else {
		/* Body nodes by number, for where each slice starts. */
		l.nodes = bp_pages_index_nodes(art->body);
		/* Block by block, so few PangoLayouts live at once. */
		for (n = art->body->first; n != NULL; n = n->next) {
			bp_lay_block(&l, n);
			if (l.marker == NULL)
				bp_lay_compact(flow);
		}
		lay_notes(&l, art);
	}
	resolve_at(&l);
	lay_clear(&l);
	g_free(msg);
	bp_lay_compact(flow);
	return flow;
}

struct bp_flow *
bp_layout_contents(struct bp_lctx *lc, const struct bp_pack *pack)
{
	struct bp_flow		*flow = bp_flow_new();
	struct lay		 l;
	struct tstyle		 ts;
	struct bp_slice		*s;
	GString			*sub = g_string_new(NULL);
	guint			 i;
	int			 outer, toc;

	lay_init(&l, lc, flow, NULL);
	ts = bp_lay_body_style(&l);
	ts.family = lc->style->font_heading;
	ts.size = lc->style->size_title;
	ts.weight = PANGO_WEIGHT_BOLD;
	ts.justify = false;
	ts.color = lc->style->color_heading;
	/* A Sect: its H1, then a TOC with a TOCI an entry. */
	plain_as(&l, BP_TAG_H1, bp_l10n_word(lc->lang, BP_W_CONTENTS), &ts,
	    NULL);
	s = &g_array_index(flow->slices, struct bp_slice, 0);
	s->outline_level = 1;
	s->outline_title = bp_l10n_word(lc->lang, BP_W_CONTENTS);
	bp_lay_want_space(&l, 18);

	outer = bp_lay_enter(&l, BP_TAG_TOC);
	toc = l.elem;
	for (i = 0; i < pack->articles->len; i++) {
		bp_lay_enter(&l, BP_TAG_TOCI);
		contents_entry(&l, g_ptr_array_index(pack->articles, i));
		contents_source(&l, g_ptr_array_index(pack->articles, i), sub);
		bp_lay_want_space(&l, 9);
		l.elem = toc;
	}
	l.elem = outer;
	lay_clear(&l);
	g_string_free(sub, TRUE);
	bp_lay_compact(flow);
	return flow;
}

/*
 * A contents entry: the article's title (linked to its start), leaving
 * room for the dots and the page number a leader box will show.
 */
static void
contents_entry(struct lay *l, const struct bp_article *art)
{
	struct bp_lctx		*lc = l->lc;
	struct bp_flow		*flow = l->flow;
	struct tstyle		 ts;
	struct bp_text		*t;
	struct bp_link		 lk = { 0 };
	struct bp_slice		*s;
	struct bp_box		*b, *line;
	int			 link;

	ts = bp_lay_body_style(l);
	ts.family = lc->style->font_heading;
	ts.size = lc->style->size_body + 0.5;
	ts.weight = PANGO_WEIGHT_SEMIBOLD;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD_CHAR;
	ts.color = lc->style->color_heading;
	t = bp_lay_text_new(l, art->meta.title, -1, NULL, &ts,
	    l->width - NUM_W - 20);
	lk.start = 0;
	lk.end = (int)strlen(art->meta.title);
	lk.article = art;
	g_array_append_val(t->links, lk);
	bp_lay_emit_lines(l, t, &ts, l->indent, /*keep_all*/true, NULL);
	link = g_array_index(t->links, struct bp_link, 0).elem;

	/* The leader goes on from the end of the title's last line. */
	s = &g_array_index(flow->slices, struct bp_slice,
	    flow->slices->len - 1);
	b = bp_lay_box_add(l, BP_BOX_LEADER);
	line = &g_array_index(flow->boxes, struct bp_box, s->first_box);
	b->x = line->x + line->lx + line->w;
	b->baseline = line->baseline;
	b->w = l->width - b->x;
	b->h = s->h;
	b->article = art;
	b->color = lc->style->color_text;
	/* The page number is the link's too (the dots are not content). */
	b->elem = link;
}

/*
 * Source and date under a contents entry's title, small. A URL source
 * is shown by its host: "www.ssb.no". sub is scratch space.
 */
static void
contents_source(struct lay *l, const struct bp_article *art, GString *sub)
{
	struct bp_lctx		*lc = l->lc;
	struct bp_flow		*flow = l->flow;
	struct tstyle		 ts;
	GUri			*host;
	char			*date;

	g_string_truncate(sub, 0);
	host = art->meta.source != NULL ? g_uri_parse(art->meta.source,
	    G_URI_FLAGS_NONE, NULL) : NULL;
	if (host != NULL && g_uri_get_host(host) != NULL)
		g_string_append(sub, g_uri_get_host(host));
	else if (art->meta.source != NULL)
		g_string_append(sub, art->meta.source);
	if (host != NULL)
		g_uri_unref(host);
	date = bp_l10n_date(art->lang, &art->meta.date);
	if (*date != '\0')
		g_string_append_printf(sub, "%s%s", sub->len > 0 ?
		    "  \xc2\xb7  " : "", date);
	g_free(date);
	if (sub->len > 0) {
		g_array_index(flow->slices, struct bp_slice,
		    flow->slices->len - 1).keep_next = true;
		ts = bp_lay_body_style(l);
		ts.size = lc->style->size_small;
		ts.justify = false;
		ts.color = lc->style->color_accent;
		l->width -= NUM_W + 20;
		plain_as(l, BP_TAG_P, sub->str, &ts, NULL);
		l->width += NUM_W + 20;
	}
}

/* Title, subtitle, byline, source and summary, kept with the body. */
static void
lay_title_block(struct lay *l, const struct bp_article *art)
{
	struct bp_title_block	 tb;
	struct bp_slice		*s;
	struct bp_box		*b;
	guint			 first = l->flow->slices->len, k;

	bp_title_block_init(&tb, art);
	title_heads(l, &tb);
	title_byline(l, &tb);
	if (tb.summary != NULL)
		title_summary(l, &tb);
	bp_title_block_clear(&tb);

	/* A rule under the title block; all of it keeps with the body. */
	for (k = first; k < l->flow->slices->len; k++)
		g_array_index(l->flow->slices, struct bp_slice, k).keep_next =
		    true;
	bp_lay_want_space(l, 10);
	s = bp_lay_slice_new(l, 1);
	s->keep_next = true;
	b = bp_lay_box_add(l, BP_BOX_HRULE);
	b->w = l->width;
	b->h = 0.6;
	b->color = l->st->color_rule;
	bp_lay_want_space(l, 14);
}

/* The title (the article's outline entry) and the subtitle. */
static void
title_heads(struct lay *l, const struct bp_title_block *tb)
{
	struct tstyle		 ts = bp_lay_body_style(l);
	struct bp_slice		*s;
	guint			 first = l->flow->slices->len;

	ts.family = l->st->font_heading;
	ts.size = l->st->size_title;
	ts.weight = PANGO_WEIGHT_BOLD;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD;
	ts.color = l->st->color_heading;
	ts.leading = 1.15;
	plain_as(l, BP_TAG_H1, tb->title, &ts, NULL);
	if (l->flow->slices->len > first) {
		s = &g_array_index(l->flow->slices, struct bp_slice, first);
		s->outline_level = 1;
		s->outline_title = tb->title;
	}
	if (tb->subtitle != NULL) {
		ts.size = l->st->size_h[1];
		ts.weight = PANGO_WEIGHT_NORMAL;
		ts.color = l->st->color_accent;
		bp_lay_want_space(l, 4);
		plain_as(l, BP_TAG_P, tb->subtitle, &ts, NULL);
	}
}

/* Byline: authors and date on one line; then the source as a link. */
static void
title_byline(struct lay *l, const struct bp_title_block *tb)
{
	struct tstyle		 ts = bp_lay_body_style(l);
	GString			*by = g_string_new(NULL);
	char			*src = NULL;

	ts.family = l->st->font_heading;
	ts.size = l->st->size_small + 0.5;
	ts.justify = false;
	ts.color = l->st->color_accent;
	if (tb->authors != NULL)
		g_string_append_printf(by, "%s %s", tb->by, tb->authors);
	if (tb->date != NULL)
		g_string_append_printf(by, "%s%s", by->len > 0 ?
		    "  \xc2\xb7  " : "", tb->date);
	bp_lay_want_space(l, 8);
	plain_as(l, BP_TAG_P, by->str, &ts, NULL);
	if (tb->source != NULL) {
		src = g_strdup_printf("%s: %s", tb->source_label, tb->source);
		bp_lay_want_space(l, 2);
		plain_as(l, BP_TAG_P, src, &ts,
		    g_uri_peek_scheme(tb->source) ? tb->source : NULL);
	}
	g_string_free(by, TRUE);
	g_free(src);
}

/* Summary on a shaded ground. */
static void
title_summary(struct lay *l, const struct bp_title_block *tb)
{
	struct tstyle		 ts;
	GString			*text;
	guint			 abs_first;
	bool			 missing_first = false;

	bp_lay_want_space(l, 10);
	abs_first = l->flow->slices->len;
	ts = bp_lay_body_style(l);
	ts.family = l->st->font_heading;
	ts.size = l->st->size_small;
	ts.weight = PANGO_WEIGHT_BOLD;
	ts.justify = false;
	ts.color = l->st->color_accent;
	l->indent += 8;
	l->width -= 16;
	plain_as(l, BP_TAG_P, tb->summary_label, &ts, NULL);
	ts = bp_lay_body_style(l);
	ts.style = PANGO_STYLE_NORMAL;
	bp_lay_want_space(l, 2);
	/*
	 * Prose, justified like the body, so hyphenated like it: unbroken,
	 * a line could need gaps too wide to justify and stay ragged.
	 */
	text = g_string_new(NULL);
	if (!l->hyph || l->lc->hyph == NULL || !bp_hyph_append(l->lc->hyph,
	    l->lc->lang, tb->summary, text, &missing_first))
		g_string_assign(text, tb->summary);
	plain_as(l, BP_TAG_P, text->str, &ts, NULL);
	g_string_free(text, TRUE);
	l->indent -= 8;
	l->width += 16;
	shade_slices(l, abs_first);
}

/*
 * Shade slices from `first` to the last, padded at the first and last:
 * each gets a shade as its first box, reaching up over the gap to the
 * slice before (but the first's).
 */
static void
shade_slices(struct lay *l, guint first)
{
	struct bp_slice		*s;
	struct bp_box		 shade;
	guint			 k, bi, j;

	for (k = first; k < l->flow->slices->len; k++) {
		s = &g_array_index(l->flow->slices, struct bp_slice, k);
		if (k == first)
			s->h += 6;
		if (k + 1 == l->flow->slices->len)
			s->h += 6;
	}
	for (k = first; k < l->flow->slices->len; k++) {
		s = &g_array_index(l->flow->slices, struct bp_slice, k);
		if (k == first) {
			for (bi = s->first_box; bi < s->first_box +
			    s->nboxes; bi++)
				g_array_index(l->flow->boxes,
				    struct bp_box, bi).y += 6;
		}
		/* Insert the shade as the slice's first box. */
		memset(&shade, 0, sizeof shade);
		shade.type = BP_BOX_RECT;
		shade.x = l->indent;
		shade.y = k == first ? 0 : -s->space_before;
		shade.w = l->width;
		shade.h = s->h + (k == first ? 0 : s->space_before);
		shade.color = l->st->color_shade;
		shade.flag = k != first;
		shade.elem = -1;
		g_array_insert_val(l->flow->boxes, s->first_box, shade);
		s->nboxes++;
		/* Later slices' boxes moved by one. */
		for (j = k + 1; j < l->flow->slices->len; j++)
			g_array_index(l->flow->slices, struct bp_slice,
			    j).first_box++;
	}
}

/*
 * Footnotes go into a flow of their own, note k at notes->note_range[k-1];
 * the paginator puts each at the foot of the page that refers to it.
 */
static void
lay_notes(struct lay *body, const struct bp_article *art)
{
	struct bp_flow		*nf;
	struct lay		 l;
	struct tstyle		 ts;
	struct marker		*m;
	struct bp_note_range	 r;
	char			 buf[16];
	int			 i;
	double			 mw;

	if (art->nnotes == 0)
		return;
	nf = bp_flow_new();
	nf->article = art;
	body->flow->notes = nf;
	lay_init(&l, body->lc, nf, art);
	/* Each note a Note in the article's Sect: Lbl (its number), P's. */
	l.elems = body->elems;
	l.size = l.st->size_small;
	ts = bp_lay_body_style(&l);
	ts.justify = false;
	mw = l.size * 1.8;
	for (i = 0; i < art->nnotes; i++) {
		m = g_new0(struct marker, 1);
		g_snprintf(buf, sizeof buf, "%d", art->notes[i]->u.fn.num);
		m->text = bp_lay_text_new(&l, buf, -1, NULL, &ts, 100);
		m->x = 0;
		m->w = mw;
		l.elem = bp_lay_elem_new(&l, BP_TAG_NOTE);
		m->elem = bp_lay_elem_new(&l, BP_TAG_LBL);
		g_free(l.marker);
		l.marker = m;
		l.indent = mw;
		l.width = body->lc->col_w - mw;
		r.first = nf->slices->len;
		l.space = 0;
		bp_lay_want_space(&l, 3);
		bp_lay_blocks(&l, art->notes[i]);
		if (l.marker != NULL)
			bp_lay_plain(&l, " ", &ts, /*keep_all*/false, art->notes[i], NULL);
		r.n = nf->slices->len - r.first;
		g_array_append_val(body->flow->note_range, r);
		l.elem = -1;
	}
	lay_clear(&l);
}

/* Layout state for `flow`, at the column's full width in body text. */
static void
lay_init(struct lay *l, struct bp_lctx *lc, struct bp_flow *flow,
    const struct bp_article *art)
{
	memset(l, 0, sizeof *l);
	l->lc = lc;
	l->st = lc->style;
	l->flow = flow;
	l->art = art;
	l->width = lc->col_w;
	l->size = lc->style->size_body;
	l->family = lc->style->font_body;
	l->bars = g_array_new(FALSE, FALSE, sizeof(double));
	l->hyph = lc->style->hyphenate;
	l->elems = flow->elems;
	l->elem = -1;
	flow->article = art;
}

/* Plain text (kept together) as an element of its own. */
static void
plain_as(struct lay *l, enum bp_tag tag, const char *text,
    const struct tstyle *ts, const char *link)
{
	int	 outer = bp_lay_enter(l, tag);

	bp_lay_plain(l, text, ts, /*keep_all*/true, NULL, link);
	l->elem = outer;
}

/* Free what lay_init and the layout left in l (not the flow). */
static void
lay_clear(struct lay *l)
{
	g_array_free(l->bars, TRUE);
	g_free(l->marker);
	if (l->nodes != NULL)
		g_hash_table_destroy(l->nodes);
	l->nodes = NULL;
}

/*
 * Where each slice starts in the model (a page may start there): a line
 * of text knows its byte; another slice is where its node starts; one
 * without a body node (the title block, a failed article's page) is
 * where the slice before it is, else the article's start.
 */
static void
resolve_at(struct lay *l)
{
	struct bp_slice	*s;
	int		 node = BP_AT_START, offset = 0, n;
	guint		 k;

	for (k = 0; k < l->flow->slices->len; k++) {
		s = &g_array_index(l->flow->slices, struct bp_slice, k);
		if (s->at_node == AT_UNSET) {
			n = bp_lay_node_number(l, s->node);
			s->at_node = n >= 0 ? n : node;
			s->at_offset = n >= 0 ? 0 : offset;
		}
		node = s->at_node;
		offset = s->at_offset;
	}
}
