/*
 * Word documents: styles.xml (headings by outline level, through
 * basedOn; Title, Subtitle, quotes, code fonts; numbering on a style)
 * and numbering.xml (bulleted or numbered, start value, per level).
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "parse/docx.h"

static void style_free(gpointer p);
static struct docx_style *read_style(const xmlNode *e);
static void inherit(struct docx *d, struct docx_style *s);
static void read_level(const xmlNode *lvl, struct docx_level *l);
static void read_abstract(const xmlNode *e, GHashTable *abs);
static void read_num(struct docx *d, const xmlNode *e, GHashTable *abs);
static int int_attr(const xmlNode *e, const char *name, int dflt);

static void
style_free(gpointer p)
{
	struct docx_style	*s = p;

	g_free(s->id);
	g_free(s->name);
	g_free(s->based_on);
	g_free(s->num_id);
	g_free(s);
}

static int
int_attr(const xmlNode *e, const char *name, int dflt)
{
	char	*v = bp_docx_attr(e, name);
	int	 n = v != NULL ? atoi(v) : dflt;

	g_free(v);
	return n;
}

/* One w:style, as written (basedOn not followed yet). */
static struct docx_style *
read_style(const xmlNode *e)
{
	static const char *const code_names[] = { "source code",
	    "html preformatted", "plain text", "verbatim char", "macro text",
	    "code", "html code", NULL };
	struct docx_style	*s = g_new0(struct docx_style, 1);
	xmlNode			*ppr = bp_docx_child(e, "pPr");
	xmlNode			*rpr = bp_docx_child(e, "rPr");
	xmlNode			*c;
	char			*v;
	int			 i, n;

	s->id = bp_docx_attr(e, "styleId");
	if ((c = bp_docx_child(e, "name")) != NULL &&
	    (v = bp_docx_attr(c, "val")) != NULL) {
		s->name = g_ascii_strdown(v, -1);
		g_free(v);
	}
	if ((c = bp_docx_child(e, "basedOn")) != NULL)
		s->based_on = bp_docx_attr(c, "val");
	s->outline = -1;
	if ((c = bp_docx_child(ppr, "outlineLvl")) != NULL &&
	    (n = int_attr(c, "val", 9)) >= 0)
		s->outline = n < 9 ? n + 1 : 0;
	if ((c = bp_docx_child(ppr, "numPr")) != NULL) {
		s->num_id = bp_docx_attr(bp_docx_child(c, "numId"), "val");
		s->ilvl = int_attr(bp_docx_child(c, "ilvl"), "val", 0);
	}
	/* Built-in names are English whatever the id ("Overskrift1"). */
	if (s->name != NULL) {
		if (s->outline < 0 && g_str_has_prefix(s->name, "heading ") &&
		    (n = atoi(s->name + 8)) >= 1 && n <= 9)
			s->outline = n;
		s->title = strcmp(s->name, "title") == 0;
		s->subtitle = strcmp(s->name, "subtitle") == 0;
		s->quote = strcmp(s->name, "quote") == 0 ||
		    strcmp(s->name, "quotations") == 0 ||
		    strcmp(s->name, "intense quote") == 0 ||
		    strcmp(s->name, "block text") == 0;
		s->caption = strcmp(s->name, "caption") == 0 ||
		    strcmp(s->name, "image caption") == 0;
		if (strcmp(s->name, "author") == 0)
			s->meta = 'a';
		else if (strcmp(s->name, "date") == 0)
			s->meta = 'd';
		else if (strcmp(s->name, "abstract") == 0)
			s->meta = 'b';
		for (i = 0; code_names[i] != NULL; i++)
			s->code |= strcmp(s->name, code_names[i]) == 0;
	}
	s->b = bp_docx_toggle(rpr, "b");
	s->i = bp_docx_toggle(rpr, "i");
	s->strike = bp_docx_toggle(rpr, "strike");
	if (s->strike < 0)
		s->strike = bp_docx_toggle(rpr, "dstrike");
	s->code |= bp_docx_is_code_font(rpr);
	return s;
}

/* What s does not say, its basedOn chain does (nearest first). */
static void
inherit(struct docx *d, struct docx_style *s)
{
	const struct docx_style	*p;
	const char		*up = s->based_on;
	int			 n;

	for (n = 0; up != NULL && n < DOCX_MAX_STYLE_CHAIN; n++) {
		if ((p = g_hash_table_lookup(d->styles, up)) == NULL ||
		    p == s)
			break;
		if (s->outline < 0)
			s->outline = p->outline;
		if (!s->title && !s->subtitle) {
			s->title = p->title;
			s->subtitle = p->subtitle;
		}
		s->quote |= p->quote;
		s->caption |= p->caption;
		s->code |= p->code;
		if (s->b < 0)
			s->b = p->b;
		if (s->i < 0)
			s->i = p->i;
		if (s->strike < 0)
			s->strike = p->strike;
		if (s->num_id == NULL && p->num_id != NULL) {
			s->num_id = g_strdup(p->num_id);
			s->ilvl = p->ilvl;
		}
		up = p->based_on;
	}
	if (s->outline < 0)
		s->outline = 0;
}

/*
 * A w:lvl: bulleted or numbered (and how: letters and roman numerals
 * are kept; other formats, such as ordinal words, count in digits), and
 * whether its number is followed by a parenthesis.
 */
static void
read_level(const xmlNode *lvl, struct docx_level *l)
{
	static const struct { const char *fmt; enum bp_list_style style; }
	    fmts[] = {
		{ "lowerLetter", BP_LIST_STYLE_LOWER_ALPHA },
		{ "upperLetter", BP_LIST_STYLE_UPPER_ALPHA },
		{ "lowerRoman", BP_LIST_STYLE_LOWER_ROMAN },
		{ "upperRoman", BP_LIST_STYLE_UPPER_ROMAN },
	};
	char	*fmt = bp_docx_attr(bp_docx_child(lvl, "numFmt"), "val");
	char	*text;
	size_t	 i;

	l->ordered = fmt != NULL && strcmp(fmt, "bullet") != 0 &&
	    strcmp(fmt, "none") != 0;
	l->start = int_attr(bp_docx_child(lvl, "start"), "val", 1);
	l->style = BP_LIST_STYLE_DECIMAL;
	text = bp_docx_attr(bp_docx_child(lvl, "lvlText"), "val");
	l->paren = text != NULL && g_str_has_suffix(text, ")");
	g_free(text);
	for (i = 0; fmt != NULL && i < G_N_ELEMENTS(fmts); i++)
		if (strcmp(fmt, fmts[i].fmt) == 0)
			l->style = fmts[i].style;
	g_free(fmt);
}

/* An abstractNum's levels: "abstractId/ilvl" -> struct docx_level. */
static void
read_abstract(const xmlNode *e, GHashTable *abs)
{
	struct docx_level	*l;
	xmlNode			*c;
	char			*id = bp_docx_attr(e, "abstractNumId");

	for (c = e->children; c != NULL && id != NULL; c = c->next) {
		if (!bp_docx_is(c, "lvl"))
			continue;
		l = g_new0(struct docx_level, 1);
		read_level(c, l);
		g_hash_table_insert(abs, g_strdup_printf("%s/%d", id,
		    int_attr(c, "ilvl", 0)), l);
	}
	g_free(id);
}

/* A w:num: its abstractNum's levels, with start overrides. */
static void
read_num(struct docx *d, const xmlNode *e, GHashTable *abs)
{
	const struct docx_level	*a;
	struct docx_level	*l;
	xmlNode			*c, *so, *lv;
	char			*id = bp_docx_attr(e, "numId"), *key;
	char			*aid = bp_docx_attr(bp_docx_child(e,
	    "abstractNumId"), "val");
	int			 k;

	for (k = 0; k < 9 && id != NULL && aid != NULL; k++) {
		key = g_strdup_printf("%s/%d", aid, k);
		if ((a = g_hash_table_lookup(abs, key)) != NULL) {
			l = g_memdup2(a, sizeof(*l));
			g_hash_table_insert(d->nums, g_strdup_printf("%s/%d",
			    id, k), l);
		}
		g_free(key);
	}
	/* Overrides: a start value, or a whole level (LibreOffice's). */
	for (c = e->children; c != NULL && id != NULL; c = c->next) {
		if (!bp_docx_is(c, "lvlOverride"))
			continue;
		key = g_strdup_printf("%s/%d", id, int_attr(c, "ilvl", 0));
		if ((lv = bp_docx_child(c, "lvl")) != NULL) {
			l = g_new0(struct docx_level, 1);
			read_level(lv, l);
			g_hash_table_insert(d->nums, key, l);
			key = NULL;
		} else if ((so = bp_docx_child(c, "startOverride")) != NULL &&
		    (l = g_hash_table_lookup(d->nums, key)) != NULL)
			l->start = int_attr(so, "val", 1);
		g_free(key);
	}
	g_free(id);
	g_free(aid);
}

void
bp_docx_load_styles(struct docx *d, const char *styles_part,
    const char *numbering_part)
{
	GHashTable	*abs = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, g_free);
	GHashTableIter	 it;
	gpointer	 v;
	xmlDoc		*doc;
	xmlNode		*e;
	struct docx_style *s;

	d->styles = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    style_free);
	d->nums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);
	doc = styles_part != NULL ? bp_docx_parse_part(d, styles_part, false) :
	    NULL;
	for (e = doc != NULL ? xmlDocGetRootElement(doc)->children : NULL;
	    e != NULL; e = e->next) {
		if (!bp_docx_is(e, "style"))
			continue;
		s = read_style(e);
		if (s->id != NULL && !g_hash_table_contains(d->styles, s->id))
			g_hash_table_insert(d->styles, s->id, s);
		else
			style_free(s);
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	g_hash_table_iter_init(&it, d->styles);
	while (g_hash_table_iter_next(&it, NULL, &v))
		inherit(d, v);
	doc = numbering_part != NULL ? bp_docx_parse_part(d, numbering_part,
	    false) : NULL;
	for (e = doc != NULL ? xmlDocGetRootElement(doc)->children : NULL;
	    e != NULL; e = e->next)
		if (bp_docx_is(e, "abstractNum"))
			read_abstract(e, abs);
	for (e = doc != NULL ? xmlDocGetRootElement(doc)->children : NULL;
	    e != NULL; e = e->next)
		if (bp_docx_is(e, "num"))
			read_num(d, e, abs);
	if (doc != NULL)
		xmlFreeDoc(doc);
	g_hash_table_destroy(abs);
}

const struct docx_style *
bp_docx_style(const struct docx *d, const char *id)
{
	return id != NULL && d->styles != NULL ?
	    g_hash_table_lookup(d->styles, id) : NULL;
}

const struct docx_level *
bp_docx_level(const struct docx *d, const char *num_id, int ilvl)
{
	const struct docx_level	*l;
	char			*key;

	if (num_id == NULL || strcmp(num_id, "0") == 0)
		return NULL;
	key = g_strdup_printf("%s/%d", num_id, ilvl);
	l = g_hash_table_lookup(d->nums, key);
	g_free(key);
	return l;
}
