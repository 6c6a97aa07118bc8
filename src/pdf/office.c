/*
 * The PDF's side of official documents: the distribution page placed
 * after the cover, and the structure record taken back between
 * numbered copies (pdf.c paints the spool once per copy).
 * SPDX-License-Identifier: MIT
 */
#include "pdf/pdf.h"

/*
 * The structure record as painting found it: what painting a copy adds
 * (the cover's elements, kids, attachments) is taken back before the
 * next copy is painted, so each copy's tree is the first one's.
 */
struct bp_tags_mark {
	guint	 nelems, nkids;
	bool	*attached;
};

struct bp_tags_mark *
bp_tags_save(const struct bp_tagging *t)
{
	struct bp_tags_mark	*m = g_new0(struct bp_tags_mark, 1);
	guint			 i;

	m->nelems = t->elems->len;
	m->nkids = t->kids->len;
	m->attached = g_new0(bool, m->nelems + 1);
	for (i = 0; i < m->nelems; i++)
		m->attached[i] = g_array_index(t->elems, struct bp_selem,
		    i).attached;
	return m;
}

/* Put t back as m found it, and free m. */
void
bp_tags_restore(struct bp_tagging *t, struct bp_tags_mark *m)
{
	struct bp_selem	*e;
	guint		 i;

	for (i = m->nelems; i < t->elems->len; i++) {
		e = &g_array_index(t->elems, struct bp_selem, i);
		g_free(e->alt);
		g_free(e->lang);
	}
	g_array_set_size(t->elems, m->nelems);
	g_array_set_size(t->kids, m->nkids);
	for (i = 0; i < m->nelems; i++)
		g_array_index(t->elems, struct bp_selem, i).attached =
		    m->attached[i];
	g_free(m->attached);
	g_free(m);
}

/*
 * With a distribution list, its page goes after the cover (and its
 * back), on a right-hand page: the list laid out as an article of its
 * own (bp_pack_distribution_article), the same in every copy. Returns
 * that article, which must outlive the pages (NULL: no list).
 */
struct bp_article *
bp_office_add_distribution(struct bp_lctx *lc, struct bp_pager *pg,
    const struct bp_pack *pack, int ncopies, struct bp_tagging *tagging,
    GPtrArray *live)
{
	struct bp_article	*art;
	struct bp_flow		*flow;
	const char		*saved = lc->lang;

	art = bp_pack_distribution_article(pack, ncopies);
	if (art == NULL)
		return NULL;
	lc->lang = art->lang;
	flow = bp_layout_article(lc, art, /*have_body*/true);
	lc->lang = saved;
	bp_flow_tag(flow, tagging, art->lang);
	g_ptr_array_add(live, flow);
	/* A right-hand page, as the contents and articles get in duplex. */
	if (lc->style->duplex && lc->style->article_start == BP_START_RIGHT &&
	    pg->npages % 2 == 1)
		bp_pager_add_page(pg, BP_PAGE_BLANK, NULL);
	bp_paginate(lc, pg, flow, BP_PAGE_ARTICLE, /*fresh*/true);
	/* What follows starts a page of its own, even in a running style. */
	bp_pager_finish(pg);
	return art;
}
