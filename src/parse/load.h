/*
 * The loader's face (parse/): front matter, manifests, -M values, and
 * articles from their files. For the command line and batch work only:
 * the writers see articles through the model (bp.h), never the parser,
 * and `make lint` keeps it so.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_LOAD_H
#define BP_PARSE_LOAD_H

#include "bp.h"

/*
 * Split an optional front matter block off `buf` and parse it into
 * meta (parse/meta.c). *body_out points into buf after the block and
 * *body_line is the file line it starts on. Returns false after an error.
 */
bool bp_meta_parse_front(const char *buf, size_t len, struct bp_meta *,
    const char **body_out, int *body_line, struct bp_diag *);

/*
 * Read a manifest (parse/manifest.c): pack metadata into pack->meta, and the
 * article paths (resolved against the manifest) appended to `paths`
 * (g_free'd strings). An entry that is missing, unreadable, a folder or
 * a manifest is an error at its line and is kept, refused, in
 * pack->refused. Returns false after an error that makes the manifest
 * unusable.
 */
bool bp_meta_load_manifest(const char *path, const struct bp_load_opts *,
    struct bp_pack *, GPtrArray *paths, struct bp_diag *);

/*
 * Apply one "-M key=value" to meta. Returns false (after a diagnostic)
 * for an unknown key or bad value.
 */
bool bp_meta_set(struct bp_meta *, const char *key, const char *value,
    struct bp_diag *);
/* bp_meta_set for "KEY=VALUE"; a missing '=' is an error. */
bool bp_meta_set_kv(struct bp_meta *, const char *kv, struct bp_diag *);

/*
 * Load one article from `path` ("-": stdin): check the text, read front
 * matter, parse the Markdown into the model (parse/md.c), read images.
 * Always returns an article; on error it is marked failed with a reason.
 */
struct bp_article *bp_parse_article(const char *path,
    const struct bp_load_opts *, struct bp_diag *);

/* Register cmark-gfm's extensions once, before threads parse. */
void bp_md_init(void);
/* Parse Markdown text into art->body (parse/md.c). */
bool bp_md_parse(struct bp_article *, const char *text, size_t len,
    int first_line, const struct bp_load_opts *, struct bp_diag *);

#endif /* BP_PARSE_LOAD_H */
