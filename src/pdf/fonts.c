/*
 * Fonts: the bundled families in fonts/ through a private fontconfig
 * configuration, with the system's fonts only as a fallback; for the
 * text of SVG images, a second configuration of the bundled fonts alone.
 * SPDX-License-Identifier: MIT
 */
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include "pdf/pdf.h"

struct bp_fonts {
	char		*dir;       /* the bundled fonts, canonical */
	FcConfig	*config;
	PangoFontMap	*map;
	PangoContext	*context;
	PangoFontMap	*svg_map;   /* bundled only; made when first needed */
	bool		 svg_failed;
};

/*
 * SVG text asks for the families its author had: DejaVu Sans, Arial,
 * Times New Roman. Each becomes the bundled family of its kind (below),
 * and a family nobody knows becomes Noto Sans, so no machine font is
 * ever embedded and a drawing looks the same everywhere.
 */
static const char *const svg_serif[] = {
	"serif", "Times", "Times New Roman", "Georgia", "Cambria", "Garamond",
	"Palatino", "Palatino Linotype", "Book Antiqua", "DejaVu Serif",
	"Liberation Serif", "FreeSerif", NULL,
};
static const char *const svg_mono[] = {
	"monospace", "mono", "Courier", "Courier New", "Consolas", "Menlo",
	"Monaco", "Lucida Console", "DejaVu Sans Mono", "Liberation Mono",
	"FreeMono", NULL,
};

static FcConfig *load_config(const char *dir, bool system);
static void add_aliases(GString *xml, const char *const *families,
    const char *to);

struct bp_fonts *
bp_fonts_new(const char *fonts_dir, struct bp_diag *diag)
{
	struct bp_fonts		*f = NULL;
	cairo_font_options_t	*fo = NULL;

	if (!g_file_test(fonts_dir, G_FILE_TEST_IS_DIR)) {
		bp_diag_at(diag, fonts_dir, BP_ERROR, 0, 0,
		    "bundled fonts folder not found (set BRIEFPACK_DATADIR)");
		goto out;
	}
	f = g_new0(struct bp_fonts, 1);

	f->dir = g_canonicalize_filename(fonts_dir, NULL);
	if ((f->config = load_config(f->dir, /*system*/true)) == NULL) {
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
	return f;
}

/*
 * A fontconfig configuration over the bundled fonts in dir: listed
 * first, so they win over system copies of the same family, then the
 * system's configuration for fallback; or (system false) the bundled
 * fonts alone with the SVG rules. NULL when fontconfig fails.
 */
static FcConfig *
load_config(const char *dir, bool system)
{
	FcConfig	*config = FcConfigCreate();
	char		*esc = g_markup_escape_text(dir, -1);
	GString		*xml = g_string_new("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n");
	bool		 ok;

	g_string_append_printf(xml, "  <dir>%s</dir>\n", esc);
	if (system) {
		g_string_append(xml, "  <include ignore_missing=\"yes\">"
		    "/etc/fonts/fonts.conf</include>\n");
	} else {
		/* The system's cache folders, as fonts.conf names them. */
		g_string_append(xml, "  <cachedir>/var/cache/fontconfig"
		    "</cachedir>\n  <cachedir prefix=\"xdg\">fontconfig"
		    "</cachedir>\n");
		add_aliases(xml, svg_serif, "Noto Serif");
		add_aliases(xml, svg_mono, "Noto Sans Mono");
		g_string_append(xml, "  <match target=\"pattern\"><edit "
		    "name=\"family\" mode=\"append_last\"><string>Noto Sans"
		    "</string></edit></match>\n");
	}
	g_string_append(xml, "</fontconfig>\n");
	ok = config != NULL && FcConfigParseAndLoadFromMemory(config,
	    (const FcChar8 *)xml->str, FcTrue) && FcConfigBuildFonts(config);
	g_string_free(xml, TRUE);
	g_free(esc);
	if (!ok && config != NULL) {
		FcConfigDestroy(config);
		config = NULL;
	}
	return config;
}

/* One alias a family: fontconfig takes one <family> an <alias>. */
static void
add_aliases(GString *xml, const char *const *families, const char *to)
{
	for (; *families != NULL; families++)
		g_string_append_printf(xml, "  <alias binding=\"same\"><family>"
		    "%s</family><prefer><family>%s</family></prefer></alias>\n",
		    *families, to);
}

/*
 * librsvg sets an SVG's text with the calling thread's default Pango
 * font map: for the painting thread, one over the bundled fonts alone.
 */
void
bp_fonts_use_for_svg(struct bp_fonts *f)
{
	FcConfig	*config;

	if (f == NULL || f->svg_failed)
		return;
	if (f->svg_map == NULL) {
		if ((config = load_config(f->dir, /*system*/false)) == NULL) {
			f->svg_failed = true;
			return;
		}
		f->svg_map = pango_cairo_font_map_new_for_font_type(
		    CAIRO_FONT_TYPE_FT);
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->svg_map),
		    config);
		FcConfigDestroy(config);    /* the map holds its reference */
	}
	if (pango_cairo_font_map_get_default() != f->svg_map)
		pango_cairo_font_map_set_default(
		    PANGO_CAIRO_FONT_MAP(f->svg_map));
}

void
bp_fonts_unuse_for_svg(void)
{
	pango_cairo_font_map_set_default(NULL);
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
	if (f->svg_map != NULL)
		g_object_unref(f->svg_map);
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	g_free(f->dir);
	g_free(f);
}
