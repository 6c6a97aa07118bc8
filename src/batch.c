/*
 * Batch work: loading many articles and writing one output per article
 * (--each) on worker threads, each with its own writers (fonts, Pango);
 * the exit status a run's tally calls for.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bp.h"
#include "parse/load.h"

/* One article of --each and what became of it. */
struct job {
	const char	*path;
	char		*outs[3];    /* PDF, EPUB, Markdown (NULL: not asked) */
	struct bp_tally	 tally;      /* what became of it */
};

/* The formats of a job's outs, in order, as the report names them. */
static const char *const formats[3] = { "pdf", "epub", "md" };

struct shared {
	const struct bp_batch_opts *o;
	const struct bp_pack	*base;     /* manifest, -M, refused entries */
	struct bp_diag		*diag;     /* prints and reports, locked */
	GMutex			 lock;
	GPtrArray		*jobs;     /* struct job *, or loading slots */
	bool			 each;      /* --each: a progress bar */
	gint			 next;      /* next job to take */
	int			 done, pages;
	gint64			 t0;
	/*
	 * Each job's messages, kept until every job before it has given
	 * its own: so stderr and the report list them in input order.
	 */
	GPtrArray	       **kept;
	bool			*finished;
	guint			 flushed;   /* jobs whose messages went out */
	/* loading only */
	struct bp_article     **arts;
};

static void progress(struct shared *sh);
static void forward_fn(void *data, enum bp_severity sev, const char *file,
    int line, int col, const char *msg);
static void finish_job(struct shared *sh, gint k, GPtrArray *kept);
static struct bp_article *load_article(const struct shared *sh,
    const char *path, struct bp_diag *diag);
static void start_meta(struct bp_meta *m, const struct bp_pack *base,
    char *const *kv, struct bp_diag *diag);
static void add_tally(struct bp_tally *to, const struct bp_tally *from);
static void write_pack(struct shared *sh, int order, struct bp_pack *pack,
    struct job *job, struct bp_pdf *pdf, struct bp_epub *epub,
    struct bp_mdw *mdw, struct bp_diag *diag);
static void keep_stale(struct shared *sh, int order, struct job *job,
    const struct bp_article *art, struct bp_diag *diag);
static gpointer each_worker(gpointer data);
static gpointer load_worker(gpointer data);
static char *output_name(const struct bp_batch_opts *o, const char *path,
    const char *ext);
static int run_threads(struct shared *sh, GThreadFunc fn, int jobs);
static bool make_outdir(const char *dir, struct bp_diag *diag);

/* "[#####     ] 12/40 articles · 96 pages · 3.2 s" on a terminal. */
static void
progress(struct shared *sh)
{
	char	 bar[21];
	char	*line;
	int	 total = (int)sh->jobs->len, i, fill;

	if (!sh->o->progress || total == 0)
		return;
	fill = sh->done * 20 / total;
	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : ' ';
	bar[20] = '\0';
	line = g_strdup_printf("[%s] %d/%d %s \xc2\xb7 %d %s \xc2\xb7 "
	    "%.1f s", bar, sh->done, total, bp_util_plural(total, "article",
	    "articles"), sh->pages, bp_util_plural(sh->pages, "page", "pages"),
	    (double)(g_get_monotonic_time() - sh->t0) / G_USEC_PER_SEC);
	bp_diag_status(line);
	g_free(line);
}

/* A diag->fn that passes each message on to the sink in data. */
static void
forward_fn(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg)
{
	bp_diag_at(data, file, sev, line, col, "%s", msg);
}

/*
 * Job k is done and kept its messages in `kept` (taken over): give them,
 * and those of every finished job after it whose turn has come, to the
 * shared sink in job order.
 */
static void
finish_job(struct shared *sh, gint k, GPtrArray *kept)
{
	g_mutex_lock(&sh->lock);
	sh->kept[k] = kept;
	sh->finished[k] = true;
	while (sh->flushed < sh->jobs->len && sh->finished[sh->flushed]) {
		bp_diag_replay(sh->kept[sh->flushed], sh->diag);
		if (sh->kept[sh->flushed] != NULL)
			g_ptr_array_free(sh->kept[sh->flushed], TRUE);
		sh->kept[sh->flushed] = NULL;
		sh->flushed++;
	}
	sh->done++;
	if (sh->each)
		progress(sh);
	g_mutex_unlock(&sh->lock);
}

static int
run_threads(struct shared *sh, GThreadFunc fn, int jobs)
{
	GThread	**threads;
	int	  i, n = jobs < 1 ? 1 : jobs;

	if (n > (int)sh->jobs->len)
		n = sh->jobs->len > 0 ? (int)sh->jobs->len : 1;
	sh->kept = g_new0(GPtrArray *, sh->jobs->len + 1);
	sh->finished = g_new0(bool, sh->jobs->len + 1);
	sh->flushed = 0;
	threads = g_new0(GThread *, n);
	for (i = 0; i < n; i++)
		threads[i] = g_thread_new("bp-worker", fn, sh);
	for (i = 0; i < n; i++)
		g_thread_join(threads[i]);
	g_free(threads);
	g_free(sh->kept);
	g_free(sh->finished);
	sh->kept = NULL;
	sh->finished = NULL;
	return n;
}

/*
 * Read one article, or make a failed one for a manifest entry that was
 * refused (and reported at its line) without reading it.
 */
static struct bp_article *
load_article(const struct shared *sh, const char *path, struct bp_diag *diag)
{
	struct bp_article	*art;
	const char		*why = NULL;

	if (sh->base != NULL && sh->base->refused != NULL)
		why = g_hash_table_lookup(sh->base->refused, path);
	if (why == NULL)
		return bp_parse_article(path, &sh->o->load, diag);
	art = bp_article_new(path);
	art->failed = true;
	art->error = g_strdup(why);
	art->meta.title = g_strdup(art->name);
	return art;
}

/* Load articles (on workers): slots are filled in order. */
static gpointer
load_worker(gpointer data)
{
	struct shared	*sh = data;
	struct bp_diag	 kd;
	GPtrArray	*kept = NULL;
	gint		 k;
	gint64		 t;

	while ((k = g_atomic_int_add(&sh->next, 1)) < (gint)sh->jobs->len) {
		t = g_get_monotonic_time();
		bp_diag_keep(&kd, &kept);
		sh->arts[k] = load_article(sh, g_ptr_array_index(sh->jobs,
		    (guint)k), &kd);
		if (sh->o->report != NULL)
			bp_report_input(sh->o->report, k, sh->arts[k],
			    (double)(g_get_monotonic_time() - t) / G_USEC_PER_SEC);
		finish_job(sh, k, kept);
	}
	return NULL;
}

bool
bp_batch_load(const struct bp_batch_opts *o, GPtrArray *paths,
    struct bp_pack *pack, struct bp_diag *diag)
{
	struct shared	 sh = { 0 };
	guint		 i;

	sh.o = o;
	sh.base = pack;
	sh.diag = diag;
	sh.jobs = paths;
	g_mutex_init(&sh.lock);
	sh.arts = g_new0(struct bp_article *, paths->len + 1);
	run_threads(&sh, load_worker, o->jobs);
	for (i = 0; i < paths->len; i++) {
		sh.arts[i]->id = g_strdup_printf("a%u", i + 1);
		g_ptr_array_add(pack->articles, sh.arts[i]);
	}
	g_free(sh.arts);
	g_mutex_clear(&sh.lock);
	return true;
}

/* OUTDIR/name.ext, or beside the article without --outdir. */
static char *
output_name(const struct bp_batch_opts *o, const char *path, const char *ext)
{
	char	*dir, *base, *name, *out;
	size_t	 n;

	/* As the article's name: "notat.md", "NOTAT.MD", "notat.markdown",
	 * .txt, .html, .htm, .docx. */
	base = strcmp(path, "-") == 0 ? g_strdup("stdin") :
	    g_path_get_basename(path);
	n = strlen(base);
	if (n > 3 && g_ascii_strcasecmp(base + n - 3, ".md") == 0)
		base[n - 3] = '\0';
	else if (n > 9 && g_ascii_strcasecmp(base + n - 9, ".markdown") == 0)
		base[n - 9] = '\0';
	else if (n > 4 && (g_ascii_strcasecmp(base + n - 4, ".txt") == 0 ||
	    g_ascii_strcasecmp(base + n - 4, ".htm") == 0))
		base[n - 4] = '\0';
	else if (n > 5 && (g_ascii_strcasecmp(base + n - 5, ".html") == 0 ||
	    g_ascii_strcasecmp(base + n - 5, ".docx") == 0))
		base[n - 5] = '\0';
	dir = o->outdir != NULL ? g_strdup(o->outdir) :
	    strcmp(path, "-") == 0 ? g_strdup(".") : g_path_get_dirname(path);
	name = g_strconcat(base, ext, NULL);
	out = g_build_filename(dir, name, NULL);
	g_free(dir);
	g_free(base);
	g_free(name);
	return out;
}

/*
 * An article's own pack starts from the settings a manifest (or -M)
 * gives every page: marking, exemption, organisation, language, style.
 * Its title, subtitle, date, authors, summary, source and keywords
 * describe the whole digest, so each article keeps its own; -M then sets
 * anything.
 */
static void
start_meta(struct bp_meta *m, const struct bp_pack *base, char *const *kv,
    struct bp_diag *diag)
{
	int	 i;

	if (base != NULL) {
		m->classification = g_strdup(base->meta.classification);
		m->exempt = g_strdup(base->meta.exempt);
		m->organisation = g_strdup(base->meta.organisation);
		m->lang = g_strdup(base->meta.lang);
		m->style = g_strdup(base->meta.style);
	}
	for (i = 0; kv != NULL && kv[i] != NULL; i++)
		bp_meta_set_kv(m, kv[i], diag);
}

void
bp_batch_give_pages(struct bp_pdf *pdf, const struct bp_pack *pack,
    bool have_pdf, struct bp_epub *epub)
{
	if (!have_pdf || bp_pdf_get_pages(pdf) == NULL)
		bp_pdf_paginate(pdf, pack);
	bp_epub_set_pages(epub, bp_pdf_get_pages(pdf));
}

/* Write pack to each of job's outs (PDF, EPUB, Markdown), tallied in job. */
static void
write_pack(struct shared *sh, int order, struct bp_pack *pack,
    struct job *job, struct bp_pdf *pdf, struct bp_epub *epub,
    struct bp_mdw *mdw, struct bp_diag *diag)
{
	struct bp_write_result	 res;
	gint64			 t;
	bool			 ok;
	int			 k;

	for (k = 0; k < 3; k++) {
		if (job->outs[k] == NULL)
			continue;
		t = g_get_monotonic_time();
		memset(&res, 0, sizeof res);
		/* The EPUB's page-list: the PDF's pages, or its own. */
		if (k == 1 && pdf != NULL && !sh->o->no_page_list)
			bp_batch_give_pages(pdf, pack, job->outs[0] != NULL,
			    epub);
		ok = k == 0 ? bp_pdf_write(pdf, pack, job->outs[k], &res) :
		    k == 1 ? bp_epub_write(epub, pack, job->outs[k], &res) :
		    bp_mdw_write(mdw, pack, job->outs[k], &res);
		if (!ok)
			job->tally.failed_outputs++;
		else if (res.failed_articles > 0)
			job->tally.article_errors++;
		/* Each output shows the same images: count them once. */
		job->tally.placeholders = MAX(job->tally.placeholders,
		    res.placeholders);
		if (sh->o->report != NULL)
			bp_report_output(sh->o->report, order, job->outs[k],
			    formats[k], pack, ok, &res,
			    (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
		g_mutex_lock(&sh->lock);
		sh->pages += res.pages;
		g_mutex_unlock(&sh->lock);
		if (ok && k == 0)
			bp_diag_at(diag, job->outs[k], BP_NOTE, 0, 0,
			    "wrote %d %s", res.pages, bp_util_plural(res.pages,
			    "page", "pages"));
		else if (ok)
			bp_diag_at(diag, job->outs[k], BP_NOTE, 0, 0, "wrote");
	}
}

/*
 * A rejected article writes nothing, so an output of it from an earlier
 * run is kept (an earlier good output is never lost) but is no longer
 * current: say so, and list it in the report as stale.
 */
static void
keep_stale(struct shared *sh, int order, struct job *job,
    const struct bp_article *art, struct bp_diag *diag)
{
	int	 k;

	for (k = 0; k < 3; k++) {
		if (job->outs[k] == NULL ||
		    !g_file_test(job->outs[k], G_FILE_TEST_EXISTS))
			continue;
		bp_diag_at(diag, job->outs[k], BP_WARNING, 0, 0, "kept from an "
		    "earlier run but stale: %s failed", art->path);
		if (sh->o->report != NULL)
			bp_report_stale(sh->o->report, order, job->outs[k],
			    formats[k], art);
		job->tally.stale++;
	}
}

/*
 * A worker: its own PDF and EPUB writers (a font map and Pango context
 * per thread), taking articles until none are left. The writers report
 * to wd, which keeps each job's messages for finish_job.
 */
static gpointer
each_worker(gpointer data)
{
	struct shared		*sh = data;
	const struct bp_batch_opts *o = sh->o;
	struct bp_pdf_opts	 po = { 0 };
	struct bp_epub_opts	 eo = { 0 };
	struct bp_diag		 wd = { 0 };
	struct bp_pdf		*pdf = NULL;
	struct bp_epub		*epub = NULL;
	struct bp_mdw		*mdw = bp_mdw_new(&wd);
	struct bp_pack		*pack = NULL;
	struct bp_article	*art;
	struct job		*job;
	GPtrArray		*kept = NULL;
	gint			 k;
	gint64			 t;

	/* Until the first job, messages (fonts, say) go straight on. */
	wd.fn = forward_fn;
	wd.data = sh->diag;
	po.datadir = eo.datadir = o->datadir;
	po.toc = eo.toc = o->toc;
	po.cover = o->cover;
	po.jobs = 1;    /* the articles are the parallel work here */
	po.standard = o->pdf_standard;
	/* A PDF writer also paginates for the EPUB's page-list. */
	if ((o->pdf || (o->epub && !o->no_page_list)) &&
	    (pdf = bp_pdf_new(&po, o->style, &wd)) == NULL)
		goto out;
	if (o->epub && (epub = bp_epub_new(&eo, o->style, &wd)) == NULL)
		goto out;
	while ((k = g_atomic_int_add(&sh->next, 1)) < (gint)sh->jobs->len) {
		job = g_ptr_array_index(sh->jobs, (guint)k);
		t = g_get_monotonic_time();
		bp_diag_keep(&wd, &kept);
		art = load_article(sh, job->path, &wd);
		art->id = g_strdup("a1");
		pack = bp_pack_new();
		g_ptr_array_add(pack->articles, art);
		if (art->failed) {
			job->tally.failed_articles++;
			keep_stale(sh, k, job, art, &wd);
		} else {
			/* Even where no output draws a placeholder for them. */
			if (art->missing_images > 0)
				job->tally.article_errors++;
			start_meta(&pack->meta, sh->base, o->meta, &wd);
			bp_pack_fill_defaults(pack, NULL, o->style, &wd);
			write_pack(sh, k, pack, job, pdf, epub, mdw, &wd);
		}
		/* Its time is reading and writing it, not reading alone. */
		if (o->report != NULL)
			bp_report_input(o->report, k, art,
			    (double)(g_get_monotonic_time() - t) / G_USEC_PER_SEC);
		bp_pack_free(pack);
		pack = NULL;
		finish_job(sh, k, kept);
		kept = NULL;
		wd.fn = forward_fn;
		wd.data = sh->diag;
	}
out:
	/* Writers that could not be made fail every job left. */
	if (((o->pdf || (o->epub && !o->no_page_list)) && pdf == NULL) ||
	    (o->epub && epub == NULL))
		while ((k = g_atomic_int_add(&sh->next, 1)) <
		    (gint)sh->jobs->len) {
			job = g_ptr_array_index(sh->jobs, (guint)k);
			job->tally.failed_outputs += (job->outs[0] != NULL) +
			    (job->outs[1] != NULL) + (job->outs[2] != NULL);
			finish_job(sh, k, NULL);
		}
	bp_pdf_free(pdf);
	bp_epub_free(epub);
	bp_mdw_free(mdw);
	return NULL;
}

/* --outdir DIR: made with its parents, as mkdir -p, when missing. */
static bool
make_outdir(const char *dir, struct bp_diag *diag)
{
	bool	 ok = false;

	if (g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		ok = true;
		goto out;
	}
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		bp_diag_at(diag, dir, BP_ERROR, 0, 0, "cannot create the output "
		    "folder: %s", g_strerror(errno));
		goto out;
	}
	bp_diag_at(diag, dir, BP_NOTE, 0, 0, "created the output folder");
	ok = true;
out:
	return ok;
}

/* Add the counts of from to those of to. */
static void
add_tally(struct bp_tally *to, const struct bp_tally *from)
{
	to->failed_articles += from->failed_articles;
	to->placeholders += from->placeholders;
	to->failed_outputs += from->failed_outputs;
	to->stale += from->stale;
	to->article_errors += from->article_errors;
	to->usage_errors += from->usage_errors;
}

enum bp_exit
bp_batch_get_exit(const struct bp_tally *t)
{
	enum bp_exit	 rc = BP_EXIT_OK;

	if (t->usage_errors > 0 || t->failed_outputs > 0)
		rc = BP_EXIT_USAGE;
	else if (t->failed_articles > 0 || t->placeholders > 0 ||
	    t->stale > 0 || t->article_errors > 0)
		rc = BP_EXIT_ARTICLE;
	return rc;
}

void
bp_batch_each(const struct bp_batch_opts *o, GPtrArray *paths,
    const struct bp_pack *base, struct bp_diag *diag,
    struct bp_tally *tally)
{
	struct shared	 sh = { 0 };
	struct bp_tally	 all = { 0 };
	GHashTable	*seen = g_hash_table_new(g_str_hash, g_str_equal);
	struct job	*job;
	guint		 i;
	int		 k;

	sh.o = o;
	sh.base = base;
	sh.diag = diag;
	sh.each = true;
	sh.t0 = g_get_monotonic_time();
	g_mutex_init(&sh.lock);
	sh.jobs = g_ptr_array_new();

	/* Every output name first: a collision stops the run up front. */
	for (i = 0; i < paths->len; i++) {
		job = g_new0(struct job, 1);
		job->path = g_ptr_array_index(paths, i);
		if (o->pdf)
			job->outs[0] = output_name(o, job->path, ".pdf");
		if (o->epub)
			job->outs[1] = output_name(o, job->path, ".epub");
		if (o->md)
			job->outs[2] = output_name(o, job->path, ".md");
		g_ptr_array_add(sh.jobs, job);
		for (k = 0; k < 3; k++) {
			if (job->outs[k] == NULL)
				continue;
			/* notat.md -> notat.md: the article itself. */
			if (bp_util_is_same_file(job->outs[k], job->path)) {
				bp_diag_at(diag, job->path, BP_ERROR, 0, 0,
				    "output \"%s\" would overwrite its own "
				    "article; use --outdir; nothing was written",
				    job->outs[k]);
				all.usage_errors++;
			}
			if (g_hash_table_contains(seen, job->outs[k])) {
				bp_diag_at(diag, job->path, BP_ERROR, 0, 0,
				    "output \"%s\" would also be written for "
				    "another article; nothing was written",
				    job->outs[k]);
				all.usage_errors++;
			}
			g_hash_table_add(seen, job->outs[k]);
		}
	}
	if (all.usage_errors == 0 && o->outdir != NULL &&
	    !make_outdir(o->outdir, diag))
		all.usage_errors++;
	if (all.usage_errors == 0) {
		progress(&sh);
		run_threads(&sh, each_worker, o->jobs);
		for (i = 0; i < sh.jobs->len; i++) {
			job = g_ptr_array_index(sh.jobs, i);
			add_tally(&all, &job->tally);
		}
		if (o->progress)
			bp_diag_status(NULL);
	}
	if (tally != NULL)
		add_tally(tally, &all);
	for (i = 0; i < sh.jobs->len; i++) {
		job = g_ptr_array_index(sh.jobs, i);
		g_free(job->outs[0]);
		g_free(job->outs[1]);
		g_free(job->outs[2]);
		g_free(job);
	}
	g_ptr_array_free(sh.jobs, TRUE);
	g_hash_table_destroy(seen);
	g_mutex_clear(&sh.lock);
}
