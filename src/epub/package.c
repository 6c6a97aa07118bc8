/*
 * The EPUB's own documents: container, package document (metadata,
 * manifest, spine), navigation, cover page, and the CSS made from the style.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "epub/epub.h"

/* The faces looked for in fonts/ for each family the style uses. */
static const struct {
	const char	*suffix;
	int		 weight;
	bool		 italic;
} faces[] = {
	{ "Regular", 400, false },
	{ "Bold", 700, false },
	{ "Italic", 400, true },
	{ "BoldItalic", 700, true },
};

static void put_text(GString *, const char *);
static void put_num(GString *, double);
static void put_em(GString *, double, double);
static void put_rgb(GString *, struct bp_rgb);
static void put_family(GString *, const char *);
static void put_marking(GString *, const char *);
static void nav_article(GString *, const struct bp_article *, GPtrArray *);
static void add_unique(GPtrArray *, char **);
static void opf_item(GString *, const char *, const char *, const char *,
    const char *);

static void
put_text(GString *out, const char *s)
{
	bp_epub_escape(out, s, -1);
}

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

char *
bp_epub_package_container(void)
{
	return g_strdup("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<container version=\"1.0\" "
	    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	    "<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" "
	    "media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n"
	    "</container>\n");
}

static void
put_marking(GString *out, const char *mark)
{
	if (mark == NULL || *mark == '\0')
		return;
	g_string_append(out, "<p class=\"marking\">");
	put_text(out, mark);
	g_string_append(out, "</p>\n");
}

char *
bp_epub_package_cover(const struct bp_book *book)
{
	const struct bp_meta	*m = &book->pack->meta;
	const char		*lang = m->lang != NULL ? m->lang : "en";
	GString			*out = g_string_sized_new(2048);
	char			*date = bp_l10n_date(lang, &m->date);
	char			*count;
	int			 n = (int)book->pack->articles->len;

	count = bp_l10n_format(lang, n == 1 ? BP_W_ARTICLES_ONE :
	    BP_W_ARTICLES_MANY, n, 0);
	bp_epub_xhtml_head(out, lang, bp_epub_title(m->title, NULL, "Briefing"));
	g_string_append(out, "<body class=\"cover-page\">\n"
	    "<section epub:type=\"cover\" class=\"cover\">\n");
	put_marking(out, m->classification);
	if (m->organisation != NULL) {
		g_string_append(out, "<p class=\"organisation\">");
		put_text(out, m->organisation);
		g_string_append(out, "</p>\n");
	}
	g_string_append(out, "<h1 class=\"cover-title\">");
	put_text(out, bp_epub_title(m->title, NULL, "Briefing"));
	g_string_append(out, "</h1>\n");
	if (m->subtitle != NULL) {
		g_string_append(out, "<p class=\"cover-subtitle\">");
		put_text(out, m->subtitle);
		g_string_append(out, "</p>\n");
	}
	if (*date != '\0') {
		g_string_append_printf(out, "<p class=\"cover-date\"><time "
		    "datetime=\"%04d-%02d-%02d\">", m->date.y, m->date.m,
		    m->date.d);
		put_text(out, date);
		g_string_append(out, "</time></p>\n");
	}
	g_string_append(out, "<p class=\"cover-count\">");
	put_text(out, count);
	g_string_append(out, "</p>\n");
	put_marking(out, m->classification);
	g_string_append(out, "</section>\n</body>\n</html>\n");
	g_free(date);
	g_free(count);
	return g_string_free(out, FALSE);
}

/*
 * One article in the contents: its headings nested by level. `open` holds
 * the level of the current entry of each open list. A heading deeper than
 * the current entry opens a list under it. A list is closed only when the
 * entry it hangs from is as deep as the new heading or deeper, so the
 * heading then follows that entry: no <li> ever gets a second <ol>, and
 * the article's own list is never closed early.
 */
static void
nav_article(GString *out, const struct bp_article *art, GPtrArray *heads)
{
	const struct bp_epub_head	*h;
	GArray				*open = g_array_new(FALSE, FALSE,
	    sizeof(int));
	guint				 i;
	int				*top;

	g_string_append_printf(out, "<li><a href=\"%s.xhtml\">", art->id);
	put_text(out, bp_epub_title(art->meta.title, art->name, art->id));
	g_string_append(out, "</a>");
	for (i = 0; heads != NULL && i < heads->len; i++) {
		h = g_ptr_array_index(heads, i);
		if (*h->text == '\0')
			continue;      /* a link needs text */
		while (open->len > 1 &&
		    g_array_index(open, int, open->len - 2) >= h->level) {
			g_string_append(out, "</li>\n</ol>\n");
			g_array_set_size(open, open->len - 1);
		}
		top = open->len > 0 ?
		    &g_array_index(open, int, open->len - 1) : NULL;
		if (top != NULL && *top >= h->level) {
			g_string_append(out, "</li>\n<li>");
			*top = h->level;
		} else {
			g_string_append(out, "\n<ol>\n<li>");
			g_array_append_val(open, h->level);
		}
		g_string_append_printf(out, "<a href=\"%s.xhtml#", art->id);
		put_text(out, h->id);
		g_string_append(out, "\">");
		put_text(out, h->text);
		g_string_append(out, "</a>");
	}
	for (i = open->len; i > 0; i--)
		g_string_append(out, "</li>\n</ol>\n");
	g_string_append(out, "</li>\n");
	g_array_free(open, TRUE);
}

char *
bp_epub_package_nav(const struct bp_book *book)
{
	const struct bp_pack	*pack = book->pack;
	const struct bp_article	*art;
	const char		*lang = pack->meta.lang != NULL ?
	    pack->meta.lang : "en";
	const char		*contents = bp_l10n_word(lang, BP_W_CONTENTS);
	GString			*out = g_string_sized_new(8192);
	guint			 i;

	bp_epub_xhtml_head(out, lang, contents);
	g_string_append(out, "<body class=\"nav-page\">\n"
	    "<nav epub:type=\"toc\" id=\"toc\">\n<h1>");
	put_text(out, contents);
	g_string_append(out, "</h1>\n<ol>\n");
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		nav_article(out, art, i < book->heads->len ?
		    g_ptr_array_index(book->heads, i) : NULL);
	}
	g_string_append(out, "</ol>\n</nav>\n"
	    "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n"
	    "<ol>\n<li><a epub:type=\"cover\" href=\"cover.xhtml\">");
	put_text(out, bp_epub_title(pack->meta.title, NULL, "Briefing"));
	g_string_append(out, "</a></li>\n<li><a epub:type=\"toc\" "
	    "href=\"nav.xhtml#toc\">");
	put_text(out, contents);
	g_string_append(out, "</a></li>\n");
	if (pack->articles->len > 0) {
		art = g_ptr_array_index(pack->articles, 0);
		g_string_append_printf(out, "<li><a epub:type=\"bodymatter\" "
		    "href=\"%s.xhtml\">", art->id);
		put_text(out, bp_epub_title(art->meta.title, art->name,
		    art->id));
		g_string_append(out, "</a></li>\n");
	}
	g_string_append(out, "</ol>\n</nav>\n</body>\n</html>\n");
	return g_string_free(out, FALSE);
}

char *
bp_epub_package_css(const struct bp_book *book)
{
	const struct bp_style		*st = book->style;
	const struct bp_epub_item	*f;
	GString				*o = g_string_sized_new(8192);
	const char			*p;
	double				 b = st->size_body;
	guint				 i;
	int				 k;

	/* The style's name, as far as it is plain, in a comment. */
	g_string_append(o, "/* briefpack: made from the style \"");
	for (p = st->name; p != NULL && *p != '\0'; p++)
		if (g_ascii_isalnum(*p) || *p == '-' || *p == '_' || *p == ' ')
			g_string_append_c(o, *p);
	g_string_append(o, "\"; sizes are em of the body text. */\n\n");

	/* The bundled fonts, one rule per face. */
	for (i = 0; book->fonts != NULL && i < book->fonts->len; i++) {
		f = g_ptr_array_index(book->fonts, i);
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

	/* Body text. */
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
	g_string_append(o, "a { color: ");
	put_rgb(o, st->color_link);
	g_string_append(o, "; text-decoration: none; }\n");

	/* Headings: the style's sizes, kept with what follows. */
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

	/* The title block. */
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

	/* The protective marking. */
	g_string_append(o, ".marking {\n  font-family: ");
	put_family(o, st->font_heading);
	g_string_append(o, ";\n  font-weight: bold;\n  font-size: ");
	put_em(o, st->size_small + 1.5, b);
	g_string_append(o, ";\n  letter-spacing: 0.05em;\n  color: ");
	put_rgb(o, st->color_marking);
	g_string_append(o, ";\n  text-align: center;\n  margin: 0 0 1em 0;\n}\n"
	    ".article > .marking:last-child { margin: 2em 0 0 0; }\n");

	/* Code and raw HTML: monospace on the shade, wrapped in the column. */
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

	/* Quotes, lists, rules. */
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
	    "\") \"; }\nli.task { list-style-type: none; }\n"
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

	/* Tables: rules in the style's colours, a shaded header row. */
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

	/* Figures and placeholders. */
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

	/* Notes. */
	g_string_append(o, "sup { font-size: 0.75em; line-height: 0; }\n"
	    "a.noteref, .note-back { color: ");
	put_rgb(o, st->color_accent);
	g_string_append(o, "; }\naside.footnote {\n  font-size: ");
	put_em(o, st->size_small, b);
	g_string_append(o, ";\n  margin: 0 0 0.4em 0;\n}\n"
	    "aside.footnote p { margin: 0 0 0.3em 0; text-align: left; }\n"
	    ".note-back { margin-right: 0.3em; }\n"
	    ".failed { margin-top: 2em; }\n");

	/* Cover and contents. */
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
	    "nav#toc { text-align: left; }\n");
	return g_string_free(o, FALSE);
}

/* Append the strings of list to arr, each once. */
static void
add_unique(GPtrArray *arr, char **list)
{
	int	 k;

	for (k = 0; list != NULL && list[k] != NULL; k++)
		if (*list[k] != '\0' && !g_ptr_array_find_with_equal_func(arr,
		    list[k], g_str_equal, NULL))
			g_ptr_array_add(arr, list[k]);
}

static void
opf_item(GString *out, const char *id, const char *href, const char *type,
    const char *properties)
{
	g_string_append(out, "<item id=\"");
	put_text(out, id);
	g_string_append(out, "\" href=\"");
	put_text(out, href);
	g_string_append(out, "\" media-type=\"");
	put_text(out, type);
	if (properties != NULL) {
		g_string_append(out, "\" properties=\"");
		put_text(out, properties);
	}
	g_string_append(out, "\"/>\n");
}

char *
bp_epub_package_opf(const struct bp_book *book, const char *uuid, gint64 now)
{
	const struct bp_pack		*pack = book->pack;
	const struct bp_meta		*m = &pack->meta;
	const struct bp_article		*art;
	const struct bp_epub_item	*it;
	const char			*lang = m->lang != NULL ? m->lang : "en";
	GString				*out = g_string_sized_new(8192);
	GPtrArray			*creators = g_ptr_array_new();
	GPtrArray			*subjects = g_ptr_array_new();
	GPtrArray			*lists[2];
	GDateTime			*dt = NULL;
	char				*stamp = NULL;
	const char			*desc;
	guint				 i, j;

	/* Authors and keywords of the pack, else of its articles. */
	add_unique(creators, m->authors);
	add_unique(subjects, m->keywords);
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		if (m->authors == NULL)
			add_unique(creators, art->meta.authors);
		if (m->keywords == NULL)
			add_unique(subjects, art->meta.keywords);
	}
	dt = g_date_time_new_from_unix_utc(now);
	stamp = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");

	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	    "unique-identifier=\"uid\" xml:lang=\"");
	put_text(out, lang);
	g_string_append(out, "\">\n<metadata "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:identifier id=\"uid\">urn:uuid:");
	g_string_append(out, uuid);
	g_string_append(out, "</dc:identifier>\n<dc:title>");
	put_text(out, bp_epub_title(m->title, NULL, "Briefing"));
	g_string_append(out, "</dc:title>\n<dc:language>");
	put_text(out, lang);
	g_string_append(out, "</dc:language>\n");
	if (m->date.y > 0)
		g_string_append_printf(out, "<dc:date>%04d-%02d-%02d</dc:date>\n",
		    m->date.y, m->date.m, m->date.d);
	g_string_append_printf(out, "<meta property=\"dcterms:modified\">%s"
	    "</meta>\n", stamp);
	lists[0] = creators;
	lists[1] = subjects;
	for (j = 0; j < 2; j++)
		for (i = 0; i < lists[j]->len; i++) {
			g_string_append(out, j == 0 ? "<dc:creator>" :
			    "<dc:subject>");
			put_text(out, g_ptr_array_index(lists[j], i));
			g_string_append(out, j == 0 ? "</dc:creator>\n" :
			    "</dc:subject>\n");
		}
	if (m->organisation != NULL && *m->organisation != '\0') {
		g_string_append(out, "<dc:publisher>");
		put_text(out, m->organisation);
		g_string_append(out, "</dc:publisher>\n");
	}
	desc = m->subtitle != NULL && *m->subtitle != '\0' ? m->subtitle :
	    m->abstract != NULL && *m->abstract != '\0' ? m->abstract : NULL;
	if (desc != NULL) {
		g_string_append(out, "<dc:description>");
		put_text(out, desc);
		g_string_append(out, "</dc:description>\n");
	}
	g_string_append(out, "</metadata>\n<manifest>\n");

	/* Every file, in the order they are zipped. */
	opf_item(out, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	opf_item(out, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
	for (i = 0; i < book->docs->len; i++) {
		it = g_ptr_array_index(book->docs, i);
		opf_item(out, it->id, it->href, it->media_type, it->properties);
	}
	opf_item(out, "css", "style.css", "text/css", NULL);
	for (i = 0; i < book->imgs->len; i++) {
		it = g_ptr_array_index(book->imgs, i);
		opf_item(out, it->id, it->href, it->media_type, it->properties);
	}
	for (i = 0; book->fonts != NULL && i < book->fonts->len; i++) {
		it = g_ptr_array_index(book->fonts, i);
		opf_item(out, it->id, it->href, it->media_type, it->properties);
	}

	/* Cover, contents (read in order only when the pack has one), articles. */
	g_string_append_printf(out, "</manifest>\n<spine>\n"
	    "<itemref idref=\"cover\"/>\n<itemref idref=\"nav\"%s/>\n",
	    book->toc ? "" : " linear=\"no\"");
	for (i = 0; i < book->docs->len; i++) {
		it = g_ptr_array_index(book->docs, i);
		g_string_append(out, "<itemref idref=\"");
		put_text(out, it->id);
		g_string_append(out, "\"/>\n");
	}
	g_string_append(out, "</spine>\n</package>\n");
	g_date_time_unref(dt);
	g_free(stamp);
	g_ptr_array_free(creators, TRUE);
	g_ptr_array_free(subjects, TRUE);
	return g_string_free(out, FALSE);
}

bool
bp_epub_package_fonts(const struct bp_style *st, const char *fonts_dir,
    GPtrArray *fonts, struct bp_diag *diag)
{
	const char		*families[3];
	struct bp_epub_item	*item;
	GString			*stem = g_string_new(NULL);
	char			*file = NULL, *path = NULL, *data = NULL;
	size_t			 len = 0;
	const char		*p;
	guint			 i, j, f;
	bool			 ok = true, seen;

	families[0] = st->font_body;
	families[1] = st->font_heading;
	families[2] = st->font_mono;
	for (i = 0; i < G_N_ELEMENTS(families) && ok; i++) {
		if (families[i] == NULL || *families[i] == '\0')
			continue;
		for (seen = false, j = 0; j < i; j++)
			if (families[j] != NULL &&
			    strcmp(families[j], families[i]) == 0)
				seen = true;
		if (seen)
			continue;
		/* "Noto Sans Mono" is fonts/NotoSansMono-Regular.ttf, ... */
		g_string_truncate(stem, 0);
		for (p = families[i]; *p != '\0'; p++)
			if (g_ascii_isalnum(*p))
				g_string_append_c(stem, *p);
		for (f = 0; f < G_N_ELEMENTS(faces) && ok && stem->len > 0; f++) {
			file = g_strdup_printf("%s-%s.ttf", stem->str,
			    faces[f].suffix);
			path = g_build_filename(fonts_dir, file, NULL);
			if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
				if (bp_util_read_file(path, BP_MAX_INPUT_BYTES,
				    diag, &data, &len)) {
					item = g_new0(struct bp_epub_item, 1);
					item->id = g_strdup_printf("font%u",
					    fonts->len + 1);
					item->href = g_strconcat("fonts/", file,
					    NULL);
					item->media_type = "font/ttf";
					item->data = (unsigned char *)data;
					item->len = len;
					item->family = families[i];
					item->weight = faces[f].weight;
					item->italic = faces[f].italic;
					data = NULL;
					g_ptr_array_add(fonts, item);
				} else
					ok = false;
			}
			g_free(file);
			g_free(path);
			file = path = NULL;
		}
	}
	g_string_free(stem, TRUE);
	return ok;
}
