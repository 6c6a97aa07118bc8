/*
 * librsvg, loaded when first needed (bp_util_lib_load): include this
 * instead of <librsvg/rsvg.h>. Every call below goes through bp_rsvg;
 * call bp_rsvg_load before the first (rsvg_handle_new_from_data), and
 * treat false as an SVG that cannot be read. A function not listed here
 * is an undefined symbol at link time: add it to the list.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_MODEL_RSVG_H
#define BP_MODEL_RSVG_H

#include <librsvg/rsvg.h>

#include "bp.h"

#define BP_RSVG_FUNCS(X) \
	X(rsvg_handle_new_from_data) \
	X(rsvg_handle_set_dpi) \
	X(rsvg_handle_get_intrinsic_size_in_pixels) \
	X(rsvg_handle_get_intrinsic_dimensions) \
	X(rsvg_handle_render_document)

struct bp_rsvg_api {
	BP_RSVG_FUNCS(BP_LIB_PTR)
};
extern struct bp_rsvg_api bp_rsvg;

/* Load librsvg (once); false with *why when it can't be. */
bool bp_rsvg_load(const char **why);

#define rsvg_handle_new_from_data (bp_rsvg.rsvg_handle_new_from_data)
#define rsvg_handle_set_dpi (bp_rsvg.rsvg_handle_set_dpi)
#define rsvg_handle_get_intrinsic_size_in_pixels \
	(bp_rsvg.rsvg_handle_get_intrinsic_size_in_pixels)
#define rsvg_handle_get_intrinsic_dimensions \
	(bp_rsvg.rsvg_handle_get_intrinsic_dimensions)
#define rsvg_handle_render_document (bp_rsvg.rsvg_handle_render_document)

#endif /* BP_MODEL_RSVG_H */
