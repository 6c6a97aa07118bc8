/*
 * Fonts: the bundled families in fonts/ through a private fontconfig
 * configuration, with the system's fonts only as a fallback.
 * SPDX-License-Identifier: MIT
 */
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include "pdf/pdf.h"

struct bp_fonts {
	FcConfig	*config;
	PangoFontMap	*map;
	PangoContext	*context;
};

struct bp_fonts *
bp_fonts_new(const char *fonts_dir, struct bp_diag *diag)
{
	struct bp_fonts		*f = NULL;
	cairo_font_options_t	*fo = NULL;
	char			*xml = NULL, *esc = NULL, *abs = NULL;

	if (!g_file_test(fonts_dir, G_FILE_TEST_IS_DIR)) {
		bp_diag_at(diag, fonts_dir, BP_ERROR, 0, 0,
		    "bundled fonts folder not found (set BRIEFPACK_DATADIR)");
		goto out;
	}
	f = g_new0(struct bp_fonts, 1);

	/*
	 * Our folder is listed first, so its fonts win over system copies of
	 * the same family; the system configuration follows for fallback.
	 */
	abs = g_canonicalize_filename(fonts_dir, NULL);
	esc = g_markup_escape_text(abs, -1);
	xml = g_strdup_printf("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
	    "  <dir>%s</dir>\n"
	    "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
	    "</fontconfig>\n", esc);
	f->config = FcConfigCreate();
	if (!FcConfigParseAndLoadFromMemory(f->config, (const FcChar8 *)xml,
	    FcTrue) || !FcConfigBuildFonts(f->config)) {
		bp_diag_at(diag, fonts_dir, BP_ERROR, 0, 0,
		    "cannot set up fontconfig for the bundled fonts");
		bp_fonts_free(f);
		f = NULL;
		goto out;
	}
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);

	/* PDF is resolution independent: no hinting, no rounding. */
	f->context = pango_font_map_create_context(f->map);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->context, fo);
	pango_cairo_context_set_resolution(f->context, 72.0);
	pango_context_set_round_glyph_positions(f->context, FALSE);
out:
	if (fo != NULL)
		cairo_font_options_destroy(fo);
	g_free(xml);
	g_free(esc);
	g_free(abs);
	return f;
}

PangoContext *
bp_fonts_context(struct bp_fonts *f)
{
	return f->context;
}

void
bp_fonts_free(struct bp_fonts *f)
{
	if (f == NULL)
		return;
	if (f->context != NULL)
		g_object_unref(f->context);
	if (f->map != NULL)
		g_object_unref(f->map);
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	g_free(f);
}
