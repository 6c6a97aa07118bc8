/*
 * Flows: the slices and boxes that layout fills, and their compaction
 * into glyph runs once laid out.
 * SPDX-License-Identifier: MIT
 */
#include "pdf/layout.h"

#define QUOTE_BAR    2.0

struct bp_flow *
bp_flow_new(void)
{
	struct bp_flow	*f = g_new0(struct bp_flow, 1);

	f->slices = g_array_new(FALSE, TRUE, sizeof(struct bp_slice));
	f->boxes = g_array_new(FALSE, TRUE, sizeof(struct bp_box));
	f->texts = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_lay_text_free);
	f->glines = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_gline_free);
	f->strings = g_ptr_array_new_with_free_func(g_free);
	f->refs = g_array_new(FALSE, FALSE, sizeof(int));
	f->note_range = g_array_new(FALSE, TRUE, sizeof(struct bp_note_range));
	f->elems = g_array_new(FALSE, TRUE, sizeof(struct bp_selem));
	return f;
}

void
bp_flow_free(struct bp_flow *f)
{
	guint	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->elems->len; i++) {
		g_free(g_array_index(f->elems, struct bp_selem, i).alt);
		g_free(g_array_index(f->elems, struct bp_selem, i).lang);
	}
	g_array_free(f->elems, TRUE);
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

/*
 * The flow's elements go into the document's record under a new Sect
 * (in the language lang) under the Document; boxes are spooled with
 * their element ids moved by the base this gives.
 */
int
bp_flow_tag(struct bp_flow *f, struct bp_tagging *t, const char *lang)
{
	int	 sect = bp_tagging_add(t, BP_TAG_SECT, -1);

	bp_tagging_set_lang(t, sect, lang);
	f->elem_base = bp_tagging_append(t, (const struct bp_selem *)(void *)
	    f->elems->data, f->elems->len, sect);
	if (f->notes != NULL)
		f->notes->elem_base = f->elem_base;
	return sect;
}

/* ------------------------------------------------------------------ */
/* Structure elements                                                 */

/* A new element under the current one; l->elem stays. */
int
bp_lay_elem_new(struct lay *l, enum bp_tag tag)
{
	struct bp_selem	 e = { 0 };

	e.tag = tag;
	e.parent = l->elem;
	g_array_append_val(l->elems, e);
	return (int)l->elems->len - 1;
}

int
bp_lay_enter(struct lay *l, enum bp_tag tag)
{
	int	 outer = l->elem;

	l->elem = bp_lay_elem_new(l, tag);
	return outer;
}

void
bp_lay_set_alt(struct lay *l, int elem, const char *alt)
{
	struct bp_selem	*e = &g_array_index(l->elems, struct bp_selem, elem);

	g_free(e->alt);
	e->alt = alt != NULL && *alt != '\0' ? g_strdup(alt) : NULL;
}

/*
 * Heading levels in the structure never skip one going down (PDF/UA,
 * Matterhorn 14-003): under the title's H1, a body heading is one
 * level below the nearest earlier heading of a higher Markdown level
 * (H2 when there is none), at most H6. "# A ### B ## C # D" gives H2,
 * H3, H3, H2.
 */
enum bp_tag
bp_lay_heading_tag(struct lay *l, int level)
{
	int	 out;

	while (l->nheads > 0 && l->head_md[l->nheads - 1] >= level)
		l->nheads--;
	out = l->nheads == 0 ? 2 : l->head_out[l->nheads - 1] + 1;
	if (out > 6)
		out = 6;
	if (l->nheads < (int)G_N_ELEMENTS(l->head_md)) {
		l->head_md[l->nheads] = level;
		l->head_out[l->nheads++] = out;
	}
	return BP_TAG_H1 + (out - 1);
}

/* ------------------------------------------------------------------ */
/* Slices and boxes                                                   */

/*
 * Start a slice of height h. Active quote bars are drawn beside every
 * slice, reaching up over the gap to the previous slice of the quote.
 */
struct bp_slice *
bp_lay_slice_new(struct lay *l, double h)
{
	struct bp_slice	 s = { 0 };
	struct bp_box	*b;
	guint		 i;

	s.h = h;
	s.space_before = l->space;
	s.first_box = l->flow->boxes->len;
	s.at_node = AT_UNSET;
	l->space = 0;
	g_array_append_val(l->flow->slices, s);
	for (i = 0; i < l->bars->len; i++) {
		b = bp_lay_box_add(l, BP_BOX_RECT);
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
struct bp_box *
bp_lay_box_add(struct lay *l, enum bp_box_type type)
{
	struct bp_box	 b = { 0 };
	struct bp_slice	*s = &g_array_index(l->flow->slices, struct bp_slice,
	    l->flow->slices->len - 1);

	b.type = type;
	b.color = l->st->color_text;
	b.elem = -1;
	g_array_append_val(l->flow->boxes, b);
	s->nboxes++;
	return &g_array_index(l->flow->boxes, struct bp_box,
	    l->flow->boxes->len - 1);
}

void
bp_lay_want_space(struct lay *l, double s)
{
	if (s > l->space)
		l->space = s;
}

/* ------------------------------------------------------------------ */
/* Compaction                                                         */

/*
 * Lines become glyph runs and the PangoLayouts go: a laid-out flow
 * then costs a few bytes a glyph until its pages are painted.
 */
void
bp_lay_compact(struct bp_flow *f)
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
	bp_lay_compact(f->notes);
}
