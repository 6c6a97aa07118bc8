/*
 * Image limits: the rules that decide whether an image is too large or
 * has no usable size, shared by the loader (parse/) and the writers.
 * SPDX-License-Identifier: MIT
 */
#include "bp.h"
#include "model/rsvg.h"

struct bp_rsvg_api bp_rsvg;

BP_LIB_DEFINE(rsvg_lib, BP_SONAME_RSVG, BP_RSVG_FUNCS, bp_rsvg);

bool
bp_rsvg_load(const char **why)
{
	return bp_util_lib_load(&rsvg_lib, why);
}

/* Natural sizes are in CSS pixels (96 per inch), as the PDF scales them. */
#define SVG_DPI      96.0
/* A side longer than this is no real size (nor one Cairo could draw). */
#define SVG_MAX_SIDE 1e6

bool
bp_image_is_too_large(guint64 w_px, guint64 h_px)
{
	/* w * h > the limit, without the product overflowing. */
	return h_px != 0 && w_px > BP_MAX_IMAGE_PIXELS / h_px;
}

bool
bp_image_get_svg_size(RsvgHandle *h, double *w_px, double *h_px)
{
	gdouble		 w = 0, hh = 0;
	gboolean	 has_w, has_h, has_vb;
	RsvgLength	 lw, lh;
	RsvgRectangle	 vb;

	rsvg_handle_set_dpi(h, SVG_DPI);
	/* Width and height in absolute units, else the viewBox's size. */
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
		rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h,
		    &lh, &has_vb, &vb);
		if (has_vb && vb.width > 0 && vb.height > 0) {
			w = vb.width;
			hh = vb.height;
		}
	}
	*w_px = w;
	*h_px = hh;
	return w > 0 && hh > 0 && w <= SVG_MAX_SIDE && hh <= SVG_MAX_SIDE;
}
