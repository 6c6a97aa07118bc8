/*
 * Metadata keys: what front matter, manifests and "-M key=value" may set,
 * the YAML walk that applies them to struct bp_meta, and front matter
 * itself. Values are checked in values.c, manifests read in manifest.c.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <yaml.h>

#include "bp.h"
#include "parse.h"

enum meta_field {
	META_FIELD_TITLE,
	META_FIELD_SUBTITLE,
	META_FIELD_AUTHORS,
	META_FIELD_DATE,
	META_FIELD_LANG,
	META_FIELD_SOURCE,
	META_FIELD_ABSTRACT,
	META_FIELD_KEYWORDS,
	META_FIELD_CLASSIFICATION,
	META_FIELD_EXEMPT,
	META_FIELD_DISTRIBUTION,
	META_FIELD_ORGANISATION,
	META_FIELD_STYLE,
	META_FIELD_SMART,
	META_FIELD_ARTICLES,
	META_FIELD__MAX
};

struct meta_key {
	const char	*name;
	enum meta_field	 field;
	unsigned	 where;      /* BP_META_IN_* bits */
};

/* Aliases share a field, so "summary" after "abstract" is a duplicate. */
static const struct meta_key meta_keys[] = {
	{ "title",          META_FIELD_TITLE,          BP_META_IN_ALL },
	{ "subtitle",       META_FIELD_SUBTITLE,       BP_META_IN_ALL },
	{ "author",         META_FIELD_AUTHORS,        BP_META_IN_ALL },
	{ "authors",        META_FIELD_AUTHORS,        BP_META_IN_ALL },
	{ "date",           META_FIELD_DATE,           BP_META_IN_ALL },
	{ "lang",           META_FIELD_LANG,           BP_META_IN_ALL },
	{ "source",         META_FIELD_SOURCE,         BP_META_IN_ALL },
	{ "abstract",       META_FIELD_ABSTRACT,       BP_META_IN_ALL },
	{ "summary",        META_FIELD_ABSTRACT,       BP_META_IN_ALL },
	{ "keywords",       META_FIELD_KEYWORDS,       BP_META_IN_ALL },
	{ "classification", META_FIELD_CLASSIFICATION, BP_META_IN_ALL },
	{ "exempt",         META_FIELD_EXEMPT,         BP_META_IN_ALL },
	{ "distribution",   META_FIELD_DISTRIBUTION,   BP_META_IN_MANIFEST },
	{ "organisation",   META_FIELD_ORGANISATION,
	    BP_META_IN_MANIFEST | BP_META_IN_CLI },
	{ "organization",   META_FIELD_ORGANISATION,
	    BP_META_IN_MANIFEST | BP_META_IN_CLI },
	{ "style",          META_FIELD_STYLE,
	    BP_META_IN_MANIFEST | BP_META_IN_CLI },
	{ "smart",          META_FIELD_SMART,          BP_META_IN_ALL },
	{ "articles",       META_FIELD_ARTICLES,       BP_META_IN_MANIFEST },
};

/* What a key of each field must hold, for wrong-type errors. */
static const char *const meta_field_types[META_FIELD__MAX] = {
	"a string", "a string", "a string or a list of strings",
	"a date like 2026-11-27", "a language tag like nb or en-GB",
	"a string", "a string", "a string or a list of strings", "a string",
	"a string (the legal basis, such as \"offl. § 15 første ledd\")",
	"a non-empty list of names (the holders of the numbered copies)",
	"a string", "a string", "true or false",
	"a non-empty list of article paths",
};
G_STATIC_ASSERT(G_N_ELEMENTS(meta_field_types) == META_FIELD__MAX);

/* Where a value came from, to word and place its diagnostics. */
struct meta_report {
	struct bp_diag	*diag;
	const char	*what;   /* "front matter", "manifest" or "-M" */
	const char	*key;    /* as written */
	int		 line, col;
};

static bool is_fence(const char *s, const char *e, const char *fence);
static bool is_blank(const char *s, const char *e);
static const char *line_end(const char *s, const char *e);
static const struct meta_key *find_key(const char *name, unsigned where);
static void set_str(char **field, const char *value);
static char *clean_value(const char *value, const struct meta_report *r);
static bool set_value(struct bp_meta *m, enum meta_field f,
    const char *value, const struct meta_report *r);
static bool set_date(struct bp_meta *m, const char *value,
    const struct meta_report *r);
static bool set_lang(struct bp_meta *m, const char *value,
    const struct meta_report *r);
static bool set_smart(struct bp_meta *m, const char *value,
    const struct meta_report *r);
static void type_error(struct bp_meta_walk *w, int line, const char *key,
    enum meta_field f);
static bool set_list(struct bp_meta_walk *w, struct bp_meta *m,
    const struct meta_key *k, const char *key, int key_line,
    yaml_node_t *val);
static bool set_distribution(struct bp_meta_walk *w, struct bp_meta *m,
    const char *key, int key_line, yaml_node_t *val);
static void walk_pair(struct bp_meta_walk *w, struct bp_meta *m,
    yaml_node_t *kn, yaml_node_t *val, int *seen);

/* ------------------------------------------------------------------ */
/* Front matter lines                                                  */

/* Whether [s, e) is `fence` followed only by spaces, tabs or a CR. */
static bool
is_fence(const char *s, const char *e, const char *fence)
{
	const char	*p;

	if (e - s < 3 || memcmp(s, fence, 3) != 0)
		return false;
	for (p = s + 3; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

/* Whether [s, e) holds only spaces, tabs and CRs. */
static bool
is_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* The '\n' ending the line at s, or e when it is the last line. */
static const char *
line_end(const char *s, const char *e)
{
	const char	*nl = memchr(s, '\n', (size_t)(e - s));

	return nl != NULL ? nl : e;
}

/* ------------------------------------------------------------------ */
/* Setting fields                                                      */

static const struct meta_key *
find_key(const char *name, unsigned where)
{
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(meta_keys); i++)
		if ((meta_keys[i].where & where) != 0 &&
		    strcmp(meta_keys[i].name, name) == 0)
			return &meta_keys[i];
	return NULL;
}

static void
set_str(char **field, const char *value)
{
	g_free(*field);
	*field = value != NULL ? g_strdup(value) : NULL;
}

/*
 * A copy of value cleaned of control characters, bidi overrides and
 * noncharacters (clean.c): YAML escapes such as "\e" or "\uFFFF" make
 * them. Warnings name the key, at its value's line. Caller frees.
 */
static char *
clean_value(const char *value, const struct meta_report *r)
{
	char	*label, *clean;

	label = strcmp(r->what, "-M") == 0 ?
	    g_strdup_printf("-M %s", r->key) : g_strdup(r->key);
	clean = bp_clean_value(value, label, r->line, r->diag);
	g_free(label);
	return clean;
}

/*
 * Set one field from text (NULL: clear it). Lists get one author, or the
 * comma-separated keywords. Returns false after reporting a bad value.
 */
static bool
set_value(struct bp_meta *m, enum meta_field f, const char *value,
    const struct meta_report *r)
{
	char	*clean = NULL;
	bool	 ok = true;

	if (value != NULL)
		value = clean = clean_value(value, r);
	switch (f) {
	case META_FIELD_TITLE:
		set_str(&m->title, value);
		break;
	case META_FIELD_SUBTITLE:
		set_str(&m->subtitle, value);
		break;
	case META_FIELD_SOURCE:
		set_str(&m->source, value);
		break;
	case META_FIELD_ABSTRACT:
		set_str(&m->abstract, value);
		break;
	case META_FIELD_CLASSIFICATION:
		set_str(&m->classification, value);
		break;
	case META_FIELD_EXEMPT:
		/* Spaces around it are no part of the legal basis. */
		set_str(&m->exempt, value != NULL ? g_strstrip(clean) : NULL);
		m->exempt_line = value != NULL ? r->line : 0;
		break;
	case META_FIELD_ORGANISATION:
		set_str(&m->organisation, value);
		break;
	case META_FIELD_STYLE:
		set_str(&m->style, value);
		break;
	case META_FIELD_AUTHORS:
		g_strfreev(m->authors);
		m->authors = NULL;
		if (value != NULL && *value != '\0') {
			m->authors = g_new0(char *, 2);
			m->authors[0] = g_strdup(value);
		}
		break;
	case META_FIELD_KEYWORDS:
		g_strfreev(m->keywords);
		m->keywords = value != NULL ? bp_meta_split_keywords(value) :
		    NULL;
		break;
	case META_FIELD_DATE:
		ok = set_date(m, value, r);
		break;
	case META_FIELD_LANG:
		ok = set_lang(m, value, r);
		break;
	case META_FIELD_SMART:
		ok = set_smart(m, value, r);
		break;
	case META_FIELD_ARTICLES:
	case META_FIELD_DISTRIBUTION:
	case META_FIELD__MAX:
		g_assert_not_reached();
	}
	g_free(clean);
	return ok;
}

/*
 * "date" from its cleaned text (NULL: clear it): the calendar date, and
 * the text without surrounding white space. False after reporting a
 * value that is no date; the field keeps what it had.
 */
static bool
set_date(struct bp_meta *m, const char *value, const struct meta_report *r)
{
	struct bp_date	 date = { 0, 0, 0 };
	char		*tmp = NULL;
	bool		 ok = false;

	if (value == NULL) {
		set_str(&m->date_text, NULL);
		m->date.y = m->date.m = m->date.d = 0;
		return true;
	}
	tmp = g_strstrip(g_strdup(value));
	if (!bp_meta_parse_date(tmp, &date)) {
		bp_diag(r->diag, BP_ERROR, r->line, r->col,
		    "%s key \"%s\": \"%s\" is not a valid date (use "
		    "YYYY-MM-DD, or ISO 8601 such as "
		    "2026-11-27T10:00:00+01:00)",
		    r->what, r->key, value);
		goto out;
	}
	g_free(m->date_text);
	m->date_text = tmp;
	tmp = NULL;
	m->date = date;
	ok = true;
out:
	g_free(tmp);
	return ok;
}

/*
 * "lang" from its cleaned text (NULL: clear it), a BCP 47 tag with its
 * primary subtag lower-cased. False after reporting a value that is no
 * tag; the field keeps what it had.
 */
static bool
set_lang(struct bp_meta *m, const char *value, const struct meta_report *r)
{
	char	*tmp = NULL, *lang = NULL;
	bool	 ok = false;

	if (value == NULL) {
		set_str(&m->lang, NULL);
		return true;
	}
	tmp = g_strstrip(g_strdup(value));
	if ((lang = bp_meta_parse_lang(tmp)) == NULL) {
		bp_diag(r->diag, BP_ERROR, r->line, r->col,
		    "%s key \"%s\": \"%s\" is not a BCP 47 language "
		    "tag (such as nb, en or en-GB)%s",
		    r->what, r->key, value, strchr(value, '_') != NULL ?
		    "; separate subtags with '-', not '_'" : "");
		goto out;
	}
	g_free(m->lang);
	m->lang = lang;
	ok = true;
out:
	g_free(tmp);
	return ok;
}

/*
 * "smart" from its cleaned text (NULL: unset, so the default applies).
 * False after reporting a value that is neither true nor false.
 */
static bool
set_smart(struct bp_meta *m, const char *value, const struct meta_report *r)
{
	char	*tmp = NULL;
	bool	 b = false, ok = false;

	if (value == NULL) {
		m->smart_set = false;
		return true;
	}
	tmp = g_strstrip(g_strdup(value));
	if (!bp_yaml_parse_bool(tmp, &b)) {
		bp_diag(r->diag, BP_ERROR, r->line, r->col,
		    "%s key \"%s\" must be true or false, not \"%s\"",
		    r->what, r->key, value);
		goto out;
	}
	m->smart = b;
	m->smart_set = true;
	ok = true;
out:
	g_free(tmp);
	return ok;
}

/* A value of the wrong YAML type: reported at the key's line. */
static void
type_error(struct bp_meta_walk *w, int line, const char *key,
    enum meta_field f)
{
	bp_diag(w->diag, BP_ERROR, line, 0, "%s key \"%s\" must be %s",
	    w->what, key, meta_field_types[f]);
	w->ok = false;
}

/*
 * authors/keywords from YAML: one string (keywords: split on commas) or
 * a list of strings; null items are skipped. Returns false after an error.
 */
static bool
set_list(struct bp_meta_walk *w, struct bp_meta *m, const struct meta_key *k,
    const char *key, int key_line, yaml_node_t *val)
{
	struct meta_report	 r;
	GPtrArray		*list = NULL;
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	const char		*s;
	char			*piece = NULL;
	char		       **strv = NULL;
	bool			 ok = false;

	r.diag = w->diag;
	r.what = w->what;
	r.key = key;
	r.line = (int)val->start_mark.line + w->first_line;
	r.col = (int)val->start_mark.column + 1;
	if (val->type == YAML_SCALAR_NODE) {
		if (!bp_yaml_node_is_null(val) &&
		    bp_yaml_node_text(val) == NULL)
			type_error(w, key_line, key, k->field);
		else
			ok = set_value(m, k->field, bp_yaml_node_text(val), &r);
		goto out;
	}
	if (val->type != YAML_SEQUENCE_NODE) {
		type_error(w, key_line, key, k->field);
		goto out;
	}

	/* One level only: every item must be a scalar. */
	list = g_ptr_array_new_with_free_func(g_free);
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++) {
		item = yaml_document_get_node(w->doc, *it);
		if (item == NULL || item->type != YAML_SCALAR_NODE) {
			type_error(w, key_line, key, k->field);
			goto out;
		}
		if (bp_yaml_node_is_null(item))
			continue;
		if ((s = bp_yaml_node_text(item)) == NULL) {
			type_error(w, key_line, key, k->field);
			goto out;
		}
		r.line = (int)item->start_mark.line + w->first_line;
		piece = g_strstrip(clean_value(s, &r));
		if (*piece != '\0')
			g_ptr_array_add(list, piece);
		else
			g_free(piece);
		piece = NULL;
	}
	if (list->len > 0) {
		g_ptr_array_set_free_func(list, NULL);
		g_ptr_array_add(list, NULL);
		strv = (char **)g_ptr_array_free(list, FALSE);
		list = NULL;
	}
	if (k->field == META_FIELD_AUTHORS) {
		g_strfreev(m->authors);
		m->authors = strv;
	} else {
		g_strfreev(m->keywords);
		m->keywords = strv;
	}
	ok = true;
out:
	if (list != NULL)
		g_ptr_array_free(list, TRUE);
	return ok;
}

/*
 * "distribution": the holders of the numbered copies, one name each, in
 * copy order. An empty list, or an item that is not a name (a list, a
 * mapping, nothing), is an error at its line: a copy without a holder
 * would be handed to nobody. Returns false after reporting.
 */
static bool
set_distribution(struct bp_meta_walk *w, struct bp_meta *m, const char *key,
    int key_line, yaml_node_t *val)
{
	struct meta_report	 r;
	GPtrArray		*list = NULL;
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	const char		*s;
	char			*name = NULL;
	bool			 ok = false;

	if (val->type != YAML_SEQUENCE_NODE ||
	    val->data.sequence.items.top == val->data.sequence.items.start) {
		type_error(w, key_line, key, META_FIELD_DISTRIBUTION);
		goto out;
	}
	r.diag = w->diag;
	r.what = w->what;
	r.key = key;
	list = g_ptr_array_new_with_free_func(g_free);
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++) {
		if ((item = yaml_document_get_node(w->doc, *it)) == NULL)
			continue;
		r.line = (int)item->start_mark.line + w->first_line;
		r.col = (int)item->start_mark.column + 1;
		s = item->type == YAML_SCALAR_NODE ? bp_yaml_node_text(item) :
		    NULL;
		name = s != NULL ? g_strstrip(clean_value(s, &r)) : NULL;
		if (name == NULL || *name == '\0') {
			bp_diag(w->diag, BP_ERROR, r.line, r.col, "each entry "
			    "of \"%s\" must be the name of a copy's holder",
			    key);
			goto out;
		}
		g_ptr_array_add(list, name);
		name = NULL;
	}
	if (list->len > BP_MAX_COPIES) {
		bp_diag(w->diag, BP_ERROR, key_line, 0, "\"%s\" names %u "
		    "holders; at most %d numbered copies are made", key,
		    list->len, BP_MAX_COPIES);
		goto out;
	}
	g_ptr_array_add(list, NULL);
	g_strfreev(m->distribution);
	m->distribution = (char **)g_ptr_array_free(list, FALSE);
	list = NULL;
	ok = true;
out:
	g_free(name);
	if (list != NULL)
		g_ptr_array_free(list, TRUE);
	return ok;
}

/* One "key: value" of the root mapping. */
static void
walk_pair(struct bp_meta_walk *w, struct bp_meta *m, yaml_node_t *kn,
    yaml_node_t *val, int *seen)
{
	const struct meta_key	*k;
	const char		*key;
	struct meta_report	 r;
	int			 line = (int)kn->start_mark.line + w->first_line;

	if ((key = bp_yaml_node_text(kn)) == NULL) {
		bp_diag(w->diag, BP_WARNING, line, 0,
		    "ignoring a %s key that is not a plain string", w->what);
		return;
	}
	if ((k = find_key(key, w->where)) == NULL) {
		/* Unknown front matter keys are the author's own business. */
		if (w->where == BP_META_IN_MANIFEST)
			bp_diag(w->diag, BP_WARNING, line, 0,
			    "unknown manifest key \"%s\"", key);
		return;
	}
	if (seen[k->field] > 0)
		bp_diag(w->diag, BP_WARNING, line, 0,
		    "duplicate %s key \"%s\" (line %d); the last one wins",
		    w->what, key, seen[k->field]);
	seen[k->field] = line;

	if (k->field == META_FIELD_ARTICLES) {
		if (!bp_meta_add_articles(w, key, val))
			type_error(w, (int)val->start_mark.line + w->first_line,
			    key, k->field);
		return;
	}
	if (k->field == META_FIELD_DISTRIBUTION) {
		if (!set_distribution(w, m, key, line, val))
			w->ok = false;
		return;
	}
	if (k->field == META_FIELD_AUTHORS ||
	    k->field == META_FIELD_KEYWORDS) {
		if (!set_list(w, m, k, key, line, val))
			w->ok = false;
		return;
	}
	if (val->type != YAML_SCALAR_NODE ||
	    (!bp_yaml_node_is_null(val) && bp_yaml_node_text(val) == NULL)) {
		type_error(w, line, key, k->field);
		return;
	}
	r.diag = w->diag;
	r.what = w->what;
	r.key = key;
	r.line = (int)val->start_mark.line + w->first_line;
	r.col = (int)val->start_mark.column + 1;
	if (!set_value(m, k->field, bp_yaml_node_text(val), &r))
		w->ok = false;
}

void
bp_meta_walk_root(struct bp_meta_walk *w, struct bp_meta *m)
{
	yaml_node_t		*root = yaml_document_get_root_node(w->doc);
	yaml_node_t		*kn, *val;
	yaml_node_pair_t	*pair;
	int			 seen[META_FIELD__MAX] = { 0 };

	if (root == NULL || bp_yaml_node_is_null(root))
		return;
	if (root->type != YAML_MAPPING_NODE) {
		bp_diag(w->diag, BP_ERROR,
		    (int)root->start_mark.line + w->first_line,
		    (int)root->start_mark.column + 1,
		    "%s must be a YAML mapping (\"key: value\" lines)",
		    w->what);
		w->root_bad = true;
		w->ok = false;
		return;
	}
	for (pair = root->data.mapping.pairs.start;
	    pair < root->data.mapping.pairs.top; pair++) {
		kn = yaml_document_get_node(w->doc, pair->key);
		val = yaml_document_get_node(w->doc, pair->value);
		if (kn != NULL && val != NULL)
			walk_pair(w, m, kn, val, seen);
	}
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

bool
bp_meta_parse_front(const char *buf, size_t len, struct bp_meta *meta,
    const char **body_out, int *body_line, struct bp_diag *diag)
{
	struct bp_diag		 fallback = { 0 };
	struct bp_meta_walk	 w;
	yaml_document_t		 doc;
	const char		*end = buf + len, *p = buf, *e;
	const char		*yaml_start, *close = NULL;
	int			 line;
	bool			 have_doc = false, ok = false;

	if (diag == NULL)
		diag = &fallback;
	*body_out = buf;
	*body_line = 1;

	/* A byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p += 3;

	/*
	 * "---" then a non-blank line opens front matter; "---" then a blank
	 * line (or nothing) is a Markdown thematic break.
	 */
	e = line_end(p, end);
	if (!is_fence(p, e, "---") || e == end) {
		ok = true;
		goto out;
	}
	yaml_start = e + 1;
	if (is_blank(yaml_start, line_end(yaml_start, end))) {
		ok = true;
		goto out;
	}

	/* The closing line: "---" or "...". */
	line = 2;
	for (p = yaml_start; p <= end; p = e + 1, line++) {
		e = line_end(p, end);
		if (is_fence(p, e, "---") || is_fence(p, e, "...")) {
			close = p;
			break;
		}
		if (e == end)
			break;
	}
	if (close == NULL) {
		bp_diag(diag, BP_ERROR, 1, 0,
		    "front matter is not closed (no closing \"---\" line)");
		goto out;
	}
	*body_out = e < end ? e + 1 : end;
	*body_line = line + 1;

	if (!bp_yaml_load(yaml_start, (size_t)(close - yaml_start),
	    /*first_line*/2, BP_YAML_SHOW_BYTE, diag, &doc, &have_doc))
		goto out;
	memset(&w, 0, sizeof w);
	w.diag = diag;
	w.doc = &doc;
	w.what = "front matter";
	w.where = BP_META_IN_FRONT;
	w.first_line = 2;
	w.ok = true;
	bp_meta_walk_root(&w, meta);
	ok = w.ok;
out:
	if (have_doc)
		yaml_document_delete(&doc);
	return ok;
}

bool
bp_meta_set(struct bp_meta *meta, const char *key, const char *value,
    struct bp_diag *diag)
{
	struct bp_diag		 fallback = { 0 };
	const struct meta_key	*k;
	struct meta_report	 r;
	const char		*saved_file;
	bool			 ok = false;

	if (diag == NULL)
		diag = &fallback;
	if (key == NULL)
		key = "";
	if (value == NULL)
		value = "";

	/* Command-line messages name no file. */
	saved_file = diag->file;
	diag->file = NULL;
	if ((k = find_key(key, BP_META_IN_CLI)) == NULL) {
		bp_diag(diag, BP_ERROR, 0, 0, "unknown -M key \"%s\" (known: "
		    "title, subtitle, author, date, lang, source, abstract, "
		    "keywords, classification, exempt, organisation, style, "
		    "smart)",
		    key);
		goto out;
	}
	r.diag = diag;
	r.what = "-M";
	r.key = key;
	r.line = 0;
	r.col = 0;
	/* An empty value clears the key, e.g. "-M classification=". */
	ok = set_value(meta, k->field, *value != '\0' ? value : NULL, &r);
out:
	diag->file = saved_file;
	return ok;
}

bool
bp_meta_set_kv(struct bp_meta *m, const char *kv, struct bp_diag *diag)
{
	const char	*eq = strchr(kv, '=');
	char		*key;
	bool		 ok;

	if (eq == NULL) {
		bp_diag_at(diag, NULL, BP_ERROR, 0, 0,
		    "-M needs KEY=VALUE, not \"%s\"", kv);
		return false;
	}
	key = g_strndup(kv, (gsize)(eq - kv));
	ok = bp_meta_set(m, key, eq + 1, diag);
	g_free(key);
	return ok;
}
