/*
 * Loading one article: read the file, check it is text, split off the
 * front matter, parse the Markdown into the model, pick a title.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <zlib.h>

#include "bp.h"
#include "parse/convert.h"
#include "parse/parse.h"
#include "parse/txt.h"

/* Forwards messages and keeps the first error's text for the pack page. */
struct capture {
	struct bp_diag	*up;
	char		*first_error;
	unsigned	 warnings;
};

static void capture_fn(void *data, enum bp_severity sev, const char *file,
    int line, int col, const char *msg);
static bool take_title_from_h1(struct bp_article *art);
static void drop_first_h1(struct bp_article *art);
static struct bp_body_source *kept_source(struct bp_article *art,
    const char *text, size_t len, int first_line,
    const struct bp_load_opts *opts, bool title_from_h1,
    struct bp_txt_map *map);
static bool take_converted(struct bp_article *art,
    struct bp_txt_result *r, const struct bp_load_opts *opts,
    struct bp_diag *diag);
static bool load_pasted(struct bp_article *art, const char *text,
    size_t len, const struct bp_load_opts *opts, struct bp_diag *diag);
static bool load_converted(struct bp_article *art,
    const struct bp_load_opts *opts, struct bp_diag *diag);
static bool source_make(struct bp_body_source *base);
static void source_drop(struct bp_body_source *base);
static void source_free(struct bp_body_source *base);
static char *title_from_name(const struct bp_article *art);
static void guess_lang(struct bp_article *art,
    const struct bp_load_opts *opts);


/*
 * Without a language of its own or the pack's, the text says which
 * (model/lang.c), while the body is there; bp_pack_fill_defaults decides
 * with the guess.
 */
static void
guess_lang(struct bp_article *art, const struct bp_load_opts *opts)
{
	if (art->meta.lang == NULL && opts->lang == NULL && opts->langs != NULL)
		bp_lang_guess_article(opts->langs, art, &art->guess);
}

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
 * taken out of the body, since the title block shows it: returns true
 * then.
 */
static bool
take_title_from_h1(struct bp_article *art)
{
	struct bp_node	*h;
	char		*t;

	if (art->meta.title != NULL)
		return false;
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
		if (h != art->body->first)
			return false;
		drop_first_h1(art);
		return true;
	}
	art->meta.title = title_from_name(art);
	return false;
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

/*
 * An article's Markdown, deflated, from which its body is made again:
 * memory for a pack's bodies does not grow with the pack, since each
 * writer takes one body at a time. Private to the loader.
 */
struct source {
	struct bp_body_source	 base;        /* first: the model's view */
	struct bp_article	*art;
	unsigned char		*z;
	size_t			 zlen;
	size_t			 len;          /* inflated */
	int			 first_line;   /* file line the text starts on */
	bool			 smart;        /* the load's default */
	bool			 allow_outside;
	bool			 title_from_h1;
	struct bp_txt_map	*map;          /* pasted text: lines back */
};

/*
 * A source for art's body text, or NULL when deflating fails. Takes
 * ownership of map (NULL: the text is the article's own Markdown), also
 * on failure.
 */
static struct bp_body_source *
kept_source(struct bp_article *art, const char *text, size_t len,
    int first_line, const struct bp_load_opts *opts, bool title_from_h1,
    struct bp_txt_map *map)
{
	struct source	*src;
	uLongf		 zlen = compressBound(len);

	src = g_new0(struct source, 1);
	src->z = g_malloc(zlen);
	if (compress2(src->z, &zlen, (const Bytef *)text, len,
	    Z_BEST_SPEED) != Z_OK) {
		g_free(src->z);
		g_free(src);
		bp_txt_map_free(map);
		return NULL;
	}
	src->map = map;
	src->z = g_realloc(src->z, zlen > 0 ? zlen : 1);
	src->zlen = zlen;
	src->len = len;
	src->first_line = first_line;
	src->smart = opts->smart;
	src->allow_outside = opts->allow_outside;
	src->title_from_h1 = title_from_h1;
	src->art = art;
	src->base.make = source_make;
	src->base.drop = source_drop;
	src->base.free = source_free;
	return &src->base;
}

/* Parse the body again, quietly, in the language decided for it. */
static bool
source_make(struct bp_body_source *base)
{
	struct source		*src = (struct source *)(void *)base;
	struct bp_article	*art = src->art;
	struct bp_load_opts	 opts = { 0 };
	struct bp_diag		 silent = { 0 };
	uLongf			 len = src->len;
	char			*text;
	bool			 ok;

	if ((text = g_try_malloc(len + 1)) == NULL)
		return false;
	if (uncompress((Bytef *)text, &len, src->z, src->zlen) != Z_OK ||
	    len != src->len) {
		g_free(text);
		return false;
	}
	text[len] = '\0';
	silent.file = art->path;
	silent.quiet = true;
	silent.fn = bp_diag_drop_fn;
	opts.smart = src->smart;
	opts.allow_outside = src->allow_outside;
	opts.lang = art->lang;
	ok = src->map != NULL ? bp_txt_parse_body(art, text, len, src->map,
	    &opts, &silent) :
	    bp_md_parse(art, text, len, src->first_line, &opts, &silent);
	if (ok && src->title_from_h1)
		drop_first_h1(art);
	g_free(text);
	return ok;
}

static void
source_drop(struct bp_body_source *base)
{
	bp_article_let_go(((struct source *)(void *)base)->art, NULL);
}

static void
source_free(struct bp_body_source *base)
{
	struct source	*src = (struct source *)(void *)base;

	g_free(src->z);
	bp_txt_map_free(src->map);
	g_free(src);
}

/*
 * Markdown a reader made of a file (r: the text and its line map back
 * to the file's lines) becomes the body, parsed as an article's is; the
 * Markdown is what is kept. Frees r's parts.
 */
static bool
take_converted(struct bp_article *art, struct bp_txt_result *r,
    const struct bp_load_opts *opts, struct bp_diag *diag)
{
	struct bp_body_source	*src;
	bool			 ok = false;
	guint			 i;

	if (!bp_txt_parse_body(art, r->markdown, r->len, r->map, opts, diag))
		goto out;
	if (art->meta.title == NULL)
		art->meta.title = title_from_name(art);
	guess_lang(art, opts);
	for (i = 0; i < art->images->len; i++)
		if (((struct bp_image *)g_ptr_array_index(art->images, i))->data ==
		    NULL)
			art->missing_images++;
	if ((src = kept_source(art, r->markdown, r->len, /*first_line*/1, opts,
	    /*title_from_h1*/false, r->map)) != NULL)
		bp_article_let_go(art, src);
	r->map = NULL;
	ok = true;
out:
	g_free(r->markdown);
	bp_txt_map_free(r->map);
	return ok;
}

/*
 * A page pasted as text (.txt): the reader (txt.c) finds its metadata
 * and makes Markdown of the rest, its lines mapped back to the .txt's.
 */
static bool
load_pasted(struct bp_article *art, const char *text, size_t len,
    const struct bp_load_opts *opts, struct bp_diag *diag)
{
	const struct bp_paste_phrases *ph;
	struct bp_txt_result	 r = { 0 };

	ph = bp_paste_phrases_get(opts->datadir, diag);
	if (!bp_txt_convert(text, len, ph, &art->meta, diag, &r)) {
		g_free(r.markdown);
		bp_txt_map_free(r.map);
		return false;
	}
	return take_converted(art, &r, opts, diag);
}

/*
 * A saved web page or a Word document: its reader (html.c, docx.c)
 * reads the file, fills the metadata and makes Markdown of the article,
 * its lines mapped back to the file's.
 */
static bool
load_converted(struct bp_article *art, const struct bp_load_opts *opts,
    struct bp_diag *diag)
{
	struct bp_txt_result	 r = { 0 };

	if (!(bp_html_is_name(art->path) ? bp_html_read(art, opts, diag, &r) :
	    bp_docx_read(art, opts, diag, &r))) {
		g_free(r.markdown);
		bp_txt_map_free(r.map);
		return false;
	}
	return take_converted(art, &r, opts, diag);
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
	struct bp_body_source	*src;
	bool			 h1_dropped;
	guint			 i;

	local.file = path;
	local.fn = capture_fn;
	local.data = &cap;

	if (strcmp(path, "-") != 0 && (bp_html_is_name(path) ||
	    bp_docx_is_name(path))) {
		if (!load_converted(art, opts, &local))
			goto fail;
		goto out;
	}

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
	if (bp_txt_is_name(path)) {
		if (!load_pasted(art, text, len, opts, &local))
			goto fail;
		goto out;
	}
	if (!bp_meta_parse_front(text, len, &art->meta, &body, &body_line,
	    &local))
		goto fail;
	if (!bp_md_parse(art, body, len - (size_t)(body - text), body_line,
	    opts, &local))
		goto fail;
	h1_dropped = take_title_from_h1(art);
	guess_lang(art, opts);
	for (i = 0; i < art->images->len; i++)
		if (((struct bp_image *)g_ptr_array_index(art->images, i))->data ==
		    NULL)
			art->missing_images++;
	/*
	 * The text is kept, deflated, and the body let go: the writers ask
	 * the model for it when they reach the article, made in the
	 * language decided for the pack (which loading may not know yet).
	 * Should deflating fail, the body stays as it is.
	 */
	if ((src = kept_source(art, body, len - (size_t)(body - text),
	    body_line, opts, h1_dropped, NULL)) != NULL)
		bp_article_let_go(art, src);
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
