/*
 * Pagination: slices of flows placed on pages in order, footnotes at
 * the foot of the page that cites them; and the text dump of pages.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/pdf.h"

#define NOTE_SEP     14.0   /* footnote separator: space with a short rule */

static void page_close(struct bp_pager *pg);
static void add_note_slices(struct bp_pager *pg, const struct bp_flow *nf,
    guint first, guint n, double room);
static struct bp_page *page_open(struct bp_pager *pg,
    enum bp_page_kind kind, const struct bp_article *art,
    const struct bp_slice *at);
static struct bp_page *page_open_at(struct bp_pager *pg,
    enum bp_page_kind kind, const struct bp_article *art, int node,
    int offset, bool placed);
static double chain_height(const struct bp_flow *f, guint i, double page_h);
static void place(struct bp_pager *pg, const struct bp_flow *f, guint i,
    double y, double scale, bool repeat);
static double new_notes_height(const struct bp_pager *pg,
    const struct bp_flow *f, const struct bp_slice *s, const guint8 *done);
static void place_notes(struct bp_pager *pg, const struct bp_flow *f,
    const struct bp_slice *s, guint8 *done, double H);
static bool placed_uses(const GArray *placed, const struct bp_flow *f);

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
/* Placing slices                                                     */

/* Height from slice i to the end of its keep-with-next chain. */
static double
chain_height(const struct bp_flow *f, guint i, double page_h)
{
	const struct bp_slice	*s = &g_array_index(f->slices, struct bp_slice, i);
	double			 h = s->h;

	/*
	 * The caller only asks whether the chain fits a page, so the walk
	 * stops once it is far past one: a run of 300,000 one-line
	 * paragraphs is one chain, and walking all of it from each of its
	 * slices took minutes. (Only a placeholder's text is pulled up, by
	 * at most half of what its frame added: past four pages a chain
	 * cannot come back under one.)
	 */
	while (s->keep_next && i + 1 < f->slices->len && h <= 4 * page_h) {
		s = &g_array_index(f->slices, struct bp_slice, ++i);
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
		page_open(pg, kind, f->article, f->slices->len > 0 ?
		    &g_array_index(f->slices, struct bp_slice, 0) : NULL);
	first = pg->cur->number;
	for (i = 0; i < f->slices->len; i++) {
		s = &g_array_index(f->slices, struct bp_slice, i);
		gap = pg->y > 0 ? s->space_before : 0;
		need = gap + s->h;
		/* Keep chains (headings, widows, orphans) move as one. */
		if (s->keep_next) {
			chain = chain_height(f, i, H);
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
			page_open(pg, kind, f->article, s);
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
						place(pg, f, h, 0, 1,
						    /*repeat*/true);
						break;
					}
				}
			}
		}
		place(pg, f, i, pg->y + gap, scale, /*repeat*/false);
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
	/* Notes still carried get pages of their own, after the body. */
	while (pg->carry->len > 0)
		page_open_at(pg, kind, f->article, BP_AT_END, 0,
		    /*placed*/true);
	g_free(done);
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
