/*
 * briefpack command line: gather inputs, load the pack, write outputs,
 * and decide the exit status. The only file that exits.
 * SPDX-License-Identifier: MIT
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	char	       **inputs;
};

static char *find_datadir(void);
static bool add_folder(const char *, GPtrArray *, struct bp_diag *);
static bool gather_inputs(struct cli *, const struct bp_load_opts *,
    struct bp_pack *, GPtrArray *, struct bp_diag *);
static void fill_pack_defaults(struct bp_pack *, const char *);
static char *default_output(const struct bp_pack *);

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

/* A folder's *.md files, in name order. */
static bool
add_folder(const char *path, GPtrArray *paths, struct bp_diag *diag)
{
	GDir		*dir = NULL;
	GError		*err = NULL;
	GPtrArray	*names = g_ptr_array_new_with_free_func(g_free);
	const char	*name;
	guint		 i;
	bool		 ok = false;

	if ((dir = g_dir_open(path, 0, &err)) == NULL) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "%s", err->message);
		goto out;
	}
	while ((name = g_dir_read_name(dir)) != NULL)
		if (g_str_has_suffix(name, ".md") && name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, cmp_str);
	if (names->len == 0)
		bp_diag_at(diag, path, BP_WARNING, 0, 0, "no .md files here");
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

/* Pack metadata nobody set comes from the articles and the clock. */
static void
fill_pack_defaults(struct bp_pack *pack, const char *folder)
{
	struct bp_meta		*m = &pack->meta;
	const struct bp_article	*first = pack->articles->len > 0 ?
	    g_ptr_array_index(pack->articles, 0) : NULL;
	GDateTime		*dt;

	if (m->title == NULL) {
		if (pack->articles->len == 1 && first != NULL)
			m->title = g_strdup(first->meta.title);
		else if (folder != NULL)
			m->title = g_path_get_basename(folder);
		else
			m->title = g_strdup("Briefing");
	}
	if (m->lang == NULL)
		m->lang = g_strdup(first != NULL && first->meta.lang != NULL ?
		    first->meta.lang : "en");
	if (pack->articles->len == 1 && first != NULL) {
		if (m->subtitle == NULL && first->meta.subtitle != NULL)
			m->subtitle = g_strdup(first->meta.subtitle);
		if (m->authors == NULL && first->meta.authors != NULL)
			m->authors = g_strdupv(first->meta.authors);
		if (m->classification == NULL && first->meta.classification)
			m->classification = g_strdup(first->meta.classification);
		if (m->date.y == 0 && first->meta.date.y != 0)
			m->date = first->meta.date;
		if (m->abstract == NULL && first->meta.abstract != NULL)
			m->abstract = g_strdup(first->meta.abstract);
	}
	if (m->date.y == 0) {
		dt = g_date_time_new_from_unix_utc(bp_util_build_time());
		m->date.y = g_date_time_get_year(dt);
		m->date.m = g_date_time_get_month(dt);
		m->date.d = g_date_time_get_day_of_month(dt);
		g_date_time_unref(dt);
	}
}

/* Without -o, a manifest's outputs sit beside it. */
static char *
default_output(const struct bp_pack *pack)
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
	out = g_strconcat(base, ".pdf", NULL);
	g_free(base);
	return out;
}

int
main(int argc, char **argv)
{
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.outputs,
		  "Write FILE (.pdf); may be given more than once", "FILE" },
		{ "style", 's', 0, G_OPTION_ARG_STRING, &cli.style,
		  "Style name (briefing, memo) or a style file", "NAME|FILE" },
		{ "meta", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &cli.meta,
		  "Set pack metadata (title, date, lang, classification, ...)",
		  "KEY=VALUE" },
		{ "toc", 0, 0, G_OPTION_ARG_NONE, &cli.toc,
		  "Always print a contents page", NULL },
		{ "no-toc", 0, 0, G_OPTION_ARG_NONE, &cli.no_toc,
		  "Never print a contents page", NULL },
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
	struct bp_load_opts	 lo = { 0 };
	struct bp_pdf_opts	 po = { 0 };
	struct bp_pack		*pack = NULL;
	struct bp_style		*style = NULL;
	struct bp_pdf		*pdf = NULL;
	struct bp_article	*art;
	struct bp_write_result	 res;
	GPtrArray		*paths = NULL, *outputs = NULL;
	const char		*folder = NULL, *style_name;
	char			*datadir = NULL, *key, *dump, *style_path = NULL;
	char			*eq;
	int			 rc = EXIT_OK, i, nfailed = 0;
	guint			 k;
	gint64			 t0 = g_get_monotonic_time();

	/* Text handling only; numbers stay in the C locale for PDF output. */
	setlocale(LC_CTYPE, "");

	ctx = g_option_context_new("INPUT...");
	g_option_context_set_summary(ctx, "Turn Markdown articles into a "
	    "print-ready PDF briefing pack.\n\nINPUT is an article (.md), a "
	    "folder of articles, a pack manifest (.yaml), or - for standard "
	    "input.");
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
	lo.allow_outside = cli.allow_outside;
	lo.smart = !cli.no_smart;
	datadir = find_datadir();

	/* Inputs and the pack's own metadata (manifest, then -M). */
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	if (!gather_inputs(&cli, &lo, pack, paths, &diag)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (pack->path == NULL && cli.inputs[1] == NULL &&
	    g_file_test(cli.inputs[0], G_FILE_TEST_IS_DIR))
		folder = cli.inputs[0];
	if (diag.errors > 0)
		rc = EXIT_ARTICLE;
	for (i = 0; cli.meta != NULL && cli.meta[i] != NULL; i++) {
		if ((eq = strchr(cli.meta[i], '=')) == NULL) {
			fprintf(stderr, "briefpack: -M needs KEY=VALUE, not "
			    "\"%s\"\n", cli.meta[i]);
			rc = EXIT_USAGE;
			goto out;
		}
		key = g_strndup(cli.meta[i], (gsize)(eq - cli.meta[i]));
		if (!bp_meta_set(&pack->meta, key, eq + 1, &diag))
			rc = EXIT_USAGE;
		g_free(key);
		if (rc == EXIT_USAGE)
			goto out;
	}
	if (paths->len == 0) {
		fprintf(stderr, "briefpack: no articles to convert\n");
		rc = EXIT_USAGE;
		goto out;
	}

	/* Outputs: -o, else beside the manifest. */
	outputs = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; cli.outputs != NULL && cli.outputs[i] != NULL; i++)
		g_ptr_array_add(outputs, g_strdup(cli.outputs[i]));
	if (outputs->len == 0 && default_output(pack) != NULL)
		g_ptr_array_add(outputs, default_output(pack));
	if (outputs->len == 0 && cli.dump == NULL) {
		fprintf(stderr, "briefpack: no output given: use -o FILE.pdf\n");
		rc = EXIT_USAGE;
		goto out;
	}
	for (k = 0; k < outputs->len; k++) {
		const char *o = g_ptr_array_index(outputs, k);

		if (g_str_has_suffix(o, ".epub")) {
			fprintf(stderr, "briefpack: %s: EPUB output is not "
			    "available in this version\n", o);
			rc = EXIT_USAGE;
			goto out;
		}
		if (!g_str_has_suffix(o, ".pdf")) {
			fprintf(stderr, "briefpack: %s: unknown output format "
			    "(use .pdf)\n", o);
			rc = EXIT_USAGE;
			goto out;
		}
	}

	/* The style: -s, else the manifest's (relative to it), else briefing. */
	style_name = cli.style != NULL ? cli.style : pack->meta.style != NULL ?
	    pack->meta.style : "briefing";
	if (cli.style == NULL && pack->meta.style != NULL &&
	    (strchr(style_name, '/') != NULL ||
	    g_str_has_suffix(style_name, ".yaml") ||
	    g_str_has_suffix(style_name, ".yml")))
		style_path = bp_util_resolve(pack->path, style_name,
		    lo.allow_outside);
	if (style_path == NULL && cli.style == NULL && pack->meta.style != NULL &&
	    strchr(style_name, '/') != NULL) {
		bp_diag_at(&diag, pack->path, BP_ERROR, 0, 0, "style \"%s\" is "
		    "outside the manifest's folder", style_name);
		rc = EXIT_USAGE;
		goto out;
	}
	style = bp_style_load(style_path != NULL ? style_path : style_name,
	    datadir, &diag);
	if (style == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}

	/* Load every article; a bad one is reported and shown as failed. */
	lo.lang = pack->meta.lang;
	for (k = 0; k < paths->len; k++) {
		art = bp_parse_article(g_ptr_array_index(paths, k), &lo, &diag);
		art->id = g_strdup_printf("a%u", k + 1);
		if (art->failed) {
			nfailed++;
			rc = EXIT_ARTICLE;
		}
		for (i = 0; i < (int)art->images->len; i++)
			if (((struct bp_image *)g_ptr_array_index(art->images,
			    (guint)i))->data == NULL)
				rc = rc == EXIT_OK ? EXIT_ARTICLE : rc;
		g_ptr_array_add(pack->articles, art);
	}
	fill_pack_defaults(pack, folder);

	if (cli.dump != NULL && strcmp(cli.dump, "model") == 0) {
		dump = bp_pack_dump(pack);
		fputs(dump, stdout);
		g_free(dump);
		goto out;
	}
	if (nfailed == (int)pack->articles->len) {
		bp_diag_at(&diag, NULL, BP_ERROR, 0, 0, "no article could be "
		    "read; nothing written");
		rc = EXIT_ARTICLE;
		goto out;
	}

	po.datadir = datadir;
	po.toc = cli.toc ? 1 : cli.no_toc ? 0 : -1;
	if ((pdf = bp_pdf_new(&po, style, &diag)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli.dump != NULL) {
		bp_pdf_write(pdf, pack, NULL, &res);
		goto out;
	}
	for (k = 0; k < outputs->len; k++) {
		if (!bp_pdf_write(pdf, pack, g_ptr_array_index(outputs, k),
		    &res)) {
			rc = EXIT_USAGE;
			continue;
		}
		if (res.placeholders > 0 && rc == EXIT_OK)
			rc = EXIT_ARTICLE;
		bp_diag_at(&diag, g_ptr_array_index(outputs, k), BP_NOTE, 0, 0,
		    "wrote %d pages, %u articles in %.2f s", res.pages,
		    pack->articles->len,
		    (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC);
	}
out:
	bp_pdf_free(pdf);
	bp_style_free(style);
	bp_pack_free(pack);
	if (paths != NULL)
		g_ptr_array_free(paths, TRUE);
	if (outputs != NULL)
		g_ptr_array_free(outputs, TRUE);
	if (err != NULL)
		g_error_free(err);
	g_option_context_free(ctx);
	g_strfreev(cli.outputs);
	g_free(cli.style);
	g_strfreev(cli.meta);
	g_free(cli.dump);
	g_strfreev(cli.inputs);
	g_free(datadir);
	g_free(style_path);
	return rc;
}
