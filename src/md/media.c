/*
 * The Markdown writer's pictures held only as bytes (inside a .docx):
 * written as files in a folder beside the Markdown (x.md: x_files/),
 * so that the article finds them again.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <string.h>

#include "md/md.h"

/* Beyond this many names tried for one picture, give up. */
#define MEDIA_MAX_TRIES 1000

static bool only_bytes(const struct bp_image *img);
static const char *kind_ext(enum bp_image_kind kind);
static bool same_bytes(const char *path, const struct bp_image *img,
    bool *exists);
static char *put_one(const struct bp_image *img, const char *dir,
    const char *folder, int num, struct bp_diag *diag);
static bool put_tree(const struct bp_node *root, const char *dir,
    const char *folder, GHashTable *names, int *num, struct bp_diag *diag);

/* A picture the model has but no file holds: a part of an archive. */
static bool
only_bytes(const struct bp_image *img)
{
	return img != NULL && img->data != NULL && (img->path == NULL ||
	    !g_file_test(img->path, G_FILE_TEST_IS_REGULAR));
}

static const char *
kind_ext(enum bp_image_kind kind)
{
	switch (kind) {
	case BP_IMAGE_PNG:
		return "png";
	case BP_IMAGE_JPEG:
		return "jpg";
	case BP_IMAGE_GIF:
		return "gif";
	case BP_IMAGE_SVG:
		return "svg";
	case BP_IMAGE_WEBP:
		return "webp";
	default:
		return "bin";
	}
}

/* Whether the file at path holds img's bytes; *exists: any file is there. */
static bool
same_bytes(const char *path, const struct bp_image *img, bool *exists)
{
	gchar	*buf = NULL;
	gsize	 len = 0;
	bool	 same;

	*exists = g_file_test(path, G_FILE_TEST_EXISTS);
	if (!*exists || !g_file_get_contents(path, &buf, &len, NULL))
		return false;
	same = len == img->len && memcmp(buf, img->data, len) == 0;
	g_free(buf);
	return same;
}

/*
 * Write img as folder/imageNUM.EXT under dir (atomically), or find it
 * there already. A file of that name with other bytes is kept: the
 * picture takes the next free name (imageNUM-2.EXT, ...), with a note.
 * Returns the name relative to dir (caller frees), NULL after an error.
 */
static char *
put_one(const struct bp_image *img, const char *dir, const char *folder,
    int num, struct bp_diag *diag)
{
	struct bp_out	*o;
	char		*rel = NULL, *path = NULL, *first = NULL;
	bool		 exists = true, same = false;
	int		 k;

	for (k = 1; k <= MEDIA_MAX_TRIES && exists && !same; k++) {
		g_free(rel);
		g_free(path);
		rel = k == 1 ? g_strdup_printf("%s/image%d.%s", folder, num,
		    kind_ext(img->kind)) : g_strdup_printf("%s/image%d-%d.%s",
		    folder, num, k, kind_ext(img->kind));
		path = strcmp(dir, ".") == 0 ? g_strdup(rel) :
		    g_build_filename(dir, rel, NULL);
		same = same_bytes(path, img, &exists);
		if (k == 1)
			first = g_strdup(path);
	}
	if (exists && !same) {
		bp_diag_at(diag, first, BP_ERROR, 0, 0, "no free name for a "
		    "picture beside it (%d tried)", MEDIA_MAX_TRIES);
		g_free(rel);
		rel = NULL;
	} else if (!same) {
		if (strcmp(first, path) != 0)
			bp_diag_at(diag, first, BP_NOTE, 0, 0, "holds another "
			    "picture: kept, and this one written as %s", path);
		if ((o = bp_util_out_open(path, diag)) == NULL ||
		    (bp_util_out_write(o, img->data, img->len),
		    !bp_util_out_commit(o, diag))) {
			g_free(rel);
			rel = NULL;
		}
	}
	g_free(path);
	g_free(first);
	return rel;
}

/* The pictures of root's images, in order, each once. */
static bool
put_tree(const struct bp_node *root, const char *dir, const char *folder,
    GHashTable *names, int *num, struct bp_diag *diag)
{
	struct bp_iter		 it;
	const struct bp_image	*img;
	char			*folder_path, *rel;
	bool			 ok = true;

	if (root == NULL)
		return true;
	bp_iter_init(&it, root);
	while (ok && bp_iter_next(&it) != BP_EVENT_DONE) {
		if (it.event != BP_EVENT_ENTER || it.node->type !=
		    BP_NODE_IMAGE)
			continue;
		img = it.node->u.link.image;
		if (!only_bytes(img) || g_hash_table_contains(names, img))
			continue;
		/* The folder is made when the first picture needs it. */
		folder_path = g_build_filename(dir, folder, NULL);
		if (g_mkdir_with_parents(folder_path, 0777) != 0) {
			bp_diag_at(diag, folder_path, BP_ERROR, 0, 0, "cannot "
			    "make the folder for the pictures: %s",
			    g_strerror(errno));
			ok = false;
		} else if ((rel = put_one(img, dir, folder, ++*num,
		    diag)) == NULL)
			ok = false;
		else
			g_hash_table_insert(names, (gpointer)img, rel);
		g_free(folder_path);
	}
	return ok;
}

bool
bp_mdw_media_write(const struct bp_article *art, const char *path,
    struct bp_diag *diag, GHashTable **names)
{
	char	*dir = g_path_get_dirname(path);
	char	*base = g_path_get_basename(path);
	char	*dot, *folder;
	int	 num = 0, i;
	bool	 ok;

	*names = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    g_free);
	if ((dot = strrchr(base, '.')) != NULL && dot != base)
		*dot = '\0';
	folder = g_strdup_printf("%s_files", base);
	ok = put_tree(art->body, dir, folder, *names, &num, diag);
	for (i = 0; ok && i < art->nnotes; i++)
		ok = put_tree(art->notes[i], dir, folder, *names, &num, diag);
	g_free(folder);
	g_free(base);
	g_free(dir);
	return ok;
}
