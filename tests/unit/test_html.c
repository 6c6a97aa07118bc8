/*
 * The saved-page reader (parse/html*.c): the article found, furniture
 * and hidden parts dropped, metadata and its fallbacks, charsets, the
 * depth limit, links made absolute, lines mapped to the page's.
 * SPDX-License-Identifier: MIT
 */
#define CAPTURE_FILE "page.html"
#include "harness.h"
#include "capture.h"
#include "parse/convert.h"

#include <glib/gstdio.h>

static char *dir;

/* Read page text (written to a file) into art; returns the Markdown. */
static char *
read_page(const char *html, struct bp_article **art, bool *ok,
    struct bp_txt_map **map)
{
	struct bp_load_opts	 lo = { 0 };
	struct bp_txt_result	 r = { 0 };
	struct bp_diag		 d;
	char			*path = g_build_filename(dir, "page.html", NULL);

	g_file_set_contents(path, html, -1, NULL);
	*art = bp_article_new(path);
	diag_init(&d);
	*ok = bp_html_read(*art, &lo, &d, &r);
	if (map != NULL)
		*map = r.map;
	else
		bp_txt_map_free(r.map);
	g_free(path);
	return r.markdown;
}

int
main(void)
{
	struct bp_article	*art;
	struct bp_txt_map	*map = NULL;
	GString			*deep;
	char			*md;
	bool			 ok;
	int			 i;

	dir = g_dir_make_tmp("bp-html-XXXXXX", NULL);

	/* The densest block wins over a menu of links; <title> cut. */
	md = read_page("<html><head><title>Report on fish | Agency</title>"
	    "<link rel=canonical href='https://a.example/news/x'></head>"
	    "<body><div class=links><a href=/1>One link here</a> <a href=/2>"
	    "Two link here</a> <a href=/3>Three links</a></div>\n"
	    "<div class=content>\n<p>First paragraph, long enough to count "
	    "as prose in the page.</p>\n<p>See <a href='../y'>the rest</a> "
	    "and <a href='#top'>top</a>.</p>\n"
	    "<p style='display: none'>Hidden one.</p><p aria-hidden=true>"
	    "Hidden two.</p><span hidden>Hidden three.</span></div>"
	    "</body></html>", &art, &ok, &map);
	CHECK(ok, "a page with a block of prose reads");
	CHECK_STR(art->meta.title, "Report on fish",
	    "title from <title> without the site's part");
	CHECK_STR(art->meta.source, "https://a.example/news/x",
	    "source from the canonical link");
	CHECK(md != NULL && strstr(md, "One link") == NULL,
	    "the block of links is not the article");
	CHECK(md != NULL && strstr(md, "Hidden") == NULL,
	    "hidden elements dropped (style, aria-hidden, hidden)");
	CHECK(md != NULL && strstr(md, "[the rest](<https://a.example/y>)")
	    != NULL, "a relative link made absolute against the source");
	CHECK(md != NULL && strstr(md, "and top\\.") != NULL,
	    "a link within the page is text");
	CHECK(map != NULL && bp_txt_map_line(map, 1) == 3 &&
	    bp_txt_map_line(map, 3) == 4, "Markdown lines map to the page's");
	CHECK(find_msg(BP_NOTE, "the densest text") != NULL,
	    "a note names the element taken as the article");
	g_free(md);
	bp_txt_map_free(map);
	bp_article_free(art);

	/* <article>: its h1 and lead taken out; og:description repeating
	 * the body is no lead; UTF-8 without a charset. */
	md = read_page("<html lang=NB><head><meta property='og:description'"
	    " content='Første avsnitt'><meta name=author content='Ola'></head>"
	    "<body><h1>Site name</h1><article><h1>Tittel på saken</h1>"
	    "<p class='lead'>Ingressen her.</p><p>Første avsnitt om ørret.</p>"
	    "<h2>Mer</h2><p>Andre.</p></article></body></html>", &art, &ok,
	    NULL);
	CHECK(ok, "a page with <article> reads");
	CHECK_STR(art->meta.title, "Tittel på saken", "the article's h1");
	CHECK_STR(art->meta.subtitle, "Ingressen her.", "the lead");
	CHECK_STR(art->meta.lang, "nb", "lang from <html lang>");
	CHECK(art->meta.authors != NULL &&
	    strcmp(art->meta.authors[0], "Ola") == 0, "meta author");
	CHECK_STR(md, "Første avsnitt om ørret\\.\n\n## Mer\n\nAndre\\.\n",
	    "h1 and lead out of the body, UTF-8 read as UTF-8");
	g_free(md);
	bp_article_free(art);

	/* Cells spanning rows and columns keep the columns in place. */
	md = read_page("<html><body><article><table><tr><th>A</th><th>B</th>"
	    "<th>C</th></tr><tr><td rowspan=2>r</td><td colspan=2>wide</td>"
	    "</tr><tr><td>x</td><td>y</td></tr></table></article></body>"
	    "</html>", &art, &ok, NULL);
	CHECK_STR(md, "| A | B | C |\n| --- | --- | --- |\n| r | wide |  |\n"
	    "|  | x | y |\n", "rowspan and colspan become empty cells");
	CHECK(find_msg(BP_NOTE, "2 merged table cells") != NULL,
	    "with a note");
	g_free(md);
	bp_article_free(art);

	/* Nested 300 deep: refused. */
	deep = g_string_new("<html><body><article><p>x</p>");
	for (i = 0; i < 300; i++)
		g_string_append(deep, "<div>");
	md = read_page(deep->str, &art, &ok, NULL);
	CHECK(!ok && md == NULL, "a page nested 300 deep is refused");
	CHECK(find_msg(BP_ERROR, "more than 255 deep") != NULL,
	    "with a message naming the limit");
	g_string_free(deep, TRUE);
	bp_article_free(art);

	/* Furniture alone: an error. */
	md = read_page("<html><body><nav><a href=/>Home</a></nav>"
	    "<div class='cookie-banner'><p>We use cookies to make this site "
	    "work.</p></div></body></html>", &art, &ok, NULL);
	CHECK(!ok, "a page of furniture alone is rejected");
	bp_article_free(art);

	{
		char	*f = g_build_filename(dir, "page.html", NULL);

		g_unlink(f);
		g_free(f);
	}
	g_rmdir(dir);
	g_free(dir);
	return HARNESS_EXIT();
}
