/*
 * Pagination: slices of flows placed on pages in order, kept together
 * by the keep rules, figures floated to the next page's top, footnotes
 * at the foot of the page that cites them; and the text dump of pages.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/pdf.h"

#define NOTE_SEP     14.0   /* footnote separator: space with a short rule */
#define FLOAT_SHRINK 0.85   /* a figure that may float shrinks no further */

static void page_close(struct bp_pager *pg);
static void add_note_slices(struct bp_pager *pg, const struct bp_flow *nf,
    guint first, guint n, double room);
static struct bp_page *page_open(struct bp_pager *pg,
    enum bp_page_kind kind, const struct bp_article *art,
    const struct bp_slice *at);
static struct bp_page *page_open_at(struct bp_pager *pg,
    enum bp_page_kind kind, const struct bp_article *art, int node,
    int offset, bool placed);
static void place(struct bp_pager *pg, const struct bp_flow *f, guint i,
    double y, double scale, bool repeat);
static double new_notes_height(const struct bp_pager *pg,
    const struct bp_flow *f, const struct bp_slice *s, const guint8 *done);
static void place_notes(struct bp_pager *pg, const struct bp_flow *f,
    const struct bp_slice *s, guint8 *done, double H);
static bool placed_uses(const GArray *placed, const struct bp_flow *f);
static const struct bp_box *find_box(const struct bp_flow *f,
    const struct bp_slice *s, enum bp_box_type type);
static int line_elem(const struct bp_flow *f, const struct bp_slice *s);
static bool elem_within(const struct bp_flow *f, int e, int anc);
static int top_list(const struct bp_flow *f, int e);
static bool is_rule(const struct bp_flow *f, const struct bp_slice *s);
static guint figure_end(const struct bp_flow *f, guint i);
static double run_height(const struct bp_flow *f, guint i, guint end);
static double body_line(const struct bp_lctx *lc);
static void keep_heading(const struct bp_lctx *lc, const struct bp_flow *f,
    guint i, guint8 *keep);
static void keep_list(const struct bp_lctx *lc, guint i, guint end,
    guint8 *keep);
static guint8 *keep_rules(const struct bp_lctx *lc, const struct bp_flow *f);
struct run;
static double chain_height(const struct bp_flow *f, const guint8 *keep,
    guint i, double page_h);
static bool fits(const struct run *r, guint i, bool shrink, double *scale);
static void place_next(struct run *r, guint i, double scale);
static void place_floats(struct run *r);
static void new_page(struct run *r, guint i, bool figures_only);
static bool defer(struct run *r, guint i, guint end, bool fit);

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
	pg->starts = g_array_new(FALSE, TRUE, sizeof(struct bp_pager_start));
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
	if (pg->starts != NULL)
		g_array_free(pg->starts, TRUE);
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
 * what does not fit is carried to the next page.
 */
static void
add_note_slices(struct bp_pager *pg, const struct bp_flow *nf, guint first,
    guint n, double room)
{
	const struct bp_slice	*s;
	struct bp_placed	 pl = { 0 };
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

/* A page that starts with slice `at` (NULL: nothing placed yet). */
static struct bp_page *
page_open(struct bp_pager *pg, enum bp_page_kind kind,
    const struct bp_article *art, const struct bp_slice *at)
{
	return page_open_at(pg, kind, art, at != NULL ? at->at_node : 0,
	    at != NULL ? at->at_offset : 0, at != NULL);
}

/*
 * Close the current page and open the next, carried notes at its foot;
 * where it starts in the model goes in pg->starts.
 */
static struct bp_page *
page_open_at(struct bp_pager *pg, enum bp_page_kind kind,
    const struct bp_article *art, int node, int offset, bool placed)
{
	struct bp_page		*page = g_new0(struct bp_page, 1);
	struct bp_pager_start	 start = { 0 };
	GArray			*carry;
	guint			 i;

	start.kind = kind;
	start.article = art;
	start.at_node = node;
	start.at_offset = offset;
	start.placed = placed;
	g_array_append_val(pg->starts, start);
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
	page_open(pg, kind, art, NULL);
	page_close(pg);
}

void
bp_pager_finish(struct bp_pager *pg)
{
	page_close(pg);
}

/* ------------------------------------------------------------------ */
/* Keep rules                                                         */

#define SLICE(f, i)  (&g_array_index((f)->slices, struct bp_slice, (i)))

/* The first box of `type` in slice s, or NULL. */
static const struct bp_box *
find_box(const struct bp_flow *f, const struct bp_slice *s,
    enum bp_box_type type)
{
	const struct bp_box	*b;
	guint			 k;

	for (k = s->first_box; k < s->first_box + s->nboxes; k++) {
		b = &g_array_index(f->boxes, struct bp_box, k);
		if (b->type == type)
			return b;
	}
	return NULL;
}

/* The structure element of s's line of text, or -1 (no text). */
static int
line_elem(const struct bp_flow *f, const struct bp_slice *s)
{
	const struct bp_box	*b = find_box(f, s, BP_BOX_LINE);

	return b != NULL && b->elem >= 0 && (guint)b->elem < f->elems->len ?
	    b->elem : -1;
}

/* Whether element e is anc or inside it (a parent comes before its
 * children, so the walk up stops at anc's index). */
static bool
elem_within(const struct bp_flow *f, int e, int anc)
{
	while (anc >= 0 && e > anc)
		e = g_array_index(f->elems, struct bp_selem, e).parent;
	return anc >= 0 && e == anc;
}

/* The outermost list (L) element e is in, or -1. */
static int
top_list(const struct bp_flow *f, int e)
{
	const struct bp_selem	*el;
	int			 top = -1;

	while (e >= 0 && (guint)e < f->elems->len) {
		el = &g_array_index(f->elems, struct bp_selem, e);
		if (el->tag == BP_TAG_L)
			top = e;
		e = el->parent;
	}
	return top;
}

/* A thematic break: a rule alone, neither a table's nor beside text. */
static bool
is_rule(const struct bp_flow *f, const struct bp_slice *s)
{
	return s->table == 0 && find_box(f, s, BP_BOX_HRULE) != NULL &&
	    find_box(f, s, BP_BOX_LINE) == NULL &&
	    find_box(f, s, BP_BOX_IMAGE) == NULL;
}

/*
 * A picture and its caption are slices [i, end): returns end, or i when
 * slice i holds no picture (a placeholder frame is not one: it never
 * floats). The caption's lines are in the picture's Figure element.
 */
static guint
figure_end(const struct bp_flow *f, guint i)
{
	const struct bp_slice	*s = SLICE(f, i);
	const struct bp_box	*img = find_box(f, s, BP_BOX_IMAGE);
	guint			 end = i + 1;

	if (img == NULL)
		return i;
	while (s->keep_next && img->elem >= 0 && end < f->slices->len &&
	    elem_within(f, line_elem(f, SLICE(f, end)), img->elem))
		s = SLICE(f, end++);
	return end;
}

/* Height of slices [i, end) set one under the other. */
static double
run_height(const struct bp_flow *f, guint i, guint end)
{
	double	 h = SLICE(f, i)->h;

	for (i++; i < end; i++)
		h += SLICE(f, i)->space_before + SLICE(f, i)->h;
	return h;
}

/* A line of body text (the style's, else 10pt at 1.4). */
static double
body_line(const struct bp_lctx *lc)
{
	return lc->style != NULL ? lc->style->size_body *
	    lc->style->leading : 14;
}

/*
 * The heading starting at slice i (its lines share an element) keeps
 * with at least two lines of what follows: its last line with the
 * next slice, and that, when it is a single line of text, with the one
 * after it (a one-line paragraph's line with the next paragraph's).
 */
static void
keep_heading(const struct bp_lctx *lc, const struct bp_flow *f, guint i,
    guint8 *keep)
{
	guint	 n = f->slices->len, j = i;
	int	 e = line_elem(f, SLICE(f, i));

	if (e < 0)
		return;
	while (j + 1 < n && line_elem(f, SLICE(f, j + 1)) == e)
		j++;
	keep[j] = 1;
	if (j + 2 < n && SLICE(f, j + 1)->outline_level == 0 &&
	    line_elem(f, SLICE(f, j + 1)) >= 0 &&
	    SLICE(f, j + 1)->h < 2 * body_line(lc) &&
	    !SLICE(f, j + 2)->break_before)
		keep[j + 1] = 1;
}

/*
 * A list's lines, across its items (one line each, or more), keep the
 * style's orphans and widows as a paragraph's do: slices [i, end).
 */
static void
keep_list(const struct bp_lctx *lc, guint i, guint end, guint8 *keep)
{
	guint	 orphans = 2, widows = 2, k;

	if (lc->style != NULL) {
		orphans = (guint)MAX(lc->style->orphans, 1);
		widows = (guint)MAX(lc->style->widows, 1);
	}
	for (k = i; k + 1 < end && k < i + orphans - 1; k++)
		keep[k] = 1;
	for (k = end >= i + widows ? end - widows : i; k + 1 < end; k++)
		keep[k] = 1;
}

/*
 * Keep-with-next for each slice of f: what layout set (a heading's
 * lines, widows and orphans, a caption with its picture), and the rules
 * that see across blocks: a heading with two lines of what follows
 * (keep_heading), a thematic break never first or last on a page (kept
 * with the slice before and after it), a list's lines as a paragraph's
 * (keep_list); a caption keeps with its picture only. Caller frees.
 */
static guint8 *
keep_rules(const struct bp_lctx *lc, const struct bp_flow *f)
{
	guint		 n = f->slices->len, i, j;
	guint8		*keep = g_malloc0(n + 1);
	int		 list;

	for (i = 0; i < n; i++)
		keep[i] = SLICE(f, i)->keep_next;
	/* A caption keeps with its picture, not with the text after. */
	for (i = 0; i < n; i++)
		if ((j = figure_end(f, i)) > i + 1)
			keep[j - 1] = 0;
	for (i = 0; i < n; i++) {
		if (is_rule(f, SLICE(f, i))) {
			if (i > 0)
				keep[i - 1] = 1;
			keep[i] = 1;
		}
		if (SLICE(f, i)->outline_level > 0)
			keep_heading(lc, f, i, keep);
	}
	for (i = 0; i < n; i = j) {
		list = top_list(f, line_elem(f, SLICE(f, i)));
		j = i + 1;
		if (list < 0)
			continue;
		while (j < n && top_list(f, line_elem(f, SLICE(f, j))) == list)
			j++;
		keep_list(lc, i, j, keep);
	}
	return keep;
}

/* ------------------------------------------------------------------ */
/* Placing slices                                                     */

/* One flow being paginated: its keeps, notes placed, figures waiting. */
struct run {
	const struct bp_lctx	*lc;
	struct bp_pager		*pg;
	const struct bp_flow	*f;
	enum bp_page_kind	 kind;
	double			 H;        /* text area height */
	guint8			*keep;     /* keep_rules() */
	guint8			*done;     /* note k placed: done[k - 1] */
	GArray			*floats;   /* struct span: figures deferred to
	                                    * the top of the next page */
	double			 floats_h; /* their height, one under another */
};

struct span {
	guint		 first, end;
};

/* Height from slice i to the end of its keep-with-next chain. */
static double
chain_height(const struct bp_flow *f, const guint8 *keep, guint i,
    double page_h)
{
	const struct bp_slice	*s = SLICE(f, i);
	double			 h = s->h;

	/*
	 * The caller only asks whether the chain fits a page, so the walk
	 * stops once it is far past one: a run of 300,000 one-line
	 * paragraphs is one chain, and walking all of it from each of its
	 * slices took minutes. (Only a placeholder's text is pulled up, by
	 * at most half of what its frame added: past four pages a chain
	 * cannot come back under one.)
	 */
	while (keep[i] && i + 1 < f->slices->len && h <= 4 * page_h) {
		s = SLICE(f, ++i);
		h += s->space_before + s->h;
	}
	return h;
}

/* With repeat, a table's header again: the structure has it once. */
static void
place(struct bp_pager *pg, const struct bp_flow *f, guint i, double y,
    double scale, bool repeat)
{
	struct bp_placed	 pl = { 0 };

	pl.repeat = repeat;
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

/*
 * Whether slice i goes on the current page (pg->y > 0) or needs a new
 * one; *scale: how much a figure that nearly fits is shrunk rather than
 * moved (1: not), as far as layout allows (its min_h) with shrink, else
 * only a little (FLOAT_SHRINK): a figure that can float keeps its size.
 */
static bool
fits(const struct run *r, guint i, bool shrink, double *scale)
{
	const struct bp_pager	*pg = r->pg;
	const struct bp_slice	*s = SLICE(r->f, i);
	double			 H = r->H, gap, need, chain, notes, room;
	double			 min_h = shrink ? s->min_h :
	    MAX(s->min_h, s->h * FLOAT_SHRINK);
	guint			 end;

	gap = pg->y > 0 ? s->space_before : 0;
	need = gap + s->h;
	/* Keep chains (headings, widows, orphans) move as one; a picture
	 * too tall to take its chain along still takes its caption. */
	if (r->keep[i]) {
		chain = chain_height(r->f, r->keep, i, H);
		if (chain <= H)
			need = gap + chain;
		else if ((end = figure_end(r->f, i)) > i + 1 &&
		    run_height(r->f, i, end) <= H)
			need = gap + run_height(r->f, i, end);
	}
	/* The line and the footnotes it refers to share the page. */
	notes = new_notes_height(pg, r->f, s, r->done);
	/* A figure that nearly fits is shrunk rather than moved. */
	*scale = 1;
	room = H - pg->y - pg->notes_h - notes - (need - s->h);
	if (s->min_h > 0 && pg->y > 0 && need + pg->y + pg->notes_h +
	    notes > H && room >= min_h && room < s->h) {
		*scale = room / s->h;
		need -= s->h * (1 - *scale);
	}
	return pg->y <= 0 || pg->y + need + pg->notes_h + notes <= H + 0.01;
}

/* Slice i at the foot of what is on the page, with its notes. */
static void
place_next(struct run *r, guint i, double scale)
{
	const struct bp_slice	*s = SLICE(r->f, i);

	place(r->pg, r->f, i, r->pg->y + (r->pg->y > 0 ? s->space_before : 0),
	    scale, /*repeat*/false);
	place_notes(r->pg, r->f, s, r->done, r->H);
}

/*
 * The figures waiting go at the top of the page just opened, in order,
 * each with its caption and the notes they cite; a picture is shrunk
 * (as far as the paginator may) when notes carried over leave too
 * little room.
 */
static void
place_floats(struct run *r)
{
	const struct span	*sp;
	const struct bp_slice	*s;
	double			 room, scale;
	guint			 k, i;

	for (k = 0; k < r->floats->len; k++) {
		sp = &g_array_index(r->floats, struct span, k);
		s = SLICE(r->f, sp->first);
		room = r->H - r->pg->y - r->pg->notes_h -
		    new_notes_height(r->pg, r->f, s, r->done) -
		    (run_height(r->f, sp->first, sp->end) - s->h) -
		    (r->pg->y > 0 ? s->space_before : 0);
		scale = s->min_h > 0 && room < s->h ?
		    MAX(room, s->min_h) / s->h : 1;
		place_next(r, sp->first, scale);
		for (i = sp->first + 1; i < sp->end; i++)
			place_next(r, i, 1);
	}
	g_array_set_size(r->floats, 0);
	r->floats_h = 0;
}

/*
 * A new page for slice i: the figures waiting go at its top, then a
 * table continued here repeats its header row. The page begins where
 * slice i does (the text the reader follows), or, when it holds only
 * figures so far, where the first of them does.
 */
static void
new_page(struct run *r, guint i, bool figures_only)
{
	const struct bp_flow	*f = r->f;
	const struct bp_slice	*s = SLICE(f, i), *prev;
	guint			 h;

	if (figures_only && r->floats->len > 0)
		s = SLICE(f, g_array_index(r->floats, struct span, 0).first);
	page_open(r->pg, r->kind, f->article, s);
	place_floats(r);
	s = SLICE(f, i);
	prev = i > 0 ? SLICE(f, i - 1) : NULL;
	if (s->table > 0 && s->header_of == 0 && prev != NULL &&
	    prev->table == s->table) {
		for (h = i; h-- > 0;) {
			prev = SLICE(f, h);
			if (prev->table != s->table)
				break;
			if (prev->header_of == s->table) {
				place(r->pg, f, h, r->pg->y, 1, /*repeat*/true);
				break;
			}
		}
	}
}

/*
 * Whether the figure [i, end) (a picture and its caption) waits for the
 * top of the next page while the text after it fills this one: a float.
 * It does when it does not fit here (even shrunk), the room it would
 * leave is at least three lines, text of the same flow follows, and it
 * fits a page; and always when figures already wait (figures never
 * overtake each other) and it fits the next page with them. When it
 * cannot join them, those waiting start the next page now and this one
 * follows them.
 */
static bool
defer(struct run *r, guint i, guint end, bool fit)
{
	const struct bp_pager	*pg = r->pg;
	struct span		 sp = { i, end };
	double			 h = run_height(r->f, i, end);
	double			 gap = SLICE(r->f, i)->space_before;

	if (r->floats->len > 0) {
		if (r->floats_h + gap + h > r->H) {
			new_page(r, i, /*figures_only*/true);
			return false;
		}
		g_array_append_val(r->floats, sp);
		r->floats_h += gap + h;
		return true;
	}
	if (fit || pg->y <= 0 || end >= r->f->slices->len ||
	    SLICE(r->f, end)->break_before || h > r->H ||
	    r->H - pg->y - pg->notes_h < 3 * body_line(r->lc))
		return false;
	g_array_append_val(r->floats, sp);
	r->floats_h = h;
	return true;
}

int
bp_paginate(const struct bp_lctx *lc, struct bp_pager *pg,
    const struct bp_flow *f, enum bp_page_kind kind, bool fresh)
{
	struct run		 r = { 0 };
	const struct bp_slice	*s;
	double			 scale;
	guint			 i, next, end, n = f->slices->len;
	int			 first;
	bool			 fit, had;

	r.lc = lc;
	r.pg = pg;
	r.f = f;
	r.kind = kind;
	r.H = lc->body_h;
	r.keep = keep_rules(lc, f);
	r.done = g_malloc0(f->note_range->len + 1);
	r.floats = g_array_new(FALSE, FALSE, sizeof(struct span));
	pg->body_h = r.H;
	if (fresh || pg->cur == NULL)
		page_open(pg, kind, f->article, n > 0 ? SLICE(f, 0) : NULL);
	first = pg->cur->number;
	for (i = 0; i < n; i = next) {
		s = SLICE(f, i);
		next = i + 1;
		end = figure_end(f, i);
		fit = fits(&r, i, /*shrink*/end == i, &scale);
		if (end > i && !s->break_before) {
			if (defer(&r, i, end, fit)) {
				next = end;
				continue;
			}
			/* Not a float: shrunk as far as it may be (a page may
			 * have been started for the figures waiting). */
			fit = fits(&r, i, /*shrink*/true, &scale);
		}
		/* A new page; once more if the figures put at its top leave
		 * too little room (the next has none). */
		if (!fit || s->break_before) {
			had = r.floats->len > 0;
			new_page(&r, i, /*figures_only*/false);
			fit = fits(&r, i, /*shrink*/true, &scale);
			if (had && !fit) {
				new_page(&r, i, /*figures_only*/false);
				(void)fits(&r, i, /*shrink*/true, &scale);
			}
		}
		place_next(&r, i, scale);
		if (i == 0)
			first = pg->cur->number;
	}
	/* Figures still waiting end the flow, on a page of their own. */
	if (r.floats->len > 0)
		new_page(&r, g_array_index(r.floats, struct span, 0).first,
		    /*figures_only*/true);

	/* Notes nobody placed (referenced only from other notes) go last. */
	if (f->notes != NULL) {
		for (i = 0; i < f->note_range->len; i++)
			if (!r.done[i]) {
				r.done[i] = 1;
				add_note_slices(pg, f->notes, g_array_index(
				    f->note_range, struct bp_note_range, i).first,
				    g_array_index(f->note_range,
				    struct bp_note_range, i).n, r.H - pg->y);
			}
	}
	/* Notes still carried get pages of their own, after the body. */
	while (pg->carry->len > 0)
		page_open_at(pg, kind, f->article, BP_AT_END, 0,
		    /*placed*/true);
	g_array_free(r.floats, TRUE);
	g_free(r.keep);
	g_free(r.done);
	return first;
}

/* ------------------------------------------------------------------ */
/* Dump                                                               */

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
