/*
 * The finishing step's work on Cairo's objects (pdf/archive.c runs
 * it): its structure tree hidden from qpdf, pages and their link
 * annotations, and the fonts and images the pages use.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/archive.h"

struct xref;
static bool check_font(struct bp_archive *a, qpdf_oh d);
static GPtrArray *dict_keys(qpdf_data q, qpdf_oh d);
static bool seen_before(qpdf_data q, GHashTable *seen, qpdf_oh oh);
static void fix_image(qpdf_data q, qpdf_oh d);
static void each_resource(struct bp_archive *a, qpdf_oh res,
    const char *category, GHashTable *seen, int depth,
    void (*visit)(struct bp_archive *, qpdf_oh, GHashTable *, int));
static void visit_font(struct bp_archive *a, qpdf_oh f, GHashTable *seen,
    int depth);
static void visit_object(struct bp_archive *a, qpdf_oh x, GHashTable *seen,
    int depth);
static void visit_gstate(struct bp_archive *a, qpdf_oh gs, GHashTable *seen,
    int depth);
static void walk_resources(struct bp_archive *a, qpdf_oh res,
    GHashTable *seen, int depth);
static char **link_titles(const struct bp_archive *a);
static qpdf_oh name_tree_get(qpdf_data q, qpdf_oh node, const char *key,
    size_t klen, int depth);
static int dest_page(struct bp_archive *a, qpdf_oh dest, int depth);
static void describe_link(struct bp_archive *a, qpdf_oh annot,
    char **titles);
static const char *xref_object(const struct xref *x, guint64 n);
static void xref_free(const struct xref *x, guint64 n);
static void free_parent_tree(const struct xref *x, guint64 n);

/*
 * A font dictionary: its program embedded (PDF/A-2 6.2.11.4.1; Type 3
 * glyphs are content, a Type 0 font's program is its descendant's), and
 * a CIDFontType2's CIDToGIDMap given (6.2.11.3.2): Cairo leaves out the
 * Identity map, which is the default.
 */
static bool
check_font(struct bp_archive *a, qpdf_oh d)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 fd;
	char		*name = NULL;
	bool		 ok = true;

	if (bp_archive_is_name(q, d, "/Subtype", "/Type0") ||
	    bp_archive_is_name(q, d, "/Subtype", "/Type3"))
		return true;
	if (bp_archive_is_name(q, d, "/Subtype", "/CIDFontType2") &&
	    !qpdf_oh_has_key(q, d, "/CIDToGIDMap"))
		bp_archive_set_name(q, d, "/CIDToGIDMap", "/Identity");
	fd = qpdf_oh_get_key(q, d, "/FontDescriptor");
	if (!qpdf_oh_is_dictionary(q, fd) ||
	    (!qpdf_oh_has_key(q, fd, "/FontFile") &&
	    !qpdf_oh_has_key(q, fd, "/FontFile2") &&
	    !qpdf_oh_has_key(q, fd, "/FontFile3"))) {
		qpdf_oh v = qpdf_oh_get_key(q, d, "/BaseFont");

		name = g_strdup(qpdf_oh_is_name(q, v) ?
		    qpdf_oh_get_name(q, v) + 1 : "(unnamed)");
		qpdf_oh_release(q, v);
		bp_diag_at(a->diag, a->path, BP_ERROR, 0, 0, "cannot make a "
		    "PDF/A file: font %s is not embedded", name);
		ok = false;
	}
	qpdf_oh_release(q, fd);
	g_free(name);
	return ok;
}

/* The keys of dict d (qpdf iterates one dictionary at a time). */
static GPtrArray *
dict_keys(qpdf_data q, qpdf_oh d)
{
	GPtrArray	*keys = g_ptr_array_new_with_free_func(g_free);

	if (!qpdf_oh_is_dictionary(q, d))
		return keys;
	qpdf_oh_begin_dict_key_iter(q, d);
	while (qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
	return keys;
}

/* Whether object oh was met before (direct objects never are). */
static bool
seen_before(qpdf_data q, GHashTable *seen, qpdf_oh oh)
{
	int	 id = qpdf_oh_get_object_id(q, oh);

	if (id == 0)
		return false;
	if (g_hash_table_contains(seen, GINT_TO_POINTER(id)))
		return true;
	g_hash_table_add(seen, GINT_TO_POINTER(id));
	return false;
}

/* An image XObject: no /Interpolate (PDF/A-2 6.2.8), nor on its mask. */
static void
fix_image(qpdf_data q, qpdf_oh d)
{
	qpdf_oh	 mask, md;

	qpdf_oh_remove_key(q, d, "/Interpolate");
	mask = qpdf_oh_get_key(q, d, "/SMask");
	if (qpdf_oh_is_stream(q, mask)) {
		md = qpdf_oh_get_dict(q, mask);
		qpdf_oh_remove_key(q, md, "/Interpolate");
		qpdf_oh_release(q, md);
	}
	qpdf_oh_release(q, mask);
}

/*
 * Each entry of a resource category (/Font, /XObject, /Pattern,
 * /ExtGState) of res, met for the first time, to visit().
 */
static void
each_resource(struct bp_archive *a, qpdf_oh res, const char *category,
    GHashTable *seen, int depth,
    void (*visit)(struct bp_archive *, qpdf_oh, GHashTable *, int))
{
	qpdf_data	 q = a->q;
	qpdf_oh		 dict = qpdf_oh_get_key(q, res, category), v;
	GPtrArray	*keys = dict_keys(q, dict);
	guint		 i;

	for (i = 0; i < keys->len; i++) {
		v = qpdf_oh_get_key(q, dict, g_ptr_array_index(keys, i));
		if (!seen_before(q, seen, v))
			visit(a, v, seen, depth);
		qpdf_oh_release(q, v);
	}
	g_ptr_array_free(keys, TRUE);
	qpdf_oh_release(q, dict);
}

static void
visit_font(struct bp_archive *a, qpdf_oh f, GHashTable *seen, int depth)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 desc, d;
	int		 i, n;

	(void)seen;
	(void)depth;
	if (!qpdf_oh_is_dictionary(q, f))
		return;
	if (bp_archive_is_name(q, f, "/Subtype", "/Type0")) {
		desc = qpdf_oh_get_key(q, f, "/DescendantFonts");
		n = qpdf_oh_is_array(q, desc) ?
		    qpdf_oh_get_array_n_items(q, desc) : 0;
		for (i = 0; i < n; i++) {
			d = qpdf_oh_get_array_item(q, desc, i);
			if (qpdf_oh_is_dictionary(q, d) && !check_font(a, d))
				a->bad_font = true;
			qpdf_oh_release(q, d);
		}
		qpdf_oh_release(q, desc);
	} else if (!check_font(a, f))
		a->bad_font = true;
}

/* An XObject or a pattern: images fixed, forms' resources walked. */
static void
visit_object(struct bp_archive *a, qpdf_oh x, GHashTable *seen, int depth)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 d, res;

	if (!qpdf_oh_is_stream(q, x))
		return;
	d = qpdf_oh_get_dict(q, x);
	if (bp_archive_is_name(q, d, "/Subtype", "/Image"))
		fix_image(q, d);
	else {
		res = qpdf_oh_get_key(q, d, "/Resources");
		walk_resources(a, res, seen, depth + 1);
		qpdf_oh_release(q, res);
	}
	qpdf_oh_release(q, d);
}

/* A graphics state's soft mask: its group's resources walked. */
static void
visit_gstate(struct bp_archive *a, qpdf_oh gs, GHashTable *seen, int depth)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 mask, g;

	if (!qpdf_oh_is_dictionary(q, gs))
		return;
	mask = qpdf_oh_get_key(q, gs, "/SMask");
	if (qpdf_oh_is_dictionary(q, mask)) {
		g = qpdf_oh_get_key(q, mask, "/G");
		if (!seen_before(q, seen, g))
			visit_object(a, g, seen, depth);
		qpdf_oh_release(q, g);
	}
	qpdf_oh_release(q, mask);
}

/* What a resource dictionary uses, forms and patterns included. */
static void
walk_resources(struct bp_archive *a, qpdf_oh res, GHashTable *seen, int depth)
{
	if (depth > 16 || !qpdf_oh_is_dictionary(a->q, res))
		return;
	each_resource(a, res, "/Font", seen, depth, visit_font);
	each_resource(a, res, "/XObject", seen, depth, visit_object);
	each_resource(a, res, "/Pattern", seen, depth, visit_object);
	each_resource(a, res, "/ExtGState", seen, depth, visit_gstate);
}

/*
 * Fonts checked and completed, images' /Interpolate dropped, for every
 * resource the pages use (objects nothing uses are not written). The
 * pages' resources are walked rather than every object read: Cairo's
 * own structure tree, which goes, is most of the file's objects.
 */
bool
bp_archive_fix_resources(struct bp_archive *a)
{
	GHashTable	*seen;
	qpdf_oh		 res;
	int		 p;

	seen = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (p = 0; p < a->npages; p++) {
		res = qpdf_oh_get_key(a->q, a->pages[p].oh, "/Resources");
		if (!seen_before(a->q, seen, res))
			walk_resources(a, res, seen, 0);
		qpdf_oh_release(a->q, res);
	}
	g_hash_table_destroy(seen);
	return !a->bad_font;
}

/*
 * The title of the article starting on each page (NULL: none); the
 * first article of a page, in pack order, so the words never depend on
 * a hash table's order.
 */
static char **
link_titles(const struct bp_archive *a)
{
	char			**titles = g_new0(char *, a->npages + 2);
	const struct bp_pack	*pack = a->o->pack;
	const struct bp_article	*art;
	gpointer		 v;
	guint			 i;
	int			 pg;

	for (i = 0; a->o->start_pages != NULL && i < pack->articles->len;
	    i++) {
		art = g_ptr_array_index(pack->articles, i);
		if (!g_hash_table_lookup_extended(a->o->start_pages, art, NULL,
		    &v))
			continue;
		pg = GPOINTER_TO_INT(v);
		if (pg >= 1 && pg <= a->npages && titles[pg] == NULL)
			titles[pg] = g_strdup(art->meta.title != NULL ?
			    art->meta.title : art->name);
	}
	return titles;
}

/* In name tree node, the value of key (a PDF string); 0 when absent. */
static qpdf_oh
name_tree_get(qpdf_data q, qpdf_oh node, const char *key, size_t klen,
    int depth)
{
	qpdf_oh		 arr, k, found = 0;
	const char	*s;
	size_t		 n;
	int		 i, count;

	if (depth > 32 || !qpdf_oh_is_dictionary(q, node))
		return 0;
	arr = qpdf_oh_get_key(q, node, "/Names");
	count = qpdf_oh_is_array(q, arr) ? qpdf_oh_get_array_n_items(q, arr) :
	    0;
	for (i = 0; i + 1 < count && found == 0; i += 2) {
		k = qpdf_oh_get_array_item(q, arr, i);
		if (qpdf_oh_is_string(q, k) && (s =
		    qpdf_oh_get_binary_string_value(q, k, &n)) != NULL &&
		    n == klen && memcmp(s, key, n) == 0)
			found = qpdf_oh_get_array_item(q, arr, i + 1);
		qpdf_oh_release(q, k);
	}
	qpdf_oh_release(q, arr);
	arr = qpdf_oh_get_key(q, node, "/Kids");
	count = qpdf_oh_is_array(q, arr) ? qpdf_oh_get_array_n_items(q, arr) :
	    0;
	for (i = 0; i < count && found == 0; i++) {
		k = qpdf_oh_get_array_item(q, arr, i);
		found = name_tree_get(q, k, key, klen, depth + 1);
		qpdf_oh_release(q, k);
	}
	qpdf_oh_release(q, arr);
	return found;
}

/*
 * The page (0-based) a destination leads to: an explicit one, or a
 * named one (the catalog's /Dests, or its /Names /Dests tree); -1 when
 * it leads nowhere. Takes dest, which it releases.
 */
static int
dest_page(struct bp_archive *a, qpdf_oh dest, int depth)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 root, names, tree, pg, next = 0;
	const char	*key;
	size_t		 klen;
	int		 i = -1;

	if (qpdf_oh_is_dictionary(q, dest))
		next = qpdf_oh_get_key(q, dest, "/D");
	else if (qpdf_oh_is_array(q, dest) &&
	    qpdf_oh_get_array_n_items(q, dest) > 0) {
		pg = qpdf_oh_get_array_item(q, dest, 0);
		i = qpdf_find_page_by_oh(q, pg);
		qpdf_oh_release(q, pg);
		if (qpdf_has_error(q))
			qpdf_get_error(q);      /* not a page */
	} else if (qpdf_oh_is_name(q, dest) || qpdf_oh_is_string(q, dest)) {
		root = qpdf_get_root(q);
		if (qpdf_oh_is_name(q, dest)) {
			tree = qpdf_oh_get_key(q, root, "/Dests");
			if (qpdf_oh_is_dictionary(q, tree))
				next = qpdf_oh_get_key(q, tree,
				    qpdf_oh_get_name(q, dest));
		} else {
			key = qpdf_oh_get_binary_string_value(q, dest, &klen);
			key = g_strndup(key, klen);
			names = qpdf_oh_get_key(q, root, "/Names");
			tree = qpdf_oh_is_dictionary(q, names) ?
			    qpdf_oh_get_key(q, names, "/Dests") :
			    qpdf_oh_new_null(q);
			next = name_tree_get(q, tree, key, klen, 0);
			qpdf_oh_release(q, names);
			g_free((char *)key);
		}
		qpdf_oh_release(q, tree);
		qpdf_oh_release(q, root);
	}
	qpdf_oh_release(q, dest);
	if (next != 0 && depth < 4)
		i = dest_page(a, next, depth + 1);
	else if (next != 0)
		qpdf_oh_release(q, next);
	return i;
}

/*
 * A link's alternate description (PDF/UA-1 7.18.5): its URI, or the
 * title of the article it leads to, or the page's number; a link that
 * leads nowhere is still called a link.
 */
static void
describe_link(struct bp_archive *a, qpdf_oh annot, char **titles)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 act;
	char		*text = NULL;
	int		 i = -1;

	if (qpdf_oh_has_key(q, annot, "/Contents"))
		return;
	act = qpdf_oh_get_key(q, annot, "/A");
	if (qpdf_oh_is_dictionary(q, act) &&
	    bp_archive_is_name(q, act, "/S", "/URI"))
		text = bp_archive_get_text(q, act, "/URI");
	else if (qpdf_oh_is_dictionary(q, act) &&
	    bp_archive_is_name(q, act, "/S", "/GoTo"))
		i = dest_page(a, qpdf_oh_get_key(q, act, "/D"), 0);
	else
		i = dest_page(a, qpdf_oh_get_key(q, annot, "/Dest"), 0);
	if (text == NULL && i >= 0)
		text = titles[i + 1] != NULL ? g_strdup(titles[i + 1]) :
		    bp_l10n_format(bp_archive_get_lang(a->o->pack),
		    BP_W_PAGE_OF, i + 1, a->npages);
	bp_archive_set_text(q, annot, "/Contents", text != NULL ? text :
	    "Link");
	qpdf_oh_release(q, act);
	g_free(text);
}

/*
 * Cairo writes a structure element for every tag the painter opens,
 * tens of thousands in a large pack, and libqpdf 11 parses every object
 * of a file before it creates or writes one. Those elements are thrown
 * away here (the structure tree is written anew), so their entries in
 * Cairo's cross-reference table are marked free before qpdf reads it,
 * with the structure tree root, its parent tree and the parent tree's
 * arrays. An optimisation only, on Cairo 1.16's own layout (one classic
 * table, "N 0 obj" then "<< /Type /StructElem"); anything else is left
 * as it is, and qpdf then reads the objects, unused.
 */
struct xref {
	unsigned char	*pdf;
	size_t		 len;
	char		*table;       /* entry 0; 20 bytes each */
	guint64		 count;
};

/* The body of in-use object n ("<<..." after "n 0 obj"), or NULL. */
static const char *
xref_object(const struct xref *x, guint64 n)
{
	const char	*e, *p;
	guint64		 off;

	if (n == 0 || n >= x->count)
		return NULL;
	e = x->table + n * 20;
	if (e[17] != 'n')
		return NULL;
	off = g_ascii_strtoull(e, NULL, 10);
	p = off < x->len ? memchr(x->pdf + off, '\n', MIN(x->len - off, 32)) :
	    NULL;
	if (p == NULL || p - (const char *)x->pdf < 3 || memcmp(p - 3, "obj",
	    3) != 0 || (size_t)(p + 32 - (const char *)x->pdf) > x->len)
		return NULL;
	return p + 1;
}

static void
xref_free(const struct xref *x, guint64 n)
{
	if (n > 0 && n < x->count)
		memcpy(x->table + n * 20, "0000000000 65535 f", 18);
}

/* Object n, a "<< /Nums [ k N 0 R ... ] >>", freed with each N. */
static void
free_parent_tree(const struct xref *x, guint64 n)
{
	const char	*p = xref_object(x, n), *end;
	char		*e;
	guint64		 v[2] = { 0, 0 };

	if (p == NULL || strncmp(p, "<< /Nums [", 10) != 0)
		return;
	end = (const char *)x->pdf + x->len;
	for (p += 10; p < end && *p != ']';) {
		if (*p == ' ' || *p == '\n' || *p == '\r') {
			p++;
		} else if (*p == 'R') {
			xref_free(x, v[0]);
			p++;
		} else if (g_ascii_isdigit(*p)) {
			v[0] = v[1];
			v[1] = g_ascii_strtoull(p, &e, 10);
			p = e;
		} else
			return;
	}
	xref_free(x, n);
}

void
bp_archive_hide_cairo_tree(unsigned char *pdf, size_t len)
{
	static const char	 elem[] = "<< /Type /StructElem";
	static const char	 root[] = "<< /Type /StructTreeRoot";
	struct xref		 x;
	const char		*p, *end = (const char *)pdf + len;
	char			*e;
	guint64			 off, first, n, tree = 0;

	/* "startxref" and the table's offset, near the end. */
	p = g_strrstr_len((const char *)pdf + (len > 1024 ? len - 1024 : 0),
	    len > 1024 ? 1024 : (gssize)len, "startxref");
	if (p == NULL)
		return;
	off = g_ascii_strtoull(p + 9, NULL, 10);
	if (off + 5 >= len || memcmp(pdf + off, "xref", 4) != 0)
		return;
	first = g_ascii_strtoull((const char *)pdf + off + 4, &e, 10);
	x.count = g_ascii_strtoull(e, &e, 10);
	while (e < end && (*e == ' ' || *e == '\r' || *e == '\n'))
		e++;
	if (first != 0 || x.count == 0 || (guint64)(end - e) < x.count * 20)
		return;
	x.pdf = pdf;
	x.len = len;
	x.table = e;
	for (n = 1; n < x.count; n++) {
		if ((p = xref_object(&x, n)) == NULL)
			continue;
		if (memcmp(p, elem, sizeof elem - 1) == 0)
			xref_free(&x, n);
		else if (memcmp(p, root, sizeof root - 1) == 0) {
			e = strstr(p, "/ParentTree ");
			if (e != NULL && e - p < 256)
				tree = g_ascii_strtoull(e + 12, NULL, 10);
			xref_free(&x, n);
		}
	}
	if (tree != 0)
		free_parent_tree(&x, tree);
}

/*
 * Pages and their annotations: printable (/F 4, PDF/A-2 6.3.2),
 * described, in structure order for tabbing (/Tabs /S, PDF/UA-1 7.18.3).
 * Cairo's parent-tree keys go: the structure tree, if any, is new.
 */
void
bp_archive_fix_pages(struct bp_archive *a)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 annots, an;
	char		**titles;
	int		 p, i, n;

	a->npages = qpdf_get_num_pages(q);
	if (a->npages < 0)
		a->npages = 0;
	a->pages = g_new0(struct bp_apage, a->npages + 1);
	titles = link_titles(a);
	for (p = 0; p < a->npages; p++) {
		a->pages[p].oh = qpdf_get_page_n(q, (size_t)p);
		a->pages[p].mcids = g_array_new(FALSE, FALSE, sizeof(int));
		a->pages[p].annots = g_array_new(FALSE, FALSE,
		    sizeof(qpdf_oh));
		qpdf_oh_remove_key(q, a->pages[p].oh, "/StructParents");
		annots = qpdf_oh_get_key(q, a->pages[p].oh, "/Annots");
		n = qpdf_oh_is_array(q, annots) ?
		    qpdf_oh_get_array_n_items(q, annots) : 0;
		for (i = 0; i < n; i++) {
			an = qpdf_oh_get_array_item(q, annots, i);
			g_array_append_val(a->pages[p].annots, an);
			if (!qpdf_oh_is_dictionary(q, an))
				continue;
			bp_archive_set_int(q, an, "/F", 4);
			qpdf_oh_remove_key(q, an, "/StructParent");
			if (bp_archive_is_name(q, an, "/Subtype", "/Link"))
				describe_link(a, an, titles);
		}
		if (n > 0)
			bp_archive_set_name(q, a->pages[p].oh, "/Tabs", "/S");
		qpdf_oh_release(q, annots);
	}
	for (p = 0; p <= a->npages; p++)
		g_free(titles[p]);
	g_free(titles);
}
