/*
 * Style keys: the table of what a style file may set and how each value
 * is read, the walk over a style's YAML, and the checks across keys.
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <string.h>

#include <yaml.h>

#include "bp.h"
#include "style/style.h"

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
	STYLE_KIND_AUTO,         /* int -1 auto, 0 false, 1 true (toc, cover) */
	STYLE_KIND_START,        /* enum bp_start */
	STYLE_KIND_PAGE_SIZE,    /* page_w and page_h, applied after the walk */
	STYLE_KIND_PAGE_WIDTH,
	STYLE_KIND_PAGE_HEIGHT,
	STYLE_KIND_MARKINGS,     /* markings, a list (markings.c) */
	STYLE_KIND_PDF_STANDARD, /* unsigned, BP_PDF_STD_* bits */
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
	BP_STYLE_MARKINGS_WANT,
	BP_PDF_STD_WANT,
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
	{ "cover",                STYLE_KIND_AUTO,        OFF(cover) },
	{ "toc",                  STYLE_KIND_AUTO,        OFF(toc) },
	{ "article-start",        STYLE_KIND_START,       OFF(article_start) },
	{ "epub.embed-fonts",     STYLE_KIND_BOOL,        OFF(epub_embed_fonts) },
	{ "markings",             STYLE_KIND_MARKINGS,    0 },
	{ "pdf.standard",         STYLE_KIND_PDF_STANDARD, OFF(pdf_standard) },
};

/* Top-level keys whose value is a mapping of the keys above. */
static const char *const style_sections[] = {
	"page", "fonts", "text", "headings", "table", "colors", "header",
	"footer", "epub", "pdf",
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

static const char *fmt_num(char *buf, size_t size, double v);
static void check_template(struct style_walk *w, const char *key,
    const char *s, int line);
static bool set_scalar(struct style_walk *w, const struct style_key *k,
    const char *key, const char *s, int line);
static bool set_number(struct style_walk *w, const struct style_key *k,
    const char *key, const char *s, int line);
static bool set_choice(struct style_walk *w, const struct style_key *k,
    const char *s);
static bool set_page(struct style_walk *w, const struct style_key *k,
    const char *s);
static void set_key(struct style_walk *w, const struct style_key *k,
    const char *key, yaml_node_t *val);
static void walk_value(struct style_walk *w, const char *prefix,
    yaml_node_t *kn, yaml_node_t *val);
static void walk_root(struct style_walk *w);
static void check_style(struct style_walk *w);

/* A number for a message, with a '.' whatever the locale. */
static const char *
fmt_num(char *buf, size_t size, double v)
{
	return g_ascii_formatd(buf, (gint)size, "%.1f", v);
}

/* Warn about each {name} that the PDF writer will not know. */
static void
check_template(struct style_walk *w, const char *key, const char *s,
    int line)
{
	const char	*open, *close;
	char		*name = NULL;
	GString		*known;
	int		 p;

	for (open = strchr(s, '{'); open != NULL;
	    open = strchr(open + 1, '{')) {
		if ((close = strchr(open + 1, '}')) == NULL)
			break;
		name = g_strndup(open + 1, (gsize)(close - open - 1));
		if (bp_style_get_placeholder(name) == BP_PLACEHOLDER__MAX) {
			/* The known ones, from the one table, in its order. */
			known = g_string_new(NULL);
			for (p = 0; p < BP_PLACEHOLDER__MAX; p++)
				g_string_append_printf(known, "%s{%s}",
				    p > 0 ? ", " : "",
				    bp_style_get_placeholder_name(
				    (enum bp_placeholder)p));
			bp_diag(w->diag, BP_WARNING, line, 0,
			    "unknown placeholder \"{%s}\" in style key \"%s\" "
			    "(known: %s)", name, key, known->str);
			g_string_free(known, TRUE);
		}
		g_free(name);
		name = NULL;
	}
}

/*
 * Set the field of key k from its text s (at line); false for a value
 * the key cannot hold, which the caller reports.
 */
static bool
set_scalar(struct style_walk *w, const struct style_key *k, const char *key,
    const char *s, int line)
{
	char	*field = (char *)w->st + k->off;
	bool	 ok = false;

	switch (k->kind) {
	case STYLE_KIND_LENGTH:
	case STYLE_KIND_SIZE:
	case STYLE_KIND_LEADING:
	case STYLE_KIND_LINES:
		ok = set_number(w, k, key, s, line);
		break;
	case STYLE_KIND_BOOL:
	case STYLE_KIND_COLOR:
	case STYLE_KIND_AUTO:
	case STYLE_KIND_START:
		ok = set_choice(w, k, s);
		break;
	case STYLE_KIND_STRING:
		if (*s == '\0')
			goto out;
		g_free(*(char **)(void *)field);
		*(char **)(void *)field = g_strdup(s);
		if (strcmp(key, "name") == 0)
			w->name_set = true;
		ok = true;
		break;
	case STYLE_KIND_TEMPLATE:
		check_template(w, key, s, line);
		g_free(*(char **)(void *)field);
		*(char **)(void *)field = g_strdup(s);
		ok = true;
		break;
	case STYLE_KIND_PAGE_SIZE:
	case STYLE_KIND_PAGE_WIDTH:
	case STYLE_KIND_PAGE_HEIGHT:
		ok = set_page(w, k, s);
		break;
	case STYLE_KIND_PDF_STANDARD:
		ok = bp_style_parse_pdf_standard(s,
		    (unsigned *)(void *)field);
		break;
	case STYLE_KIND_MARKINGS:
	case STYLE_KIND__MAX:
		g_assert_not_reached();
	}
out:
	return ok;
}

/*
 * A number for key k (at line): a length, a font size, a leading or a
 * count of lines, each in its range. False for anything else.
 */
static bool
set_number(struct style_walk *w, const struct style_key *k, const char *key,
    const char *s, int line)
{
	char		*field = (char *)w->st + k->off;
	const char	*end = NULL;
	double		 d = 0;
	bool		 ok = false;

	switch (k->kind) {
	case STYLE_KIND_LENGTH:
		if (!bp_style_parse_length(s, &d))
			goto out;
		*(double *)(void *)field = d;
		break;
	case STYLE_KIND_SIZE:
		if (!bp_style_parse_length(s, &d) || d < STYLE_MIN_SIZE ||
		    d > STYLE_MAX_SIZE)
			goto out;
		*(double *)(void *)field = d;
		if (strcmp(key, "table.min-size") == 0)
			w->min_size_line = line;
		break;
	case STYLE_KIND_LEADING:
		if (!bp_style_parse_number(s, &end, &d) || *end != '\0' ||
		    d < 1.0 || d > 3.0)
			goto out;
		*(double *)(void *)field = d;
		break;
	case STYLE_KIND_LINES:
		if (!bp_style_parse_number(s, &end, &d) || *end != '\0' ||
		    strchr(s, '.') != NULL || d < 1 || d > 5)
			goto out;
		*(int *)(void *)field = (int)d;
		break;
	default:
		g_assert_not_reached();
	}
	ok = true;
out:
	return ok;
}

/*
 * One of a few words, or a colour, for key k: true or false, "#rrggbb",
 * auto (toc, cover), article-start's right, page or continue. False for
 * anything else.
 */
static bool
set_choice(struct style_walk *w, const struct style_key *k, const char *s)
{
	char		*field = (char *)w->st + k->off;
	bool		 b = false, ok = false;
	int		 tri;
	enum bp_start	 start;
	struct bp_rgb	 rgb;

	switch (k->kind) {
	case STYLE_KIND_BOOL:
		if (!bp_yaml_parse_bool(s, &b))
			goto out;
		*(bool *)(void *)field = b;
		break;
	case STYLE_KIND_COLOR:
		if (!bp_style_parse_color(s, &rgb))
			goto out;
		*(struct bp_rgb *)(void *)field = rgb;
		break;
	case STYLE_KIND_AUTO:
		if (g_ascii_strcasecmp(s, "auto") == 0)
			tri = -1;
		else if (bp_yaml_parse_bool(s, &b))
			tri = b ? 1 : 0;
		else
			goto out;
		*(int *)(void *)field = tri;
		break;
	case STYLE_KIND_START:
		if (g_ascii_strcasecmp(s, "right") == 0)
			start = BP_START_RIGHT;
		else if (g_ascii_strcasecmp(s, "page") == 0)
			start = BP_START_PAGE;
		else if (g_ascii_strcasecmp(s, "continue") == 0)
			start = BP_START_CONTINUE;
		else
			goto out;
		*(enum bp_start *)(void *)field = start;
		break;
	default:
		g_assert_not_reached();
	}
	ok = true;
out:
	return ok;
}

/*
 * page.size, page.width or page.height: kept in w, and applied to the
 * style after the walk. False for a value that is no page size or no
 * positive length.
 */
static bool
set_page(struct style_walk *w, const struct style_key *k, const char *s)
{
	bool	 ok = false;

	switch (k->kind) {
	case STYLE_KIND_PAGE_SIZE:
		if (!bp_style_parse_page_size(s, &w->size_w, &w->size_h))
			goto out;
		w->have_size = true;
		break;
	case STYLE_KIND_PAGE_WIDTH:
		if (!bp_style_parse_length(s, &w->width) || w->width <= 0)
			goto out;
		w->have_width = true;
		break;
	case STYLE_KIND_PAGE_HEIGHT:
		if (!bp_style_parse_length(s, &w->height) || w->height <= 0)
			goto out;
		w->have_height = true;
		break;
	default:
		g_assert_not_reached();
	}
	ok = true;
out:
	return ok;
}

/* Set one known key from its value node; errors name the key. */
static void
set_key(struct style_walk *w, const struct style_key *k, const char *key,
    yaml_node_t *val)
{
	const char	*s = bp_yaml_node_text(val);
	int		 line = (int)val->start_mark.line + 1;
	int		 col = (int)val->start_mark.column + 1;

	if (k->kind == STYLE_KIND_MARKINGS && !bp_yaml_node_is_null(val)) {
		if (!bp_style_set_markings(w->st, w->doc, key, val, w->diag))
			w->ok = false;
		return;
	}
	/* Templates may be empty; everything else needs a scalar value. */
	if (k->kind == STYLE_KIND_TEMPLATE && bp_yaml_node_is_null(val))
		s = "";
	if (s == NULL) {
		if (val->type == YAML_SCALAR_NODE && bp_yaml_node_is_null(val))
			bp_diag(w->diag, BP_ERROR, line, col,
			    "style key \"%s\" has no value; it must be %s",
			    key, style_kind_wants[k->kind]);
		else
			bp_diag(w->diag, BP_ERROR, line, col,
			    "style key \"%s\" must be %s", key,
			    style_kind_wants[k->kind]);
		goto bad;
	}

	if (set_scalar(w, k, key, s, line))
		return;
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
	const char		*name = bp_yaml_node_text(kn);
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
			if (bp_yaml_node_is_null(val))
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

/* The root must be a mapping (or nothing); walk its pairs once. */
static void
walk_root(struct style_walk *w)
{
	yaml_node_t		*root = yaml_document_get_root_node(w->doc);
	yaml_node_t		*kn, *val;
	yaml_node_pair_t	*pair;

	if (root == NULL || bp_yaml_node_is_null(root))
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

bool
bp_style_apply(struct bp_style *st, yaml_document_t *doc,
    struct bp_diag *diag, bool *name_set)
{
	struct style_walk	 w;

	memset(&w, 0, sizeof w);
	w.diag = diag;
	w.doc = doc;
	w.st = st;
	w.ok = true;
	walk_root(&w);
	check_style(&w);
	*name_set = w.name_set;
	return w.ok;
}
