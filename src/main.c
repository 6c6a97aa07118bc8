/*
 * briefpack command line: gather inputs, load the pack, write outputs,
 * and decide the exit status. The only file that exits.
 * SPDX-License-Identifier: MIT
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bp.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_ARTICLE = 1,   /* an article rejected or an image replaced */
	EXIT_USAGE = 2,     /* bad option, unusable manifest or style, I/O */
};

struct cli {
	char	       **outputs;
	char		*style;
	char	       **meta;
	gboolean	 toc, no_toc;
	gboolean	 quiet;
	gboolean	 verbose;
	gboolean	 version;
	gboolean	 allow_outside;
	gboolean	 no_smart;
	char		*dump;
	gboolean	 each;
	char		*outdir;
	char		*formats;
	int		 jobs;
	char		*report;
	char	       **inputs;
};

static char *find_datadir(void);
static bool add_folder(const char *, GPtrArray *, struct bp_diag *);
static bool gather_inputs(struct cli *, const struct bp_load_opts *,
    struct bp_pack *, GPtrArray *, struct bp_diag *);
static char *default_output(const struct bp_pack *, const char *);
static void on_signal(int);
static void sink(void *, enum bp_severity, const char *, int, int,
    const char *);
static struct bp_style *load_style(const struct bp_pack *,
    const struct bp_load_opts *, const char *, struct bp_diag *);
static int run_pack(struct bp_pack *, GPtrArray *, struct bp_batch_opts *,
    const char *, struct bp_diag *, struct bp_tally *);
static bool is_article_name(const char *);
static void say_why(int, const struct bp_tally *);

static struct cli cli;

/*
 * Fonts and styles: $BRIEFPACK_DATADIR, else the source tree when run
 * from build/, else the installed data folder.
 */
static char *
find_datadir(void)
{
	const char	*env = g_getenv("BRIEFPACK_DATADIR");
	char		*exe = NULL, *dir = NULL, *up = NULL, *probe = NULL;
	char		*result = NULL;

	if (env != NULL && *env != '\0')
		return g_strdup(env);
	exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		dir = g_path_get_dirname(exe);
		up = g_path_get_dirname(dir);
		probe = g_build_filename(up, "styles", "briefing.yaml", NULL);
		if (g_file_test(probe, G_FILE_TEST_IS_REGULAR))
			result = g_strdup(up);
	}
	if (result == NULL)
		result = g_strdup(BP_DATADIR);
	g_free(exe);
	g_free(dir);
	g_free(up);
	g_free(probe);
	return result;
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A Markdown article's name: *.md or *.markdown, in any case. */
static bool
is_article_name(const char *name)
{
	size_t	 n = strlen(name);

	return (n > 3 && g_ascii_strcasecmp(name + n - 3, ".md") == 0) ||
	    (n > 9 && g_ascii_strcasecmp(name + n - 9, ".markdown") == 0);
}

/*
 * A folder's articles (*.md, *.markdown, any case), in name order. Each
 * subfolder or other file is skipped with a note; hidden files quietly.
 */
static bool
add_folder(const char *path, GPtrArray *paths, struct bp_diag *diag)
{
	GDir		*dir = NULL;
	GError		*err = NULL;
	GPtrArray	*names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray	*skipped = g_ptr_array_new_with_free_func(g_free);
	const char	*name;
	char		*full;
	guint		 i;
	bool		 ok = false;

	if ((dir = g_dir_open(path, 0, &err)) == NULL) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "%s", err->message);
		goto out;
	}
	while ((name = g_dir_read_name(dir)) != NULL) {
		if (name[0] == '.')
			continue;
		full = g_build_filename(path, name, NULL);
		if (is_article_name(name) &&
		    !g_file_test(full, G_FILE_TEST_IS_DIR))
			g_ptr_array_add(names, g_strdup(name));
		else
			g_ptr_array_add(skipped, g_strdup(name));
		g_free(full);
	}
	/* Notes in name order too, so every run says the same. */
	g_ptr_array_sort(names, cmp_str);
	g_ptr_array_sort(skipped, cmp_str);
	for (i = 0; i < skipped->len; i++) {
		full = g_build_filename(path, (char *)skipped->pdata[i], NULL);
		bp_diag_at(diag, full, BP_NOTE, 0, 0, g_file_test(full,
		    G_FILE_TEST_IS_DIR) ? "skipped: a folder inside a folder "
		    "of articles is not read" : "skipped: not a Markdown "
		    "article (.md, .markdown)");
		g_free(full);
	}
	if (names->len == 0)
		bp_diag_at(diag, path, BP_WARNING, 0, 0, "no .md files here "
		    "(nor .markdown files)");
	for (i = 0; i < names->len; i++)
		g_ptr_array_add(paths, g_build_filename(path,
		    (char *)g_ptr_array_index(names, i), NULL));
	ok = true;
out:
	if (dir != NULL)
		g_dir_close(dir);
	if (err != NULL)
		g_error_free(err);
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(skipped, TRUE);
	return ok;
}

/* Expand the command line's inputs into article paths (and a manifest). */
static bool
gather_inputs(struct cli *c, const struct bp_load_opts *lo,
    struct bp_pack *pack, GPtrArray *paths, struct bp_diag *diag)
{
	const char	*in;
	int		 i;
	bool		 ok = true;

	for (i = 0; c->inputs != NULL && c->inputs[i] != NULL && ok; i++) {
		in = c->inputs[i];
		if (strcmp(in, "-") == 0)
			g_ptr_array_add(paths, g_strdup(in));
		else if (g_file_test(in, G_FILE_TEST_IS_DIR))
			ok = add_folder(in, paths, diag);
		else if (g_str_has_suffix(in, ".yaml") ||
		    g_str_has_suffix(in, ".yml")) {
			if (pack->path != NULL) {
				bp_diag_at(diag, in, BP_ERROR, 0, 0,
				    "only one manifest can be given");
				ok = false;
			} else
				ok = bp_meta_load_manifest(in, lo, pack, paths,
				    diag);
		} else
			g_ptr_array_add(paths, g_strdup(in));
	}
	return ok;
}

/* Without -o, a manifest's outputs sit beside it: ext is ".pdf", ".epub". */
static char *
default_output(const struct bp_pack *pack, const char *ext)
{
	char	*base;
	char	*out;

	if (pack->path == NULL)
		return NULL;
	base = g_strdup(pack->path);
	if (g_str_has_suffix(base, ".yaml"))
		base[strlen(base) - 5] = '\0';
	else if (g_str_has_suffix(base, ".yml"))
		base[strlen(base) - 4] = '\0';
	out = g_strconcat(base, ext, NULL);
	g_free(base);
	return out;
}

/* A signal ends the run: named temporary files go first. */
static void
on_signal(int sig)
{
	bp_util_out_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Every non-zero exit says why on stderr, even with -q. When no error
 * was printed (-q hides the warnings behind an exit 1, such as a missing
 * image), this one closing line does, from what the run counted.
 */
static void
say_why(int rc, const struct bp_tally *t)
{
	GString	*s = g_string_new(NULL);

	if (t->failed_articles > 0)
		g_string_append_printf(s, "%d article%s rejected",
		    t->failed_articles, t->failed_articles == 1 ? "" : "s");
	if (t->placeholders > 0)
		g_string_append_printf(s, "%s%d image%s replaced by %s",
		    s->len > 0 ? ", " : "", t->placeholders,
		    t->placeholders == 1 ? "" : "s",
		    t->placeholders == 1 ? "a placeholder" : "placeholders");
	if (t->failed_outputs > 0)
		g_string_append_printf(s, "%s%d output%s not written",
		    s->len > 0 ? ", " : "", t->failed_outputs,
		    t->failed_outputs == 1 ? "" : "s");
	if (t->stale > 0)
		g_string_append_printf(s, "%s%d output%s from an earlier run "
		    "kept but stale", s->len > 0 ? ", " : "", t->stale,
		    t->stale == 1 ? "" : "s");
	if (s->len == 0)
		g_string_append(s, "not everything was written as asked");
	fprintf(stderr, "briefpack: %s (exit %d)\n", s->str, rc);
	g_string_free(s, TRUE);
}

/* Every message goes to stderr and, with --report, into the report. */
static void
sink(void *data, enum bp_severity sev, const char *file, int line, int col,
    const char *msg)
{
	struct bp_diag	 d = { 0 };

	d.quiet = cli.quiet;
	d.verbose = cli.verbose;
	bp_report_message(data, sev, file, line, col, msg);
	bp_diag_print(&d, sev, file, line, col, msg);
}

/* The style: -s, else the manifest's (relative to it), else briefing. */
static struct bp_style *
load_style(const struct bp_pack *pack, const struct bp_load_opts *lo,
    const char *datadir, struct bp_diag *diag)
{
	struct bp_style	*style = NULL;
	const char	*name;
	char		*path = NULL;

	name = cli.style != NULL ? cli.style : pack->meta.style != NULL ?
	    pack->meta.style : "briefing";
	if (cli.style == NULL && pack->meta.style != NULL &&
	    (strchr(name, '/') != NULL || g_str_has_suffix(name, ".yaml") ||
	    g_str_has_suffix(name, ".yml"))) {
		path = bp_util_resolve(pack->path, name, lo->allow_outside);
		if (path == NULL) {
			bp_diag_at(diag, pack->path, BP_ERROR, 0, 0, "style \"%s\""
			    " is outside the manifest's folder", name);
			goto out;
		}
	}
	style = bp_style_load(path != NULL ? path : name, datadir, diag);
out:
	g_free(path);
	return style;
}

/*
 * One pack from every input: load the articles (on workers), then write
 * each output from the one parse. Returns the exit status.
 */
static int
run_pack(struct bp_pack *pack, GPtrArray *paths, struct bp_batch_opts *bo,
    const char *folder, struct bp_diag *diag, struct bp_tally *tally)
{
	GPtrArray		*outputs = g_ptr_array_new_with_free_func(g_free);
	struct bp_pdf_opts	 po = { 0 };
	struct bp_epub_opts	 eo = { 0 };
	struct bp_pdf		*pdf = NULL;
	struct bp_epub		*epub = NULL;
	struct bp_article	*art;
	struct bp_write_result	 res;
	const char		*o;
	char			*dump;
	bool			 want_pdf = false, want_epub = false, written;
	int			 rc = EXIT_OK, i, nfailed = 0;
	guint			 k;
	gint64			 t;

	/* Outputs: -o, else beside the manifest. */
	for (i = 0; cli.outputs != NULL && cli.outputs[i] != NULL; i++)
		g_ptr_array_add(outputs, g_strdup(cli.outputs[i]));
	if (outputs->len == 0 && pack->path != NULL) {
		g_ptr_array_add(outputs, default_output(pack, ".pdf"));
		g_ptr_array_add(outputs, default_output(pack, ".epub"));
	}
	if (outputs->len == 0 && cli.dump == NULL) {
		bp_diag_at(diag, NULL, BP_ERROR, 0, 0, "no output given: use "
		    "-o FILE.pdf, -o FILE.epub or --each");
		rc = EXIT_USAGE;
		goto out;
	}
	for (k = 0; k < outputs->len; k++) {
		o = g_ptr_array_index(outputs, k);
		if (g_str_has_suffix(o, ".pdf"))
			want_pdf = true;
		else if (g_str_has_suffix(o, ".epub"))
			want_epub = true;
		else {
			bp_diag_at(diag, o, BP_ERROR, 0, 0, "unknown output "
			    "format (use .pdf or .epub)");
			rc = EXIT_USAGE;
			goto out;
		}
	}

	/*
	 * Load every article; a bad one is reported and shown as failed.
	 * For the PDF alone, articles keep only their text until the writer
	 * reaches them, so memory does not grow with the pack.
	 */
	bo->load.lang = pack->meta.lang;
	bo->load.lazy = !want_epub && cli.dump == NULL;
	bp_batch_load(bo, paths, pack, diag);
	for (k = 0; k < pack->articles->len; k++) {
		art = g_ptr_array_index(pack->articles, k);
		if (art->failed) {
			nfailed++;
			rc = EXIT_ARTICLE;
		}
		if (art->missing_images > 0)
			rc = EXIT_ARTICLE;
		tally->placeholders += (int)art->missing_images;
	}
	tally->failed_articles += nfailed;
	bp_pack_fill_defaults(pack, folder, bo->style, diag);
	if (cli.dump != NULL && strcmp(cli.dump, "model") == 0) {
		dump = bp_pack_dump(pack);
		fputs(dump, stdout);
		g_free(dump);
		goto out;
	}
	if (nfailed == (int)pack->articles->len) {
		bp_diag_at(diag, NULL, BP_ERROR, 0, 0, "no article could be "
		    "read; nothing written");
		rc = EXIT_ARTICLE;
		goto out;
	}

	/* One writer per format, made once for every output of the pack. */
	po.datadir = eo.datadir = bo->datadir;
	po.toc = eo.toc = bo->toc;
	po.jobs = bo->jobs;
	if ((want_pdf || cli.dump != NULL) &&
	    (pdf = bp_pdf_new(&po, bo->style, diag)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.dump != NULL) {
		bp_pdf_write(pdf, pack, NULL, &res);
		goto out;
	}
	if (want_epub && (epub = bp_epub_new(&eo, bo->style, diag)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	for (k = 0; k < outputs->len; k++) {
		o = g_ptr_array_index(outputs, k);
		t = g_get_monotonic_time();
		if (g_str_has_suffix(o, ".epub"))
			written = bp_epub_write(epub, pack, o, &res);
		else
			written = bp_pdf_write(pdf, pack, o, &res);
		if (bo->report != NULL)
			bp_report_output(bo->report, (int)k, o, g_str_has_suffix(o,
			    ".epub") ? "epub" : "pdf", pack, written, &res,
			    (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
		if (!written) {
			rc = EXIT_USAGE;
			tally->failed_outputs++;
			continue;
		}
		/* Each output shows the same images: count them once. */
		tally->placeholders = MAX(tally->placeholders,
		    res.placeholders);
		if (res.placeholders > 0 && rc == EXIT_OK)
			rc = EXIT_ARTICLE;
		bp_diag_at(diag, o, BP_NOTE, 0, 0, "wrote %d pages, %u articles "
		    "in %.2f s", res.pages, pack->articles->len,
		    (double)(g_get_monotonic_time() - t) / G_USEC_PER_SEC);
	}
out:
	bp_pdf_free(pdf);
	bp_epub_free(epub);
	g_ptr_array_free(outputs, TRUE);
	return rc;
}

int
main(int argc, char **argv)
{
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.outputs,
		  "Write FILE (.pdf or .epub); may be given more than once",
		  "FILE" },
		{ "each", 0, 0, G_OPTION_ARG_NONE, &cli.each,
		  "One output per article instead of one pack", NULL },
		{ "outdir", 0, 0, G_OPTION_ARG_FILENAME, &cli.outdir,
		  "With --each: write into DIR, made if missing (default: "
		  "beside each article)", "DIR" },
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &cli.formats,
		  "With --each: formats to write (default: pdf)", "pdf,epub" },
		{ "style", 's', 0, G_OPTION_ARG_STRING, &cli.style,
		  "Style name (briefing, memo) or a style file", "NAME|FILE" },
		{ "meta", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &cli.meta,
		  "Set pack metadata (title, date, lang, classification, ...)",
		  "KEY=VALUE" },
		{ "toc", 0, 0, G_OPTION_ARG_NONE, &cli.toc,
		  "Always print a contents page", NULL },
		{ "no-toc", 0, 0, G_OPTION_ARG_NONE, &cli.no_toc,
		  "Never print a contents page", NULL },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &cli.jobs,
		  "Parallel workers (default: the number of processors)", "N" },
		{ "report", 0, 0, G_OPTION_ARG_FILENAME, &cli.report,
		  "Write a JSON summary of inputs, outputs and messages", "FILE" },
		{ "allow-outside", 0, 0, G_OPTION_ARG_NONE, &cli.allow_outside,
		  "Let articles and manifests name files outside their folder",
		  NULL },
		{ "no-smart", 0, 0, G_OPTION_ARG_NONE, &cli.no_smart,
		  "Keep straight quotes and dashes as typed", NULL },
		{ "dump", 0, 0, G_OPTION_ARG_STRING, &cli.dump,
		  "Print the document model or the page layout instead of "
		  "writing files", "model|layout" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &cli.quiet,
		  "Only print errors", NULL },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &cli.verbose,
		  "Also print notes: what was written, pages, time", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &cli.version,
		  "Print the version and exit", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
		  &cli.inputs, NULL, "INPUT..." },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	GOptionContext		*ctx = NULL;
	GError			*err = NULL;
	struct bp_diag		 diag = { 0 };
	struct bp_batch_opts	 bo = { 0 };
	struct bp_pack		*pack = NULL;
	struct bp_style		*style = NULL;
	struct bp_report	*report = NULL;
	struct bp_tally		 tally = { 0 };
	GPtrArray		*paths = NULL;
	const char		*folder = NULL;
	char			*datadir = NULL, **fmts = NULL;
	int			 rc = EXIT_OK, i;
	bool			 ran = false;
	gint64			 t0 = g_get_monotonic_time();
	gint64			 started = g_get_real_time();
	/* The command line as given, for the report (parsing edits argv). */
	char		       **args = g_strdupv(argv);

	/* Text handling only; numbers stay in the C locale for PDF output. */
	setlocale(LC_CTYPE, "");
	cli.jobs = -1;

	ctx = g_option_context_new("INPUT...");
	g_option_context_set_summary(ctx, "Turn Markdown articles into a "
	    "print-ready PDF briefing pack and an EPUB.\n\nINPUT is an article "
	    "(.md), a folder of articles, a pack manifest (.yaml), or - for "
	    "standard input.");
	g_option_context_set_description(ctx, "Exit status: 0 all written; 1 "
	    "an article was rejected or an image replaced by a placeholder "
	    "(the rest was written); 2 usage or configuration error.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "briefpack: %s\nTry 'briefpack --help'.\n",
		    err->message);
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.version) {
		printf("briefpack %s\n", BP_VERSION);
		goto out;
	}
	diag.quiet = cli.quiet;
	diag.verbose = cli.verbose;
	if (cli.report != NULL) {
		report = bp_report_new();
		bp_report_set_run(report, args, started);
		diag.fn = sink;
		diag.data = report;
	}
	if (cli.inputs == NULL || cli.inputs[0] == NULL) {
		fprintf(stderr, "briefpack: no input given\n"
		    "Try 'briefpack --help'.\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.toc && cli.no_toc) {
		fprintf(stderr, "briefpack: --toc and --no-toc contradict\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.dump != NULL && strcmp(cli.dump, "model") != 0 &&
	    strcmp(cli.dump, "layout") != 0) {
		fprintf(stderr, "briefpack: --dump takes model or layout\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.jobs == 0 || cli.jobs < -1 || cli.jobs > 256) {
		fprintf(stderr, "briefpack: --jobs takes 1 to 256\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (!cli.each && (cli.outdir != NULL || cli.formats != NULL)) {
		fprintf(stderr, "briefpack: --outdir and --format go with "
		    "--each\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.each && (cli.outputs != NULL || cli.dump != NULL)) {
		fprintf(stderr, "briefpack: --each names its outputs itself; "
		    "use --outdir, not -o or --dump\n");
		rc = EXIT_USAGE;
		goto out;
	}

	/* Interrupted runs leave no temporary files behind. */
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	bp_md_init();

	bo.load.allow_outside = cli.allow_outside;
	bo.load.smart = !cli.no_smart;
	bo.toc = cli.toc ? 1 : cli.no_toc ? 0 : -1;
	bo.jobs = cli.jobs > 0 ? cli.jobs : (int)g_get_num_processors();
	bo.report = report;
	bo.meta = cli.meta;
	bo.outdir = cli.outdir;
	bo.progress = !cli.quiet && isatty(STDERR_FILENO);
	datadir = find_datadir();
	bo.datadir = datadir;
	if (cli.each) {
		bo.pdf = cli.formats == NULL;
		fmts = g_strsplit(cli.formats != NULL ? cli.formats : "", ",",
		    -1);
		for (i = 0; fmts[i] != NULL; i++) {
			g_strstrip(fmts[i]);
			if (g_ascii_strcasecmp(fmts[i], "pdf") == 0)
				bo.pdf = true;
			else if (g_ascii_strcasecmp(fmts[i], "epub") == 0)
				bo.epub = true;
			else {
				fprintf(stderr, "briefpack: --format takes pdf, "
				    "epub or pdf,epub, not \"%s\"\n", fmts[i]);
				rc = EXIT_USAGE;
				goto out;
			}
		}
	}

	/* Inputs and the pack's own metadata (manifest, then -M). */
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	if (!gather_inputs(&cli, &bo.load, pack, paths, &diag)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (pack->path == NULL && cli.inputs[1] == NULL &&
	    g_file_test(cli.inputs[0], G_FILE_TEST_IS_DIR))
		folder = cli.inputs[0];
	if (diag.errors > 0)
		rc = EXIT_ARTICLE;
	for (i = 0; cli.meta != NULL && cli.meta[i] != NULL; i++)
		if (!bp_meta_set_kv(&pack->meta, cli.meta[i], &diag)) {
			rc = EXIT_USAGE;
			goto out;
		}
	if (paths->len == 0) {
		fprintf(stderr, "briefpack: no articles to convert\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if ((style = load_style(pack, &bo.load, datadir, &diag)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	bo.style = style;
	bo.load.lang = pack->meta.lang;
	/* (Not inside MAX(), which would run it twice.) */
	i = cli.each ? bp_batch_each(&bo, paths, pack, &diag, &tally) :
	    run_pack(pack, paths, &bo, folder, &diag, &tally);
	rc = MAX(rc, i);
	ran = true;
out:
	/* The report is written last, with the exit status it describes. */
	if (report != NULL && !bp_report_write(report, cli.report, rc,
	    (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC, &diag))
		rc = EXIT_USAGE;
	if (ran && rc != EXIT_OK && diag.errors == 0)
		say_why(rc, &tally);
	bp_report_free(report);
	bp_style_free(style);
	bp_pack_free(pack);
	if (paths != NULL)
		g_ptr_array_free(paths, TRUE);
	if (err != NULL)
		g_error_free(err);
	g_option_context_free(ctx);
	g_strfreev(fmts);
	g_strfreev(cli.outputs);
	g_free(cli.style);
	g_strfreev(cli.meta);
	g_free(cli.dump);
	g_free(cli.outdir);
	g_free(cli.formats);
	g_free(cli.report);
	g_strfreev(cli.inputs);
	g_free(datadir);
	g_strfreev(args);
	return rc;
}
