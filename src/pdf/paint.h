/*
 * The painter's state, shared by paint.c (boxes, links, the outline,
 * marked content) and furniture.c (cover, running header and footer,
 * marking, the blank-page note). Only those two include it.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PDF_PAINT_H
#define BP_PDF_PAINT_H

#include "pdf/pdf.h"

#define PT(v) ((double)(v) / PANGO_SCALE)

struct bp_painter {
	const struct bp_lctx		*lc;
	const struct bp_style		*st;
	const struct bp_paint_info	*info;
	cairo_surface_t			*surface;
	cairo_t				*cr;
	int				 npages;
	int				 outline[8];   /* last id per level */
	const char			*lang;
	GHashTable			*page_images;  /* drawn on this page */
	PangoItem			*item;         /* scratch for glyphs */
	GHashTable			*running;      /* header/footer text ->
	                                                * its PangoLayout */
	/* Structure: the record (NULL: none kept), the page's number,
	 * its marked-content sequences and annotations so far, and the
	 * element whose sequence is open (-1: none). */
	struct bp_tagging		*tags;
	int				 page, seq, annots;
	int				 open;
	double				 x0, y0;       /* the text area's corner */
};

/* ---- paint.c ---- */

/*
 * Put what is drawn next in a marked-content sequence of structure
 * element elem (-1: in none, an artifact), the open one if it is elem's.
 */
void bp_paint_mark(struct bp_painter *p, int elem);

/* ---- furniture.c ---- */

/* A one-paragraph layout of text; caller unrefs. */
PangoLayout *bp_paint_layout_new(struct bp_painter *p, const char *text,
    double size, PangoWeight weight, const char *family);
/* Draw pl at the current point, leaving out characters no font has. */
void bp_paint_show_layout(struct bp_painter *p, PangoLayout *pl);
/* Header and footer (artifacts); an opener (an article's first page,
 * under its own title block) has the footer only. */
void bp_paint_running(struct bp_painter *p, const struct bp_page *pg,
    double x0, bool opener);
/* The protective marking, top and bottom (artifacts). */
void bp_paint_marking(struct bp_painter *p, const struct bp_page *pg);
/* The cover: a Sect of its own, the pack's title its H1. */
void bp_paint_cover(struct bp_painter *p);
/* The blank page's note (an artifact). */
void bp_paint_blank(struct bp_painter *p);

#endif /* BP_PDF_PAINT_H */
