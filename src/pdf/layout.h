/*
 * Layout internals, shared by the files that turn the model into a flow
 * of slices (flow.c, text.c, inlines.c, blocks.c, figure.c, table.c,
 * article.c); the rest of pdf/ sees only pdf.h. Nothing here draws.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PDF_LAYOUT_H
#define BP_PDF_LAYOUT_H

#include "pdf/pdf.h"

/* Points from Pango units and back (PU needs <math.h> for lround). */
#define PT(v)        ((double)(v) / PANGO_SCALE)
#define PU(v)        ((int)lround((v) * PANGO_SCALE))
#define LONG_RUN     300    /* characters without a space: give breaks */
#define AT_UNSET     (-3)   /* a slice's at_node before it is known */

/* A list marker waiting for the first line of its item. */
struct marker {
	struct bp_text	*text;      /* bullet or number, NULL for a task box */
	enum bp_task	 task;
	double		 x, w;      /* marker column */
	int		 elem;      /* its Lbl */
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
	/* Structure: elements go into elems (the article flow's), under
	 * elem (-1: the flow's Sect); content boxes get elem. */
	GArray			*elems;
	int			 elem;
	int			 head_md[8], head_out[8], nheads;
	const struct bp_node	*glyphs_warned;
	/* Where slices start in the model: body node -> number + 1
	 * (bp_pages_index_nodes; NULL: not the body), and where inline
	 * text being built comes from (struct bp_src; NULL: not wanted). */
	GHashTable		*nodes;
	GArray			*src;
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

/* ---- flow.c: slices, boxes, compaction ---- */

/*
 * Start a slice of height h in l's flow (taking the pending space), with
 * the active quote bars beside it. The pointer is valid until the next
 * slice is added.
 */
struct bp_slice *bp_lay_slice_new(struct lay *l, double h);
/* A box of `type` in the last slice, in the text colour; valid until the
 * next box is added. */
struct bp_box *bp_lay_box_add(struct lay *l, enum bp_box_type type);
/* At least `s` points before the next slice. */
void bp_lay_want_space(struct lay *l, double s);
/* A new structure element under l->elem; returns its index. */
int bp_lay_elem_new(struct lay *l, enum bp_tag tag);
/* A new element under l->elem made current; returns the one before, for
 * the caller to put back in l->elem when the element's content ends. */
int bp_lay_enter(struct lay *l, enum bp_tag tag);
/* Set a Figure's alt text (copied; NULL or "": none). */
void bp_lay_set_alt(struct lay *l, int elem, const char *alt);
/* The structure type of a body heading of Markdown level `level`. */
enum bp_tag bp_lay_heading_tag(struct lay *l, int level);
/* Turn the lines of f (and its notes) laid out since the last call into
 * glyph runs and free the flow's PangoLayouts. */
void bp_lay_compact(struct bp_flow *f);

/* ---- text.c: text runs and their lines ---- */

/* The body text style where l is (family, size, colours, justification). */
struct tstyle bp_lay_body_style(const struct lay *l);
/*
 * A PangoLayout of `len` bytes of s (-1: up to the NUL) in style ts,
 * `width` wide; takes ownership of attrs (NULL: none). The flow owns
 * the result.
 */
struct bp_text *bp_lay_text_new(struct lay *l, const char *s, int len,
    PangoAttrList *attrs, const struct tstyle *ts, double width);
/* Free t and its layout and links; NULL is fine. */
void bp_lay_text_free(struct bp_text *t);
/* Give each link of t a Link element under l->elem. */
void bp_lay_text_links(struct lay *l, struct bp_text *t);
/*
 * Warn (once per block, named by node) when the fonts have no glyph for
 * some of t's text: those characters are left out when drawn.
 */
void bp_lay_check_glyphs(struct lay *l, const struct bp_text *t,
    const struct bp_node *node);
/* Put the pending list marker (if any) beside the last slice, whose first
 * baseline is bl. */
void bp_lay_attach_marker(struct lay *l, double bl);
/*
 * One slice per line of t at x, spaced at ts's leading (justified when
 * ts says so). With keep_all the lines stay together; otherwise widows
 * and orphans are kept away. node is the source, for messages.
 */
void bp_lay_emit_lines(struct lay *l, struct bp_text *t,
    const struct tstyle *ts, double x, bool keep_all,
    const struct bp_node *node);
/*
 * Where in the model byte `index` of t's text is (its struct bp_src),
 * into *node and *offset; a byte the layout added counts as the next
 * one of the node's text. Leaves them alone when t has no source. The
 * cursor (zeroed before the first call) carries the walk on from the
 * last index asked, so asking for each line in order is linear in the
 * text's length.
 */
struct bp_text_cursor {
	guint		 run;        /* the struct bp_src last walked */
	int		 lpos, npos; /* where in the layout's and the node's
	                              * text that walk stopped; 0: not begun */
};
void bp_lay_text_at(const struct bp_text *t, int index,
    struct bp_text_cursor *cur, int *node, int *offset);
/* The number bp_pages_index_nodes gave n, or AT_UNSET. */
int bp_lay_node_number(const struct lay *l, const struct bp_node *n);
/* Record in slice s the footnotes referenced on line i of t. */
void bp_lay_line_refs(struct lay *l, struct bp_slice *s,
    const struct bp_text *t, int i);
/* Give runs of more than `longer` characters without a space (from byte
 * `from` of s on) a break opportunity every `every` characters. */
void bp_lay_break_long_runs(GString *s, gsize from, glong longer,
    glong every);

/* ---- inlines.c: inline content ---- */

/*
 * Append the sibling inline nodes from `first` up to (not including)
 * `stop` (NULL: to the last) to s as text, with attributes in attrs;
 * links (NULL: none) and note references (NULL: none) are appended too,
 * the caller owning all.
 */
void bp_lay_build_inlines(struct lay *l, const struct bp_node *first,
    const struct bp_node *stop, GString *s, PangoAttrList *attrs,
    GArray *links, GArray *refs);
/* Lay out sibling inline nodes [first, stop) as one paragraph in ts. */
void bp_lay_inline_run(struct lay *l, const struct bp_node *first,
    const struct bp_node *stop, const struct tstyle *ts, bool keep_all,
    const struct bp_node *node);

/* ---- blocks.c, figure.c, table.c: block content ---- */

/* Plain text as a paragraph in ts (nothing for NULL or ""); the whole
 * of it links to `link` unless that is NULL. */
void bp_lay_plain(struct lay *l, const char *text, const struct tstyle *ts,
    bool keep_all, const struct bp_node *node, const char *link);
/* Lay out block n (a paragraph, heading, list, table, ...). */
void bp_lay_block(struct lay *l, const struct bp_node *n);
/* Lay out the children of parent, one block after another. */
void bp_lay_blocks(struct lay *l, const struct bp_node *parent);
/* A figure (or a placeholder when the image cannot be used), with its
 * caption. */
void bp_lay_image(struct lay *l, const struct bp_node *img);
/* A table: one slice per row, header rows repeated by the paginator. */
void bp_lay_table(struct lay *l, const struct bp_node *t);

/* ---- table_widths.c: table arithmetic, no Pango ---- */

/* A table that wraps is set smaller until its columns' minima take at
 * most this share of the width, leaving the rest to running text. */
#define TABLE_ROOM   0.7
/*
 * Widths of nc columns (minw, maxw: each column's widest word and its
 * widest unwrapped cell, padded) in avail points, into colw (nc, the
 * caller's): the maxima when they fit, else the minima with the rest
 * shared in proportion to max - min, else the minima scaled down.
 * Returns the table's width (at most avail: a table that fits is not
 * stretched).
 */
double bp_table_widths(int nc, const double *minw, const double *maxw,
    double avail, double *colw);
/*
 * The text size (from size down to size_min in half points) at which
 * the minima measured at size, each padded by pad, take at most
 * TABLE_ROOM of avail; size when every cell fits unwrapped.
 */
double bp_table_size(int nc, const double *minw, const double *maxw,
    double pad, double size, double size_min, double avail);
/*
 * Cut nc columns whose minima do not fit avail into as few, as even
 * parts as fit; part[c] (nc, the caller's) gets each column's part, -1
 * for the first column when every part repeats it. Returns the number
 * of parts.
 */
int bp_table_split(int nc, const double *minw, double avail, int *part);

#endif /* BP_PDF_LAYOUT_H */
