/*
 * The benchmark's floor: the same text laid out with Pango at the same
 * column width and font, drawn on a Cairo PDF surface, with nothing else
 * (no hyphenation, tables, contents, footnotes). briefpack is measured
 * against this: what it costs beyond Pango shaping and Cairo's writer.
 * usage: floor FONTS_DIR OUT.pdf FILE.md...
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#define PAGE_W   595.2756
#define PAGE_H   841.8898
#define LEFT     70.866
#define TOP      70.866
#define COL_W    467.72
#define BODY_H   637.8
#define SIZE     10.5
#define LEADING  1.4

static int pages = 1;

static void
new_page(cairo_t *cr, double *y)
{
	cairo_show_page(cr);
	pages++;
	*y = 0;
}

/* One paragraph: lay out, then draw line by line across pages. */
static void
para(cairo_t *cr, PangoContext *ctx, PangoFontDescription *fd,
    const char *text, double *y)
{
	PangoLayout	*pl = pango_layout_new(ctx);
	PangoLayoutIter	*it;
	PangoRectangle	 log;
	double		 pitch = SIZE * LEADING;

	pango_layout_set_font_description(pl, fd);
	pango_layout_set_width(pl, (int)(COL_W * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(pl, text, -1);
	it = pango_layout_get_iter(pl);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		if (*y + pitch > BODY_H)
			new_page(cr, y);
		cairo_move_to(cr, LEFT, TOP + *y + (double)
		    (pango_layout_iter_get_baseline(it) - log.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(cr,
		    pango_layout_iter_get_line_readonly(it));
		*y += pitch;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(pl);
	*y += 6;
}

int
main(int argc, char **argv)
{
	FcConfig		*fc = FcConfigCreate();
	PangoFontMap		*fm;
	PangoContext		*ctx;
	PangoFontDescription	*fd;
	cairo_font_options_t	*fo;
	cairo_surface_t		*s;
	cairo_t			*cr;
	GString			*p = g_string_new(NULL);
	char			*buf, **lines, *conf;
	double			 y = 0;
	int			 i, k;
	bool			 front;

	if (argc < 4) {
		fprintf(stderr, "usage: floor FONTS_DIR OUT.pdf FILE.md...\n");
		return 2;
	}
	conf = g_strdup_printf("<fontconfig><dir>%s</dir></fontconfig>",
	    argv[1]);
	FcConfigParseAndLoadFromMemory(fc, (const FcChar8 *)conf, FcTrue);
	FcConfigBuildFonts(fc);
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fc);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72);
	ctx = pango_font_map_create_context(fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	fd = pango_font_description_from_string("Noto Serif 10.5");
	s = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
	cr = cairo_create(s);

	/* Paragraphs are runs of non-blank lines; front matter is skipped. */
	for (i = 3; i < argc; i++) {
		if (!g_file_get_contents(argv[i], &buf, NULL, NULL))
			continue;
		lines = g_strsplit(buf, "\n", -1);
		front = lines[0] != NULL && strcmp(lines[0], "---") == 0;
		for (k = front ? 1 : 0; lines[k] != NULL; k++) {
			if (front) {
				if (strcmp(lines[k], "---") == 0)
					front = false;
				continue;
			}
			if (*lines[k] == '\0') {
				if (p->len > 0)
					para(cr, ctx, fd, p->str, &y);
				g_string_truncate(p, 0);
				continue;
			}
			if (p->len > 0)
				g_string_append_c(p, ' ');
			g_string_append(p, lines[k]);
		}
		if (p->len > 0)
			para(cr, ctx, fd, p->str, &y);
		g_string_truncate(p, 0);
		g_strfreev(lines);
		g_free(buf);
		new_page(cr, &y);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	printf("%d\n", pages);
	pango_font_description_free(fd);
	cairo_font_options_destroy(fo);
	g_object_unref(ctx);
	g_object_unref(fm);
	g_string_free(p, TRUE);
	g_free(conf);
	return 0;
}
