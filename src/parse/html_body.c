/*
 * Saved pages: the article's elements as Markdown through the shared
 * emitter (mdout.c); unknown elements keep their text.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "parse/html.h"

#define HTML_LINKED 0x100u   /* an <a> that opened a link */
#define MAX_DROP_NOTES 20

static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "header", "address",
	"center", "details", "summary", "hgroup", "dd", "figure",
	"figcaption", "body", "caption", "legend",
};

static bool is_block(const xmlNode *e);
static int heading_level(const xmlNode *e);
static int mark_of(const xmlNode *e);
static char *raw_text(xmlNode *e);
static char *link_target(const struct html *h, const char *href);
static char *image_source(const struct html *h, const xmlNode *e);
static xmlNode *child_named(xmlNode *e, const char *name);
static xmlNode *only_image(xmlNode *e);
static bool row_is_header(const xmlNode *tr);
static void note_drop(struct html *h, xmlNode *e);
static bool enter(struct html *h, struct bp_mdout *o, xmlNode *e);
static void leave(struct html *h, struct bp_mdout *o, xmlNode *e);
static void enter_table(struct html *h, struct bp_mdout *o, xmlNode *e);
static bool enter_figure(struct html *h, struct bp_mdout *o, xmlNode *e);
static void put_image(struct html *h, struct bp_mdout *o, xmlNode *img,
    const char *caption);
static int span_attr(const xmlNode *e, const char *name);
static void fill_spans(struct html *h, struct bp_mdout *o, bool to_end);
static void enter_cell(struct html *h, struct bp_mdout *o, xmlNode *e);
static void leave_cell(struct html *h, struct bp_mdout *o, xmlNode *e);
static char *css_value(const xmlNode *e, const char *prop);
static enum bp_list_style list_style(const xmlNode *ol);
static enum bp_align cell_align(const xmlNode *e);

/*
 * The value of CSS property prop in e's style attribute, lower-cased
 * and trimmed ("text-align: Right !important" gives "right
 * !important"), or NULL. Caller frees.
 */
static char *
css_value(const xmlNode *e, const char *prop)
{
	char	*style = bp_html_attr(e, "style"), **decls, *colon, *v = NULL;
	size_t	 i;

	if (style == NULL)
		return NULL;
	decls = g_strsplit(style, ";", -1);
	for (i = 0; decls[i] != NULL; i++) {
		if ((colon = strchr(decls[i], ':')) == NULL)
			continue;
		*colon = '\0';
		if (g_ascii_strcasecmp(g_strstrip(decls[i]), prop) != 0)
			continue;
		g_free(v);
		v = g_ascii_strdown(g_strstrip(colon + 1), -1);
	}
	g_strfreev(decls);
	g_free(style);
	return v;
}

/*
 * How an <ol> numbers: its type attribute ("a", "A", "i", "I"), else
 * its list-style-type (or list-style) in CSS; decimal otherwise.
 */
static enum bp_list_style
list_style(const xmlNode *ol)
{
	static const struct { const char *name; enum bp_list_style style; }
	    css[] = {
		{ "lower-alpha", BP_LIST_STYLE_LOWER_ALPHA },
		{ "lower-latin", BP_LIST_STYLE_LOWER_ALPHA },
		{ "upper-alpha", BP_LIST_STYLE_UPPER_ALPHA },
		{ "upper-latin", BP_LIST_STYLE_UPPER_ALPHA },
		{ "lower-roman", BP_LIST_STYLE_LOWER_ROMAN },
		{ "upper-roman", BP_LIST_STYLE_UPPER_ROMAN },
	};
	enum bp_list_style	 style = BP_LIST_STYLE_DECIMAL;
	char			*v = bp_html_attr(ol, "type"), **w;
	size_t			 i, k;

	if (v != NULL) {
		g_strstrip(v);
		style = strcmp(v, "a") == 0 ? BP_LIST_STYLE_LOWER_ALPHA :
		    strcmp(v, "A") == 0 ? BP_LIST_STYLE_UPPER_ALPHA :
		    strcmp(v, "i") == 0 ? BP_LIST_STYLE_LOWER_ROMAN :
		    strcmp(v, "I") == 0 ? BP_LIST_STYLE_UPPER_ROMAN :
		    BP_LIST_STYLE_DECIMAL;
		g_free(v);
	}
	if ((v = css_value(ol, "list-style-type")) == NULL)
		v = css_value(ol, "list-style");
	w = v != NULL ? g_strsplit_set(v, " \t\n", -1) : NULL;
	for (i = 0; w != NULL && w[i] != NULL; i++)
		for (k = 0; k < G_N_ELEMENTS(css); k++)
			if (strcmp(w[i], css[k].name) == 0)
				style = css[k].style;
			else if (strcmp(w[i], "decimal") == 0)
				style = BP_LIST_STYLE_DECIMAL;
	g_strfreev(w);
	g_free(v);
	return style;
}

static bool
is_block(const xmlNode *e)
{
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(block_tags); i++)
		if (bp_html_is(e, block_tags[i]))
			return true;
	return false;
}

static int
heading_level(const xmlNode *e)
{
	const char	*n = (const char *)e->name;

	if (e->type == XML_ELEMENT_NODE && (n[0] == 'h' || n[0] == 'H') &&
	    n[1] >= '1' && n[1] <= '6' && n[2] == '\0')
		return n[1] - '0';
	return 0;
}

/* The mark an inline element stands for, or -1. */
static int
mark_of(const xmlNode *e)
{
	if (bp_html_is(e, "strong") || bp_html_is(e, "b"))
		return BP_MDOUT_STRONG;
	if (bp_html_is(e, "em") || bp_html_is(e, "i") ||
	    bp_html_is(e, "cite") || bp_html_is(e, "dfn") ||
	    bp_html_is(e, "var"))
		return BP_MDOUT_EMPH;
	if (bp_html_is(e, "s") || bp_html_is(e, "del") ||
	    bp_html_is(e, "strike"))
		return BP_MDOUT_STRIKE;
	return -1;
}

/* Text as written (a <pre>'s), <br> as a line feed. Caller frees. */
static char *
raw_text(xmlNode *e)
{
	struct html_walk w;
	enum html_event	 ev;
	GString		*s = g_string_new(NULL);

	bp_html_walk_init(&w, e);
	while ((ev = bp_html_walk_next(&w, false)) != HTML_DONE)
		if (ev == HTML_ENTER && (w.cur->type == XML_TEXT_NODE ||
		    w.cur->type == XML_CDATA_SECTION_NODE) &&
		    w.cur->content != NULL)
			g_string_append(s, (const char *)w.cur->content);
		else if (ev == HTML_ENTER && bp_html_is(w.cur, "br"))
			g_string_append_c(s, '\n');
	return g_string_free(s, FALSE);
}

/*
 * Where a link leads: made absolute against the page's own address; a
 * link within the page (#...) or to script leads nowhere (NULL).
 */
static char *
link_target(const struct html *h, const char *href)
{
	xmlChar	*abs;
	char	*out;

	while (*href == ' ' || *href == '\t' || *href == '\n')
		href++;
	if (*href == '\0' || *href == '#' ||
	    g_ascii_strncasecmp(href, "javascript:", 11) == 0)
		return NULL;
	if (h->base == NULL)
		return g_strdup(href);
	abs = xmlBuildURI(BAD_CAST href, BAD_CAST h->base);
	out = g_strdup(abs != NULL ? (const char *)abs : href);
	xmlFree(abs);
	return out;
}

/*
 * An image's file: as written when relative (the saved page's _files
 * folder, beside it); a lazy-loading page's real address in data-src;
 * a path from the site's root made absolute (remote, so refused).
 */
static char *
image_source(const struct html *h, const xmlNode *e)
{
	char	*src = bp_html_attr(e, "src"), *lazy;
	xmlChar	*abs;

	if (src == NULL || g_str_has_prefix(src, "data:")) {
		if ((lazy = bp_html_attr(e, "data-src")) != NULL) {
			g_free(src);
			src = lazy;
		}
	}
	if (src != NULL && src[0] == '/' && h->base != NULL) {
		abs = xmlBuildURI(BAD_CAST src, BAD_CAST h->base);
		if (abs != NULL) {
			g_free(src);
			src = g_strdup((const char *)abs);
		}
		xmlFree(abs);
	}
	return src;
}

static xmlNode *
child_named(xmlNode *e, const char *name)
{
	xmlNode	*c;

	for (c = e->children; c != NULL; c = c->next)
		if (bp_html_is(c, name))
			return c;
	return NULL;
}

/* A figure's one image (through links and pictures), or NULL. */
static xmlNode *
only_image(xmlNode *e)
{
	struct html_walk w;
	enum html_event	 ev;
	xmlNode		*img = NULL;
	int		 n = 0;

	bp_html_walk_init(&w, e);
	while ((ev = bp_html_walk_next(&w, false)) != HTML_DONE)
		if (ev == HTML_ENTER && bp_html_is(w.cur, "img") && n++ == 0)
			img = w.cur;
	return n == 1 ? img : NULL;
}

static bool
row_is_header(const xmlNode *tr)
{
	const xmlNode	*c;
	bool		 th = false;

	if (tr->parent != NULL && bp_html_is(tr->parent, "thead"))
		return true;
	for (c = tr->children; c != NULL; c = c->next) {
		if (bp_html_is(c, "td"))
			return false;
		th |= bp_html_is(c, "th");
	}
	return th;
}

static void
note_drop(struct html *h, xmlNode *e)
{
	char	*cls = bp_html_attr(e, "class");

	if (h->dropped++ < MAX_DROP_NOTES)
		bp_diag(h->diag, BP_NOTE, (int)xmlGetLineNo(e), 0, "page "
		    "furniture dropped: <%s%s%s%s>", e->name, cls != NULL ?
		    " class=\"" : "", cls != NULL ? cls : "", cls != NULL ?
		    "\"" : "");
	g_free(cls);
}

static void
put_image(struct html *h, struct bp_mdout *o, xmlNode *img,
    const char *caption)
{
	char	*src = image_source(h, img), *alt = bp_html_attr(img, "alt");
	char	*title = caption != NULL ? NULL : bp_html_attr(img, "title");
	char	*wd = bp_html_attr(img, "width");

	/* Tracking pixels and images without a file are left out. */
	if (src != NULL && *src != '\0' && !(wd != NULL && atoi(wd) == 1))
		bp_mdout_image(o, alt, src, caption != NULL ? caption : title);
	g_free(src);
	g_free(alt);
	g_free(title);
	g_free(wd);
}

/* The caption, as the table's title, in bold before it. */
static void
enter_table(struct html *h, struct bp_mdout *o, xmlNode *e)
{
	xmlNode	*cap = child_named(e, "caption");
	char	*t;

	if (cap != NULL) {
		t = bp_html_text(h, cap, 4096);
		bp_mdout_para(o);
		bp_mdout_mark(o, BP_MDOUT_STRONG);
		bp_mdout_text(o, t, strlen(t));
		bp_mdout_mark_end(o, BP_MDOUT_STRONG);
		bp_mdout_end_block(o);
		bp_html_mark(h, cap, HTML_SKIP);
		g_free(t);
	}
	if (h->tables++ == 0)
		g_array_set_size(h->spans, 0);
	bp_mdout_table(o);
}

static int
span_attr(const xmlNode *e, const char *name)
{
	char	*v = bp_html_attr(e, name);
	int	 n = v != NULL ? atoi(v) : 1;

	g_free(v);
	return CLAMP(n, 1, BP_MAX_TABLE_COLS);
}

/*
 * Empty cells where a cell of a row above still spans (rowspan), up to
 * the next free column, or to the end of the row.
 */
static void
fill_spans(struct html *h, struct bp_mdout *o, bool to_end)
{
	int	*left;

	while (h->col < (int)h->spans->len) {
		left = &g_array_index(h->spans, int, h->col);
		if (*left == 0 && !to_end)
			break;
		if (*left > 0) {
			(*left)--;
			bp_mdout_cell(o);
			bp_mdout_cell_end(o);
			h->merged++;
		} else {
			bp_mdout_cell(o);
			bp_mdout_cell_end(o);
		}
		h->col++;
	}
}

/* A cell of the outermost table: spans from above first. */
static void
enter_cell(struct html *h, struct bp_mdout *o, xmlNode *e)
{
	int	 k, rows = span_attr(e, "rowspan"), cols = span_attr(e,
	    "colspan");

	if (h->tables == 1) {
		fill_spans(h, o, false);
		if (h->spans->len < (guint)(h->col + cols))
			g_array_set_size(h->spans, (guint)(h->col + cols));
		for (k = 0; k < cols; k++)
			g_array_index(h->spans, int, h->col + k) = rows - 1;
	}
	bp_mdout_cell(o);
	bp_mdout_cell_align(o, cell_align(e));
}

/*
 * A cell's alignment: its text-align in CSS, else its align attribute,
 * else its row's ("end" is right in a left-to-right page).
 */
static enum bp_align
cell_align(const xmlNode *e)
{
	static const struct { const char *name; enum bp_align a; } names[] = {
		{ "left", BP_ALIGN_LEFT }, { "start", BP_ALIGN_LEFT },
		{ "center", BP_ALIGN_CENTER }, { "middle", BP_ALIGN_CENTER },
		{ "right", BP_ALIGN_RIGHT }, { "end", BP_ALIGN_RIGHT },
	};
	enum bp_align	 a = BP_ALIGN_NONE;
	char		*v = NULL;
	size_t		 i;
	int		 k;

	for (k = 0; k < 2 && e != NULL && v == NULL; k++, e = e->parent) {
		if (k == 1 && !bp_html_is(e, "tr"))
			break;
		if ((v = css_value(e, "text-align")) == NULL)
			v = bp_html_attr(e, "align");
	}
	if (v != NULL) {
		g_strstrip(v);
		for (i = 0; i < G_N_ELEMENTS(names); i++)
			if (g_ascii_strncasecmp(v, names[i].name,
			    strlen(names[i].name)) == 0)
				a = names[i].a;
	}
	g_free(v);
	return a;
}

/* A cell spanning columns: the others shown as empty cells. */
static void
leave_cell(struct html *h, struct bp_mdout *o, xmlNode *e)
{
	int	 k, cols = span_attr(e, "colspan");

	bp_mdout_cell_end(o);
	if (h->tables != 1)
		return;
	for (k = 1; k < cols; k++) {
		bp_mdout_cell(o);
		bp_mdout_cell_end(o);
		h->merged++;
	}
	h->col += cols;
}

/* A figure of one image: its caption is the image's. */
static bool
enter_figure(struct html *h, struct bp_mdout *o, xmlNode *e)
{
	xmlNode	*img = only_image(e), *cap = child_named(e, "figcaption");
	char	*t;

	if (img == NULL)
		return false;
	t = cap != NULL ? bp_html_text(h, cap, 4096) : NULL;
	bp_mdout_para(o);
	put_image(h, o, img, t != NULL && *t != '\0' ? t : NULL);
	bp_mdout_end_block(o);
	g_free(t);
	return true;
}

/* Enter element e; returns false to leave its content out. */
static bool
enter(struct html *h, struct bp_mdout *o, xmlNode *e)
{
	char	*v, *t;
	int	 level, mark;

	if (bp_html_marks(h, e) & HTML_DROP) {
		note_drop(h, e);
		return false;
	}
	if (bp_html_marks(h, e) & (HTML_TAKEN | HTML_SKIP))
		return false;
	if ((level = heading_level(e)) > 0)
		bp_mdout_heading(o, level);
	else if ((mark = mark_of(e)) >= 0)
		bp_mdout_mark(o, (enum bp_mdout_mark)mark);
	else if (bp_html_is(e, "a")) {
		v = bp_html_attr(e, "href");
		t = v != NULL ? link_target(h, v) : NULL;
		if (t != NULL) {
			bp_mdout_link(o, t);
			bp_html_mark(h, e, HTML_LINKED);
		}
		g_free(v);
		g_free(t);
	} else if (bp_html_is(e, "br"))
		bp_mdout_break(o);
	else if (bp_html_is(e, "hr"))
		bp_mdout_rule(o);
	else if (bp_html_is(e, "img")) {
		put_image(h, o, e, NULL);
		return false;
	} else if (bp_html_is(e, "pre")) {
		t = raw_text(e);
		bp_mdout_code_block(o, t, strlen(t));
		g_free(t);
		return false;
	} else if (bp_html_is(e, "code") || bp_html_is(e, "kbd") ||
	    bp_html_is(e, "samp") || bp_html_is(e, "tt")) {
		t = bp_html_text(h, e, BP_MAX_INPUT_BYTES);
		bp_mdout_code(o, t, strlen(t));
		g_free(t);
		return false;
	} else if (bp_html_is(e, "blockquote"))
		bp_mdout_quote(o);
	else if (bp_html_is(e, "ul") || bp_html_is(e, "ol")) {
		v = bp_html_attr(e, "start");
		bp_mdout_list(o, bp_html_is(e, "ol"), v != NULL ? atoi(v) : 1);
		g_free(v);
		if (bp_html_is(e, "ol"))
			bp_mdout_list_style(o, list_style(e));
	} else if (bp_html_is(e, "li"))
		bp_mdout_item(o);
	else if (bp_html_is(e, "dt")) {
		bp_mdout_para(o);
		bp_mdout_mark(o, BP_MDOUT_STRONG);
	} else if (bp_html_is(e, "table"))
		enter_table(h, o, e);
	else if (bp_html_is(e, "tr")) {
		bp_mdout_row(o, row_is_header(e));
		if (h->tables == 1)
			h->col = 0;
	} else if (bp_html_is(e, "td") || bp_html_is(e, "th"))
		enter_cell(h, o, e);
	else if (bp_html_is(e, "figure") && enter_figure(h, o, e))
		return false;
	else if (bp_html_is(e, "figcaption")) {
		bp_mdout_para(o);
		bp_mdout_mark(o, BP_MDOUT_EMPH);
	} else if (is_block(e))
		bp_mdout_para(o);
	return true;
}

static void
leave(struct html *h, struct bp_mdout *o, xmlNode *e)
{
	int	 mark;

	if (heading_level(e) > 0 || is_block(e) || bp_html_is(e, "dt"))
		bp_mdout_end_block(o);
	else if ((mark = mark_of(e)) >= 0)
		bp_mdout_mark_end(o, (enum bp_mdout_mark)mark);
	else if (bp_html_is(e, "a") && (bp_html_marks(h, e) & HTML_LINKED))
		bp_mdout_link_end(o);
	else if (bp_html_is(e, "blockquote"))
		bp_mdout_quote_end(o);
	else if (bp_html_is(e, "ul") || bp_html_is(e, "ol"))
		bp_mdout_list_end(o);
	else if (bp_html_is(e, "li"))
		bp_mdout_item_end(o);
	else if (bp_html_is(e, "table")) {
		h->tables--;
		if (!bp_mdout_table_end(o))
			bp_diag(h->diag, BP_NOTE, (int)xmlGetLineNo(e), 0,
			    "the table has no header row: its first row is "
			    "shown as one");
	} else if (bp_html_is(e, "tr")) {
		if (h->tables == 1)
			fill_spans(h, o, true);
		bp_mdout_row_end(o);
	} else if (bp_html_is(e, "td") || bp_html_is(e, "th"))
		leave_cell(h, o, e);
}

void
bp_html_emit(struct html *h, struct bp_mdout *o)
{
	struct html_walk w;
	enum html_event	 ev;
	xmlNode		*e;
	bool		 skip = false;

	h->spans = g_array_new(FALSE, TRUE, sizeof(int));
	bp_html_walk_init(&w, h->root);
	while ((ev = bp_html_walk_next(&w, skip)) != HTML_DONE) {
		e = w.cur;
		skip = false;
		bp_mdout_set_src(o, (int)xmlGetLineNo(e));
		if (e->type == XML_TEXT_NODE || e->type ==
		    XML_CDATA_SECTION_NODE) {
			if (ev == HTML_ENTER && e->content != NULL)
				bp_mdout_text(o, (const char *)e->content,
				    strlen((const char *)e->content));
			continue;
		}
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (ev == HTML_ENTER)
			skip = !enter(h, o, e);
		else if (!(bp_html_marks(h, e) & (HTML_DROP | HTML_TAKEN |
		    HTML_SKIP)) && !(bp_html_is(e, "img") ||
		    bp_html_is(e, "pre") || bp_html_is(e, "code") ||
		    bp_html_is(e, "kbd") || bp_html_is(e, "samp") ||
		    bp_html_is(e, "tt")))
			leave(h, o, e);
	}
	g_array_free(h->spans, TRUE);
	h->spans = NULL;
	if (h->merged > 0)
		bp_diag(h->diag, BP_NOTE, 0, 0, "%d merged table cell%s "
		    "(colspan, rowspan) shown as empty cells", h->merged,
		    h->merged == 1 ? "" : "s");
	if (h->dropped > MAX_DROP_NOTES)
		bp_diag(h->diag, BP_NOTE, 0, 0, "%d more parts of page "
		    "furniture dropped", h->dropped - MAX_DROP_NOTES);
}
