/*
 * The EPUB's own documents: container, package document (metadata,
 * manifest, spine), navigation, cover page.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"

static void put_text(GString *out, const char *s);
static void put_marking(GString *out, const char *mark,
    const char *exempt);
static void nav_article(GString *out, const struct bp_article *art,
    GPtrArray *heads);
static void nav_toc(GString *out, const struct bp_book *book,
    const char *contents);
static void nav_landmarks(GString *out, const struct bp_book *book,
    const char *contents);
static void add_unique(GPtrArray *arr, char **list);
static void opf_item(GString *out, const char *id, const char *href,
    const char *type, const char *properties);
static void opf_metadata(GString *out, const struct bp_book *book,
    const char *uuid, gint64 now);
static void opf_manifest(GString *out, const struct bp_book *book);
static void opf_spine(GString *out, const struct bp_book *book);

static void
put_text(GString *out, const char *s)
{
	bp_epub_escape(out, s, -1);
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

/* The marking, and under it in small type the exemption line (NULL). */
static void
put_marking(GString *out, const char *mark, const char *exempt)
{
	bool	 have = mark != NULL && *mark != '\0';

	if (!have && exempt == NULL)
		return;
	g_string_append(out, "<p class=\"marking\">");
	if (have)
		put_text(out, mark);
	if (exempt != NULL) {
		g_string_append(out, have ? "<br/><small>" : "<small>");
		put_text(out, exempt);
		g_string_append(out, "</small>");
	}
	g_string_append(out, "</p>\n");
}

char *
bp_epub_package_cover(struct bp_book *book)
{
	const struct bp_meta	*m = &book->pack->meta;
	const char		*lang = m->lang != NULL ? m->lang : "en";
	GString			*out = g_string_sized_new(2048);
	char			*date = bp_l10n_date(lang, &m->date);
	char			*exempt = bp_pack_get_page_exempt(book->pack,
	    NULL);
	char			*count;
	int			 n = (int)book->pack->articles->len;

	count = bp_l10n_format(lang, n == 1 ? BP_W_ARTICLES_ONE :
	    BP_W_ARTICLES_MANY, n, 0);
	bp_epub_xhtml_head(out, lang, bp_epub_title(m->title, NULL, "Briefing"));
	g_string_append(out, "<body class=\"cover-page\">\n");
	/* The printed cover (and its blank back) begin here. */
	bp_epub_marks_put_doc(book, out, BP_PAGE_DOC_COVER, "cover.xhtml");
	g_string_append(out, "<section epub:type=\"cover\" class=\"cover\">\n");
	put_marking(out, m->classification, exempt);
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
	put_marking(out, m->classification, exempt);
	g_string_append(out, "</section>\n</body>\n</html>\n");
	g_free(exempt);
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

/* The contents: every article, with its headings nested. */
static void
nav_toc(GString *out, const struct bp_book *book, const char *contents)
{
	const struct bp_pack	*pack = book->pack;
	guint			 i;

	g_string_append(out, "<nav epub:type=\"toc\" role=\"doc-toc\" "
	    "id=\"toc\">\n<h1>");
	put_text(out, contents);
	g_string_append(out, "</h1>\n<ol>\n");
	for (i = 0; i < pack->articles->len; i++)
		nav_article(out, g_ptr_array_index(pack->articles, i),
		    i < book->heads->len ? g_ptr_array_index(book->heads, i) :
		    NULL);
	g_string_append(out, "</ol>\n</nav>\n");
}

/* Landmarks for reading systems (hidden): cover, contents, first article. */
static void
nav_landmarks(GString *out, const struct bp_book *book, const char *contents)
{
	const struct bp_pack	*pack = book->pack;
	const struct bp_article	*art;

	g_string_append(out, "<nav epub:type=\"landmarks\" id=\"landmarks\" "
	    "hidden=\"hidden\">\n<ol>\n<li><a epub:type=\"cover\" "
	    "href=\"cover.xhtml\">");
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
	g_string_append(out, "</ol>\n</nav>\n");
}

/*
 * The navigation document. A page-list of the printed pack goes after
 * the landmarks (<nav epub:type="page-list" role="doc-pagelist">);
 * book->a11y.page_list then tells the metadata (printPageNumbers). The
 * articles and the cover are written first: the page-list links to
 * their markers.
 */
char *
bp_epub_package_nav(struct bp_book *book)
{
	const struct bp_pack	*pack = book->pack;
	const char		*lang = pack->meta.lang != NULL ?
	    pack->meta.lang : "en";
	const char		*contents = bp_l10n_word(lang, BP_W_CONTENTS);
	GString			*out = g_string_sized_new(8192);

	bp_epub_xhtml_head(out, lang, contents);
	g_string_append(out, "<body class=\"nav-page\">\n");
	/* The printed contents pages begin here, outside the navs. */
	bp_epub_marks_put_doc(book, out, BP_PAGE_DOC_CONTENTS, "nav.xhtml");
	nav_toc(out, book, contents);
	nav_landmarks(out, book, contents);
	bp_epub_marks_page_list(book, out);
	g_string_append(out, "</body>\n</html>\n");
	return g_string_free(out, FALSE);
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

/* The package's start tag and its metadata. */
static void
opf_metadata(GString *out, const struct bp_book *book, const char *uuid,
    gint64 now)
{
	const struct bp_pack		*pack = book->pack;
	const struct bp_meta		*m = &pack->meta;
	const struct bp_article		*art;
	const char			*lang = m->lang != NULL ? m->lang : "en";
	GPtrArray			*creators = g_ptr_array_new();
	GPtrArray			*subjects = g_ptr_array_new();
	GPtrArray			*lists[2];
	GDateTime			*dt = NULL;
	char				*stamp = NULL;
	char				*rights = bp_pack_get_rights(pack);
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
	/* The marking and the exemption from public access. */
	if (rights != NULL) {
		g_string_append(out, "<dc:rights>");
		put_text(out, rights);
		g_string_append(out, "</dc:rights>\n");
	}
	desc = m->subtitle != NULL && *m->subtitle != '\0' ? m->subtitle :
	    m->abstract != NULL && *m->abstract != '\0' ? m->abstract : NULL;
	if (desc != NULL) {
		g_string_append(out, "<dc:description>");
		put_text(out, desc);
		g_string_append(out, "</dc:description>\n");
	}
	/*
	 * The page-list's source: the printed edition (EPUB 3.2's form,
	 * which EPUBCheck 4 and 5 and Ace all read; EPUBCheck 4 does not
	 * know the newer pageBreakSource).
	 */
	if (book->a11y.page_list && book->pages->edition != NULL) {
		g_string_append(out, "<dc:source id=\"print-source\">");
		put_text(out, book->pages->edition);
		g_string_append(out, "</dc:source>\n<meta refines="
		    "\"#print-source\" property=\"source-of\">pagination"
		    "</meta>\n");
	}
	bp_epub_a11y_metadata(out, book);
	g_string_append(out, "</metadata>\n");
	g_date_time_unref(dt);
	g_free(stamp);
	g_free(rights);
	g_ptr_array_free(creators, TRUE);
	g_ptr_array_free(subjects, TRUE);
}

/* Every file, in the order they are zipped. */
static void
opf_manifest(GString *out, const struct bp_book *book)
{
	const struct bp_epub_item	*it;
	guint				 i;

	g_string_append(out, "<manifest>\n");
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
	g_string_append(out, "</manifest>\n");
}

/* Cover, contents (read in order only when the pack has one), articles. */
static void
opf_spine(GString *out, const struct bp_book *book)
{
	const struct bp_epub_item	*it;
	guint				 i;

	g_string_append_printf(out, "<spine>\n"
	    "<itemref idref=\"cover\"/>\n<itemref idref=\"nav\"%s/>\n",
	    book->toc ? "" : " linear=\"no\"");
	for (i = 0; i < book->docs->len; i++) {
		it = g_ptr_array_index(book->docs, i);
		g_string_append(out, "<itemref idref=\"");
		put_text(out, it->id);
		g_string_append(out, "\"/>\n");
	}
	g_string_append(out, "</spine>\n");
}

char *
bp_epub_package_opf(const struct bp_book *book, const char *uuid, gint64 now)
{
	GString		*out = g_string_sized_new(8192);

	opf_metadata(out, book, uuid, now);
	opf_manifest(out, book);
	opf_spine(out, book);
	g_string_append(out, "</package>\n");
	return g_string_free(out, FALSE);
}
