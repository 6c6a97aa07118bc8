/*
 * Loading one article: read the file, check it is text, split off the
 * front matter, parse the Markdown into the model, pick a title.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <zlib.h>

#include "bp.h"
#include "parse/parse.h"

/* Forwards messages and keeps the first error's text for the pack page. */
struct capture {
	struct bp_diag	*up;
	char		*first_error;
	unsigned	 warnings;
};

static void capture_fn(void *, enum bp_severity, const char *, int, int,
    const char *);
static void take_title_from_h1(struct bp_article *);
static void drop_first_h1(struct bp_article *);
static bool keep_source(struct bp_article *, const char *, size_t);
static char *title_from_name(const struct bp_article *);


/*
 * The file name as a title: shown as text, so never invalid UTF-8 (file
 * names are bytes) nor holding what the text rules remove. Caller frees.
 */
static char *
title_from_name(const struct bp_article *art)
{
	struct bp_diag	 quiet = { 0 };
	char		*shown = g_filename_display_name(art->name);
	char		*title;

	quiet.fn = bp_diag_drop_fn;
	title = bp_clean_value(shown, "title", 0, &quiet);
	g_free(shown);
	return title;
}

static void
capture_fn(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg)
{
	struct capture	*cap = data;

	if (sev == BP_ERROR && cap->first_error == NULL)
		cap->first_error = line > 0 ?
		    g_strdup_printf("line %d: %s", line, msg) : g_strdup(msg);
	if (sev == BP_WARNING)
		cap->warnings++;
	bp_diag_at(cap->up, file, sev, line, col, "%s", msg);
}

/*
 * Without a title key, the first level-1 heading (at the top level) is
 * the title, else the file name. A heading that opens the article is
 * taken out of the body, since the title block shows it.
 */
static void
take_title_from_h1(struct bp_article *art)
{
	struct bp_node	*h;
	char		*t;

	if (art->meta.title != NULL)
		return;
	for (h = art->body != NULL ? art->body->first : NULL; h != NULL;
	    h = h->next) {
		if (h->type != BP_NODE_HEADING || h->u.heading.level != 1)
			continue;
		t = bp_node_plain_text(h);
		g_strstrip(t);
		if (*t == '\0') {
			g_free(t);
			continue;
		}
		art->meta.title = t;
		if (h == art->body->first) {
			drop_first_h1(art);
			art->title_from_h1 = true;
		}
		return;
	}
	art->meta.title = title_from_name(art);
}

static void
drop_first_h1(struct bp_article *art)
{
	struct bp_node	*h = art->body != NULL ? art->body->first : NULL;

	if (h == NULL || h->type != BP_NODE_HEADING)
		return;
	art->body->first = h->next;
	if (h->next != NULL)
		h->next->prev = NULL;
	else
		art->body->last = NULL;
}

static bool
keep_source(struct bp_article *art, const char *text, size_t len)
{
	uLongf	 zlen = compressBound(len);

	art->source = g_malloc(zlen);
	if (compress2(art->source, &zlen, (const Bytef *)text, len,
	    Z_BEST_SPEED) != Z_OK) {
		g_free(art->source);
		art->source = NULL;
		return false;
	}
	art->source = g_realloc(art->source, zlen > 0 ? zlen : 1);
	art->source_zlen = zlen;
	art->source_len = len;
	return true;
}

void
bp_article_load_body(struct bp_article *art)
{
	struct bp_diag	 silent = { 0 };
	uLongf		 len;
	char		*text;

	if (art == NULL || art->source == NULL || art->body != NULL)
		return;
	len = art->source_len;
	text = g_malloc(len + 1);
	if (uncompress((Bytef *)text, &len, art->source, art->source_zlen) !=
	    Z_OK || len != art->source_len) {
		g_free(text);
		return;
	}
	text[len] = '\0';
	silent.file = art->path;
	silent.quiet = true;
	silent.fn = bp_diag_drop_fn;
	bp_md_parse(art, text, len, art->body_line, &art->load, &silent);
	if (art->title_from_h1)
		drop_first_h1(art);
	g_free(text);
}

struct bp_article *
bp_parse_article(const char *path, const struct bp_load_opts *opts,
    struct bp_diag *diag)
{
	struct bp_article	*art = bp_article_new(path);
	struct capture		 cap = { diag, NULL, 0 };
	struct bp_diag		 local = { 0 };
	const char		*body = NULL, *text;
	char			*buf = NULL;
	size_t			 len = 0;
	int			 body_line = 1;
	guint			 i;

	local.file = path;
	local.fn = capture_fn;
	local.data = &cap;

	if (!bp_util_read_file(path, BP_MAX_INPUT_BYTES, &local, &buf, &len))
		goto fail;
	/* A UTF-8 byte order mark is allowed and dropped. */
	text = buf;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!bp_util_check_text(text, len, 1, &local))
		goto fail;
	/* Controls, separators, bidi overrides, noncharacters (clean.c). */
	len = bp_clean_text(buf + (text - buf), len, /*first_line*/1, &local);
	if (!bp_meta_parse_front(text, len, &art->meta, &body, &body_line,
	    &local))
		goto fail;
	if (!bp_md_parse(art, body, len - (size_t)(body - text), body_line,
	    opts, &local))
		goto fail;
	take_title_from_h1(art);
	for (i = 0; i < art->images->len; i++)
		if (((struct bp_image *)g_ptr_array_index(art->images, i))->data ==
		    NULL)
			art->missing_images++;
	/* A pack keeps the text, deflated, and parses it when writing. */
	if (opts->lazy && keep_source(art, body, len - (size_t)(body - text))) {
		art->body_line = body_line;
		art->load = *opts;
		art->load.lazy = false;
		bp_article_drop_body(art);
	}
	goto out;
fail:
	art->failed = true;
	art->error = cap.first_error != NULL ? cap.first_error :
	    g_strdup("the article could not be read");
	cap.first_error = NULL;
	art->body = NULL;
	if (art->meta.title == NULL)
		art->meta.title = title_from_name(art);
out:
	art->warnings = cap.warnings;
	g_free(cap.first_error);
	g_free(buf);
	return art;
}
