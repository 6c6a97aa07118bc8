/*
 * briefpack command line: check the options, load the pack from the
 * inputs (inputs.c), write its outputs and decide the exit status.
 * The only file that exits.
 * SPDX-License-Identifier: MIT
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bp.h"
#include "parse/load.h"

struct cli {
	char	       **outputs;
	char		*style;
	char	       **meta;
	gboolean	 toc, no_toc;
	gboolean	 cover, no_cover;
	gboolean	 quiet;
	gboolean	 verbose;
	gboolean	 version;
	gboolean	 allow_outside;
	gboolean	 no_smart;
	gboolean	 no_page_list;
	char		*dump;
	gboolean	 each;
	char		*outdir;
	char		*formats;
	int		 jobs;
	int		 copies;     /* --copies N; -1: not given */
	char		*report;
	char		*pdf_standard;
	unsigned	 pdf_bits;   /* pdf_standard, checked */
	char	       **inputs;
};

static char *find_datadir(void);
static void on_signal(int sig);
static void sink(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg);
static void say_why(enum bp_exit rc, const struct bp_tally *t);
static struct bp_style *load_style(const struct bp_pack *pack,
    const struct bp_load_opts *lo, const char *datadir,
    struct bp_diag *diag);
static bool pick_outputs(const struct bp_pack *pack, struct bp_diag *diag,
    GPtrArray *outputs, bool *want_pdf, bool *want_epub);
static void note_copies(struct bp_diag *diag, const char *path, int copies,
    int pages, guint articles, double secs);
static void write_outputs(const struct bp_pack *pack, GPtrArray *outputs,
    const struct bp_batch_opts *bo, bool want_pdf, bool want_epub,
    struct bp_diag *diag, struct bp_tally *tally);
static void run_pack(struct bp_pack *pack, GPtrArray *paths,
    struct bp_batch_opts *bo, const char *folder, struct bp_diag *diag,
    struct bp_tally *tally);
static bool check_options(void);
static bool pick_formats(struct bp_batch_opts *bo);
static void set_batch_opts(struct bp_batch_opts *bo,
    struct bp_report *report, const char *datadir);
static bool run(struct bp_batch_opts *bo, struct bp_diag *diag,
    struct bp_tally *tally);
static GOptionContext *new_context(void);
static void free_cli(void);

static struct cli cli;

/* The options, parsed into cli. */
static const GOptionEntry cli_options[] = {
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.outputs,
	  "Write FILE (.pdf, .epub, or .md: one article as Markdown); may "
	  "be given more than once",
	  "FILE" },
	{ "each", 0, 0, G_OPTION_ARG_NONE, &cli.each,
	  "One output per article instead of one pack", NULL },
	{ "outdir", 0, 0, G_OPTION_ARG_FILENAME, &cli.outdir,
	  "With --each: write into DIR, made if missing (default: "
	  "beside each article)", "DIR" },
	{ "format", 'f', 0, G_OPTION_ARG_STRING, &cli.formats,
	  "With --each: formats to write (default: pdf)", "pdf,epub,md" },
	{ "style", 's', 0, G_OPTION_ARG_STRING, &cli.style,
	  "Style name (briefing, memo) or a style file", "NAME|FILE" },
	{ "meta", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &cli.meta,
	  "Set pack metadata (title, date, lang, classification, ...)",
	  "KEY=VALUE" },
	{ "toc", 0, 0, G_OPTION_ARG_NONE, &cli.toc,
	  "Always print a contents page", NULL },
	{ "no-toc", 0, 0, G_OPTION_ARG_NONE, &cli.no_toc,
	  "Never print a contents page", NULL },
	{ "cover", 0, 0, G_OPTION_ARG_NONE, &cli.cover,
	  "Always print a cover page (default: the style's; briefing's "
	  "for two or more articles)", NULL },
	{ "no-cover", 0, 0, G_OPTION_ARG_NONE, &cli.no_cover,
	  "Never print a cover page", NULL },
	{ "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &cli.pdf_standard,
	  "Standards the PDF is made to (default: the style's, "
	  "a-2a,ua-1); none leaves Cairo's file as it is",
	  "a-2a,ua-1|a-2b|a-2u|ua-1|none" },
	{ "copies", 0, 0, G_OPTION_ARG_INT, &cli.copies,
	  "Write N numbered copies of each PDF: pack-1.pdf ... pack-N.pdf, "
	  "every page marked \"Copy 2 of N\" (default: one per holder in "
	  "the manifest's distribution list)", "N" },
	{ "jobs", 'j', 0, G_OPTION_ARG_INT, &cli.jobs,
	  "Parallel workers (default: the number of processors)", "N" },
	{ "report", 0, 0, G_OPTION_ARG_FILENAME, &cli.report,
	  "Write a JSON summary of inputs, outputs and messages", "FILE" },
	{ "allow-outside", 0, 0, G_OPTION_ARG_NONE, &cli.allow_outside,
	  "Let articles and manifests name files outside their folder",
	  NULL },
	{ "no-smart", 0, 0, G_OPTION_ARG_NONE, &cli.no_smart,
	  "Keep straight quotes and dashes as typed", NULL },
	{ "no-page-list", 0, 0, G_OPTION_ARG_NONE, &cli.no_page_list,
	  "EPUB without the printed pack's page numbers (no page-list: "
	  "an EPUB alone is then not laid out as a PDF too)", NULL },
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
say_why(enum bp_exit rc, const struct bp_tally *t)
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
	fprintf(stderr, "briefpack: %s (exit %d)\n", s->str, (int)rc);
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
 * The outputs of one pack: -o, else beside the manifest; want_pdf and
 * want_epub say which writers they need. Returns false after an error
 * (none given, an unknown format).
 */
static bool
pick_outputs(const struct bp_pack *pack, struct bp_diag *diag,
    GPtrArray *outputs, bool *want_pdf, bool *want_epub)
{
	const char	*o;
	bool		 ok = false;
	int		 i;
	guint		 k;

	for (i = 0; cli.outputs != NULL && cli.outputs[i] != NULL; i++)
		g_ptr_array_add(outputs, g_strdup(cli.outputs[i]));
	if (outputs->len == 0 && pack->path != NULL) {
		g_ptr_array_add(outputs, bp_inputs_default_output(pack,
		    ".pdf"));
		g_ptr_array_add(outputs, bp_inputs_default_output(pack,
		    ".epub"));
	}
	if (outputs->len == 0 && cli.dump == NULL) {
		bp_diag_at(diag, NULL, BP_ERROR, 0, 0, "no output given: use "
		    "-o FILE.pdf, -o FILE.epub, -o FILE.md or --each");
		goto out;
	}
	for (k = 0; k < outputs->len; k++) {
		o = g_ptr_array_index(outputs, k);
		if (g_str_has_suffix(o, ".pdf"))
			*want_pdf = true;
		else if (g_str_has_suffix(o, ".epub"))
			*want_epub = true;
		else if (!g_str_has_suffix(o, ".md")) {
			bp_diag_at(diag, o, BP_ERROR, 0, 0, "unknown output "
			    "format (use .pdf, .epub or .md)");
			goto out;
		}
	}
	ok = true;
out:
	return ok;
}

/*
 * One writer per format, made once for every output of the pack, then
 * each output in turn (or, with --dump=layout, the page layout), all
 * tallied.
 */
/* The note for numbered copies: their names, not the output's own. */
static void
note_copies(struct bp_diag *diag, const char *path, int copies, int pages,
    guint articles, double secs)
{
	char	*base = g_path_get_basename(path);
	char	*dot = strrchr(base, '.');

	if (dot != NULL && dot != base)
		*dot = '\0';
	bp_diag_at(diag, path, BP_NOTE, 0, 0, "wrote %d numbered %s, "
	    "%s-1.pdf to %s-%d.pdf, of %d %s, %u %s in %.2f s", copies,
	    bp_util_plural(copies, "copy", "copies"), base, base, copies,
	    pages, bp_util_plural(pages, "page", "pages"), articles,
	    bp_util_plural(articles, "article", "articles"), secs);
	g_free(base);
}

static void
write_outputs(const struct bp_pack *pack, GPtrArray *outputs,
    const struct bp_batch_opts *bo, bool want_pdf, bool want_epub,
    struct bp_diag *diag, struct bp_tally *tally)
{
	struct bp_pdf_opts	 po = { 0 };
	struct bp_epub_opts	 eo = { 0 };
	struct bp_pdf		*pdf = NULL;
	struct bp_epub		*epub = NULL;
	struct bp_mdw		*mdw = bp_mdw_new(diag);
	struct bp_write_result	 res;
	const char		*o, *fmt;
	bool			 written;
	bool			 paged = false;   /* pdf holds this pack's pages */
	guint			 k;
	gint64			 t;

	po.datadir = eo.datadir = bo->datadir;
	po.toc = eo.toc = bo->toc;
	po.cover = bo->cover;
	po.jobs = bo->jobs;
	po.standard = bo->pdf_standard;
	po.copies = MAX(cli.copies, 0);
	/* The PDF writer also paginates for the EPUB's page-list. */
	if ((want_pdf || cli.dump != NULL || (want_epub &&
	    !bo->no_page_list)) &&
	    (pdf = bp_pdf_new(&po, bo->style, diag)) == NULL) {
		tally->usage_errors++;
		goto out;
	}
	if (cli.dump != NULL) {
		bp_pdf_write(pdf, pack, NULL, &res);
		goto out;
	}
	if (want_epub && (epub = bp_epub_new(&eo, bo->style, diag)) == NULL) {
		tally->usage_errors++;
		goto out;
	}
	for (k = 0; k < outputs->len; k++) {
		o = g_ptr_array_index(outputs, k);
		t = g_get_monotonic_time();
		/* The printed pages: laid out once, by a PDF or for an EPUB. */
		if (g_str_has_suffix(o, ".epub") && !bo->no_page_list) {
			bp_batch_give_pages(pdf, pack, paged, epub);
			paged = true;
		}
		fmt = g_str_has_suffix(o, ".epub") ? "epub" :
		    g_str_has_suffix(o, ".md") ? "md" : "pdf";
		if (*fmt == 'e' && bp_pack_get_copies(pack, po.copies) > 0)
			bp_diag_at(diag, o, BP_NOTE, 0, 0, "one EPUB, without a "
			    "copy number: the numbered copies are the PDF's");
		if (*fmt == 'e')
			written = bp_epub_write(epub, pack, o, &res);
		else if (*fmt == 'm')
			written = bp_mdw_write(mdw, pack, o, &res);
		else
			written = paged = bp_pdf_write(pdf, pack, o, &res);
		if (bo->report != NULL)
			bp_report_output(bo->report, (int)k, o, fmt, pack,
			    written, &res, (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
		if (!written) {
			tally->failed_outputs++;
			continue;
		}
		/* Each output shows the same images: count them once. */
		tally->placeholders = MAX(tally->placeholders,
		    res.placeholders);
		/* An article left out in writing only (its body lost). */
		if (res.failed_articles > tally->failed_articles)
			tally->article_errors++;
		if (*fmt == 'm')
			bp_diag_at(diag, o, BP_NOTE, 0, 0, "wrote the article as "
			    "Markdown");
		else if (*fmt == 'p' && bp_pack_get_copies(pack,
		    po.copies) > 0)
			note_copies(diag, o, bp_pack_get_copies(pack,
			    po.copies), res.pages, pack->articles->len,
			    (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
		else if (*fmt == 'p')
			bp_diag_at(diag, o, BP_NOTE, 0, 0, "wrote %d %s, %u %s "
			    "in %.2f s", res.pages, bp_util_plural(res.pages,
			    "page", "pages"), pack->articles->len,
			    bp_util_plural(pack->articles->len, "article",
			    "articles"), (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
		else
			bp_diag_at(diag, o, BP_NOTE, 0, 0, "wrote %u %s in "
			    "%.2f s", pack->articles->len, bp_util_plural(
			    pack->articles->len, "article", "articles"),
			    (double)(g_get_monotonic_time() - t) /
			    G_USEC_PER_SEC);
	}
out:
	bp_pdf_free(pdf);
	bp_epub_free(epub);
	bp_mdw_free(mdw);
}

/*
 * One pack from every input: load the articles (on workers), then write
 * each output from the one parse; what became of them goes in tally.
 */
static void
run_pack(struct bp_pack *pack, GPtrArray *paths, struct bp_batch_opts *bo,
    const char *folder, struct bp_diag *diag, struct bp_tally *tally)
{
	GPtrArray		*outputs = g_ptr_array_new_with_free_func(g_free);
	struct bp_article	*art;
	char			*dump;
	bool			 want_pdf = false, want_epub = false;
	int			 nfailed = 0;
	guint			 k;

	if (!pick_outputs(pack, diag, outputs, &want_pdf, &want_epub)) {
		tally->usage_errors++;
		goto out;
	}
	/* A Markdown file is one article: refused before anything is read. */
	for (k = 0; k < outputs->len && paths->len == 1; k++)
		if (bp_util_is_same_file(g_ptr_array_index(outputs, k),
		    g_ptr_array_index(paths, 0))) {
			bp_diag_at(diag, g_ptr_array_index(outputs, k), BP_ERROR,
			    0, 0, "would overwrite its own article");
			tally->usage_errors++;
			goto out;
		}
	for (k = 0; k < outputs->len && paths->len != 1; k++)
		if (g_str_has_suffix(g_ptr_array_index(outputs, k), ".md")) {
			bp_diag_at(diag, g_ptr_array_index(outputs, k), BP_ERROR,
			    0, 0, "a Markdown output holds one article, and "
			    "the inputs give %u; use --each -f md for one .md "
			    "per article", paths->len);
			tally->usage_errors++;
			goto out;
		}

	/* Load every article; a bad one is reported and shown as failed. */
	bo->load.lang = pack->meta.lang;
	bp_batch_load(bo, paths, pack, diag);
	for (k = 0; k < pack->articles->len; k++) {
		art = g_ptr_array_index(pack->articles, k);
		if (art->failed)
			nfailed++;
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
		goto out;
	}
	write_outputs(pack, outputs, bo, want_pdf, want_epub, diag, tally);
out:
	g_ptr_array_free(outputs, TRUE);
}

/* Options that contradict or are out of range: a message, then false. */
static bool
check_options(void)
{
	bool	 ok = false;

	if (cli.inputs == NULL || cli.inputs[0] == NULL) {
		fprintf(stderr, "briefpack: no input given\n"
		    "Try 'briefpack --help'.\n");
		goto out;
	}
	if (cli.toc && cli.no_toc) {
		fprintf(stderr, "briefpack: --toc and --no-toc contradict\n");
		goto out;
	}
	if (cli.cover && cli.no_cover) {
		fprintf(stderr, "briefpack: --cover and --no-cover contradict\n");
		goto out;
	}
	if (cli.dump != NULL && strcmp(cli.dump, "model") != 0 &&
	    strcmp(cli.dump, "layout") != 0) {
		fprintf(stderr, "briefpack: --dump takes model or layout\n");
		goto out;
	}
	if (cli.pdf_standard != NULL &&
	    !bp_style_parse_pdf_standard(cli.pdf_standard, &cli.pdf_bits)) {
		fprintf(stderr, "briefpack: --pdf-standard takes %s, not "
		    "\"%s\"\n", BP_PDF_STD_WANT, cli.pdf_standard);
		goto out;
	}
	if (cli.copies == 0 || cli.copies < -1 || cli.copies > BP_MAX_COPIES) {
		fprintf(stderr, "briefpack: --copies takes 1 to %d\n",
		    BP_MAX_COPIES);
		goto out;
	}
	if (cli.each && cli.copies > 0) {
		fprintf(stderr, "briefpack: --copies numbers the copies of one "
		    "pack; it does not go with --each\n");
		goto out;
	}
	if (cli.jobs == 0 || cli.jobs < -1 || cli.jobs > 256) {
		fprintf(stderr, "briefpack: --jobs takes 1 to 256\n");
		goto out;
	}
	if (!cli.each && (cli.outdir != NULL || cli.formats != NULL)) {
		fprintf(stderr, "briefpack: --outdir and --format go with "
		    "--each\n");
		goto out;
	}
	if (cli.each && (cli.outputs != NULL || cli.dump != NULL)) {
		fprintf(stderr, "briefpack: --each names its outputs itself; "
		    "use --outdir, not -o or --dump\n");
		goto out;
	}
	ok = true;
out:
	return ok;
}

/* --each: the writers --format asks for (default: the PDF alone). */
static bool
pick_formats(struct bp_batch_opts *bo)
{
	char	**fmts = NULL;
	int	  i;
	bool	  ok = false;

	bo->pdf = cli.formats == NULL;
	fmts = g_strsplit(cli.formats != NULL ? cli.formats : "", ",", -1);
	for (i = 0; fmts[i] != NULL; i++) {
		g_strstrip(fmts[i]);
		if (g_ascii_strcasecmp(fmts[i], "pdf") == 0)
			bo->pdf = true;
		else if (g_ascii_strcasecmp(fmts[i], "epub") == 0)
			bo->epub = true;
		else if (g_ascii_strcasecmp(fmts[i], "md") == 0)
			bo->md = true;
		else {
			fprintf(stderr, "briefpack: --format takes a comma "
			    "list of pdf, epub and md, not \"%s\"\n", fmts[i]);
			goto out;
		}
	}
	ok = true;
out:
	g_strfreev(fmts);
	return ok;
}

/* The batch settings from the options; bo keeps report and datadir. */
static void
set_batch_opts(struct bp_batch_opts *bo, struct bp_report *report,
    const char *datadir)
{
	bo->load.allow_outside = cli.allow_outside;
	bo->load.smart = !cli.no_smart;
	bo->toc = cli.toc ? 1 : cli.no_toc ? 0 : -1;
	bo->cover = cli.cover ? 1 : cli.no_cover ? 0 : -1;
	bo->pdf_standard = cli.pdf_standard != NULL ? (int)cli.pdf_bits : -1;
	bo->no_page_list = cli.no_page_list;
	bo->jobs = cli.jobs > 0 ? cli.jobs : (int)g_get_num_processors();
	bo->report = report;
	bo->meta = cli.meta;
	bo->outdir = cli.outdir;
	bo->progress = !cli.quiet && isatty(STDERR_FILENO);
	bo->datadir = datadir;
	bo->load.datadir = datadir;
}

/*
 * The inputs and the pack's own metadata (manifest, then -M), the style,
 * then one pack or --each, all tallied. Returns whether it got as far as
 * the articles (a closing line may then be due).
 */
static bool
run(struct bp_batch_opts *bo, struct bp_diag *diag, struct bp_tally *tally)
{
	struct bp_pack	*pack = bp_pack_new();
	struct bp_style	*style = NULL;
	GPtrArray	*paths = g_ptr_array_new_with_free_func(g_free);
	const char	*folder;
	bool		 ran = false;
	int		 i;

	if (!bp_inputs_gather(cli.inputs, &bo->load, pack, paths, diag)) {
		tally->usage_errors++;
		goto out;
	}
	folder = bp_inputs_folder(cli.inputs, pack);
	/* Errors in the inputs (a refused manifest entry) fail the run. */
	if (diag->errors > 0)
		tally->article_errors++;
	for (i = 0; cli.meta != NULL && cli.meta[i] != NULL; i++)
		if (!bp_meta_set_kv(&pack->meta, cli.meta[i], diag)) {
			tally->usage_errors++;
			goto out;
		}
	/* Numbered copies: --copies and the distribution list agree. */
	if (!bp_pack_check_copies(pack, MAX(cli.copies, 0), diag)) {
		tally->usage_errors++;
		goto out;
	}
	if (cli.each && pack->meta.distribution != NULL)
		bp_diag_at(diag, pack->path, BP_WARNING, 0, 0, "the distribution "
		    "list numbers the copies of the pack; with --each it is "
		    "not used");
	if (paths->len == 0) {
		fprintf(stderr, "briefpack: no articles to convert\n");
		tally->usage_errors++;
		goto out;
	}
	if ((style = load_style(pack, &bo->load, bo->datadir, diag)) == NULL) {
		tally->usage_errors++;
		goto out;
	}
	bo->style = style;
	bo->load.lang = pack->meta.lang;
	if (cli.each)
		bp_batch_each(bo, paths, pack, diag, tally);
	else
		run_pack(pack, paths, bo, folder, diag, tally);
	ran = true;
out:
	bo->style = NULL;
	bp_style_free(style);
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);
	return ran;
}

/* The option parser with its help text. Caller frees. */
static GOptionContext *
new_context(void)
{
	/* No parameter string: the INPUT... entry names the inputs once. */
	GOptionContext	*ctx = g_option_context_new(NULL);

	/* help2man makes the man page from this text (make man). */
	g_option_context_set_summary(ctx, "Turn articles into a print-ready "
	    "PDF briefing pack and an EPUB.\n\nINPUT is an article (.md, "
	    ".txt pasted from a web page, .html saved web page, .docx), a "
	    "folder (its articles of those kinds, in name order), a pack "
	    "manifest (.yaml), or "
	    "- for one article on standard input. Two or more articles make "
	    "a pack with a cover and contents; one article is a memo.");
	g_option_context_set_description(ctx,
	    "Exit status:\n"
	    "  0  everything was written as asked\n"
	    "  1  an article was rejected or an image replaced by a "
	    "placeholder\n"
	    "     (every other output was still written)\n"
	    "  2  usage or configuration error (bad option, manifest or "
	    "style)\n"
	    "\n"
	    "Examples:\n"
	    "  One article is a memo, without cover or contents:\n"
	    "    $ briefpack note.md -o note.pdf\n"
	    "  A manifest: uke48.pdf and uke48.epub beside it:\n"
	    "    $ briefpack uke48.yaml\n"
	    "  A folder's articles as one pack, in both formats:\n"
	    "    $ briefpack artikler/ -o pack.pdf -o pack.epub\n"
	    "  One PDF and one EPUB per article:\n"
	    "    $ briefpack --each -f pdf,epub --outdir out artikler/\n"
	    "  A saved web page as a Markdown article to keep:\n"
	    "    $ briefpack side.html -o side.md\n"
	    "\n"
	    "Environment:\n"
	    "  SOURCE_DATE_EPOCH     Seconds since 1970: the outputs' dates and "
	    "a pack's\n"
	    "                        default date; set it for byte-identical "
	    "files\n"
	    "  BRIEFPACK_DATADIR     Folder with fonts/, styles/, icc/ and "
	    "data/\n"
	    "                        (default: the source tree, else "
	    BP_DATADIR ")\n"
	    "  BRIEFPACK_HYPHEN_DIR  Hyphenation dictionaries (default: "
	    "/usr/share/hyphen)\n"
	    "  BRIEFPACK_CACHE_DIR   Compiled dictionaries (default: "
	    "$XDG_CACHE_HOME/briefpack,\n"
	    "                        else ~/.cache/briefpack; empty: no "
	    "cache)\n"
	    "  TMPDIR                Temporary files while laying out "
	    "(default: /tmp)");
	g_option_context_add_main_entries(ctx, cli_options, NULL);
	return ctx;
}

/* What option parsing allocated in cli. */
static void
free_cli(void)
{
	g_strfreev(cli.outputs);
	g_free(cli.style);
	g_strfreev(cli.meta);
	g_free(cli.dump);
	g_free(cli.outdir);
	g_free(cli.formats);
	g_free(cli.pdf_standard);
	g_free(cli.report);
	g_strfreev(cli.inputs);
}

int
main(int argc, char **argv)
{
	GOptionContext		*ctx = NULL;
	GError			*err = NULL;
	struct bp_diag		 diag = { 0 };
	struct bp_batch_opts	 bo = { 0 };
	struct bp_report	*report = NULL;
	struct bp_tally		 tally = { 0 };
	char			*datadir = NULL;
	struct bp_lang_profiles	*langs = NULL;
	enum bp_exit		 rc;
	bool			 ran = false;
	gint64			 t0 = g_get_monotonic_time();
	gint64			 started = g_get_real_time();
	/* The command line as given, for the report (parsing edits argv). */
	char		       **args = g_strdupv(argv);

	/* Text handling only; numbers stay in the C locale for PDF output. */
	setlocale(LC_CTYPE, "");
	cli.jobs = -1;
	cli.copies = -1;

	ctx = new_context();
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "briefpack: %s\nTry 'briefpack --help'.\n",
		    err->message);
		tally.usage_errors++;
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
	if (!check_options()) {
		tally.usage_errors++;
		goto out;
	}

	/* Interrupted runs leave no temporary files behind. */
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	bp_md_init();

	datadir = find_datadir();
	set_batch_opts(&bo, report, datadir);
	/* For articles without a language: data/lang/ (model/lang.c). */
	langs = bp_lang_load(datadir, &diag);
	bo.load.langs = langs;
	if (cli.each && !pick_formats(&bo)) {
		tally.usage_errors++;
		goto out;
	}
	ran = run(&bo, &diag, &tally);
out:
	/* The report is written last, with the exit status it describes. */
	rc = bp_batch_get_exit(&tally);
	if (report != NULL && !bp_report_write(report, cli.report, (int)rc,
	    (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC, &diag)) {
		tally.usage_errors++;
		rc = bp_batch_get_exit(&tally);
	}
	if (ran && rc != BP_EXIT_OK && diag.errors == 0)
		say_why(rc, &tally);
	bp_report_free(report);
	if (err != NULL)
		g_error_free(err);
	g_option_context_free(ctx);
	free_cli();
	bp_lang_free(langs);
	g_free(datadir);
	g_strfreev(args);
	return (int)rc;
}
