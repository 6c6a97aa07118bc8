/*
 * Tables: each cell measured (widest word, unwrapped width), the text
 * size and column widths chosen from that (table_widths.c), then one
 * slice per row with its cells wrapped to those widths; a table too
 * wide even so is set as several tables of fewer columns.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "pdf/layout.h"

#define CELL_PADX    4.0
#define CELL_PADY    2.5

/* A table being laid out: its cells' texts and its columns' sizes. */
struct table {
	const struct bp_node	*node;
	int			 nc, nr;    /* columns, rows */
	struct tstyle		 ts;        /* cell text */
	double			 avail;     /* width of the text column */
	const struct bp_node	**rows;     /* nr */
	const struct bp_node	**grid;     /* nr * nc cells, NULL: none */
	struct bp_text		**texts;    /* nr * nc, the flow owns them */
	double			*minw;      /* a column's widest word, padded */
	double			*natw;      /* its widest unwrapped cell */
	int			*part;      /* which part it is set in, -1:
	                                     * all (bp_table_split) */
};

/* One part of a table, set as a table of its own. */
struct tpart {
	int			 id;        /* for the paginator: s->table */
	int			 n;         /* its columns */
	int			*cols;      /* their numbers in the table */
	double			*colw;      /* their widths */
	double			 width;     /* the part's width */
	struct bp_text		**again;    /* nr: the repeated first
	                                     * column's texts; NULL: none */
};

static struct bp_text *cell_text(struct lay *l, struct table *tb,
    const struct bp_node *row, const struct bp_node *cell, GArray *refs);
static void table_measure(struct lay *l, struct table *tb);
static void table_resize(struct table *tb, double size);
static void table_part(struct lay *l, struct table *tb, int p);
static struct bp_text *part_text(const struct table *tb,
    const struct tpart *pt, int r, int i);
static void table_row(struct lay *l, struct table *tb,
    const struct tpart *pt, int r);
static double row_height(struct table *tb, const struct tpart *pt, int r);
static void cell_lines(struct lay *l, const struct table *tb,
    struct bp_slice *s, const struct bp_node *cell, struct bp_text *tx,
    double x);

/*
 * A table: cells measured, a text size and column widths chosen from
 * the measures, cells wrapped, one slice per row; a table whose
 * columns do not fit even at the smallest size is cut into parts.
 */
void
bp_lay_table(struct lay *l, const struct bp_node *t)
{
	struct table		 tb = { 0 };
	const struct bp_node	*row, *cell;
	double			 size, summin = 0;
	int			 r, c, nparts = 1, p;

	tb.ts = bp_lay_body_style(l);
	tb.nc = t->u.table.ncols;
	if (tb.nc <= 0)
		goto out;
	tb.node = t;
	for (row = t->first; row != NULL; row = row->next)
		tb.nr++;
	tb.rows = g_new0(const struct bp_node *, tb.nr);
	tb.grid = g_new0(const struct bp_node *, (gsize)tb.nr * tb.nc);
	tb.texts = g_new0(struct bp_text *, (gsize)tb.nr * tb.nc);
	for (row = t->first, r = 0; row != NULL; row = row->next, r++) {
		tb.rows[r] = row;
		for (cell = row->first, c = 0; cell != NULL && c < tb.nc;
		    cell = cell->next, c++)
			tb.grid[r * tb.nc + c] = cell;
	}
	tb.minw = g_new0(double, tb.nc);
	tb.natw = g_new0(double, tb.nc);
	tb.part = g_new0(int, tb.nc);
	tb.ts.size = l->st->size_table;
	tb.ts.justify = false;
	tb.ts.leading = 1.25;
	tb.avail = l->width;

	/* Size: smaller text for a table that would wrap word by word. */
	table_measure(l, &tb);
	size = bp_table_size(tb.nc, tb.minw, tb.natw, 2 * CELL_PADX,
	    tb.ts.size, MIN(l->st->size_table_min, tb.ts.size), tb.avail);
	if (size != tb.ts.size)
		table_resize(&tb, size);

	/* Columns: too many for the width are cut into parts. */
	for (c = 0; c < tb.nc; c++)
		summin += tb.minw[c];
	if (summin > tb.avail + 0.01)
		nparts = bp_table_split(tb.nc, tb.minw, tb.avail, tb.part);
	for (p = 0; p < nparts; p++)
		table_part(l, &tb, p);
out:
	g_free(tb.rows);
	g_free(tb.grid);
	g_free(tb.texts);
	g_free(tb.minw);
	g_free(tb.natw);
	g_free(tb.part);
}

/*
 * The text of a cell (the flow owns it), unwrapped. Cells are not
 * hyphenated: text extraction interleaves a row's cells line by line,
 * so a broken word would come apart. A right-aligned or centred cell
 * (numbers, as a rule) is set with tabular figures, so that digits
 * line up. Note references go to refs (NULL: the note is placed from
 * elsewhere, for a repeated cell).
 */
static struct bp_text *
cell_text(struct lay *l, struct table *tb, const struct bp_node *row,
    const struct bp_node *cell, GArray *refs)
{
	struct bp_text		*tx;
	GString			*str = g_string_new(NULL);
	PangoAttrList		*attrs = pango_attr_list_new();
	bool			 saved_hyph = l->hyph;

	l->hyph = false;
	bp_lay_build_inlines(l, cell->first, NULL, str, attrs, NULL, refs);
	l->hyph = saved_hyph;
	if (cell->u.cell.align == BP_ALIGN_RIGHT ||
	    cell->u.cell.align == BP_ALIGN_CENTER)
		pango_attr_list_insert_before(attrs,
		    pango_attr_font_features_new("tnum 1"));
	tb->ts.weight = row->u.row.header ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL;
	tx = bp_lay_text_new(l, str->str, (int)str->len, attrs, &tb->ts, 1);
	pango_layout_set_wrap(tx->layout, PANGO_WRAP_WORD);
	g_string_free(str, TRUE);
	return tx;
}

/*
 * Measure: make every cell's text, and note each column's widest word
 * (its minimum) and widest unwrapped cell (its maximum), padded.
 */
static void
table_measure(struct lay *l, struct table *tb)
{
	const struct bp_node	*cell;
	struct bp_text		*tx;
	GArray			*cellrefs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));
	int			 r, c;

	for (r = 0; r < tb->nr; r++)
		for (c = 0; c < tb->nc; c++) {
			if ((cell = tb->grid[r * tb->nc + c]) == NULL)
				continue;
			tx = cell_text(l, tb, tb->rows[r], cell, cellrefs);
			g_array_append_vals(tx->noterefs, cellrefs->data,
			    cellrefs->len);
			g_array_set_size(cellrefs, 0);
			bp_lay_check_glyphs(l, tx, tb->node);
			tb->texts[r * tb->nc + c] = tx;
		}
	table_resize(tb, tb->ts.size);
	g_array_free(cellrefs, TRUE);
}

/*
 * Set every cell at `size` and measure the columns again: minimum at
 * the narrowest wrap (the widest word), maximum unwrapped, at least
 * two ems.
 */
static void
table_resize(struct table *tb, double size)
{
	struct bp_text		*tx;
	PangoRectangle		 log;
	PangoFontDescription	*fd;
	double			 w;
	int			 r, c;

	tb->ts.size = size;
	for (c = 0; c < tb->nc; c++)
		tb->minw[c] = tb->natw[c] = 0;
	for (r = 0; r < tb->nr; r++)
		for (c = 0; c < tb->nc; c++) {
			if ((tx = tb->texts[r * tb->nc + c]) == NULL)
				continue;
			fd = pango_font_description_copy(
			    pango_layout_get_font_description(tx->layout));
			if (pango_font_description_get_size(fd) != PU(size)) {
				pango_font_description_set_size(fd, PU(size));
				pango_layout_set_font_description(tx->layout,
				    fd);
			}
			pango_font_description_free(fd);
			pango_layout_set_width(tx->layout, 1);
			pango_layout_get_extents(tx->layout, NULL, &log);
			w = PT(log.width) + 2 * CELL_PADX;
			tb->minw[c] = MAX(tb->minw[c], w);
			pango_layout_set_width(tx->layout, -1);
			pango_layout_get_extents(tx->layout, NULL, &log);
			w = PT(log.width) + 2 * CELL_PADX;
			tb->natw[c] = MAX(tb->natw[c], w);
		}
	for (c = 0; c < tb->nc; c++)
		tb->natw[c] = MAX(tb->natw[c], MAX(tb->minw[c], size * 2));
}

/*
 * Part p of the table (all of it when it is not cut) as a table of its
 * own: its columns' widths, then its rows between the table's space.
 * A part after the first repeats the first column (part[0] = -1) with
 * texts of its own, whose notes are placed from the first part.
 */
static void
table_part(struct lay *l, struct table *tb, int p)
{
	struct tpart	 pt = { 0 };
	double		*minw = g_new0(double, tb->nc);
	double		*maxw = g_new0(double, tb->nc);
	int		 c, r, outer;

	pt.cols = g_new0(int, tb->nc);
	pt.colw = g_new0(double, tb->nc);
	for (c = 0; c < tb->nc; c++)
		if (tb->part[c] == p || tb->part[c] == -1) {
			minw[pt.n] = tb->minw[c];
			maxw[pt.n] = tb->natw[c];
			pt.cols[pt.n++] = c;
		}
	pt.width = bp_table_widths(pt.n, minw, maxw, tb->avail, pt.colw);
	pt.id = ++l->lc->ntables;
	if (p > 0 && tb->part[0] == -1) {
		pt.again = g_new0(struct bp_text *, tb->nr);
		for (r = 0; r < tb->nr; r++)
			if (tb->grid[r * tb->nc] != NULL)
				pt.again[r] = cell_text(l, tb, tb->rows[r],
				    tb->grid[r * tb->nc], NULL);
	}

	/* Rows: wrap each cell at its column width; a slice per row. */
	bp_lay_want_space(l, l->st->para_space);
	outer = bp_lay_enter(l, BP_TAG_TABLE);
	for (r = 0; r < tb->nr; r++)
		table_row(l, tb, &pt, r);
	l->elem = outer;
	bp_lay_want_space(l, l->st->para_space);
	g_free(pt.cols);
	g_free(pt.colw);
	g_free(pt.again);
	g_free(minw);
	g_free(maxw);
}

/* The text of part pt's column i in row r (NULL: no cell there). */
static struct bp_text *
part_text(const struct table *tb, const struct tpart *pt, int r, int i)
{
	if (pt->again != NULL && pt->cols[i] == 0)
		return pt->again[r];
	return tb->texts[r * tb->nc + pt->cols[i]];
}

/*
 * Row r of part pt as a slice: shaded if it is a header (which the
 * paginator repeats on each page the part continues on, and keeps with
 * the row after it), its cells side by side, a rule under it (and over
 * it, for the first row), all as wide as the part.
 */
static void
table_row(struct lay *l, struct table *tb, const struct tpart *pt, int r)
{
	const struct bp_node	*row = tb->rows[r], *cell;
	struct bp_slice		*s;
	struct bp_box		*b;
	struct bp_text		*tx;
	double			 x, rowh;
	int			 i, outer, in_row;

	rowh = row_height(tb, pt, r) + 2 * CELL_PADY;
	if (rowh > l->lc->body_h)
		bp_diag_at(l->lc->diag, l->art != NULL ? l->art->path :
		    NULL, BP_WARNING, row->line, row->col, "table row is "
		    "taller than a page and is cut at the page foot");
	s = bp_lay_slice_new(l, rowh);
	s->node = row;
	s->table = pt->id;
	if (row->u.row.header) {
		s->header_of = pt->id;
		s->keep_next = true;
		b = bp_lay_box_add(l, BP_BOX_RECT);
		b->x = l->indent;
		b->w = pt->width;
		b->h = rowh;
		b->color = l->st->color_shade;
	}
	/* TR > TH (a header row's cells, scope: column) or TD. */
	x = l->indent;
	outer = bp_lay_enter(l, BP_TAG_TR);
	for (i = 0; i < pt->n; i++) {
		cell = tb->grid[r * tb->nc + pt->cols[i]];
		tx = part_text(tb, pt, r, i);
		if (cell != NULL && tx != NULL) {
			in_row = bp_lay_enter(l, row->u.row.header ?
			    BP_TAG_TH : BP_TAG_TD);
			cell_lines(l, tb, s, cell, tx, x);
			l->elem = in_row;
		}
		x += pt->colw[i];
	}
	l->elem = outer;
	b = bp_lay_box_add(l, BP_BOX_HRULE);
	b->x = l->indent;
	b->y = rowh;
	b->w = pt->width;
	b->h = row->u.row.header ? 0.9 : 0.4;
	b->color = row->u.row.header ? l->st->color_accent :
	    l->st->color_rule;
	if (r == 0) {
		b = bp_lay_box_add(l, BP_BOX_HRULE);
		b->x = l->indent;
		b->y = 0;
		b->w = pt->width;
		b->h = 0.9;
		b->color = l->st->color_accent;
	}
}

/*
 * Wrap the cells of row r of part pt at their columns' widths and
 * alignments; returns the height of the tallest, unpadded.
 */
static double
row_height(struct table *tb, const struct tpart *pt, int r)
{
	const struct bp_node	*cell;
	struct bp_text		*tx;
	PangoRectangle		 log;
	double			 h, rowh = 0;
	int			 i;

	for (i = 0; i < pt->n; i++) {
		cell = tb->grid[r * tb->nc + pt->cols[i]];
		if (cell == NULL || (tx = part_text(tb, pt, r, i)) == NULL)
			continue;
		pango_layout_set_wrap(tx->layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_width(tx->layout,
		    PU(MAX(pt->colw[i] - 2 * CELL_PADX, 1)));
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
