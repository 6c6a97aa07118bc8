/*
 * The structure tree (ISO 32000-1 14.7) the finishing step writes from
 * the painter's record (tags.h): elements, their content on pages, the
 * parent tree that leads back from content to element.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "pdf/archive.h"

#define ELEM(t, i)  (&g_array_index((t)->elems, struct bp_selem, (i)))
#define KID(t, i)   (&g_array_index((t)->kids, struct bp_skid, (i)))

static bool *reachable_elems(const struct bp_tagging *t);
static bool check_elems(const struct bp_tagging *t, GString *why);
static bool check_kids(const struct bp_tagging *t,
    const struct bp_apage *pages, int npages, GString *why);
static guint *kids_by_elem(const struct bp_tagging *t, guint **first);
struct writer;
static void append_int(struct writer *w, qpdf_oh arr, int v);
static qpdf_oh tag_name(struct writer *w, enum bp_tag tag);
static void set_attrs(struct writer *w, qpdf_oh d, const struct bp_selem *e,
    int index);
static void write_kids(struct writer *w, guint i, qpdf_oh kids, int pg);
static void write_elem(struct writer *w, guint i);
static void write_parent_tree(struct writer *w);

/*
 * Which elements the Document reaches through element kids. A parent
 * comes before its children (check_elems), so one pass in index order
 * decides each from its parent.
 */
static bool *
reachable_elems(const struct bp_tagging *t)
{
	guint			 n = t->elems->len, i;
	bool			*reach = g_new0(bool, n);
	bool			*kid = g_new0(bool, n);
	const struct bp_skid	*k;
	int			 parent;

	for (i = 0; i < t->kids->len; i++) {
		k = KID(t, i);
		if (k->kind == BP_SKID_ELEM && k->child > 0 &&
		    (guint)k->child < n && ELEM(t, k->child)->parent == k->elem)
			kid[k->child] = true;
	}
	for (i = 0; i < n; i++) {
		parent = ELEM(t, i)->parent;
		reach[i] = i == 0 || (kid[i] && parent >= 0 &&
		    (guint)parent < i && reach[parent]);
	}
	g_free(kid);
	return reach;
}

/* Element 0 is the Document; every other has an earlier parent. */
static bool
check_elems(const struct bp_tagging *t, GString *why)
{
	const struct bp_selem	*e;
	guint			 i;

	if (t->elems->len == 0 || ELEM(t, 0)->tag != BP_TAG_DOCUMENT ||
	    ELEM(t, 0)->parent != -1) {
		g_string_append(why, "element 0 is not the Document");
		return false;
	}
	for (i = 1; i < t->elems->len; i++) {
		e = ELEM(t, i);
		if ((int)e->tag < 0 || (int)e->tag >= BP_TAG__MAX ||
		    e->parent < 0 ||
		    (guint)e->parent >= i) {
			g_string_append_printf(why, "element %u has a bad type "
			    "or parent", i);
			return false;
		}
	}
	return true;
}

/*
 * Every kid in range and used once; every marked-content sequence and
 * annotation of every page held by an element the Document reaches.
 */
static bool
check_kids(const struct bp_tagging *t, const struct bp_apage *pages,
    int npages, GString *why)
{
	const struct bp_skid	*k;
	bool			*reach = reachable_elems(t);
	bool			*child_used = g_new0(bool, t->elems->len);
	bool			**mc_used = g_new0(bool *, npages);
	bool			**an_used = g_new0(bool *, npages);
	guint			 i, n, used;
	int			 p;
	bool			 ok = false;

	for (p = 0; p < npages; p++) {
		mc_used[p] = g_new0(bool, pages[p].mcids->len + 1);
		an_used[p] = g_new0(bool, pages[p].annots->len + 1);
	}
	for (i = 0; i < t->kids->len; i++) {
		k = KID(t, i);
		if (k->elem < 0 || (guint)k->elem >= t->elems->len) {
			g_string_append_printf(why, "kid %u has no element", i);
			goto out;
		}
		if (k->kind == BP_SKID_ELEM) {
			if (k->child <= 0 || (guint)k->child >= t->elems->len ||
			    ELEM(t, k->child)->parent != k->elem ||
			    child_used[k->child]) {
				g_string_append_printf(why, "element %d is "
				    "attached wrongly", k->child);
				goto out;
			}
			child_used[k->child] = true;
			continue;
		}
		if (k->page < 1 || k->page > npages || !reach[k->elem]) {
			g_string_append_printf(why, "kid %u is on no page or "
			    "under no Document", i);
			goto out;
		}
		p = k->page - 1;
		if (k->kind == BP_SKID_MCID) {
			n = pages[p].mcids->len;
			if (k->seq < 0 || (guint)k->seq >= n ||
			    mc_used[p][k->seq]) {
				g_string_append_printf(why, "page %d has %u "
				    "marked-content sequences; the record "
				    "uses number %d%s", k->page, n, k->seq,
				    k->seq >= 0 && (guint)k->seq < n ?
				    " twice" : "");
				goto out;
			}
			mc_used[p][k->seq] = true;
		} else if (k->kind == BP_SKID_ANNOT) {
			n = pages[p].annots->len;
			if (k->seq < 0 || (guint)k->seq >= n ||
			    an_used[p][k->seq] ||
			    ELEM(t, k->elem)->tag != BP_TAG_LINK) {
				g_string_append_printf(why, "page %d has %u "
				    "annotations; the record uses number %d "
				    "wrongly", k->page, n, k->seq);
				goto out;
			}
			an_used[p][k->seq] = true;
		} else {
			g_string_append_printf(why, "kid %u has a bad kind", i);
			goto out;
		}
	}
	for (p = 0; p < npages; p++) {
		for (used = 0, i = 0; i < pages[p].mcids->len; i++)
			used += mc_used[p][i] ? 1 : 0;
		if (used != pages[p].mcids->len) {
			g_string_append_printf(why, "page %d has %u marked-"
			    "content sequences; the record holds %u", p + 1,
			    pages[p].mcids->len, used);
			goto out;
		}
		for (used = 0, i = 0; i < pages[p].annots->len; i++)
			used += an_used[p][i] ? 1 : 0;
		if (used != pages[p].annots->len) {
			g_string_append_printf(why, "page %d has %u "
			    "annotations; the record holds %u", p + 1,
			    pages[p].annots->len, used);
			goto out;
		}
	}
	ok = true;
out:
	for (p = 0; p < npages; p++) {
		g_free(mc_used[p]);
		g_free(an_used[p]);
	}
	g_free(mc_used);
	g_free(an_used);
	g_free(child_used);
	g_free(reach);
	return ok;
}

bool
bp_stree_check(const struct bp_tagging *t, const struct bp_apage *pages,
    int npages, char **why)
{
	GString	*w = g_string_new(NULL);
	bool	 ok;

	ok = t != NULL && check_elems(t, w) && check_kids(t, pages, npages, w);
	if (t == NULL)
		g_string_append(w, "no record");
	*why = ok ? NULL : g_strdup(w->str);
	g_string_free(w, TRUE);
	return ok;
}

int
bp_stree_count_missing_alt(const struct bp_tagging *t)
{
	const struct bp_selem	*e;
	bool			*reach;
	guint			 i;
	int			 n = 0;

	if (t == NULL || t->elems->len == 0)
		return 0;
	reach = reachable_elems(t);
	for (i = 0; i < t->elems->len; i++) {
		e = ELEM(t, i);
		if (reach[i] && e->tag == BP_TAG_FIGURE &&
		    (e->alt == NULL || *e->alt == '\0'))
			n++;
	}
	g_free(reach);
	return n;
}

/*
 * The kids of each element, in reading order: (*first)[e] to
 * (*first)[e + 1] index the returned array of kid indices.
 */
static guint *
kids_by_elem(const struct bp_tagging *t, guint **first)
{
	guint	 n = t->elems->len, i, *at, *order;

	*first = g_new0(guint, n + 1);
	for (i = 0; i < t->kids->len; i++)
		(*first)[KID(t, i)->elem + 1]++;
	for (i = 0; i < n; i++)
		(*first)[i + 1] += (*first)[i];
	at = g_memdup2(*first, sizeof(guint) * n);
	order = g_new(guint, t->kids->len + 1);
	for (i = 0; i < t->kids->len; i++)
		order[at[KID(t, i)->elem]++] = i;
	g_free(at);
	return order;
}

/*
 * Writing the tree. Names and small integers never change, so each is
 * made once and shared by every dictionary that holds it: the tree of a
 * large pack has tens of thousands of elements, and each call through
 * qpdf's C API costs.
 */
#define SMALL_INTS 1024

struct writer {
	qpdf_data		 q;
	const struct bp_tagging	*t;
	const struct bp_apage	*pages;
	int			 npages;
	bool			*reach;       /* the Document reaches it */
	qpdf_oh			*elem_oh;     /* indirect when reached */
	int			**owner;      /* page, MCID -> element */
	int			*page_key;    /* parent-tree key, -1: none */
	guint			*first, *order;  /* kids_by_elem() */
	int			 key;         /* next parent-tree key */
	qpdf_oh			 root, anums, ids;
	qpdf_oh			 type_elem, type_mcr, type_objr, null;
	qpdf_oh			 tags[BP_TAG__MAX];
	qpdf_oh			 ints[SMALL_INTS];
};

/* Append integer v to array arr. */
static void
append_int(struct writer *w, qpdf_oh arr, int v)
{
	qpdf_oh	 h;

	if (v >= 0 && v < SMALL_INTS) {
		if (w->ints[v] == 0)
			w->ints[v] = qpdf_oh_new_integer(w->q, v);
		qpdf_oh_append_item(w->q, arr, w->ints[v]);
	} else {
		h = qpdf_oh_new_integer(w->q, v);
		qpdf_oh_append_item(w->q, arr, h);
		qpdf_oh_release(w->q, h);
	}
}

/* The name of tag, as a shared handle. */
static qpdf_oh
tag_name(struct writer *w, enum bp_tag tag)
{
	char	 name[16];

	if (w->tags[tag] == 0) {
		g_snprintf(name, sizeof name, "/%s", bp_tag_name(tag));
		w->tags[tag] = qpdf_oh_new_name(w->q, name);
	}
	return w->tags[tag];
}

/*
 * Attributes the standards ask for: a Figure's alternate text, a header
 * cell's scope (its column: briefpack's tables have one header row), an
 * article's language, a note's ID (PDF/UA-1 7.9), kept for the ID tree.
 */
static void
set_attrs(struct writer *w, qpdf_oh d, const struct bp_selem *e, int index)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 a, v;
	char		 id[32];

	switch (e->tag) {
	case BP_TAG_FIGURE:
		if (e->alt != NULL && *e->alt != '\0')
			bp_archive_set_text(q, d, "/Alt", e->alt);
		break;
	case BP_TAG_TH:
		a = qpdf_oh_new_dictionary(q);
		bp_archive_set_name(q, a, "/O", "/Table");
		bp_archive_set_name(q, a, "/Scope", "/Column");
		qpdf_oh_replace_key(q, d, "/A", a);
		qpdf_oh_release(q, a);
		break;
	case BP_TAG_SECT:
		if (e->lang != NULL && *e->lang != '\0')
			bp_archive_set_text(q, d, "/Lang", e->lang);
		break;
	case BP_TAG_NOTE:
		/* Zero-padded, so the ID tree's keys sort as they come. */
		g_snprintf(id, sizeof id, "note-%09d", index);
		v = qpdf_oh_new_string(q, id);
		qpdf_oh_replace_key(q, d, "/ID", v);
		qpdf_oh_append_item(q, w->ids, v);
		qpdf_oh_release(q, v);
		qpdf_oh_append_item(q, w->ids, d);
		break;
	default:
		break;
	}
}

/*
 * Element i's kids, in reading order, into kids: child elements,
 * MCIDs (plain on the element's page pg, else marked-content
 * references), annotations as object references, each of which gets
 * its parent-tree key.
 */
static void
write_kids(struct writer *w, guint i, qpdf_oh kids, int pg)
{
	qpdf_data		 q = w->q;
	const struct bp_skid	*k;
	qpdf_oh			 v, an;
	guint			 j;
	int			 p, mcid;

	for (j = w->first[i]; j < w->first[i + 1]; j++) {
		k = KID(w->t, w->order[j]);
		p = k->page - 1;
		switch (k->kind) {
		case BP_SKID_ELEM:
			if (w->reach[k->child])
				qpdf_oh_append_item(q, kids,
				    w->elem_oh[k->child]);
			break;
		case BP_SKID_MCID:
			mcid = g_array_index(w->pages[p].mcids, int, k->seq);
			w->owner[p][mcid] = (int)i;
			if (k->page == pg) {
				append_int(w, kids, mcid);
				break;
			}
			v = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, v, "/Type", w->type_mcr);
			qpdf_oh_replace_key(q, v, "/Pg", w->pages[p].oh);
			bp_archive_set_int(q, v, "/MCID", mcid);
			qpdf_oh_append_item(q, kids, v);
			qpdf_oh_release(q, v);
			break;
		case BP_SKID_ANNOT:
			an = g_array_index(w->pages[p].annots, qpdf_oh, k->seq);
			v = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, v, "/Type", w->type_objr);
			qpdf_oh_replace_key(q, v, "/Obj", an);
			qpdf_oh_replace_key(q, v, "/Pg", w->pages[p].oh);
			qpdf_oh_append_item(q, kids, v);
			qpdf_oh_release(q, v);
			/* The annotation's own parent-tree entry. */
			bp_archive_set_int(q, an, "/StructParent", w->key);
			append_int(w, w->anums, w->key++);
			qpdf_oh_append_item(q, w->anums, w->elem_oh[i]);
			break;
		case BP_SKID__MAX:
			break;
		}
	}
}

/* Element i: type, parent, page, kids in reading order, attributes. */
static void
write_elem(struct writer *w, guint i)
{
	qpdf_data		 q = w->q;
	const struct bp_selem	*e = ELEM(w->t, i);
	qpdf_oh			 d = w->elem_oh[i], kids;
	guint			 j;
	int			 pg = 0;

	qpdf_oh_replace_key(q, d, "/Type", w->type_elem);
	qpdf_oh_replace_key(q, d, "/S", tag_name(w, e->tag));
	qpdf_oh_replace_key(q, d, "/P", i == 0 ? w->root :
	    w->elem_oh[e->parent]);
	for (j = w->first[i]; j < w->first[i + 1] && pg == 0; j++)
		if (KID(w->t, w->order[j])->kind == BP_SKID_MCID)
			pg = KID(w->t, w->order[j])->page;
	if (pg > 0)
		qpdf_oh_replace_key(q, d, "/Pg", w->pages[pg - 1].oh);
	kids = qpdf_oh_new_array(q);
	write_kids(w, i, kids, pg);
	qpdf_oh_replace_key(q, d, "/K", kids);
	qpdf_oh_release(q, kids);
	set_attrs(w, d, e, (int)i);
}

/*
 * The parent tree, one flat number tree: the pages' arrays (their keys
 * come first, in page order), then the annotations' entries, as their
 * keys were given out; a number tree's keys ascend.
 */
static void
write_parent_tree(struct writer *w)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 nums = qpdf_oh_new_array(q), arr, v;
	guint		 i;
	int		 p, m, max;

	for (p = 0; p < w->npages; p++) {
		if (w->page_key[p] < 0)
			continue;
		append_int(w, nums, w->page_key[p]);
		arr = qpdf_oh_new_array(q);
		max = -1;
		for (i = 0; i < w->pages[p].mcids->len; i++)
			max = MAX(max, g_array_index(w->pages[p].mcids, int,
			    i));
		for (m = 0; m <= max; m++)
			qpdf_oh_append_item(q, arr, w->owner[p][m] >= 0 ?
			    w->elem_oh[w->owner[p][m]] : w->null);
		qpdf_oh_append_item(q, nums, arr);
		qpdf_oh_release(q, arr);
		bp_archive_set_int(q, w->pages[p].oh, "/StructParents",
		    w->page_key[p]);
	}
	m = qpdf_oh_get_array_n_items(q, w->anums);
	for (p = 0; p < m; p++) {
		v = qpdf_oh_get_array_item(q, w->anums, p);
		qpdf_oh_append_item(q, nums, v);
		qpdf_oh_release(q, v);
	}
	v = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, v, "/Nums", nums);
	qpdf_oh_replace_key(q, w->root, "/ParentTree", v);
	qpdf_oh_release(q, v);
	qpdf_oh_release(q, nums);
	bp_archive_set_int(q, w->root, "/ParentTreeNextKey", w->key);
}

bool
bp_stree_write(qpdf_data q, const struct bp_tagging *t,
    const struct bp_apage *pages, int npages)
{
	struct writer	 w;
	qpdf_oh		 v, catalog;
	guint		 n = t->elems->len, i;
	int		 p, m;

	memset(&w, 0, sizeof w);
	w.q = q;
	w.t = t;
	w.pages = pages;
	w.npages = npages;
	w.reach = reachable_elems(t);
	w.elem_oh = g_new0(qpdf_oh, n);
	w.owner = g_new0(int *, npages);
	w.page_key = g_new(int, npages);
	w.order = kids_by_elem(t, &w.first);
	for (p = 0; p < npages; p++) {
		m = 0;
		for (i = 0; i < pages[p].mcids->len; i++)
			m = MAX(m, g_array_index(pages[p].mcids, int, i) + 1);
		w.owner[p] = g_new(int, m + 1);
		for (i = 0; i <= (guint)m; i++)
			w.owner[p][i] = -1;
		/* Pages with marked content get their parent-tree key first. */
		w.page_key[p] = pages[p].mcids->len > 0 ? w.key++ : -1;
	}
	w.type_elem = qpdf_oh_new_name(q, "/StructElem");
	w.type_mcr = qpdf_oh_new_name(q, "/MCR");
	w.type_objr = qpdf_oh_new_name(q, "/OBJR");
	w.null = qpdf_oh_new_null(q);
	w.anums = qpdf_oh_new_array(q);
	w.ids = qpdf_oh_new_array(q);
	w.root = qpdf_make_indirect_object(q, v = qpdf_oh_new_dictionary(q));
	qpdf_oh_release(q, v);
	for (i = 0; i < n; i++)
		if (w.reach[i]) {
			w.elem_oh[i] = qpdf_make_indirect_object(q,
			    v = qpdf_oh_new_dictionary(q));
			qpdf_oh_release(q, v);
		}
	for (i = 0; i < n; i++)
		if (w.reach[i])
			write_elem(&w, i);
	write_parent_tree(&w);

	bp_archive_set_name(q, w.root, "/Type", "/StructTreeRoot");
	qpdf_oh_replace_key(q, w.root, "/K", w.elem_oh[0]);
	if (qpdf_oh_get_array_n_items(q, w.ids) > 0) {
		v = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, v, "/Names", w.ids);
		qpdf_oh_replace_key(q, w.root, "/IDTree", v);
		qpdf_oh_release(q, v);
	}
	catalog = qpdf_get_root(q);
	qpdf_oh_replace_key(q, catalog, "/StructTreeRoot", w.root);
	qpdf_oh_release(q, catalog);

	/* Handles go; the objects stay in the document. */
	for (i = 0; i < n; i++)
		if (w.elem_oh[i] != 0)
			qpdf_oh_release(q, w.elem_oh[i]);
	for (i = 0; i < BP_TAG__MAX; i++)
		if (w.tags[i] != 0)
			qpdf_oh_release(q, w.tags[i]);
	for (i = 0; i < SMALL_INTS; i++)
		if (w.ints[i] != 0)
			qpdf_oh_release(q, w.ints[i]);
	qpdf_oh_release(q, w.type_elem);
	qpdf_oh_release(q, w.type_mcr);
	qpdf_oh_release(q, w.type_objr);
	qpdf_oh_release(q, w.null);
	qpdf_oh_release(q, w.anums);
	qpdf_oh_release(q, w.ids);
	qpdf_oh_release(q, w.root);
	for (p = 0; p < npages; p++)
		g_free(w.owner[p]);
	g_free(w.owner);
	g_free(w.page_key);
	g_free(w.elem_oh);
	g_free(w.reach);
	g_free(w.first);
	g_free(w.order);
	return !qpdf_has_error(q);
}
