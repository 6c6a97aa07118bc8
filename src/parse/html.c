/*
 * Saved web pages (.html, .htm): read with libxml2's HTML parser in its
 * declared charset, never reaching the network; the page's metadata into
 * the article's; the article found (html_find.c) and made Markdown
 * (html_body.c).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "parse/convert.h"
#include "parse/html.h"
#include "parse/parse.h"

#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | \
    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS)
/* libxml2 stops at this depth (no XML_PARSE_HUGE); we refuse the page. */
#define HTML_MAX_DEPTH 255

static htmlDocPtr parse(const char *buf, size_t len, const char *path,
    const char *enc, bool *deep);
static htmlDocPtr parse_page(const char *buf, size_t len,
    struct bp_diag *diag);
static int depth_of(xmlNode *top);
static void head_meta(struct html *h, GHashTable *m);
static char *meta_value(GHashTable *m, const char *key);
static void set_value(struct html *h, char **slot, char *v, const char *key,
    const char *how, int line);
static xmlNode *find_first(struct html *h, xmlNode *top, const char *name,
    const char *cls_word);
static bool class_has(const xmlNode *e, const char *const *words);
static char *title_from_head(char *t);
static void take_title(struct html *h, GHashTable *m);
static void take_lead(struct html *h, GHashTable *m);
static void take_byline(struct html *h, GHashTable *m);
static void take_dateline(struct html *h, xmlNode *time);
static void take_date(struct html *h, GHashTable *m);
static char *saved_from(struct html *h);
static void take_rest(struct html *h, GHashTable *m);

static const char *const lead_words[] = {
	"ingress", "lead", "lede", "intro", "preamble", "standfirst",
	"summary", "deck", "subtitle", NULL,
};
static const char *const byline_words[] = {
	"byline", "author", "authors", "dateline", "timestamp", "published",
	"meta", "forfatter", "publisert", "dato", NULL,
};

bool
bp_html_is_name(const char *path)
{
	size_t	 n = strlen(path);

	return (n > 5 && g_ascii_strcasecmp(path + n - 5, ".html") == 0) ||
	    (n > 4 && g_ascii_strcasecmp(path + n - 4, ".htm") == 0);
}

struct bp_xml_api bp_xml;

BP_LIB_DEFINE(xml_lib, BP_SONAME_XML, BP_XML_FUNCS, bp_xml);

bool
bp_parse_init_libxml(const char **why)
{
	static gsize	 done;

	if (!bp_util_lib_load(&xml_lib, why))
		return false;
	if (g_once_init_enter(&done)) {
		xmlInitParser();
		g_once_init_leave(&done, 1);
	}
	return true;
}

bool
bp_html_is(const xmlNode *e, const char *name)
{
	return e != NULL && e->type == XML_ELEMENT_NODE && e->name != NULL &&
	    g_ascii_strcasecmp((const char *)e->name, name) == 0;
}

char *
bp_html_attr(const xmlNode *e, const char *name)
{
	xmlChar	*v = xmlGetProp(e, BAD_CAST name);
	char	*s = NULL;

	if (v != NULL) {
		s = g_utf8_make_valid((const char *)v, -1);
		xmlFree(v);
	}
	return s;
}

unsigned
bp_html_marks(const struct html *h, const xmlNode *e)
{
	return GPOINTER_TO_UINT(g_hash_table_lookup(h->marks, e));
}

void
bp_html_mark(struct html *h, const xmlNode *e, unsigned flags)
{
	g_hash_table_insert(h->marks, (gpointer)e,
	    GUINT_TO_POINTER(bp_html_marks(h, e) | flags));
}

char *
bp_html_text(const struct html *h, xmlNode *e, size_t max)
{
	struct html_walk w;
	enum html_event	 ev;
	GString		*s = g_string_new(NULL);
	char		*out;
	bool		 skip = false;

	bp_html_walk_init(&w, e);
	while ((ev = bp_html_walk_next(&w, skip)) != HTML_DONE &&
	    s->len < max) {
		skip = ev == HTML_ENTER && w.cur != e &&
		    (bp_html_marks(h, w.cur) & HTML_DROP) != 0;
		if (ev == HTML_ENTER && (w.cur->type == XML_TEXT_NODE ||
		    w.cur->type == XML_CDATA_SECTION_NODE) &&
		    w.cur->content != NULL)
			g_string_append(s, (const char *)w.cur->content);
		else if (ev == HTML_ENTER && bp_html_is(w.cur, "br"))
			g_string_append_c(s, ' ');
	}
	out = g_utf8_make_valid(s->str, (gssize)MIN(s->len, max));
	g_string_free(s, TRUE);
	/* White space runs as one space, trimmed. */
	g_strdelimit(out, "\t\r\n\f", ' ');
	{
		char	*p, *q;

		for (p = q = out; *p != '\0'; p++)
			if (*p != ' ' || (q > out && q[-1] != ' '))
				*q++ = *p;
		*q = '\0';
	}
	return g_strchomp(out);
}

/* One parse; deep: libxml2 refused to go deeper. */
static htmlDocPtr
parse(const char *buf, size_t len, const char *path, const char *enc,
    bool *deep)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	htmlDocPtr	 doc = NULL;

	if (ctxt == NULL)
		return NULL;
	doc = htmlCtxtReadMemory(ctxt, buf, (int)len, path, enc, HTML_OPTS);
	if (ctxt->lastError.message != NULL &&
	    strstr(ctxt->lastError.message, "Excessive depth") != NULL)
		*deep = true;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

/*
 * The page in its declared charset (meta charset, BOM); with none, as
 * UTF-8 when it is, else as windows-1252 (with a note).
 */
static htmlDocPtr
parse_page(const char *buf, size_t len, struct bp_diag *diag)
{
	htmlDocPtr	 doc;
	bool		 deep = false;

	doc = parse(buf, len, diag->file, NULL, &deep);
	if (doc != NULL && doc->encoding == NULL) {
		xmlFreeDoc(doc);
		if (g_utf8_validate(buf, (gssize)len, NULL))
			doc = parse(buf, len, diag->file, "UTF-8", &deep);
		else {
			bp_diag(diag, BP_NOTE, 1, 0, "no charset declared and "
			    "the text is not UTF-8: read as windows-1252");
			doc = parse(buf, len, diag->file, "windows-1252", &deep);
		}
	}
	if (doc != NULL && (deep || depth_of(xmlDocGetRootElement(doc)) >=
	    HTML_MAX_DEPTH)) {
		bp_diag(diag, BP_ERROR, 0, 0, "the page nests elements more "
		    "than %d deep; briefpack does not read it", HTML_MAX_DEPTH);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL)
		bp_diag(diag, BP_ERROR, 0, 0, "libxml2 could not read the page");
	return doc;
}

static int
depth_of(xmlNode *top)
{
	struct html_walk w;
	enum html_event	 ev;
	int		 d = 0, most = 0;

	bp_html_walk_init(&w, top);
	while ((ev = bp_html_walk_next(&w, false)) != HTML_DONE) {
		d += ev == HTML_ENTER ? 1 : -1;
		most = MAX(most, d);
	}
	return most;
}

/*
 * The head's <meta> (name or property -> content, the first of each),
 * <link rel=canonical> as "canonical", <title> as "title".
 */
static void
head_meta(struct html *h, GHashTable *m)
{
	struct html_walk w;
	enum html_event	 ev;
	xmlNode		*e;
	char		*k, *v, *rel;

	bp_html_walk_init(&w, xmlDocGetRootElement(h->doc));
	while ((ev = bp_html_walk_next(&w, false)) != HTML_DONE) {
		e = w.cur;
		if (ev != HTML_ENTER || e->type != XML_ELEMENT_NODE)
			continue;
		k = v = NULL;
		if (bp_html_is(e, "meta")) {
			if ((k = bp_html_attr(e, "property")) == NULL)
				k = bp_html_attr(e, "name");
			if (k == NULL)
				k = bp_html_attr(e, "itemprop");
			v = bp_html_attr(e, "content");
		} else if (bp_html_is(e, "link")) {
			rel = bp_html_attr(e, "rel");
			if (rel != NULL && g_ascii_strcasecmp(rel, "canonical")
			    == 0) {
				k = g_strdup("canonical");
				v = bp_html_attr(e, "href");
			}
			g_free(rel);
		} else if (bp_html_is(e, "title") && !g_hash_table_contains(m,
		    "title")) {
			k = g_strdup("title");
			v = bp_html_text(h, e, 4096);
		}
		if (k != NULL) {
			rel = g_ascii_strdown(k, -1);
			g_free(k);
			k = rel;
		}
		if (k != NULL && v != NULL && *g_strstrip(v) != '\0' &&
		    !g_hash_table_contains(m, k)) {
			g_hash_table_insert(m, k, v);
			k = v = NULL;
		}
		g_free(k);
		g_free(v);
	}
}

static char *
meta_value(GHashTable *m, const char *key)
{
	return g_strdup(g_hash_table_lookup(m, key));
}

/* Keep v (taken) as a metadata value, cleaned, with a note saying how. */
static void
set_value(struct html *h, char **slot, char *v, const char *key,
    const char *how, int line)
{
	if (v == NULL || *v == '\0' || *slot != NULL) {
		g_free(v);
		return;
	}
	*slot = bp_clean_value(v, key, line, h->diag);
	bp_diag(h->diag, BP_NOTE, line, 0, "%s from %s: %s", key, how, *slot);
	g_free(v);
}

static bool
class_has(const xmlNode *e, const char *const *words)
{
	char	*c = bp_html_attr(e, "class");
	char	**w;
	bool	 found = false;
	int	 i, k;

	if (c == NULL)
		return false;
	w = g_strsplit_set(c, " \t\r\n-_", -1);
	for (i = 0; w[i] != NULL && !found; i++)
		for (k = 0; words[k] != NULL && !found; k++)
			found = g_ascii_strcasecmp(w[i], words[k]) == 0;
	g_strfreev(w);
	g_free(c);
	return found;
}

/* The first element (not dropped) called name, or of class word. */
static xmlNode *
find_first(struct html *h, xmlNode *top, const char *name,
    const char *cls_word)
{
	const char	*words[2] = { cls_word, NULL };
	struct html_walk w;
	enum html_event	 ev;
	bool		 skip = false;

	bp_html_walk_init(&w, top);
	while ((ev = bp_html_walk_next(&w, skip)) != HTML_DONE) {
		skip = false;
		if (ev != HTML_ENTER || w.cur->type != XML_ELEMENT_NODE)
			continue;
		if (bp_html_marks(h, w.cur) & HTML_DROP) {
			skip = true;
			continue;
		}
		if ((name != NULL && bp_html_is(w.cur, name)) ||
		    (cls_word != NULL && class_has(w.cur, words)))
			return w.cur;
	}
	return NULL;
}

/* "Title - Site" -> "Title": the site's part after the last separator. */
static char *
title_from_head(char *t)
{
	static const char *const seps[] = { " | ", " - ", " \xe2\x80\x93 ",
	    " \xe2\x80\x94 ", " :: ", " \xc2\xb7 " };
	char	*cut = NULL, *p;
	size_t	 i;

	for (i = 0; t != NULL && i < G_N_ELEMENTS(seps); i++)
		if ((p = g_strrstr(t, seps[i])) != NULL && p > t &&
		    (cut == NULL || p > cut))
			cut = p;
	if (cut != NULL)
		*cut = '\0';
	return t;
}

/* The article's <h1>, else the page's first, else og:title, <title>. */
static void
take_title(struct html *h, GHashTable *m)
{
	xmlNode	*e;

	if ((e = find_first(h, h->root, "h1", NULL)) != NULL) {
		h->title = e;
		bp_html_mark(h, e, HTML_TAKEN);
		set_value(h, &h->meta->title, bp_html_text(h, e, 4096), "title",
		    "the article's <h1>", (int)xmlGetLineNo(e));
	} else if ((e = find_first(h, h->body, "h1", NULL)) != NULL)
		set_value(h, &h->meta->title, bp_html_text(h, e, 4096), "title",
		    "the page's <h1>", (int)xmlGetLineNo(e));
	if (h->meta->title == NULL || *h->meta->title == '\0')
		set_value(h, &h->meta->title, meta_value(m, "og:title"),
		    "title", "og:title", 1);
	set_value(h, &h->meta->title, title_from_head(meta_value(m,
	    "title")), "title", "<title>", 1);
}

/*
 * The lead: an element of class ingress, lead, intro ... in the article
 * (taken out of the body), else og:description or the description
 * when the body does not begin with it.
 */
static void
take_lead(struct html *h, GHashTable *m)
{
	xmlNode	*e = NULL;
	char	*v, *body;
	int	 i;

	for (i = 0; lead_words[i] != NULL && e == NULL; i++)
		e = find_first(h, h->root, NULL, lead_words[i]);
	if (e != NULL && e != h->root) {
		bp_html_mark(h, e, HTML_TAKEN);
		set_value(h, &h->meta->subtitle, bp_html_text(h, e, 4096),
		    "subtitle", "the lead paragraph", (int)xmlGetLineNo(e));
		return;
	}
	if ((v = meta_value(m, "og:description")) == NULL)
		v = meta_value(m, "description");
	body = bp_html_text(h, h->root, 4096);
	/* A description that repeats the first paragraph is no lead. */
	if (v != NULL && strncmp(body, v, MIN(strlen(v), 40)) != 0 &&
	    strstr(body, v) == NULL && (h->meta->title == NULL ||
	    strcmp(g_strstrip(v), h->meta->title) != 0))
		set_value(h, &h->meta->subtitle, v, "subtitle",
		    "the page's description", 1);
	else
		g_free(v);
	g_free(body);
}

/* meta author, else the article's byline (taken out of the body). */
static void
take_byline(struct html *h, GHashTable *m)
{
	xmlNode	*e = NULL;
	char	*v = meta_value(m, "author"), *t;
	int	 i;

	if (v == NULL)
		v = meta_value(m, "article:author");
	if (v != NULL && strstr(v, "://") != NULL) {
		g_free(v);
		v = NULL;
	}
	for (i = 0; byline_words[i] != NULL && e == NULL; i++)
		e = find_first(h, h->root, NULL, byline_words[i]);
	if (e != NULL && e != h->root && !(bp_html_marks(h, e) & HTML_TAKEN)) {
		bp_html_mark(h, e, HTML_TAKEN);
		bp_diag(h->diag, BP_NOTE, (int)xmlGetLineNo(e), 0, "byline "
		    "and date line, in the title block");
		if (v == NULL) {
			t = bp_html_text(h, e, 200);
			if (g_str_has_prefix(t, "Av ") ||
			    g_str_has_prefix(t, "By ") ||
			    g_str_has_prefix(t, "by "))
				memmove(t, t + 3, strlen(t + 3) + 1);
			if (find_first(h, e, "time", NULL) == NULL &&
			    g_utf8_strlen(t, -1) <= 80)
				v = t;
			else
				g_free(t);
		}
	}
	if (v != NULL && h->meta->authors == NULL) {
		t = bp_clean_value(v, "author", 1, h->diag);
		h->meta->authors = g_new0(char *, 2);
		h->meta->authors[0] = t;
		bp_diag(h->diag, BP_NOTE, 1, 0, "author: %s", t);
	}
	g_free(v);
}

/*
 * The short block around the article's first <time> is its date line
 * ("Published 12.11.2026 | Ministry"): shown in the title block, so
 * taken out of the body.
 */
static void
take_dateline(struct html *h, xmlNode *time)
{
	xmlNode	*b = time;
	char	*t;

	while (b->parent != NULL && b != h->root && !bp_html_is(b, "p") &&
	    !bp_html_is(b, "div") && !bp_html_is(b, "li") &&
	    !bp_html_is(b, "header"))
		b = b->parent;
	if (b == h->root || (bp_html_marks(h, b) & HTML_TAKEN))
		return;
	t = bp_html_text(h, b, 400);
	if (g_utf8_strlen(t, -1) < 160) {
		bp_html_mark(h, b, HTML_TAKEN);
		bp_diag(h->diag, BP_NOTE, (int)xmlGetLineNo(b), 0, "date "
		    "line, in the title block: \"%s\"", t);
	}
	g_free(t);
}

/* <time datetime> in the article, else article:published_time. */
static void
take_date(struct html *h, GHashTable *m)
{
	static const char *const keys[] = { "article:published_time",
	    "datepublished", "date", "dc.date", "dcterms.date",
	    "dc.date.issued", "dcterms.created" };
	xmlNode		*e = find_first(h, h->root, "time", NULL);
	char		*v = NULL;
	struct bp_date	 d;
	int		 line = 1;
	size_t		 i;

	if (e != NULL) {
		v = bp_html_attr(e, "datetime");
		line = (int)xmlGetLineNo(e);
		take_dateline(h, e);
	}
	for (i = 0; i < G_N_ELEMENTS(keys) && (v == NULL ||
	    !bp_meta_parse_date(g_strstrip(v), &d)); i++) {
		g_free(v);
		v = meta_value(m, keys[i]);
		line = 1;
	}
	if (v != NULL && bp_meta_parse_date(v, &d) && h->meta->date_text ==
	    NULL) {
		h->meta->date = d;
		h->meta->date_text = g_strdup_printf("%04d-%02d-%02d", d.y,
		    d.m, d.d);
		bp_diag(h->diag, BP_NOTE, line, 0, "date: %s (from \"%s\")",
		    h->meta->date_text, v);
	}
	g_free(v);
}

/*
 * The address a browser saved the page from, in its mark of the web:
 * <!-- saved from url=(0042)https://... -->. Caller frees; NULL if none.
 */
static char *
saved_from(struct html *h)
{
	xmlNode		*c;
	const char	*p;
	char		*url = NULL;

	for (c = h->doc->children; c != NULL && url == NULL; c = c->next) {
		if (c->type != XML_COMMENT_NODE || c->content == NULL ||
		    (p = strstr((const char *)c->content, "saved from url=(")) ==
		    NULL || (p = strchr(p, ')')) == NULL)
			continue;
		url = g_strndup(p + 1, strcspn(p + 1, " \t\r\n"));
	}
	return url;
}

/* Source URL, language and keywords. */
static void
take_rest(struct html *h, GHashTable *m)
{
	xmlNode	*root = xmlDocGetRootElement(h->doc);
	char	*v, *lang;

	if ((v = meta_value(m, "canonical")) == NULL)
		v = meta_value(m, "og:url");
	if (v == NULL)
		v = saved_from(h);
	if (v != NULL && (g_str_has_prefix(v, "http://") ||
	    g_str_has_prefix(v, "https://"))) {
		h->base = g_strdup(v);
		set_value(h, &h->meta->source, v, "source", "the page's own "
		    "address", 1);
	} else
		g_free(v);
	if (root != NULL && (v = bp_html_attr(root, "lang")) != NULL) {
		if ((lang = bp_meta_parse_lang(g_strstrip(v))) != NULL &&
		    h->meta->lang == NULL) {
			h->meta->lang = lang;
			bp_diag(h->diag, BP_NOTE, (int)xmlGetLineNo(root), 0,
			    "language from <html lang>: %s", lang);
		} else
			g_free(lang);
		g_free(v);
	}
	if ((v = meta_value(m, "keywords")) == NULL)
		v = meta_value(m, "news_keywords");
	if (v != NULL && h->meta->keywords == NULL) {
		lang = bp_clean_value(v, "keywords", 1, h->diag);
		h->meta->keywords = bp_meta_split_keywords(lang);
		g_free(lang);
	}
	g_free(v);
}

bool
bp_html_read(struct bp_article *art, const struct bp_load_opts *opts,
    struct bp_diag *diag, struct bp_txt_result *out)
{
	struct html	 h = { 0 };
	struct bp_mdout	*o = NULL;
	GHashTable	*m = NULL;
	char		*buf = NULL;
	size_t		 len = 0;
	bool		 ok = false;
	const char	*nolib;

	(void)opts;
	if (!bp_parse_init_libxml(&nolib)) {
		bp_diag(diag, BP_ERROR, 0, 0, "cannot read a web page: %s", nolib);
		return false;
	}
	if (!bp_util_read_file(art->path, BP_MAX_INPUT_BYTES, diag, &buf,
	    &len))
		goto out;
	if ((h.doc = parse_page(buf, len, diag)) == NULL)
		goto out;
	h.marks = g_hash_table_new(NULL, NULL);
	h.meta = &art->meta;
	h.diag = diag;
	h.path = art->path;
	h.body = xmlDocGetRootElement(h.doc);
	if (h.body == NULL) {
		bp_diag(diag, BP_ERROR, 0, 0, "the page has no text");
		goto out;
	}
	if (find_first(&h, h.body, "body", NULL) != NULL)
		h.body = find_first(&h, h.body, "body", NULL);
	m = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	head_meta(&h, m);
	bp_html_find_article(&h);
	take_title(&h, m);
	take_lead(&h, m);
	take_byline(&h, m);
	take_date(&h, m);
	take_rest(&h, m);
	o = bp_mdout_new();
	bp_html_emit(&h, o);
	if (!bp_mdout_has_text(o)) {
		bp_diag(diag, BP_ERROR, 0, 0, "no article text found in the "
		    "page");
		goto out;
	}
	bp_mdout_finish(o, diag, out);
	ok = true;
out:
	bp_mdout_free(o);
	if (m != NULL)
		g_hash_table_destroy(m);
	if (h.marks != NULL)
		g_hash_table_destroy(h.marks);
	if (h.doc != NULL)
		xmlFreeDoc(h.doc);
	g_free(h.base);
	g_free(buf);
	return ok;
}
