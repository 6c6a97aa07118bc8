/*
 * The Markdown writer: an article as YAML front matter (libyaml's
 * emitter) and a CommonMark + GFM body (walk.c), written atomically.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <yaml.h>

#include "md/md.h"

struct bp_mdw {
	struct bp_diag	*diag;
};

/* The emitter's output, gathered in a GString. */
static int emit_to_string(void *data, unsigned char *buf, size_t size);
static bool needs_quotes(const char *s);
static bool emit_str(yaml_emitter_t *e, const char *s, bool plain_ok);
static bool emit_pair(yaml_emitter_t *e, const char *key, const char *val);
static bool emit_list(yaml_emitter_t *e, const char *key,
    char *const *vals);
static bool front_matter(const struct bp_article *art, GString *out);
static char *folder_of(const char *path);

static int
emit_to_string(void *data, unsigned char *buf, size_t size)
{
	g_string_append_len(data, (const char *)buf, (gssize)size);
	return 1;
}

/*
 * A string a YAML reader would not take as a string when plain: empty,
 * null, a boolean or a number (YAML 1.1 and 1.2 both), or a date.
 */
static bool
needs_quotes(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
		"False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on",
		"On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
	};
	const char	*p;
	size_t		 i;
	bool		 numeric = true;

	if (*s == '\0')
		return true;
	for (i = 0; i < G_N_ELEMENTS(words); i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	/* Numbers, dates, times: digits with . - + : _ e x o. */
	for (p = s; *p != '\0' && numeric; p++)
		numeric = g_ascii_isdigit(*p) || strchr(".-+:_eExXoO ", *p) !=
		    NULL;
	return numeric || g_ascii_strcasecmp(s, ".inf") == 0 ||
	    g_ascii_strcasecmp(s, ".nan") == 0;
}

static bool
emit_str(yaml_emitter_t *e, const char *s, bool plain_ok)
{
	yaml_event_t	 ev;
	bool		 quote = !plain_ok && needs_quotes(s);
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;

	/* Lines as lines ("|"); the emitter quotes what a block cannot hold. */
	if (quote)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (strchr(s, '\n') != NULL)
		style = YAML_LITERAL_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)s, (int)strlen(s), !quote, 1, style))
		return false;
	return yaml_emitter_emit(e, &ev) != 0;
}

/* key: value, when value is set. */
static bool
emit_pair(yaml_emitter_t *e, const char *key, const char *val)
{
	if (val == NULL)
		return true;
	return emit_str(e, key, true) && emit_str(e, val, false);
}

/* key: [a, b] as a block list; one value as a plain string. */
static bool
emit_list(yaml_emitter_t *e, const char *key, char *const *vals)
{
	yaml_event_t	 ev;
	int		 i;

	if (vals == NULL || vals[0] == NULL)
		return true;
	if (!emit_str(e, key, true))
		return false;
	if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE) || !yaml_emitter_emit(e, &ev))
		return false;
	for (i = 0; vals[i] != NULL; i++)
		if (!emit_str(e, vals[i], false))
			return false;
	return yaml_sequence_end_event_initialize(&ev) &&
	    yaml_emitter_emit(e, &ev);
}

/*
 * "---", the article's metadata, "---": title, subtitle, author(s),
 * date as written, the language decided for it, source, abstract,
 * keywords, classification, exempt, smart. Keys briefpack does not keep are
 * not there to write.
 */
static bool
front_matter(const struct bp_article *art, GString *out)
{
	const struct bp_meta	*m = &art->meta;
	yaml_emitter_t		 e;
	yaml_event_t		 ev;
	GString			*y = g_string_new(NULL);
	char			 date[16];
	const char		*date_text = m->date_text;
	bool			 ok;

	if (date_text == NULL && m->date.y != 0) {
		g_snprintf(date, sizeof date, "%04d-%02d-%02d", m->date.y,
		    m->date.m, m->date.d);
		date_text = date;
	}
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, emit_to_string, y);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE) && yaml_emitter_emit(&e, &ev);
	ok = ok && emit_pair(&e, "title", m->title) &&
	    emit_pair(&e, "subtitle", m->subtitle);
	if (ok && m->authors != NULL && m->authors[0] != NULL &&
	    m->authors[1] == NULL)
		ok = emit_pair(&e, "author", m->authors[0]);
	else if (ok)
		ok = emit_list(&e, "author", m->authors);
	ok = ok && (date_text == NULL || (emit_str(&e, "date", true) &&
	    emit_str(&e, date_text, true))) &&
	    emit_pair(&e, "lang", art->lang != NULL ? art->lang : m->lang) &&
	    emit_pair(&e, "source", m->source) &&
	    emit_pair(&e, "abstract", m->abstract) &&
	    emit_list(&e, "keywords", m->keywords) &&
	    emit_pair(&e, "classification", m->classification) &&
	    emit_pair(&e, "exempt", m->exempt);
	if (ok && m->smart_set)
		ok = emit_str(&e, "smart", true) &&
		    emit_str(&e, m->smart ? "true" : "false", true);
	ok = ok && yaml_mapping_end_event_initialize(&ev) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_document_end_event_initialize(&ev, 1) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_stream_end_event_initialize(&ev) &&
	    yaml_emitter_emit(&e, &ev) && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	/* An implicit end may still be marked "...": ours is "---". */
	if (g_str_has_suffix(y->str, "...\n"))
		g_string_truncate(y, y->len - 4);
	if (ok) {
		g_string_append(out, "---\n");
		g_string_append(out, y->str);
		g_string_append(out, "---\n");
	}
	g_string_free(y, TRUE);
	return ok;
}

/* The absolute, canonical folder of path ("-": the current folder). */
static char *
folder_of(const char *path)
{
	char	*dir = strcmp(path, "-") == 0 ? g_strdup(".") :
	    g_path_get_dirname(path);
	char	*abs = g_canonicalize_filename(dir, NULL);

	g_free(dir);
	return abs;
}

struct bp_mdw *
bp_mdw_new(struct bp_diag *diag)
{
	struct bp_mdw	*mw = g_new0(struct bp_mdw, 1);

	mw->diag = diag;
	return mw;
}

void
bp_mdw_free(struct bp_mdw *mw)
{
	g_free(mw);
}

bool
bp_mdw_write(struct bp_mdw *mw, const struct bp_pack *pack, const char *path,
    struct bp_write_result *res)
{
	struct bp_write_result	 dummy;
	struct bp_mdw_walk	 w = { 0 };
	const struct bp_article	*art = NULL;
	struct bp_out		*o = NULL;
	GString			*out = g_string_new(NULL);
	char			*from = NULL, *to = NULL;
	bool			 ok = false, have = false;

	if (res == NULL)
		res = &dummy;
	memset(res, 0, sizeof *res);
	if (pack->articles->len != 1) {
		bp_diag_at(mw->diag, path, BP_ERROR, 0, 0, "a Markdown output "
		    "holds one article, not %u", pack->articles->len);
		goto out;
	}
	art = g_ptr_array_index(pack->articles, 0);
	if (!(have = bp_article_body_acquire(art, mw->diag))) {
		bp_diag_at(mw->diag, path, BP_ERROR, 0, 0, "not written: %s",
		    bp_article_why_missing(art));
		res->failed_articles = 1;
		goto out;
	}
	if (!front_matter(art, out)) {
		bp_diag_at(mw->diag, path, BP_ERROR, 0, 0, "cannot write the "
		    "front matter (YAML emitter)");
		goto out;
	}
	/* Images keep their addresses when written beside the article. */
	from = folder_of(art->path);
	to = folder_of(path);
	w.out = out;
	w.prefix = g_string_new(NULL);
	w.widths = g_array_new(FALSE, FALSE, sizeof(guint));
	w.img_to = strcmp(from, to) == 0 ? NULL : to;
	/* Pictures inside the input (a .docx's) become files beside it. */
	if (!bp_mdw_media_write(art, path, mw->diag, &w.media))
		goto out;
	if ((art->body != NULL && art->body->first != NULL) || art->nnotes > 0)
		g_string_append_c(out, '\n');
	bp_mdw_walk_article(&w, art);

	if ((o = bp_util_out_open(path, mw->diag)) == NULL)
		goto out;
	bp_util_out_write(o, out->str, out->len);
	ok = bp_util_out_commit(o, mw->diag);
out:
	if (have)
		bp_article_body_release(art);
	g_string_free(out, TRUE);
	if (w.prefix != NULL)
		g_string_free(w.prefix, TRUE);
	if (w.widths != NULL)
		g_array_free(w.widths, TRUE);
	if (w.media != NULL)
		g_hash_table_destroy(w.media);
	g_free(from);
	g_free(to);
	return ok;
}
