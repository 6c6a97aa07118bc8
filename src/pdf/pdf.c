/*
 * The PDF writer: lays out every article, then the contents, places
 * them on pages and paints the pages onto a Cairo PDF surface.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "pdf/pdf.h"

struct bp_pdf {
	const struct bp_style	*style;
	struct bp_diag		*diag;
	struct bp_fonts		*fonts;
	struct bp_hyph		*hyph;
	int			 toc;
};

static cairo_status_t write_stream(void *, const unsigned char *,
    unsigned int);
static void set_metadata(cairo_surface_t *, const struct bp_pack *);
static void open_right_page(const struct bp_style *, struct bp_pager *,
    const struct bp_article *);

struct bp_pdf *
bp_pdf_new(const struct bp_pdf_opts *opts, const struct bp_style *style,
    struct bp_diag *diag)
{
	struct bp_pdf	*pdf = NULL;
	char		*dir = NULL;

	dir = g_build_filename(opts->datadir, "fonts", NULL);
	pdf = g_new0(struct bp_pdf, 1);
	pdf->style = style;
	pdf->diag = diag;
	pdf->toc = opts->toc;
	pdf->hyph = bp_hyph_new();
	if ((pdf->fonts = bp_fonts_new(dir, diag)) == NULL) {
		bp_hyph_free(pdf->hyph);
		g_free(pdf);
		pdf = NULL;
	}
	g_free(dir);
	return pdf;
}

void
bp_pdf_free(struct bp_pdf *pdf)
{
	if (pdf == NULL)
		return;
	bp_fonts_free(pdf->fonts);
	bp_hyph_free(pdf->hyph);
	g_free(pdf);
}

static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* Document information; dates from SOURCE_DATE_EPOCH when it is set. */
static void
set_metadata(cairo_surface_t *s, const struct bp_pack *pack)
{
	const struct bp_meta	*m = &pack->meta;
	GDateTime		*dt = NULL;
	GPtrArray		*authors = g_ptr_array_new_with_free_func(g_free);
	GPtrArray		*keywords = g_ptr_array_new_with_free_func(g_free);
	const struct bp_article	*art;
	char			*date = NULL, *joined = NULL, *creator = NULL;
	char			*subject = NULL;
	guint			 i;
	int			 k;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    m->title != NULL ? m->title : "");
	/* Authors and keywords of the pack, else of its articles. */
	for (k = 0; m->authors != NULL && m->authors[k] != NULL; k++)
		g_ptr_array_add(authors, g_strdup(m->authors[k]));
	for (k = 0; m->keywords != NULL && m->keywords[k] != NULL; k++)
		g_ptr_array_add(keywords, g_strdup(m->keywords[k]));
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		for (k = 0; m->authors == NULL && art->meta.authors != NULL &&
		    art->meta.authors[k] != NULL; k++)
			if (!g_ptr_array_find_with_equal_func(authors,
			    art->meta.authors[k], g_str_equal, NULL))
				g_ptr_array_add(authors,
				    g_strdup(art->meta.authors[k]));
		for (k = 0; m->keywords == NULL && art->meta.keywords != NULL &&
		    art->meta.keywords[k] != NULL; k++)
			if (!g_ptr_array_find_with_equal_func(keywords,
			    art->meta.keywords[k], g_str_equal, NULL))
				g_ptr_array_add(keywords,
				    g_strdup(art->meta.keywords[k]));
	}
	g_ptr_array_add(authors, NULL);
	g_ptr_array_add(keywords, NULL);
	joined = g_strjoinv(", ", (char **)authors->pdata);
	if (*joined != '\0')
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
		    joined);
	g_free(joined);
	joined = g_strjoinv(", ", (char **)keywords->pdata);
	if (*joined != '\0')
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS,
		    joined);
	subject = m->subtitle != NULL ? g_strdup(m->subtitle) :
	    m->abstract != NULL ? g_strdup(m->abstract) : NULL;
	if (subject != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
		    subject);
	creator = g_strdup("briefpack " BP_VERSION);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
	dt = g_date_time_new_from_unix_utc(bp_util_build_time());
	date = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	g_date_time_unref(dt);
	g_free(date);
	g_free(joined);
	g_free(creator);
	g_free(subject);
	g_ptr_array_free(authors, TRUE);
	g_ptr_array_free(keywords, TRUE);
}

/* Duplex packs start articles (and the contents) on right-hand pages. */
static void
open_right_page(const struct bp_style *st, struct bp_pager *pg,
    const struct bp_article *art)
{
	if (st->duplex && st->article_start == BP_START_RIGHT &&
	    pg->pages->len % 2 == 1)
		bp_pager_add_page(pg, BP_PAGE_BLANK, art);
}

bool
bp_pdf_write(struct bp_pdf *pdf, const struct bp_pack *pack, const char *path,
    struct bp_write_result *res)
{
	const struct bp_style	*st = pdf->style;
	struct bp_lctx		 lc = { 0 };
	struct bp_pager		 pager;
	struct bp_paint_info	 info = { 0 };
	struct bp_out		*out = NULL;
	GPtrArray		*flows = NULL;
	struct bp_flow		*contents = NULL, *flow;
	const struct bp_article	*art;
	const struct bp_page	*page;
	cairo_surface_t		*surface = NULL;
	cairo_status_t		 status;
	FILE			*fp = NULL;
	int			 fd = -1;
	bool			 ok = false, toc, fresh;
	guint			 i, before;

	memset(res, 0, sizeof *res);
	bp_pager_init(&pager);
	pager.body_h = st->page_h - st->margin_top - st->margin_bottom;
	lc.style = st;
	lc.pango = bp_fonts_context(pdf->fonts);
	lc.diag = pdf->diag;
	lc.images = bp_pimage_cache_new();
	lc.hyph = st->hyphenate ? pdf->hyph : NULL;
	lc.col_w = st->page_w - st->margin_inner - st->margin_outer;
	lc.body_h = st->page_h - st->margin_top - st->margin_bottom;
	lc.lang = pack->meta.lang;
	flows = g_ptr_array_new_with_free_func((GDestroyNotify)bp_flow_free);

	/* Lay out every article once; the contents only need titles. */
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		lc.lang = art->meta.lang != NULL ? art->meta.lang :
		    pack->meta.lang;
		g_ptr_array_add(flows, bp_layout_article(&lc, art));
		if (art->failed)
			res->failed_articles++;
	}
	lc.lang = pack->meta.lang;
	toc = pdf->toc > 0 || (pdf->toc < 0 && (st->toc > 0 ||
	    (st->toc < 0 && pack->articles->len >= 2)));
	if (toc)
		contents = bp_layout_contents(&lc, pack);

	/* Pages: cover, contents, then the articles. */
	if (st->cover) {
		bp_pager_add_page(&pager, BP_PAGE_COVER, NULL);
		if (st->duplex)
			bp_pager_add_page(&pager, BP_PAGE_BLANK, NULL);
	}
	if (contents != NULL) {
		open_right_page(st, &pager, NULL);
		bp_paginate(&lc, &pager, contents, BP_PAGE_CONTENTS, true);
	}
	info.start_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (i = 0; i < flows->len; i++) {
		flow = g_ptr_array_index(flows, i);
		fresh = st->article_start != BP_START_CONTINUE ||
		    pager.cur == NULL || pager.cur->kind != BP_PAGE_ARTICLE;
		if (fresh)
			open_right_page(st, &pager, flow->article);
		before = pager.pages->len;
		bp_paginate(&lc, &pager, flow, BP_PAGE_ARTICLE, fresh);
		/*
		 * The first page holding the article's first slice: the page
		 * that was open before it, or the first one it opened.
		 */
		page = g_ptr_array_index(pager.pages, pager.pages->len - 1);
		{
			guint	 pi, pj;
			bool	 found = false;

			for (pi = before > 0 ? before - 1 : 0;
			    pi < pager.pages->len && !found; pi++) {
				page = g_ptr_array_index(pager.pages, pi);
				for (pj = 0; pj < page->placed->len; pj++)
					if (g_array_index(page->placed,
					    struct bp_placed, pj).flow == flow) {
						found = true;
						break;
					}
			}
		}
		g_hash_table_insert(info.start_pages, (gpointer)flow->article,
		    GINT_TO_POINTER(page->number));
	}
	bp_pager_finish(&pager);

	/* Without a path: print the page layout instead (--dump=layout). */
	if (path == NULL) {
		char	*dump = bp_layout_dump(pager.pages);

		fputs(dump, stdout);
		g_free(dump);
		res->pages = (int)pager.pages->len;
		ok = true;
		goto out;
	}

	/* Paint into a temporary file beside the output. */
	if ((out = bp_util_out_open(path, pdf->diag)) == NULL)
		goto out;
	if ((fd = dup(bp_util_out_fd(out))) < 0 ||
	    (fp = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		goto out;
	}
	surface = cairo_pdf_surface_create_for_stream(write_stream, fp,
	    st->page_w, st->page_h);
	set_metadata(surface, pack);
	info.pack = pack;
	info.pages = pager.pages;
	if (!bp_paint_pages(&lc, &info, surface))
		goto fail_surface;
	cairo_surface_finish(surface);
fail_surface:
	status = cairo_surface_status(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0,
		    "writing the PDF failed: %s",
		    cairo_status_to_string(status));
		goto out;
	}
	if (fclose(fp) != 0) {
		fp = NULL;
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		goto out;
	}
	fp = NULL;
	ok = bp_util_out_commit(out, pdf->diag);
	out = NULL;
	res->pages = (int)pager.pages->len;
	res->placeholders = lc.placeholders;
out:
	if (surface != NULL)
		cairo_surface_destroy(surface);
	if (fp != NULL)
		fclose(fp);
	bp_util_out_abort(out);
	if (info.start_pages != NULL)
		g_hash_table_destroy(info.start_pages);
	bp_pager_clear(&pager);
	bp_flow_free(contents);
	g_ptr_array_free(flows, TRUE);
	g_hash_table_destroy(lc.images);
	return ok;
}
