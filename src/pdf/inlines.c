/*
 * Inline content: text (hyphenated), code spans, emphasis, links and
 * note markers become one attributed string, laid out as a paragraph.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/layout.h"

/* One walk over inline nodes (bp_lay_build_inlines). */
struct inl {
	struct lay	*l;
	GString		*s;         /* the text so far */
	PangoAttrList	*attrs;
	GArray		*links;     /* struct bp_link; NULL: not wanted */
	GArray		*refs;      /* struct bp_noteref; NULL: not wanted */
	GPtrArray	*later;     /* notes cited inside the open link */
	int		 in_link;   /* links open around the node */
};

static void add_attr(PangoAttrList *attrs, PangoAttribute *a, guint start,
    guint end);
static PangoAttribute *color_attr(struct bp_rgb c);
static void append_text(struct lay *l, const struct bp_node *n, GString *s);
static void append_noteref(struct lay *l, const struct bp_node *n,
    GString *s, PangoAttrList *attrs, GArray *refs);
static bool inline_enter(struct inl *w, const struct bp_node *n);
static void inline_leave(struct inl *w, const struct bp_node *n, guint st);
static void append_later(struct inl *w);
static void note_src(struct lay *l, const struct bp_node *n, GString *s,
    const char *text);

static void
add_attr(PangoAttrList *attrs, PangoAttribute *a, guint start, guint end)
{
	a->start_index = start;
	a->end_index = end;
	pango_attr_list_insert(attrs, a);
}

static PangoAttribute *
color_attr(struct bp_rgb c)
{
	return pango_attr_foreground_new((guint16)(c.r * 65535),
	    (guint16)(c.g * 65535), (guint16)(c.b * 65535));
}

/* Bytes from here on come from n (its text, NULL: none of it). */
static void
note_src(struct lay *l, const struct bp_node *n, GString *s, const char *text)
{
	struct bp_src	 src = { 0 };

	if (l->src == NULL || (src.node = bp_lay_node_number(l, n)) < 0)
		return;
	src.start = (int)s->len;
	src.text = text;
	g_array_append_val(l->src, src);
}

/* Text, with soft hyphens where the language's dictionary allows. */
static void
append_text(struct lay *l, const struct bp_node *n, GString *s)
{
	bool	 missing_first = false;
	gsize	 from = s->len;

	if (!l->hyph || l->lc->hyph == NULL) {
		g_string_append(s, n->text);
		bp_lay_break_long_runs(s, from, LONG_RUN, LONG_RUN / 3);
		return;
	}
	if (!bp_hyph_append(l->lc->hyph, l->lc->lang, n->text, s,
	    &missing_first) && missing_first)
		bp_diag_at(l->lc->diag, l->art != NULL ? l->art->path : NULL,
		    BP_WARNING, 0, 0, "no hyphenation dictionary for language "
		    "\"%s\"; text is not hyphenated", l->lc->lang != NULL ?
		    l->lc->lang : "");
	bp_lay_break_long_runs(s, from, LONG_RUN, LONG_RUN / 3);
}

/* A note's number, raised, and where it stands for the page's notes. */
static void
append_noteref(struct lay *l, const struct bp_node *n, GString *s,
    PangoAttrList *attrs, GArray *refs)
{
	struct bp_noteref	 ref;
	guint			 st;
	char			 num[16];

	st = (guint)s->len;
	note_src(l, n, s, NULL);
	ref.index = (int)st;
	ref.num = n->u.fn.num;
	if (refs != NULL && ref.num > 0)
		g_array_append_val(refs, ref);
	g_snprintf(num, sizeof num, "%d", n->u.fn.num);
	g_string_append(s, num);
	add_attr(attrs, pango_attr_font_scale_new(
	    PANGO_FONT_SCALE_SUPERSCRIPT), st, (guint)s->len);
	add_attr(attrs, pango_attr_baseline_shift_new(
	    PANGO_BASELINE_SHIFT_SUPERSCRIPT), st, (guint)s->len);
	add_attr(attrs, color_attr(l->st->color_accent), st, (guint)s->len);
}

/*
 * Collect the inline nodes from `first` up to (not including) `stop`
 * as text with attributes and link ranges. Walks each of them without
 * recursion (bp_iter): entering a node appends its text, leaving a
 * container sets the attributes of the text its children appended.
 */
void
bp_lay_build_inlines(struct lay *l, const struct bp_node *first,
    const struct bp_node *stop, GString *s, PangoAttrList *attrs,
    GArray *links, GArray *refs)
{
	struct inl		 w = { 0 };
	struct bp_iter		 it;
	enum bp_event		 ev;
	const struct bp_node	*n, *whole = NULL;
	GArray			*starts = g_array_new(FALSE, FALSE, sizeof(guint));
	guint			 st;

	w.l = l;
	w.s = s;
	w.attrs = attrs;
	w.links = links;
	w.refs = refs;
	w.later = g_ptr_array_new();
	for (n = first; n != NULL && n != stop; n = n->next) {
		bp_iter_init(&it, n);
		while ((ev = bp_iter_next(&it)) != BP_EVENT_DONE) {
			/* A node not gone into (a leaf, an empty container)
			 * is skipped; a container's EXIT then needs no leave. */
			if (ev == BP_EVENT_ENTER && !inline_enter(&w, it.node)) {
				whole = it.node;
				bp_iter_skip(&it);
			} else if (ev == BP_EVENT_ENTER) {
				/* Where the container's text starts. */
				st = (guint)s->len;
				g_array_append_val(starts, st);
			} else if (it.node != whole) {
				st = g_array_index(starts, guint,
				    starts->len - 1);
				g_array_set_size(starts, starts->len - 1);
				inline_leave(&w, it.node, st);
			}
		}
	}
	/* A run that ends inside a link still shows its notes. */
	append_later(&w);
	g_ptr_array_free(w.later, TRUE);
	g_array_free(starts, TRUE);
}

/*
 * Enter n: append its text (leaves) or note number. Returns whether to
 * go down into its children. Notes cited in a link's text wait for the
 * end of the link, as in the EPUB.
 */
static bool
inline_enter(struct inl *w, const struct bp_node *n)
{
	GString		*s = w->s;
	guint		 st;
	bool		 down = false;

	/* Where each leaf's bytes come from (a page may start there). */
	if (n->type == BP_NODE_TEXT || n->type == BP_NODE_SOFTBREAK ||
	    n->type == BP_NODE_LINEBREAK || n->type == BP_NODE_CODE ||
	    n->type == BP_NODE_HTML_INLINE)
		note_src(w->l, n, s, n->type == BP_NODE_TEXT ||
		    n->type == BP_NODE_CODE || n->type == BP_NODE_HTML_INLINE ?
		    n->text : NULL);
	switch (n->type) {
	case BP_NODE_TEXT:
		append_text(w->l, n, s);
		break;
	case BP_NODE_SOFTBREAK:
		g_string_append_c(s, ' ');
		break;
	case BP_NODE_LINEBREAK:
		/* A new Pango paragraph: the line before stays ragged. */
		g_string_append_c(s, '\n');
		break;
	case BP_NODE_CODE:
	case BP_NODE_HTML_INLINE:
		st = (guint)s->len;
		g_string_append(s, n->text);
		add_attr(w->attrs, pango_attr_family_new(w->l->st->font_mono),
		    st, (guint)s->len);
		add_attr(w->attrs, pango_attr_scale_new(0.88), st,
		    (guint)s->len);
		break;
	case BP_NODE_FOOTNOTE_REF:
		if (w->in_link > 0)
			g_ptr_array_add(w->later, (gpointer)n);
		else
			append_noteref(w->l, n, s, w->attrs, w->refs);
		break;
	case BP_NODE_LINK:
		down = n->first != NULL;
		if (down)
			w->in_link++;
		break;
	case BP_NODE_IMAGE:
		/* An image inside running text shows its alt text. */
		down = n->first != NULL;
		break;
	default:
		down = n->first != NULL;
		break;
	}
	return down;
}

/* Leave container n, whose children appended bytes [st, end) of the text. */
static void
inline_leave(struct inl *w, const struct bp_node *n, guint st)
{
	GString		*s = w->s;
	PangoAttrList	*attrs = w->attrs;
	struct bp_link	 lk;

	switch (n->type) {
	case BP_NODE_EMPH:
		add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), st,
		    (guint)s->len);
		break;
	case BP_NODE_STRONG:
		add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), st,
		    (guint)s->len);
		break;
	case BP_NODE_STRIKE:
		add_attr(attrs, pango_attr_strikethrough_new(TRUE), st,
		    (guint)s->len);
		break;
	case BP_NODE_LINK:
		add_attr(attrs, color_attr(w->l->st->color_link), st,
		    (guint)s->len);
		memset(&lk, 0, sizeof lk);
		lk.start = (int)st;
		lk.end = (int)s->len;
		lk.uri = g_strdup(n->u.link.url);
		if (w->links != NULL && lk.end > lk.start)
			g_array_append_val(w->links, lk);
		else
			g_free(lk.uri);
		if (--w->in_link > 0)
			break;
		append_later(w);
		break;
	default:
		break;
	}
}

/* The notes cited inside the link just closed follow it. */
static void
append_later(struct inl *w)
{
	guint	 k;

	for (k = 0; k < w->later->len; k++)
		append_noteref(w->l, g_ptr_array_index(w->later, k), w->s,
		    w->attrs, w->refs);
	g_ptr_array_set_size(w->later, 0);
}

/* Lay out sibling inline nodes [first, stop) as one paragraph. */
void
bp_lay_inline_run(struct lay *l, const struct bp_node *first,
    const struct bp_node *stop, const struct tstyle *ts, bool keep_all,
    const struct bp_node *node)
{
	GString		*s = g_string_new(NULL);
	PangoAttrList	*attrs = pango_attr_list_new();
	GArray		*links = g_array_new(FALSE, TRUE, sizeof(struct bp_link));
	GArray		*refs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));
	struct bp_text	*t;
	struct bp_link	*lk;
	struct bp_src	*src;
	GArray		*saved_src = l->src;
	gsize		 lead;
	guint		 i;

	/* Where the text comes from, when this is the body. */
	l->src = l->nodes != NULL ? g_array_new(FALSE, FALSE,
	    sizeof(struct bp_src)) : NULL;
	bp_lay_build_inlines(l, first, stop, s, attrs, links, refs);
	/* Spaces at either end (beside a figure) would show or wrap. */
	while (s->len > 0 && s->str[s->len - 1] == ' ')
		g_string_truncate(s, s->len - 1);
	for (lead = 0; lead < s->len && s->str[lead] == ' '; lead++)
		;
	if (lead > 0) {
		g_string_erase(s, 0, (gssize)lead);
		pango_attr_list_update(attrs, 0, (int)lead, 0);
		for (i = 0; i < links->len; i++) {
			lk = &g_array_index(links, struct bp_link, i);
			lk->start = MAX(lk->start - (int)lead, 0);
			lk->end = MAX(lk->end - (int)lead, 0);
		}
		for (i = 0; i < refs->len; i++)
			g_array_index(refs, struct bp_noteref, i).index =
			    MAX(g_array_index(refs, struct bp_noteref, i).index -
			    (int)lead, 0);
		/* A run that lost leading spaces starts further in. */
		for (i = 0; l->src != NULL && i < l->src->len; i++) {
			src = &g_array_index(l->src, struct bp_src, i);
			if (src->start < (int)lead && src->text != NULL)
				src->from = MIN((int)lead - src->start,
				    (int)strlen(src->text));
			src->start = MAX(src->start - (int)lead, 0);
		}
	}
	/* Nothing to show, not even a list marker. */
	if (s->len == 0 && l->marker == NULL)
		goto out;
	/* The text takes attrs, links and refs over. */
	t = bp_lay_text_new(l, s->str, (int)s->len, attrs, ts, l->width);
	attrs = NULL;
	g_array_free(t->links, TRUE);
	t->links = links;
	links = NULL;
	g_array_free(t->noterefs, TRUE);
	t->noterefs = refs;
	refs = NULL;
	t->src = l->src;
	l->src = NULL;
	bp_lay_emit_lines(l, t, ts, l->indent, keep_all, node);
out:
	if (l->src != NULL)
		g_array_free(l->src, TRUE);
	l->src = saved_src;
	if (refs != NULL)
		g_array_free(refs, TRUE);
	for (i = 0; links != NULL && i < links->len; i++)
		g_free(g_array_index(links, struct bp_link, i).uri);
	if (links != NULL)
		g_array_free(links, TRUE);
	if (attrs != NULL)
		pango_attr_list_unref(attrs);
	g_string_free(s, TRUE);
}
