/*
 * Unit tests for style/style.c: defaults, lengths, style files and the
 * styles shipped in styles/. Run from the repository root.
 * SPDX-License-Identifier: MIT
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bp.h"
#include "harness.h"
#define CAPTURE_FILE "caller"
#include "capture.h"

#define MM (72.0 / 25.4)

static char *tmpdir;

static bool near(double, double);
static bool same_rgb(struct bp_rgb, struct bp_rgb);
static bool same_style(const struct bp_style *, const struct bp_style *);
static struct bp_style *load_text(const char *, const char *,
    struct bp_diag *);
static void test_defaults(void);
static void test_lengths(void);
static void test_page_sizes(void);
static void test_values(void);
static void test_diagnostics(void);
static void test_shipped(void);
static void test_markings(void);
static struct bp_pack *marked_pack(const char *, const char *const *, int);
static void test_pack_marking(void);

static bool
near(double a, double b)
{
	return a - b < 1e-6 && b - a < 1e-6;
}

static bool
same_rgb(struct bp_rgb a, struct bp_rgb b)
{
	return near(a.r, b.r) && near(a.g, b.g) && near(a.b, b.b);
}

/* Every field but path; reports the first difference on stderr. */
static bool
same_style(const struct bp_style *a, const struct bp_style *b)
{
	const char	*diff = NULL;
	int		 i;

#define SAME_STR(f) if (!diff && g_strcmp0(a->f, b->f) != 0) diff = #f
#define SAME_NUM(f) if (!diff && !near(a->f, b->f)) diff = #f
#define SAME_RGB(f) if (!diff && !same_rgb(a->f, b->f)) diff = #f
	SAME_STR(name);
	SAME_NUM(page_w); SAME_NUM(page_h);
	SAME_NUM(margin_top); SAME_NUM(margin_bottom);
	SAME_NUM(margin_inner); SAME_NUM(margin_outer);
	SAME_NUM(duplex);
	SAME_STR(font_body); SAME_STR(font_heading); SAME_STR(font_mono);
	SAME_NUM(size_body); SAME_NUM(size_small); SAME_NUM(size_code);
	SAME_NUM(size_table); SAME_NUM(size_table_min); SAME_NUM(size_title);
	for (i = 0; i < 6; i++)
		SAME_NUM(size_h[i]);
	SAME_NUM(leading); SAME_NUM(para_space);
	SAME_NUM(justify); SAME_NUM(hyphenate);
	SAME_NUM(widows); SAME_NUM(orphans);
	SAME_RGB(color_text); SAME_RGB(color_heading); SAME_RGB(color_accent);
	SAME_RGB(color_link); SAME_RGB(color_marking); SAME_RGB(color_rule);
	SAME_RGB(color_shade);
	for (i = 0; i < 3; i++) {
		SAME_STR(header[i]);
		SAME_STR(footer[i]);
	}
	SAME_NUM(cover); SAME_NUM(toc); SAME_NUM(article_start);
	SAME_NUM(epub_embed_fonts);
	SAME_NUM(nmarkings);
	for (i = 0; !diff && i < a->nmarkings; i++) {
		SAME_STR(markings[i].name);
		SAME_NUM(markings[i].rank);
	}
#undef SAME_STR
#undef SAME_NUM
#undef SAME_RGB
	if (diff != NULL)
		fprintf(stderr, "  styles differ in %s\n", diff);
	return diff == NULL;
}

/* Write text to tmpdir/name and load it as a style. */
static struct bp_style *
load_text(const char *name, const char *text, struct bp_diag *d)
{
	struct bp_style	*st;
	char		*path = g_build_filename(tmpdir, name, NULL);

	if (!g_file_set_contents(path, text, -1, NULL))
		fprintf(stderr, "cannot write %s\n", path);
	diag_init(d);
	st = bp_style_load(path, "/nonexistent", d);
	g_remove(path);
	g_free(path);
	return st;
}

static void
test_defaults(void)
{
	struct bp_style	*st = bp_style_new_default();

	CHECK_STR(st->name, "briefing", "defaults: name");
	CHECK(st->path == NULL, "defaults: no path");
	CHECK_NUM(st->page_w, 210 * MM, "defaults: A4 width");
	CHECK_NUM(st->page_h, 297 * MM, "defaults: A4 height");
	CHECK_NUM(st->margin_top, 25 * MM, "defaults: margin-top");
	CHECK_NUM(st->margin_bottom, 22 * MM, "defaults: margin-bottom");
	CHECK_NUM(st->margin_inner, 25 * MM, "defaults: margin-inner");
	CHECK_NUM(st->margin_outer, 20 * MM, "defaults: margin-outer");
	CHECK(st->duplex, "defaults: duplex");
	CHECK_STR(st->font_body, "Noto Serif", "defaults: body font");
	CHECK_STR(st->font_heading, "Noto Sans", "defaults: heading font");
	CHECK_STR(st->font_mono, "Noto Sans Mono", "defaults: mono font");
	CHECK_NUM(st->size_body, 10.5, "defaults: text size");
	CHECK_NUM(st->size_small, 8.5, "defaults: small size");
	CHECK_NUM(st->size_code, 8.5, "defaults: code size");
	CHECK_NUM(st->size_title, 22, "defaults: title size");
	CHECK_NUM(st->size_h[0], 16, "defaults: h1");
	CHECK_NUM(st->size_h[1], 13.5, "defaults: h2");
	CHECK_NUM(st->size_h[5], 10.5, "defaults: h6");
	CHECK_NUM(st->size_table, 9, "defaults: table size");
	CHECK_NUM(st->size_table_min, 7, "defaults: table min-size");
	CHECK_NUM(st->leading, 1.4, "defaults: leading");
	CHECK_NUM(st->para_space, 6, "defaults: paragraph space");
	CHECK(st->justify && st->hyphenate, "defaults: justify, hyphenate");
	CHECK(st->widows == 2 && st->orphans == 2, "defaults: widows, orphans");
	CHECK_NUM(st->color_text.r, 0x1a / 255.0, "defaults: text colour");
	CHECK_NUM(st->color_heading.b, 0x4f / 255.0, "defaults: heading colour");
	CHECK_NUM(st->color_marking.r, 0xb0 / 255.0, "defaults: marking colour");
	CHECK_STR(st->header[0], "{pack-title}", "defaults: header left");
	CHECK_STR(st->header[1], "", "defaults: header center");
	CHECK_STR(st->header[2], "{article-title}", "defaults: header right");
	CHECK_STR(st->footer[0], "{date}", "defaults: footer left");
	CHECK_STR(st->footer[2], "{page-of}", "defaults: footer right");
	CHECK(st->cover == -1, "defaults: cover auto");
	CHECK(st->toc == -1, "defaults: toc auto");
	CHECK(st->article_start == BP_START_RIGHT, "defaults: start right");
	CHECK(st->epub_embed_fonts, "defaults: embed fonts");
	CHECK(st->nmarkings == 8, "defaults: eight markings");
	if (st->nmarkings == 8) {
		CHECK(strcmp(st->markings[0].name, "BEGRENSET") == 0 &&
		    st->markings[0].rank == 0 &&
		    strcmp(st->markings[1].name, "RESTRICTED") == 0 &&
		    st->markings[1].rank == 0,
		    "defaults: BEGRENSET and RESTRICTED rank lowest, equal");
		CHECK(strcmp(st->markings[6].name, "STRENGT HEMMELIG") == 0 &&
		    st->markings[6].rank == 3 &&
		    strcmp(st->markings[7].name, "TOP SECRET") == 0 &&
		    st->markings[7].rank == 3,
		    "defaults: STRENGT HEMMELIG and TOP SECRET rank highest");
		CHECK(st->markings[2].rank == 1 && st->markings[4].rank == 2,
		    "defaults: KONFIDENSIELT below HEMMELIG");
	}
	bp_style_free(st);
	bp_style_free(NULL);
	CHECK(1, "defaults: bp_style_free(NULL) is safe");
}

static void
test_lengths(void)
{
	static const struct {
		const char	*s;
		bool		 ok;
		double		 pt;
	} cases[] = {
		{ "12", true, 12 },
		{ "10.5", true, 10.5 },
		{ "12pt", true, 12 },
		{ "10mm", true, 10 * MM },
		{ "1.5cm", true, 15 * MM },
		{ "1in", true, 72 },
		{ "2pc", true, 24 },
		{ ".5in", true, 36 },
		{ "2.5 mm", true, 2.5 * MM },
		{ " 3MM ", true, 3 * MM },
		{ "0", true, 0 },
		{ "", false, 0 },
		{ "mm", false, 0 },
		{ ".", false, 0 },
		{ "12px", false, 0 },
		{ "12 p", false, 0 },
		{ "-3mm", false, 0 },
		{ "+3mm", false, 0 },
		{ "1e3", false, 0 },
		{ "inf", false, 0 },
		{ "nan", false, 0 },
		{ "0x10", false, 0 },
		{ "1,5mm", false, 0 },
		{ "12 mm mm", false, 0 },
		{ "12mmx", false, 0 },
	};
	double	 pt;
	size_t	 i;
	bool	 ok;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		pt = -1;
		ok = bp_style_parse_length(cases[i].s, &pt);
		CHECK(ok == cases[i].ok, "length: \"%s\" %s", cases[i].s,
		    cases[i].ok ? "accepted" : "refused");
		if (cases[i].ok)
			CHECK_NUM(pt, cases[i].pt, "length: \"%s\" value",
			    cases[i].s);
		else
			CHECK_NUM(pt, -1, "length: \"%s\" leaves out alone",
			    cases[i].s);
	}
	CHECK(!bp_style_parse_length(NULL, &pt), "length: NULL refused");

	/* A decimal-comma locale must not change the result. */
	if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") != NULL ||
	    setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL) {
		ok = bp_style_parse_length("10.5pt", &pt);
		CHECK(ok && near(pt, 10.5), "length: 10.5pt under %s",
		    setlocale(LC_NUMERIC, NULL));
		setlocale(LC_NUMERIC, "C");
	} else
		fprintf(stderr, "  (no fr_FR/de_DE locale: comma test skipped)\n");
}

static void
test_page_sizes(void)
{
	static const struct {
		const char	*yaml;
		double		 w, h;
	} cases[] = {
		{ "page:\n  size: A3\n", 297 * MM, 420 * MM },
		{ "page:\n  size: a5\n", 148 * MM, 210 * MM },
		{ "page:\n  size: Letter\n", 612, 792 },
		{ "page:\n  size: Legal\n", 612, 1008 },
		{ "page:\n  size: A4 landscape\n", 297 * MM, 210 * MM },
		{ "page:\n  size: \"100mm 200mm\"\n", 100 * MM, 200 * MM },
		{ "page:\n  size: 5in 8in\n", 360, 576 },
		/* width and height override size, whatever the order */
		{ "page:\n  width: 180mm\n  size: A5\n", 180 * MM, 210 * MM },
		{ "page:\n  size: Letter\n  height: 10in\n", 612, 720 },
	};
	struct bp_diag	 d;
	struct bp_style	*st;
	size_t		 i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		st = load_text("size.yaml", cases[i].yaml, &d);
		CHECK(st != NULL && msgs->len == 0, "page size %zu loads", i);
		if (st != NULL) {
			CHECK_NUM(st->page_w, cases[i].w, "page size %zu width",
			    i);
			CHECK_NUM(st->page_h, cases[i].h,
			    "page size %zu height", i);
		}
		bp_style_free(st);
	}

	st = load_text("size.yaml", "page:\n  size: B7\n", &d);
	CHECK(st == NULL && find_msg(BP_ERROR, "\"page.size\"") != NULL,
	    "page size: B7 refused");
	st = load_text("size.yaml", "page:\n  size: A4 sideways\n", &d);
	CHECK(st == NULL, "page size: unknown orientation refused");
}

static void
test_values(void)
{
	struct bp_diag	 d;
	struct bp_style	*st;
	char		*path;

	st = load_text("plain.yaml",
	    "cover: false\n"
	    "toc: true\n"
	    "article-start: page\n"
	    "colours:\n"
	    "  accent: \"#0a0\"\n"
	    "  link: '#00FF80'\n"
	    "header:\n"
	    "  centre: \"{classification}\"\n"
	    "  left:\n"
	    "text:\n"
	    "  leading: 1.25\n"
	    "  widows: 3\n"
	    "  paragraph-space: 0.25cm\n"
	    "  justify: no\n"
	    "fonts:\n"
	    "  body: DejaVu Serif\n"
	    "epub:\n"
	    "  embed-fonts: false\n"
	    "headings:\n"
	    "  h3: 12.5\n", &d);
	CHECK(st != NULL && msgs->len == 0, "values: style loads cleanly");
	if (st == NULL)
		return;
	CHECK_STR(st->name, "plain", "values: name from the file name");
	path = g_build_filename(tmpdir, "plain.yaml", NULL);
	CHECK_STR(st->path, path, "values: path kept");
	g_free(path);
	CHECK(!st->cover, "values: cover false");
	CHECK(st->toc == 1, "values: toc true");
	CHECK(st->article_start == BP_START_PAGE, "values: article-start page");
	CHECK_NUM(st->color_accent.g, 0xaa / 255.0, "values: #rgb colour");
	CHECK_NUM(st->color_accent.r, 0, "values: #rgb red");
	CHECK_NUM(st->color_link.b, 0x80 / 255.0, "values: #rrggbb colour");
	CHECK_STR(st->header[1], "{classification}", "values: header centre");
	CHECK_STR(st->header[0], "", "values: empty template");
	CHECK_STR(st->header[2], "{article-title}",
	    "values: unset template keeps default");
	CHECK_NUM(st->leading, 1.25, "values: leading");
	CHECK(st->widows == 3 && st->orphans == 2, "values: widows");
	CHECK_NUM(st->para_space, 2.5 * MM, "values: paragraph space");
	CHECK(!st->justify && st->hyphenate, "values: justify no");
	CHECK_STR(st->font_body, "DejaVu Serif", "values: body font");
	CHECK_STR(st->font_heading, "Noto Sans", "values: heading default");
	CHECK(!st->epub_embed_fonts, "values: epub embed-fonts");
	CHECK_NUM(st->size_h[2], 12.5, "values: plain number is points");
	CHECK_NUM(st->page_w, 210 * MM, "values: page defaults kept");
	bp_style_free(st);

	st = load_text("named.yml", "name: Fancy\ntoc: auto\n", &d);
	CHECK(st != NULL && st->toc == -1, "values: toc auto, .yml path");
	CHECK_STR(st ? st->name : NULL, "Fancy", "values: name key");
	bp_style_free(st);

	st = load_text("empty.yaml", "# nothing\n", &d);
	CHECK(st != NULL && msgs->len == 0, "values: empty style is defaults");
	CHECK_STR(st ? st->name : NULL, "empty", "values: empty style name");
	bp_style_free(st);
}

static void
test_diagnostics(void)
{
	static const struct {
		const char	*yaml;
		const char	*needle;
		int		 line;
	} errors[] = {
		{ "colors:\n  text: \"#12345\"\n", "\"colors.text\"", 2 },
		{ "colors:\n  rule: red\n", "\"colors.rule\"", 2 },
		{ "colors:\n  shade: #fff\n", "in quotes", 2 },
		{ "text:\n  size: 3pt\n", "\"text.size\"", 2 },
		{ "headings:\n  title: 100pt\n", "\"headings.title\"", 2 },
		{ "text:\n  leading: 3.5\n", "\"text.leading\"", 2 },
		{ "text:\n  leading: 1.4em\n", "\"text.leading\"", 2 },
		{ "text:\n  widows: 0\n", "\"text.widows\"", 2 },
		{ "text:\n  orphans: 2.5\n", "\"text.orphans\"", 2 },
		{ "text:\n  justify: sometimes\n", "\"text.justify\"", 2 },
		{ "page:\n  margin-top: 12px\n", "\"page.margin-top\"", 2 },
		{ "page:\n  margin-top: [1, 2]\n", "\"page.margin-top\"", 2 },
		{ "fonts:\n  body: \"\"\n", "\"fonts.body\"", 2 },
		{ "toc: sometimes\n", "\"toc\"", 1 },
		{ "article-start: left\n", "\"article-start\"", 1 },
		{ "x: 1\npage: A4\n", "\"page\" must be a mapping", 2 },
		{ "cover: true\npage:\n  size: A5\n  margin-inner: 50mm\n"
		    "  margin-outer: 50mm\n", "text area", 2 },
		{ "page:\n  margin-top: 130mm\n  margin-bottom: 130mm\n",
		    "text area", 1 },
		{ "table:\n  size: 8pt\n  min-size: 9pt\n", "min-size", 3 },
		{ "- a\n- b\n", "mapping", 1 },
		{ "page:\n  size: A4\n bad: indent\n", "YAML: ", 3 },
	};
	struct bp_diag	 d;
	struct bp_style	*st;
	const struct msg *e;
	size_t		 i;

	for (i = 0; i < G_N_ELEMENTS(errors); i++) {
		st = load_text("bad.yaml", errors[i].yaml, &d);
		e = find_msg(BP_ERROR, errors[i].needle);
		CHECK(st == NULL, "errors %zu: style refused", i);
		CHECK(e != NULL && e->line == errors[i].line,
		    "errors %zu: \"%s\" at line %d", i, errors[i].needle,
		    errors[i].line);
		CHECK(e != NULL && e->file != NULL &&
		    g_str_has_suffix(e->file, "/bad.yaml"),
		    "errors %zu: names the style file", i);
		CHECK_STR(d.file, "caller", "errors %zu: diag->file restored", i);
		bp_style_free(st);
	}

	/* Unknown keys and placeholders are warnings, with their lines. */
	st = load_text("warn.yaml",
	    "name: w\n"
	    "page:\n"
	    "  size: A4\n"
	    "  foo: 1\n"
	    "bogus:\n"
	    "  deep: [1, 2]\n"
	    "footer:\n"
	    "  left: \"{date} {page-count}\"\n"
	    "  middle: x\n", &d);
	CHECK(st != NULL, "warnings: style still loads");
	e = find_msg(BP_WARNING, "unknown style key \"page.foo\"");
	CHECK(e != NULL && e->line == 4, "warnings: page.foo at line 4");
	e = find_msg(BP_WARNING, "unknown style key \"bogus\"");
	CHECK(e != NULL && e->line == 5, "warnings: bogus at line 5");
	e = find_msg(BP_WARNING, "{page-count}");
	CHECK(e != NULL && e->line == 8,
	    "warnings: unknown placeholder at line 8");
	e = find_msg(BP_WARNING, "\"footer.middle\"");
	CHECK(e != NULL && e->line == 9, "warnings: footer.middle at line 9");
	CHECK(count_msgs(BP_WARNING) == 4 && count_msgs(BP_ERROR) == 0,
	    "warnings: four warnings, no errors");
	CHECK_STR(st ? st->footer[0] : NULL, "{date} {page-count}",
	    "warnings: template still stored");
	bp_style_free(st);

	/* Every bad value is reported, not only the first. */
	st = load_text("bad.yaml", "text:\n  size: 1pt\n  code: big\n"
	    "colors:\n  link: blue\n", &d);
	CHECK(st == NULL && count_msgs(BP_ERROR) == 3,
	    "errors: three bad values give three errors");

	/* A huge style is refused without building it. */
	{
		GString	*s = g_string_new("x: [");
		int	 j;

		for (j = 0; j < 10001; j++)
			g_string_append(s, j ? ",1" : "1");
		g_string_append(s, "]\n");
		st = load_text("big.yaml", s->str, &d);
		CHECK(st == NULL && find_msg(BP_ERROR, "more than 10000"),
		    "errors: more than 10,000 nodes refused");
		g_string_free(s, TRUE);
	}
}

static void
test_shipped(void)
{
	struct bp_diag	 d;
	struct bp_style	*st, *def = bp_style_new_default();
	const struct msg *e;

	/* briefing.yaml writes out exactly the built-in defaults. */
	diag_init(&d);
	st = bp_style_load("briefing", ".", &d);
	CHECK(st != NULL, "shipped: styles/briefing.yaml loads");
	CHECK(msgs->len == 0, "shipped: briefing.yaml gives no diagnostics");
	CHECK(st != NULL && same_style(st, def),
	    "shipped: briefing.yaml equals the built-in default");
	CHECK_STR(st ? st->path : NULL, "./styles/briefing.yaml",
	    "shipped: briefing path");
	bp_style_free(st);

	diag_init(&d);
	st = bp_style_load(NULL, ".", &d);
	CHECK(st != NULL && strcmp(st->name, "briefing") == 0,
	    "shipped: NULL name means briefing");
	bp_style_free(st);

	/* memo looks clearly different. */
	diag_init(&d);
	st = bp_style_load("memo", ".", &d);
	CHECK(st != NULL && msgs->len == 0, "shipped: memo loads cleanly");
	if (st != NULL) {
		CHECK_STR(st->name, "memo", "memo: name");
		CHECK_STR(st->font_body, "Noto Sans", "memo: sans body");
		CHECK(!st->duplex, "memo: single-sided");
		CHECK_NUM(st->margin_inner, 25 * MM, "memo: inner margin");
		CHECK_NUM(st->margin_outer, 25 * MM, "memo: outer margin");
		CHECK_NUM(st->margin_bottom, 25 * MM, "memo: bottom margin");
		CHECK(!st->cover, "memo: no cover");
		CHECK(st->toc == 0, "memo: no contents");
		CHECK(st->article_start == BP_START_CONTINUE,
		    "memo: articles continue");
		CHECK(!st->justify, "memo: ragged right");
		CHECK(st->size_title < def->size_title, "memo: smaller title");
		CHECK(!same_rgb(st->color_accent, def->color_accent),
		    "memo: different accent");
		CHECK(st->color_accent.g > st->color_accent.r &&
		    st->color_accent.g > st->color_accent.b,
		    "memo: green accent");
		CHECK_STR(st->footer[1], "{page}", "memo: centred page number");
		CHECK(*st->footer[0] == '\0' && *st->footer[2] == '\0',
		    "memo: footer sides empty");
		CHECK(*st->header[0] == '\0' && *st->header[1] == '\0' &&
		    strcmp(st->header[2], "{article-title}") == 0,
		    "memo: header shows the article title only");
	}
	bp_style_free(st);

	/* Paths work too. */
	diag_init(&d);
	st = bp_style_load("styles/memo.yaml", "/nonexistent", &d);
	CHECK(st != NULL && strcmp(st->name, "memo") == 0,
	    "shipped: memo by path ignores datadir");
	bp_style_free(st);

	/* Unknown names list what there is. */
	diag_init(&d);
	st = bp_style_load("fancy", ".", &d);
	e = find_msg(BP_ERROR, "unknown style");
	CHECK(st == NULL, "shipped: unknown style refused");
	CHECK_STR(e ? e->text : NULL,
	    "unknown style \"fancy\" (available: briefing, memo)",
	    "shipped: unknown style message lists the styles");
	CHECK(e != NULL && e->file != NULL && strcmp(e->file, "caller") == 0,
	    "shipped: unknown style reported against the caller's file");

	diag_init(&d);
	st = bp_style_load("missing/none.yaml", ".", &d);
	CHECK(st == NULL && count_msgs(BP_ERROR) == 1,
	    "shipped: missing style file refused");

	/* Without its file, "briefing" is still the built-in style. */
	diag_init(&d);
	st = bp_style_load("briefing", "/nonexistent", &d);
	CHECK(st != NULL && same_style(st, def) && count_msgs(BP_ERROR) == 0,
	    "shipped: built-in briefing without a datadir");
	bp_style_free(st);
	bp_style_free(def);
}

/* The "markings" key: a list, lowest first; items may be lists. */
static void
test_markings(void)
{
	static const struct {
		const char	*yaml;
		const char	*needle;
		int		 line;
	} errors[] = {
		{ "markings: SECRET\n", "\"markings\" must be", 1 },
		{ "markings:\n", "has no value", 1 },
		{ "markings:\n  - A\n  - [B, a]\n", "twice (first at line 2)",
		    3 },
		{ "markings:\n  - A\n  - {x: 1}\n", "\"markings\" must be", 3 },
		{ "markings:\n  - [A, [B]]\n", "\"markings\" must be", 2 },
		{ "markings:\n  - A\n  - \"  \"\n", "empty marking", 3 },
	};
	struct bp_diag	 d;
	struct bp_style	*st;
	const struct msg *e;
	size_t		 i;

	st = load_text("mk.yaml", "markings:\n"
	    "  - INTERN\n"
	    "  - [Fortrolig, CONFIDENTIAL]\n"
	    "  - STRENGT FORTROLIG\n", &d);
	CHECK(st != NULL && msgs->len == 0, "markings: a list loads cleanly");
	if (st != NULL) {
		CHECK(st->nmarkings == 4, "markings: four names");
		CHECK(st->nmarkings == 4 &&
		    strcmp(st->markings[0].name, "INTERN") == 0 &&
		    st->markings[0].rank == 0 &&
		    strcmp(st->markings[1].name, "Fortrolig") == 0 &&
		    st->markings[1].rank == 1 &&
		    strcmp(st->markings[2].name, "CONFIDENTIAL") == 0 &&
		    st->markings[2].rank == 1 &&
		    strcmp(st->markings[3].name, "STRENGT FORTROLIG") == 0 &&
		    st->markings[3].rank == 2,
		    "markings: names and ranks, a list item ranks equal");
	}
	bp_style_free(st);

	st = load_text("mk.yaml", "markings: []\n", &d);
	CHECK(st != NULL && st->nmarkings == 0 && st->markings == NULL,
	    "markings: [] ranks nothing");
	bp_style_free(st);

	st = load_text("mk.yaml", "cover: false\n", &d);
	CHECK(st != NULL && st->nmarkings == 8,
	    "markings: a style without the key keeps the built-in list");
	bp_style_free(st);

	for (i = 0; i < G_N_ELEMENTS(errors); i++) {
		st = load_text("bad.yaml", errors[i].yaml, &d);
		e = find_msg(BP_ERROR, errors[i].needle);
		CHECK(st == NULL, "markings errors %zu: style refused", i);
		CHECK(e != NULL && e->line == errors[i].line,
		    "markings errors %zu: \"%s\" at line %d", i,
		    errors[i].needle, errors[i].line);
		bp_style_free(st);
	}
}

/* A pack of articles marked as given ("" unmarked). */
static struct bp_pack *
marked_pack(const char *own, const char *const *marks, int n)
{
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*art;
	char			*path;
	int			 i;

	pack->meta.classification = g_strdup(own);
	for (i = 0; i < n; i++) {
		path = g_strdup_printf("a%d.md", i + 1);
		art = bp_article_new(path);
		if (*marks[i] != '\0')
			art->meta.classification = g_strdup(marks[i]);
		g_ptr_array_add(pack->articles, art);
		g_free(path);
	}
	return pack;
}

/* The style's list ranks a pack's articles' markings. */
static void
test_pack_marking(void)
{
	static const char *const one[] = { "BEGRENSET", "" };
	static const char *const mixed[] = { "", "restricted", "Hemmelig",
	    "KONFIDENSIELT" };
	static const char *const same[] = { "RESTRICTED", "BEGRENSET" };
	static const char *const unknown[] = { "HEMMELIG", "FORTROLIG" };
	static const char *const two[] = { "INTERN", "HEMMELIG", "FORTROLIG" };
	static const char *const none[] = { "", "" };
	struct bp_style	*st = bp_style_new_default();
	struct bp_pack	*pack;
	struct bp_diag	 d;
	const struct msg *e;

	diag_init(&d);
	pack = marked_pack(NULL, one, 2);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "BEGRENSET",
	    "pack marking: one marked article marks the pack");
	CHECK(msgs->len == 0, "pack marking: no message");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack(NULL, mixed, 4);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "Hemmelig",
	    "pack marking: the highest, as written, case aside");
	CHECK(msgs->len == 0, "pack marking: known markings, no message");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack(NULL, same, 2);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "RESTRICTED",
	    "pack marking: equal ranks keep the first article's");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack(NULL, none, 2);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK(pack->meta.classification == NULL,
	    "pack marking: unmarked articles, unmarked pack");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack(NULL, unknown, 2);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "FORTROLIG",
	    "pack marking: an unknown marking ranks above the known ones");
	e = find_msg(BP_WARNING, "\"FORTROLIG\" is not in the style's");
	CHECK(e != NULL && e->file != NULL && strcmp(e->file, "a2.md") == 0,
	    "pack marking: ... with a warning naming its article");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack(NULL, two, 3);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "INTERN",
	    "pack marking: of two unknown markings, the first article's");
	e = find_msg(BP_WARNING, "cannot be ranked");
	CHECK(e != NULL && strstr(e->text, "\"INTERN\" (a1.md)") != NULL &&
	    strstr(e->text, "\"FORTROLIG\" (a3.md)") != NULL,
	    "pack marking: ... with one warning naming both");
	CHECK(count_msgs(BP_WARNING) == 1, "pack marking: one warning");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack("BEGRENSET", mixed, 4);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "BEGRENSET",
	    "pack marking: the pack's own wins, even when lower");
	e = find_msg(BP_WARNING, "above the pack's own marking");
	CHECK(e != NULL && strcmp(e->file, "a3.md") == 0 &&
	    count_msgs(BP_WARNING) == 2,
	    "pack marking: ... each article marked above it is a warning");
	bp_pack_free(pack);

	diag_init(&d);
	pack = marked_pack("", one, 2);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "BEGRENSET",
	    "pack marking: an empty own marking is none");
	bp_pack_free(pack);

	/* A style that ranks nothing: two markings cannot be ranked. */
	st->nmarkings = 0;
	diag_init(&d);
	pack = marked_pack(NULL, mixed, 4);
	bp_pack_fill_defaults(pack, NULL, st, &d);
	CHECK_STR(pack->meta.classification, "restricted",
	    "pack marking: nothing ranked, the first article's");
	CHECK(find_msg(BP_WARNING, "cannot be ranked") != NULL,
	    "pack marking: ... with a warning");
	bp_pack_free(pack);
	st->nmarkings = 8;
	bp_style_free(st);
}

int
main(void)
{
	msgs = g_ptr_array_new_with_free_func(msg_free);
	tmpdir = g_dir_make_tmp("bp-test-style-XXXXXX", NULL);
	CHECK(tmpdir != NULL, "temporary folder");
	if (tmpdir == NULL)
		return HARNESS_EXIT();
	test_defaults();
	test_lengths();
	test_page_sizes();
	test_values();
	test_diagnostics();
	test_shipped();
	test_markings();
	test_pack_marking();
	CHECK(g_rmdir(tmpdir) == 0, "temporary folder removed");
	g_free(tmpdir);
	g_ptr_array_free(msgs, TRUE);
	return HARNESS_EXIT();
}
