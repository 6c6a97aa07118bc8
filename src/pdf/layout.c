/*
 * Layout: the document model becomes a flow of slices (lines, rows,
 * images), each holding positioned boxes. Nothing here draws.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "pdf/pdf.h"

#define PT(v)        ((double)(v) / PANGO_SCALE)
#define PU(v)        ((int)lround((v) * PANGO_SCALE))
#define QUOTE_INDENT 14.0
#define QUOTE_BAR    2.0
#define CODE_PAD     6.0
#define CELL_PADX    4.0
#define CELL_PADY    2.5
#define MAX_STRETCH  0.6    /* most a justified space may grow, in ems */
#define LONG_RUN     300    /* characters without a space: give breaks */
#define LONG_CODE    2000   /* the same inside code */
#define MIN_MEASURE  0.35   /* nesting indents no further than this */
#define NOTE_SEP     14.0   /* footnote separator: space with a short rule */

/* A list marker waiting for the first line of its item. */
struct marker {
	struct bp_text	*text;      /* bullet or number, NULL for a task box */
	enum bp_task	 task;
	double		 x, w;      /* marker column */
};

/* Layout state for one flow. */
struct lay {
	struct bp_lctx		*lc;
	const struct bp_style	*st;
	struct bp_flow		*flow;
	const struct bp_article	*art;
	double			 indent;    /* content x within the column */
	double			 width;     /* content width */
	double			 size;      /* body text size here */
	const char		*family;
	GArray			*bars;      /* double: x of active quote bars */
	struct marker		*marker;
	double			 space;     /* pending space before next slice */
	int			 list_depth;
	bool			 hyph;      /* text here may be hyphenated */
};

/* Text style of a run of attributed text. */
struct tstyle {
	const char	*family;
	double		 size;
	PangoWeight	 weight;
	PangoStyle	 style;
	PangoAlignment	 align;
	bool		 justify;
	PangoWrapMode	 wrap;
	struct bp_rgb	 color;
	double		 leading;
};

static struct bp_slice *slice_new(struct lay *, double);
static struct bp_box *box_add(struct lay *, enum bp_box_type);
static void want_space(struct lay *, double);
static struct bp_text *text_new(struct lay *, const char *, int,
    PangoAttrList *, const struct tstyle *, double);
static void text_free(struct bp_text *);
static bool ends_in_hyphen(PangoLayout *, int);
static void justify_lines(PangoLayout *, double);
static void line_refs(struct lay *, struct bp_slice *, const struct bp_text *,
    int);
static void emit_lines(struct lay *, struct bp_text *, const struct tstyle *,
    double, bool, const struct bp_node *);
static void attach_marker(struct lay *, double);
static struct tstyle body_style(const struct lay *);
static void add_attr(PangoAttrList *, PangoAttribute *, guint, guint);
static PangoAttribute *color_attr(struct bp_rgb);
static void append_text(struct lay *, const struct bp_node *, GString *);
static void break_long_runs(GString *, gsize, glong, glong);
static void append_noteref(struct lay *, const struct bp_node *, GString *,
    PangoAttrList *, GArray *);
static void build_inlines(struct lay *, const struct bp_node *,
    const struct bp_node *, const struct bp_node *, GString *,
    PangoAttrList *, GArray *, GArray *);
static void lay_inline_run(struct lay *, const struct bp_node *,
    const struct bp_node *, const struct bp_node *, const struct tstyle *,
    bool, const struct bp_node *);
static void lay_para(struct lay *, const struct bp_node *,
    const struct tstyle *);
static void lay_plain(struct lay *, const char *, const struct tstyle *,
    bool, const struct bp_node *, const char *);
static void lay_heading(struct lay *, const struct bp_node *);
static void lay_code(struct lay *, const char *, const struct bp_node *);
static void lay_image(struct lay *, const struct bp_node *);
static const struct bp_node *alt_noteref(const struct bp_node *,
    const struct bp_node *);
static void lay_caption_notes(struct lay *, const struct bp_node *,
    const char *, const struct tstyle *);
static void lay_list(struct lay *, const struct bp_node *);
static void lay_quote(struct lay *, const struct bp_node *);
static void lay_rule(struct lay *, const struct bp_node *);
static void lay_table(struct lay *, const struct bp_node *);
static void lay_blocks(struct lay *, const struct bp_node *);
static void lay_block(struct lay *, const struct bp_node *);
static void lay_title_block(struct lay *, const struct bp_article *);
static void lay_notes(struct lay *, const struct bp_article *);
static bool is_image_only(const struct bp_node *);
static const char *flow_str(struct lay *, char *);
static void lay_init(struct lay *, struct bp_lctx *, struct bp_flow *,
    const struct bp_article *);
static void lay_clear(struct lay *);

struct bp_flow *
bp_flow_new(void)
{
	struct bp_flow	*f = g_new0(struct bp_flow, 1);

	f->slices = g_array_new(FALSE, TRUE, sizeof(struct bp_slice));
	f->boxes = g_array_new(FALSE, TRUE, sizeof(struct bp_box));
	f->texts = g_ptr_array_new_with_free_func((GDestroyNotify)text_free);
	f->glines = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_gline_free);
	f->strings = g_ptr_array_new_with_free_func(g_free);
	f->refs = g_array_new(FALSE, FALSE, sizeof(int));
	f->note_range = g_array_new(FALSE, TRUE, sizeof(struct bp_note_range));
	return f;
}

void
bp_flow_free(struct bp_flow *f)
{
	if (f == NULL)
		return;
	g_array_free(f->slices, TRUE);
	g_array_free(f->boxes, TRUE);
	g_ptr_array_free(f->texts, TRUE);
	g_ptr_array_free(f->glines, TRUE);
	g_ptr_array_free(f->strings, TRUE);
	g_array_free(f->refs, TRUE);
	g_array_free(f->note_range, TRUE);
	bp_flow_free(f->notes);
	g_free(f);
}

void
bp_flow_forget_nodes(struct bp_flow *f)
{
	guint	 i;

	for (; f != NULL; f = f->notes) {
		for (i = 0; i < f->slices->len; i++)
			g_array_index(f->slices, struct bp_slice, i).node = NULL;
		for (i = 0; i < f->boxes->len; i++)
			g_array_index(f->boxes, struct bp_box, i).node = NULL;
	}
}

static const char *
flow_str(struct lay *l, char *s)
{
	g_ptr_array_add(l->flow->strings, s);
	return s;
}

static void
text_free(struct bp_text *t)
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
	g_free(t);
}

/* ------------------------------------------------------------------ */
/* Slices and boxes                                                    */

/*
 * Start a slice of height h. Active quote bars are drawn beside every
 * slice, reaching up over the gap to the previous slice of the quote.
 */
static struct bp_slice *
slice_new(struct lay *l, double h)
{
	struct bp_slice	 s = { 0 };
	struct bp_box	*b;
	guint		 i;

	s.h = h;
	s.space_before = l->space;
	s.first_box = l->flow->boxes->len;
	l->space = 0;
	g_array_append_val(l->flow->slices, s);
	for (i = 0; i < l->bars->len; i++) {
		b = box_add(l, BP_BOX_RECT);
		b->x = g_array_index(l->bars, double, i);
		b->y = -s.space_before;
		b->w = QUOTE_BAR;
		b->h = h + s.space_before;
		b->color = l->st->color_rule;
		b->flag = true;
	}
	return &g_array_index(l->flow->slices, struct bp_slice,
	    l->flow->slices->len - 1);
}

/* A box in the last slice. */
static struct bp_box *
box_add(struct lay *l, enum bp_box_type type)
{
	struct bp_box	 b = { 0 };
	struct bp_slice	*s = &g_array_index(l->flow->slices, struct bp_slice,
	    l->flow->slices->len - 1);

	b.type = type;
	b.color = l->st->color_text;
	g_array_append_val(l->flow->boxes, b);
	s->nboxes++;
	return &g_array_index(l->flow->boxes, struct bp_box,
	    l->flow->boxes->len - 1);
}

static void
want_space(struct lay *l, double s)
{
	if (s > l->space)
		l->space = s;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

static struct tstyle
body_style(const struct lay *l)
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

/* A PangoLayout for text, `width` wide; takes ownership of attrs. */
static struct bp_text *
text_new(struct lay *l, const char *s, int len, PangoAttrList *attrs,
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

/* Put the pending list marker beside a slice whose first baseline is bl. */
static void
attach_marker(struct lay *l, double bl)
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
		b = box_add(l, BP_BOX_CHECK);
		b->x = m->x + m->w - box - l->size * 0.45;
		b->y = bl - box;
		b->w = b->h = box;
		b->flag = m->task == BP_TASK_DONE;
		b->color = l->st->color_accent;
	} else {
		pango_layout_get_extents(m->text->layout, NULL, &log);
		b = box_add(l, BP_BOX_LINE);
		b->text = m->text;
		b->line = 0;
		b->x = m->x + m->w - PT(log.width) - l->size * 0.4;
		b->lx = 0;
		b->y = 0;
		b->baseline = bl;
		b->h = PT(log.height);
		b->w = PT(log.width);
		b->color = l->st->color_accent;
	}
	g_free(m);
}

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
static void
emit_lines(struct lay *l, struct bp_text *t, const struct tstyle *ts,
    double x, bool keep_all, const struct bp_node *node)
{
	PangoLayoutIter	*it = pango_layout_get_iter(t->layout);
	PangoRectangle	 log;
	struct bp_slice	*s;
	struct bp_box	*b;
	int		 n = pango_layout_get_line_count(t->layout), i = 0;
	int		 orphans = l->st->orphans, widows = l->st->widows;
	double		 pitch, h, bl;

	if (ts->justify)
		justify_lines(t->layout, ts->size);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h = PT(log.height);
		pitch = ts->size * ts->leading;
		if (pitch < h)
			pitch = h;
		bl = PT(pango_layout_iter_get_baseline(it) - log.y) +
		    (pitch - h) / 2;
		s = slice_new(l, pitch);
		s->node = node;
		s->keep_next = keep_all ? true : (i < orphans - 1 ||
		    (i >= n - widows && i < n - 1));
		/* A word is never hyphenated across a page break. */
		if (i < n - 1 && ends_in_hyphen(t->layout, i))
			s->keep_next = true;
		b = box_add(l, BP_BOX_LINE);
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
		line_refs(l, s, t, i);
		attach_marker(l, bl);
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* The footnotes referenced on line i of t belong to slice s. */
static void
line_refs(struct lay *l, struct bp_slice *s, const struct bp_text *t, int i)
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

/*
 * Give absurdly long runs without spaces (from `from` on) a break
 * opportunity (U+200B) every `every` characters: Pango's line breaking
 * takes time quadratic in the length of an unbreakable run.
 */
static void
break_long_runs(GString *s, gsize from, glong longer, glong every)
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

/* Text, with soft hyphens where the language's dictionary allows. */
static void
append_text(struct lay *l, const struct bp_node *n, GString *s)
{
	bool	 missing_first = false;
	gsize	 from = s->len;

	if (!l->hyph || l->lc->hyph == NULL) {
		g_string_append(s, n->text);
		break_long_runs(s, from, LONG_RUN, LONG_RUN / 3);
		return;
	}
	if (!bp_hyph_append(l->lc->hyph, l->lc->lang, n->text, s,
	    &missing_first) && missing_first)
		bp_diag_at(l->lc->diag, l->art != NULL ? l->art->path : NULL,
		    BP_WARNING, 0, 0, "no hyphenation dictionary for language "
		    "\"%s\"; text is not hyphenated", l->lc->lang != NULL ?
		    l->lc->lang : "");
	break_long_runs(s, from, LONG_RUN, LONG_RUN / 3);
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
 * as text with attributes and link ranges. Walks without recursion.
 * Notes cited in a link's text follow the link, as in the EPUB.
 */
static void
build_inlines(struct lay *l, const struct bp_node *root,
    const struct bp_node *first, const struct bp_node *stop, GString *s,
    PangoAttrList *attrs, GArray *links, GArray *refs)
{
	const struct bp_node	*n = first;
	GArray			*starts = g_array_new(FALSE, FALSE, sizeof(guint));
	GPtrArray		*later = g_ptr_array_new();
	guint			 st, k;
	struct bp_link		 lk;
	int			 in_link = 0;
	bool			 down;

	while (n != NULL && n != stop) {
		/* Enter n. */
		down = false;
		switch (n->type) {
		case BP_NODE_TEXT:
			append_text(l, n, s);
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
			add_attr(attrs, pango_attr_family_new(l->st->font_mono),
			    st, (guint)s->len);
			add_attr(attrs, pango_attr_scale_new(0.88), st,
			    (guint)s->len);
			break;
		case BP_NODE_FOOTNOTE_REF:
			if (in_link > 0)
				g_ptr_array_add(later, (gpointer)n);
			else
				append_noteref(l, n, s, attrs, refs);
			break;
		case BP_NODE_LINK:
			down = n->first != NULL;
			if (down)
				in_link++;
			break;
		case BP_NODE_IMAGE:
			/* An image inside running text shows its alt text. */
			down = n->first != NULL;
			break;
		default:
			down = n->first != NULL;
			break;
		}
		if (down) {
			st = (guint)s->len;
			g_array_append_val(starts, st);
			n = n->first;
			continue;
		}
		/* Leave n and every ancestor whose children are done. */
		for (;;) {
			if (n != first && n->next == NULL && n->parent != root &&
			    n->parent != NULL && starts->len > 0) {
				n = n->parent;
				st = g_array_index(starts, guint, starts->len - 1);
				g_array_set_size(starts, starts->len - 1);
				switch (n->type) {
				case BP_NODE_EMPH:
					add_attr(attrs, pango_attr_style_new(
					    PANGO_STYLE_ITALIC), st, (guint)s->len);
					break;
				case BP_NODE_STRONG:
					add_attr(attrs, pango_attr_weight_new(
					    PANGO_WEIGHT_BOLD), st, (guint)s->len);
					break;
				case BP_NODE_STRIKE:
					add_attr(attrs, pango_attr_strikethrough_new(
					    TRUE), st, (guint)s->len);
					break;
				case BP_NODE_LINK:
					add_attr(attrs, color_attr(l->st->color_link),
					    st, (guint)s->len);
					memset(&lk, 0, sizeof lk);
					lk.start = (int)st;
					lk.end = (int)s->len;
					lk.uri = g_strdup(n->u.link.url);
					if (links != NULL && lk.end > lk.start)
						g_array_append_val(links, lk);
					else
						g_free(lk.uri);
					if (--in_link > 0)
						break;
					for (k = 0; k < later->len; k++)
						append_noteref(l, g_ptr_array_index(
						    later, k), s, attrs, refs);
					g_ptr_array_set_size(later, 0);
					break;
				default:
					break;
				}
				continue;
			}
			break;
		}
		if (n == first && starts->len == 0) {
			n = n->next;
			first = n;
			continue;
		}
		n = n->next;
	}
	/* A run that ends inside a link still shows its notes. */
	for (k = 0; k < later->len; k++)
		append_noteref(l, g_ptr_array_index(later, k), s, attrs, refs);
	g_ptr_array_free(later, TRUE);
	g_array_free(starts, TRUE);
}

/* Lay out inline nodes [first, stop) of `root` as one paragraph. */
static void
lay_inline_run(struct lay *l, const struct bp_node *root,
    const struct bp_node *first, const struct bp_node *stop,
    const struct tstyle *ts, bool keep_all, const struct bp_node *node)
{
	GString		*s = g_string_new(NULL);
	PangoAttrList	*attrs = pango_attr_list_new();
	GArray		*links = g_array_new(FALSE, TRUE, sizeof(struct bp_link));
	GArray		*refs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));
	struct bp_text	*t;
	struct bp_link	*lk;
	gsize		 lead;
	guint		 i;

	build_inlines(l, root, first, stop, s, attrs, links, refs);
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
	}
	if (s->len == 0 && l->marker == NULL) {
		g_array_free(refs, TRUE);
		g_array_free(links, TRUE);
		pango_attr_list_unref(attrs);
		g_string_free(s, TRUE);
		return;
	}
	t = text_new(l, s->str, (int)s->len, attrs, ts, l->width);
	g_array_free(t->links, TRUE);
	t->links = links;
	g_array_free(t->noterefs, TRUE);
	t->noterefs = refs;
	emit_lines(l, t, ts, l->indent, keep_all, node);
	g_string_free(s, TRUE);
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

/*
 * A paragraph. Images at its top level become figures between the text
 * before and after them.
 */
static void
lay_para(struct lay *l, const struct bp_node *p, const struct tstyle *ts)
{
	const struct bp_node	*c, *run = p->first;
	const struct bp_node	*img;

	want_space(l, l->st->para_space);
	for (c = p->first; c != NULL; c = c->next) {
		img = c->type == BP_NODE_IMAGE ? c :
		    (c->type == BP_NODE_LINK && is_image_only(c)) ? c->first :
		    NULL;
		if (img == NULL)
			continue;
		if (run != c)
			lay_inline_run(l, p, run, c, ts, false, p);
		lay_image(l, img);
		run = c->next;
	}
	if (run != NULL || (p->first == NULL && l->marker != NULL))
		lay_inline_run(l, p, run, NULL, ts, false, p);
	want_space(l, l->st->para_space);
}

/* Plain text as a paragraph (title block, messages). */
static void
lay_plain(struct lay *l, const char *text, const struct tstyle *ts,
    bool keep_all, const struct bp_node *node, const char *link)
{
	struct bp_text	*t;
	struct bp_link	 lk = { 0 };
	GString		*gs;

	if (text == NULL || *text == '\0')
		return;
	gs = g_string_new(text);
	break_long_runs(gs, 0, LONG_RUN, LONG_RUN / 3);
	t = text_new(l, gs->str, (int)gs->len, NULL, ts, l->width);
	if (link != NULL) {
		lk.start = 0;
		lk.end = (int)gs->len;
		lk.uri = g_strdup(link);
		g_array_append_val(t->links, lk);
	}
	emit_lines(l, t, ts, l->indent, keep_all, node);
	g_string_free(gs, TRUE);
}

static void
lay_heading(struct lay *l, const struct bp_node *h)
{
	struct tstyle	 ts = body_style(l);
	int		 lv = h->u.heading.level;
	struct bp_slice	*s;
	guint		 first = l->flow->slices->len;
	bool		 saved_hyph;

	ts.family = l->st->font_heading;
	ts.size = l->st->size_h[lv < 1 ? 0 : lv > 6 ? 5 : lv - 1];
	ts.weight = lv <= 4 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD;
	ts.style = lv == 6 ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD;
	ts.color = l->st->color_heading;
	ts.leading = 1.2;
	want_space(l, ts.size * (lv <= 2 ? 1.1 : 0.9));
	/* Headings are never hyphenated. */
	saved_hyph = l->hyph;
	l->hyph = false;
	lay_inline_run(l, h, h->first, NULL, &ts, true, h);
	l->hyph = saved_hyph;
	if (l->flow->slices->len > first) {
		s = &g_array_index(l->flow->slices, struct bp_slice, first);
		s->outline_level = lv + 1;
		s->outline_title = flow_str(l, bp_node_plain_text(h));
		/* The last line also keeps with what follows. */
		g_array_index(l->flow->slices, struct bp_slice,
		    l->flow->slices->len - 1).keep_next = true;
	}
	want_space(l, ts.size * 0.35);
}

/* Code and raw HTML: monospace on a shaded ground, wrapped, never wider. */
static void
lay_code(struct lay *l, const char *code, const struct bp_node *node)
{
	struct tstyle	 ts = body_style(l);
	struct bp_text	*t;
	PangoLayoutIter	*it;
	PangoRectangle	 log;
	struct bp_slice	*s;
	struct bp_box	*b;
	char		*text = g_strdup(code != NULL ? code : "");
	size_t		 len = strlen(text);
	PangoAttrList	*attrs;
	GString		*gtext;
	int		 i = 0, n;
	double		 pitch, h, bl, pad_top, pad_bot;

	while (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	gtext = g_string_new_len(text, (gssize)len);
	break_long_runs(gtext, 0, LONG_CODE, LONG_CODE / 10);
	g_free(text);
	len = gtext->len;
	text = g_string_free(gtext, FALSE);
	ts.family = l->st->font_mono;
	ts.size = l->st->size_code;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_CHAR;
	ts.leading = 1.3;
	want_space(l, l->st->para_space);
	/* Wrapped code gets a mark, never a hyphen that could be copied. */
	attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	t = text_new(l, text, (int)len, attrs, &ts, l->width - 2 * CODE_PAD);
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
		s = slice_new(l, pitch + pad_top + pad_bot);
		s->node = node;
		s->keep_next = i == 0 || i >= n - 2;
		b = box_add(l, BP_BOX_RECT);
		b->x = l->indent;
		b->y = 0;
		b->w = l->width;
		b->h = pitch + pad_top + pad_bot;
		b->color = l->st->color_shade;
		b = box_add(l, BP_BOX_LINE);
		b->text = t;
		b->line = i;
		b->x = l->indent + CODE_PAD;
		b->lx = PT(log.x);
		b->w = PT(log.width);
		b->h = pitch;
		b->baseline = bl;
		b->node = node;
		/* A wrapped line carries a mark in the left padding. */
		if (!pango_layout_iter_get_line_readonly(it)->is_paragraph_start) {
			b = box_add(l, BP_BOX_CONT);
			b->x = l->indent + 1;
			b->y = bl - ts.size * 0.6;
			b->w = CODE_PAD - 2;
			b->h = ts.size * 0.55;
			b->color = l->st->color_rule;
		}
		attach_marker(l, bl);
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	want_space(l, l->st->para_space);
	g_free(text);
}

/* A figure: scaled to the column and the page, never past 150 dpi. */
static void
lay_image(struct lay *l, const struct bp_node *img)
{
	struct bp_lctx		*lc = l->lc;
	struct bp_pimage	*pi;
	struct tstyle		 ts = body_style(l);
	struct bp_slice		*s;
	struct bp_box		*b;
	char			*why = NULL, *alt = NULL, *msg = NULL;
	double			 w, h, maxh = lc->body_h * 0.75;
	const char		*caption;
	bool			 cites = alt_noteref(img, NULL) != NULL;

	pi = bp_pimage_get(lc->images, img->u.link.image, &why);
	alt = bp_node_plain_text(img);
	want_space(l, l->st->para_space);
	if (pi == NULL) {
		/* Problems found while loading were reported then. */
		if (img->u.link.image != NULL && img->u.link.image->data != NULL)
			bp_diag_at(lc->diag, l->art != NULL ? l->art->path : NULL,
			    BP_WARNING, img->line, img->col, "image \"%s\" %s",
			    img->u.link.url, why);
		lc->placeholders++;
		s = slice_new(l, l->size * 5);
		s->node = img;
		attach_marker(l, l->size);
		b = box_add(l, BP_BOX_FRAME);
		b->x = l->indent;
		b->w = l->width;
		b->h = l->size * 5;
		b->color = l->st->color_rule;
		b->node = img;
		ts.align = PANGO_ALIGN_CENTER;
		ts.justify = false;
		ts.size = l->st->size_small;
		ts.style = PANGO_STYLE_ITALIC;
		msg = g_strdup_printf("%s: %s", bp_l10n_word(lc->lang,
		    BP_W_IMAGE_MISSING), img->u.link.url);
		/* Draw the message inside the frame: pull it up over it. */
		l->space = 0;
		{
			guint	 before = l->flow->slices->len;
			double	 total = 0;
			guint	 k;

			lay_plain(l, msg, &ts, true, img, NULL);
			for (k = before; k < l->flow->slices->len; k++)
				total += g_array_index(l->flow->slices,
				    struct bp_slice, k).h;
			/* Centre the lines in the frame, or grow the frame. */
			s = &g_array_index(l->flow->slices, struct bp_slice,
			    before - 1);
			if (total + 8 > s->h) {
				s->h = total + 8;
				g_array_index(l->flow->boxes, struct bp_box,
				    s->first_box + s->nboxes - 1).h = s->h;
			}
			s->keep_next = true;
			for (k = before; k < l->flow->slices->len; k++) {
				struct bp_slice *ks = &g_array_index(
				    l->flow->slices, struct bp_slice, k);
				if (k == before)
					ks->space_before = -(s->h + total) / 2;
				ks->keep_next = k + 1 < l->flow->slices->len;
			}
			/* What follows starts below the frame again. */
			l->space = 0;
			want_space(l, 0);
			s = slice_new(l, (s->h - total) / 2);
			s->node = img;
		}
		goto caption;
	}
	w = pi->w;
	h = pi->h;
	if (w > l->width) {
		h *= l->width / w;
		w = l->width;
	}
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	s = slice_new(l, h);
	s->node = img;
	s->min_h = h * 0.6;
	attach_marker(l, l->size);
	b = box_add(l, BP_BOX_IMAGE);
	b->x = l->indent + (l->width - w) / 2;
	b->w = w;
	b->h = h;
	b->image = pi;
	b->node = img;
caption:
	caption = img->u.link.title != NULL && *img->u.link.title != '\0' ?
	    img->u.link.title : alt;
	if ((caption != NULL && *caption != '\0') || cites) {
		g_array_index(l->flow->slices, struct bp_slice,
		    l->flow->slices->len - 1).keep_next = true;
		ts = body_style(l);
		ts.size = l->st->size_small;
		ts.style = PANGO_STYLE_ITALIC;
		ts.align = PANGO_ALIGN_CENTER;
		ts.justify = false;
		want_space(l, 3);
		if (cites)
			lay_caption_notes(l, img, caption, &ts);
		else
			lay_plain(l, caption, &ts, true, img, NULL);
	}
	want_space(l, l->st->para_space);
	g_free(why);
	g_free(alt);
	g_free(msg);
}

/* The note reference in img's alt text after `after` (NULL: the first). */
static const struct bp_node *
alt_noteref(const struct bp_node *img, const struct bp_node *after)
{
	const struct bp_node	*n = after;

	for (;;) {
		if (n == NULL)
			n = img->first;
		else if (n->first != NULL)
			n = n->first;
		else {
			while (n != img && n->next == NULL)
				n = n->parent;
			n = n == img ? NULL : n->next;
		}
		if (n == NULL || n->type == BP_NODE_FOOTNOTE_REF)
			return n;
	}
}

/*
 * A caption followed by the numbers of the notes img's alt text cites
 * (the caption is plain text, or the title): they tie the notes to this
 * page, as the EPUB's <figcaption> does.
 */
static void
lay_caption_notes(struct lay *l, const struct bp_node *img,
    const char *caption, const struct tstyle *ts)
{
	GString			*s = g_string_new(caption);
	PangoAttrList		*attrs = pango_attr_list_new();
	GArray			*refs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));
	const struct bp_node	*n;
	struct bp_text		*t;

	break_long_runs(s, 0, LONG_RUN, LONG_RUN / 3);
	for (n = alt_noteref(img, NULL); n != NULL; n = alt_noteref(img, n))
		build_inlines(l, img, n, n->next, s, attrs, NULL, refs);
	t = text_new(l, s->str, (int)s->len, attrs, ts, l->width);
	g_array_free(t->noterefs, TRUE);
	t->noterefs = refs;
	emit_lines(l, t, ts, l->indent, true, img);
	g_string_free(s, TRUE);
}

static void
lay_list(struct lay *l, const struct bp_node *list)
{
	static const char *const bullets[] = {
		"\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x97\xa6",
	};
	const struct bp_node	*item;
	struct tstyle		 ts = body_style(l);
	struct marker		*m;
	PangoRectangle		 log;
	struct bp_text		*probe;
	char			 buf[32];
	double			 mw, saved_indent = l->indent;
	double			 saved_width = l->width;
	int			 num = list->u.list.start, last;

	/* The marker column fits the widest number of the list. */
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD;
	mw = l->size * 1.5;
	if (list->u.list.ordered) {
		last = num;
		for (item = list->first; item != NULL; item = item->next)
			last++;
		g_snprintf(buf, sizeof buf, "%d%c", last > num ? last - 1 : num,
		    list->u.list.delim);
		probe = text_new(l, buf, -1, NULL, &ts, 1000);
		pango_layout_get_extents(probe->layout, NULL, &log);
		if (PT(log.width) + l->size * 0.6 > mw)
			mw = PT(log.width) + l->size * 0.6;
	}
	want_space(l, l->st->para_space);
	l->list_depth++;
	for (item = list->first; item != NULL; item = item->next, num++) {
		m = g_new0(struct marker, 1);
		m->x = saved_indent;
		m->w = mw;
		m->task = item->u.item.task;
		if (m->task == BP_TASK_NONE) {
			if (list->u.list.ordered)
				g_snprintf(buf, sizeof buf, "%d%c", num,
				    list->u.list.delim);
			else
				g_strlcpy(buf, bullets[(l->list_depth - 1) % 3],
				    sizeof buf);
			m->text = text_new(l, buf, -1, NULL, &ts, 1000);
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
			want_space(l, list->u.list.tight ? l->size * 0.2 :
			    l->st->para_space);
		lay_blocks(l, item);
		/* An empty item still shows its marker. */
		if (l->marker != NULL) {
			lay_plain(l, " ", &ts, false, item, NULL);
			if (l->marker != NULL) {
				g_free(l->marker);
				l->marker = NULL;
			}
		}
		l->indent = saved_indent;
		l->width = saved_width;
		if (list->u.list.tight)
			l->space = l->size * 0.2;
	}
	l->list_depth--;
	l->space = 0;
	want_space(l, l->st->para_space);
}

static void
lay_quote(struct lay *l, const struct bp_node *q)
{
	double	 bar = l->indent + 1, in = QUOTE_INDENT;
	guint	 nbars = l->bars->len;

	/* Deep nesting stops indenting (and adding rules) at some point. */
	if (l->width - in < l->lc->col_w * MIN_MEASURE)
		in = 0;
	want_space(l, l->st->para_space);
	if (in > 0)
		g_array_append_val(l->bars, bar);
	l->indent += in;
	l->width -= in;
	lay_blocks(l, q);
	l->indent -= in;
	l->width += in;
	g_array_set_size(l->bars, nbars);
	want_space(l, l->st->para_space);
}

static void
lay_rule(struct lay *l, const struct bp_node *r)
{
	struct bp_slice	*s;
	struct bp_box	*b;

	want_space(l, l->st->para_space);
	s = slice_new(l, l->size);
	s->node = r;
	attach_marker(l, l->size * 0.8);
	b = box_add(l, BP_BOX_HRULE);
	b->x = l->indent + l->width * 0.3;
	b->y = l->size * 0.5;
	b->w = l->width * 0.4;
	b->h = 0.6;
	b->color = l->st->color_rule;
	want_space(l, l->st->para_space);
}

/*
 * A table: column widths from the content (widest word and unwrapped
 * width of each column), cells wrapped, one slice per row.
 */
static void
lay_table(struct lay *l, const struct bp_node *t)
{
	const struct bp_node	*row, *cell;
	int			 nc = t->u.table.ncols, c, id;
	double			*minw = NULL, *natw = NULL, *colw = NULL;
	double			 summin = 0, sumnat = 0, avail, x, rowh;
	struct tstyle		 ts = body_style(l);
	struct bp_text		*tx;
	struct bp_slice		*s;
	struct bp_box		*b;
	PangoRectangle		 log;
	GPtrArray		*cells = NULL;
	GString			*str;
	PangoAttrList		*attrs;
	PangoLayoutIter		*it;
	int			 i, li;
	double			 cy, pitch, h;
	bool			 saved_hyph;
	PangoFontDescription	*fd;
	GArray			*cellrefs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));

	if (nc <= 0)
		return;
	id = ++l->lc->ntables;
	minw = g_new0(double, nc);
	natw = g_new0(double, nc);
	colw = g_new0(double, nc);
	cells = g_ptr_array_new();
	ts.size = l->st->size_table;
	ts.justify = false;
	ts.leading = 1.25;
	avail = l->width;

	/*
	 * Measure: unwrapped width and the widest word of every cell. Cells
	 * are not hyphenated: text extraction interleaves a row's cells line
	 * by line, so a broken word would come apart.
	 */
	saved_hyph = l->hyph;
	l->hyph = false;
	for (row = t->first; row != NULL; row = row->next) {
		for (cell = row->first, c = 0; cell != NULL && c < nc;
		    cell = cell->next, c++) {
			str = g_string_new(NULL);
			attrs = pango_attr_list_new();
			build_inlines(l, cell, cell->first, NULL, str, attrs, NULL,
			    cellrefs);
			ts.weight = row->u.row.header ? PANGO_WEIGHT_BOLD :
			    PANGO_WEIGHT_NORMAL;
			tx = text_new(l, str->str, (int)str->len, attrs, &ts, 1);
			g_array_append_vals(tx->noterefs, cellrefs->data,
			    cellrefs->len);
			g_array_set_size(cellrefs, 0);
			pango_layout_set_wrap(tx->layout, PANGO_WRAP_WORD);
			pango_layout_get_extents(tx->layout, NULL, &log);
			if (PT(log.width) + 2 * CELL_PADX > minw[c])
				minw[c] = PT(log.width) + 2 * CELL_PADX;
			pango_layout_set_width(tx->layout, -1);
			pango_layout_get_extents(tx->layout, NULL, &log);
			if (PT(log.width) + 2 * CELL_PADX > natw[c])
				natw[c] = PT(log.width) + 2 * CELL_PADX;
			g_ptr_array_add(cells, tx);
			g_string_free(str, TRUE);
		}
	}
	l->hyph = saved_hyph;
	for (c = 0; c < nc; c++) {
		if (natw[c] < minw[c])
			natw[c] = minw[c];
		if (natw[c] < l->size * 2)
			natw[c] = l->size * 2;
		summin += minw[c];
		sumnat += natw[c];
	}

	/*
	 * Too wide even at the widest words: shrink the text toward the
	 * style's floor and measure again; what is still too wide wraps
	 * inside words.
	 */
	if (summin > avail && ts.size > l->st->size_table_min) {
		ts.size = MAX(l->st->size_table_min, ts.size * avail / summin);
		summin = sumnat = 0;
		memset(minw, 0, sizeof *minw * (size_t)nc);
		memset(natw, 0, sizeof *natw * (size_t)nc);
		i = 0;
		for (row = t->first; row != NULL; row = row->next)
			for (cell = row->first, c = 0; cell != NULL && c < nc;
			    cell = cell->next, c++) {
				tx = g_ptr_array_index(cells, i++);
				fd = pango_font_description_copy(
				    pango_layout_get_font_description(tx->layout));
				pango_font_description_set_size(fd, PU(ts.size));
				pango_layout_set_font_description(tx->layout, fd);
				pango_font_description_free(fd);
				pango_layout_set_width(tx->layout, 1);
				pango_layout_get_extents(tx->layout, NULL, &log);
				minw[c] = MAX(minw[c], PT(log.width) + 2 * CELL_PADX);
				pango_layout_set_width(tx->layout, -1);
				pango_layout_get_extents(tx->layout, NULL, &log);
				natw[c] = MAX(natw[c], PT(log.width) + 2 * CELL_PADX);
			}
		for (c = 0; c < nc; c++) {
			natw[c] = MAX(natw[c], MAX(minw[c], ts.size * 2));
			summin += minw[c];
			sumnat += natw[c];
		}
	}

	/* Widths: natural if it fits; else share out what is left. */
	for (c = 0; c < nc; c++) {
		if (sumnat <= avail)
			colw[c] = natw[c] + (avail - sumnat) * natw[c] / sumnat;
		else if (summin < avail)
			colw[c] = minw[c] + (avail - summin) *
			    (natw[c] - minw[c]) / (sumnat - summin);
		else
			colw[c] = avail * minw[c] / summin;
	}

	/* Rows: wrap each cell at its column width; a slice per row. */
	want_space(l, l->st->para_space);
	i = 0;
	for (row = t->first; row != NULL; row = row->next) {
		rowh = 0;
		li = i;
		for (cell = row->first, c = 0; cell != NULL && c < nc;
		    cell = cell->next, c++) {
			tx = g_ptr_array_index(cells, li++);
			pango_layout_set_wrap(tx->layout, PANGO_WRAP_WORD_CHAR);
			pango_layout_set_width(tx->layout,
			    PU(colw[c] - 2 * CELL_PADX));
			pango_layout_set_alignment(tx->layout,
			    cell->u.cell.align == BP_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
			    cell->u.cell.align == BP_ALIGN_CENTER ?
			    PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
			h = pango_layout_get_line_count(tx->layout) *
			    ts.size * ts.leading;
			pango_layout_get_extents(tx->layout, NULL, &log);
			if (PT(log.height) > h)
				h = PT(log.height);
			if (h > rowh)
				rowh = h;
		}
		rowh += 2 * CELL_PADY;
		if (rowh > l->lc->body_h)
			bp_diag_at(l->lc->diag, l->art != NULL ? l->art->path :
			    NULL, BP_WARNING, row->line, row->col, "table row is "
			    "taller than a page and is cut at the page foot");
		s = slice_new(l, rowh);
		s->node = row;
		s->table = id;
		if (row->u.row.header) {
			s->header_of = id;
			s->keep_next = true;
			b = box_add(l, BP_BOX_RECT);
			b->x = l->indent;
			b->w = avail;
			b->h = rowh;
			b->color = l->st->color_shade;
		}
		x = l->indent;
		for (cell = row->first, c = 0; cell != NULL && c < nc;
		    cell = cell->next, c++) {
			tx = g_ptr_array_index(cells, i++);
			it = pango_layout_get_iter(tx->layout);
			cy = CELL_PADY;
			li = 0;
			do {
				pango_layout_iter_get_line_extents(it, NULL, &log);
				pitch = ts.size * ts.leading;
				if (pitch < PT(log.height))
					pitch = PT(log.height);
				b = box_add(l, BP_BOX_LINE);
				b->text = tx;
				b->line = li++;
				b->x = x + CELL_PADX;
				b->lx = PT(log.x);
				b->y = cy;
				b->w = PT(log.width);
				b->h = pitch;
				b->baseline = PT(pango_layout_iter_get_baseline(it) -
				    log.y) + (pitch - PT(log.height)) / 2;
				b->node = cell;
				line_refs(l, s, tx, li - 1);
				cy += pitch;
			} while (pango_layout_iter_next_line(it));
			pango_layout_iter_free(it);
			x += colw[c];
		}
		b = box_add(l, BP_BOX_HRULE);
		b->x = l->indent;
		b->y = rowh;
		b->w = avail;
		b->h = row->u.row.header ? 0.9 : 0.4;
		b->color = row->u.row.header ? l->st->color_accent :
		    l->st->color_rule;
		if (row == t->first) {
			b = box_add(l, BP_BOX_HRULE);
			b->x = l->indent;
			b->y = 0;
			b->w = avail;
			b->h = 0.9;
			b->color = l->st->color_accent;
		}
	}
	want_space(l, l->st->para_space);
	g_array_free(cellrefs, TRUE);
	g_ptr_array_free(cells, TRUE);
	g_free(minw);
	g_free(natw);
	g_free(colw);
}

static void
lay_block(struct lay *l, const struct bp_node *n)
{
	struct tstyle	 ts = body_style(l);

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
		lay_table(l, n);
		break;
	case BP_NODE_ITEM:
	case BP_NODE_DOCUMENT:
	case BP_NODE_FOOTNOTE_DEF:
		lay_blocks(l, n);
		break;
	default:
		/* Stray inline content at block level: a paragraph. */
		lay_inline_run(l, n->parent, n, n->next, &ts, false, n);
		break;
	}
}

static void
lay_blocks(struct lay *l, const struct bp_node *parent)
{
	const struct bp_node	*c;

	for (c = parent->first; c != NULL; c = c->next)
		lay_block(l, c);
}

/* Title, subtitle, byline, source and summary, kept with the body. */
static void
lay_title_block(struct lay *l, const struct bp_article *art)
{
	const struct bp_meta	*m = &art->meta;
	const char		*lang = l->lc->lang;
	struct tstyle		 ts = body_style(l);
	struct bp_slice		*s;
	GString			*by = g_string_new(NULL);
	char			*date = NULL, *authors = NULL, *src = NULL;
	guint			 first = l->flow->slices->len, k, abs_first;
	struct bp_box		*b;

	ts.family = l->st->font_heading;
	ts.size = l->st->size_title;
	ts.weight = PANGO_WEIGHT_BOLD;
	ts.justify = false;
	ts.wrap = PANGO_WRAP_WORD;
	ts.color = l->st->color_heading;
	ts.leading = 1.15;
	lay_plain(l, m->title, &ts, true, NULL, NULL);
	if (l->flow->slices->len > first) {
		s = &g_array_index(l->flow->slices, struct bp_slice, first);
		s->outline_level = 1;
		s->outline_title = m->title;
	}
	if (m->subtitle != NULL) {
		ts.size = l->st->size_h[1];
		ts.weight = PANGO_WEIGHT_NORMAL;
		ts.color = l->st->color_accent;
		want_space(l, 4);
		lay_plain(l, m->subtitle, &ts, true, NULL, NULL);
	}

	/* Byline: authors and date; then the source as a link. */
	ts = body_style(l);
	ts.family = l->st->font_heading;
	ts.size = l->st->size_small + 0.5;
	ts.justify = false;
	ts.color = l->st->color_accent;
	if (m->authors != NULL && m->authors[0] != NULL) {
		authors = g_strjoinv(", ", m->authors);
		g_string_append_printf(by, "%s %s", bp_l10n_word(lang, BP_W_BY),
		    authors);
	}
	date = bp_l10n_date(lang, &m->date);
	if (*date != '\0')
		g_string_append_printf(by, "%s%s", by->len > 0 ?
		    "  \xc2\xb7  " : "", date);
	want_space(l, 8);
	lay_plain(l, by->str, &ts, true, NULL, NULL);
	if (m->source != NULL) {
		src = g_strdup_printf("%s: %s", bp_l10n_word(lang, BP_W_SOURCE),
		    m->source);
		want_space(l, 2);
		lay_plain(l, src, &ts, true, NULL, g_uri_peek_scheme(m->source) ?
		    m->source : NULL);
	}

	/* Summary on a shaded ground. */
	if (m->abstract != NULL) {
		want_space(l, 10);
		abs_first = l->flow->slices->len;
		ts = body_style(l);
		ts.family = l->st->font_heading;
		ts.size = l->st->size_small;
		ts.weight = PANGO_WEIGHT_BOLD;
		ts.justify = false;
		ts.color = l->st->color_accent;
		l->indent += 8;
		l->width -= 16;
		lay_plain(l, bp_l10n_word(lang, BP_W_SUMMARY), &ts, true, NULL,
		    NULL);
		ts = body_style(l);
		ts.style = PANGO_STYLE_NORMAL;
		want_space(l, 2);
		lay_plain(l, m->abstract, &ts, true, NULL, NULL);
		l->indent -= 8;
		l->width += 16;
		/* Shade each slice, padded at the first and last. */
		for (k = abs_first; k < l->flow->slices->len; k++) {
			s = &g_array_index(l->flow->slices, struct bp_slice, k);
			if (k == abs_first)
				s->h += 6;
			if (k + 1 == l->flow->slices->len)
				s->h += 6;
		}
		for (k = abs_first; k < l->flow->slices->len; k++) {
			s = &g_array_index(l->flow->slices, struct bp_slice, k);
			if (k == abs_first) {
				guint	 bi;
				for (bi = s->first_box; bi < s->first_box +
				    s->nboxes; bi++)
					g_array_index(l->flow->boxes,
					    struct bp_box, bi).y += 6;
			}
			/* Insert the shade as the slice's first box. */
			{
				struct bp_box	 shade = { 0 };

				shade.type = BP_BOX_RECT;
				shade.x = l->indent;
				shade.y = k == abs_first ? 0 : -s->space_before;
				shade.w = l->width;
				shade.h = s->h + (k == abs_first ? 0 :
				    s->space_before);
				shade.color = l->st->color_shade;
				shade.flag = k != abs_first;
				g_array_insert_val(l->flow->boxes, s->first_box,
				    shade);
				s->nboxes++;
				/* Later slices' boxes moved by one. */
				{
					guint	 j;
					for (j = k + 1; j < l->flow->slices->len;
					    j++)
						g_array_index(l->flow->slices,
						    struct bp_slice, j).first_box++;
				}
			}
		}
	}

	/* A rule under the title block; all of it keeps with the body. */
	for (k = first; k < l->flow->slices->len; k++)
		g_array_index(l->flow->slices, struct bp_slice, k).keep_next =
		    true;
	want_space(l, 10);
	s = slice_new(l, 1);
	s->keep_next = true;
	b = box_add(l, BP_BOX_HRULE);
	b->w = l->width;
	b->h = 0.6;
	b->color = l->st->color_rule;
	want_space(l, 14);
	g_string_free(by, TRUE);
	g_free(date);
	g_free(authors);
	g_free(src);
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
	l.size = l.st->size_small;
	ts = body_style(&l);
	ts.justify = false;
	mw = l.size * 1.8;
	for (i = 0; i < art->nnotes; i++) {
		m = g_new0(struct marker, 1);
		g_snprintf(buf, sizeof buf, "%d", art->notes[i]->u.fn.num);
		m->text = text_new(&l, buf, -1, NULL, &ts, 100);
		m->x = 0;
		m->w = mw;
		g_free(l.marker);
		l.marker = m;
		l.indent = mw;
		l.width = body->lc->col_w - mw;
		r.first = nf->slices->len;
		l.space = 0;
		want_space(&l, 3);
		lay_blocks(&l, art->notes[i]);
		if (l.marker != NULL)
			lay_plain(&l, " ", &ts, false, art->notes[i], NULL);
		r.n = nf->slices->len - r.first;
		g_array_append_val(body->flow->note_range, r);
	}
	lay_clear(&l);
}

/*
 * Lines become glyph runs and the PangoLayouts go: a laid-out flow
 * then costs a few bytes a glyph until its pages are painted.
 */
static void
compact(struct bp_flow *f)
{
	struct bp_box	*b;
	guint		 i;

	if (f == NULL)
		return;
	for (i = f->compacted; i < f->boxes->len; i++) {
		b = &g_array_index(f->boxes, struct bp_box, i);
		if (b->text == NULL)
			continue;
		b->gline = bp_gline_new(b->text, b->line);
		g_ptr_array_add(f->glines, b->gline);
		b->text = NULL;
	}
	f->compacted = f->boxes->len;
	g_ptr_array_set_size(f->texts, 0);
	compact(f->notes);
}

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
	flow->article = art;
}

static void
lay_clear(struct lay *l)
{
	g_array_free(l->bars, TRUE);
	g_free(l->marker);
}

struct bp_flow *
bp_layout_article(struct bp_lctx *lc, const struct bp_article *art)
{
	struct bp_flow	*flow = bp_flow_new();
	struct lay	 l;
	struct tstyle	 ts;
	const struct bp_node *n;
	char		*msg = NULL;

	lay_init(&l, lc, flow, art);
	lay_title_block(&l, art);
	if (art->failed) {
		ts = body_style(&l);
		ts.weight = PANGO_WEIGHT_BOLD;
		ts.justify = false;
		lay_plain(&l, bp_l10n_word(lc->lang, BP_W_ARTICLE_FAILED), &ts,
		    true, NULL, NULL);
		ts.weight = PANGO_WEIGHT_NORMAL;
		msg = g_strdup_printf("%s: %s", art->path, art->error);
		want_space(&l, 6);
		lay_plain(&l, msg, &ts, false, NULL, NULL);
	} else if (art->body != NULL) {
		/* Block by block, so few PangoLayouts live at once. */
		for (n = art->body->first; n != NULL; n = n->next) {
			lay_block(&l, n);
			if (l.marker == NULL)
				compact(flow);
		}
		lay_notes(&l, art);
	}
	lay_clear(&l);
	g_free(msg);
	compact(flow);
	return flow;
}

struct bp_flow *
bp_layout_contents(struct bp_lctx *lc, const struct bp_pack *pack)
{
	struct bp_flow		*flow = bp_flow_new();
	struct lay		 l;
	struct tstyle		 ts;
	const struct bp_article	*art;
	struct bp_text		*t;
	struct bp_link		 lk = { 0 };
	struct bp_slice		*s;
	struct bp_box		*b;
	GString			*sub = g_string_new(NULL);
	GUri			*host;
	char			*date;
	guint			 i;
	double			 numw = 36;

	lay_init(&l, lc, flow, NULL);
	ts = body_style(&l);
	ts.family = lc->style->font_heading;
	ts.size = lc->style->size_title;
	ts.weight = PANGO_WEIGHT_BOLD;
	ts.justify = false;
	ts.color = lc->style->color_heading;
	lay_plain(&l, bp_l10n_word(lc->lang, BP_W_CONTENTS), &ts, true, NULL,
	    NULL);
	s = &g_array_index(flow->slices, struct bp_slice, 0);
	s->outline_level = 1;
	s->outline_title = bp_l10n_word(lc->lang, BP_W_CONTENTS);
	want_space(&l, 18);

	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		/* Title, leaving room for dots and the page number. */
		ts = body_style(&l);
		ts.family = lc->style->font_heading;
		ts.size = lc->style->size_body + 0.5;
		ts.weight = PANGO_WEIGHT_SEMIBOLD;
		ts.justify = false;
		ts.wrap = PANGO_WRAP_WORD_CHAR;
		ts.color = lc->style->color_heading;
		t = text_new(&l, art->meta.title, -1, NULL, &ts,
		    l.width - numw - 20);
		lk.start = 0;
		lk.end = (int)strlen(art->meta.title);
		lk.article = art;
		g_array_append_val(t->links, lk);
		emit_lines(&l, t, &ts, l.indent, true, NULL);
		s = &g_array_index(flow->slices, struct bp_slice,
		    flow->slices->len - 1);
		b = box_add(&l, BP_BOX_LEADER);
		{
			struct bp_box	*line = &g_array_index(flow->boxes,
			    struct bp_box, s->first_box);
			b->x = line->x + line->lx + line->w;
			b->baseline = line->baseline;
		}
		b->w = l.width - b->x;
		b->h = s->h;
		b->article = art;
		b->color = lc->style->color_text;

		/* Source and date under the title, small. */
		/* A URL source is shown by its host: "www.ssb.no". */
		g_string_truncate(sub, 0);
		host = art->meta.source != NULL ? g_uri_parse(art->meta.source,
		    G_URI_FLAGS_NONE, NULL) : NULL;
		if (host != NULL && g_uri_get_host(host) != NULL)
			g_string_append(sub, g_uri_get_host(host));
		else if (art->meta.source != NULL)
			g_string_append(sub, art->meta.source);
		if (host != NULL)
			g_uri_unref(host);
		date = bp_l10n_date(art->meta.lang != NULL ? art->meta.lang :
		    lc->lang, &art->meta.date);
		if (*date != '\0')
			g_string_append_printf(sub, "%s%s", sub->len > 0 ?
			    "  \xc2\xb7  " : "", date);
		g_free(date);
		if (sub->len > 0) {
			g_array_index(flow->slices, struct bp_slice,
			    flow->slices->len - 1).keep_next = true;
			ts = body_style(&l);
			ts.size = lc->style->size_small;
			ts.justify = false;
			ts.color = lc->style->color_accent;
			l.width -= numw + 20;
			lay_plain(&l, sub->str, &ts, true, NULL, NULL);
			l.width += numw + 20;
		}
		want_space(&l, 9);
	}
	lay_clear(&l);
	g_string_free(sub, TRUE);
	compact(flow);
	return flow;
}

/* ------------------------------------------------------------------ */
/* Pagination                                                          */

void
bp_page_free(struct bp_page *page)
{
	if (page == NULL)
		return;
	g_array_free(page->placed, TRUE);
	bp_flow_free(page->own);
	g_free(page);
}

void
bp_pager_init(struct bp_pager *pg)
{
	memset(pg, 0, sizeof *pg);
	pg->pages = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_page_free);
	pg->notes = g_array_new(FALSE, FALSE, sizeof(struct bp_placed));
	pg->carry = g_array_new(FALSE, FALSE, sizeof(struct bp_placed));
}

void
bp_pager_clear(struct bp_pager *pg)
{
	if (pg->pages != NULL)
		g_ptr_array_free(pg->pages, TRUE);
	if (pg->notes != NULL)
		g_array_free(pg->notes, TRUE);
	if (pg->carry != NULL)
		g_array_free(pg->carry, TRUE);
	memset(pg, 0, sizeof *pg);
}

/* Put the current page's footnotes at its foot, under the separator. */
static void
page_close(struct bp_pager *pg)
{
	double			 H = pg->body_h;
	struct bp_placed	*pl;
	guint			 i;
	double			 top;

	if (pg->cur == NULL)
		return;
	if (pg->notes->len > 0) {
		top = H - pg->notes_h;
		pg->cur->notes_y = top;
		for (i = 0; i < pg->notes->len; i++) {
			pl = &g_array_index(pg->notes, struct bp_placed, i);
			pl->y += top + NOTE_SEP;
			g_array_append_val(pg->cur->placed, *pl);
		}
	}
	g_array_set_size(pg->notes, 0);
	pg->notes_h = 0;
	pg->cur = NULL;
}

/*
 * Add note slices to the current page's foot while they fit in `room`;
 * what does not fit is carried to the next page. Returns the height used.
 */
static void
add_note_slices(struct bp_pager *pg, const struct bp_flow *nf, guint first,
    guint n, double room)
{
	const struct bp_slice	*s;
	struct bp_placed	 pl;
	double			 gap, sep;
	guint			 i;
	bool			 full = pg->carry->len > 0;

	/* y is from the top of the notes, below the separator. */
	for (i = first; i < first + n; i++) {
		s = &g_array_index(nf->slices, struct bp_slice, i);
		gap = pg->notes->len > 0 ? s->space_before : 0;
		sep = pg->notes->len > 0 ? 0 : NOTE_SEP;
		pl.flow = nf;
		pl.slice = i;
		pl.scale = 1;
		pl.y = pg->notes_h - NOTE_SEP + sep + gap;
		if (full || pg->notes_h + sep + gap + s->h > room) {
			full = true;
			pl.y = 0;
			g_array_append_val(pg->carry, pl);
			continue;
		}
		g_array_append_val(pg->notes, pl);
		pg->notes_h += sep + gap + s->h;
	}
}

static struct bp_page *
page_open(struct bp_pager *pg, enum bp_page_kind kind,
    const struct bp_article *art)
{
	struct bp_page	*page = g_new0(struct bp_page, 1);
	GArray		*carry;
	guint		 i;

	page_close(pg);
	page->kind = kind;
	page->number = ++pg->npages;
	page->article = art;
	page->notes_y = -1;
	page->placed = g_array_new(FALSE, FALSE, sizeof(struct bp_placed));
	g_ptr_array_add(pg->pages, page);
	pg->cur = page;
	pg->y = 0;

	/* Footnotes continued from the page before come first. */
	if (pg->carry->len > 0) {
		carry = pg->carry;
		pg->carry = g_array_new(FALSE, FALSE, sizeof(struct bp_placed));
		for (i = 0; i < carry->len; i++)
			add_note_slices(pg, g_array_index(carry, struct bp_placed,
			    i).flow, g_array_index(carry, struct bp_placed,
			    i).slice, 1, pg->body_h * 0.6);
		g_array_free(carry, TRUE);
	}
	return page;
}

void
bp_pager_add_page(struct bp_pager *pg, enum bp_page_kind kind,
    const struct bp_article *art)
{
	page_open(pg, kind, art);
	page_close(pg);
}

void
bp_pager_finish(struct bp_pager *pg)
{
	page_close(pg);
}

/* Height from slice i to the end of its keep-with-next chain. */
static double
chain_height(const struct bp_flow *f, guint i)
{
	const struct bp_slice	*s = &g_array_index(f->slices, struct bp_slice, i);
	double			 h = s->h;

	while (s->keep_next && i + 1 < f->slices->len) {
		s = &g_array_index(f->slices, struct bp_slice, ++i);
		h += s->space_before + s->h;
	}
	return h;
}

static void
place(struct bp_pager *pg, const struct bp_flow *f, guint i, double y,
    double scale)
{
	struct bp_placed	 pl;

	pl.flow = f;
	pl.slice = i;
	pl.y = y;
	pl.scale = scale;
	g_array_append_val(pg->cur->placed, pl);
	pg->y = y + g_array_index(f->slices, struct bp_slice, i).h * scale;
}

/* Height of the notes slice s brings to the page (not yet placed ones). */
static double
new_notes_height(const struct bp_pager *pg, const struct bp_flow *f,
    const struct bp_slice *s, const guint8 *done)
{
	const struct bp_note_range	*r;
	const struct bp_slice		*ns;
	double				 h = 0;
	guint				 k, j;
	int				 num;

	if (f->notes == NULL)
		return 0;
	for (k = s->first_ref; k < s->first_ref + s->nrefs; k++) {
		num = g_array_index(f->refs, int, k);
		if (num < 1 || (guint)num > f->note_range->len || done[num - 1])
			continue;
		r = &g_array_index(f->note_range, struct bp_note_range, num - 1);
		for (j = r->first; j < r->first + r->n; j++) {
			ns = &g_array_index(f->notes->slices, struct bp_slice, j);
			h += ns->h + ns->space_before;
		}
	}
	if (h > 0 && pg->notes->len == 0)
		h += NOTE_SEP;
	return h;
}

/* Put the notes slice s refers to at the foot of the current page. */
static void
place_notes(struct bp_pager *pg, const struct bp_flow *f,
    const struct bp_slice *s, guint8 *done, double H)
{
	const struct bp_note_range	*r;
	guint				 k;
	int				 num;

	for (k = s->first_ref; k < s->first_ref + s->nrefs; k++) {
		num = g_array_index(f->refs, int, k);
		if (f->notes == NULL || num < 1 ||
		    (guint)num > f->note_range->len || done[num - 1])
			continue;
		done[num - 1] = 1;
		r = &g_array_index(f->note_range, struct bp_note_range, num - 1);
		add_note_slices(pg, f->notes, r->first, r->n, H - pg->y);
	}
}

static bool
placed_uses(const GArray *placed, const struct bp_flow *f)
{
	const struct bp_flow	*pf;
	guint			 i;

	for (i = 0; placed != NULL && i < placed->len; i++) {
		pf = g_array_index(placed, struct bp_placed, i).flow;
		if (pf == f || pf == f->notes)
			return true;
	}
	return false;
}

bool
bp_pager_uses(const struct bp_pager *pg, const struct bp_flow *f)
{
	return (pg->cur != NULL && placed_uses(pg->cur->placed, f)) ||
	    placed_uses(pg->notes, f) || placed_uses(pg->carry, f);
}

int
bp_paginate(const struct bp_lctx *lc, struct bp_pager *pg,
    const struct bp_flow *f, enum bp_page_kind kind, bool fresh)
{
	const struct bp_slice	*s, *prev;
	double			 H = lc->body_h, gap, need, chain, notes, scale;
	double			 room;
	guint			 i, h;
	guint8			*done = g_malloc0(f->note_range->len + 1);
	int			 first;

	pg->body_h = H;
	if (fresh || pg->cur == NULL)
		page_open(pg, kind, f->article);
	first = pg->cur->number;
	for (i = 0; i < f->slices->len; i++) {
		s = &g_array_index(f->slices, struct bp_slice, i);
		gap = pg->y > 0 ? s->space_before : 0;
		need = gap + s->h;
		/* Keep chains (headings, widows, orphans) move as one. */
		if (s->keep_next) {
			chain = chain_height(f, i);
			if (chain <= H)
				need = gap + chain;
		}
		/* The line and the footnotes it refers to share the page. */
		notes = new_notes_height(pg, f, s, done);
		/* A figure that nearly fits is shrunk rather than moved. */
		scale = 1;
		room = H - pg->y - pg->notes_h - notes - (need - s->h);
		if (s->min_h > 0 && pg->y > 0 && need + pg->y + pg->notes_h +
		    notes > H && room >= s->min_h && room < s->h) {
			scale = room / s->h;
			need -= s->h * (1 - scale);
		}
		if ((pg->y > 0 && pg->y + need + pg->notes_h + notes > H + 0.01) ||
		    s->break_before) {
			page_open(pg, kind, f->article);
			gap = 0;
			/* A table continued here repeats its header row. */
			prev = i > 0 ? &g_array_index(f->slices, struct bp_slice,
			    i - 1) : NULL;
			if (s->table > 0 && s->header_of == 0 && prev != NULL &&
			    prev->table == s->table) {
				for (h = i; h-- > 0;) {
					prev = &g_array_index(f->slices,
					    struct bp_slice, h);
					if (prev->table != s->table)
						break;
					if (prev->header_of == s->table) {
						place(pg, f, h, 0, 1);
						break;
					}
				}
			}
		}
		place(pg, f, i, pg->y + gap, scale);
		if (i == 0)
			first = pg->cur->number;
		place_notes(pg, f, s, done, H);
	}

	/* Notes nobody placed (referenced only from other notes) go last. */
	if (f->notes != NULL) {
		for (i = 0; i < f->note_range->len; i++)
			if (!done[i]) {
				done[i] = 1;
				add_note_slices(pg, f->notes, g_array_index(
				    f->note_range, struct bp_note_range, i).first,
				    g_array_index(f->note_range,
				    struct bp_note_range, i).n, H - pg->y);
			}
	}
	/* Notes still carried get pages of their own. */
	while (pg->carry->len > 0)
		page_open(pg, kind, f->article);
	g_free(done);
	return first;
}

/* ------------------------------------------------------------------ */
/* Dump                                                                */

static const char *const box_names[BP_BOX__MAX] = {
	"line", "rect", "frame", "hrule", "image", "check", "leader", "cont",
};
G_STATIC_ASSERT(G_N_ELEMENTS(box_names) == BP_BOX__MAX);
static const char *const page_names[BP_PAGE_KIND__MAX] = {
	"cover", "contents", "blank", "article", "failed",
};

char *
bp_layout_dump(const GPtrArray *pages)
{
	GString			*out = g_string_new(NULL);
	const struct bp_page	*page;
	const struct bp_placed	*pl;
	const struct bp_slice	*s;
	const struct bp_box	*b;
	guint			 i, j, k;

	for (i = 0; i < pages->len; i++) {
		page = g_ptr_array_index(pages, i);
		g_string_append_printf(out, "page %d %s%s%s\n", page->number,
		    page_names[page->kind], page->article != NULL ? " " : "",
		    page->article != NULL ? page->article->id : "");
		for (j = 0; j < page->placed->len; j++) {
			pl = &g_array_index(page->placed, struct bp_placed, j);
			s = &g_array_index(pl->flow->slices, struct bp_slice,
			    pl->slice);
			g_string_append_printf(out, "  slice y=%.2f h=%.2f%s\n",
			    pl->y, s->h, s->keep_next ? " keep" : "");
			for (k = s->first_box; k < s->first_box + s->nboxes; k++) {
				b = &g_array_index(pl->flow->boxes, struct bp_box, k);
				g_string_append_printf(out,
				    "    %s x=%.2f y=%.2f w=%.2f h=%.2f",
				    box_names[b->type], b->x + b->lx, b->y, b->w,
				    b->h);
				if (b->gline != NULL)
					g_string_append_printf(out, " \"%s\"",
					    b->gline->text);
				g_string_append_c(out, '\n');
			}
		}
	}
	return g_string_free(out, FALSE);
}
