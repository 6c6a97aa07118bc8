/*
 * Styles: styles/<name>.yaml (or a path) read with libyaml into struct
 * bp_style, on top of the built-in defaults (which equal "briefing").
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <string.h>

#include <yaml.h>

#include "bp.h"

/* Points per unit. */
#define PT_PER_MM (72.0 / 25.4)
#define PT_PER_CM (72.0 / 2.54)
#define PT_PER_IN 72.0
#define PT_PER_PC 12.0

/* More YAML nodes than this is an error (a style has about 60). */
#define STYLE_MAX_NODES 10000

/* Sanity limits. */
#define STYLE_MIN_TEXT_AREA (50.0 * PT_PER_MM)
#define STYLE_MIN_SIZE      4.0
#define STYLE_MAX_SIZE      72.0

enum style_kind {
	STYLE_KIND_LENGTH,       /* double, >= 0 */
	STYLE_KIND_SIZE,         /* double, a font size 4..72pt */
	STYLE_KIND_LEADING,      /* double, a plain number 1.0..3.0 */
	STYLE_KIND_LINES,        /* int, 1..5 (widows, orphans) */
	STYLE_KIND_BOOL,         /* bool */
	STYLE_KIND_STRING,       /* char *, not empty (fonts, name) */
	STYLE_KIND_COLOR,        /* struct bp_rgb */
	STYLE_KIND_TEMPLATE,     /* char *, may be empty */
	STYLE_KIND_TOC,          /* int -1/0/1 */
	STYLE_KIND_START,        /* enum bp_start */
	STYLE_KIND_PAGE_SIZE,    /* page_w and page_h, applied after the walk */
	STYLE_KIND_PAGE_WIDTH,
	STYLE_KIND_PAGE_HEIGHT,
	STYLE_KIND_MARKINGS,     /* markings, a list (set_markings) */
	STYLE_KIND__MAX
};

/* What each kind must hold, for error messages. */
static const char *const style_kind_wants[STYLE_KIND__MAX] = {
	"a length (points, or a number with pt, mm, cm, in or pc)",
	"a font size from 4pt to 72pt",
	"a number from 1.0 to 3.0",
	"a whole number from 1 to 5",
	"true or false",
	"a non-empty string",
	"a colour \"#rrggbb\" or \"#rgb\", in quotes (# starts a YAML comment)",
	"a string",
	"auto, true or false",
	"right, page or continue",
	("A3, A4, A5, Letter, Legal (optionally followed by \"landscape\") "
	    "or \"WIDTH HEIGHT\" such as \"210mm 297mm\""),
	"a length (points, or a number with pt, mm, cm, in or pc)",
	"a length (points, or a number with pt, mm, cm, in or pc)",
	("a list of protective markings, lowest first; an item may be a "
	    "list of markings of equal rank, such as [BEGRENSET, RESTRICTED]"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(style_kind_wants) == STYLE_KIND__MAX);

struct style_key {
	const char	*key;    /* full dotted name */
	enum style_kind	 kind;
	size_t		 off;    /* field in struct bp_style */
};

#define OFF(m) offsetof(struct bp_style, m)

static const struct style_key style_keys[] = {
	{ "name",                 STYLE_KIND_STRING,      OFF(name) },
	{ "page.size",            STYLE_KIND_PAGE_SIZE,   0 },
	{ "page.width",           STYLE_KIND_PAGE_WIDTH,  0 },
	{ "page.height",          STYLE_KIND_PAGE_HEIGHT, 0 },
	{ "page.duplex",          STYLE_KIND_BOOL,        OFF(duplex) },
	{ "page.margin-top",      STYLE_KIND_LENGTH,      OFF(margin_top) },
	{ "page.margin-bottom",   STYLE_KIND_LENGTH,      OFF(margin_bottom) },
	{ "page.margin-inner",    STYLE_KIND_LENGTH,      OFF(margin_inner) },
	{ "page.margin-outer",    STYLE_KIND_LENGTH,      OFF(margin_outer) },
	{ "fonts.body",           STYLE_KIND_STRING,      OFF(font_body) },
	{ "fonts.heading",        STYLE_KIND_STRING,      OFF(font_heading) },
	{ "fonts.mono",           STYLE_KIND_STRING,      OFF(font_mono) },
	{ "text.size",            STYLE_KIND_SIZE,        OFF(size_body) },
	{ "text.small",           STYLE_KIND_SIZE,        OFF(size_small) },
	{ "text.code",            STYLE_KIND_SIZE,        OFF(size_code) },
	{ "text.leading",         STYLE_KIND_LEADING,     OFF(leading) },
	{ "text.paragraph-space", STYLE_KIND_LENGTH,      OFF(para_space) },
	{ "text.justify",         STYLE_KIND_BOOL,        OFF(justify) },
	{ "text.hyphenate",       STYLE_KIND_BOOL,        OFF(hyphenate) },
	{ "text.widows",          STYLE_KIND_LINES,       OFF(widows) },
	{ "text.orphans",         STYLE_KIND_LINES,       OFF(orphans) },
	{ "headings.title",       STYLE_KIND_SIZE,        OFF(size_title) },
	{ "headings.h1",          STYLE_KIND_SIZE,        OFF(size_h[0]) },
	{ "headings.h2",          STYLE_KIND_SIZE,        OFF(size_h[1]) },
	{ "headings.h3",          STYLE_KIND_SIZE,        OFF(size_h[2]) },
	{ "headings.h4",          STYLE_KIND_SIZE,        OFF(size_h[3]) },
	{ "headings.h5",          STYLE_KIND_SIZE,        OFF(size_h[4]) },
	{ "headings.h6",          STYLE_KIND_SIZE,        OFF(size_h[5]) },
	{ "table.size",           STYLE_KIND_SIZE,        OFF(size_table) },
	{ "table.min-size",       STYLE_KIND_SIZE,        OFF(size_table_min) },
	{ "colors.text",          STYLE_KIND_COLOR,       OFF(color_text) },
	{ "colors.heading",       STYLE_KIND_COLOR,       OFF(color_heading) },
	{ "colors.accent",        STYLE_KIND_COLOR,       OFF(color_accent) },
	{ "colors.link",          STYLE_KIND_COLOR,       OFF(color_link) },
	{ "colors.marking",       STYLE_KIND_COLOR,       OFF(color_marking) },
	{ "colors.rule",          STYLE_KIND_COLOR,       OFF(color_rule) },
	{ "colors.shade",         STYLE_KIND_COLOR,       OFF(color_shade) },
	{ "header.left",          STYLE_KIND_TEMPLATE,    OFF(header[0]) },
	{ "header.center",        STYLE_KIND_TEMPLATE,    OFF(header[1]) },
	{ "header.right",         STYLE_KIND_TEMPLATE,    OFF(header[2]) },
	{ "footer.left",          STYLE_KIND_TEMPLATE,    OFF(footer[0]) },
	{ "footer.center",        STYLE_KIND_TEMPLATE,    OFF(footer[1]) },
	{ "footer.right",         STYLE_KIND_TEMPLATE,    OFF(footer[2]) },
	{ "cover",                STYLE_KIND_BOOL,        OFF(cover) },
	{ "toc",                  STYLE_KIND_TOC,         OFF(toc) },
	{ "article-start",        STYLE_KIND_START,       OFF(article_start) },
	{ "epub.embed-fonts",     STYLE_KIND_BOOL,        OFF(epub_embed_fonts) },
	{ "markings",             STYLE_KIND_MARKINGS,    0 },
};

/* Top-level keys whose value is a mapping of the keys above. */
static const char *const style_sections[] = {
	"page", "fonts", "text", "headings", "table", "colors", "header",
	"footer", "epub",
};

/* Placeholders the PDF writer expands in header and footer templates. */
static const char *const style_placeholders[] = {
	"pack-title", "pack-subtitle", "article-title", "date", "organisation",
	"classification", "page", "pages", "page-of",
};

/* Named page sizes, portrait, in millimetres. */
static const struct {
	const char	*name;
	double		 w_mm, h_mm;
} page_sizes[] = {
	{ "A3", 297, 420 },
	{ "A4", 210, 297 },
	{ "A5", 148, 210 },
	{ "Letter", 215.9, 279.4 },
	{ "Legal", 215.9, 355.6 },
};

/* State of one walk over a style file. */
struct style_walk {
	struct bp_diag	*diag;
	yaml_document_t	*doc;
	struct bp_style	*st;
	bool		 ok;
	bool		 name_set;
	int		 page_line;          /* line of "page:", for checks */
	int		 min_size_line;      /* line of table.min-size */
	bool		 have_size, have_width, have_height;
	double		 size_w, size_h, width, height;
};

static bool parse_number(const char *, const char **, double *);
static bool parse_color(const char *, struct bp_rgb *);
static bool parse_bool(const char *, bool *);
static bool parse_page_size(const char *, double *, double *);
static const char *fmt_num(char *, size_t, double);
static void report_yaml_error(const yaml_parser_t *, const char *, size_t,
    struct bp_diag *);
static bool yaml_load_bounded(const char *, size_t, struct bp_diag *,
    yaml_document_t *, bool *);
static bool node_is_null(const yaml_node_t *);
static const char *node_text(const yaml_node_t *);
static void check_template(struct style_walk *, const char *, const char *,
    int);
static bool add_marking(struct style_walk *, GArray *, GHashTable *,
    yaml_node_t *, int);
static void set_markings(struct style_walk *, const char *, yaml_node_t *);
static void set_key(struct style_walk *, const struct style_key *,
    const char *, yaml_node_t *);
static void walk_value(struct style_walk *, const char *, yaml_node_t *,
    yaml_node_t *);
static void walk_root(struct style_walk *);
static void check_style(struct style_walk *);
static int compare_names(gconstpointer, gconstpointer);
static char *list_styles(const char *);
static void style_defaults(struct bp_style *);
static void free_markings(struct bp_style *);

/* ------------------------------------------------------------------ */
/* Values                                                              */

/*
 * A non-negative decimal number at s ("12", "10.5", ".5"); no sign,
 * exponent, hex, inf or nan, which g_ascii_strtod would allow. *end gets
 * the first byte after it.
 */
static bool
parse_number(const char *s, const char **end, double *out)
{
	const char	*p = s;
	char		*num = NULL;
	size_t		 digits = 0;
	double		 v;
	bool		 ok = false;

	while (g_ascii_isdigit(*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (g_ascii_isdigit(*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		goto out;
	num = g_strndup(s, (gsize)(p - s));
	v = g_ascii_strtod(num, NULL);
	if (!(v <= G_MAXDOUBLE))
		goto out;
	*out = v;
	*end = p;
	ok = true;
out:
	g_free(num);
	return ok;
}

bool
bp_style_parse_length(const char *s, double *out_pt)
{
	static const struct {
		const char	*unit;
		double		 pt;
	} units[] = {
		{ "pt", 1.0 }, { "mm", PT_PER_MM }, { "cm", PT_PER_CM },
		{ "in", PT_PER_IN }, { "pc", PT_PER_PC },
	};
	const char	*p;
	double		 v = 0, scale = 1.0;
	size_t		 i;
	bool		 ok = false;

	if (s == NULL)
		goto out;
	while (g_ascii_isspace(*s))
		s++;
	if (!parse_number(s, &p, &v))
		goto out;
	while (*p == ' ' || *p == '\t')
		p++;

	/* A unit, or none for points. */
	if (g_ascii_isalpha(*p)) {
		for (i = 0; i < G_N_ELEMENTS(units); i++)
			if (g_ascii_strncasecmp(p, units[i].unit, 2) == 0)
				break;
		if (i == G_N_ELEMENTS(units))
			goto out;
		scale = units[i].pt;
		p += 2;
	}
	while (g_ascii_isspace(*p))
		p++;
	if (*p != '\0')
		goto out;
	*out_pt = v * scale;
	ok = true;
out:
	return ok;
}

/* "#rrggbb" or "#rgb". */
static bool
parse_color(const char *s, struct bp_rgb *out)
{
	int	 v[6], i, n;

	if (s == NULL || s[0] != '#')
		return false;
	n = (int)strlen(s + 1);
	if (n != 3 && n != 6)
		return false;
	for (i = 0; i < n; i++)
		if ((v[i] = g_ascii_xdigit_value(s[1 + i])) < 0)
			return false;
	if (n == 3) {
		out->r = (v[0] * 17) / 255.0;
		out->g = (v[1] * 17) / 255.0;
		out->b = (v[2] * 17) / 255.0;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
	}
	return true;
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

/* "A4", "a4 landscape", "210mm 297mm" -> width and height in points. */
static bool
parse_page_size(const char *s, double *w, double *h)
{
	char	**words = NULL;
	double	  tw = 0, th = 0, t;
	size_t	  i, n;
	bool	  ok = false, named = false;

	words = g_strsplit_set(s, " \t", -1);
	n = 0;
	for (i = 0; words[i] != NULL; i++)
		if (*words[i] != '\0')
			words[n++] = words[i];
		else
			g_free(words[i]);
	words[n] = NULL;
	if (n < 1 || n > 2)
		goto out;

	for (i = 0; i < G_N_ELEMENTS(page_sizes); i++)
		if (g_ascii_strcasecmp(words[0], page_sizes[i].name) == 0) {
			tw = page_sizes[i].w_mm * PT_PER_MM;
			th = page_sizes[i].h_mm * PT_PER_MM;
			named = true;
			break;
		}
	if (named && n == 2) {
		if (g_ascii_strcasecmp(words[1], "landscape") == 0) {
			t = tw;
			tw = th;
			th = t;
		} else if (g_ascii_strcasecmp(words[1], "portrait") != 0)
			goto out;
	} else if (!named) {
		if (n != 2 || !bp_style_parse_length(words[0], &tw) ||
		    !bp_style_parse_length(words[1], &th))
			goto out;
	}
	*w = tw;
	*h = th;
	ok = true;
out:
	g_strfreev(words);
	return ok;
}

/* A number for a message, with a '.' whatever the locale. */
static const char *
fmt_num(char *buf, size_t size, double v)
{
	return g_ascii_formatd(buf, (gint)size, "%.1f", v);
}

/* ------------------------------------------------------------------ */
/* YAML loading (as in parse/meta.c, kept apart so style/ stands alone) */

static void
report_yaml_error(const yaml_parser_t *parser, const char *text, size_t len,
    struct bp_diag *diag)
{
	const char	*p, *line_start = text, *stop;
	int		 line = 1;

	if (parser->error == YAML_MEMORY_ERROR) {
		bp_diag(diag, BP_ERROR, 0, 0, "YAML: out of memory");
		return;
	}
	if (parser->error == YAML_READER_ERROR) {
		stop = text + (parser->problem_offset < len ?
		    parser->problem_offset : len);
		for (p = text; p < stop; p++)
			if (*p == '\n') {
				line++;
				line_start = p + 1;
			}
		bp_diag(diag, BP_ERROR, line,
		    (int)g_utf8_strlen(line_start, stop - line_start) + 1,
		    "YAML: %s", parser->problem);
		return;
	}
	bp_diag(diag, BP_ERROR, (int)parser->problem_mark.line + 1,
	    (int)parser->problem_mark.column + 1, "YAML: %s%s%s",
	    parser->problem != NULL ? parser->problem : "error",
	    parser->context != NULL ? " " : "",
	    parser->context != NULL ? parser->context : "");
}

/*
 * Load the first YAML document of text into doc after a first pass that
 * counts nodes, so a huge document is refused before it is built.
 * *have_doc says whether doc must be deleted. False after an error.
 */
static bool
yaml_load_bounded(const char *text, size_t len, struct bp_diag *diag,
    yaml_document_t *doc, bool *have_doc)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	bool		 parser_live = false, done = false, ok = false;
	size_t		 nodes = 0;
	int		 docs = 0;

	*have_doc = false;
	if (!yaml_parser_initialize(&parser))
		goto oom;
	parser_live = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_yaml_error(&parser, text, len, diag);
			goto out;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			bp_diag(diag, BP_WARNING, (int)ev.start_mark.line + 1,
			    0, "only the first YAML document is read");
			done = true;
		} else if ((ev.type == YAML_SCALAR_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT ||
		    ev.type == YAML_ALIAS_EVENT) &&
		    ++nodes > STYLE_MAX_NODES) {
			bp_diag(diag, BP_ERROR, (int)ev.start_mark.line + 1, 0,
			    "YAML: more than %d nodes; refusing to read "
			    "further", STYLE_MAX_NODES);
			yaml_event_delete(&ev);
			goto out;
		} else if (ev.type == YAML_STREAM_END_EVENT)
			done = true;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	parser_live = false;

	if (!yaml_parser_initialize(&parser))
		goto oom;
	parser_live = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, doc)) {
		report_yaml_error(&parser, text, len, diag);
		goto out;
	}
	*have_doc = true;
	ok = true;
	goto out;
oom:
	bp_diag(diag, BP_ERROR, 0, 0, "YAML: out of memory");
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

/* A scalar's text (any tag), or NULL for null, non-scalars, escaped NULs. */
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
/* Walking a style file                                                */

/* Warn about each {name} that the PDF writer will not know. */
static void
check_template(struct style_walk *w, const char *key, const char *s,
    int line)
{
	const char	*open, *close;
	char		*name = NULL;
	size_t		 i;

	for (open = strchr(s, '{'); open != NULL;
	    open = strchr(open + 1, '{')) {
		if ((close = strchr(open + 1, '}')) == NULL)
			break;
		name = g_strndup(open + 1, (gsize)(close - open - 1));
		for (i = 0; i < G_N_ELEMENTS(style_placeholders); i++)
			if (strcmp(name, style_placeholders[i]) == 0)
				break;
		if (i == G_N_ELEMENTS(style_placeholders))
			bp_diag(w->diag, BP_WARNING, line, 0,
			    "unknown placeholder \"{%s}\" in style key \"%s\" "
			    "(known: {pack-title}, {pack-subtitle}, "
			    "{article-title}, {date}, {organisation}, "
			    "{classification}, {page}, {pages}, {page-of})",
			    name, key);
		g_free(name);
		name = NULL;
	}
}

/*
 * One marking of rank `rank` into list; `seen` maps each name (case
 * folded) to the line that gave it. False after an error.
 */
static bool
add_marking(struct style_walk *w, GArray *list, GHashTable *seen,
    yaml_node_t *n, int rank)
{
	struct bp_marking	 m;
	const char		*s = node_text(n);
	char			*name = NULL, *key = NULL;
	int			 line = (int)n->start_mark.line + 1;
	int			 col = (int)n->start_mark.column + 1;
	bool			 ok = false;

	if (s == NULL || n->type != YAML_SCALAR_NODE) {
		bp_diag(w->diag, BP_ERROR, line, col, "style key \"markings\" "
		    "must be %s", style_kind_wants[STYLE_KIND_MARKINGS]);
		goto out;
	}
	name = g_strstrip(g_strdup(s));
	if (*name == '\0') {
		bp_diag(w->diag, BP_ERROR, line, col, "style key \"markings\" "
		    "has an empty marking");
		goto out;
	}
	key = g_utf8_casefold(name, -1);
	if (g_hash_table_contains(seen, key)) {
		bp_diag(w->diag, BP_ERROR, line, col, "style key \"markings\" "
		    "lists \"%s\" twice (first at line %d)", name,
		    GPOINTER_TO_INT(g_hash_table_lookup(seen, key)));
		goto out;
	}
	g_hash_table_insert(seen, key, GINT_TO_POINTER(line));
	key = NULL;
	m.name = name;
	m.rank = rank;
	g_array_append_val(list, m);
	name = NULL;
	ok = true;
out:
	g_free(name);
	g_free(key);
	return ok;
}

/*
 * "markings": a list from lowest to highest; an item is a marking, or a
 * list of markings of equal rank. Replaces the built-in list; an empty
 * list ranks nothing.
 */
static void
set_markings(struct style_walk *w, const char *key, yaml_node_t *val)
{
	GArray			*list = g_array_new(FALSE, TRUE,
	    sizeof(struct bp_marking));
	GHashTable		*seen = g_hash_table_new_full(g_str_hash,
	    g_str_equal, g_free, NULL);
	yaml_node_item_t	*it, *sub;
	yaml_node_t		*item, *n;
	int			 rank = 0;
	guint			 i;
	bool			 ok = true;

	if (val->type != YAML_SEQUENCE_NODE) {
		bp_diag(w->diag, BP_ERROR, (int)val->start_mark.line + 1,
		    (int)val->start_mark.column + 1, "style key \"%s\" must "
		    "be %s", key, style_kind_wants[STYLE_KIND_MARKINGS]);
		ok = false;
		goto out;
	}
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++, rank++) {
		if ((item = yaml_document_get_node(w->doc, *it)) == NULL)
			continue;
		if (item->type != YAML_SEQUENCE_NODE) {
			ok = add_marking(w, list, seen, item, rank) && ok;
			continue;
		}
		for (sub = item->data.sequence.items.start;
		    sub < item->data.sequence.items.top; sub++)
			if ((n = yaml_document_get_node(w->doc, *sub)) != NULL)
				ok = add_marking(w, list, seen, n, rank) && ok;
	}
out:
	if (ok) {
		free_markings(w->st);
		w->st->nmarkings = (int)list->len;
		w->st->markings = (struct bp_marking *)(void *)g_array_free(
		    list, list->len == 0);
		list = NULL;
	} else
		w->ok = false;
	if (list != NULL) {
		for (i = 0; i < list->len; i++)
			g_free(g_array_index(list, struct bp_marking, i).name);
		g_array_free(list, TRUE);
	}
	g_hash_table_destroy(seen);
}

/* Set one known key from its value node; errors name the key. */
static void
set_key(struct style_walk *w, const struct style_key *k, const char *key,
    yaml_node_t *val)
{
	char		*field = (char *)w->st + k->off;
	const char	*s = node_text(val), *end = NULL;
	int		 line = (int)val->start_mark.line + 1;
	int		 col = (int)val->start_mark.column + 1;
	double		 d = 0;
	bool		 b = false;
	int		 toc;
	enum bp_start	 start;
	struct bp_rgb	 rgb;

	if (k->kind == STYLE_KIND_MARKINGS && !node_is_null(val)) {
		set_markings(w, key, val);
		return;
	}
	/* Templates may be empty; everything else needs a scalar value. */
	if (k->kind == STYLE_KIND_TEMPLATE && node_is_null(val))
		s = "";
	if (s == NULL) {
		if (val->type == YAML_SCALAR_NODE && node_is_null(val))
			bp_diag(w->diag, BP_ERROR, line, col,
			    "style key \"%s\" has no value; it must be %s",
			    key, style_kind_wants[k->kind]);
		else
			bp_diag(w->diag, BP_ERROR, line, col,
			    "style key \"%s\" must be %s", key,
			    style_kind_wants[k->kind]);
		goto bad;
	}

	switch (k->kind) {
	case STYLE_KIND_LENGTH:
		if (!bp_style_parse_length(s, &d))
			goto bad_value;
		*(double *)(void *)field = d;
		break;
	case STYLE_KIND_SIZE:
		if (!bp_style_parse_length(s, &d) || d < STYLE_MIN_SIZE ||
		    d > STYLE_MAX_SIZE)
			goto bad_value;
		*(double *)(void *)field = d;
		if (strcmp(key, "table.min-size") == 0)
			w->min_size_line = line;
		break;
	case STYLE_KIND_LEADING:
		if (!parse_number(s, &end, &d) || *end != '\0' || d < 1.0 ||
		    d > 3.0)
			goto bad_value;
		*(double *)(void *)field = d;
		break;
	case STYLE_KIND_LINES:
		if (!parse_number(s, &end, &d) || *end != '\0' ||
		    strchr(s, '.') != NULL || d < 1 || d > 5)
			goto bad_value;
		*(int *)(void *)field = (int)d;
		break;
	case STYLE_KIND_BOOL:
		if (!parse_bool(s, &b))
			goto bad_value;
		*(bool *)(void *)field = b;
		break;
	case STYLE_KIND_STRING:
		if (*s == '\0')
			goto bad_value;
		g_free(*(char **)(void *)field);
		*(char **)(void *)field = g_strdup(s);
		if (strcmp(key, "name") == 0)
			w->name_set = true;
		break;
	case STYLE_KIND_TEMPLATE:
		check_template(w, key, s, line);
		g_free(*(char **)(void *)field);
		*(char **)(void *)field = g_strdup(s);
		break;
	case STYLE_KIND_COLOR:
		if (!parse_color(s, &rgb))
			goto bad_value;
		*(struct bp_rgb *)(void *)field = rgb;
		break;
	case STYLE_KIND_TOC:
		if (g_ascii_strcasecmp(s, "auto") == 0)
			toc = -1;
		else if (parse_bool(s, &b))
			toc = b ? 1 : 0;
		else
			goto bad_value;
		*(int *)(void *)field = toc;
		break;
	case STYLE_KIND_START:
		if (g_ascii_strcasecmp(s, "right") == 0)
			start = BP_START_RIGHT;
		else if (g_ascii_strcasecmp(s, "page") == 0)
			start = BP_START_PAGE;
		else if (g_ascii_strcasecmp(s, "continue") == 0)
			start = BP_START_CONTINUE;
		else
			goto bad_value;
		*(enum bp_start *)(void *)field = start;
		break;
	case STYLE_KIND_PAGE_SIZE:
		if (!parse_page_size(s, &w->size_w, &w->size_h))
			goto bad_value;
		w->have_size = true;
		break;
	case STYLE_KIND_PAGE_WIDTH:
		if (!bp_style_parse_length(s, &w->width) || w->width <= 0)
			goto bad_value;
		w->have_width = true;
		break;
	case STYLE_KIND_PAGE_HEIGHT:
		if (!bp_style_parse_length(s, &w->height) || w->height <= 0)
			goto bad_value;
		w->have_height = true;
		break;
	case STYLE_KIND_MARKINGS:
	case STYLE_KIND__MAX:
		g_assert_not_reached();
	}
	return;

bad_value:
	bp_diag(w->diag, BP_ERROR, line, col,
	    "style key \"%s\" must be %s, not \"%s\"", key,
	    style_kind_wants[k->kind], s);
bad:
	w->ok = false;
}

/*
 * One "key: value" at the top (prefix NULL) or inside a section: find the
 * key, or walk the section's own mapping (one level deep, no further).
 */
static void
walk_value(struct style_walk *w, const char *prefix, yaml_node_t *kn,
    yaml_node_t *val)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*sub_k, *sub_v;
	const char		*name = node_text(kn);
	char			*key = NULL;
	int			 line = (int)kn->start_mark.line + 1;
	size_t			 i;

	if (name == NULL) {
		bp_diag(w->diag, BP_WARNING, line, 0,
		    "ignoring a style key that is not a plain string");
		goto out;
	}

	/* British spellings are welcome too. */
	if (prefix == NULL && strcmp(name, "colours") == 0)
		name = "colors";
	else if (prefix != NULL && strcmp(name, "centre") == 0)
		name = "center";
	key = prefix != NULL ? g_strconcat(prefix, ".", name, NULL) :
	    g_strdup(name);

	for (i = 0; i < G_N_ELEMENTS(style_keys); i++)
		if (strcmp(style_keys[i].key, key) == 0) {
			set_key(w, &style_keys[i], key, val);
			goto out;
		}

	if (prefix == NULL)
		for (i = 0; i < G_N_ELEMENTS(style_sections); i++) {
			if (strcmp(style_sections[i], key) != 0)
				continue;
			if (strcmp(key, "page") == 0)
				w->page_line = line;
			if (node_is_null(val))
				goto out;
			if (val->type != YAML_MAPPING_NODE) {
				bp_diag(w->diag, BP_ERROR, line, 0,
				    "style key \"%s\" must be a mapping of "
				    "keys (\"%s:\" then indented "
				    "\"key: value\" lines)", key, key);
				w->ok = false;
				goto out;
			}
			for (pair = val->data.mapping.pairs.start;
			    pair < val->data.mapping.pairs.top; pair++) {
				sub_k = yaml_document_get_node(w->doc,
				    pair->key);
				sub_v = yaml_document_get_node(w->doc,
				    pair->value);
				if (sub_k != NULL && sub_v != NULL)
					walk_value(w, key, sub_k, sub_v);
			}
			goto out;
		}
	bp_diag(w->diag, BP_WARNING, line, 0, "unknown style key \"%s\"", key);
out:
	g_free(key);
}

static void
walk_root(struct style_walk *w)
{
	yaml_node_t		*root = yaml_document_get_root_node(w->doc);
	yaml_node_t		*kn, *val;
	yaml_node_pair_t	*pair;

	if (root == NULL || node_is_null(root))
		return;
	if (root->type != YAML_MAPPING_NODE) {
		bp_diag(w->diag, BP_ERROR, (int)root->start_mark.line + 1,
		    (int)root->start_mark.column + 1,
		    "a style must be a YAML mapping (\"key: value\" lines)");
		w->ok = false;
		return;
	}
	for (pair = root->data.mapping.pairs.start;
	    pair < root->data.mapping.pairs.top; pair++) {
		kn = yaml_document_get_node(w->doc, pair->key);
		val = yaml_document_get_node(w->doc, pair->value);
		if (kn != NULL && val != NULL)
			walk_value(w, NULL, kn, val);
	}
}

/* Page size from size/width/height, then checks across keys. */
static void
check_style(struct style_walk *w)
{
	struct bp_style	*st = w->st;
	double		 tw, th;
	char		 b1[G_ASCII_DTOSTR_BUF_SIZE], b2[G_ASCII_DTOSTR_BUF_SIZE];

	if (w->have_size) {
		st->page_w = w->size_w;
		st->page_h = w->size_h;
	}
	if (w->have_width)
		st->page_w = w->width;
	if (w->have_height)
		st->page_h = w->height;

	tw = st->page_w - st->margin_inner - st->margin_outer;
	th = st->page_h - st->margin_top - st->margin_bottom;
	if (tw < STYLE_MIN_TEXT_AREA - 1e-6 || th < STYLE_MIN_TEXT_AREA - 1e-6) {
		bp_diag(w->diag, BP_ERROR, w->page_line, 0,
		    "the page size and margins leave a text area of %s mm x "
		    "%s mm; at least 50 mm x 50 mm is needed",
		    fmt_num(b1, sizeof b1, tw / PT_PER_MM),
		    fmt_num(b2, sizeof b2, th / PT_PER_MM));
		w->ok = false;
	}
	if (st->size_table_min > st->size_table) {
		bp_diag(w->diag, BP_ERROR, w->min_size_line, 0,
		    "style key \"table.min-size\" (%spt) is larger than "
		    "\"table.size\" (%spt)",
		    fmt_num(b1, sizeof b1, st->size_table_min),
		    fmt_num(b2, sizeof b2, st->size_table));
		w->ok = false;
	}
}

/* For g_ptr_array_sort, which passes pointers to the elements. */
static int
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "briefing, memo": the .yaml files in datadir/styles, sorted. */
static char *
list_styles(const char *datadir)
{
	GPtrArray	*names = g_ptr_array_new_with_free_func(g_free);
	GDir		*dir = NULL;
	GString		*s = g_string_new(NULL);
	char		*folder = g_build_filename(datadir, "styles", NULL);
	const char	*f;
	size_t		 i;

	if ((dir = g_dir_open(folder, 0, NULL)) != NULL)
		while ((f = g_dir_read_name(dir)) != NULL)
			if (g_str_has_suffix(f, ".yaml") && f[0] != '.')
				g_ptr_array_add(names, g_strndup(f,
				    strlen(f) - strlen(".yaml")));
	g_ptr_array_sort(names, compare_names);
	for (i = 0; i < names->len; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? ", " : "",
		    (const char *)names->pdata[i]);
	if (names->len == 0)
		g_string_append_printf(s, "none found in %s", folder);
	if (dir != NULL)
		g_dir_close(dir);
	g_free(folder);
	g_ptr_array_free(names, TRUE);
	return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

/* The built-in style; styles/briefing.yaml writes out the same values. */
static void
style_defaults(struct bp_style *st)
{
	/* Norwegian (sikkerhetsloven) and English markings, rank by rank. */
	static const char *const markings[][2] = {
		{ "BEGRENSET", "RESTRICTED" },
		{ "KONFIDENSIELT", "CONFIDENTIAL" },
		{ "HEMMELIG", "SECRET" },
		{ "STRENGT HEMMELIG", "TOP SECRET" },
	};
	static const struct bp_rgb text = { 0x1a / 255.0, 0x1a / 255.0,
	    0x1a / 255.0 };
	static const struct bp_rgb heading = { 0x14 / 255.0, 0x30 / 255.0,
	    0x4f / 255.0 };
	static const struct bp_rgb accent = { 0x1f / 255.0, 0x4e / 255.0,
	    0x79 / 255.0 };
	static const struct bp_rgb marking = { 0xb0 / 255.0, 0x00 / 255.0,
	    0x20 / 255.0 };
	static const struct bp_rgb rule = { 0x9a / 255.0, 0xa5 / 255.0,
	    0xb1 / 255.0 };
	static const struct bp_rgb shade = { 0xee / 255.0, 0xf2 / 255.0,
	    0xf6 / 255.0 };
	int				 i;

	st->name = g_strdup("briefing");
	st->path = NULL;
	st->page_w = 210 * PT_PER_MM;
	st->page_h = 297 * PT_PER_MM;
	st->margin_top = 25 * PT_PER_MM;
	st->margin_bottom = 22 * PT_PER_MM;
	st->margin_inner = 25 * PT_PER_MM;
	st->margin_outer = 20 * PT_PER_MM;
	st->duplex = true;
	st->font_body = g_strdup("Noto Serif");
	st->font_heading = g_strdup("Noto Sans");
	st->font_mono = g_strdup("Noto Sans Mono");
	st->size_body = 10.5;
	st->size_small = 8.5;
	st->size_code = 8.5;
	st->size_table = 9;
	st->size_table_min = 7;
	st->size_title = 22;
	st->size_h[0] = 16;
	st->size_h[1] = 13.5;
	st->size_h[2] = 12;
	st->size_h[3] = 11;
	st->size_h[4] = 10.5;
	st->size_h[5] = 10.5;
	st->leading = 1.4;
	st->para_space = 6;
	st->justify = true;
	st->hyphenate = true;
	st->widows = 2;
	st->orphans = 2;
	st->color_text = text;
	st->color_heading = heading;
	st->color_accent = accent;
	st->color_link = accent;
	st->color_marking = marking;
	st->color_rule = rule;
	st->color_shade = shade;
	st->header[0] = g_strdup("{pack-title}");
	st->header[1] = g_strdup("");
	st->header[2] = g_strdup("{article-title}");
	st->footer[0] = g_strdup("{date}");
	st->footer[1] = g_strdup("");
	st->footer[2] = g_strdup("{page-of}");
	st->cover = true;
	st->toc = -1;
	st->article_start = BP_START_RIGHT;
	st->epub_embed_fonts = true;
	st->nmarkings = 2 * (int)G_N_ELEMENTS(markings);
	st->markings = g_new0(struct bp_marking, st->nmarkings);
	for (i = 0; i < st->nmarkings; i++) {
		st->markings[i].name = g_strdup(markings[i / 2][i % 2]);
		st->markings[i].rank = i / 2;
	}
}

static void
free_markings(struct bp_style *st)
{
	int	 i;

	for (i = 0; i < st->nmarkings; i++)
		g_free(st->markings[i].name);
	g_free(st->markings);
	st->markings = NULL;
	st->nmarkings = 0;
}

struct bp_style *
bp_style_new_default(void)
{
	struct bp_style	*st = g_new0(struct bp_style, 1);

	style_defaults(st);
	return st;
}

void
bp_style_free(struct bp_style *st)
{
	int	 i;

	if (st == NULL)
		return;
	g_free(st->name);
	g_free(st->path);
	g_free(st->font_body);
	g_free(st->font_heading);
	g_free(st->font_mono);
	for (i = 0; i < 3; i++) {
		g_free(st->header[i]);
		g_free(st->footer[i]);
	}
	free_markings(st);
	g_free(st);
}

struct bp_style *
bp_style_load(const char *name_or_path, const char *datadir,
    struct bp_diag *diag)
{
	struct bp_diag		 fallback = { 0 };
	struct style_walk	 w;
	yaml_document_t		 doc;
	struct bp_style		*st = NULL, *result = NULL;
	const char		*saved_file = NULL;
	char			*path = NULL, *buf = NULL, *avail = NULL;
	char			*base = NULL;
	size_t			 len = 0;
	bool			 have_doc = false, file_set = false;

	if (diag == NULL)
		diag = &fallback;
	if (name_or_path == NULL || *name_or_path == '\0')
		name_or_path = "briefing";
	if (datadir == NULL)
		datadir = ".";

	/* A path, or a name to look up under datadir/styles. */
	if (strchr(name_or_path, '/') != NULL ||
	    g_str_has_suffix(name_or_path, ".yaml") ||
	    g_str_has_suffix(name_or_path, ".yml"))
		path = g_strdup(name_or_path);
	else {
		base = g_strconcat(name_or_path, ".yaml", NULL);
		path = g_build_filename(datadir, "styles", base, NULL);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			/* The default works even without its file. */
			if (strcmp(name_or_path, "briefing") == 0) {
				bp_diag(diag, BP_NOTE, 0, 0, "%s not found; "
				    "using the built-in briefing style", path);
				result = bp_style_new_default();
				goto out;
			}
			avail = list_styles(datadir);
			bp_diag(diag, BP_ERROR, 0, 0,
			    "unknown style \"%s\" (available: %s)",
			    name_or_path, avail);
			goto out;
		}
	}

	saved_file = diag->file;
	diag->file = path;
	file_set = true;
	if (!bp_util_read_file(path, BP_MAX_INPUT_BYTES, diag, &buf, &len) ||
	    !bp_util_check_text(buf, len, /*first_line*/1, diag) ||
	    !yaml_load_bounded(buf, len, diag, &doc, &have_doc))
		goto out;

	st = bp_style_new_default();
	memset(&w, 0, sizeof w);
	w.diag = diag;
	w.doc = &doc;
	w.st = st;
	w.ok = true;
	walk_root(&w);
	check_style(&w);
	if (!w.ok)
		goto out;

	/* The name defaults to the file's base name. */
	if (!w.name_set) {
		g_free(st->name);
		g_free(base);
		base = g_path_get_basename(path);
		if (g_str_has_suffix(base, ".yaml"))
			base[strlen(base) - strlen(".yaml")] = '\0';
		else if (g_str_has_suffix(base, ".yml"))
			base[strlen(base) - strlen(".yml")] = '\0';
		st->name = g_strdup(base);
	}
	st->path = g_strdup(path);
	result = st;
	st = NULL;
out:
	if (file_set)
		diag->file = saved_file;
	if (have_doc)
		yaml_document_delete(&doc);
	bp_style_free(st);
	g_free(path);
	g_free(buf);
	g_free(avail);
	g_free(base);
	return result;
}
