/*
 * The structure record (tags.h): elements made by layout and merged in
 * page order, kids appended as the painter marks each piece (an element
 * painted out of source order, a floated figure, goes back in place).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/tags.h"

#define ELEM(t, i)  (&g_array_index((t)->elems, struct bp_selem, (i)))

static void attach(struct bp_tagging *t, int elem);
static void add_kid(struct bp_tagging *t, int elem, enum bp_skid_kind kind,
    int child, int page, int seq);
static void attach_kid(struct bp_tagging *t, int parent, int child);

static const char *const tag_names[BP_TAG__MAX] = {
	"Document", "Sect", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L",
	"LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "Caption",
	"BlockQuote", "Note", "Code", "Link", "TOC", "TOCI",
};
G_STATIC_ASSERT(G_N_ELEMENTS(tag_names) == BP_TAG__MAX);

const char *
bp_tag_name(enum bp_tag tag)
{
	return (int)tag >= 0 && tag < BP_TAG__MAX ? tag_names[tag] : "NonStruct";
}

struct bp_tagging *
bp_tagging_new(void)
{
	struct bp_tagging	*t = g_new0(struct bp_tagging, 1);
	struct bp_selem		 doc = { 0 };

	t->elems = g_array_new(FALSE, TRUE, sizeof(struct bp_selem));
	t->kids = g_array_new(FALSE, TRUE, sizeof(struct bp_skid));
	doc.tag = BP_TAG_DOCUMENT;
	doc.parent = -1;
	doc.attached = true;
	g_array_append_val(t->elems, doc);
	return t;
}

void
bp_tagging_free(struct bp_tagging *t)
{
	guint	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->elems->len; i++) {
		g_free(ELEM(t, i)->alt);
		g_free(ELEM(t, i)->lang);
	}
	g_array_free(t->elems, TRUE);
	g_array_free(t->kids, TRUE);
	g_free(t);
}

int
bp_tagging_add(struct bp_tagging *t, enum bp_tag tag, int parent)
{
	struct bp_selem	 e = { 0 };

	g_assert(parent < (int)t->elems->len);
	e.tag = tag;
	e.parent = parent < 0 ? 0 : parent;
	g_array_append_val(t->elems, e);
	return (int)t->elems->len - 1;
}

int
bp_tagging_append(struct bp_tagging *t, const struct bp_selem *elems,
    guint n, int root)
{
	struct bp_selem	 e;
	int		 base = (int)t->elems->len;
	guint		 i;

	g_assert(root >= 0 && root < base);
	for (i = 0; i < n; i++) {
		/* Parents come first: a local parent is an earlier element. */
		g_assert(elems[i].parent < (int)i);
		memset(&e, 0, sizeof e);
		e.tag = elems[i].tag;
		e.parent = elems[i].parent < 0 ? root : base + elems[i].parent;
		e.alt = g_strdup(elems[i].alt);
		e.lang = g_strdup(elems[i].lang);
		g_array_append_val(t->elems, e);
	}
	return base;
}

void
bp_tagging_set_alt(struct bp_tagging *t, int elem, const char *alt)
{
	g_free(ELEM(t, elem)->alt);
	ELEM(t, elem)->alt = alt != NULL && *alt != '\0' ? g_strdup(alt) :
	    NULL;
}

void
bp_tagging_set_lang(struct bp_tagging *t, int elem, const char *lang)
{
	g_free(ELEM(t, elem)->lang);
	ELEM(t, elem)->lang = lang != NULL && *lang != '\0' ?
	    g_strdup(lang) : NULL;
}

enum bp_tag
bp_tagging_get_tag(const struct bp_tagging *t, int elem)
{
	return ELEM(t, elem)->tag;
}

static void
add_kid(struct bp_tagging *t, int elem, enum bp_skid_kind kind, int child,
    int page, int seq)
{
	struct bp_skid	 k;

	k.elem = elem;
	k.kind = kind;
	k.child = child;
	k.page = page;
	k.seq = seq;
	g_array_append_val(t->kids, k);
}

/*
 * Make elem a kid of its parent, the parent first a kid of its own, up
 * to the first element already attached: each joins its parent's kids
 * when its first piece is painted, so kids come in reading order.
 */
static void
attach(struct bp_tagging *t, int elem)
{
	int	 chain[64], n = 0, e, top;

	while (elem > 0 && !ELEM(t, elem)->attached) {
		/* Deeper than the chain: attach the upper part first. */
		if (n == (int)G_N_ELEMENTS(chain)) {
			attach(t, elem);
			break;
		}
		chain[n++] = elem;
		elem = ELEM(t, elem)->parent;
	}
	while (n-- > 0) {
		e = chain[n];
		top = ELEM(t, e)->parent;
		attach_kid(t, top, e);
		ELEM(t, e)->attached = true;
	}
}

/*
 * Element child joins parent's kids: last, unless a later sibling (in
 * source order, notes aside) is there already; then before the first
 * such. That only happens to a figure floated past the text after it,
 * so the search is rare.
 */
static void
attach_kid(struct bp_tagging *t, int parent, int child)
{
	struct bp_skid	 k = { 0 };
	guint		 i;

	if (ELEM(t, child)->tag != BP_TAG_NOTE &&
	    ELEM(t, parent)->last_kid > child) {
		for (i = 0; i < t->kids->len; i++) {
			k = g_array_index(t->kids, struct bp_skid, i);
			if (k.elem == parent && k.kind == BP_SKID_ELEM &&
			    k.child > child &&
			    ELEM(t, k.child)->tag != BP_TAG_NOTE)
				break;
		}
		k.elem = parent;
		k.kind = BP_SKID_ELEM;
		k.child = child;
		k.page = k.seq = 0;
		g_array_insert_val(t->kids, i, k);
		return;
	}
	if (ELEM(t, child)->tag != BP_TAG_NOTE)
		ELEM(t, parent)->last_kid = child;
	add_kid(t, parent, BP_SKID_ELEM, child, 0, 0);
}

void
bp_tagging_mcid(struct bp_tagging *t, int elem, int page, int seq)
{
	g_assert(elem >= 0 && elem < (int)t->elems->len);
	attach(t, elem);
	add_kid(t, elem, BP_SKID_MCID, -1, page, seq);
}

void
bp_tagging_annot(struct bp_tagging *t, int elem, int page, int seq)
{
	g_assert(elem >= 0 && elem < (int)t->elems->len);
	attach(t, elem);
	add_kid(t, elem, BP_SKID_ANNOT, -1, page, seq);
}

/*
 * The record as text, for tests and BP_DEBUG_TAGS: an "elem" line per
 * element, then a "kid" line per kid in order ("mcid"/"annot" with page
 * and sequence, "elem" with the child). Caller frees.
 */
char *
bp_tagging_dump(const struct bp_tagging *t)
{
	GString			*s = g_string_new(NULL);
	const struct bp_selem	*e;
	const struct bp_skid	*k;
	guint			 i;

	for (i = 0; i < t->elems->len; i++) {
		e = ELEM(t, i);
		g_string_append_printf(s, "elem %u %s %d%s", i,
		    bp_tag_name(e->tag), e->parent, e->attached ? "" : " unused");
		if (e->lang != NULL)
			g_string_append_printf(s, " lang=%s", e->lang);
		if (e->alt != NULL)
			g_string_append_printf(s, " alt=\"%s\"", e->alt);
		g_string_append_c(s, '\n');
	}
	for (i = 0; i < t->kids->len; i++) {
		k = &g_array_index(t->kids, struct bp_skid, i);
		if (k->kind == BP_SKID_ELEM)
			g_string_append_printf(s, "kid %d elem %d\n", k->elem,
			    k->child);
		else
			g_string_append_printf(s, "kid %d %s %d %d\n", k->elem,
			    k->kind == BP_SKID_MCID ? "mcid" : "annot", k->page,
			    k->seq);
	}
	return g_string_free(s, FALSE);
}

/* Developers: BP_DEBUG_TAGS=FILE gets the record (bp_tagging_dump). */
void
bp_tagging_debug(const struct bp_tagging *t)
{
	const char	*path = g_getenv("BP_DEBUG_TAGS");
	char		*dump;

	if (path == NULL || *path == '\0')
		return;
	dump = bp_tagging_dump(t);
	g_file_set_contents(path, dump, -1, NULL);
	g_free(dump);
}
