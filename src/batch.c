/*
 * Batch work: loading many articles and writing one output per article
 * (--each) on worker threads, each with its own writers (fonts, Pango).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>
#include <unistd.h>

#include "bp.h"

/* One article of --each and what became of it. */
struct job {
	const char	*path;
	char		*outs[2];    /* PDF, EPUB (NULL: not asked for) */
	int		 status;     /* exit status of this job */
	int		 pages;
};

struct shared {
	const struct bp_batch_opts *o;
	struct bp_diag		*diag;     /* prints and reports, locked */
	GMutex			 lock;
	GPtrArray		*jobs;     /* struct job *, or loading slots */
	gint			 next;      /* next job to take */
	int			 done, pages;
	gint64			 t0;
	/* loading only */
	struct bp_article     **arts;
};

static void progress(struct shared *);
static int write_pack(struct shared *, int, struct bp_pack *, char *const *,
    void *, void *, struct bp_diag *);
static gpointer each_worker(gpointer);
static gpointer load_worker(gpointer);
static char *output_name(const struct bp_batch_opts *, const char *,
    const char *);
static int run_threads(struct shared *, GThreadFunc, int);

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
	line = g_strdup_printf("[%s] %d/%d articles \xc2\xb7 %d pages \xc2\xb7 "
	    "%.1f s", bar, sh->done, total, sh->pages,
	    (double)(g_get_monotonic_time() - sh->t0) / G_USEC_PER_SEC);
	bp_diag_status(line);
	g_free(line);
}

static int
run_threads(struct shared *sh, GThreadFunc fn, int jobs)
{
	GThread	**threads;
	int	  i, n = jobs < 1 ? 1 : jobs;

	if (n > (int)sh->jobs->len)
		n = sh->jobs->len > 0 ? (int)sh->jobs->len : 1;
	threads = g_new0(GThread *, n);
	for (i = 0; i < n; i++)
		threads[i] = g_thread_new("bp-worker", fn, sh);
	for (i = 0; i < n; i++)
		g_thread_join(threads[i]);
	g_free(threads);
	return n;
}

/* Load articles (on workers): slots are filled in order. */
static gpointer
load_worker(gpointer data)
{
	struct shared	*sh = data;
	gint		 k;
	gint64		 t;

	while ((k = g_atomic_int_add(&sh->next, 1)) < (gint)sh->jobs->len) {
		t = g_get_monotonic_time();
		sh->arts[k] = bp_parse_article(g_ptr_array_index(sh->jobs,
		    (guint)k), &sh->o->load, sh->diag);
		if (sh->o->report != NULL)
			bp_report_input(sh->o->report, k, sh->arts[k],
			    (double)(g_get_monotonic_time() - t) / G_USEC_PER_SEC);
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
	sh.diag = diag;
	sh.jobs = paths;
	sh.arts = g_new0(struct bp_article *, paths->len + 1);
	run_threads(&sh, load_worker, o->jobs);
	for (i = 0; i < paths->len; i++) {
		sh.arts[i]->id = g_strdup_printf("a%u", i + 1);
		g_ptr_array_add(pack->articles, sh.arts[i]);
	}
	g_free(sh.arts);
	return true;
}

/* OUTDIR/name.ext, or beside the article without --outdir. */
static char *
output_name(const struct bp_batch_opts *o, const char *path, const char *ext)
{
	char	*dir, *base, *name, *out;

	base = strcmp(path, "-") == 0 ? g_strdup("stdin") :
	    g_path_get_basename(path);
	if (g_str_has_suffix(base, ".md"))
		base[strlen(base) - 3] = '\0';
	dir = o->outdir != NULL ? g_strdup(o->outdir) :
	    strcmp(path, "-") == 0 ? g_strdup(".") : g_path_get_dirname(path);
	name = g_strconcat(base, ext, NULL);
	out = g_build_filename(dir, name, NULL);
	g_free(dir);
	g_free(base);
	g_free(name);
	return out;
}

/* Write pack to each of outs (PDF, EPUB); returns the exit status. */
static int
write_pack(struct shared *sh, int order, struct bp_pack *pack,
    char *const *outs, void *pdf, void *epub, struct bp_diag *diag)
{
	struct bp_write_result	 res;
	gint64			 t;
	bool			 ok;
	int			 status = 0, k;

	for (k = 0; k < 2; k++) {
		if (outs[k] == NULL)
			continue;
		t = g_get_monotonic_time();
		memset(&res, 0, sizeof res);
		ok = k == 0 ? bp_pdf_write(pdf, pack, outs[k], &res) :
		    bp_epub_write(epub, pack, outs[k], &res);
		if (!ok)
			status = 2;
		else if ((res.placeholders > 0 || res.failed_articles > 0) &&
		    status == 0)
			status = 1;
		if (sh->o->report != NULL)
			bp_report_output(sh->o->report, order, outs[k],
			    k == 0 ? "pdf" : "epub", pack, ok, &res,
			    (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
		g_mutex_lock(&sh->lock);
		sh->pages += res.pages;
		g_mutex_unlock(&sh->lock);
		if (ok)
			bp_diag_at(diag, outs[k], BP_NOTE, 0, 0,
			    "wrote %d pages", res.pages);
	}
	return status;
}

/*
 * A worker: its own PDF and EPUB writers (a font map and Pango context
 * per thread), taking articles until none are left.
 */
static gpointer
each_worker(gpointer data)
{
	struct shared		*sh = data;
	const struct bp_batch_opts *o = sh->o;
	struct bp_pdf_opts	 po = { 0 };
	struct bp_epub_opts	 eo = { 0 };
	struct bp_pdf		*pdf = NULL;
	struct bp_epub		*epub = NULL;
	struct bp_pack		*pack;
	struct bp_article	*art;
	struct job		*job;
	gint			 k;
	gint64			 t;
	int			 i;

	po.datadir = eo.datadir = o->datadir;
	po.toc = eo.toc = o->toc;
	po.jobs = 1;    /* the articles are the parallel work here */
	if (o->pdf && (pdf = bp_pdf_new(&po, o->style, sh->diag)) == NULL)
		goto out;
	if (o->epub && (epub = bp_epub_new(&eo, o->style, sh->diag)) == NULL)
		goto out;
	while ((k = g_atomic_int_add(&sh->next, 1)) < (gint)sh->jobs->len) {
		job = g_ptr_array_index(sh->jobs, (guint)k);
		t = g_get_monotonic_time();
		art = bp_parse_article(job->path, &o->load, sh->diag);
		art->id = g_strdup("a1");
		if (o->report != NULL)
			bp_report_input(o->report, k, art,
			    (double)(g_get_monotonic_time() - t) / G_USEC_PER_SEC);
		if (art->failed) {
			/* A rejected article writes nothing. */
			job->status = 1;
			bp_article_free(art);
		} else {
			if (art->missing_images > 0)
				job->status = 1;
			pack = bp_pack_new();
			g_ptr_array_add(pack->articles, art);
			for (i = 0; o->meta != NULL && o->meta[i] != NULL; i++)
				bp_meta_set_kv(&pack->meta, o->meta[i], sh->diag);
			bp_pack_fill_defaults(pack, NULL);
			i = write_pack(sh, k, pack, job->outs, pdf, epub,
			    sh->diag);
			job->status = MAX(job->status, i);
			bp_pack_free(pack);
		}
		g_mutex_lock(&sh->lock);
		sh->done++;
		progress(sh);
		g_mutex_unlock(&sh->lock);
	}
out:
	/* Writers that could not be made fail every job left. */
	if ((o->pdf && pdf == NULL) || (o->epub && epub == NULL))
		while ((k = g_atomic_int_add(&sh->next, 1)) <
		    (gint)sh->jobs->len)
			((struct job *)g_ptr_array_index(sh->jobs,
			    (guint)k))->status = 2;
	bp_pdf_free(pdf);
	bp_epub_free(epub);
	return NULL;
}

int
bp_batch_each(const struct bp_batch_opts *o, GPtrArray *paths,
    struct bp_diag *diag)
{
	struct shared	 sh = { 0 };
	GHashTable	*seen = g_hash_table_new(g_str_hash, g_str_equal);
	struct job	*job;
	guint		 i;
	int		 k, status = 0;

	sh.o = o;
	sh.diag = diag;
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
		g_ptr_array_add(sh.jobs, job);
		for (k = 0; k < 2; k++) {
			if (job->outs[k] == NULL)
				continue;
			if (g_hash_table_contains(seen, job->outs[k])) {
				bp_diag_at(diag, job->path, BP_ERROR, 0, 0,
				    "output \"%s\" would also be written for "
				    "another article; nothing was written",
				    job->outs[k]);
				status = 2;
			}
			g_hash_table_add(seen, job->outs[k]);
		}
	}
	if (status == 0 && o->outdir != NULL &&
	    !g_file_test(o->outdir, G_FILE_TEST_IS_DIR)) {
		bp_diag_at(diag, o->outdir, BP_ERROR, 0, 0,
		    "output folder does not exist");
		status = 2;
	}
	if (status == 0) {
		progress(&sh);
		run_threads(&sh, each_worker, o->jobs);
		for (i = 0; i < sh.jobs->len; i++) {
			job = g_ptr_array_index(sh.jobs, i);
			status = MAX(status, job->status);
		}
		if (o->progress)
			bp_diag_status(NULL);
	}
	for (i = 0; i < sh.jobs->len; i++) {
		job = g_ptr_array_index(sh.jobs, i);
		g_free(job->outs[0]);
		g_free(job->outs[1]);
		g_free(job);
	}
	g_ptr_array_free(sh.jobs, TRUE);
	g_hash_table_destroy(seen);
	g_mutex_clear(&sh.lock);
	return status;
}
