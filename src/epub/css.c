/*
 * The style sheet of the EPUB (style.css) made from the style: sizes in em
 * of the body text, the style's colours and fonts, @font-face per face.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "epub/epub.h"

static void put_num(GString *out, double v);
static void put_em(GString *out, double pt, double body_pt);
static void put_rgb(GString *out, struct bp_rgb c);
static void put_family(GString *out, const char *family);
static void css_intro(GString *o, const struct bp_style *st);
static void css_fonts(GString *o, const GPtrArray *fonts);
static void css_body(GString *o, const struct bp_style *st);
static void css_headings(GString *o, const struct bp_style *st);
static void css_title_block(GString *o, const struct bp_style *st);
static void css_marking(GString *o, const struct bp_style *st);
static void css_code(GString *o, const struct bp_style *st);
static void css_lists(GString *o, const struct bp_style *st);
static void css_tables(GString *o, const struct bp_style *st);
static void css_figures(GString *o, const struct bp_style *st);
static void css_notes(GString *o, const struct bp_style *st);
static void css_cover(GString *o, const struct bp_style *st);

/* A number in CSS: C locale, at most three decimals, no trailing zeros. */
static void
put_num(GString *out, double v)
{
	char	 buf[G_ASCII_DTOSTR_BUF_SIZE];
	size_t	 n;

	g_ascii_formatd(buf, sizeof buf, "%.3f", v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	g_string_append(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* A size in em of the body text, so readers can scale everything. */
static void
put_em(GString *out, double pt, double body_pt)
{
	put_num(out, body_pt > 0 ? pt / body_pt : 1);
	g_string_append(out, "em");
}

static void
put_rgb(GString *out, struct bp_rgb c)
{
	g_string_append_printf(out, "#%02x%02x%02x",
	    (unsigned)lround(CLAMP(c.r, 0, 1) * 255),
	    (unsigned)lround(CLAMP(c.g, 0, 1) * 255),
	    (unsigned)lround(CLAMP(c.b, 0, 1) * 255));
}

/* "Noto Sans Mono" -> "Noto Sans Mono", monospace */
static void
put_family(GString *out, const char *family)
{
	bp_epub_css_string(out, family);
	if (strstr(family, "Mono") != NULL || strstr(family, "mono") != NULL)
		g_string_append(out, ", monospace");
	else if (strstr(family, "Sans") != NULL || strstr(family, "sans") != NULL)
		g_string_append(out, ", sans-serif");
	else
		g_string_append(out, ", serif");
}

/* The style's name, as far as it is plain, in a comment. */
static void
css_intro(GString *o, const struct bp_style *st)
{
	const char	*p;

	g_string_append(o, "/* briefpack: made from the style \"");
	for (p = st->name; p != NULL && *p != '\0'; p++)
		if (g_ascii_isalnum(*p) || *p == '-' || *p == '_' || *p == ' ')
			g_string_append_c(o, *p);
	g_string_append(o, "\"; sizes are em of the body text. */\n\n");
}

/* The bundled fonts, one rule per face. */
static void
css_fonts(GString *o, const GPtrArray *fonts)
{
	const struct bp_epub_item	*f;
	guint				 i;

	for (i = 0; fonts != NULL && i < fonts->len; i++) {
		f = g_ptr_array_index(fonts, i);
		if (f->family == NULL)
			continue;
		g_string_append(o, "@font-face {\n  font-family: ");
		bp_epub_css_string(o, f->family);
		g_string_append_printf(o, ";\n  font-weight: %d;\n  font-style: "
		    "%s;\n  src: url(", f->weight, f->italic ? "italic" :
		    "normal");
		bp_epub_css_string(o, f->href);
		g_string_append(o, ");\n}\n");
	}
}

/* Body text. */
static void
css_body(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, "\nbody {\n  font-family: ");
	put_family(o, st->font_body);
	g_string_append(o, ";\n  font-size: ");
	put_num(o, b);
	g_string_append(o, "pt;\n  line-height: ");
	put_num(o, st->leading);
	g_string_append(o, ";\n  color: ");
	put_rgb(o, st->color_text);
	g_string_append_printf(o, ";\n  text-align: %s;\n",
	    st->justify ? "justify" : "left");
	g_string_append_printf(o, "  -epub-hyphens: %s;\n  -webkit-hyphens: "
	    "%s;\n  hyphens: %s;\n", st->hyphenate ? "auto" : "manual",
	    st->hyphenate ? "auto" : "manual", st->hyphenate ? "auto" :
	    "manual");
	g_string_append_printf(o, "  widows: %d;\n  orphans: %d;\n}\n",
	    st->widows, st->orphans);
	g_string_append(o, "p { margin: 0 0 ");
	put_em(o, st->para_space, b);
	g_string_append(o, "; }\n");
	/* Links are underlined: told from the text by more than colour
	 * (WCAG 1.4.1); note references by being raised. */
	g_string_append(o, "a { color: ");
	put_rgb(o, st->color_link);
	g_string_append(o, "; text-decoration: underline; }\n");
}

/* Headings: the style's sizes, kept with what follows. */
static void
css_headings(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;
	int		 k;

	g_string_append(o, "h1, h2, h3, h4, h5, h6 {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  color: ");
	put_rgb(o, st->color_heading);
	g_string_append(o, ";\n  line-height: 1.2;\n  text-align: left;\n"
	    "  -epub-hyphens: manual;\n  -webkit-hyphens: manual;\n"
	    "  hyphens: manual;\n  page-break-after: avoid;\n"
	    "  break-after: avoid;\n  margin: 1em 0 0.35em 0;\n}\n");
	for (k = 0; k < 6; k++) {
		g_string_append_printf(o, "h%d { font-size: ", k + 1);
		put_em(o, st->size_h[k], b);
		g_string_append_printf(o, "; font-weight: %s;%s }\n",
		    k < 4 ? "bold" : "600", k == 5 ? " font-style: italic;" : "");
	}
}

/* The title block. */
static void
css_title_block(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, ".title-block {\n  margin: 0 0 1.4em 0;\n"
	    "  padding-bottom: 0.8em;\n  border-bottom: 0.6pt solid ");
	put_rgb(o, st->color_rule);
	g_string_append(o, ";\n}\nh1.title { font-size: ");
	put_em(o, st->size_title, b);
	g_string_append(o, "; line-height: 1.15; margin: 0 0 0.2em 0; }\n");
	g_string_append(o, ".subtitle {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  font-size: ");
	put_em(o, st->size_h[1], b);
	g_string_append(o, ";\n  line-height: 1.2;\n  color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n  text-align: left;\n  margin: 0 0 0.6em 0;\n}\n"
	    ".byline, .source {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  font-size: ");
	put_em(o, st->size_small + 0.5, b);
	g_string_append(o, ";\n  color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n  text-align: left;\n  margin: 0 0 0.2em 0;\n}\n"
	    ".abstract {\n  margin: 1em 0 0 0;\n  padding: 0.6em 0.8em;\n"
	    "  background-color: ");
	put_rgb(o, st->color_shade);
	g_string_append(o, ";\n}\n.abstract p { margin: 0; }\n"
	    ".abstract-label {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  font-weight: bold;\n  font-size: ");
	put_em(o, st->size_small, b);
	g_string_append(o, ";\n  color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n}\n");
}

/* The protective marking. */
static void
css_marking(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, ".marking {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  font-weight: bold;\n  font-size: ");
	put_em(o, st->size_small + 1.5, b);
	g_string_append(o, ";\n  letter-spacing: 0.05em;\n  color: ");
	put_rgb(o, st->color_marking);
	g_string_append(o, ";\n  text-align: center;\n  margin: 0 0 1em 0;\n}\n"
	    ".article > .marking:last-child { margin: 2em 0 0 0; }\n");
}

/* Code and raw HTML: monospace on the shade, wrapped in the column. */
static void
css_code(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, "code, pre {\n  font-family: ");
	put_family(o, st->font_mono);
	g_string_append(o, ";\n}\ncode { font-size: 0.88em; }\npre {\n"
	    "  font-size: ");
	put_em(o, st->size_code, b);
	g_string_append(o, ";\n  line-height: 1.3;\n  background-color: ");
	put_rgb(o, st->color_shade);
	g_string_append(o, ";\n  padding: 0.6em;\n  margin: 0 0 ");
	put_em(o, st->para_space, b);
	g_string_append(o, ";\n  text-align: left;\n  white-space: pre-wrap;\n"
	    "  word-wrap: break-word;\n  overflow-wrap: break-word;\n"
	    "  -epub-hyphens: manual;\n  -webkit-hyphens: manual;\n"
	    "  hyphens: manual;\n}\npre code { font-size: 1em; }\n");
}

/* Quotes, lists, rules. */
static void
css_lists(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, "blockquote {\n  margin: 0 0 ");
	put_em(o, st->para_space, b);
	g_string_append(o, " 0;\n  padding-left: 1em;\n  border-left: 2pt solid ");
	put_rgb(o, st->color_rule);
	g_string_append(o, ";\n}\nul, ol { margin: 0 0 ");
	put_em(o, st->para_space, b);
	g_string_append(o, " 0; padding-left: 1.6em; }\n"
	    "li > p:last-child { margin-bottom: 0.2em; }\n"
	    "li::marker { color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, "; }\nol.paren > li::marker { content: counter(list-item) "
	    "\") \"; }\n"
	    "ol.paren[type=\"a\"] > li::marker { content: "
	    "counter(list-item, lower-alpha) \") \"; }\n"
	    "ol.paren[type=\"A\"] > li::marker { content: "
	    "counter(list-item, upper-alpha) \") \"; }\n"
	    "ol.paren[type=\"i\"] > li::marker { content: "
	    "counter(list-item, lower-roman) \") \"; }\n"
	    "ol.paren[type=\"I\"] > li::marker { content: "
	    "counter(list-item, upper-roman) \") \"; }\n"
	    "li.task { list-style-type: none; }\n"
	    "li.task > input, li.task > p > input { margin: 0 0.4em 0 -1.4em; }\n"
	    "/* Past eight levels, quotes and lists indent no further. */\n"
	    "blockquote blockquote blockquote blockquote blockquote blockquote "
	    "blockquote blockquote { padding-left: 0; border-left: 0; }\n"
	    "li li li li li li li li > ul, li li li li li li li li > ol "
	    "{ padding-left: 0; list-style-position: inside; }\n"
	    "hr {\n  border: 0;\n  border-top: 0.6pt solid ");
	put_rgb(o, st->color_rule);
	g_string_append(o, ";\n  width: 40%;\n  margin: 1em auto;\n}\n"
	    "hr.notes { width: 30%; margin: 2em 0 0.6em 0; }\n");
}

/* Tables: rules in the style's colours, a shaded header row. */
static void
css_tables(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, "table {\n  border-collapse: collapse;\n"
	    "  font-size: ");
	put_em(o, st->size_table, b);
	g_string_append(o, ";\n  line-height: 1.25;\n  margin: 0 0 ");
	put_em(o, st->para_space, b);
	g_string_append(o, ";\n  border-top: 0.9pt solid ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n}\nth, td {\n  padding: 0.25em 0.45em;\n"
	    "  vertical-align: top;\n  text-align: left;\n  border-bottom: "
	    "0.4pt solid ");
	put_rgb(o, st->color_rule);
	g_string_append(o, ";\n  -epub-hyphens: manual;\n"
	    "  -webkit-hyphens: manual;\n  hyphens: manual;\n}\n"
	    "th {\n  font-weight: bold;\n  background-color: ");
	put_rgb(o, st->color_shade);
	g_string_append(o, ";\n  border-bottom: 0.9pt solid ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n}\n");
}

/* Figures and placeholders. */
static void
css_figures(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, "figure {\n  margin: 0 0 ");
	put_em(o, st->para_space, b);
	g_string_append(o, ";\n  text-align: center;\n"
	    "  page-break-inside: avoid;\n  break-inside: avoid;\n}\n"
	    "figure img { max-width: 100%; max-height: 75vh; }\n"
	    "img { max-width: 100%; }\nfigcaption, .placeholder {\n"
	    "  font-size: ");
	put_em(o, st->size_small, b);
	g_string_append(o, ";\n  font-style: italic;\n  text-align: center;\n"
	    "  margin: 0.3em 0 0 0;\n}\np.placeholder {\n  border: 0.6pt solid ");
	put_rgb(o, st->color_rule);
	g_string_append(o, ";\n  padding: 2em 1em;\n  margin: 0;\n}\n"
	    "span.placeholder { font-size: 0.9em; }\n");
}

/* Notes. */
static void
css_notes(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, "sup { font-size: 0.75em; line-height: 0; }\n"
	    "a.noteref, .note-back { color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, "; }\na.noteref { text-decoration: none; }\n"
	    "aside.footnote {\n  font-size: ");
	put_em(o, st->size_small, b);
	g_string_append(o, ";\n  margin: 0 0 0.4em 0;\n}\n"
	    "aside.footnote p { margin: 0 0 0.3em 0; text-align: left; }\n"
	    ".note-back { margin-right: 0.3em; }\n"
	    ".failed { margin-top: 2em; }\n");
}

/* Cover and contents. */
static void
css_cover(GString *o, const struct bp_style *st)
{
	double		 b = st->size_body;

	g_string_append(o, ".cover { margin-top: 20%; text-align: left; }\n"
	    ".organisation {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  font-weight: 600;\n  font-size: ");
	put_em(o, b + 1, b);
	g_string_append(o, ";\n  text-align: left;\n  margin: 0 0 0.6em 0;\n}\n"
	    ".cover-title {\n  font-size: ");
	put_em(o, 30, b);
	g_string_append(o, ";\n  padding-top: 0.4em;\n  border-top: 4pt solid ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n}\n.cover-subtitle, .cover-date, .cover-count {\n"
	    "  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  text-align: left;\n}\n.cover-subtitle {\n"
	    "  font-size: ");
	put_em(o, 17, b);
	g_string_append(o, ";\n  line-height: 1.2;\n  color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, ";\n  margin-bottom: 2em;\n}\n.cover-date { font-size: ");
	put_em(o, b + 2, b);
	g_string_append(o, "; }\n.cover-count { color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, "; }\n.cover .marking { margin: 2em 0; }\n"
	    "nav#toc ol { list-style-type: none; padding-left: 1.2em; "
	    "margin: 0; }\n"
	    "nav#toc > ol { padding-left: 0; }\n"
	    "nav#toc > ol > li { margin: 0 0 0.6em 0; font-weight: bold; }\n"
	    "nav#toc li li { font-weight: normal; }\n"
	    "nav#toc { text-align: left; }\n"
	    "nav#toc a { text-decoration: none; }\n");
}

char *
bp_epub_package_css(const struct bp_book *book)
{
	const struct bp_style	*st = book->style;
	GString			*o = g_string_sized_new(8192);

	css_intro(o, st);
	css_fonts(o, book->fonts);
	css_body(o, st);
	css_headings(o, st);
	css_title_block(o, st);
	css_marking(o, st);
	css_code(o, st);
	css_lists(o, st);
	css_tables(o, st);
	css_figures(o, st);
	css_notes(o, st);
	css_cover(o, st);
	return g_string_free(o, FALSE);
}
