/*
 * Unit tests for the EPUB writer's escaping and safety checks (epub/escape.c),
 * its footnotes in odd places (epub/xhtml.c), its font subsets
 * (epub/fonts.c) and accessibility metadata (epub/a11y.c).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <hb.h>

#include "epub/epub.h"
#include "parse/load.h"
#include "harness.h"

static char *
esc(const char *s, gssize len)
{
	GString	*out = g_string_new(NULL);

	bp_epub_escape(out, s, len);
	return g_string_free(out, FALSE);
}

static char *
css(const char *s)
{
	GString	*out = g_string_new(NULL);

	bp_epub_css_string(out, s);
	return g_string_free(out, FALSE);
}

static char *
xml_id(const char *s)
{
	GString	*out = g_string_new("a1-");

	bp_epub_xml_id(out, s);
	return g_string_free(out, FALSE);
}

/* Check an SVG; returns the reason it was refused (caller frees), or NULL
 * and the bytes that go in through *kept. */
static char *
svg(const char *text, char **kept)
{
	unsigned char	*out;
	size_t		 len = 0;
	char		*why = NULL;

	out = bp_epub_svg_check((const unsigned char *)text, strlen(text), &len,
	    &why);
	if (kept != NULL)
		*kept = out != NULL ? g_strndup((char *)out, len) : NULL;
	g_free(out);
	return why;
}

static void
check_href(const char *url, const char *want)
{
	char	*got = bp_epub_link_href(url);

	CHECK_STR(got, want, "link href of \"%s\"", url);
	g_free(got);
}

static void
check_svg_refused(const char *label, const char *text, const char *words)
{
	char	*why = svg(text, NULL);

	CHECK(why != NULL && strstr(why, words) != NULL,
	    "SVG refused: %s (\"%s\")", label, why != NULL ? why : "accepted");
	g_free(why);
}

/* Messages about the missing image and the wide table are expected. */
static void
quiet_diag(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg)
{
	(void)data;
	(void)sev;
	(void)file;
	(void)line;
	(void)col;
	(void)msg;
}

/*
 * Write md (an article in tests/fixtures/good/, so img/ resolves) as
 * XHTML. Returns the document (caller frees) and the plain text of its
 * first heading for the contents (caller frees) through *head.
 */
static char *
notes_xhtml(const char *md, char **head)
{
	struct bp_diag		 d = { 0 };
	struct bp_load_opts	 lo = { 0 };
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*art = bp_article_new("tests/fixtures/good/t.md");
	struct bp_book		 book;
	struct bp_epub_item	*item;
	struct bp_epub_head	*h;
	GPtrArray		*heads;
	char			*out = NULL;
	guint			 i, j;

	d.file = art->path;
	d.fn = quiet_diag;
	art->id = g_strdup("a1");
	art->meta.lang = g_strdup("en");
	bp_md_parse(art, md, strlen(md), 1, &lo, &d);
	memset(&book, 0, sizeof book);
	book.pack = pack;
	book.diag = &d;
	book.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	book.id_next = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	book.images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)bp_epub_image_free);
	book.by_sum = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	book.docs = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	book.imgs = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	book.heads = g_ptr_array_new();
	bp_epub_xhtml_article(&book, art, /*have_body*/true);

	item = book.docs->len > 0 ? g_ptr_array_index(book.docs, 0) : NULL;
	if (item != NULL)
		out = g_strndup((const char *)item->data, item->len);
	*head = NULL;
	for (i = 0; i < book.heads->len; i++) {
		heads = g_ptr_array_index(book.heads, i);
		for (j = 0; j < heads->len; j++) {
			h = g_ptr_array_index(heads, j);
			if (*head == NULL)
				*head = g_strdup(h->text);
			g_free(h->id);
			g_free(h->text);
			g_free(h);
		}
		g_ptr_array_free(heads, TRUE);
	}
	g_ptr_array_free(book.heads, TRUE);
	g_ptr_array_free(book.imgs, TRUE);
	g_ptr_array_free(book.docs, TRUE);
	g_hash_table_destroy(book.by_sum);
	g_hash_table_destroy(book.images);
	g_hash_table_destroy(book.id_next);
	g_hash_table_destroy(book.ids);
	bp_article_free(art);
	bp_pack_free(pack);
	return out;
}

/* Every href="#x" in doc has an id="x"; returns how many do not. */
static int
dangling_fragments(const char *doc, GString *which)
{
	const char	*p, *end;
	char		*id;
	int		 bad = 0;

	for (p = doc; (p = strstr(p, "href=\"#")) != NULL; p = end) {
		p += strlen("href=\"#");
		if ((end = strchr(p, '"')) == NULL)
			break;
		id = g_strdup_printf("id=\"%.*s\"", (int)(end - p), p);
		if (strstr(doc, id) == NULL) {
			g_string_append_printf(which, " %s", id);
			bad++;
		}
		g_free(id);
	}
	return bad;
}

/* The deepest nesting of <a> elements in doc. */
static int
a_depth(const char *doc)
{
	const char	*p;
	int		 depth = 0, most = 0;

	for (p = doc; (p = strchr(p, '<')) != NULL; p++) {
		if (strncmp(p, "<a ", 3) == 0 || strncmp(p, "<a>", 3) == 0) {
			depth++;
			most = MAX(most, depth);
		} else if (strncmp(p, "</a>", 4) == 0)
			depth--;
	}
	return most;
}

/* How many times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	const char	*p;
	int		 n = 0;

	for (p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Whether a comes before b in doc (both present). */
static bool
before(const char *doc, const char *a, const char *b)
{
	const char	*pa = strstr(doc, a), *pb = pa != NULL ? strstr(pa, b) :
			    NULL;

	return pa != NULL && pb != NULL;
}

/* The text of the note the first noteref after `after` in doc goes to. */
static char *
cited_note(const char *doc, const char *after)
{
	const char	*p = strstr(doc, after), *end;
	char		*id = NULL, *note = NULL;

	if (p == NULL || (p = strstr(p, "noteref\" id=\"")) == NULL ||
	    (p = strstr(p, "href=\"#")) == NULL)
		return NULL;
	p += strlen("href=\"#");
	if ((end = strchr(p, '"')) == NULL)
		return NULL;
	id = g_strdup_printf("<aside epub:type=\"footnote\" "
	    "role=\"doc-footnote\" class=\"footnote\" id=\"%.*s\">",
	    (int)(end - p), p);
	if ((p = strstr(doc, id)) != NULL &&
	    (end = strstr(p, "</aside>")) != NULL)
		note = g_strndup(p, (gsize)(end - p));
	g_free(id);
	return note;
}

/*
 * Footnotes cited from odd places (issue 11): every fragment resolves,
 * links never nest, each note is written once, alt-text notes follow
 * their image, a note in link text follows the link, and the contents
 * get a heading's text without its note.
 */
static void
test_notes(void)
{
	GString	*md = g_string_new(NULL), *which = g_string_new(NULL);
	char	*doc, *head = NULL, *note = NULL;
	int	 i;

	g_string_append(md, "# Heading[^h]\n\n"
	    "Text ![Worded alt[^img]](img/fargefelt.png) after, and "
	    "[a link with a note[^lnk] and ![pic[^pic]](img/fargefelt.png)]"
	    "(https://example.org/) end.\n\n"
	    "![Alone[^fig]](img/fargefelt.png \"Title\")\n\n"
	    "[![Linked[^lfig]](img/fargefelt.png)](https://example.org/)\n\n"
	    "![Missing[^miss]](img/no-such.png)\n\n"
	    "Self[^self] and a ring[^ra].\n\n");
	/* A table wider than BP_MAX_TABLE_COLS: its last cell is dropped. */
	for (i = 0; i <= BP_MAX_TABLE_COLS; i++)
		g_string_append(md, "| h ");
	g_string_append(md, "|\n");
	for (i = 0; i <= BP_MAX_TABLE_COLS; i++)
		g_string_append(md, "|---");
	g_string_append(md, "|\n");
	for (i = 0; i < BP_MAX_TABLE_COLS; i++)
		g_string_append(md, "| c ");
	g_string_append(md, "| celltext[^drop] |\n\n"
	    "[^h]: From a heading.\n[^img]: From alt text.\n"
	    "[^lnk]: From link text.\n[^pic]: From an image in a link.\n"
	    "[^fig]: From a figure.\n[^lfig]: From a linked figure.\n"
	    "[^miss]: From a missing image.\n[^self]: Cites itself[^self].\n"
	    "[^ra]: Ring A[^rb].\n[^rb]: Ring B[^ra].\n"
	    "[^drop]: Only from a dropped cell.\n");
	doc = notes_xhtml(md->str, &head);
	CHECK(doc != NULL, "notes: the article is written");
	if (doc == NULL)
		goto out;
	CHECK(dangling_fragments(doc, which) == 0,
	    "notes: every href=\"#x\" has its id (missing:%s)", which->str);
	CHECK(a_depth(doc) == 1, "notes: no <a> inside another (depth %d)",
	    a_depth(doc));
	/*
	 * The dropped cell is cut before cmark-gfm parses (bound.c), so its
	 * note is cited nowhere and, like any uncited note, not written.
	 */
	CHECK(count(doc, "epub:type=\"footnote\"") == 10,
	    "notes: each of the 10 cited notes written once (%d)",
	    count(doc, "epub:type=\"footnote\""));
	CHECK(count(doc, "epub:type=\"noteref\"") == 12,
	    "notes: 12 note references (all but the dropped cell's) are links "
	    "(%d)",
	    count(doc, "epub:type=\"noteref\""));
	CHECK(before(doc, "alt=\"Worded alt\"/><sup><a epub:type=\"noteref\"",
	    "</p>"), "notes: a note in an inline image's alt text follows it");
	CHECK(before(doc, "a note and <img", "</a><sup><a epub:type=\"noteref\"")
	    && before(doc, "</a><sup><a epub:type=\"noteref\"", "</sup><sup><a "
	    "epub:type=\"noteref\""), "notes: notes in link text (and in an "
	    "image in it) follow the link");
	CHECK(before(doc, "<figcaption>Title<sup><a epub:type=\"noteref\"",
	    "</figcaption>") && before(doc, "<figcaption>Linked<sup><a "
	    "epub:type=\"noteref\"", "</figcaption>") &&
	    before(doc, "<figcaption>Missing<sup><a epub:type=\"noteref\"",
	    "</figcaption>"), "notes: figures (titled, linked, missing) cite "
	    "their alt text's notes in the caption");
	CHECK(strstr(doc, "celltext") == NULL &&
	    strstr(doc, "Only from a dropped cell") == NULL &&
	    count(doc, "class=\"note-back\" role=\"doc-backlink\" href=") ==
	    10,
	    "notes: a note cited only from a dropped cell is not written");
	CHECK_STR(head, "Heading", "notes: the contents get a heading's text "
	    "without its note");
	g_free(doc);
	g_free(head);

	/*
	 * A definition before the text that cites a note: cmark-gfm numbers
	 * that note first, and a reference must still reach its own note.
	 */
	doc = notes_xhtml("[^e]: Early, cites[^x].\n\nBody[^e] and "
	    "again[^x].\n\n[^x]: Late.\n", &head);
	note = doc != NULL ? cited_note(doc, "Body") : NULL;
	CHECK(note != NULL && strstr(note, "Early") != NULL,
	    "notes: a reference reaches its own note when a note defined "
	    "earlier cites another");
	g_free(note);
	note = doc != NULL ? cited_note(doc, "again") : NULL;
	CHECK(note != NULL && strstr(note, "Late") != NULL,
	    "notes: ... and the note it cites is the right one too");
	g_free(note);
out:
	g_free(doc);
	g_free(head);
	g_string_free(which, TRUE);
	g_string_free(md, TRUE);
}

/*
 * Subset the bundled fonts for a book of one document, body: the faces
 * it uses as new items (caller frees the array).
 */
static GPtrArray *
subset_for(const struct bp_epub_fonts *fs, const char *body)
{
	struct bp_diag		 d = { 0 };
	struct bp_book		 book;
	struct bp_epub_item	*doc = g_new0(struct bp_epub_item, 1);

	d.fn = quiet_diag;
	memset(&book, 0, sizeof book);
	book.diag = &d;
	book.docs = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	book.fonts = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	doc->data = (unsigned char *)g_strconcat("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "<head><title>Tittel \xe2\x82\xac</title></head><body>", body,
	    "</body></html>\n", NULL);
	doc->len = strlen((const char *)doc->data);
	g_ptr_array_add(book.docs, doc);
	bp_epub_fonts_subset(fs, &book, NULL, 0);
	g_ptr_array_free(book.docs, TRUE);
	return book.fonts;
}

/* The hrefs of fonts, space separated (caller frees). */
static char *
font_names(const GPtrArray *fonts)
{
	const struct bp_epub_item	*it;
	GString				*s = g_string_new(NULL);
	guint				 i;

	for (i = 0; i < fonts->len; i++) {
		it = g_ptr_array_index(fonts, i);
		g_string_append_printf(s, "%s%s", i > 0 ? " " : "",
		    it->href + strlen("fonts/"));
	}
	return g_string_free(s, FALSE);
}

/* Characters of utf8 that the font in it has no glyph for; 0: none. */
static int
missing_glyphs(const struct bp_epub_item *it, const char *utf8)
{
	hb_blob_t	*blob = hb_blob_create((const char *)it->data,
	    (unsigned)it->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t	*face = hb_face_create(blob, 0);
	hb_font_t	*font = hb_font_create(face);
	hb_codepoint_t	 g;
	const char	*p;
	int		 miss = 0;

	for (p = utf8; *p != '\0'; p = g_utf8_next_char(p))
		if (!hb_font_get_nominal_glyph(font, g_utf8_get_char(p), &g))
			miss++;
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return miss;
}

/*
 * Font subsets: only the faces the text is drawn in (as the CSS sets
 * them), each far smaller than its file and still holding a glyph for
 * every character of the book, for the extras CSS draws, and never for
 * the <head>'s title alone.
 */
static void
test_fonts(void)
{
	struct bp_diag			 d = { 0 };
	struct bp_style			*st = bp_style_new_default();
	struct bp_epub_fonts		*fs;
	const struct bp_epub_item	*it;
	GPtrArray			*fonts;
	char				*names;
	guint				 i;
	int				 miss = 0;
	size_t				 most = 0;

	d.fn = quiet_diag;
	fs = bp_epub_fonts_new(st, "fonts", &d);
	CHECK(fs != NULL, "fonts: the bundled fonts are read");
	if (fs == NULL)
		goto out;
	fonts = subset_for(fs, "<p>Blåbærsyltetøy – «sitat» 42 \xc3\x86</p>");
	names = font_names(fonts);
	CHECK_STR(names, "NotoSerif-Regular.ttf", "fonts: plain text needs "
	    "only the body's regular face");
	g_free(names);
	for (i = 0; i < fonts->len; i++) {
		it = g_ptr_array_index(fonts, i);
		miss += missing_glyphs(it, "Blåbærsyltetøy – «sitat» 42 Æ"
		    "\xe2\x80\xa2\xe2\x80\x94\xe2\x80\x9c~");
		most = MAX(most, it->len);
		CHECK(missing_glyphs(it, "\xe2\x82\xac") == 1, "fonts: the "
		    "<head>'s title is not drawn: no glyph for its euro sign");
	}
	CHECK(miss == 0, "fonts: every character of the text, ASCII, "
	    "bullets, dashes and quotes have a glyph (%d missing)", miss);
	CHECK(most > 0 && most < 80000, "fonts: the subset is small (%zu "
	    "bytes; the file is 589 kB)", most);
	g_ptr_array_free(fonts, TRUE);

	fonts = subset_for(fs, "<h2>Overskrift</h2><p>Tekst <em>kursiv "
	    "<strong>begge</strong></em> <code>kode <em>skr\xc3\xa5</em></code>"
	    "</p><table><tr><th>Hode</th></tr></table><p class=\"marking\">"
	    "BEGRENSET</p>");
	names = font_names(fonts);
	CHECK_STR(names, "NotoSerif-Regular.ttf NotoSerif-Bold.ttf "
	    "NotoSerif-Italic.ttf NotoSerif-BoldItalic.ttf NotoSans-Bold.ttf "
	    "NotoSansMono-Regular.ttf", "fonts: each face the CSS draws in "
	    "(mono italic, which has no file, falls back to mono regular)");
	g_free(names);
	for (i = 0, miss = 0; i < fonts->len; i++)
		miss += missing_glyphs(g_ptr_array_index(fonts, i),
		    "OverskriftTekstkursivbeggekodeskråHodeBEGRENSET");
	CHECK(miss == 0, "fonts: every face has every character of the "
	    "book (%d missing)", miss);
	g_ptr_array_free(fonts, TRUE);
	bp_epub_fonts_free(fs);
out:
	bp_style_free(st);
}

/* Contrast (WCAG 2.1 AA, 4.5:1) and the metadata that follows from it. */
static void
test_a11y(void)
{
	struct bp_style		*st = bp_style_new_default();
	struct bp_pack		*pack = bp_pack_new();
	struct bp_book		 book;
	GString			*out = g_string_new(NULL);

	CHECK(bp_epub_a11y_contrast(st, NULL), "a11y: the default style's "
	    "colours have AA contrast");
	st->color_accent.r = st->color_accent.g = st->color_accent.b = 0.6;
	CHECK(!bp_epub_a11y_contrast(st, NULL), "a11y: #999999 on white "
	    "(2.85:1) has not");
	st->color_accent.r = st->color_accent.g = st->color_accent.b = 0.46;
	CHECK(!bp_epub_a11y_contrast(st, NULL), "a11y: #757575 has on white "
	    "(4.6:1), not on the shade (4.1:1)");
	st->color_accent.r = st->color_accent.g = st->color_accent.b = 0.4;
	CHECK(bp_epub_a11y_contrast(st, NULL), "a11y: #666666 has on both "
	    "(5.7:1, 5.1:1)");

	memset(&book, 0, sizeof book);
	book.pack = pack;
	book.a11y.contrast_ok = true;
	bp_epub_a11y_metadata(out, &book);
	CHECK(strstr(out->str, ">EPUB Accessibility 1.1 - WCAG 2.1 Level AA<")
	    != NULL && strstr(out->str, "visual") == NULL &&
	    strstr(out->str, "alternativeText") == NULL &&
	    strstr(out->str, ">none<") != NULL, "a11y: text alone: textual, "
	    "no hazard, WCAG 2.1 AA");
	g_string_truncate(out, 0);
	book.a11y.images = 3;
	bp_epub_a11y_metadata(out, &book);
	CHECK(strstr(out->str, ">alternativeText<") != NULL &&
	    strstr(out->str, "accessModeSufficient\">textual<") != NULL &&
	    strstr(out->str, "WCAG 2.1 Level AA<") != NULL, "a11y: images "
	    "with alt text: alternativeText, text suffices");
	g_string_truncate(out, 0);
	book.a11y.images_no_alt = 1;
	bp_epub_a11y_metadata(out, &book);
	CHECK(strstr(out->str, "alternativeText") == NULL &&
	    strstr(out->str, "accessModeSufficient\">textual<") == NULL &&
	    strstr(out->str, "conformsTo") == NULL &&
	    strstr(out->str, "1 of 3 images have no text alternative") !=
	    NULL, "a11y: an image without alt text: no WCAG claim, and the "
	    "summary says why");
	g_string_truncate(out, 0);
	book.a11y.images_no_alt = 0;
	book.a11y.contrast_ok = false;
	bp_epub_a11y_metadata(out, &book);
	CHECK(strstr(out->str, "conformsTo") == NULL &&
	    strstr(out->str, "too little contrast") != NULL, "a11y: colours "
	    "short of AA: no WCAG claim, and the summary says why");
	g_string_free(out, TRUE);
	bp_pack_free(pack);
	bp_style_free(st);
}

int
main(void)
{
	char	*s, *kept = NULL, *why;

	/* XML escaping: markup characters, and characters XML forbids. */
	s = esc("<a href=\"x\">Aker & Sønner's</a>", -1);
	CHECK_STR(s, "&lt;a href=&quot;x&quot;&gt;Aker &amp; Sønner&apos;s&lt;/a&gt;",
	    "escape: markup characters");
	g_free(s);
	s = esc("a\001b\013c\014d\177e\tf\ng\xc2\x85h\xef\xbf\xbei\xef\xbf\xbfj", -1);
	CHECK_STR(s, "abcde\tf\nghij", "escape: control characters, U+FFFE and "
	    "U+FFFF dropped; tab and newline kept");
	g_free(s);
	s = esc("ok\xff\xfe end", -1);
	CHECK(g_utf8_validate(s, -1, NULL) && strstr(s, "end") != NULL,
	    "escape: invalid UTF-8 repaired, not passed on");
	g_free(s);
	s = esc("abcdef", 3);
	CHECK_STR(s, "abc", "escape: a length is honoured");
	g_free(s);

	/* Links: the allowlist and the encoding. */
	check_href("https://www.example.org/a?b=1&c=2#x", "https://www.example.org/a?b=1&c=2#x");
	check_href("HTTP://example.org/", "http://example.org/");
	check_href("mailto:post@example.org", "mailto:post@example.org");
	check_href("ftp://ftp.example.org/f.txt", "ftp://ftp.example.org/f.txt");
	check_href("https://example.org/a b", "https://example.org/a%20b");
	check_href("https://example.org/x#a#b", "https://example.org/x#a%23b");
	check_href("https://example.org/%zz%41", "https://example.org/%25zz%41");
	check_href("https://example.org/\"><script>", "https://example.org/%22%3E%3Cscript%3E");
	check_href("https://blåbær.no/æ", "https://xn--blbr-roah.no/%C3%A6");
	check_href("https://user@example.org:8080/p", "https://user@example.org:8080/p");
	check_href("https://[::1]/p", "https://[::1]/p");
	check_href("javascript:alert(1)", NULL);
	check_href("JavaScript:alert(1)", NULL);
	check_href(" javascript:alert(1)", NULL);
	check_href("java\tscript:alert(1)", NULL);
	check_href("vbscript:msgbox(1)", NULL);
	check_href("data:text/html;base64,PHNjcmlwdD4=", NULL);
	check_href("file:///etc/passwd", NULL);
	check_href("other.md", NULL);
	check_href("/etc/passwd", NULL);
	check_href("#heading", NULL);
	check_href("https:example.org", NULL);
	check_href("https://", NULL);
	check_href("https://exa_mple.org/", NULL);
	check_href("https://example.org:80x/", NULL);
	check_href("mailto:", NULL);
	check_href("", NULL);

	/* CSS strings and XML ids. */
	s = css("Noto \"Serif\"\\</style>\n");
	CHECK_STR(s, "\"Noto \\\"Serif\\\"\\\\\\3c /style\\3e \\a \"",
	    "CSS string: quotes, backslash, angle brackets and newline escaped");
	g_free(s);
	s = xml_id("-ærlig-2026_x.y²½ªµ中文 𝒜!\"<--²-end");
	CHECK_STR(s, "a1-ærlig-2026_x.y中文-end", "XML id: letters, digits, - _ . "
	    "kept, runs of - squashed; the rest dropped");
	g_free(s);

	/* SVG: what is refused. */
	check_svg_refused("script", "<svg xmlns=\"http://www.w3.org/2000/svg\">"
	    "<script>alert(1)</script></svg>", "<script>");
	check_svg_refused("prefixed script", "<svg:svg xmlns:svg=\"http://www.w3.org/"
	    "2000/svg\"><svg:script>x</svg:script></svg:svg>", "script");
	check_svg_refused("onload", "<svg onload=\"alert(1)\"/>", "event handler");
	check_svg_refused("ONCLICK in a child", "<svg><rect ONCLICK=\"x\"/></svg>",
	    "event handler");
	check_svg_refused("foreignObject", "<svg><foreignObject><p>x</p>"
	    "</foreignObject></svg>", "foreignObject");
	check_svg_refused("entity", "<!DOCTYPE svg [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><svg>&x;</svg>", "DOCTYPE");
	check_svg_refused("undeclared entity", "<svg>&x;</svg>", "well-formed");
	check_svg_refused("javascript link", "<svg><a xlink:href=\"javascript:"
	    "alert(1)\"><rect/></a></svg>", "refers to");
	check_svg_refused("external image", "<svg><image href=\"http://example.org/"
	    "x.png\"/></svg>", "refers to");
	check_svg_refused("other file", "<svg><use href=\"other.svg#a\"/></svg>",
	    "refers to");
	check_svg_refused("SVG in a data URI", "<svg><image href=\"data:image/"
	    "svg+xml;base64,PHN2Zz4=\"/></svg>", "refers to");
	check_svg_refused("animated href", "<svg><a><set attributeName=\"href\" "
	    "to=\"x\"/></a></svg>", "animates");
	check_svg_refused("javascript in any value", "<svg><a><animate values="
	    "\"java script:alert(1)\"/></a></svg>", "unsafe value");
	check_svg_refused("style @import", "<svg><style>@import url(x.css);"
	    "</style></svg>", "style sheet");
	check_svg_refused("style url", "<svg><style><![CDATA[rect { fill: "
	    "url('http://x/y#z') }]]></style></svg>", "style sheet");
	check_svg_refused("url() in an attribute", "<svg><rect fill=\"url("
	    "http://x/p.svg#g)\"/></svg>", "unsafe value");
	check_svg_refused("xml-stylesheet", "<?xml-stylesheet href=\"x.css\"?>"
	    "<svg/>", "processing instruction");
	check_svg_refused("not svg", "<html><body/></html>", "not an SVG");
	check_svg_refused("not well-formed", "<svg><rect></svg>", "well-formed");
	check_svg_refused("empty", "", "well-formed");

	/* SVG: what goes in, a harmless DOCTYPE left out. */
	why = svg("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC "
	    "\"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/"
	    "DTD/svg11.dtd\">\n<!-- c -->\n<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>"
	    "<linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" "
	    "style=\"fill: url( '#g' )\"/><use xlink:href=\"#g\"/><image "
	    "href=\"data:image/png;base64,iVBORw0KGgo=\"/><style>rect "
	    "{ opacity: 0.5 }</style></svg>", &kept);
	CHECK(why == NULL, "SVG accepted: fragments, raster data URIs, plain CSS "
	    "(%s)", why != NULL ? why : "ok");
	CHECK(kept != NULL && strstr(kept, "DOCTYPE") == NULL &&
	    strstr(kept, "<svg") != NULL && strncmp(kept, "<?xml", 5) == 0,
	    "SVG accepted: its DOCTYPE and byte order mark are left out");
	g_free(why);
	g_free(kept);

	test_notes();
	test_fonts();
	test_a11y();
	return HARNESS_EXIT();
}
