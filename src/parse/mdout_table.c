/*
 * The Markdown emitter's tables: rows of cells gathered, then written as
 * a GFM pipe table with its columns' alignments.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "parse/mdout_int.h"

static void write_row(struct bp_mdout *o, GPtrArray *row, guint ncols,
    int src);
static void free_aligns(gpointer p);
static enum bp_align column_align(struct bp_mdout *o, guint col);

void
bp_mdout_table(struct bp_mdout *o)
{
	if (o->tables++ > 0) {
		o->space = o->visible;
		return;
	}
	if (o->in_leaf)
		bp_mdout_end_block(o);
	o->rows = g_ptr_array_new();
	o->aligns = g_ptr_array_new_with_free_func(free_aligns);
	o->row_src = g_array_new(FALSE, FALSE, sizeof(int));
	o->first_header = false;
	o->in_cell = false;
}

void
bp_mdout_row(struct bp_mdout *o, bool header)
{
	if (o->tables != 1)
		return;
	if (o->rows->len == 0)
		o->first_header = header;
	g_ptr_array_add(o->rows, g_ptr_array_new_with_free_func(g_free));
	g_ptr_array_add(o->aligns, g_byte_array_new());
	g_array_append_val(o->row_src, o->src);
}

void
bp_mdout_cell(struct bp_mdout *o)
{
	if (o->tables != 1) {
		o->space = o->visible;
		return;
	}
	if (o->rows->len == 0)
		bp_mdout_row(o, false);
	bp_mdout_reset_inl(o);
	o->in_cell = true;
	o->cell_align = BP_ALIGN_NONE;
}

void
bp_mdout_cell_align(struct bp_mdout *o, enum bp_align align)
{
	if (o->tables == 1 && o->in_cell && align < BP_ALIGN__MAX)
		o->cell_align = align;
}

void
bp_mdout_cell_end(struct bp_mdout *o)
{
	guint8	 align;

	if (o->tables != 1 || !o->in_cell) {
		o->space = o->visible;
		return;
	}
	bp_mdout_close_all(o);
	g_ptr_array_add(g_ptr_array_index(o->rows, o->rows->len - 1),
	    g_strndup(o->inl->str, o->inl->len));
	align = (guint8)o->cell_align;
	g_byte_array_append(g_ptr_array_index(o->aligns, o->aligns->len - 1),
	    &align, 1);
	if (o->visible)
		o->any_text = true;
	bp_mdout_reset_inl(o);
	o->in_cell = false;
}

void
bp_mdout_row_end(struct bp_mdout *o)
{
	if (o->in_cell)
		bp_mdout_cell_end(o);
}

/* "| a | b |", padded to ncols. */
static void
write_row(struct bp_mdout *o, GPtrArray *row, guint ncols, int src)
{
	GString	*s = g_string_new("|");
	guint	 i;

	for (i = 0; i < ncols; i++)
		g_string_append_printf(s, " %s |", i < row->len ?
		    (char *)g_ptr_array_index(row, i) : "");
	o->block_src = src;
	bp_mdout_put_line(o, s->str, s->len);
	g_string_free(s, TRUE);
}

static void
free_aligns(gpointer p)
{
	g_byte_array_free(p, TRUE);
}

void
bp_mdout_free_rows(struct bp_mdout *o)
{
	guint	 i;

	if (o->rows == NULL)
		return;
	for (i = 0; i < o->rows->len; i++)
		g_ptr_array_free(g_ptr_array_index(o->rows, i), TRUE);
	g_ptr_array_free(o->rows, TRUE);
	g_ptr_array_free(o->aligns, TRUE);
	o->aligns = NULL;
	g_array_free(o->row_src, TRUE);
	o->rows = NULL;
	o->row_src = NULL;
}

/*
 * Column col's alignment: its first row's cell's, else the one more
 * than half of the other rows' cells have.
 */
static enum bp_align
column_align(struct bp_mdout *o, guint col)
{
	GByteArray	*row;
	guint		 i, counts[BP_ALIGN__MAX] = { 0 };
	int		 a;

	for (i = 0; i < o->aligns->len; i++) {
		row = g_ptr_array_index(o->aligns, i);
		if (col >= row->len)
			continue;
		if (i == 0 && row->data[col] != BP_ALIGN_NONE)
			return (enum bp_align)row->data[col];
		if (i > 0)
			counts[row->data[col]]++;
	}
	for (a = BP_ALIGN_LEFT; a < BP_ALIGN__MAX; a++)
		if (o->aligns->len > 1 && counts[a] * 2 > o->aligns->len - 1)
			return (enum bp_align)a;
	return BP_ALIGN_NONE;
}

bool
bp_mdout_table_end(struct bp_mdout *o)
{
	GString	*delim;
	guint	 i, ncols = 0;
	bool	 header;

	if (o->tables == 0)
		return true;
	if (--o->tables > 0) {
		o->space = o->visible;
		return true;
	}
	if (o->in_cell)
		bp_mdout_cell_end(o);
	header = o->first_header;
	for (i = 0; i < o->rows->len; i++)
		ncols = MAX(ncols, ((GPtrArray *)g_ptr_array_index(o->rows,
		    i))->len);
	if (ncols > 0) {
		o->src = g_array_index(o->row_src, int, 0);
		bp_mdout_start_block(o);
		write_row(o, g_ptr_array_index(o->rows, 0), ncols,
		    g_array_index(o->row_src, int, 0));
		delim = g_string_new("|");
		for (i = 0; i < ncols; i++)
			g_string_append(delim, (const char *[]){ " --- |",
			    " :-- |", " :-: |", " --: |" }[column_align(o, i)]);
		bp_mdout_put_line(o, delim->str, delim->len);
		g_string_free(delim, TRUE);
		for (i = 1; i < o->rows->len; i++)
			write_row(o, g_ptr_array_index(o->rows, i), ncols,
			    g_array_index(o->row_src, int, i));
		o->need_blank = true;
	} else
		header = true;
	bp_mdout_free_rows(o);
	bp_mdout_reset_inl(o);
	return header;
}
