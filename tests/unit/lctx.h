/*
 * A PDF layout context for unit tests: the bundled fonts, style st,
 * English text, and the PDF standard to lay out for (its alt-text and
 * glyph warnings). Include after pdf/pdf.h.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_TEST_LCTX_H
#define BP_TEST_LCTX_H

#include <string.h>

static void
lctx_init(struct bp_lctx *lc, const struct bp_style *st, struct bp_fonts *fonts,
    struct bp_diag *d, unsigned standard)
{
	memset(lc, 0, sizeof *lc);
	lc->style = st;
	lc->pango = bp_fonts_context(fonts);
	lc->diag = d;
	lc->images = bp_pimage_cache_new();
	lc->col_w = st->page_w - st->margin_inner - st->margin_outer;
	lc->body_h = st->page_h - st->margin_top - st->margin_bottom;
	lc->lang = "en";
	lc->standard = standard;
}

#endif /* BP_TEST_LCTX_H */
