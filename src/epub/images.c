/*
 * Images in the bundle: each checked once (raster decoding, SVG safety)
 * and added to book->imgs once per content; refused ones become placeholders.
 * SPDX-License-Identifier: MIT
 */
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "epub/epub.h"

/* What the size check of a raster image found. */
struct img_check {
	bool	 too_big;
};

static void on_size_prepared(GdkPixbufLoader *loader, int w, int h,
    gpointer data);
static char *raster_check(const struct bp_image *img, unsigned char **out,
    size_t *out_len, enum bp_image_kind *kind);
static struct bp_epub_image *check_image(struct bp_book *book,
    const struct bp_image *img);
static char *content_key(const struct bp_image *img);
static const struct bp_epub_image *find_image(struct bp_xw *w,
    const struct bp_image *img);

void
bp_epub_image_free(struct bp_epub_image *ei)
{
	if (ei == NULL)
		return;
	g_free(ei->why);
	g_free(ei);
}

static void
on_size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
	struct img_check	*ic = data;

	if (w <= 0 || h <= 0 ||
	    bp_image_is_too_large((guint64)w, (guint64)h)) {
		ic->too_big = true;
		gdk_pixbuf_loader_set_size(loader, 1, 1);
	}
}

/*
 * Decode a raster image, as the PDF does, to find what readers could not
 * show. Returns why it cannot go in (caller frees), or NULL with the bytes
 * that go in: the file itself, or for WebP (not a core EPUB 3.2 image
 * type) the picture as PNG, and *kind set to match.
 */
static char *
raster_check(const struct bp_image *img, unsigned char **out, size_t *out_len,
    enum bp_image_kind *kind)
{
	GdkPixbufLoader		*loader = gdk_pixbuf_loader_new();
	GdkPixbuf		*pb;
	GError			*err = NULL;
	struct img_check	 ic = { false };
	gchar			*png = NULL;
	gsize			 png_len = 0;
	char			*why = NULL;
	bool			 fed;

	*kind = img->kind;
	g_signal_connect(loader, "size-prepared", G_CALLBACK(on_size_prepared),
	    &ic);
	fed = gdk_pixbuf_loader_write(loader, img->data, img->len, &err);
	if (!gdk_pixbuf_loader_close(loader, fed ? &err : NULL) || !fed ||
	    (pb = gdk_pixbuf_loader_get_pixbuf(loader)) == NULL)
		why = g_strdup_printf("cannot be decoded: %s", err != NULL ?
		    err->message : "unknown error");
	else if (ic.too_big)
		why = g_strdup_printf("has more than %u pixels",
		    BP_MAX_IMAGE_PIXELS);
	else if (img->kind != BP_IMAGE_WEBP) {
		*out = g_memdup2(img->data, img->len);
		*out_len = img->len;
	} else if (gdk_pixbuf_save_to_buffer(pb, &png, &png_len, "png", &err,
	    NULL)) {
		*out = (unsigned char *)png;
		*out_len = png_len;
		*kind = BP_IMAGE_PNG;
	} else
		why = g_strdup_printf("cannot be converted to PNG: %s",
		    err != NULL ? err->message : "unknown error");
	if (err != NULL)
		g_error_free(err);
	g_object_unref(loader);
	return why;
}

/*
 * A new entry for img (caller frees): a file under img/ (one per distinct
 * content, numbered in order of first use) or a refusal.
 */
static struct bp_epub_image *
check_image(struct bp_book *book, const struct bp_image *img)
{
	static const char *const ext[BP_IMAGE_KIND__MAX] = {
		NULL, "png", "jpg", "gif", "svg", "webp",
	};
	static const char *const type[BP_IMAGE_KIND__MAX] = {
		NULL, "image/png", "image/jpeg", "image/gif", "image/svg+xml",
		"image/webp",
	};
	struct bp_epub_image	*ei = g_new0(struct bp_epub_image, 1);
	struct bp_epub_item	*item;
	unsigned char		*data = NULL;
	size_t			 len = 0;
	char			*sum = NULL;
	const char		*href;
	enum bp_image_kind	 kind = img->kind;

	if (img->data == NULL || img->kind <= BP_IMAGE_UNKNOWN ||
	    img->kind >= BP_IMAGE_KIND__MAX)
		goto out;
	if (img->kind == BP_IMAGE_SVG)
		data = bp_epub_svg_check(img->data, img->len, &len, &ei->why);
	else
		ei->why = raster_check(img, &data, &len, &kind);
	if (data == NULL)
		goto out;

	/* Files that come out the same (an SVG less its DOCTYPE) go in once. */
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, data, len);
	if ((href = g_hash_table_lookup(book->by_sum, sum)) != NULL) {
		ei->href = href;
		goto out;
	}
	item = g_new0(struct bp_epub_item, 1);
	item->id = g_strdup_printf("img%u", book->imgs->len + 1);
	item->href = g_strdup_printf("img/%u.%s", book->imgs->len + 1,
	    ext[kind]);
	item->media_type = type[kind];
	item->data = data;
	item->len = len;
	/* Compressed formats gain nothing from deflate. */
	item->store = kind != BP_IMAGE_SVG;
	data = NULL;
	g_ptr_array_add(book->imgs, item);
	g_hash_table_insert(book->by_sum, sum, item->href);
	sum = NULL;
	ei->href = item->href;
out:
	g_free(sum);
	g_free(data);
	return ei;
}

/*
 * The key of img's entry in book->images: what the image holds, not
 * where the model keeps it, so a body parsed again (with new structs)
 * finds the same entry. An image with data is its kind and the SHA-1 of
 * its bytes; one the loader refused (no data) is the loader's key. Caller
 * frees.
 */
static char *
content_key(const struct bp_image *img)
{
	char	*sum = NULL, *key;

	if (img->data == NULL)
		key = g_strconcat("key:", img->key != NULL ? img->key : "",
		    NULL);
	else {
		sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, img->data,
		    img->len);
		key = g_strdup_printf("sha1:%d:%s", (int)img->kind, sum);
	}
	g_free(sum);
	return key;
}

/*
 * What the bundle holds for img (NULL when img is), owned by
 * book->images: found by content, else checked and added once.
 */
static const struct bp_epub_image *
find_image(struct bp_xw *w, const struct bp_image *img)
{
	struct bp_epub_image	*ei = NULL;
	char			*key = NULL;

	if (img == NULL)
		goto out;
	/* The article's structs stay put while it is written: hash once. */
	if ((ei = g_hash_table_lookup(w->images, img)) != NULL)
		goto out;
	key = content_key(img);
	if ((ei = g_hash_table_lookup(w->book->images, key)) == NULL) {
		ei = check_image(w->book, img);
		g_hash_table_insert(w->book->images, key, ei);
		key = NULL;
	}
	g_hash_table_insert(w->images, (gpointer)img, ei);
out:
	g_free(key);
	return ei;
}

/* The image's path in the bundle, or NULL (a placeholder is due). */
const char *
bp_epub_image_href(struct bp_xw *w, const struct bp_node *img)
{
	const struct bp_epub_image	*ei = find_image(w, img->u.link.image);

	if (ei != NULL && ei->href != NULL)
		return ei->href;
	/* Problems found at load were reported then; ours are reported here. */
	if (ei != NULL && ei->why != NULL)
		bp_diag_at(w->book->diag, w->art->path, BP_WARNING, img->line,
		    img->col, "image \"%s\" %s", img->u.link.url, ei->why);
	w->book->placeholders++;
	return NULL;
}
