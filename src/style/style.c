/*
 * Styles: styles/<name>.yaml (or a path) read with libyaml into struct
 * bp_style, on top of the built-in defaults (which equal "briefing").
 * The keys are read in keys.c, markings in markings.c. The placeholders
 * of header and footer templates are named here.
 * SPDX-License-Identifier: MIT
 */
#include <assert.h>
#include <string.h>

#include <yaml.h>

#include "bp.h"
#include "style/style.h"

/* Placeholder names, in the order of enum bp_placeholder. */
static const char *const placeholder_names[] = {
	"pack-title", "pack-subtitle", "article-title", "date", "organisation",
	"classification", "page", "pages", "page-of",
};
G_STATIC_ASSERT(G_N_ELEMENTS(placeholder_names) == BP_PLACEHOLDER__MAX);

static int compare_names(gconstpointer a, gconstpointer b);
static char *list_styles(const char *datadir);
static void style_defaults(struct bp_style *st);

/* For g_ptr_array_sort, which passes pointers to the elements. */
static int
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "briefing, memo": the .yaml files in datadir/styles, sorted. */
static char *
list_styles(const char *datadir)
{
	GPtrArray	*names = g_ptr_array_new_with_free_func(g_free);
	GDir		*dir = NULL;
	GString		*s = g_string_new(NULL);
	char		*folder = g_build_filename(datadir, "styles", NULL);
	const char	*f;
	size_t		 i;

	if ((dir = g_dir_open(folder, 0, NULL)) != NULL)
		while ((f = g_dir_read_name(dir)) != NULL)
			if (g_str_has_suffix(f, ".yaml") && f[0] != '.')
				g_ptr_array_add(names, g_strndup(f,
				    strlen(f) - strlen(".yaml")));
	g_ptr_array_sort(names, compare_names);
	for (i = 0; i < names->len; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? ", " : "",
		    (const char *)names->pdata[i]);
	if (names->len == 0)
		g_string_append_printf(s, "none found in %s", folder);
	if (dir != NULL)
		g_dir_close(dir);
	g_free(folder);
	g_ptr_array_free(names, TRUE);
	return g_string_free(s, FALSE);
}


/* ------------------------------------------------------------------ */
/* Entry points                                                        */

/* The built-in style; styles/briefing.yaml writes out the same values. */
static void
style_defaults(struct bp_style *st)
{
	/* Norwegian (sikkerhetsloven) and English markings, rank by rank. */
	static const char *const markings[][2] = {
		{ "BEGRENSET", "RESTRICTED" },
		{ "KONFIDENSIELT", "CONFIDENTIAL" },
		{ "HEMMELIG", "SECRET" },
		{ "STRENGT HEMMELIG", "TOP SECRET" },
	};
	static const struct bp_rgb text = { 0x1a / 255.0, 0x1a / 255.0,
	    0x1a / 255.0 };
	static const struct bp_rgb heading = { 0x14 / 255.0, 0x30 / 255.0,
	    0x4f / 255.0 };
	static const struct bp_rgb accent = { 0x1f / 255.0, 0x4e / 255.0,
	    0x79 / 255.0 };
	static const struct bp_rgb marking = { 0xb0 / 255.0, 0x00 / 255.0,
	    0x20 / 255.0 };
	static const struct bp_rgb rule = { 0x9a / 255.0, 0xa5 / 255.0,
	    0xb1 / 255.0 };
	static const struct bp_rgb shade = { 0xee / 255.0, 0xf2 / 255.0,
	    0xf6 / 255.0 };
	int				 i;

	st->name = g_strdup("briefing");
	st->path = NULL;
	st->page_w = 210 * PT_PER_MM;
	st->page_h = 297 * PT_PER_MM;
	st->margin_top = 25 * PT_PER_MM;
	st->margin_bottom = 22 * PT_PER_MM;
	st->margin_inner = 25 * PT_PER_MM;
	st->margin_outer = 20 * PT_PER_MM;
	st->duplex = true;
	st->font_body = g_strdup("Noto Serif");
	st->font_heading = g_strdup("Noto Sans");
	st->font_mono = g_strdup("Noto Sans Mono");
	st->size_body = 10.5;
	st->size_small = 8.5;
	st->size_code = 8.5;
	st->size_table = 9;
	st->size_table_min = 7;
	st->size_title = 22;
	st->size_h[0] = 16;
	st->size_h[1] = 13.5;
	st->size_h[2] = 12;
	st->size_h[3] = 11;
	st->size_h[4] = 10.5;
	st->size_h[5] = 10.5;
	st->leading = 1.4;
	st->para_space = 6;
	st->justify = true;
	st->hyphenate = true;
	st->widows = 2;
	st->orphans = 2;
	st->color_text = text;
	st->color_heading = heading;
	st->color_accent = accent;
	st->color_link = accent;
	st->color_marking = marking;
	st->color_rule = rule;
	st->color_shade = shade;
	st->header[0] = g_strdup("{pack-title}");
	st->header[1] = g_strdup("");
	st->header[2] = g_strdup("{article-title}");
	st->footer[0] = g_strdup("{date}");
	st->footer[1] = g_strdup("");
	st->footer[2] = g_strdup("{page-of}");
	st->cover = -1;          /* auto: a one-article pack is a memo */
	st->toc = -1;
	st->article_start = BP_START_RIGHT;
	st->epub_embed_fonts = true;
	st->pdf_standard = BP_PDF_STD_DEFAULT;
	st->nmarkings = 2 * (int)G_N_ELEMENTS(markings);
	st->markings = g_new0(struct bp_marking, st->nmarkings);
	for (i = 0; i < st->nmarkings; i++) {
		st->markings[i].name = g_strdup(markings[i / 2][i % 2]);
		st->markings[i].rank = i / 2;
	}
}

struct bp_style *
bp_style_new_default(void)
{
	struct bp_style	*st = g_new0(struct bp_style, 1);

	style_defaults(st);
	return st;
}

void
bp_style_free(struct bp_style *st)
{
	int	 i;

	if (st == NULL)
		return;
	g_free(st->name);
	g_free(st->path);
	g_free(st->font_body);
	g_free(st->font_heading);
	g_free(st->font_mono);
	for (i = 0; i < 3; i++) {
		g_free(st->header[i]);
		g_free(st->footer[i]);
	}
	bp_style_free_markings(st);
	g_free(st);
}

struct bp_style *
bp_style_load(const char *name_or_path, const char *datadir,
    struct bp_diag *diag)
{
	struct bp_diag		 fallback = { 0 };
	yaml_document_t		 doc;
	struct bp_style		*st = NULL, *result = NULL;
	const char		*saved_file = NULL;
	char			*path = NULL, *buf = NULL, *avail = NULL;
	char			*base = NULL;
	size_t			 len = 0;
	bool			 have_doc = false, file_set = false;
	bool			 name_set = false;

	if (diag == NULL)
		diag = &fallback;
	if (name_or_path == NULL || *name_or_path == '\0')
		name_or_path = "briefing";
	if (datadir == NULL)
		datadir = ".";

	/* A path, or a name to look up under datadir/styles. */
	if (strchr(name_or_path, '/') != NULL ||
	    g_str_has_suffix(name_or_path, ".yaml") ||
	    g_str_has_suffix(name_or_path, ".yml"))
		path = g_strdup(name_or_path);
	else {
		base = g_strconcat(name_or_path, ".yaml", NULL);
		path = g_build_filename(datadir, "styles", base, NULL);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			/* The default works even without its file. */
			if (strcmp(name_or_path, "briefing") == 0) {
				bp_diag(diag, BP_NOTE, 0, 0, "%s not found; "
				    "using the built-in briefing style", path);
				result = bp_style_new_default();
				goto out;
			}
			avail = list_styles(datadir);
			bp_diag(diag, BP_ERROR, 0, 0,
			    "unknown style \"%s\" (available: %s)",
			    name_or_path, avail);
			goto out;
		}
	}

	saved_file = diag->file;
	diag->file = path;
	file_set = true;
	if (!bp_util_read_file(path, BP_MAX_INPUT_BYTES, diag, &buf, &len) ||
	    !bp_util_check_text(buf, len, /*first_line*/1, diag) ||
	    !bp_yaml_load(buf, len, /*first_line*/1, BP_YAML_OOM_NO_LINE, diag,
	    &doc, &have_doc))
		goto out;

	st = bp_style_new_default();
	if (!bp_style_apply(st, &doc, diag, &name_set))
		goto out;

	/* The name defaults to the file's base name. */
	if (!name_set) {
		g_free(st->name);
		g_free(base);
		base = g_path_get_basename(path);
		if (g_str_has_suffix(base, ".yaml"))
			base[strlen(base) - strlen(".yaml")] = '\0';
		else if (g_str_has_suffix(base, ".yml"))
			base[strlen(base) - strlen(".yml")] = '\0';
		st->name = g_strdup(base);
	}
	st->path = g_strdup(path);
	result = st;
	st = NULL;
out:
	if (file_set)
		diag->file = saved_file;
	if (have_doc)
		yaml_document_delete(&doc);
	bp_style_free(st);
	g_free(path);
	g_free(buf);
	g_free(avail);
	g_free(base);
	return result;
}

enum bp_placeholder
bp_style_get_placeholder(const char *name)
{
	int	 p;

	for (p = 0; p < BP_PLACEHOLDER__MAX; p++)
		if (strcmp(name, placeholder_names[p]) == 0)
			break;
	return (enum bp_placeholder)p;
}

const char *
bp_style_get_placeholder_name(enum bp_placeholder p)
{
	assert((unsigned)p < BP_PLACEHOLDER__MAX);
	return placeholder_names[p];
}
