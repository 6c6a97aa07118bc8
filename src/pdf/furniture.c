/*
 * Page furniture: the cover, the running header and footer, the
 * protective marking and the blank-page note. All but the cover are
 * artifacts (drawn outside marked content).
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "pdf/paint.h"

static void set_color(cairo_t *cr, struct bp_rgb c);
static PangoLayout *running_layout(struct bp_painter *p, const char *text,
    double size, PangoWeight weight, double width);
static char *expand_template(struct bp_painter *p, const char *tpl,
    const struct bp_page *pg);
static void cover_elem(struct bp_painter *p, int sect, enum bp_tag tag);
static void paint_office(struct bp_painter *p, const struct bp_page *pg,
    double mark_h);
static double cover_office(struct bp_painter *p, int sect, double x,
    double y);

static void
set_color(cairo_t *cr, struct bp_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

PangoLayout *
bp_paint_layout_new(struct bp_painter *p, const char *text, double size,
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
 * Draw pl at the current point. Characters no font has are left out,
 * as in the body (glyphs.c): Pango would draw boxes of hex digits.
 */
void
bp_paint_show_layout(struct bp_painter *p, PangoLayout *pl)
{
	PangoLayoutIter	*it;
	PangoLayoutRun	*run;
	int		 g;

	if (pango_layout_get_unknown_glyphs_count(pl) > 0) {
		it = pango_layout_get_iter(pl);
		do {
			run = pango_layout_iter_get_run(it);
			for (g = 0; run != NULL && g < run->glyphs->num_glyphs;
			    g++)
				if ((run->glyphs->glyphs[g].glyph &
				    PANGO_GLYPH_UNKNOWN_FLAG) != 0)
					run->glyphs->glyphs[g].glyph =
					    PANGO_GLYPH_EMPTY;
		} while (pango_layout_iter_next_run(it));
		pango_layout_iter_free(it);
	}
	pango_cairo_show_layout(p->cr, pl);
}

/*
 * A header, footer, marking or office line, laid out once: most repeat
 * from page to page (the pack's title, the article's, the marking).
 * Cut with an ellipsis at width points (0: never). Returns a layout the
 * painter keeps.
 */
static PangoLayout *
running_layout(struct bp_painter *p, const char *text, double size,
    PangoWeight weight, double width)
{
	PangoLayout	*pl;
	char		*key = g_strdup_printf("%d %.2f %.2f %s", (int)weight,
	    size, width, text);

	if ((pl = g_hash_table_lookup(p->running, key)) != NULL) {
		g_free(key);
		return pl;
	}
	/* Page numbers make most keys new: keep the cache small. */
	if (g_hash_table_size(p->running) >= 64)
		g_hash_table_remove_all(p->running);
	pl = bp_paint_layout_new(p, text, size, weight, p->st->font_heading);
	if (width > 0) {
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
		pango_layout_set_width(pl, (int)lround(width * PANGO_SCALE));
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
void
bp_paint_running(struct bp_painter *p, const struct bp_page *pg, double x0,
    bool opener)
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
		/*
		 * No header on blank pages, nor over an article's title block
		 * (it would repeat the title); the footer everywhere.
		 */
		if (row == 0 && (pg->kind == BP_PAGE_BLANK || opener))
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
			    PANGO_WEIGHT_NORMAL, w * 0.48);
			pango_layout_get_extents(pl, NULL, &log);
			x = slot == 0 ? x0 : slot == 1 ?
			    x0 + (w - PT(log.width)) / 2 :
			    x0 + w - PT(log.width);
			set_color(p->cr, st->color_accent);
			cairo_move_to(p->cr, x, y);
			bp_paint_show_layout(p, pl);
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
void
bp_paint_marking(struct bp_painter *p, const struct bp_page *pg)
{
	const char	*mark = p->info->pack->meta.classification;
	PangoLayout	*pl;
	PangoRectangle	 log;
	double		 size = p->st->size_small + 1.5;

	if ((mark == NULL || *mark == '\0') && pg->article != NULL)
		mark = pg->article->meta.classification;
	if (mark == NULL || *mark == '\0') {
		paint_office(p, pg, 0);
		return;
	}
	pl = running_layout(p, mark, size, PANGO_WEIGHT_BOLD, 0);
	pango_layout_get_extents(pl, NULL, &log);
	set_color(p->cr, p->st->color_marking);
	cairo_move_to(p->cr, (p->st->page_w - PT(log.width)) / 2,
	    p->st->margin_top * 0.3);
	bp_paint_show_layout(p, pl);
	cairo_move_to(p->cr, (p->st->page_w - PT(log.width)) / 2,
	    p->st->page_h - p->st->margin_bottom * 0.3 - PT(log.height));
	bp_paint_show_layout(p, pl);
	paint_office(p, pg, PT(log.height));
}


/*
 * What makes the page an official document's, beside the marking
 * (mark_h tall; 0: none), as artifacts: the exemption from public
 * access in small type centred under the top marking, above the header;
 * the copy's number and holder level with the bottom marking, at the
 * outer edge of the text column (where the page number is).
 */
static void
paint_office(struct bp_painter *p, const struct bp_page *pg, double mark_h)
{
	const struct bp_style	*st = p->st;
	const struct bp_paint_info *info = p->info;
	PangoLayout		*pl;
	PangoRectangle		 log;
	char			*line = NULL;
	double			 x0, y;
	bool			 left;

	line = bp_pack_get_page_exempt(info->pack, pg->article);
	if (line != NULL) {
		pl = running_layout(p, line, st->size_small - 1.5,
		    PANGO_WEIGHT_NORMAL, p->lc->col_w);
		pango_layout_get_extents(pl, NULL, &log);
		set_color(p->cr, st->color_marking);
		cairo_move_to(p->cr, (st->page_w - PT(log.width)) / 2,
		    st->margin_top * 0.3 + mark_h);
		bp_paint_show_layout(p, pl);
		g_free(line);
	}
	if (info->copy < 1 || (line = bp_pack_copy_words(info->pack,
	    info->copy, info->ncopies)) == NULL)
		return;
	pl = running_layout(p, line, st->size_small, PANGO_WEIGHT_SEMIBOLD,
	    p->lc->col_w);
	pango_layout_get_extents(pl, NULL, &log);
	/* Duplex even pages have their outer edge on the left. */
	left = st->duplex && pg->number % 2 == 0;
	x0 = !st->duplex || pg->number % 2 == 1 ? st->margin_inner :
	    st->margin_outer;
	y = st->page_h - st->margin_bottom * 0.3 - (mark_h > 0 ? mark_h :
	    PT(log.height)) + ((mark_h > 0 ? mark_h : PT(log.height)) -
	    PT(log.height)) / 2;
	set_color(p->cr, st->color_marking);
	cairo_move_to(p->cr, left ? x0 : x0 + p->lc->col_w - PT(log.width), y);
	bp_paint_show_layout(p, pl);
	g_free(line);
}

/*
 * The cover's own lines of an official document, from y down: the
 * pack's exemption and the copy's number and holder, each a P of the
 * cover's Sect. Returns the y below them.
 */
static double
cover_office(struct bp_painter *p, int sect, double x, double y)
{
	const struct bp_style	*st = p->st;
	PangoLayout		*pl;
	PangoRectangle		 log;
	char			*line[2];
	int			 i;

	line[0] = bp_pack_get_page_exempt(p->info->pack, NULL);
	line[1] = p->info->copy < 1 ? NULL : bp_pack_copy_words(p->info->pack,
	    p->info->copy, p->info->ncopies);
	for (i = 0; i < 2; i++) {
		if (line[i] == NULL)
			continue;
		cover_elem(p, sect, BP_TAG_P);
		pl = bp_paint_layout_new(p, line[i], st->size_body,
		    i == 0 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_SEMIBOLD,
		    st->font_heading);
		pango_layout_set_width(pl, (int)lround(p->lc->col_w *
		    PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		set_color(p->cr, st->color_marking);
		cairo_move_to(p->cr, x, y);
		bp_paint_show_layout(p, pl);
		pango_layout_get_extents(pl, NULL, &log);
		y += PT(log.height) + 4;
		g_object_unref(pl);
		g_free(line[i]);
	}
	return y;
}

void
bp_paint_cover(struct bp_painter *p)
{
	const struct bp_style	*st = p->st;
	const struct bp_meta	*m = &p->info->pack->meta;
	PangoLayout		*pl;
	PangoRectangle		 log;
	double			 x = st->margin_inner, w = p->lc->col_w;
	double			 y = st->page_h * 0.28;
	char			*date = NULL, *count = NULL;
	int			 n = (int)p->info->pack->articles->len;
	int			 sect;

	/*
	 * A Sect: the pack's title is its H1 (as an article's title is the
	 * article's), the other lines P's; the band is decoration.
	 */
	sect = p->tags != NULL ? bp_tagging_add(p->tags, BP_TAG_SECT, -1) : -1;
	/* A band of accent colour with the organisation above the title. */
	set_color(p->cr, st->color_accent);
	cairo_rectangle(p->cr, x, y - 30, 60, 4);
	cairo_fill(p->cr);
	if (m->organisation != NULL) {
		cover_elem(p, sect, BP_TAG_P);
		pl = bp_paint_layout_new(p, m->organisation, st->size_body + 1,
		    PANGO_WEIGHT_SEMIBOLD, st->font_heading);
		pango_layout_set_width(pl, (int)lround(w * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		pango_layout_get_extents(pl, NULL, &log);
		cairo_move_to(p->cr, x, y - 40 - PT(log.height));
		bp_paint_show_layout(p, pl);
		g_object_unref(pl);
	}
	cover_elem(p, sect, BP_TAG_H1);
	pl = bp_paint_layout_new(p, m->title != NULL ? m->title : "", 30,
	    PANGO_WEIGHT_BOLD, st->font_heading);
	pango_layout_set_width(pl, (int)lround(w * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	set_color(p->cr, st->color_heading);
	cairo_move_to(p->cr, x, y);
	bp_paint_show_layout(p, pl);
	pango_layout_get_extents(pl, NULL, &log);
	y += PT(log.height) + 10;
	g_object_unref(pl);
	if (m->subtitle != NULL) {
		cover_elem(p, sect, BP_TAG_P);
		pl = bp_paint_layout_new(p, m->subtitle, 17, PANGO_WEIGHT_NORMAL,
		    st->font_heading);
		pango_layout_set_width(pl, (int)lround(w * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		set_color(p->cr, st->color_accent);
		cairo_move_to(p->cr, x, y);
		bp_paint_show_layout(p, pl);
		pango_layout_get_extents(pl, NULL, &log);
		y += PT(log.height);
		g_object_unref(pl);
	}
	date = bp_l10n_date(p->lang, &m->date);
	count = bp_l10n_format(p->lang, n == 1 ? BP_W_ARTICLES_ONE :
	    BP_W_ARTICLES_MANY, n, 0);
	y += 30;
	if (*date != '\0') {
		cover_elem(p, sect, BP_TAG_P);
		pl = bp_paint_layout_new(p, date, st->size_body + 2,
		    PANGO_WEIGHT_NORMAL, st->font_heading);
		set_color(p->cr, st->color_text);
		cairo_move_to(p->cr, x, y);
		bp_paint_show_layout(p, pl);
		pango_layout_get_extents(pl, NULL, &log);
		y += PT(log.height) + 4;
		g_object_unref(pl);
	}
	cover_elem(p, sect, BP_TAG_P);
	pl = bp_paint_layout_new(p, count, st->size_body, PANGO_WEIGHT_NORMAL,
	    st->font_heading);
	set_color(p->cr, st->color_accent);
	cairo_move_to(p->cr, x, y);
	bp_paint_show_layout(p, pl);
	pango_layout_get_extents(pl, NULL, &log);
	g_object_unref(pl);
	/* The exemption and the copy's number under the rest. */
	cover_office(p, sect, x, y + PT(log.height) + 24);
	bp_paint_mark(p, -1);
	g_free(date);
	g_free(count);
}

void
bp_paint_blank(struct bp_painter *p)
{
	PangoLayout	*pl;
	PangoRectangle	 log;

	pl = bp_paint_layout_new(p, bp_l10n_word(p->lang, BP_W_BLANK_PAGE),
	    p->st->size_small, PANGO_WEIGHT_NORMAL, p->st->font_heading);
	pango_layout_get_extents(pl, NULL, &log);
	set_color(p->cr, p->st->color_rule);
	cairo_move_to(p->cr, (p->st->page_w - PT(log.width)) / 2,
	    p->st->page_h / 2);
	bp_paint_show_layout(p, pl);
	g_object_unref(pl);
}

/* The cover's next piece: an element of its own in its Sect. */
static void
cover_elem(struct bp_painter *p, int sect, enum bp_tag tag)
{
	if (p->tags != NULL)
		bp_paint_mark(p, bp_tagging_add(p->tags, tag, sect));
}
