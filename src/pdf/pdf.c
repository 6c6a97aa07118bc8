/*
 * The PDF writer: lays out the contents and each article in turn,
 * places them on pages (spooled as they close), then paints the pages
 * onto a Cairo PDF surface one at a time.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "pdf/pdf.h"
#include "pdf/archive.h"

struct bp_pdf {
	const struct bp_style	*style;
	struct bp_diag		*diag;
	struct bp_fonts		*fonts;
	struct bp_hyph		*hyph;
	char			*fonts_dir;
	int			 toc;
	int			 cover;      /* -1 the style's, 0 off, 1 on */
	int			 jobs;
	int			 copies;     /* --copies (0: the distribution's) */
	unsigned		 standard;   /* BP_PDF_STD_*; 0: Cairo's file */
	GBytes			*icc;        /* icc/sRGB.icc, when finishing */
	struct bp_pages		*pages;      /* the last pack's, or NULL */
};

/* One article's layout, made by a worker, taken by the paginator. */
struct slot {
	struct bp_flow	*flow;
	GPtrArray	*msgs;       /* kept messages, replayed in order */
	int		 placeholders;
	bool		 failed;     /* shown as missing (rejected, or lost) */
	bool		 done;
};

/*
 * Layout threads: each lays out whole articles on its own fonts and
 * Pango context, at most `window` articles (one more than there are
 * threads) ahead of the paginator, so memory stays bounded while every
 * core works.
 */
struct workers {
	struct bp_pdf		*pdf;
	const struct bp_pack	*pack;
	struct bp_lctx		 proto;    /* geometry, images, style */
	struct slot		*slots;
	guint			 n;
	guint			 next;     /* next article to lay out */
	guint			 taken;    /* articles the paginator has */
	guint			 window;
	int			 alive;    /* workers still laying out */
	GMutex			 lock;
	GCond			 cond;
	GPtrArray		*fonts;    /* struct bp_fonts *, kept until the
	                                    * pages are painted */
	GThread		       **threads;
	int			 nthreads;
};

struct sink;
static GBytes *load_icc(const char *datadir, struct bp_diag *diag);
static cairo_status_t write_stream(void *closure, const unsigned char *data,
    unsigned int len);
static void set_metadata(cairo_surface_t *s, const struct bp_pack *pack);
static void open_right_page(const struct bp_style *st, struct bp_pager *pg,
    const struct bp_article *art);
static bool flush_pages(struct bp_pager *pg, struct bp_spool *sp,
    GPtrArray *live);
static void drop_pages(struct bp_pager *pg, GPtrArray *live);
static struct bp_pages *make_pages(const struct bp_pack *pack,
    const struct bp_style *st, const struct bp_pager *pg);
static bool pdf_run(struct bp_pdf *pdf, const struct bp_pack *pack,
    const char *path, bool dump, struct bp_write_result *res);
static void lay_slot(struct bp_lctx *lc, const struct bp_pack *pack, guint i,
    struct slot *slot);
static gpointer lay_worker(gpointer data);
static struct workers *workers_start(struct bp_pdf *pdf,
    const struct bp_pack *pack, const struct bp_lctx *proto);
static struct slot *workers_take(struct workers *w, guint i);
static void workers_free(struct workers *w);
static bool finish_file(struct bp_pdf *pdf, const struct bp_paint_info *info,
    struct sink *sk, const char *path);
static bool paint_spool(struct bp_pdf *pdf, struct bp_lctx *lc,
    const struct bp_paint_info *info, struct bp_spool *sp, const char *path);
static bool paint_copies(struct bp_pdf *pdf, struct bp_lctx *lc,
    struct bp_paint_info *info, struct bp_spool *sp, const char *path,
    struct bp_write_result *res);

/* The sRGB profile of PDF/A's output intent: icc/sRGB.icc in datadir. */
static GBytes *
load_icc(const char *datadir, struct bp_diag *diag)
{
	char	*path = g_build_filename(datadir, "icc", "sRGB.icc", NULL);
	char	*data = NULL;
	gsize	 len = 0;
	GError	*err = NULL;
	GBytes	*icc = NULL;

	if (!g_file_get_contents(path, &data, &len, &err))
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot read the colour "
		    "profile PDF/A needs: %s", err->message);
	else if (len < 132 || memcmp(data + 36, "acsp", 4) != 0) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "not an ICC colour "
		    "profile");
		g_free(data);
	} else
		icc = g_bytes_new_take(data, len);
	if (err != NULL)
		g_error_free(err);
	g_free(path);
	return icc;
}

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
	pdf->cover = opts->cover;
	pdf->jobs = opts->jobs;
	pdf->copies = opts->copies;
	pdf->standard = opts->standard >= 0 ? (unsigned)opts->standard :
	    style->pdf_standard;
	/* The output intent's profile, read once (PDF/A needs it). */
	if ((pdf->standard & BP_PDF_STD_A2) != 0 &&
	    (pdf->icc = load_icc(opts->datadir, diag)) == NULL) {
		g_free(pdf);
		g_free(dir);
		return NULL;
	}
	pdf->hyph = bp_hyph_new();
	if ((pdf->fonts = bp_fonts_new(dir, diag)) == NULL) {
		bp_hyph_free(pdf->hyph);
		if (pdf->icc != NULL)
			g_bytes_unref(pdf->icc);
		g_free(pdf);
		g_free(dir);
		return NULL;
	}
	pdf->fonts_dir = dir;
	return pdf;
}

void
bp_pdf_free(struct bp_pdf *pdf)
{
	if (pdf == NULL)
		return;
	bp_qpdf_settle();
	bp_fonts_free(pdf->fonts);
	bp_hyph_free(pdf->hyph);
	if (pdf->icc != NULL)
		g_bytes_unref(pdf->icc);
	bp_pages_free(pdf->pages);
	g_free(pdf->fonts_dir);
	g_free(pdf);
}

const struct bp_pages *
bp_pdf_get_pages(const struct bp_pdf *pdf)
{
	return pdf->pages;
}

/*
 * Cairo's output goes through a buffer into the temporary file. A write
 * error is kept in the output (bp_util_out_write) and not handed back
 * to Cairo: Cairo 1.16 can trip its own assertions on that path
 * (_cairo_array_index_const). The painter stops at the next page and
 * bp_util_out_commit reports the cause.
 */
struct sink {
	struct bp_out	*out;
	GByteArray	*mem;        /* the whole file, to finish it */
	size_t		 n;
	unsigned char	 buf[1 << 16];
};

static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink	*sk = closure;

	if (sk->out == NULL)
		return CAIRO_STATUS_SUCCESS;
	if (sk->mem != NULL) {
		g_byte_array_append(sk->mem, data, len);
		return CAIRO_STATUS_SUCCESS;
	}
	if (sk->n + len > sizeof sk->buf) {
		bp_util_out_write(sk->out, sk->buf, sk->n);
		sk->n = 0;
	}
	if (len > sizeof sk->buf)
		bp_util_out_write(sk->out, data, len);
	else {
		memcpy(sk->buf + sk->n, data, len);
		sk->n += len;
	}
	return CAIRO_STATUS_SUCCESS;
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
	    pg->npages % 2 == 1)
		bp_pager_add_page(pg, BP_PAGE_BLANK, art);
}

/*
 * Closed pages go to the spool, and flows no open page uses any more
 * are freed: pagination holds one article's flow at a time.
 */
static bool
flush_pages(struct bp_pager *pg, struct bp_spool *sp, GPtrArray *live)
{
	guint	 n = pg->pages->len, keep = pg->cur != NULL ? 1 : 0, i;

	for (i = 0; i + keep < n; i++)
		if (!bp_spool_put(sp, g_ptr_array_index(pg->pages, i)))
			return false;
	if (n > keep)
		g_ptr_array_remove_range(pg->pages, 0, n - keep);
	for (i = live->len; i-- > 0;)
		if (!bp_pager_uses(pg, g_ptr_array_index(live, i)))
			g_ptr_array_remove_index(live, i);
	return true;
}

/* Without a spool (pagination alone), closed pages are let go. */
static void
drop_pages(struct bp_pager *pg, GPtrArray *live)
{
	guint	 n = pg->pages->len, keep = pg->cur != NULL ? 1 : 0, i;

	if (n > keep)
		g_ptr_array_remove_range(pg->pages, 0, n - keep);
	for (i = live->len; i-- > 0;)
		if (!bp_pager_uses(pg, g_ptr_array_index(live, i)))
			g_ptr_array_remove_index(live, i);
}

/*
 * Where every page begins, as the model's plain data (struct bp_pages),
 * labelled as the footer numbers it. An empty page (a blank left page,
 * the cover's back) begins where the page after it does.
 */
static struct bp_pages *
make_pages(const struct bp_pack *pack, const struct bp_style *st,
    const struct bp_pager *pg)
{
	struct bp_pages			*pages = bp_pages_new();
	const struct bp_pager_start	*ps = NULL;
	struct bp_page_start		*out;
	GHashTable			*index = g_hash_table_new(g_direct_hash,
	    g_direct_equal);
	guint				 i, k;

	for (i = 0; i < pack->articles->len; i++)
		g_hash_table_insert(index, g_ptr_array_index(pack->articles, i),
		    GUINT_TO_POINTER(i + 1));
	g_array_set_size(pages->starts, pg->starts->len);
	for (i = 0; i < pg->starts->len; i++) {
		out = &g_array_index(pages->starts, struct bp_page_start, i);
		g_snprintf(out->label, sizeof out->label, "%u", i + 1);
		/* The first page after it that has a place of its own. */
		for (k = i; k < pg->starts->len; k++) {
			ps = &g_array_index(pg->starts, struct bp_pager_start, k);
			if (ps->kind == BP_PAGE_COVER || ps->kind ==
			    BP_PAGE_CONTENTS || (ps->placed && ps->article !=
			    NULL))
				break;
		}
		if (k == pg->starts->len) {
			/* Nothing after it: the end of the last article. */
			out->doc = BP_PAGE_DOC_ARTICLE;
			out->article = (int)pack->articles->len - 1;
			out->node = BP_AT_END;
			continue;
		}
		out->doc = ps->kind == BP_PAGE_COVER ? BP_PAGE_DOC_COVER :
		    ps->kind == BP_PAGE_CONTENTS ? BP_PAGE_DOC_CONTENTS :
		    BP_PAGE_DOC_ARTICLE;
		out->article = GPOINTER_TO_INT(g_hash_table_lookup(index,
		    ps->article)) - 1;
		out->node = ps->at_node;
		out->offset = ps->at_offset;
		if (out->doc == BP_PAGE_DOC_ARTICLE && out->article < 0)
			out->doc = BP_PAGE_DOC_CONTENTS;
	}
	pages->edition = g_strdup_printf("%s: PDF, %u %s, style %s "
	    "(briefpack %s)", pack->meta.title != NULL &&
	    *pack->meta.title != '\0' ? pack->meta.title : "Briefing",
	    pg->starts->len, bp_util_plural(pg->starts->len, "page", "pages"),
	    st->name != NULL ? st->name : "briefing", BP_VERSION);
	g_hash_table_destroy(index);
	return pages;
}

/*
 * The finishing step (archive.c) on the file Cairo wrote into memory:
 * its result goes to the output. False after reporting.
 */
static bool
finish_file(struct bp_pdf *pdf, const struct bp_paint_info *info,
    struct sink *sk, const char *path)
{
	struct bp_archive_opts	 ao = { 0 };
	GBytes			*done = NULL;
	gconstpointer		 data;
	gsize			 len;
	unsigned		 claimed = 0;
	char			 name[64];
	gint64			 t0 = g_get_monotonic_time();
	bool			 ok;

	ao.pack = info->pack;
	ao.tags = info->tags;
	ao.standard = pdf->standard;
	ao.icc = pdf->icc;
	ao.start_pages = info->start_pages;
	ao.jobs = MAX(pdf->jobs, 1);
	ok = bp_archive_run(&ao, sk->mem->data, sk->mem->len, path, pdf->diag,
	    &done, &claimed);
	g_byte_array_free(sk->mem, TRUE);
	sk->mem = NULL;
	if (ok) {
		data = g_bytes_get_data(done, &len);
		bp_util_out_write(sk->out, data, len);
		g_bytes_unref(done);
		bp_style_get_pdf_standard_name(claimed, name, sizeof name);
		bp_diag_at(pdf->diag, path, BP_NOTE, 0, 0, "finished it as %s "
		    "in %.2f s", name, (double)(g_get_monotonic_time() - t0) /
		    G_USEC_PER_SEC);
	}
	return ok;
}

/*
 * Paint the spooled pages into a temporary file beside path, and name
 * it only when every page was drawn and every byte written. Each
 * failure is reported once, in its own words.
 */
static bool
paint_spool(struct bp_pdf *pdf, struct bp_lctx *lc,
    const struct bp_paint_info *info, struct bp_spool *sp, const char *path)
{
	const struct bp_style	*st = pdf->style;
	struct sink		*sk = g_new0(struct sink, 1);
	struct bp_painter	*painter = NULL;
	struct bp_page		*page;
	cairo_surface_t		*surface = NULL;
	cairo_status_t		 status = CAIRO_STATUS_SUCCESS, fin;
	const char		*why = NULL;
	int			 number = 0;
	bool			 ok = false;

	if ((sk->out = bp_util_out_open(path, pdf->diag)) == NULL)
		goto out;
	/* A file to finish is kept whole in memory for libqpdf. */
	if (pdf->standard != 0)
		sk->mem = g_byte_array_new();
	surface = cairo_pdf_surface_create_for_stream(write_stream, sk,
	    st->page_w, st->page_h);
	set_metadata(surface, info->pack);
	painter = bp_painter_new(lc, info, surface);
	errno = 0;
	if (!bp_spool_rewind(sp))
		why = "cannot read back temporary data";
	while (why == NULL && status == CAIRO_STATUS_SUCCESS &&
	    !bp_util_out_failed(sk->out) &&
	    (page = bp_spool_get(sp)) != NULL) {
		number = page->number;
		status = bp_painter_page(painter, page);
		bp_page_free(page);
	}
	if (why == NULL && errno != 0 && status == CAIRO_STATUS_SUCCESS &&
	    !bp_util_out_failed(sk->out))
		why = "cannot read back temporary data";
	fin = bp_painter_finish(painter);
	painter = NULL;
	if (status == CAIRO_STATUS_SUCCESS)
		status = fin;
	if (why != NULL) {
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0, "%s: %s", why,
		    g_strerror(errno != 0 ? errno : EIO));
		goto out;
	}
	if (status != CAIRO_STATUS_SUCCESS) {
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0,
		    "drawing page %d failed: %s", number,
		    cairo_status_to_string(status));
		goto out;
	}
	cairo_surface_finish(surface);
	if ((status = cairo_surface_status(surface)) != CAIRO_STATUS_SUCCESS) {
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0,
		    "writing the PDF failed: %s",
		    cairo_status_to_string(status));
		goto out;
	}
	if (sk->mem != NULL && !finish_file(pdf, info, sk, path))
		goto out;
	bp_util_out_write(sk->out, sk->buf, sk->n);
	ok = bp_util_out_commit(sk->out, pdf->diag);
	sk->out = NULL;
out:
	if (painter != NULL)
		bp_painter_finish(painter);
	if (surface != NULL)
		cairo_surface_destroy(surface);
	bp_util_out_abort(sk->out);
	if (sk->mem != NULL)
		g_byte_array_free(sk->mem, TRUE);
	g_free(sk);
	return ok;
}

/*
 * Paint the spool into path, or, for numbered copies, once per copy into
 * path-1.pdf ... path-N.pdf: the pack is laid out once, and the copies
 * differ only in the copy words the painter draws. Each copy is written
 * and finished on its own (atomically); the first that fails stops the
 * rest. res->copies and ->copies_written say what was done.
 */
static bool
paint_copies(struct bp_pdf *pdf, struct bp_lctx *lc,
    struct bp_paint_info *info, struct bp_spool *sp, const char *path,
    struct bp_write_result *res)
{
	struct bp_tags_mark	*mark = NULL;
	char			*cpath;
	bool			 ok = true;
	int			 n = bp_pack_get_copies(info->pack, pdf->copies), k;

	res->copies = n;
	res->copies_written = 0;
	if (n <= 0)
		return paint_spool(pdf, lc, info, sp, path);
	info->ncopies = n;
	for (k = 1; k <= n && ok; k++) {
		if (mark != NULL)
			bp_tags_restore(info->tags, mark);
		mark = k < n ? bp_tags_save(info->tags) : NULL;
		info->copy = k;
		cpath = bp_office_copy_path(path, k);
		if ((ok = paint_spool(pdf, lc, info, sp, cpath)))
			res->copies_written = k;
		g_free(cpath);
	}
	if (mark != NULL)
		bp_tags_restore(info->tags, mark);
	info->copy = info->ncopies = 0;
	return ok;
}

/* Lay out article i into slot, its messages kept for later. */
static void
lay_slot(struct bp_lctx *lc, const struct bp_pack *pack, guint i,
    struct slot *slot)
{
	const struct bp_article	*art = g_ptr_array_index(pack->articles, i);
	struct bp_diag		 d;
	bool			 have;

	bp_diag_keep(&d, &slot->msgs);
	lc->diag = &d;
	lc->placeholders = 0;
	lc->lang = art->lang;
	/* The body is the model's: held while it is laid out, then let go. */
	have = bp_article_body_acquire(art, &d);
	slot->flow = bp_layout_article(lc, art, have);
	if (have) {
		bp_flow_forget_nodes(slot->flow);
		bp_article_body_release(art);
	}
	slot->failed = !have;
	slot->placeholders = lc->placeholders;
	lc->diag = NULL;
}

static gpointer
lay_worker(gpointer data)
{
	struct workers	*w = data;
	struct bp_diag	 quiet = { 0 };
	struct bp_fonts	*fonts;
	struct bp_lctx	 lc = w->proto;
	guint		 i;

	quiet.quiet = true;
	fonts = bp_fonts_new(w->pdf->fonts_dir, &quiet);
	g_mutex_lock(&w->lock);
	if (fonts != NULL)
		g_ptr_array_add(w->fonts, fonts);
	/* Without fonts of its own the thread leaves the work to others. */
	while (fonts != NULL) {
		while (w->next < w->n && w->next >= w->taken + w->window)
			g_cond_wait(&w->cond, &w->lock);
		if (w->next >= w->n)
			break;
		i = w->next++;
		g_mutex_unlock(&w->lock);
		lc.pango = bp_fonts_context(fonts);
		lc.fonts = fonts;
		lay_slot(&lc, w->pack, i, &w->slots[i]);
		g_mutex_lock(&w->lock);
		w->slots[i].done = true;
		g_cond_broadcast(&w->cond);
	}
	w->alive--;
	g_cond_broadcast(&w->cond);
	g_mutex_unlock(&w->lock);
	return NULL;
}

/* With one job there are no threads: the paginator lays out itself. */
static struct workers *
workers_start(struct bp_pdf *pdf, const struct bp_pack *pack,
    const struct bp_lctx *proto)
{
	struct workers	*w = g_new0(struct workers, 1);
	int		 k;

	w->pdf = pdf;
	w->pack = pack;
	w->proto = *proto;
	w->n = pack->articles->len;
	w->slots = g_new0(struct slot, w->n + 1);
	w->fonts = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_fonts_free);
	g_mutex_init(&w->lock);
	g_cond_init(&w->cond);
	w->nthreads = pdf->jobs < 2 || w->n < 2 ? 0 :
	    (int)MIN((guint)pdf->jobs, w->n);
	w->alive = w->nthreads;
	w->window = (guint)w->nthreads + 1;
	w->threads = g_new0(GThread *, w->nthreads + 1);
	for (k = 0; k < w->nthreads; k++)
		w->threads[k] = g_thread_new("bp-layout", lay_worker, w);
	return w;
}

/*
 * Article i's layout, once a worker has made it; made here when no
 * worker is left to make it.
 */
static struct slot *
workers_take(struct workers *w, guint i)
{
	struct slot	*slot = &w->slots[i];
	struct bp_lctx	 lc;
	bool		 mine = false;

	g_mutex_lock(&w->lock);
	w->taken = i;
	g_cond_broadcast(&w->cond);
	while (!slot->done) {
		if (w->next <= i && w->alive == 0) {
			w->next = i + 1;
			mine = true;
			break;
		}
		g_cond_wait(&w->cond, &w->lock);
	}
	g_mutex_unlock(&w->lock);
	if (mine) {
		lc = w->proto;
		lay_slot(&lc, w->pack, i, slot);
		slot->done = true;
	}
	return slot;
}

static void
workers_free(struct workers *w)
{
	guint	 i;
	int	 k;

	if (w == NULL)
		return;
	g_mutex_lock(&w->lock);
	w->next = w->n;
	g_cond_broadcast(&w->cond);
	g_mutex_unlock(&w->lock);
	for (k = 0; k < w->nthreads; k++)
		g_thread_join(w->threads[k]);
	for (i = 0; i < w->n; i++) {
		bp_flow_free(w->slots[i].flow);
		if (w->slots[i].msgs != NULL)
			g_ptr_array_free(w->slots[i].msgs, TRUE);
	}
	g_ptr_array_free(w->fonts, TRUE);
	g_mutex_clear(&w->lock);
	g_cond_clear(&w->cond);
	g_free(w->threads);
	g_free(w->slots);
	g_free(w);
}

bool
bp_pdf_write(struct bp_pdf *pdf, const struct bp_pack *pack, const char *path,
    struct bp_write_result *res)
{
	/*
	 * A file to finish: libqpdf loads on a thread of its own while the
	 * articles are laid out (not for --dump, nor for an EPUB's pages).
	 */
	if (path != NULL && pdf->standard != 0)
		bp_qpdf_preload();
	return pdf_run(pdf, pack, path, /*dump*/path == NULL, res);
}

bool
bp_pdf_paginate(struct bp_pdf *pdf, const struct bp_pack *pack)
{
	struct bp_diag	 quiet = { 0 }, *saved = pdf->diag;
	bool		 ok;

	quiet.fn = bp_diag_drop_fn;
	pdf->diag = &quiet;
	ok = pdf_run(pdf, pack, NULL, /*dump*/false, NULL);
	pdf->diag = saved;
	return ok;
}

/*
 * Lay out and paginate the pack, keeping where each page begins in
 * pdf->pages; then paint it into path, or (dump) print the layout, or
 * (neither) stop there.
 */
static bool
pdf_run(struct bp_pdf *pdf, const struct bp_pack *pack, const char *path,
    bool dump, struct bp_write_result *res)
{
	const struct bp_style	*st = pdf->style;
	struct bp_lctx		 lc = { 0 };
	struct bp_pager		 pager;
	struct bp_paint_info	 info = { 0 };
	struct bp_spool		*spool = NULL;
	struct workers		*workers = NULL;
	struct slot		*slot;
	GPtrArray		*live = NULL;
	struct bp_flow		*contents = NULL, *flow;
	const struct bp_article	*art;
	struct bp_article	*dist = NULL;  /* the distribution page's */
	bool			 ok = false, toc, fresh;
	guint			 i;
	int			 first;
	struct bp_write_result	 ignored;
	gint64			 t0 = g_get_monotonic_time(), t1;
	/* The structure: each flow's elements merged as it is paginated,
	 * the painter's pieces, read by the finishing step. */
	struct bp_tagging	*tagging = bp_tagging_new();

	if (res == NULL)
		res = &ignored;
	memset(res, 0, sizeof *res);
	bp_pages_free(pdf->pages);
	pdf->pages = NULL;
	bp_pager_init(&pager);
	pager.body_h = st->page_h - st->margin_top - st->margin_bottom;
	lc.style = st;
	lc.pango = bp_fonts_context(pdf->fonts);
	lc.fonts = pdf->fonts;
	lc.diag = pdf->diag;
	lc.images = bp_pimage_cache_new();
	lc.hyph = st->hyphenate ? pdf->hyph : NULL;
	lc.col_w = st->page_w - st->margin_inner - st->margin_outer;
	lc.body_h = st->page_h - st->margin_top - st->margin_bottom;
	lc.lang = pack->meta.lang;
	lc.standard = pdf->standard;
	live = g_ptr_array_new_with_free_func((GDestroyNotify)bp_flow_free);
	info.start_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
	/* Without a path the pages are dumped (--dump=layout): keep them. */
	if (path != NULL && (spool = bp_spool_new()) == NULL) {
		bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0,
		    "cannot create a temporary file: %s", g_strerror(errno));
		goto out;
	}

	/*
	 * Pages: cover, contents (it needs only the titles), articles. A
	 * one-article pack is a memo by default: no cover, no contents, its
	 * title block on page 1. The cover's back stays blank in duplex
	 * (something always follows it: a pack has an article).
	 */
	toc = bp_pack_has_contents(pack, st, pdf->toc);
	if (bp_pack_has_cover(pack, st, pdf->cover)) {
		bp_pager_add_page(&pager, BP_PAGE_COVER, NULL);
		if (st->duplex)
			bp_pager_add_page(&pager, BP_PAGE_BLANK, NULL);
	}
	/* Numbered copies handed out by name: the list, on a page of its own. */
	dist = bp_office_add_distribution(&lc, &pager, pack,
	    bp_pack_get_copies(pack, pdf->copies), tagging, live);
	if (toc) {
		contents = bp_layout_contents(&lc, pack);
		bp_flow_tag(contents, tagging, NULL);
		g_ptr_array_add(live, contents);
		open_right_page(st, &pager, NULL);
		bp_paginate(&lc, &pager, contents, BP_PAGE_CONTENTS, /*fresh*/true);
	}
	/*
	 * Each article is laid out once (on worker threads), paginated in
	 * order here, and let go once its pages are spooled.
	 */
	workers = workers_start(pdf, pack, &lc);
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		slot = workers_take(workers, i);
		bp_diag_replay(slot->msgs, pdf->diag);
		lc.placeholders += slot->placeholders;
		flow = slot->flow;
		slot->flow = NULL;
		bp_flow_tag(flow, tagging, art->lang);
		if (slot->failed)
			res->failed_articles++;
		g_ptr_array_add(live, flow);
		fresh = st->article_start != BP_START_CONTINUE ||
		    pager.cur == NULL || pager.cur->kind != BP_PAGE_ARTICLE;
		if (fresh)
			open_right_page(st, &pager, art);
		first = bp_paginate(&lc, &pager, flow, BP_PAGE_ARTICLE, fresh);
		g_hash_table_insert(info.start_pages, (gpointer)art,
		    GINT_TO_POINTER(first));
		if (spool != NULL && !flush_pages(&pager, spool, live))
			goto spool_failed;
		if (spool == NULL && !dump)
			drop_pages(&pager, live);
	}
	bp_pager_finish(&pager);
	res->pages = pager.npages;
	pdf->pages = make_pages(pack, st, &pager);

	if (spool == NULL) {
		char	*text = dump ? bp_layout_dump(pager.pages) : NULL;

		if (text != NULL)
			fputs(text, stdout);
		g_free(text);
		ok = true;
		goto out;
	}
	if (!flush_pages(&pager, spool, live))
		goto spool_failed;
	info.pack = pack;
	info.npages = pager.npages;
	info.tags = tagging;
	t1 = g_get_monotonic_time();
	ok = paint_copies(pdf, &lc, &info, spool, path, res);
	bp_tagging_debug(tagging);
	if (!ok)
		goto out;
	res->placeholders = lc.placeholders;
	bp_diag_at(pdf->diag, path, BP_NOTE, 0, 0, "laid out %d %s in %.2f s "
	    "(%d %s; %.1f MB spooled), painted %s in %.2f s",
	    pager.npages, bp_util_plural(pager.npages, "page", "pages"),
	    (double)(t1 - t0) / G_USEC_PER_SEC, MAX(workers->nthreads, 1),
	    bp_util_plural(MAX(workers->nthreads, 1), "layout thread",
	    "layout threads"), (double)bp_spool_size(spool) / 1e6,
	    bp_util_plural(pager.npages, "it", "them"),
	    (double)(g_get_monotonic_time() - t1) / G_USEC_PER_SEC);
	goto out;
spool_failed:
	bp_diag_at(pdf->diag, path, BP_ERROR, 0, 0,
	    "cannot write temporary data: %s", g_strerror(errno));
out:
	bp_spool_free(spool);
	g_hash_table_destroy(info.start_pages);
	bp_pager_clear(&pager);
	g_ptr_array_free(live, TRUE);
	/* Last: the spooled glyph runs used the workers' fonts. */
	workers_free(workers);
	g_hash_table_destroy(lc.images);
	bp_tagging_free(tagging);
	bp_article_free(dist);
	return ok;
}
