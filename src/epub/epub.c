/*
 * The EPUB writer: renders every article to XHTML, then the cover,
 * navigation, font subsets, CSS and package document, and zips them in a
 * fixed order.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"

struct bp_epub {
	const struct bp_style	*style;
	struct bp_diag		*diag;
	struct bp_epub_fonts	*fonts;    /* read once; NULL: none embedded */
	bool			 contrast_ok; /* the style's colours: WCAG AA */
	int			 toc;
	const struct bp_pages	*pages;    /* the next pack's printed pages */
};

static void head_free(gpointer p);
static void heads_free(gpointer p);
static char *content_uuid(const struct bp_book *book);
static void book_init(struct bp_book *book, struct bp_epub *ep,
    const struct bp_pack *pack);
static void book_clear(struct bp_book *book);
static void add_entry(GArray *entries, const char *name, const void *data,
    size_t len, bool store);
static void add_items(GArray *entries, GPtrArray *names,
    const GPtrArray *items);

void
bp_epub_item_free(struct bp_epub_item *it)
{
	if (it == NULL)
		return;
	g_free(it->href);
	g_free(it->id);
	g_free(it->data);
	g_free(it);
}

struct bp_epub *
bp_epub_new(const struct bp_epub_opts *opts, const struct bp_style *style,
    struct bp_diag *diag)
{
	struct bp_epub	*ep = NULL;
	char		*dir = NULL;

	ep = g_new0(struct bp_epub, 1);
	ep->style = style;
	ep->diag = diag;
	ep->toc = opts->toc;
	/* Said once per writer: the style's colours that fall short. */
	ep->contrast_ok = bp_epub_a11y_contrast(style, diag);
	/*
	 * The bundled fonts are read and parsed once, for every EPUB this
	 * writer makes; each EPUB gets its own subsets of them.
	 */
	if (style->epub_embed_fonts) {
		dir = g_build_filename(opts->datadir, "fonts", NULL);
		if ((ep->fonts = bp_epub_fonts_new(style, dir, diag)) == NULL) {
			bp_epub_free(ep);
			ep = NULL;
		}
	}
	g_free(dir);
	return ep;
}

void
bp_epub_set_pages(struct bp_epub *ep, const struct bp_pages *pages)
{
	ep->pages = pages;
}

void
bp_epub_free(struct bp_epub *ep)
{
	if (ep == NULL)
		return;
	bp_epub_fonts_free(ep->fonts);
	g_free(ep);
}

static void
head_free(gpointer p)
{
	struct bp_epub_head	*h = p;

	g_free(h->id);
	g_free(h->text);
	g_free(h);
}

static void
heads_free(gpointer p)
{
	GPtrArray	*heads = p;

	g_ptr_array_set_free_func(heads, head_free);
	g_ptr_array_free(heads, TRUE);
}

/*
 * A name-based UUID (the version 5 layout) from the SHA-1 of what the
 * pack says: its title, language and date, every article's XHTML and every
 * image. The same pack gets the same identifier on every run.
 */
static char *
content_uuid(const struct bp_book *book)
{
	const struct bp_meta		*m = &book->pack->meta;
	const struct bp_epub_item	*it;
	GChecksum			*sum = g_checksum_new(G_CHECKSUM_SHA1);
	guint8				 d[20];
	gsize				 dlen = sizeof d;
	char				 date[16];
	guint				 i;

	g_checksum_update(sum, (const guchar *)"briefpack-epub\0", 15);
	if (m->title != NULL)
		g_checksum_update(sum, (const guchar *)m->title, -1);
	g_checksum_update(sum, (const guchar *)"\0", 1);
	if (m->lang != NULL)
		g_checksum_update(sum, (const guchar *)m->lang, -1);
	g_snprintf(date, sizeof date, "\n%04d-%02d-%02d", m->date.y, m->date.m,
	    m->date.d);
	g_checksum_update(sum, (const guchar *)date, -1);
	for (i = 0; i < book->docs->len; i++) {
		it = g_ptr_array_index(book->docs, i);
		g_checksum_update(sum, it->data, (gssize)it->len);
	}
	for (i = 0; i < book->imgs->len; i++) {
		it = g_ptr_array_index(book->imgs, i);
		g_checksum_update(sum, it->data, (gssize)it->len);
	}
	g_checksum_get_digest(sum, d, &dlen);
	g_checksum_free(sum);
	d[6] = (guint8)((d[6] & 0x0f) | 0x50);   /* version 5 */
	d[8] = (guint8)((d[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	return g_strdup_printf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", d[0], d[1], d[2], d[3], d[4], d[5],
	    d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static void
book_init(struct bp_book *book, struct bp_epub *ep, const struct bp_pack *pack)
{
	const struct bp_style	*st = ep->style;

	memset(book, 0, sizeof *book);
	book->pack = pack;
	book->style = st;
	book->diag = ep->diag;
	book->a11y.contrast_ok = ep->contrast_ok;
	/* The contents are read in order when the PDF would print them. */
	book->toc = bp_pack_has_contents(pack, st, ep->toc);
	book->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	book->id_next = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	book->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)bp_epub_image_free);
	book->by_sum = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	book->docs = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	book->imgs = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	book->heads = g_ptr_array_new_with_free_func(heads_free);
	book->fonts = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_epub_item_free);
	/* The printed pages, when they are of this pack. */
	if (ep->pages != NULL && ep->pages->starts->len > 0) {
		book->pages = ep->pages;
		book->page_hrefs = g_new0(char *, ep->pages->starts->len + 1);
	}
}

static void
book_clear(struct bp_book *book)
{
	guint	 i;

	g_hash_table_destroy(book->ids);
	g_hash_table_destroy(book->id_next);
	g_hash_table_destroy(book->images);
	g_hash_table_destroy(book->by_sum);
	g_ptr_array_free(book->docs, TRUE);
	g_ptr_array_free(book->imgs, TRUE);
	g_ptr_array_free(book->heads, TRUE);
	g_ptr_array_free(book->fonts, TRUE);
	for (i = 0; book->page_hrefs != NULL &&
	    i < book->pages->starts->len; i++)
		g_free(book->page_hrefs[i]);
	g_free(book->page_hrefs);
}

static void
add_entry(GArray *entries, const char *name, const void *data, size_t len,
    bool store)
{
	struct bp_zip_entry	 e = { 0 };

	e.name = name;
	e.data = data;
	e.len = len;
	e.store = store;
	g_array_append_val(entries, e);
}

/* Items under EPUB/; their container paths are kept in names. */
static void
add_items(GArray *entries, GPtrArray *names, const GPtrArray *items)
{
	const struct bp_epub_item	*it;
	char				*name;
	guint				 i;

	for (i = 0; i < items->len; i++) {
		it = g_ptr_array_index(items, i);
		name = g_strconcat("EPUB/", it->href, NULL);
		g_ptr_array_add(names, name);
		add_entry(entries, name, it->data, it->len, it->store);
	}
}

bool
bp_epub_write(struct bp_epub *ep, const struct bp_pack *pack, const char *path,
    struct bp_write_result *res)
{
	static const char mimetype[] = "application/epub+zip";
	struct bp_write_result		 ignored;
	struct bp_book			 book;
	GArray				*entries = NULL;
	GPtrArray			*names = NULL;
	char				*container = NULL, *cover = NULL;
	char				*nav = NULL, *css = NULL, *opf = NULL;
	char				*uuid = NULL;
	const struct bp_article		*art;
	const char			*extra[2];
	guint				 i;
	bool				 have;
	gint64				 now = bp_util_build_time();
	bool				 ok = false;

	if (res == NULL)
		res = &ignored;
	memset(res, 0, sizeof *res);
	book_init(&book, ep, pack);
	/* The pages given were this pack's; the next needs its own. */
	ep->pages = NULL;
	entries = g_array_new(FALSE, TRUE, sizeof(struct bp_zip_entry));
	names = g_ptr_array_new_with_free_func(g_free);

	/*
	 * Articles first: they find the images and headings the rest lists.
	 * Each body is held while its XHTML is written, then let go; the
	 * images are known by their content, whichever structs hold them.
	 */
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		book.article = (int)i;
		have = bp_article_body_acquire(art, ep->diag);
		bp_epub_xhtml_article(&book, art, have);
		if (have)
			bp_article_body_release(art);
	}
	container = bp_epub_package_container();
	cover = bp_epub_package_cover(&book);
	nav = bp_epub_package_nav(&book);
	book.a11y.page_list = book.pages != NULL;
	/* The fonts hold what every document draws, and only that. */
	extra[0] = nav;
	extra[1] = cover;
	bp_epub_fonts_subset(ep->fonts, &book, extra, G_N_ELEMENTS(extra));
	css = bp_epub_package_css(&book);
	uuid = content_uuid(&book);
	opf = bp_epub_package_opf(&book, uuid, now);

	/* The container's order: mimetype first, stored; the rest fixed. */
	add_entry(entries, "mimetype", mimetype, sizeof mimetype - 1, /*store*/true);
	add_entry(entries, "META-INF/container.xml", container,
	    strlen(container), /*store*/false);
	add_entry(entries, "EPUB/package.opf", opf, strlen(opf), /*store*/false);
	add_entry(entries, "EPUB/nav.xhtml", nav, strlen(nav), /*store*/false);
	add_entry(entries, "EPUB/cover.xhtml", cover, strlen(cover), /*store*/false);
	add_items(entries, names, book.docs);
	add_entry(entries, "EPUB/style.css", css, strlen(css), /*store*/false);
	add_items(entries, names, book.imgs);
	add_items(entries, names, book.fonts);

	if (!bp_epub_zip_write((const struct bp_zip_entry *)(void *)entries->data,
	    entries->len, now, path, ep->diag))
		goto out;
	res->placeholders = book.placeholders;
	res->failed_articles = book.failed;
	ok = true;
out:
	book_clear(&book);
	g_array_free(entries, TRUE);
	g_ptr_array_free(names, TRUE);
	g_free(container);
	g_free(cover);
	g_free(nav);
	g_free(css);
	g_free(opf);
	g_free(uuid);
	return ok;
}
