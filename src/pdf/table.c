/*
 * Tables: column widths measured from the cells' content, then one
 * slice per row with its cells wrapped to those widths.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "pdf/layout.h"

#define CELL_PADX    4.0
#define CELL_PADY    2.5

/* A table being laid out: its cells' texts and its columns' widths. */
struct table {
	const struct bp_node	*node;
	int			 nc;        /* columns */
	int			 id;        /* for the paginator: s->table */
	struct tstyle		 ts;        /* cell text */
	double			 avail;     /* width of the table */
	GPtrArray		*cells;     /* struct bp_text *, row by row
	                                     * (the flow owns them) */
	double			*minw;      /* a column's widest word, padded */
	double			*natw;      /* its widest unwrapped cell */
	double			*colw;      /* the width it gets */
	double			 summin, sumnat;
};

static void table_measure(struct lay *l, struct table *tb);
static void table_shrink(struct lay *l, struct table *tb);
static void table_widths(struct table *tb);
static void table_row(struct lay *l, struct table *tb,
    const struct bp_node *row, int *next);
static double row_height(struct table *tb, const struct bp_node *row,
    int first);
static void cell_lines(struct lay *l, const struct table *tb,
    struct bp_slice *s, const struct bp_node *cell, struct bp_text *tx,
    double x);

/*
 * A table: column widths from the content (widest word and unwrapped
 * width of each column), cells wrapped, one slice per row.
 */
void
bp_lay_table(struct lay *l, const struct bp_node *t)
{
	struct table		 tb = { 0 };
	const struct bp_node	*row;
	int			 i = 0, outer;

	tb.ts = bp_lay_body_style(l);
	tb.nc = t->u.table.ncols;
	if (tb.nc <= 0)
		goto out;
	tb.node = t;
	tb.id = ++l->lc->ntables;
	tb.minw = g_new0(double, tb.nc);
	tb.natw = g_new0(double, tb.nc);
	tb.colw = g_new0(double, tb.nc);
	tb.cells = g_ptr_array_new();
	tb.ts.size = l->st->size_table;
	tb.ts.justify = false;
	tb.ts.leading = 1.25;
	tb.avail = l->width;

	/* Columns: measure, shrink the text if need be, share the width. */
	table_measure(l, &tb);
	if (tb.summin > tb.avail && tb.ts.size > l->st->size_table_min)
		table_shrink(l, &tb);
	table_widths(&tb);

	/* Rows: wrap each cell at its column width; a slice per row. */
	bp_lay_want_space(l, l->st->para_space);
	outer = bp_lay_enter(l, BP_TAG_TABLE);
	for (row = t->first; row != NULL; row = row->next)
		table_row(l, &tb, row, &i);
	l->elem = outer;
	bp_lay_want_space(l, l->st->para_space);
out:
	if (tb.cells != NULL)
		g_ptr_array_free(tb.cells, TRUE);
	g_free(tb.minw);
	g_free(tb.natw);
	g_free(tb.colw);
}

/*
 * Measure: unwrapped width and the widest word of every cell, whose
 * texts are made here. Cells are not hyphenated: text extraction
 * interleaves a row's cells line by line, so a broken word would come
 * apart.
 */
static void
table_measure(struct lay *l, struct table *tb)
{
	const struct bp_node	*row, *cell;
	struct bp_text		*tx;
	PangoRectangle		 log;
	GString			*str;
	PangoAttrList		*attrs;
	GArray			*cellrefs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));
	double			*minw = tb->minw, *natw = tb->natw;
	int			 c, nc = tb->nc;
	bool			 saved_hyph;

	saved_hyph = l->hyph;
	l->hyph = false;
	for (row = tb->node->first; row != NULL; row = row->next) {
		for (cell = row->first, c = 0; cell != NULL && c < nc;
		    cell = cell->next, c++) {
			str = g_string_new(NULL);
			attrs = pango_attr_list_new();
			bp_lay_build_inlines(l, cell->first, NULL, str, attrs,
			    NULL, cellrefs);
			tb->ts.weight = row->u.row.header ? PANGO_WEIGHT_BOLD :
			    PANGO_WEIGHT_NORMAL;
			tx = bp_lay_text_new(l, str->str, (int)str->len, attrs,
			    &tb->ts, 1);
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
			bp_lay_check_glyphs(l, tx, tb->node);
			g_ptr_array_add(tb->cells, tx);
			g_string_free(str, TRUE);
		}
	}
	l->hyph = saved_hyph;
	for (c = 0; c < nc; c++) {
		if (natw[c] < minw[c])
			natw[c] = minw[c];
		if (natw[c] < l->size * 2)
			natw[c] = l->size * 2;
		tb->summin += minw[c];
		tb->sumnat += natw[c];
	}
	g_array_free(cellrefs, TRUE);
}

/*
 * Too wide even at the widest words: shrink the text toward the
 * style's floor and measure again; what is still too wide wraps
 * inside words.
 */
static void
table_shrink(struct lay *l, struct table *tb)
{
	const struct bp_node	*row, *cell;
	struct bp_text		*tx;
	PangoRectangle		 log;
	PangoFontDescription	*fd;
	double			*minw = tb->minw, *natw = tb->natw;
	int			 c, nc = tb->nc, i;

	tb->ts.size = MAX(l->st->size_table_min,
	    tb->ts.size * tb->avail / tb->summin);
	tb->summin = tb->sumnat = 0;
	memset(minw, 0, sizeof *minw * (size_t)nc);
	memset(natw, 0, sizeof *natw * (size_t)nc);
	i = 0;
	for (row = tb->node->first; row != NULL; row = row->next)
		for (cell = row->first, c = 0; cell != NULL && c < nc;
		    cell = cell->next, c++) {
			tx = g_ptr_array_index(tb->cells, i++);
			fd = pango_font_description_copy(
			    pango_layout_get_font_description(tx->layout));
			pango_font_description_set_size(fd, PU(tb->ts.size));
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
		natw[c] = MAX(natw[c], MAX(minw[c], tb->ts.size * 2));
		tb->summin += minw[c];
		tb->sumnat += natw[c];
	}
}

/* Widths: natural if it fits; else share out what is left. */
static void
table_widths(struct table *tb)
{
	double	 avail = tb->avail, summin = tb->summin, sumnat = tb->sumnat;
	double	*minw = tb->minw, *natw = tb->natw;
	int	 c;

	for (c = 0; c < tb->nc; c++) {
		if (sumnat <= avail)
			tb->colw[c] = natw[c] + (avail - sumnat) * natw[c] /
			    sumnat;
		else if (summin < avail)
			tb->colw[c] = minw[c] + (avail - summin) *
			    (natw[c] - minw[c]) / (sumnat - summin);
		else
			tb->colw[c] = avail * minw[c] / summin;
	}
}

/*
 * One row as a slice: shaded if it is a header (which the paginator
 * repeats on each page the table continues on), its cells side by side,
 * a rule under it (and over it, for the first row). *next is the index
 * in tb->cells of the row's first cell, moved past its last.
 */
static void
table_row(struct lay *l, struct table *tb, const struct bp_node *row,
    int *next)
{
	const struct bp_node	*cell;
	struct bp_slice		*s;
	struct bp_box		*b;
	double			 x, rowh;
	int			 c, outer, in_row;

	rowh = row_height(tb, row, *next);
	rowh += 2 * CELL_PADY;
	if (rowh > l->lc->body_h)
		bp_diag_at(l->lc->diag, l->art != NULL ? l->art->path :
		    NULL, BP_WARNING, row->line, row->col, "table row is "
		    "taller than a page and is cut at the page foot");
	s = bp_lay_slice_new(l, rowh);
	s->node = row;
	s->table = tb->id;
	if (row->u.row.header) {
		s->header_of = tb->id;
		s->keep_next = true;
		b = bp_lay_box_add(l, BP_BOX_RECT);
		b->x = l->indent;
		b->w = tb->avail;
		b->h = rowh;
		b->color = l->st->color_shade;
	}
	/* TR > TH (a header row's cells, scope: column) or TD. */
	x = l->indent;
	outer = bp_lay_enter(l, BP_TAG_TR);
	for (cell = row->first, c = 0; cell != NULL && c < tb->nc;
	    cell = cell->next, c++) {
		in_row = bp_lay_enter(l, row->u.row.header ? BP_TAG_TH :
		    BP_TAG_TD);
		cell_lines(l, tb, s, cell, g_ptr_array_index(tb->cells,
		    (*next)++), x);
		l->elem = in_row;
		x += tb->colw[c];
	}
	l->elem = outer;
	b = bp_lay_box_add(l, BP_BOX_HRULE);
	b->x = l->indent;
	b->y = rowh;
	b->w = tb->avail;
	b->h = row->u.row.header ? 0.9 : 0.4;
	b->color = row->u.row.header ? l->st->color_accent :
	    l->st->color_rule;
	if (row == tb->node->first) {
		b = bp_lay_box_add(l, BP_BOX_HRULE);
		b->x = l->indent;
		b->y = 0;
		b->w = tb->avail;
		b->h = 0.9;
		b->color = l->st->color_accent;
	}
}

/*
 * Wrap the cells of row (from tb->cells[first] on) at their columns'
 * widths and alignments; returns the height of the tallest, unpadded.
 */
static double
row_height(struct table *tb, const struct bp_node *row, int first)
{
	const struct bp_node	*cell;
	struct bp_text		*tx;
	PangoRectangle		 log;
	double			 h, rowh = 0;
	int			 c, li = first;

	for (cell = row->first, c = 0; cell != NULL && c < tb->nc;
	    cell = cell->next, c++) {
		tx = g_ptr_array_index(tb->cells, li++);
		pango_layout_set_wrap(tx->layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_width(tx->layout,
		    PU(tb->colw[c] - 2 * CELL_PADX));
		pango_layout_set_alignment(tx->layout,
		    cell->u.cell.align == BP_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
		    cell->u.cell.align == BP_ALIGN_CENTER ?
		    PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
		h = pango_layout_get_line_count(tx->layout) *
		    tb->ts.size * tb->ts.leading;
		pango_layout_get_extents(tx->layout, NULL, &log);
		if (PT(log.height) > h)
			h = PT(log.height);
		if (h > rowh)
			rowh = h;
	}
	return rowh;
}

/* The lines of cell (laid out in tx) as boxes of row slice s, at x. */
static void
cell_lines(struct lay *l, const struct table *tb, struct bp_slice *s,
    const struct bp_node *cell, struct bp_text *tx, double x)
{
	PangoLayoutIter		*it = pango_layout_get_iter(tx->layout);
	PangoRectangle		 log;
	struct bp_box		*b;
	double			 cy = CELL_PADY, pitch;
	int			 li = 0;

	bp_lay_text_links(l, tx);

	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		pitch = tb->ts.size * tb->ts.leading;
		if (pitch < PT(log.height))
			pitch = PT(log.height);
		b = bp_lay_box_add(l, BP_BOX_LINE);
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
		b->elem = l->elem;
		bp_lay_line_refs(l, s, tx, li - 1);
		cy += pitch;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}
