/*
 * Inputs: the command line's articles, folders of articles and pack
 * manifest, expanded into the article paths of one pack.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse/load.h"

static int cmp_str(gconstpointer a, gconstpointer b);
static bool is_article_name(const char *name);
static bool is_manifest_name(const char *name);
static bool is_markdown_name(const char *name);
static void drop_renderings(const char *path, GPtrArray *names,
    struct bp_diag *diag);
static bool add_folder(const char *path, GPtrArray *paths,
    struct bp_diag *diag);

/* For g_ptr_array_sort, which passes pointers to the elements. */
static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * An article's name: *.md or *.markdown (Markdown), *.txt (text pasted
 * from a web page), *.html, *.htm (a saved page), *.docx (Word), in any
 * case.
 */
static bool
is_article_name(const char *name)
{
	size_t	 n = strlen(name);

	return (n > 3 && g_ascii_strcasecmp(name + n - 3, ".md") == 0) ||
	    (n > 9 && g_ascii_strcasecmp(name + n - 9, ".markdown") == 0) ||
	    (n > 4 && g_ascii_strcasecmp(name + n - 4, ".txt") == 0) ||
	    (n > 4 && g_ascii_strcasecmp(name + n - 4, ".htm") == 0) ||
	    (n > 5 && g_ascii_strcasecmp(name + n - 5, ".html") == 0) ||
	    (n > 5 && g_ascii_strcasecmp(name + n - 5, ".docx") == 0);
}

/* A pack manifest's name: *.yaml or *.yml. */
static bool
is_manifest_name(const char *name)
{
	return g_str_has_suffix(name, ".yaml") ||
	    g_str_has_suffix(name, ".yml");
}

static bool
is_markdown_name(const char *name)
{
	size_t	 n = strlen(name);

	return (n > 3 && g_ascii_strcasecmp(name + n - 3, ".md") == 0) ||
	    (n > 9 && g_ascii_strcasecmp(name + n - 9, ".markdown") == 0);
}

/*
 * A folder that holds Markdown articles and web pages is a set of
 * articles with their renderings (documentation built from Markdown):
 * its pages are left out, with one note naming how many. Given by name,
 * a page is read.
 */
static void
drop_renderings(const char *path, GPtrArray *names, struct bp_diag *diag)
{
	const char	*name;
	guint		 i, dropped = 0;
	bool		 markdown = false;

	for (i = 0; i < names->len && !markdown; i++)
		markdown = is_markdown_name(g_ptr_array_index(names, i));
	for (i = names->len; markdown && i-- > 0;) {
		name = g_ptr_array_index(names, i);
		if (g_str_has_suffix(name, ".html") ||
		    g_str_has_suffix(name, ".htm") ||
		    g_str_has_suffix(name, ".HTML") ||
		    g_str_has_suffix(name, ".HTM")) {
			g_ptr_array_remove_index(names, i);
			dropped++;
		}
	}
	if (dropped > 0)
		bp_diag_at(diag, path, BP_NOTE, 0, 0, "skipped %u web page%s: "
		    "beside Markdown articles they are taken for renderings "
		    "of them (name a page to read it)", dropped,
		    dropped == 1 ? "" : "s");
}

/*
 * A folder's articles (*.md, *.markdown, *.txt, *.html, *.htm, *.docx, any
 * case), in name order; web pages only when no Markdown is beside them. Each subfolder (a saved page's _files folder too)
 * or other file is skipped with a note; hidden files quietly.
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
	drop_renderings(path, names, diag);
	/* Notes in name order too, so every run says the same. */
	g_ptr_array_sort(names, cmp_str);
	g_ptr_array_sort(skipped, cmp_str);
	for (i = 0; i < skipped->len; i++) {
		full = g_build_filename(path, (char *)skipped->pdata[i], NULL);
		bp_diag_at(diag, full, BP_NOTE, 0, 0, g_file_test(full,
		    G_FILE_TEST_IS_DIR) ? "skipped: a folder inside a folder "
		    "of articles is not read" : "skipped: not an article "
		    "(.md, .markdown, .txt, .html, .htm, .docx)");
		g_free(full);
	}
	if (names->len == 0)
		bp_diag_at(diag, path, BP_WARNING, 0, 0, "no articles here "
		    "(.md, .markdown, .txt, .html, .htm or .docx files)");
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

bool
bp_inputs_gather(char *const *inputs, const struct bp_load_opts *lo,
    struct bp_pack *pack, GPtrArray *paths, struct bp_diag *diag)
{
	const char	*in;
	int		 i;
	bool		 ok = true;

	for (i = 0; inputs != NULL && inputs[i] != NULL && ok; i++) {
		in = inputs[i];
		if (strcmp(in, "-") == 0)
			g_ptr_array_add(paths, g_strdup(in));
		else if (g_file_test(in, G_FILE_TEST_IS_DIR))
			ok = add_folder(in, paths, diag);
		else if (is_manifest_name(in)) {
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

const char *
bp_inputs_folder(char *const *inputs, const struct bp_pack *pack)
{
	const char	*folder = NULL;

	if (pack->path == NULL && inputs != NULL && inputs[0] != NULL &&
	    inputs[1] == NULL && g_file_test(inputs[0], G_FILE_TEST_IS_DIR))
		folder = inputs[0];
	return folder;
}

char *
bp_inputs_default_output(const struct bp_pack *pack, const char *ext)
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
