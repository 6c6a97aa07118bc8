/*
 * Metadata: YAML front matter of articles, pack manifests and "-M key=value"
 * options, read with libyaml into struct bp_meta.
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

/* More YAML nodes than this in one block is an error (and bounds work). */
#define META_MAX_NODES 10000

/* Where a key may appear. */
#define META_IN_FRONT    0x1u   /* article front matter */
#define META_IN_MANIFEST 0x2u   /* pack manifest */
#define META_IN_CLI      0x4u   /* -M key=value */
#define META_IN_ALL      (META_IN_FRONT | META_IN_MANIFEST | META_IN_CLI)

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
	META_FIELD_ORGANISATION,
	META_FIELD_STYLE,
	META_FIELD_SMART,
	META_FIELD_ARTICLES,
	META_FIELD__MAX
};

struct meta_key {
	const char	*name;
	enum meta_field	 field;
	unsigned	 where;      /* META_IN_* bits */
};

/* Aliases share a field, so "summary" after "abstract" is a duplicate. */
static const struct meta_key meta_keys[] = {
	{ "title",          META_FIELD_TITLE,          META_IN_ALL },
	{ "subtitle",       META_FIELD_SUBTITLE,       META_IN_ALL },
	{ "author",         META_FIELD_AUTHORS,        META_IN_ALL },
	{ "authors",        META_FIELD_AUTHORS,        META_IN_ALL },
	{ "date",           META_FIELD_DATE,           META_IN_ALL },
	{ "lang",           META_FIELD_LANG,           META_IN_ALL },
	{ "source",         META_FIELD_SOURCE,         META_IN_ALL },
	{ "abstract",       META_FIELD_ABSTRACT,       META_IN_ALL },
	{ "summary",        META_FIELD_ABSTRACT,       META_IN_ALL },
	{ "keywords",       META_FIELD_KEYWORDS,       META_IN_ALL },
	{ "classification", META_FIELD_CLASSIFICATION, META_IN_ALL },
	{ "organisation",   META_FIELD_ORGANISATION,
	    META_IN_MANIFEST | META_IN_CLI },
	{ "organization",   META_FIELD_ORGANISATION,
	    META_IN_MANIFEST | META_IN_CLI },
	{ "style",          META_FIELD_STYLE,
	    META_IN_MANIFEST | META_IN_CLI },
	{ "smart",          META_FIELD_SMART,          META_IN_ALL },
	{ "articles",       META_FIELD_ARTICLES,       META_IN_MANIFEST },
};

/* What a key of each field must hold, for wrong-type errors. */
static const char *const meta_field_types[META_FIELD__MAX] = {
	"a string", "a string", "a string or a list of strings",
	"a date like 2026-11-27", "a language tag like nb or en-GB",
	"a string", "a string", "a string or a list of strings", "a string",
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

/* One walk over a loaded YAML block. */
struct meta_walk {
	struct bp_diag		*diag;
	yaml_document_t		*doc;
	const char		*what;         /* "front matter" or "manifest" */
	unsigned		 where;        /* META_IN_FRONT or _MANIFEST */
	int			 first_line;   /* file line of YAML line 0 */
	const char		*base;         /* manifest path (articles) */
	bool			 allow_outside;
	GPtrArray		*articles;     /* resolved paths (manifest) */
	GHashTable		*refused;      /* path -> why (manifest) */
	bool			 saw_articles;
	bool			 root_bad;     /* root is not a mapping */
	bool			 ok;
};

static bool is_fence(const char *, const char *, const char *);
static bool is_blank(const char *, const char *);
static const char *line_end(const char *, const char *);
static int read_digits(const char *, int, int *);
static int days_in_month(int, int);
static bool parse_bool(const char *, bool *);
static char **split_keywords(const char *);
static void report_yaml_error(const yaml_parser_t *, const char *, size_t,
    int, struct bp_diag *);
static bool yaml_load_bounded(const char *, size_t, int, struct bp_diag *,
    yaml_document_t *, bool *);
static bool node_is_null(const yaml_node_t *);
static const char *node_text(const yaml_node_t *);
static const struct meta_key *find_key(const char *, unsigned);
static void set_str(char **, const char *);
static char *clean_value(const char *, const struct meta_report *);
static bool set_value(struct bp_meta *, enum meta_field, const char *,
    const struct meta_report *);
static void type_error(struct meta_walk *, int, const char *,
    enum meta_field);
static bool set_list(struct meta_walk *, struct bp_meta *,
    const struct meta_key *, const char *, int, yaml_node_t *);
static char *check_entry(const char *, const char **);
static void add_articles(struct meta_walk *, const char *, yaml_node_t *);
static void walk_pair(struct meta_walk *, struct bp_meta *, yaml_node_t *,
    yaml_node_t *, int *);
static void walk_root(struct meta_walk *, struct bp_meta *);

/* ------------------------------------------------------------------ */
/* Small text helpers                                                  */

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

/* Read exactly n ASCII digits at s into *out; returns n, or 0. */
static int
read_digits(const char *s, int n, int *out)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return n;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool	 leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

bool
bp_meta_parse_date(const char *s, struct bp_date *out)
{
	const char	*p = s;
	int		 y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
	int		 zh = 0, zm = 0;
	bool		 ok = false;

	if (s == NULL)
		goto out;

	/* The calendar date, always in the extended form. */
	if (!read_digits(p, 4, &y) || p[4] != '-' ||
	    !read_digits(p + 5, 2, &m) || p[7] != '-' ||
	    !read_digits(p + 8, 2, &d))
		goto out;
	p += 10;

	/* An optional time: hh:mm[:ss[.frac]], then an optional zone. */
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!read_digits(p, 2, &hh) || p[2] != ':' ||
		    !read_digits(p + 3, 2, &mi))
			goto out;
		p += 5;
		if (*p == ':') {
			if (!read_digits(p + 1, 2, &ss))
				goto out;
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				if (!g_ascii_isdigit(*p))
					goto out;
				while (g_ascii_isdigit(*p))
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			p++;
			if (!read_digits(p, 2, &zh))
				goto out;
			p += 2;
			if (*p == ':')
				p++;
			if (g_ascii_isdigit(*p)) {
				if (!read_digits(p, 2, &zm))
					goto out;
				p += 2;
			}
		}
		if (hh > 23 || mi > 59 || ss > 60 || zh > 23 || zm > 59)
			goto out;
	}
	if (*p != '\0')
		goto out;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		goto out;
	out->y = y;
	out->m = m;
	out->d = d;
	ok = true;
out:
	return ok;
}

char *
bp_meta_parse_lang(const char *s)
{
	char	**parts = NULL;
	char	 *result = NULL;
	size_t	  i, j, n, len;

	if (s == NULL || *s == '\0')
		goto out;
	parts = g_strsplit(s, "-", -1);
	n = g_strv_length(parts);

	/* Primary: 2-3 letters, or the "i"/"x" prefix with more to come. */
	len = strlen(parts[0]);
	if (len == 1) {
		if (g_ascii_tolower(parts[0][0]) != 'i' &&
		    g_ascii_tolower(parts[0][0]) != 'x')
			goto out;
		if (n < 2)
			goto out;
	} else if (len < 2 || len > 3)
		goto out;
	for (j = 0; j < len; j++)
		if (!g_ascii_isalpha(parts[0][j]))
			goto out;

	/* Then subtags of 1-8 letters or digits. */
	for (i = 1; i < n; i++) {
		len = strlen(parts[i]);
		if (len < 1 || len > 8)
			goto out;
		for (j = 0; j < len; j++)
			if (!g_ascii_isalnum(parts[i][j]))
				goto out;
	}

	result = g_strdup(s);
	for (j = 0; result[j] != '\0' && result[j] != '-'; j++)
		result[j] = g_ascii_tolower(result[j]);
out:
	g_strfreev(parts);
	return result;
}

/* true/false/yes/no in any case. */
static bool
parse_bool(const char *s, bool *out)
{
	if (g_ascii_strcasecmp(s, "true") == 0 ||
	    g_ascii_strcasecmp(s, "yes") == 0) {
		*out = true;
		return true;
	}
	if (g_ascii_strcasecmp(s, "false") == 0 ||
	    g_ascii_strcasecmp(s, "no") == 0) {
		*out = false;
		return true;
	}
	return false;
}

/* "a, b ,c" -> {"a", "b", "c"}; empty pieces dropped; NULL if none. */
static char **
split_keywords(const char *s)
{
	GPtrArray	*list = g_ptr_array_new();
	char		**parts = g_strsplit(s, ",", -1);
	char		**p;

	for (p = parts; *p != NULL; p++) {
		g_strstrip(*p);
		if (**p != '\0')
			g_ptr_array_add(list, g_strdup(*p));
	}
	g_strfreev(parts);
	if (list->len == 0) {
		g_ptr_array_free(list, TRUE);
		return NULL;
	}
	g_ptr_array_add(list, NULL);
	return (char **)g_ptr_array_free(list, FALSE);
}

/* ------------------------------------------------------------------ */
/* YAML loading                                                        */

/* Report libyaml's problem at its file line (first_line = YAML line 0). */
static void
report_yaml_error(const yaml_parser_t *parser, const char *text, size_t len,
    int first_line, struct bp_diag *diag)
{
	const char	*p, *line_start = text, *stop;
	int		 line, col;

	if (parser->error == YAML_MEMORY_ERROR) {
		bp_diag(diag, BP_ERROR, first_line, 0, "YAML: out of memory");
		return;
	}

	/* Reader errors carry a byte offset, the others a mark. */
	if (parser->error == YAML_READER_ERROR) {
		stop = text + (parser->problem_offset < len ?
		    parser->problem_offset : len);
		line = first_line;
		for (p = text; p < stop; p++)
			if (*p == '\n') {
				line++;
				line_start = p + 1;
			}
		col = (int)g_utf8_strlen(line_start, stop - line_start) + 1;
		if (parser->problem_value != -1)
			bp_diag(diag, BP_ERROR, line, col,
			    "YAML: %s (#x%X)", parser->problem,
			    (unsigned)parser->problem_value);
		else
			bp_diag(diag, BP_ERROR, line, col, "YAML: %s",
			    parser->problem);
		return;
	}
	line = (int)parser->problem_mark.line + first_line;
	col = (int)parser->problem_mark.column + 1;
	if (parser->context != NULL)
		bp_diag(diag, BP_ERROR, line, col, "YAML: %s %s",
		    parser->problem != NULL ? parser->problem : "error",
		    parser->context);
	else
		bp_diag(diag, BP_ERROR, line, col, "YAML: %s",
		    parser->problem != NULL ? parser->problem : "error");
}

/*
 * Load the first YAML document of text into doc. A first pass over the
 * events counts nodes, so a huge document is refused before anything is
 * built. *have_doc says whether doc must be deleted. Returns false after
 * reporting an error.
 */
static bool
yaml_load_bounded(const char *text, size_t len, int first_line,
    struct bp_diag *diag, yaml_document_t *doc, bool *have_doc)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	bool		 parser_live = false, done = false, ok = false;
	size_t		 nodes = 0;
	int		 docs = 0;

	*have_doc = false;
	if (!yaml_parser_initialize(&parser)) {
		bp_diag(diag, BP_ERROR, first_line, 0, "YAML: out of memory");
		goto out;
	}
	parser_live = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_yaml_error(&parser, text, len, first_line,
			    diag);
			goto out;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				bp_diag(diag, BP_WARNING,
				    (int)ev.start_mark.line + first_line, 0,
				    "only the first YAML document is read");
				done = true;
			}
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_ALIAS_EVENT:
			if (++nodes > META_MAX_NODES) {
				bp_diag(diag, BP_ERROR,
				    (int)ev.start_mark.line + first_line, 0,
				    "YAML: more than %d nodes; refusing to "
				    "read further", META_MAX_NODES);
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	parser_live = false;

	/* Second pass: the same text, now known to be small and valid. */
	if (!yaml_parser_initialize(&parser)) {
		bp_diag(diag, BP_ERROR, first_line, 0, "YAML: out of memory");
		goto out;
	}
	parser_live = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, doc)) {
		report_yaml_error(&parser, text, len, first_line, diag);
		goto out;
	}
	*have_doc = true;
	ok = true;
out:
	if (parser_live)
		yaml_parser_delete(&parser);
	return ok;
}

/* A plain "", "~" or "null", or an explicit !!null: no value. */
static bool
node_is_null(const yaml_node_t *n)
{
	const char	*v;

	if (n == NULL)
		return true;
	if (n->type != YAML_SCALAR_NODE)
		return false;
	if (n->tag != NULL &&
	    strcmp((const char *)n->tag, YAML_NULL_TAG) == 0)
		return true;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	v = (const char *)n->data.scalar.value;
	return *v == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/*
 * The text of a scalar of any tag, or NULL for a null value, a
 * non-scalar, or a scalar with an escaped NUL (it cannot be a C string).
 */
static const char *
node_text(const yaml_node_t *n)
{
	const char	*v;

	if (n == NULL || n->type != YAML_SCALAR_NODE || node_is_null(n))
		return NULL;
	v = (const char *)n->data.scalar.value;
	if (strlen(v) != n->data.scalar.length)
		return NULL;
	return v;
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
	struct bp_date	 date = { 0, 0, 0 };
	char		*tmp = NULL, *lang = NULL, *clean = NULL;
	bool		 b = false, ok = false;

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
		m->keywords = value != NULL ? split_keywords(value) : NULL;
		break;
	case META_FIELD_DATE:
		if (value == NULL) {
			set_str(&m->date_text, NULL);
			m->date.y = m->date.m = m->date.d = 0;
			break;
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
		break;
	case META_FIELD_LANG:
		if (value == NULL) {
			set_str(&m->lang, NULL);
			break;
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
		break;
	case META_FIELD_SMART:
		if (value == NULL) {
			m->smart_set = false;
			break;
		}
		tmp = g_strstrip(g_strdup(value));
		if (!parse_bool(tmp, &b)) {
			bp_diag(r->diag, BP_ERROR, r->line, r->col,
			    "%s key \"%s\" must be true or false, not \"%s\"",
			    r->what, r->key, value);
			goto out;
		}
		m->smart = b;
		m->smart_set = true;
		break;
	case META_FIELD_ARTICLES:
	case META_FIELD__MAX:
		g_assert_not_reached();
	}
	ok = true;
out:
	g_free(tmp);
	g_free(clean);
	return ok;
}

/* A value of the wrong YAML type: reported at the key's line. */
static void
type_error(struct meta_walk *w, int line, const char *key,
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
set_list(struct meta_walk *w, struct bp_meta *m, const struct meta_key *k,
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
		if (!node_is_null(val) && node_text(val) == NULL)
			type_error(w, key_line, key, k->field);
		else
			ok = set_value(m, k->field, node_text(val), &r);
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
		if (node_is_null(item))
			continue;
		if ((s = node_text(item)) == NULL) {
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

/*
 * The manifest's "articles": resolve each entry against the manifest. An
 * entry that is not an article is an error at its line; it stays in the
 * list, refused, so the pack shows it as an article that failed.
 */
static void
add_articles(struct meta_walk *w, const char *key, yaml_node_t *val)
{
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	const char		*entry, *hint;
	char			*resolved, *why;
	int			 line;

	/* A repeated "articles" replaces the earlier list. */
	g_ptr_array_set_size(w->articles, 0);
	g_hash_table_remove_all(w->refused);
	w->saw_articles = true;
	if (val->type != YAML_SEQUENCE_NODE ||
	    val->data.sequence.items.top == val->data.sequence.items.start) {
		bp_diag(w->diag, BP_ERROR,
		    (int)val->start_mark.line + w->first_line, 0,
		    "%s key \"%s\" must be %s", w->what, key,
		    meta_field_types[META_FIELD_ARTICLES]);
		w->ok = false;
		return;
	}
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++) {
		if ((item = yaml_document_get_node(w->doc, *it)) == NULL)
			continue;
		line = (int)item->start_mark.line + w->first_line;
		if ((entry = node_text(item)) == NULL || *entry == '\0') {
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
}

/* One "key: value" of the root mapping. */
static void
walk_pair(struct meta_walk *w, struct bp_meta *m, yaml_node_t *kn,
    yaml_node_t *val, int *seen)
{
	const struct meta_key	*k;
	const char		*key;
	struct meta_report	 r;
	int			 line = (int)kn->start_mark.line + w->first_line;

	if ((key = node_text(kn)) == NULL) {
		bp_diag(w->diag, BP_WARNING, line, 0,
		    "ignoring a %s key that is not a plain string", w->what);
		return;
	}
	if ((k = find_key(key, w->where)) == NULL) {
		/* Unknown front matter keys are the author's own business. */
		if (w->where == META_IN_MANIFEST)
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
		add_articles(w, key, val);
		return;
	}
	if (k->field == META_FIELD_AUTHORS ||
	    k->field == META_FIELD_KEYWORDS) {
		if (!set_list(w, m, k, key, line, val))
			w->ok = false;
		return;
	}
	if (val->type != YAML_SCALAR_NODE ||
	    (!node_is_null(val) && node_text(val) == NULL)) {
		type_error(w, line, key, k->field);
		return;
	}
	r.diag = w->diag;
	r.what = w->what;
	r.key = key;
	r.line = (int)val->start_mark.line + w->first_line;
	r.col = (int)val->start_mark.column + 1;
	if (!set_value(m, k->field, node_text(val), &r))
		w->ok = false;
}

/* The root must be a mapping (or nothing); walk its pairs once. */
static void
walk_root(struct meta_walk *w, struct bp_meta *m)
{
	yaml_node_t		*root = yaml_document_get_root_node(w->doc);
	yaml_node_t		*kn, *val;
	yaml_node_pair_t	*pair;
	int			 seen[META_FIELD__MAX] = { 0 };

	if (root == NULL || node_is_null(root))
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
	struct meta_walk	 w;
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

	if (!yaml_load_bounded(yaml_start, (size_t)(close - yaml_start),
	    /*first_line*/2, diag, &doc, &have_doc))
		goto out;
	memset(&w, 0, sizeof w);
	w.diag = diag;
	w.doc = &doc;
	w.what = "front matter";
	w.where = META_IN_FRONT;
	w.first_line = 2;
	w.ok = true;
	walk_root(&w, meta);
	ok = w.ok;
out:
	if (have_doc)
		yaml_document_delete(&doc);
	return ok;
}

bool
bp_meta_load_manifest(const char *path, const struct bp_load_opts *opts,
    struct bp_pack *pack, GPtrArray *paths, struct bp_diag *diag)
{
	static const struct bp_load_opts no_opts;
	struct bp_diag		 fallback = { 0 };
	struct meta_walk	 w;
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
	    !yaml_load_bounded(buf, len, /*first_line*/1, diag, &doc,
	    &have_doc))
		goto out;

	g_free(pack->path);
	pack->path = g_strdup(path);
	w.diag = diag;
	w.doc = &doc;
	w.what = "manifest";
	w.where = META_IN_MANIFEST;
	w.first_line = 1;
	w.base = path;
	w.allow_outside = opts->allow_outside;
	w.ok = true;
	walk_root(&w, &pack->meta);
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
	if ((k = find_key(key, META_IN_CLI)) == NULL) {
		bp_diag(diag, BP_ERROR, 0, 0, "unknown -M key \"%s\" (known: "
		    "title, subtitle, author, date, lang, source, abstract, "
		    "keywords, classification, organisation, style, smart)",
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
