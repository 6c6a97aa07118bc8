/*
 * Painting: laid-out pages onto a Cairo PDF surface, with running
 * header and footer, protective marking, links and the outline.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>

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
};

static void set_color(cairo_t *cr, struct bp_rgb c);
static PangoLayout *small_layout(struct bp_painter *p, const char *text,
    double size, PangoWeight weight, const char *family);
static PangoLayout *running_layout(struct bp_painter *p, const char *text,
    double size, PangoWeight weight);
static char *expand_template(struct bp_painter *p, const char *tpl,
    const struct bp_page *pg);
static void paint_running(struct bp_painter *p, const struct bp_page *pg,
    double x0);
static void paint_marking(struct bp_painter *p, const struct bp_page *pg);
static void paint_cover(struct bp_painter *p);
static void paint_blank(struct bp_painter *p);
static void paint_links(struct bp_painter *p, const struct bp_box *b, double x,
    double y);
static void paint_box(struct bp_painter *p, const struct bp_box *b, double x,
    double y, int first_on_page, double scale);
static void paint_check(cairo_t *cr, const struct bp_box *b, double x,
    double y);
static void paint_leader(struct bp_painter *p, const struct bp_box *b, double x,
    double y);
static void add_outline(struct bp_painter *p, const struct bp_slice *s,
    int page, double x, double y);
static int start_page(struct bp_painter *p, const struct bp_article *art);
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

static PangoLayout *
small_layout(struct bp_painter *p, const char *text, double size,
    PangoWeight weight, const char *family)
{
	PangoLayout		*pl = pango_layout_new(p->lc->pango);
	PangoFontDescription	*fd = pango_font_description_new();

	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, (int)lround(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, weight);
	pango_layout_set_font_description(pl, fd);
	pango_layout_set_text(pl, text, -1);
	pango_font_description_free(fd);
	return pl;
}

/*
 * A header, footer or marking line, laid out once: most repeat from page
 * to page (the pack's title, the article's, the marking). Returns a
 * layout the painter keeps.
 */
static PangoLayout *
running_layout(struct bp_painter *p, const char *text, double size,
    PangoWeight weight)
{
	PangoLayout	*pl;
	char		*key = g_strdup_printf("%d %.2f %s", (int)weight, size,
	    text);

	if ((pl = g_hash_table_lookup(p->running, key)) != NULL) {
		g_free(key);
		return pl;
	}
	/* Page numbers make most keys new: keep the cache small. */
	if (g_hash_table_size(p->running) >= 64)
		g_hash_table_remove_all(p->running);
	pl = small_layout(p, text, size, weight, p->st->font_heading);
	if (weight == PANGO_WEIGHT_NORMAL) {
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
		pango_layout_set_width(pl, (int)lround(p->lc->col_w * 0.48 *
		    PANGO_SCALE));
	}
	g_hash_table_insert(p->running, key, pl);
	return pl;
}

/* Fill in a header or footer template for a page. */
static char *
expand_template(struct bp_painter *p, const char *tpl, const struct bp_page *pg)
{
	const struct bp_meta	*pm = &p->info->pack->meta;
	GString			*out = g_string_new(NULL);
	const char		*s, *e;
	char			*name, *v;

	for (s = tpl; s != NULL && *s != '\0'; s++) {
		if (*s != '{' || (e = strchr(s, '}')) == NULL) {
			g_string_append_c(out, *s);
			continue;
		}
		name = g_strndup(s + 1, (gsize)(e - s - 1));
		v = NULL;
		/* An unknown one (warned about with the style) stays empty. */
		switch (bp_style_get_placeholder(name)) {
		case BP_PLACEHOLDER_PACK_TITLE:
			v = g_strdup(pm->title);
			break;
		case BP_PLACEHOLDER_PACK_SUBTITLE:
			v = g_strdup(pm->subtitle);
			break;
		case BP_PLACEHOLDER_ARTICLE_TITLE:
			v = g_strdup(pg->article != NULL ?
			    pg->article->meta.title : NULL);
			break;
		case BP_PLACEHOLDER_DATE:
			v = bp_l10n_date(p->lang, &pm->date);
			break;
		case BP_PLACEHOLDER_ORGANISATION:
			v = g_strdup(pm->organisation);
			break;
		case BP_PLACEHOLDER_CLASSIFICATION:
			v = g_strdup(pm->classification);
			break;
		case BP_PLACEHOLDER_PAGE:
			v = g_strdup_printf("%d", pg->number);
			break;
		case BP_PLACEHOLDER_PAGES:
			v = g_strdup_printf("%d", p->npages);
			break;
		case BP_PLACEHOLDER_PAGE_OF:
			v = bp_l10n_format(p->lang, BP_W_PAGE_OF, pg->number,
			    p->npages);
			break;
		case BP_PLACEHOLDER__MAX:
			break;
		}
		if (v != NULL)
			g_string_append(out, v);
		g_free(v);
		g_free(name);
		s = e;
	}
	return g_string_free(out, FALSE);
}

/*
 * Header and footer: left, centre and right templates; on even pages of
 * a duplex pack left and right swap so page numbers sit outside.
 */
static void
paint_running(struct bp_painter *p, const struct bp_page *pg, double x0)
{
	const struct bp_style	*st = p->st;
	PangoLayout		*pl;
	PangoRectangle		 log;
	double			 w = p->lc->col_w, y, x;
	int			 row, i, slot;
	char			*text;
	bool			 swap = st->duplex && pg->number % 2 == 0;
	const char *const	*tpls;

	for (row = 0; row < 2; row++) {
		/* No header on blank pages; the footer everywhere. */
		if (row == 0 && pg->kind == BP_PAGE_BLANK)
			continue;
		tpls = (const char *const *)(row == 0 ? st->header : st->footer);
		y = row == 0 ? st->margin_top - st->size_small * 2.6 :
		    st->page_h - st->margin_bottom + st->size_small * 1.6;
		for (i = 0; i < 3; i++) {
			slot = swap && i != 1 ? 2 - i : i;
			text = expand_template(p, tpls[i], pg);
			if (*text == '\0') {
				g_free(text);
				continue;
			}
			pl = running_layout(p, text, st->size_small,
			    PANGO_WEIGHT_NORMAL);
			pango_layout_get_extents(pl, NULL, &log);
			x = slot == 0 ? x0 : slot == 1 ?
			    x0 + (w - PT(log.width)) / 2 :
			    x0 + w - PT(log.width);
			set_color(p->cr, st->color_accent);
			cairo_move_to(p->cr, x, y);
			pango_cairo_show_layout(p->cr, pl);
			g_free(text);
		}
		/* A hairline under the header. */
		if (row == 0) {
			set_color(p->cr, st->color_rule);
			cairo_set_line_width(p->cr, 0.4);
			cairo_move_to(p->cr, x0, st->margin_top - st->size_small);
			cairo_line_to(p->cr, x0 + w, st->margin_top -
			    st->size_small);
			cairo_stroke(p->cr);
		}
	}
}

/*
 * The protective marking, centred at the top and the bottom: the pack's,
 * else that of the article on the page.
 */
static void
paint_marking(struct bp_painter *p, const struct bp_page *pg)
{
	const char	*mark = p->info->pack->meta.classification;
	PangoLayout	*pl;
	PangoRectangle	 log;
	double		 size = p->st->size_small + 1.5;

	if ((mark == NULL || *mark == '\0') && pg->article != NULL)
		mark = pg->article->meta.classification;
	if (mark == NULL || *mark == '\0')
		return;
	pl = running_layout(p, mark, size, PANGO_WEIGHT_BOLD);
	pango_layout_get_extents(pl, NULL, &log);
	set_color(p->cr, p->st->color_marking);
	cairo_move_to(p->cr, (p->st->page_w - PT(log.width)) / 2,
	    p->st->margin_top * 0.3);
	pango_cairo_show_layout(p->cr, pl);
	cairo_move_to(p->cr, (p->st->page_w - PT(log.width)) / 2,
	    p->st->page_h - p->st->margin_bottom * 0.3 - PT(log.height));
	pango_cairo_show_layout(p->cr, pl);
}

static void
paint_cover(struct bp_painter *p)
{
	const struct bp_style	*st = p->st;
	const struct bp_meta	*m = &p->info->pack->meta;
	PangoLayout		*pl;
	PangoRectangle		 log;
	double			 x = st->margin_inner, w = p->lc->col_w;
	double			 y = st->page_h * 0.28;
	char			*date = NULL, *count = NULL;
	int			 n = (int)p->info->pack->articles->len;

	/* A band of accent colour with the organisation above the title. */
	set_color(p->cr, st->color_accent);
	cairo_rectangle(p->cr, x, y - 30, 60, 4);
	cairo_fill(p->cr);
	if (m->organisation != NULL) {
		pl = small_layout(p, m->organisation, st->size_body + 1,
		    PANGO_WEIGHT_SEMIBOLD, st->font_heading);
		pango_layout_set_width(pl, (int)lround(w * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		pango_layout_get_extents(pl, NULL, &log);
		cairo_move_to(p->cr, x, y - 40 - PT(log.height));
		pango_cairo_show_layout(p->cr, pl);
		g_object_unref(pl);
	}
	pl = small_layout(p, m->title != NULL ? m->title : "", 30,
	    PANGO_WEIGHT_BOLD, st->font_heading);
	pango_layout_set_width(pl, (int)lround(w * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	set_color(p->cr, st->color_heading);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, pl);
	pango_layout_get_extents(pl, NULL, &log);
	y += PT(log.height) + 10;
	g_object_unref(pl);
	if (m->subtitle != NULL) {
		pl = small_layout(p, m->subtitle, 17, PANGO_WEIGHT_NORMAL,
		    st->font_heading);
		pango_layout_set_width(pl, (int)lround(w * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		set_color(p->cr, st->color_accent);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, pl);
		pango_layout_get_extents(pl, NULL, &log);
		y += PT(log.height);
		g_object_unref(pl);
	}
	date = bp_l10n_date(p->lang, &m->date);
	count = bp_l10n_format(p->lang, n == 1 ? BP_W_ARTICLES_ONE :
	    BP_W_ARTICLES_MANY, n, 0);
	y += 30;
	if (*date != '\0') {
		pl = small_layout(p, date, st->size_body + 2,
		    PANGO_WEIGHT_NORMAL, st->font_heading);
		set_color(p->cr, st->color_text);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, pl);
		pango_layout_get_extents(pl, NULL, &log);
		y += PT(log.height) + 4;
		g_object_unref(pl);
	}
	pl = small_layout(p, count, st->size_body, PANGO_WEIGHT_NORMAL,
	    st->font_heading);
	set_color(p->cr, st->color_accent);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, pl);
	g_object_unref(pl);
	g_free(date);
	g_free(count);
}

static void
paint_blank(struct bp_painter *p)
{
	PangoLayout	*pl;
	PangoRectangle	 log;

	pl = small_layout(p, bp_l10n_word(p->lang, BP_W_BLANK_PAGE),
	    p->st->size_small, PANGO_WEIGHT_NORMAL, p->st->font_heading);
	pango_layout_get_extents(pl, NULL, &log);
	set_color(p->cr, p->st->color_rule);
	cairo_move_to(p->cr, (p->st->page_w - PT(log.width)) / 2,
	    p->st->page_h / 2);
	pango_cairo_show_layout(p->cr, pl);
	g_object_unref(pl);
}

/* Link areas for the parts of a line that are links: one tag a link. */
static void
paint_links(struct bp_painter *p, const struct bp_box *b, double x, double y)
{
	const struct bp_gline	*gl = b->gline;
	const struct bp_glink	*lk;
	guint			 i, j;
	int			 pg;
	char			*esc, *attrs;
	GString			*rects;

	for (i = 0; i < gl->nlinks; i = j) {
		lk = &gl->links[i];
		rects = g_string_new(NULL);
		for (j = i; j < gl->nlinks && (j == i || !gl->links[j].first);
		    j++)
			g_string_append_printf(rects, "%s%.2f %.2f %.2f %.2f",
			    j > i ? " " : "", x + gl->links[j].x, y,
			    gl->links[j].w, b->h);
		attrs = NULL;
		if (lk->article != NULL && (pg = start_page(p, lk->article)) > 0)
			attrs = g_strdup_printf("rect=[%s] page=%d pos=[0 0]",
			    rects->str, pg);
		else if (safe_uri(lk->uri)) {
			esc = uri_encode(lk->uri);
			attrs = g_strdup_printf("rect=[%s] uri='%s'", rects->str,
			    esc);
			g_free(esc);
		}
		if (attrs != NULL) {
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		}
		g_free(attrs);
		g_string_free(rects, TRUE);
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

/* Contents: dots from the title to the right-aligned page number. */
static void
paint_leader(struct bp_painter *p, const struct bp_box *b, double x, double y)
{
	PangoLayout	*pl;
	PangoRectangle	 log;
	char		 num[16];
	double		 right = x + b->w, nx, d;
	int		 pg = start_page(p, b->article);
	char		*attrs;

	g_snprintf(num, sizeof num, "%d", pg);
	pl = small_layout(p, num, p->st->size_body, PANGO_WEIGHT_NORMAL,
	    p->st->font_heading);
	pango_layout_get_extents(pl, NULL, &log);
	nx = right - PT(log.width);
	set_color(p->cr, b->color);
	cairo_move_to(p->cr, nx, y + b->baseline -
	    PT(pango_layout_get_baseline(pl)));
	pango_cairo_show_layout(p->cr, pl);
	g_object_unref(pl);
	/* Dots on a fixed grid, so they line up from entry to entry. */
	set_color(p->cr, p->st->color_rule);
	for (d = ceil((x + 6) / 5.0) * 5.0; d < nx - 6; d += 5.0) {
		cairo_arc(p->cr, d, y + b->baseline - 0.6, 0.55, 0, 2 * G_PI);
		cairo_fill(p->cr);
	}
	attrs = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] page=%d pos=[0 0]",
	    x, y, right - x, b->h, pg);
	if (pg > 0) {
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
	}
	g_free(attrs);
}

static void
paint_box(struct bp_painter *p, const struct bp_box *b, double x, double y,
    int first_on_page, double scale)
{
	cairo_t		*cr = p->cr;
	double		 top = y + b->y, h = b->h * scale;

	switch (b->type) {
	case BP_BOX_LINE:
		if (b->gline == NULL)
			break;
		bp_gline_draw(cr, b->gline, p->item, x + b->x + b->lx,
		    top + b->baseline, b->color);
		if (b->gline->nlinks > 0)
			paint_links(p, b, x + b->x, top);
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
		 */
		/* A shrunk figure stays centred where it was. */
		x += b->x + b->w * (1 - scale) / 2;
		if (g_hash_table_contains(p->page_images, b->image)) {
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
	const struct bp_slice	*s;
	double			 x0, y0;
	guint			 j, k;

	/* Duplex: odd pages have the inner margin on the left. */
	x0 = !st->duplex || pg->number % 2 == 1 ? st->margin_inner :
	    st->margin_outer;
	y0 = st->margin_top;
	switch (pg->kind) {
	case BP_PAGE_COVER:
		paint_cover(p);
		break;
	case BP_PAGE_BLANK:
		paint_blank(p);
		paint_running(p, pg, x0);
		break;
	default:
		paint_running(p, pg, x0);
		break;
	}
	paint_marking(p, pg);
	/* Nothing is ever drawn outside the text area. */
	cairo_save(p->cr);
	cairo_rectangle(p->cr, x0 - 2, y0 - 2, lc->col_w + 4, lc->body_h + 4);
	cairo_clip(p->cr);
	for (j = 0; j < pg->placed->len; j++) {
		pl = &g_array_index(pg->placed, struct bp_placed, j);
		s = &g_array_index(pl->flow->slices, struct bp_slice, pl->slice);
		add_outline(p, s, pg->number, x0, y0 + pl->y);
		for (k = s->first_box; k < s->first_box + s->nboxes; k++)
			paint_box(p, &g_array_index(pl->flow->boxes,
			    struct bp_box, k), x0, y0 + pl->y, j == 0,
			    pl->scale);
	}
	/* The footnote separator: a short rule above the notes. */
	if (pg->notes_y >= 0) {
		set_color(p->cr, st->color_rule);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, x0, y0 + pg->notes_y + 5);
		cairo_line_to(p->cr, x0 + lc->col_w * 0.25,
		    y0 + pg->notes_y + 5);
		cairo_stroke(p->cr);
	}
	cairo_restore(p->cr);
	cairo_show_page(p->cr);
	g_hash_table_remove_all(p->page_images);
	return painter_status(p);
}

cairo_status_t
bp_painter_finish(struct bp_painter *p)
{
	cairo_status_t	 status;

	cairo_tag_end(p->cr, "Document");
	status = painter_status(p);
	cairo_destroy(p->cr);
	g_hash_table_destroy(p->page_images);
	g_hash_table_destroy(p->running);
	pango_item_free(p->item);
	g_free(p);
	return status;
}
