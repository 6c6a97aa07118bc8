/*
 * Images for the PDF: PNG, JPEG, GIF and WebP through gdk-pixbuf into
 * Cairo surfaces (JPEG data passed through untouched), SVG through librsvg
 * as vectors.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "model/rsvg.h"
#include "pdf/pdf.h"

/* Natural size: raster images at 150 dpi, SVG at CSS's 96 px per inch. */
#define RASTER_DPI 150.0

struct size_check {
	bool	 too_big;
};

static void pimage_free(gpointer p);
static void on_size_prepared(GdkPixbufLoader *loader, int w, int h,
    gpointer data);
static cairo_surface_t *surface_from_pixbuf(GdkPixbuf *pb);
static struct bp_pimage *decode_raster(const struct bp_image *img, char **why);
static struct bp_pimage *decode_svg(const struct bp_image *img, char **why);
static unsigned char *svg_unlink(const unsigned char *d, size_t n);

static void
pimage_free(gpointer p)
{
	struct bp_pimage	*pi = p;

	if (pi == NULL)
		return;
	if (pi->surface != NULL)
		cairo_surface_destroy(pi->surface);
	if (pi->svg != NULL)
		g_object_unref(pi->svg);
	g_free(pi);
}

static GMutex cache_lock;

GHashTable *
bp_pimage_cache_new(void)
{
	/* Keyed by file: an image used by many articles is decoded once. */
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    pimage_free);
}

/* Refuse decompression bombs before the pixels are allocated. */
static void
on_size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
	struct size_check	*sc = data;

	if (w <= 0 || h <= 0 ||
	    bp_image_is_too_large((guint64)w, (guint64)h)) {
		sc->too_big = true;
		/* 0 x 0: the loader stops before allocating the pixels. */
		gdk_pixbuf_loader_set_size(loader, 0, 0);
	}
}

/* Cairo wants premultiplied native-endian ARGB. */
static cairo_surface_t *
surface_from_pixbuf(GdkPixbuf *pb)
{
	int		 w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int		 nch = gdk_pixbuf_get_n_channels(pb);
	int		 sstride = gdk_pixbuf_get_rowstride(pb);
	bool		 alpha = gdk_pixbuf_get_has_alpha(pb);
	const guchar	*src = gdk_pixbuf_read_pixels(pb);
	cairo_surface_t	*s;
	unsigned char	*dst;
	int		 dstride, x, y;
	guint32		*row, a, r, g, b;
	const guchar	*p;

	s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 :
	    CAIRO_FORMAT_RGB24, w, h);
	cairo_surface_flush(s);
	dst = cairo_image_surface_get_data(s);
	dstride = cairo_image_surface_get_stride(s);
	for (y = 0; y < h; y++) {
		row = (guint32 *)(void *)(dst + (size_t)y * (size_t)dstride);
		for (x = 0; x < w; x++) {
			p = src + (size_t)y * (size_t)sstride + (size_t)x * (size_t)nch;
			a = alpha ? p[3] : 255;
			r = (p[0] * a + 127) / 255;
			g = (p[1] * a + 127) / 255;
			b = (p[2] * a + 127) / 255;
			row[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

static struct bp_pimage *
decode_raster(const struct bp_image *img, char **why)
{
	GdkPixbufLoader		*loader = NULL;
	GdkPixbuf		*pb = NULL;
	GError			*err = NULL;
	struct bp_pimage	*pi = NULL;
	struct size_check	 sc = { false };
	const char		*orient;
	unsigned char		*jpeg;
	bool			 fed, upright;

	loader = gdk_pixbuf_loader_new();
	g_signal_connect(loader, "size-prepared", G_CALLBACK(on_size_prepared),
	    &sc);
	fed = gdk_pixbuf_loader_write(loader, img->data, img->len, &err);
	if (!gdk_pixbuf_loader_close(loader, fed ? &err : NULL) || !fed) {
		*why = g_strdup_printf("cannot be decoded: %s",
		    err != NULL ? err->message : "unknown error");
		goto out;
	}
	if (sc.too_big) {
		*why = g_strdup_printf("has more than %u pixels",
		    BP_MAX_IMAGE_PIXELS);
		goto out;
	}
	if ((pb = gdk_pixbuf_loader_get_pixbuf(loader)) == NULL) {
		*why = g_strdup("cannot be decoded");
		goto out;
	}
	/* Apply the EXIF orientation of photos. */
	orient = gdk_pixbuf_get_option(pb, "orientation");
	upright = orient == NULL || strcmp(orient, "1") == 0;
	pb = gdk_pixbuf_apply_embedded_orientation(pb);
	pi = g_new0(struct bp_pimage, 1);
	pi->surface = surface_from_pixbuf(pb);
	pi->w = gdk_pixbuf_get_width(pb) * 72.0 / RASTER_DPI;
	pi->h = gdk_pixbuf_get_height(pb) * 72.0 / RASTER_DPI;
	/* Upright JPEGs go into the PDF as they are, not re-encoded. */
	if (img->kind == BP_IMAGE_JPEG && upright) {
		jpeg = g_memdup2(img->data, img->len);
		cairo_surface_set_mime_data(pi->surface, CAIRO_MIME_TYPE_JPEG,
		    jpeg, img->len, g_free, jpeg);
	}
out:
	if (pb != NULL)
		g_object_unref(pb);
	if (err != NULL)
		g_error_free(err);
	if (loader != NULL)
		g_object_unref(loader);
	return pi;
}

/*
 * librsvg draws an <a> element inside a Cairo link tag: a link
 * annotation to whatever the file names (javascript: too), and, inside
 * the painter's marked content, a structure element that unmarks it
 * and that the structure record does not know. Links in images go: in
 * a copy of the file each <a> becomes a <g>, a plain group. Attribute
 * values hold no "<"; in comments and CDATA the change is harmless.
 */
static unsigned char *
svg_unlink(const unsigned char *d, size_t n)
{
	unsigned char	*c = g_memdup2(d, n);
	size_t		 i, j, k;

	for (i = 0; i + 2 < n; i++) {
		if (c[i] != '<')
			continue;
		j = c[i + 1] == '/' ? i + 2 : i + 1;
		/* A namespace prefix: <svg:a>. */
		for (k = j; k < n && (g_ascii_isalnum(c[k]) || c[k] == '_' ||
		    c[k] == '-' || c[k] == '.'); k++)
			;
		if (k < n && c[k] == ':')
			j = k + 1;
		if (j + 1 < n && c[j] == 'a' && (g_ascii_isspace(c[j + 1]) ||
		    c[j + 1] == '>' || c[j + 1] == '/'))
			c[j] = 'g';
	}
	return c;
}

static struct bp_pimage *
decode_svg(const struct bp_image *img, char **why)
{
	RsvgHandle		*h = NULL;
	GError			*err = NULL;
	struct bp_pimage	*pi = NULL;
	unsigned char		*data = svg_unlink(img->data, img->len);
	double			 w, hh;
	const char		*nolib;

	if (!bp_rsvg_load(&nolib)) {
		*why = g_strdup_printf("can't be drawn: %s", nolib);
		g_free(data);
		return NULL;
	}
	/* No base file: the SVG cannot reach other files or the network. */
	h = rsvg_handle_new_from_data(data, img->len, &err);
	if (h == NULL) {
		*why = g_strdup_printf("is not a valid SVG: %s",
		    err != NULL ? err->message : "unknown error");
		goto out;
	}
	/* The loader's rule (it refused SVGs without a size). */
	if (!bp_image_get_svg_size(h, &w, &hh)) {
		*why = g_strdup("has no usable size (width, height or viewBox)");
		goto out;
	}
	pi = g_new0(struct bp_pimage, 1);
	pi->svg = h;
	h = NULL;
	pi->w = w * 0.75;
	pi->h = hh * 0.75;
out:
	if (h != NULL)
		g_object_unref(h);
	if (err != NULL)
		g_error_free(err);
	g_free(data);
	return pi;
}

struct bp_pimage *
bp_pimage_get(GHashTable *cache, const struct bp_image *img, char **why)
{
	struct bp_pimage	*pi = NULL;

	*why = NULL;
	if (img == NULL || img->data == NULL) {
		*why = g_strdup(img != NULL && img->problem != NULL ?
		    img->problem : "is not available");
		return NULL;
	}
	/* Layout threads share the cache: one decode a file. */
	g_mutex_lock(&cache_lock);
	if (g_hash_table_lookup_extended(cache, img->path, NULL,
	    (gpointer *)&pi)) {
		if (pi == NULL)
			*why = g_strdup("cannot be decoded");
		goto out;
	}
	if (img->kind == BP_IMAGE_SVG)
		pi = decode_svg(img, why);
	else
		pi = decode_raster(img, why);
	g_hash_table_insert(cache, g_strdup(img->path), pi);
	if (pi == NULL && *why == NULL)
		*why = g_strdup("cannot be decoded");
out:
	g_mutex_unlock(&cache_lock);
	return pi;
}

void
bp_pimage_paint(cairo_t *cr, const struct bp_pimage *pi, double x, double y,
    double w, double h)
{
	RsvgRectangle	 vp = { x, y, w, h };

	cairo_save(cr);
	if (pi->svg != NULL) {
		rsvg_handle_render_document(pi->svg, cr, &vp, NULL);
	} else {
		cairo_translate(cr, x, y);
		cairo_scale(cr, w / cairo_image_surface_get_width(pi->surface),
		    h / cairo_image_surface_get_height(pi->surface));
		cairo_set_source_surface(cr, pi->surface, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr),
		    CAIRO_FILTER_GOOD);
		cairo_paint(cr);
	}
	cairo_restore(cr);
}
