/*
 * PDF writer internals: fonts (fonts.c), images (image.c), layout
 * (flow.c, article.c and the files layout.h lists: model -> slices,
 * never draws), pagination (paginate.c: slices -> pages) and painting
 * (paint.c: pages -> Cairo). pdf.c runs them in order.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PDF_H
#define BP_PDF_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "bp.h"
#include "pdf/tags.h"

/* ---- fonts.c ---- */

/*
 * A Pango font map over the bundled fonts in `fonts_dir` (system fonts
 * only as a fallback) and a context set up for PDF: 72 dpi, no hinting,
 * unrounded glyph positions. Returns NULL after reporting.
 */
struct bp_fonts;
struct bp_fonts *bp_fonts_new(const char *fonts_dir, struct bp_diag *);
PangoContext *bp_fonts_context(struct bp_fonts *);
void bp_fonts_free(struct bp_fonts *);
/*
 * SVG text: librsvg takes the thread's default Pango font map. Before an
 * SVG is drawn, make it one over the bundled fonts alone (other families
 * map to the bundled one of their kind); after painting, give the thread
 * its own default again.
 */
void bp_fonts_use_for_svg(struct bp_fonts *);
void bp_fonts_unuse_for_svg(void);

/* ---- hyph.c ---- */

/*
 * Hyphenation dictionaries (libhyphen), loaded once per language and
 * shared by threads; each file is read once per process, whatever the
 * number of bp_hyph (one per writer: a batch's workers). bp_hyph_append copies text to out with soft hyphens
 * at the dictionary's points; it returns false when the language has no
 * dictionary (text copied unchanged), with *missing_first set the first
 * time that language is asked for, so the caller warns once.
 */
struct bp_hyph;
struct bp_hyph *bp_hyph_new(void);
void bp_hyph_free(struct bp_hyph *);
bool bp_hyph_append(struct bp_hyph *, const char *lang, const char *text,
    GString *out, bool *missing_first);

/* ---- hyphcache.c ---- */

/*
 * A libhyphen dictionary (HyphenDict, from <hyphen.h>) read from its
 * compiled copy in the user's cache folder when that is up to date,
 * else parsed by libhyphen and the copy (re)written; NULL when the file
 * can't be read. *ours says who frees it: bp_hyphcache_free when true,
 * else hnj_hyphen_free. The folder is $BRIEFPACK_CACHE_DIR (empty: no
 * cache), else $XDG_CACHE_HOME/briefpack, else ~/.cache/briefpack.
 */
struct _HyphenDict;
struct _HyphenDict *bp_hyphcache_load(const char *path, bool *ours);
void bp_hyphcache_free(struct _HyphenDict *);

/* ---- image.c ---- */

/* A decoded image: raster surface or SVG handle, natural size in points. */
struct bp_pimage {
	cairo_surface_t	*surface;   /* raster images */
	void		*svg;       /* RsvgHandle * for SVG */
	double		 w, h;      /* natural size, points */
};

/* Decode img, once per file for the cache's lifetime (threads may share
 * a cache); NULL when it cannot be used, after setting *why (caller
 * frees). */
struct bp_pimage *bp_pimage_get(GHashTable *cache, const struct bp_image *img,
    char **why);
GHashTable *bp_pimage_cache_new(void);
/* Draw at (x, y) scaled to w x h. */
void bp_pimage_paint(cairo_t *, const struct bp_pimage *, double x, double y,
    double w, double h);

/* ---- layout: flow.c, article.c; pagination: paginate.c ---- */

enum bp_box_type {
	BP_BOX_LINE,      /* one line of a PangoLayout */
	BP_BOX_RECT,      /* filled rectangle */
	BP_BOX_FRAME,     /* stroked rectangle */
	BP_BOX_HRULE,     /* horizontal line at y, width w */
	BP_BOX_IMAGE,
	BP_BOX_CHECK,     /* task-list box, checked when `flag` */
	BP_BOX_LEADER,    /* contents entry: dots and the article's page */
	BP_BOX_CONT,      /* continuation mark of a wrapped code line */
	BP_BOX__MAX
};

/* A link on part of a layout's text: bytes [start, end). */
struct bp_link {
	int		 start, end;
	char		*uri;        /* external: uri; internal: NULL */
	const struct bp_article *article; /* internal: to this article's start */
	int		 elem;       /* its Link element in the flow; -1 */
};

/*
 * Everything a layout's lines need at paint time, shared by the line
 * boxes of one paragraph. Owned by the flow; boxes borrow it.
 */
struct bp_text {
	PangoLayout	*layout;
	GArray		*links;      /* struct bp_link */
	GArray		*noterefs;   /* struct bp_noteref */
	GArray		*src;        /* struct bp_src, by start; NULL: the
	                              * text is not the model's (title block) */
};

/*
 * Bytes of a layout's text from `start` on come from the text of body
 * node `node` (numbered as struct bp_page_start counts), from its first
 * byte; characters the layout inserted (soft hyphens, break points) are
 * not in the node's text.
 */
struct bp_src {
	int		 start;
	int		 node;
	const char	*text;       /* the node's text, NULL: it has none;
	                              * valid while the body is held */
	int		 from;       /* byte of text at `start` (leading
	                              * spaces the layout dropped) */
};

/* A footnote reference at byte `index` of a layout's text. */
struct bp_noteref {
	int		 index;
	int		 num;
};

/*
 * A run of shaped glyphs of one line, as Pango's renderer would draw it:
 * its text is bytes [offset, offset + length) of the line's.
 */
struct bp_grun {
	PangoFont	*font;       /* a reference */
	PangoGlyphString *glyphs;    /* owned */
	int		 offset, length, nchars, level;
	int		 x, y;       /* from the line's origin (Pango units);
	                              * y: baseline shift, up */
	bool		 has_color;  /* else the box's colour */
	struct bp_rgb	 color;
	bool		 strike;     /* the rule: from the ink's x, its width */
	int		 strike_x, strike_y, strike_h, width;
};

/*
 * A link area of a line; `first` starts a new link (one tag each), whose
 * text is bytes [start, end) of the line's.
 */
struct bp_glink {
	double		 x, w;       /* from the box's x */
	bool		 first;
	char		*uri;        /* external: uri; internal: NULL */
	const struct bp_article *article;
	int		 start, end;
	int		 elem;       /* Link element (as the box's elem); -1 */
};

/* A laid-out line without its PangoLayout (glyphs.c). */
struct bp_gline {
	char		*text;
	int		 len;
	struct bp_grun	*runs;
	guint		 nruns;
	struct bp_glink	*links;
	guint		 nlinks;
};

/* A drawable thing, positioned relative to its slice's top-left corner. */
struct bp_box {
	enum bp_box_type type;
	double		 x, y, w, h;
	struct bp_rgb	 color;
	struct bp_text	*text;       /* LINE, during layout only */
	int		 line;       /* LINE: line number in the layout */
	struct bp_gline	*gline;      /* LINE, once the flow is compacted */
	double		 baseline;   /* LINE: from y */
	double		 lx;         /* LINE: x of the line within its layout */
	struct bp_pimage *image;     /* IMAGE */
	bool		 flag;       /* CHECK: checked; RECT: continues upwards */
	const struct bp_article *article; /* LEADER: whose start page */
	const struct bp_node *node;  /* source, for messages and dumps */
	int		 elem;       /* structure element it belongs to (in
	                              * its flow's elems; in the document's
	                              * record once spooled); -1: artifact */
};

/*
 * An unbreakable horizontal strip of the flow: one line of text, a
 * table row, an image. The paginator never splits a slice.
 */
struct bp_slice {
	double		 h;
	double		 space_before;  /* dropped at the top of a page */
	bool		 keep_next;     /* never break between this and next */
	bool		 break_before;  /* always start a new page */
	double		 min_h;         /* > 0: may shrink to this (figures) */
	int		 table;         /* > 0: row of table number `table` */
	int		 header_of;     /* > 0: the header row of that table */
	guint		 first_box, nboxes;
	guint		 first_ref, nrefs;  /* footnotes referenced: flow->refs */
	/* Outline entry starting here (level 0: none). */
	int		 outline_level;
	const char	*outline_title;
	const struct bp_node *node;
	/* Where in the model it starts (see struct bp_page_start). */
	int		 at_node, at_offset;
};

/* The laid-out flow of one article (or the contents). */
struct bp_flow {
	GArray		*slices;   /* struct bp_slice */
	GArray		*boxes;    /* struct bp_box */
	GPtrArray	*texts;    /* struct bp_text *, owned; empty once
	                            * compacted */
	GPtrArray	*glines;   /* struct bp_gline *, owned */
	guint		 compacted;  /* boxes before this have no layout */
	GPtrArray	*strings;  /* char *, owned (outline titles) */
	GArray		*refs;     /* int: note numbers, see bp_slice */
	/* Footnotes: their own flow; note k is notes->slices[range[k-1]]. */
	struct bp_flow	*notes;
	GArray		*note_range;  /* struct bp_note_range */
	const struct bp_article *article;
	/*
	 * Structure elements (struct bp_selem) in reading order, parents as
	 * indices into it (-1: the article's or the contents' Sect); the
	 * notes' flow uses its article's. elem_base: where they start in
	 * the document's record once merged (boxes are spooled with it).
	 */
	GArray		*elems;
	int		 elem_base;
};

struct bp_note_range {
	guint		 first, n;
};

enum bp_page_kind {
	BP_PAGE_COVER,
	BP_PAGE_CONTENTS,
	BP_PAGE_BLANK,
	BP_PAGE_ARTICLE,
	BP_PAGE_FAILED,          /* an article that could not be included */
	BP_PAGE_KIND__MAX
};

struct bp_placed {
	const struct bp_flow *flow;
	guint		 slice;
	double		 y;           /* from the top of the text area */
	double		 scale;       /* < 1: a figure shrunk to fit */
	bool		 repeat;      /* a table's header row repeated: an
	                               * artifact */
};

struct bp_page {
	enum bp_page_kind kind;
	int		 number;      /* 1-based */
	const struct bp_article *article;  /* at the top of the page */
	GArray		*placed;      /* struct bp_placed */
	double		 notes_y;     /* top of the footnote area, < 0: none */
	struct bp_flow	*own;         /* read back from a spool: the slices
	                               * and boxes placed, owned */
};

/* Pagination state: flows are placed one after another. */
struct bp_pager {
	GPtrArray	*pages;       /* struct bp_page *, owned; the writer
	                               * takes closed ones away */
	int		 npages;      /* pages opened so far */
	struct bp_page	*cur;         /* page being filled, NULL: none */
	double		 y;           /* used height of cur */
	GArray		*notes;       /* struct bp_placed: cur's footnotes, y
	                               * from the top of the note area */
	double		 notes_h;     /* their height, with the separator */
	GArray		*carry;       /* struct bp_placed: note slices left
	                               * over for the next page */
	double		 body_h;      /* text area height */
	GArray		*starts;      /* struct bp_pager_start: every page
	                               * opened, in order */
};

/*
 * Where a page opened by the pager begins: the first slice placed on it
 * (or the end of the flow, for notes carried on); nowhere yet for a page
 * added empty (cover, blank), which the writer resolves.
 */
struct bp_pager_start {
	enum bp_page_kind kind;
	const struct bp_article *article;
	int		 at_node, at_offset;
	bool		 placed;      /* at_* are known */
};

/* Geometry and fonts shared by layout and paint. */
struct bp_lctx {
	const struct bp_style	*style;
	PangoContext		*pango;
	struct bp_fonts		*fonts;      /* pango's, and SVG text's */
	struct bp_diag		*diag;
	GHashTable		*images;     /* image path -> struct bp_pimage */
	struct bp_hyph		*hyph;       /* NULL: no hyphenation */
	double			 col_w;      /* text column width */
	double			 body_h;     /* text area height */
	int			 placeholders;
	int			 ntables;
	const char		*lang;       /* current article's language */
	unsigned		 standard;   /* BP_PDF_STD_* the PDF is made to */
};

struct bp_flow *bp_flow_new(void);
void bp_flow_free(struct bp_flow *);
/*
 * Merge f's structure elements into t under a new Sect of language lang
 * (NULL: none), setting f's elem_base (and its notes'). Returns the
 * Sect's index.
 */
int bp_flow_tag(struct bp_flow *f, struct bp_tagging *t, const char *lang);
/* Clear the flow's pointers into the model, before the tree goes. */
void bp_flow_forget_nodes(struct bp_flow *);

/*
 * Lay out one article (title block, body, notes) into a new flow, its
 * lines already compacted to glyph runs (no PangoLayout is kept). With
 * have_body (the caller holds it: bp_article_body_acquire) the body is
 * laid out, else the page that says the article is missing and why.
 */
struct bp_flow *bp_layout_article(struct bp_lctx *, const struct bp_article *,
    bool have_body);
/* Lay out the contents of the pack into a new, compacted flow. */
struct bp_flow *bp_layout_contents(struct bp_lctx *, const struct bp_pack *);
/* Does any page still open in pg (or a note it carries) use flow f? */
bool bp_pager_uses(const struct bp_pager *, const struct bp_flow *);

/*
 * Place flow's slices on pages. With `fresh`, the flow starts on a new
 * page; else it continues on the current one. Pages are numbered from 1.
 * Returns the number of the page the flow's first slice is on.
 */
int bp_paginate(const struct bp_lctx *, struct bp_pager *,
    const struct bp_flow *, enum bp_page_kind, bool fresh);
/* Append an empty page of `kind` (cover, blank) and close it. */
void bp_pager_add_page(struct bp_pager *, enum bp_page_kind,
    const struct bp_article *);
void bp_pager_init(struct bp_pager *);
/* Close the last page (placing its footnotes). */
void bp_pager_finish(struct bp_pager *);
void bp_pager_clear(struct bp_pager *);

/* Text dump of pages and their boxes (2 decimals), for tests. */
char *bp_layout_dump(const GPtrArray *pages);

/* ---- glyphs.c ---- */

/* Line `index` of t's layout as glyph runs (with its link areas). */
struct bp_gline *bp_gline_new(const struct bp_text *t, int index);
void bp_gline_free(struct bp_gline *);
/*
 * Draw gl with its origin (left end of the baseline) at (x, y), runs
 * without a colour of their own in `color`. `item` is scratch space from
 * pango_item_new(), reused from call to call.
 */
void bp_gline_draw(cairo_t *, const struct bp_gline *gl, PangoItem *item,
    double x, double y, struct bp_rgb color);
/*
 * Only the glyphs whose text is bytes [from, to) of gl's, where
 * bp_gline_draw would put them, without strikethrough; the rules alone
 * (bp_gline_draw_rules) where bp_gline_draw would put them, if any
 * (bp_gline_is_struck).
 */
void bp_gline_draw_part(cairo_t *, const struct bp_gline *gl,
    PangoItem *item, double x, double y, struct bp_rgb color, int from,
    int to);
bool bp_gline_is_struck(const struct bp_gline *gl);
void bp_gline_draw_rules(cairo_t *, const struct bp_gline *gl,
    PangoItem *item, double x, double y, struct bp_rgb color);

/* ---- spool.c ---- */

/*
 * Closed pages wait in a temporary file (deleted at once, in TMPDIR)
 * until the whole pack is paginated, so memory does not grow with the
 * pack. A page written is self-contained: its slices, boxes and glyph
 * runs are copied; images, articles and fonts are referred to and must
 * outlive the spool (the spool keeps a reference to each font).
 */
struct bp_spool;
/* NULL with errno set. */
struct bp_spool *bp_spool_new(void);
bool bp_spool_put(struct bp_spool *, const struct bp_page *);
/* Read pages back from the first one on. */
bool bp_spool_rewind(struct bp_spool *);
/* Bytes written so far. */
guint64 bp_spool_size(const struct bp_spool *);
/* The next page, with its own flow (page->own); NULL at the end or on
 * error (errno set then). Free with bp_page_free(). */
struct bp_page *bp_spool_get(struct bp_spool *);
void bp_spool_free(struct bp_spool *);
void bp_page_free(struct bp_page *);

/* ---- office.c ---- */

/*
 * What the structure record holds before a numbered copy is painted
 * (painting adds the cover's elements and every piece's kids), to put
 * it back before the next copy: bp_tags_restore frees the mark.
 */
struct bp_tags_mark;
struct bp_tags_mark *bp_tags_save(const struct bp_tagging *);
void bp_tags_restore(struct bp_tagging *, struct bp_tags_mark *);
/*
 * The distribution page of ncopies copies (bp_pack_distribution_article),
 * laid out and paginated on a page (right-hand in duplex) of its own,
 * its elements in tagging and its flow in live. Returns that article,
 * which must outlive the pages (caller frees), or NULL when the pack has
 * no distribution list.
 */
struct bp_article *bp_office_add_distribution(struct bp_lctx *,
    struct bp_pager *, const struct bp_pack *, int ncopies,
    struct bp_tagging *tagging, GPtrArray *live);

/* ---- paint.c ---- */

struct bp_paint_info {
	const struct bp_pack	*pack;
	int			 npages;
	GHashTable		*start_pages;  /* article -> first page number */
	struct bp_tagging	*tags;         /* the structure record: the
	                                        * painter adds the cover's
	                                        * elements and every piece */
	int			 copy, ncopies; /* numbered copy `copy` of
	                                        * ncopies (0: unnumbered) */
};

/*
 * Pages are drawn one at a time, in order, onto a PDF surface; Cairo
 * writes each out when it is shown. bp_painter_finish ends the document
 * (the surface stays the caller's) and frees the painter. Both return
 * Cairo's status (of the context, else of the surface), for the caller
 * to report in Cairo's words.
 */
struct bp_painter;
struct bp_painter *bp_painter_new(const struct bp_lctx *,
    const struct bp_paint_info *, cairo_surface_t *);
cairo_status_t bp_painter_page(struct bp_painter *, const struct bp_page *);
cairo_status_t bp_painter_finish(struct bp_painter *);

#endif /* BP_PDF_H */
