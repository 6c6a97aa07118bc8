/*
 * Whether an image the loader read can be drawn at all: decided once, at
 * load, so that both writers agree and a bad image is reported once.
 * SPDX-License-Identifier: MIT
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

#include "parse/parse.h"

static char *svg_defect(const unsigned char *, size_t);
static char *raster_defect(const unsigned char *, size_t);
static char *error_text(const GError *);

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
