/*
 * Accessibility of the EPUB: the package's EPUB Accessibility 1.1
 * metadata, decided from the content, and the contrast of the style's text
 * colours (WCAG 2.1).
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stddef.h>

#include "epub/epub.h"

/* WCAG 2.1 AA for text that is not large (1.4.3). */
#define AA_TEXT 4.5

/* A text colour of the style on a background the CSS draws it on. */
static const struct {
	const char	*key;     /* the style key of the text colour */
	size_t		 off;     /* its place in struct bp_style */
	bool		 shade;   /* on colors.shade, else on white */
} pairs[] = {
	{ "colors.text", offsetof(struct bp_style, color_text), false },
	/* Code blocks, the summary box, a table's header row. */
	{ "colors.text", offsetof(struct bp_style, color_text), true },
	{ "colors.heading", offsetof(struct bp_style, color_heading), false },
	{ "colors.link", offsetof(struct bp_style, color_link), false },
	/* A link in a table's header row. */
	{ "colors.link", offsetof(struct bp_style, color_link), true },
	/* Subtitle, byline, list markers, note numbers, the cover. */
	{ "colors.accent", offsetof(struct bp_style, color_accent), false },
	/* The summary's label. */
	{ "colors.accent", offsetof(struct bp_style, color_accent), true },
	{ "colors.marking", offsetof(struct bp_style, color_marking), false },
};

static double channel(double c);
static double luminance(struct bp_rgb c);
static void put_meta(GString *out, const char *property, const char *value);
static void put_summary(GString *out, const struct bp_book *book,
    bool conforms);

/* An sRGB channel as the CSS writes it (8 bits), linearised. */
static double
channel(double c)
{
	c = (double)lround(CLAMP(c, 0, 1) * 255) / 255;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* Relative luminance (WCAG 2.1). */
static double
luminance(struct bp_rgb c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) +
	    0.0722 * channel(c.b);
}

bool
bp_epub_a11y_contrast(const struct bp_style *st, struct bp_diag *diag)
{
	static const struct bp_rgb white = { 1, 1, 1 };
	struct bp_rgb	 fg, bg;
	double		 lf, lb, ratio;
	char		 num[G_ASCII_DTOSTR_BUF_SIZE];
	size_t		 i;
	bool		 ok = true;

	for (i = 0; i < G_N_ELEMENTS(pairs); i++) {
		fg = *(const struct bp_rgb *)(const void *)
		    ((const char *)st + pairs[i].off);
		bg = pairs[i].shade ? st->color_shade : white;
		lf = luminance(fg);
		lb = luminance(bg);
		ratio = (MAX(lf, lb) + 0.05) / (MIN(lf, lb) + 0.05);
		if (ratio >= AA_TEXT)
			continue;
		ok = false;
		g_ascii_formatd(num, sizeof num, "%.2f", ratio);
		bp_diag_at(diag, st->path, BP_NOTE, 0, 0, "%s on %s has a "
		    "contrast of %s:1, below the %g:1 that WCAG 2.1 AA asks of "
		    "text; EPUBs in this style do not claim WCAG 2.1 AA",
		    pairs[i].key, pairs[i].shade ? "colors.shade" : "white",
		    num, AA_TEXT);
	}
	return ok;
}

static void
put_meta(GString *out, const char *property, const char *value)
{
	g_string_append_printf(out, "<meta property=\"%s\">", property);
	bp_epub_escape(out, value, -1);
	g_string_append(out, "</meta>\n");
}

/*
 * What a reader learns before opening the book, in English (marked so):
 * how it is navigated, its images, and whether it meets WCAG 2.1 AA, and
 * if not, why.
 */
static void
put_summary(GString *out, const struct bp_book *book, bool conforms)
{
	const struct bp_epub_a11y	*a = &book->a11y;
	GString				*s = g_string_new(NULL);
	int				 n = (int)book->pack->articles->len;

	if (n == 1)
		g_string_append(s, "One article");
	else
		g_string_append_printf(s, "%d articles", n);
	g_string_append(s, ", with titles and sections as headings in order "
	    "and a table of contents. The reading order is that of the "
	    "printed pack; footnotes link to and from where they are cited.");
	if (a->images > 0 && a->images_no_alt == 0)
		g_string_append(s, " Every image has a text alternative.");
	else if (a->images > 0)
		g_string_append_printf(s, " %d of %d images have no text "
		    "alternative.", a->images_no_alt, a->images);
	if (conforms)
		g_string_append(s, " The publication meets WCAG 2.1 Level AA.");
	else {
		g_string_append(s, " The publication does not claim WCAG 2.1 "
		    "Level AA:");
		if (a->images_no_alt > 0)
			g_string_append(s, " images lack text alternatives");
		if (a->images_no_alt > 0 && !a->contrast_ok)
			g_string_append(s, ", and");
		if (!a->contrast_ok)
			g_string_append(s, " some text colours of its style "
			    "have too little contrast");
		g_string_append_c(s, '.');
	}
	g_string_append(out, "<meta property=\"schema:accessibilitySummary\" "
	    "xml:lang=\"en\">");
	bp_epub_escape(out, s->str, -1);
	g_string_append(out, "</meta>\n");
	g_string_free(s, TRUE);
}

void
bp_epub_a11y_metadata(GString *out, const struct bp_book *book)
{
	const struct bp_epub_a11y	*a = &book->a11y;
	bool				 all_alt = a->images_no_alt == 0;
	bool				 conforms = all_alt && a->contrast_ok;

	/* Text, and pictures when there are any. */
	put_meta(out, "schema:accessMode", "textual");
	if (a->images > 0)
		put_meta(out, "schema:accessMode", "visual");
	if (all_alt)
		put_meta(out, "schema:accessModeSufficient", "textual");
	if (a->images > 0)
		put_meta(out, "schema:accessModeSufficient", "textual,visual");

	/* Headings in order, the navigation document, one reading order. */
	put_meta(out, "schema:accessibilityFeature", "structuralNavigation");
	put_meta(out, "schema:accessibilityFeature", "tableOfContents");
	put_meta(out, "schema:accessibilityFeature", "readingOrder");
	if (a->images > 0 && all_alt)
		put_meta(out, "schema:accessibilityFeature", "alternativeText");
	/* The printed pack's pages: markers and a page-list (marks.c);
	 * printPageNumbers is the older name of the two. */
	if (a->page_list) {
		put_meta(out, "schema:accessibilityFeature", "pageBreakMarkers");
		put_meta(out, "schema:accessibilityFeature", "pageNavigation");
		put_meta(out, "schema:accessibilityFeature", "printPageNumbers");
	}
	/* Nothing flashes, moves or plays. */
	put_meta(out, "schema:accessibilityHazard", "none");
	put_summary(out, book, conforms);
	if (conforms)
		put_meta(out, "dcterms:conformsTo",
		    "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}
