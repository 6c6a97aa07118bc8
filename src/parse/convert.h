/*
 * Readers of other article formats that make Markdown for md.c (the
 * pasted-text reader is txt.h's): saved web pages (html.c, html_find.c,
 * html_body.c) and Word documents (docx*.c). Private to src/parse/.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_CONVERT_H
#define BP_PARSE_CONVERT_H

#include "bp.h"
#include "parse/txt.h"

/*
 * libxml2, loaded (parse/xml.h) and its globals set up once, before
 * threads share it (html.c); false with *why when it can't be loaded.
 */
bool bp_parse_init_libxml(const char **why);

/* Whether path names a saved web page (*.html, *.htm, any case). */
bool bp_html_is_name(const char *path);
/* Whether path names a Word document (*.docx, any case). */
bool bp_docx_is_name(const char *path);

/*
 * Read the saved web page art->path: the article found in it, its
 * metadata into art->meta (cleaned, as front matter's would be), its
 * text as Markdown whose line N stands for the page's line
 * bp_txt_map_line(out->map, N). Every guess is a note at its line.
 * Returns false after an error (unreadable, too large or too deeply
 * nested, no article text); out is then empty.
 */
bool bp_html_read(struct bp_article *art, const struct bp_load_opts *,
    struct bp_diag *, struct bp_txt_result *out);

/*
 * Read the Word document art->path as bp_html_read reads a page; the
 * Markdown's lines map to paragraph numbers of word/document.xml (the
 * n-th w:p, counted from 1, tables' included; a note's lines to the
 * paragraph that refers to it). Its pictures are read from the zip into
 * art->images, each under the name the Markdown gives it.
 */
bool bp_docx_read(struct bp_article *art, const struct bp_load_opts *,
    struct bp_diag *, struct bp_txt_result *out);

/*
 * Add an image made from bytes (not a file) to art->images under `key`
 * (image.c), checked as a file would be, or refused for `problem` when
 * that is not NULL; `shown` names it in the warning about a problem,
 * given at line. Takes ownership of data.
 */
struct bp_image *bp_parse_image_add(struct bp_article *art,
    const char *key, unsigned char *data, size_t len, const char *shown,
    const char *problem, int line, struct bp_diag *diag);

#endif /* BP_PARSE_CONVERT_H */
