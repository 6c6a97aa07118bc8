/*
 * Painting: laid-out pages onto a Cairo PDF surface, with links and the
 * outline, each piece of content marked for the structure record
 * (tags.h); the page furniture is furniture.c's.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>

#include "pdf/paint.h"

static void set_color(cairo_t *cr, struct bp_rgb c);
static void link_begin(struct bp_painter *p, int elem, int parent,
    const char *attrs);
static int parent_of(const struct bp_painter *p, int elem);
static char *link_attrs(struct bp_painter *p, const struct bp_box *b,
    double x, double y, guint i, guint j);
static void paint_line(struct bp_painter *p, const struct bp_box *b,
    double x, double y);
static void paint_box(struct bp_painter *p, const struct bp_box *b, double x,
    double y, int first_on_page, double scale, bool artifact);
static void paint_slice(struct bp_painter *p, const struct bp_placed *pl,
    double x0, double y0, int first_on_page);
static bool in_area(const struct bp_painter *p, const struct bp_box *b,
    double y, int first_on_page, double scale);
static void paint_clipped(struct bp_painter *p, const struct bp_box *b,
    double y, int first_on_page, double scale, bool artifact);
static void paint_check(cairo_t *cr, const struct bp_box *b, double x,
    double y);
static void paint_leader(struct bp_painter *p, const struct bp_box *b, double x,
    double y);
static void add_outline(struct bp_painter *p, const struct bp_slice *s,
    int page, double x, double y);
static int start_page(struct bp_painter *p, const struct bp_article *art);
static void add_dest(struct bp_painter *p, const char *name);
static bool safe_uri(const char *uri);
static char *uri_encode(const char *s);
static cairo_status_t painter_status(const struct bp_painter *p);

/*
 * Links lead only to the web, mail and FTP: javascript:, data:, file:
 * and every other scheme stay plain text.
 */
static bool
safe_uri(const char *uri)
{
	static const char *const ok[] = { "http", "https", "mailto", "ftp" };
	const char	*scheme;
	size_t		 i;

	if (uri == NULL || (scheme = g_uri_peek_scheme(uri)) == NULL)
		return false;
	for (i = 0; i < G_N_ELEMENTS(ok); i++)
		if (strcmp(scheme, ok[i]) == 0)
			return true;
	return false;
}

static void
set_color(cairo_t *cr, struct bp_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/*
 * Cairo 1.16 copies a link's URI into a PDF string as it is: "(", ")"
 * and "\\" would end or corrupt the string (a broken file), and bytes
 * outside printable ASCII do not belong in a URI. Percent-encode them,
 * and the quote and backslash of Cairo's own attribute syntax, so the
 * string needs no escaping at all. A "%" that starts a valid escape is
 * kept; any other "%" is encoded.
 */
static char *
uri_encode(const char *s)
{
	static const char	 unsafe[] = "()\\'\"<>{}|^`";
	GString			*out = g_string_new(NULL);
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '%' && g_ascii_isxdigit(p[1]) &&
		    g_ascii_isxdigit(p[2]))
			g_string_append_c(out, '%');
		else if (*p <= 0x20 || *p >= 0x7f || *p == '%' ||
		    strchr(unsafe, *p) != NULL)
			g_string_append_printf(out, "%%%02X", *p);
		else
			g_string_append_c(out, (char)*p);
	}
	return g_string_free(out, FALSE);
}

/* The first failure: the context's, else the surface's. */
static cairo_status_t
painter_status(const struct bp_painter *p)
{
	cairo_status_t	 status = cairo_status(p->cr);

	return status != CAIRO_STATUS_SUCCESS ? status :
	    cairo_surface_status(p->surface);
}

static int
start_page(struct bp_painter *p, const struct bp_article *art)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(p->info->start_pages, art));
}

/*
 * Marked content. Cairo 1.16 marks the content of a leaf structure tag
 * (one that holds no other) as a sequence with an MCID, the page's
 * next, and leaves everything else unmarked; a link tag is a leaf too.
 * So each piece of content goes in a "Span" tag of its own, recorded
 * as a kid of its element; consecutive pieces of one element share it.
 * Nothing is nested in a Span (that would unmark it), and no sequence
 * stays open across q/Q or the end of a page. elem -1 closes the open
 * one: what follows is an artifact (the finishing step marks it so).
 */
void
bp_paint_mark(struct bp_painter *p, int elem)
{
	if (p->open == elem)
		return;
	if (p->open >= 0) {
		cairo_tag_end(p->cr, "Span");
		p->open = -1;
	}
	if (elem < 0 || p->tags == NULL)
		return;
	cairo_tag_begin(p->cr, "Span", NULL);
	bp_tagging_mcid(p->tags, elem, p->page, p->seq++);
	p->open = elem;
}

/*
 * Open a link tag: its sequence (the link's text) and its annotation
 * (the page's next in /Annots, in the order of the tags) belong to
 * elem, a Link (one is made under parent if layout made none).
 */
static void
link_begin(struct bp_painter *p, int elem, int parent, const char *attrs)
{
	bp_paint_mark(p, -1);
	cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
	if (p->tags == NULL)
		return;
	if (elem < 0)
		elem = bp_tagging_add(p->tags, BP_TAG_LINK, parent);
	bp_tagging_mcid(p->tags, elem, p->page, p->seq++);
	bp_tagging_annot(p->tags, elem, p->page, p->annots++);
}

static int
parent_of(const struct bp_painter *p, int elem)
{
	return p->tags == NULL || elem < 0 ? -1 : g_array_index(p->tags->elems,
	    struct bp_selem, elem).parent;
}

/*
 * The link tag's attributes for link areas [i, j) of a line: rectangles
 * and target; NULL when it leads nowhere allowed (then it is plain
 * text). Caller frees.
 */
static char *
link_attrs(struct bp_painter *p, const struct bp_box *b, double x, double y,
    guint i, guint j)
{
	const struct bp_glink	*lk = &b->gline->links[i];
	GString			*rects = g_string_new(NULL);
	char			*esc, *attrs = NULL;
	guint			 k;
	int			 pg;

	for (k = i; k < j; k++)
		g_string_append_printf(rects, "%s%.2f %.2f %.2f %.2f",
		    k > i ? " " : "", x + b->gline->links[k].x, y,
		    b->gline->links[k].w, b->h);
	if (lk->article != NULL && (pg = start_page(p, lk->article)) > 0)
		attrs = g_strdup_printf("rect=[%s] dest='%s'", rects->str,
		    lk->article->id);
	else if (safe_uri(lk->uri)) {
		esc = uri_encode(lk->uri);
		attrs = g_strdup_printf("rect=[%s] uri='%s'", rects->str, esc);
		g_free(esc);
	}
	g_string_free(rects, TRUE);
	return attrs;
}

/*
 * A line with links: its text in order, each link's in a link tag
 * (one a link, with the link's areas on the line) and the rest in the
 * line's element.
 */
static void
paint_line(struct bp_painter *p, const struct bp_box *b, double x, double y)
{
	const struct bp_gline	*gl = b->gline;
	const struct bp_glink	*lk;
	double			 gx = x + b->x + b->lx, gy = y + b->baseline;
	guint			 i, j;
	int			 from = 0;
	char			*attrs;

	for (i = 0; i < gl->nlinks; i = j) {
		lk = &gl->links[i];
		for (j = i + 1; j < gl->nlinks && !gl->links[j].first; j++)
			;
		if ((attrs = link_attrs(p, b, x + b->x, y, i, j)) == NULL)
			continue;
		if (lk->start > from) {
			bp_paint_mark(p, b->elem);
			bp_gline_draw_part(p->cr, gl, p->item, gx, gy, b->color,
			    from, lk->start);
		}
		link_begin(p, lk->elem, b->elem, attrs);
		bp_gline_draw_part(p->cr, gl, p->item, gx, gy, b->color,
		    lk->start, lk->end);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		from = MAX(from, lk->end);
		g_free(attrs);
	}
	if (from == 0 || from < gl->len) {
		bp_paint_mark(p, b->elem);
		bp_gline_draw_part(p->cr, gl, p->item, gx, gy, b->color, from,
		    G_MAXINT);
	}
	/* Strikethrough last, as one line draws it: the line's element. */
	if (bp_gline_is_struck(gl)) {
		bp_paint_mark(p, b->elem);
		bp_gline_draw_rules(p->cr, gl, p->item, gx, gy, b->color);
	}
}

static void
paint_check(cairo_t *cr, const struct bp_box *b, double x, double y)
{
	set_color(cr, b->color);
	cairo_set_line_width(cr, 0.7);
	cairo_rectangle(cr, x, y, b->w, b->h);
	cairo_stroke(cr);
	if (!b->flag)
		return;
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, x + b->w * 0.2, y + b->h * 0.55);
	cairo_line_to(cr, x + b->w * 0.42, y + b->h * 0.8);
	cairo_line_to(cr, x + b->w * 0.85, y + b->h * 0.15);
	cairo_stroke(cr);
}

/*
 * Contents: dots from the title to the right-aligned page number. The
 * number is the entry's link's (the box's element) when it links.
 */
static void
paint_leader(struct bp_painter *p, const struct bp_box *b, double x, double y)
{
	PangoLayout	*pl;
	PangoRectangle	 log;
	char		 num[16];
	double		 right = x + b->w, nx, d;
	int		 pg = start_page(p, b->article);
	char		*attrs = NULL;

	g_snprintf(num, sizeof num, "%d", pg);
	pl = bp_paint_layout_new(p, num, p->st->size_body, PANGO_WEIGHT_NORMAL,
	    p->st->font_heading);
	pango_layout_get_extents(pl, NULL, &log);
	nx = right - PT(log.width);
	if (pg > 0) {
		attrs = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] "
		    "dest='%s'", x, y, right - x, b->h, b->article->id);
		link_begin(p, b->elem, parent_of(p, b->elem), attrs);
	} else
		bp_paint_mark(p, parent_of(p, b->elem));
	set_color(p->cr, b->color);
	cairo_move_to(p->cr, nx, y + b->baseline -
	    PT(pango_layout_get_baseline(pl)));
	bp_paint_show_layout(p, pl);
	g_object_unref(pl);
	if (attrs != NULL)
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
	/*
	 * Dots on a fixed grid, so they line up from entry to entry. The
	 * number left a current point, and an arc joins it with a line:
	 * a new path first, or a hairline runs from the number to the
	 * first dot.
	 */
	bp_paint_mark(p, -1);
	set_color(p->cr, p->st->color_rule);
	cairo_new_path(p->cr);
	for (d = ceil((x + 6) / 5.0) * 5.0; d < nx - 6; d += 5.0) {
		cairo_arc(p->cr, d, y + b->baseline - 0.6, 0.55, 0, 2 * G_PI);
		cairo_fill(p->cr);
	}
	g_free(attrs);
}

/* A box, in its element's sequence unless it is an artifact. */
static void
paint_box(struct bp_painter *p, const struct bp_box *b, double x, double y,
    int first_on_page, double scale, bool artifact)
{
	cairo_t		*cr = p->cr;
	double		 top = y + b->y, h = b->h * scale;
	bool		 links = b->type == BP_BOX_LINE && b->gline != NULL &&
	    b->gline->nlinks > 0 && !artifact;

	/* Lines with links and leaders mark their parts themselves. */
	if (!links && b->type != BP_BOX_LEADER)
		bp_paint_mark(p, artifact ? -1 : b->elem);
	switch (b->type) {
	case BP_BOX_LINE:
		if (b->gline == NULL)
			break;
		if (links)
			paint_line(p, b, x, top);
		else
			bp_gline_draw(cr, b->gline, p->item, x + b->x + b->lx,
			    top + b->baseline, b->color);
		break;
	case BP_BOX_RECT:
		/* Boxes reaching up over a gap stop at the page's top. */
		if (b->flag && first_on_page && b->y < 0) {
			h += b->y;
			top = y;
		}
		set_color(cr, b->color);
		cairo_rectangle(cr, x + b->x, top, b->w, h);
		cairo_fill(cr);
		break;
	case BP_BOX_FRAME:
		set_color(cr, b->color);
		cairo_set_line_width(cr, 0.8);
		cairo_set_dash(cr, (double[]){ 3, 2 }, 2, 0);
		cairo_rectangle(cr, x + b->x, top, b->w, b->h);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		break;
	case BP_BOX_HRULE:
		set_color(cr, b->color);
		cairo_set_line_width(cr, b->h);
		cairo_move_to(cr, x + b->x, top);
		cairo_line_to(cr, x + b->x + b->w, top);
		cairo_stroke(cr);
		break;
	case BP_BOX_IMAGE:
		/*
		 * Cairo 1.16 lists an image twice in a page's resources when
		 * it is drawn twice there; a group gives the repeat its own.
		 * An SVG is drawn in a group too: its clips would otherwise
		 * make Cairo pop the text area's clip (Q) inside the marked
		 * content, which must nest with q/Q.
		 */
		/* A shrunk figure stays centred where it was. */
		x += b->x + b->w * (1 - scale) / 2;
		if (b->image->svg != NULL)
			bp_fonts_use_for_svg(p->lc->fonts);
		if (b->image->svg != NULL ||
		    g_hash_table_contains(p->page_images, b->image)) {
			cairo_push_group(cr);
			bp_pimage_paint(cr, b->image, x, top, b->w * scale, h);
			cairo_pop_group_to_source(cr);
			cairo_paint(cr);
		} else {
			g_hash_table_add(p->page_images, b->image);
			bp_pimage_paint(cr, b->image, x, top, b->w * scale, h);
		}
		break;
	case BP_BOX_CHECK:
		paint_check(cr, b, x + b->x, top);
		break;
	case BP_BOX_LEADER:
		paint_leader(p, b, x + b->x, top);
		break;
	case BP_BOX_CONT:
		/* A hooked arrow: down, then right. */
		set_color(cr, b->color);
		cairo_set_line_width(cr, 0.6);
		cairo_move_to(cr, x + b->x, top);
		cairo_line_to(cr, x + b->x, top + b->h);
		cairo_line_to(cr, x + b->x + b->w, top + b->h);
		cairo_stroke(cr);
		cairo_move_to(cr, x + b->x + b->w - 1.4, top + b->h - 1.2);
		cairo_line_to(cr, x + b->x + b->w, top + b->h);
		cairo_line_to(cr, x + b->x + b->w - 1.4, top + b->h + 1.2);
		cairo_stroke(cr);
		break;
	case BP_BOX__MAX:
		break;
	}
}

/*
 * A placed slice's boxes. A list item's or note's label first: it is
 * the first kid of its item, though layout puts it beside the line
 * after the line's box. A repeated table header is an artifact.
 */
static void
paint_slice(struct bp_painter *p, const struct bp_placed *pl, double x0,
    double y0, int first_on_page)
{
	const struct bp_slice	*s = &g_array_index(pl->flow->slices,
	    struct bp_slice, pl->slice);
	const struct bp_box	*b;
	guint			 k;
	int			 pass;
	bool			 lbl;

	add_outline(p, s, p->page, x0, y0 + pl->y);
	for (pass = 0; pass < 2; pass++)
		for (k = s->first_box; k < s->first_box + s->nboxes; k++) {
			b = &g_array_index(pl->flow->boxes, struct bp_box, k);
			lbl = p->tags != NULL && b->elem >= 0 &&
			    bp_tagging_get_tag(p->tags, b->elem) == BP_TAG_LBL;
			if (lbl != (pass == 0))
				continue;
			if (in_area(p, b, y0 + pl->y, first_on_page, pl->scale))
				paint_box(p, b, x0, y0 + pl->y, first_on_page,
				    pl->scale, pl->repeat);
			else
				paint_clipped(p, b, y0 + pl->y, first_on_page,
				    pl->scale, pl->repeat);
		}
}

/* Does box b of a slice at y stay in the text area (2 pt to spare)? */
static bool
in_area(const struct bp_painter *p, const struct bp_box *b, double y,
    int first_on_page, double scale)
{
	double	 bx = p->x0 + b->x, by = y + b->y, bw = b->w, bh = b->h * scale;

	if (b->type == BP_BOX_LINE)
		bx += b->lx;
	else if (b->type == BP_BOX_HRULE) {
		by -= b->h / 2;
		bh = b->h;
	} else if (b->type == BP_BOX_RECT && b->flag && first_on_page &&
	    b->y < 0) {
		bh += b->y;
		by = y;
	}
	return bx >= p->x0 - 2 && by >= p->y0 - 2 &&
	    bx + bw <= p->x0 + p->lc->col_w + 2 &&
	    by + bh <= p->y0 + p->lc->body_h + 2;
}

/*
 * Nothing is ever drawn outside the text area: a box reaching past it
 * (a table row taller than a page) is drawn clipped, in a group. Not
 * with a page-wide clip: Cairo sets and resets clips lazily ("Q q"),
 * which would cut through the marked content; inside a group the clip
 * has a stream of its own. Links and leaders (structure tags) are not
 * drawn in a group, and are drawn whole.
 */
static void
paint_clipped(struct bp_painter *p, const struct bp_box *b, double y,
    int first_on_page, double scale, bool artifact)
{
	cairo_t		*cr = p->cr;

	if (b->type == BP_BOX_LEADER || (b->type == BP_BOX_LINE &&
	    b->gline != NULL && b->gline->nlinks > 0 && !artifact)) {
		paint_box(p, b, p->x0, y, first_on_page, scale, artifact);
		return;
	}
	bp_paint_mark(p, artifact ? -1 : b->elem);
	cairo_push_group(cr);
	cairo_rectangle(cr, p->x0 - 2, p->y0 - 2, p->lc->col_w + 4,
	    p->lc->body_h + 4);
	cairo_clip(cr);
	paint_box(p, b, p->x0, y, first_on_page, scale, artifact);
	cairo_pop_group_to_source(cr);
	cairo_paint(cr);
}

/* Bookmarks: articles at level 1, their headings beneath. */
static void
add_outline(struct bp_painter *p, const struct bp_slice *s, int page, double x,
    double y)
{
	int	 lv = s->outline_level, parent, k;
	char	*link;

	if (lv < 1 || s->outline_title == NULL)
		return;
	if (lv > 7)
		lv = 7;
	parent = CAIRO_PDF_OUTLINE_ROOT;
	for (k = lv - 1; k >= 1; k--)
		if (p->outline[k] != 0) {
			parent = p->outline[k];
			break;
		}
	link = g_strdup_printf("page=%d pos=[%.2f %.2f]", page, x, y);
	p->outline[lv] = cairo_pdf_surface_add_outline(p->surface, parent,
	    s->outline_title, link, lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	for (k = lv + 1; k < 8; k++)
		p->outline[k] = 0;
	g_free(link);
}

/* A named destination at the top of the current page. */
static void
add_dest(struct bp_painter *p, const char *name)
{
	char	*attrs = g_strdup_printf("name='%s' x=0 y=0", name);

	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attrs);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	g_free(attrs);
}

struct bp_painter *
bp_painter_new(const struct bp_lctx *lc, const struct bp_paint_info *info,
    cairo_surface_t *surface)
{
	struct bp_painter	*p = g_new0(struct bp_painter, 1);

	p->lc = lc;
	p->st = lc->style;
	p->info = info;
	p->surface = surface;
	p->npages = info->npages;
	p->lang = info->pack->meta.lang;
	p->cr = cairo_create(surface);
	p->page_images = g_hash_table_new(g_direct_hash, g_direct_equal);
	p->running = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_object_unref);
	p->item = pango_item_new();
	p->tags = info->tags;
	p->open = -1;
	/*
	 * One structure element around everything: Cairo 1.16 writes link
	 * annotations' structure parents only inside a structure tree.
	 */
	cairo_tag_begin(p->cr, "Document", NULL);
	return p;
}

cairo_status_t
bp_painter_page(struct bp_painter *p, const struct bp_page *pg)
{
	const struct bp_lctx	*lc = p->lc;
	const struct bp_style	*st = p->st;
	const struct bp_placed	*pl;
	double			 x0, y0;
	guint			 j;
	bool			 opener;

	/* Duplex: odd pages have the inner margin on the left. */
	x0 = !st->duplex || pg->number % 2 == 1 ? st->margin_inner :
	    st->margin_outer;
	y0 = st->margin_top;
	p->page = pg->number;
	p->seq = p->annots = 0;
	/*
	 * An article's first page is a named destination: Cairo 1.16 writes
	 * links to a page number only when that page already exists, so
	 * the contents (written first) link by name.
	 */
	opener = pg->article != NULL && start_page(p, pg->article) ==
	    pg->number;
	if (opener && pg->article->id != NULL)
		add_dest(p, pg->article->id);
	switch (pg->kind) {
	case BP_PAGE_COVER:
		bp_paint_cover(p);
		break;
	case BP_PAGE_BLANK:
		bp_paint_blank(p);
		bp_paint_running(p, pg, x0, /*opener*/false);
		break;
	default:
		bp_paint_running(p, pg, x0, opener);
		break;
	}
	bp_paint_marking(p, pg);
	p->x0 = x0;
	p->y0 = y0;
	for (j = 0; j < pg->placed->len; j++) {
		pl = &g_array_index(pg->placed, struct bp_placed, j);
		paint_slice(p, pl, x0, y0, j == 0);
	}
	/* The footnote separator: a short rule above the notes. */
	bp_paint_mark(p, -1);
	if (pg->notes_y >= 0) {
		set_color(p->cr, st->color_rule);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, x0, y0 + pg->notes_y + 5);
		cairo_line_to(p->cr, x0 + lc->col_w * 0.25,
		    y0 + pg->notes_y + 5);
		cairo_stroke(p->cr);
	}
	cairo_show_page(p->cr);
	g_hash_table_remove_all(p->page_images);
	return painter_status(p);
}

cairo_status_t
bp_painter_finish(struct bp_painter *p)
{
	cairo_status_t	 status;

	cairo_tag_end(p->cr, "Document");
	bp_fonts_unuse_for_svg();
	status = painter_status(p);
	cairo_destroy(p->cr);
	g_hash_table_destroy(p->page_images);
	g_hash_table_destroy(p->running);
	pango_item_free(p->item);
	g_free(p);
	return status;
}
