/*
 * Pack manifests: the YAML file that names a pack's articles and gives
 * its metadata; each entry resolved against it and checked.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "bp.h"
#include "parse.h"

static char *check_entry(const char *path, const char **hint);

/*
 * Why a manifest entry (resolved) cannot be an article, or NULL when it
 * is a readable file: a manifest (.yaml, .yml), missing, unreadable, a
 * folder. *hint gets advice for the message ("" if none). Caller frees.
 */
static char *
check_entry(const char *path, const char **hint)
{
	struct stat	 st;
	char		*why = NULL;
	int		 fd = -1;
	size_t		 n = strlen(path);

	*hint = "";
	if ((n > 5 && g_ascii_strcasecmp(path + n - 5, ".yaml") == 0) ||
	    (n > 4 && g_ascii_strcasecmp(path + n - 4, ".yml") == 0)) {
		why = g_strdup("is a manifest, not an article");
		*hint = " (a manifest cannot list manifests)";
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		why = errno == ENOENT ? g_strdup("does not exist") :
		    g_strdup_printf("cannot be read: %s", g_strerror(errno));
	else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		why = g_strdup("is a folder, not an article");
		*hint = " (a manifest lists its articles one by one)";
	}
	if (fd >= 0)
		close(fd);
	return why;
}

bool
bp_meta_add_articles(struct bp_meta_walk *w, const char *key,
    yaml_node_t *val)
{
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	const char		*entry, *hint;
	char			*resolved, *why;
	int			 line;
	bool			 ok = false;

	/* A repeated "articles" replaces the earlier list. */
	g_ptr_array_set_size(w->articles, 0);
	g_hash_table_remove_all(w->refused);
	w->saw_articles = true;
	/* The key table words the error (it knows what each key holds). */
	if (val->type != YAML_SEQUENCE_NODE ||
	    val->data.sequence.items.top == val->data.sequence.items.start)
		goto out;
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++) {
		if ((item = yaml_document_get_node(w->doc, *it)) == NULL)
			continue;
		line = (int)item->start_mark.line + w->first_line;
		entry = bp_yaml_node_text(item);
		if (entry == NULL || *entry == '\0') {
			bp_diag(w->diag, BP_ERROR, line,
			    (int)item->start_mark.column + 1,
			    "each entry of \"%s\" must be an article path",
			    key);
			w->ok = false;
			continue;
		}
		resolved = bp_util_resolve(w->base, entry, w->allow_outside);
		if (resolved == NULL) {
			/* Skipped; the other articles still go ahead. */
			bp_diag(w->diag, BP_ERROR, line,
			    (int)item->start_mark.column + 1,
			    g_path_is_absolute(entry) ?
			    "article path \"%s\" is absolute (use "
			    "--allow-outside to permit)" :
			    "article path \"%s\" leaves the manifest's folder "
			    "(use --allow-outside to permit)", entry);
			continue;
		}
		if ((why = check_entry(resolved, &hint)) != NULL) {
			bp_diag(w->diag, BP_ERROR, line,
			    (int)item->start_mark.column + 1,
			    "article \"%s\" %s%s", entry, why, hint);
			g_hash_table_replace(w->refused, g_strdup(resolved),
			    g_strdup_printf("%s (%s, line %d)", why, w->base,
			    line));
			g_free(why);
		}
		g_ptr_array_add(w->articles, resolved);
	}
	ok = true;
out:
	return ok;
}

bool
bp_meta_load_manifest(const char *path, const struct bp_load_opts *opts,
    struct bp_pack *pack, GPtrArray *paths, struct bp_diag *diag)
{
	static const struct bp_load_opts no_opts;
	struct bp_diag		 fallback = { 0 };
	struct bp_meta_walk	 w;
	yaml_document_t		 doc;
	const char		*saved_file;
	char			*buf = NULL;
	size_t			 len = 0, i;
	bool			 have_doc = false, ok = false;

	if (opts == NULL)
		opts = &no_opts;
	if (diag == NULL)
		diag = &fallback;
	saved_file = diag->file;
	diag->file = path;
	memset(&w, 0, sizeof w);
	w.articles = g_ptr_array_new_with_free_func(g_free);
	w.refused = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);

	if (!bp_util_read_file(path, BP_MAX_INPUT_BYTES, diag, &buf, &len) ||
	    !bp_util_check_text(buf, len, /*first_line*/1, diag) ||
	    !bp_yaml_load(buf, len, /*first_line*/1, BP_YAML_SHOW_BYTE, diag,
	    &doc, &have_doc))
		goto out;

	g_free(pack->path);
	pack->path = g_strdup(path);
	w.diag = diag;
	w.doc = &doc;
	w.what = "manifest";
	w.where = BP_META_IN_MANIFEST;
	w.first_line = 1;
	w.base = path;
	w.allow_outside = opts->allow_outside;
	w.ok = true;
	bp_meta_walk_root(&w, &pack->meta);
	if (!w.saw_articles && !w.root_bad) {
		bp_diag(diag, BP_ERROR, 0, 0, "manifest has no \"articles\" "
		    "key (the list of article files, relative to the "
		    "manifest)");
		w.ok = false;
	}
	if (!w.ok)
		goto out;

	/* Hand the resolved paths over only when the manifest is usable. */
	for (i = 0; i < w.articles->len; i++)
		g_ptr_array_add(paths, g_strdup(w.articles->pdata[i]));
	if (g_hash_table_size(w.refused) > 0) {
		if (pack->refused != NULL)
			g_hash_table_destroy(pack->refused);
		pack->refused = w.refused;
		w.refused = NULL;
	}
	ok = true;
out:
	if (have_doc)
		yaml_document_delete(&doc);
	g_ptr_array_free(w.articles, TRUE);
	if (w.refused != NULL)
		g_hash_table_destroy(w.refused);
	g_free(buf);
	diag->file = saved_file;
	return ok;
}
