/*
 * An article's images, read once at load and checked there (the header
 * and pixel limit, then a full decode), so that both writers agree and a
 * bad image is reported once.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "parse/convert.h"
#include "parse/parse.h"
#include "model/rsvg.h"

static enum bp_image_kind sniff_image(const unsigned char *d, size_t n);
static guint32 be32(const unsigned char *p);
static const char *png_defect(const unsigned char *d, size_t n, guint64 *w,
    guint64 *h);
static const char *jpeg_defect(const unsigned char *d, size_t n, guint64 *w,
    guint64 *h);
static const char *gif_defect(const unsigned char *d, size_t n, guint64 *w,
    guint64 *h);
static const char *webp_defect(const unsigned char *d, size_t n, guint64 *w,
    guint64 *h);
static char *image_defect(const unsigned char *d, size_t n,
    enum bp_image_kind kind);
static char *svg_defect(const unsigned char *d, size_t n);
static char *raster_defect(const unsigned char *d, size_t n);
static char *error_text(const GError *err);

static enum bp_image_kind
sniff_image(const unsigned char *d, size_t n)
{
	size_t	 i;

	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return BP_IMAGE_PNG;
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return BP_IMAGE_JPEG;
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return BP_IMAGE_GIF;
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return BP_IMAGE_WEBP;
	/* SVG: XML text whose first element is <svg (after prolog/comments). */
	for (i = 0; i < n && i < 4096; i++)
		if (d[i] == '<' && i + 4 < n && memcmp(d + i, "<svg", 4) == 0)
			return BP_IMAGE_SVG;
	return BP_IMAGE_UNKNOWN;
}

static guint32
be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 |
	    p[3];
}

/* Walk the chunks: IHDR first, IEND reached before the data runs out. */
static const char *
png_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	size_t	 p = 8, len;

	while (n - p >= 12) {
		len = be32(d + p);
		if (len > n - p - 12)
			return "the file is truncated";
		if (p == 8) {
			if (memcmp(d + p + 4, "IHDR", 4) != 0 || len < 8)
				return "it has no PNG header";
			*w = be32(d + p + 8);
			*h = be32(d + p + 12);
		}
		if (memcmp(d + p + 4, "IEND", 4) == 0)
			return NULL;
		p += 12 + len;
	}
	return "the file is truncated";
}

/*
 * Walk the markers: segment lengths, entropy-coded data after each SOS,
 * until EOI. The frame size comes from the SOFn segment.
 */
static const char *
jpeg_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	size_t		 p = 2, len;
	unsigned char	 m;

	for (;;) {
		/* Bytes between segments are skipped, as libjpeg does. */
		while (p < n && d[p] != 0xff)
			p++;
		while (p < n && d[p] == 0xff)
			p++;
		if (p >= n)
			return "the file is truncated";
		m = d[p++];
		if (m == 0xd9)
			return NULL;
		if (m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7))
			continue;
		if (n - p < 2)
			return "the file is truncated";
		len = (size_t)d[p] << 8 | d[p + 1];
		if (len < 2)
			return "it has a broken JPEG segment";
		if (len > n - p)
			return "the file is truncated";
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc && len >= 7) {
			*h = (guint64)d[p + 3] << 8 | d[p + 4];
			*w = (guint64)d[p + 5] << 8 | d[p + 6];
		}
		p += len;
		if (m != 0xda)
			continue;
		/* Scan data ends at a marker other than a stuffed 0 or RSTn. */
		while (n - p >= 2 && !(d[p] == 0xff && d[p + 1] != 0 &&
		    (d[p + 1] < 0xd0 || d[p + 1] > 0xd7)))
			p++;
		if (n - p < 2)
			return "the file is truncated";
	}
}

/* The RIFF size must fit the file; the canvas from VP8X, VP8 or VP8L. */
static const char *
webp_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	guint32	 riff = (guint32)d[4] | (guint32)d[5] << 8 |
	    (guint32)d[6] << 16 | (guint32)d[7] << 24;

	if ((guint64)riff + 8 > n)
		return "the file is truncated";
	if (n >= 30 && memcmp(d + 12, "VP8X", 4) == 0) {
		*w = 1 + ((guint64)d[24] | (guint64)d[25] << 8 |
		    (guint64)d[26] << 16);
		*h = 1 + ((guint64)d[27] | (guint64)d[28] << 8 |
		    (guint64)d[29] << 16);
	} else if (n >= 30 && memcmp(d + 12, "VP8 ", 4) == 0) {
		*w = ((guint64)d[26] | (guint64)d[27] << 8) & 0x3fff;
		*h = ((guint64)d[28] | (guint64)d[29] << 8) & 0x3fff;
	} else if (n >= 25 && memcmp(d + 12, "VP8L", 4) == 0) {
		*w = 1 + ((guint64)d[21] | ((guint64)d[22] & 0x3f) << 8);
		*h = 1 + ((guint64)d[22] >> 6 | (guint64)d[23] << 2 |
		    ((guint64)d[24] & 0x0f) << 10);
	}
	return NULL;
}

/*
 * A GIF's blocks, walked without decoding: every frame must have a size
 * (gdk-pixbuf's loader fails an assertion on a frame of height 0, and
 * takes its frames' sizes as they come), lie inside the logical screen's
 * pixel limit, and the file must reach its trailer.
 */
static const char *
gif_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	size_t	 p = 13;
	guint64	 fw, fh;

	if (n < 13)
		return "the file is truncated";
	*w = (guint64)d[6] | (guint64)d[7] << 8;
	*h = (guint64)d[8] | (guint64)d[9] << 8;
	if (*w == 0 || *h == 0)
		return "its screen has no size";
	if (d[10] & 0x80)
		p += (size_t)3 << ((d[10] & 7) + 1);
	while (p < n && d[p] != 0x3b) {
		if (d[p] == 0x21)
			p += 2;              /* extension: label, then data */
		else if (d[p] == 0x2c) {
			if (p + 10 > n)
				return "the file is truncated";
			fw = (guint64)d[p + 5] | (guint64)d[p + 6] << 8;
			fh = (guint64)d[p + 7] | (guint64)d[p + 8] << 8;
			if (fw == 0 || fh == 0)
				return "a frame has no size";
			*w = MAX(*w, fw);
			*h = MAX(*h, fh);
			if (d[p + 9] & 0x80)
				p += (size_t)3 << ((d[p + 9] & 7) + 1);
			p += 11;             /* descriptor, LZW code size */
		} else
			return "a block of an unknown kind";
		/* Data sub-blocks, each led by its length, ended by 0. */
		while (p < n && d[p] != 0)
			p += (size_t)d[p] + 1;
		p++;
	}
	return p < n ? NULL : "the file is truncated";
}

/*
 * Check a raster image before any writer decodes it: a truncated file
 * would be drawn half blank (gdk-pixbuf accepts it, JPEG goes into the PDF
 * as it is), and the pixel limit must hold before pixels are allocated.
 * Returns why the image cannot be used (caller frees), or NULL.
 */
static char *
image_defect(const unsigned char *d, size_t n, enum bp_image_kind kind)
{
	const char	*why = NULL;
	guint64		 w = 1, h = 1;

	switch (kind) {
	case BP_IMAGE_PNG:
		why = png_defect(d, n, &w, &h);
		break;
	case BP_IMAGE_JPEG:
		why = jpeg_defect(d, n, &w, &h);
		break;
	case BP_IMAGE_GIF:
		why = gif_defect(d, n, &w, &h);
		break;
	case BP_IMAGE_WEBP:
		why = webp_defect(d, n, &w, &h);
		break;
	default:
		break;
	}
	if (why != NULL)
		return g_strdup(why);
	if (bp_image_is_too_large(w, h))
		return g_strdup_printf("it has %" G_GUINT64_FORMAT " x %"
		    G_GUINT64_FORMAT " pixels, more than the limit of %u",
		    w, h, BP_MAX_IMAGE_PIXELS);
	return NULL;
}

/* A library's message on one line, without its trailing newline. */
static char *
error_text(const GError *err)
{
	char	*s = g_strdup(err != NULL ? err->message : "unknown error");

	g_strdelimit(g_strchomp(s), "\r\n", ' ');
	return s;
}

/* Parsed by librsvg, with a size to scale from, as the PDF needs it. */
static char *
svg_defect(const unsigned char *d, size_t n)
{
	RsvgHandle	*h = NULL;
	GError		*err = NULL;
	char		*why = NULL, *msg = NULL;
	double		 w, hh;
	const char	*nolib;

	if (!bp_rsvg_load(&nolib))
		return g_strdup_printf("can't be read: %s", nolib);
	/* No base file: the SVG cannot reach other files or the network. */
	if ((h = rsvg_handle_new_from_data(d, n, &err)) == NULL) {
		msg = error_text(err);
		why = g_strdup_printf("is not a valid SVG: %s", msg);
		goto out;
	}
	if (!bp_image_get_svg_size(h, &w, &hh))
		why = g_strdup("has no usable size (width, height or viewBox)");
out:
	if (h != NULL)
		g_object_unref(h);
	if (err != NULL)
		g_error_free(err);
	g_free(msg);
	return why;
}

/* Decoded in full (the pixel limit was checked from the header). */
static char *
raster_defect(const unsigned char *d, size_t n)
{
	GdkPixbufLoader	*loader = gdk_pixbuf_loader_new();
	GError		*err = NULL;
	char		*why = NULL, *msg = NULL;
	bool		 fed;

	fed = gdk_pixbuf_loader_write(loader, d, n, &err);
	if (!gdk_pixbuf_loader_close(loader, fed ? &err : NULL) || !fed) {
		msg = error_text(err);
		why = g_strdup_printf("cannot be decoded: %s", msg);
	} else if (gdk_pixbuf_loader_get_pixbuf(loader) == NULL)
		why = g_strdup("cannot be decoded");
	if (err != NULL)
		g_error_free(err);
	g_object_unref(loader);
	g_free(msg);
	return why;
}

char *
bp_parse_image_defect(const unsigned char *d, size_t n,
    enum bp_image_kind kind)
{
	return kind == BP_IMAGE_SVG ? svg_defect(d, n) : raster_defect(d, n);
}

/*
 * Read an image once per article. Problems are warnings: the writers draw
 * a placeholder, and the run's exit status becomes 1.
 */
struct bp_image *
bp_parse_image_load(struct bp_article *art, GHashTable *images,
    const struct bp_load_opts *opts, const char *url, int line, int col,
    struct bp_diag *diag)
{
	struct bp_image	*img = NULL;
	char		*path = NULL, *scheme = NULL, *decoded = NULL;
	char		*data = NULL, *defect = NULL;
	size_t		 len = 0;
	struct bp_diag	 quiet = { 0 };

	scheme = g_uri_parse_scheme(url);
	decoded = g_uri_unescape_string(url, NULL);
	if (scheme == NULL && decoded != NULL)
		path = bp_util_resolve(art->path, decoded,
		    opts->allow_outside);
	img = g_hash_table_lookup(images, path != NULL ? path : url);
	if (img != NULL)
		goto out;

	img = g_new0(struct bp_image, 1);
	img->key = g_strdup(path != NULL ? path : url);
	img->path = g_strdup(path);
	g_ptr_array_add(art->images, img);
	g_hash_table_insert(images, g_strdup(path != NULL ? path : url), img);
	if (scheme != NULL)
		img->problem = g_strdup_printf("image \"%s\" is remote; "
		    "briefpack never fetches from the network", url);
	else if (path == NULL)
		img->problem = g_strdup_printf("image \"%s\" is outside the "
		    "article's folder (use --allow-outside to permit)", url);
	else if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		img->problem = g_strdup_printf("image \"%s\" not found", url);
	else if (!bp_util_read_file(path, BP_MAX_IMAGE_BYTES, &quiet, &data,
	    &len))
		img->problem = g_strdup_printf("image \"%s\" cannot be read "
		    "or is larger than %u MB", url, BP_MAX_IMAGE_BYTES >> 20);
	else if ((img->kind = sniff_image((unsigned char *)data, len)) ==
	    BP_IMAGE_UNKNOWN)
		img->problem = g_strdup_printf("image \"%s\" is not a PNG, "
		    "JPEG, GIF, WebP or SVG file", url);
	else if ((defect = image_defect((unsigned char *)data, len,
	    img->kind)) != NULL)
		img->problem = g_strdup_printf("image \"%s\" cannot be "
		    "decoded: %s", url, defect);
	else if ((defect = bp_parse_image_defect((unsigned char *)data, len,
	    img->kind)) != NULL)
		img->problem = g_strdup_printf("image \"%s\" %s", url, defect);
	else {
		img->data = (unsigned char *)data;
		img->len = len;
		data = NULL;
	}
	if (img->problem != NULL)
		bp_diag(diag, BP_WARNING, line, col, "%s", img->problem);
out:
	g_free(data);
	g_free(defect);
	g_free(path);
	g_free(scheme);
	g_free(decoded);
	return img;
}

struct bp_image *
bp_parse_image_add(struct bp_article *art, const char *key,
    unsigned char *data, size_t len, const char *shown, const char *problem,
    int line, struct bp_diag *diag)
{
	struct bp_image	*img = g_new0(struct bp_image, 1);
	char		*defect = NULL;

	img->key = g_strdup(key);
	img->path = g_strdup(key);
	g_ptr_array_add(art->images, img);
	if (problem != NULL)
		img->problem = g_strdup_printf("image \"%s\" %s", shown,
		    problem);
	else if (len > BP_MAX_IMAGE_BYTES)
		img->problem = g_strdup_printf("image \"%s\" is larger than "
		    "%u MB", shown, BP_MAX_IMAGE_BYTES >> 20);
	else if ((img->kind = sniff_image(data, len)) == BP_IMAGE_UNKNOWN)
		img->problem = g_strdup_printf("image \"%s\" is not a PNG, "
		    "JPEG, GIF, WebP or SVG file", shown);
	else if ((defect = image_defect(data, len, img->kind)) != NULL)
		img->problem = g_strdup_printf("image \"%s\" cannot be "
		    "decoded: %s", shown, defect);
	else if ((defect = bp_parse_image_defect(data, len, img->kind)) !=
	    NULL)
		img->problem = g_strdup_printf("image \"%s\" %s", shown,
		    defect);
	else {
		img->data = data;
		img->len = len;
		data = NULL;
	}
	if (img->problem != NULL)
		bp_diag(diag, BP_WARNING, line, 0, "%s", img->problem);
	g_free(data);
	g_free(defect);
	return img;
}
