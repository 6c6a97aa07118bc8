/*
 * The printed pack's pages in the EPUB: a page-break marker where each
 * page of the PDF begins (struct bp_pages, from the PDF layout), and the
 * navigation document's page-list of them.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"

static gint64 place_key(int node, int offset);
static const struct bp_page_start *page_at(const struct bp_book *book,
    guint k);
static void put_marker(struct bp_book *book, GString *out, guint k,
    const char *href);
static int node_num(const struct bp_xw *w, const struct bp_node *n);
static int last_inside(const struct bp_node *n, int num);
static void marks_upto(struct bp_xw *w, int node, int offset, int also_to);
static bool span_may_stand(const struct bp_node *n);
static void marks_flush(struct bp_xw *w);

/* A place as a number in document order: START first, END last. */
static gint64
place_key(int node, int offset)
{
	if (node == BP_AT_START)
		return -1;
	if (node < 0)
		return G_MAXINT64;
	return ((gint64)node << 32) | (guint32)MAX(offset, 0);
}

static const struct bp_page_start *
page_at(const struct bp_book *book, guint k)
{
	return &g_array_index(book->pages->starts, struct bp_page_start, k);
}

/*
 * <span epub:type="pagebreak" role="doc-pagebreak" id="page-N"
 * aria-label="N"/>: empty, so it adds nothing to the text; its label is
 * the number as printed. Where it went is kept for the page-list.
 */
static void
put_marker(struct bp_book *book, GString *out, guint k, const char *href)
{
	const struct bp_page_start	*ps = page_at(book, k);
	const char			*id = bp_epub_id_claim(book, "page",
	    ps->label);

	g_string_append(out, "<span epub:type=\"pagebreak\" "
	    "role=\"doc-pagebreak\" id=\"");
	bp_epub_escape(out, id, -1);
	g_string_append(out, "\" aria-label=\"");
	bp_epub_escape(out, ps->label, -1);
	g_string_append(out, "\"/>");
	g_free(book->page_hrefs[k]);
	book->page_hrefs[k] = g_strconcat(href, "#", id, NULL);
}

static int
node_num(const struct bp_xw *w, const struct bp_node *n)
{
	gpointer	 v = g_hash_table_lookup(w->node_nums, n);

	return v != NULL ? GPOINTER_TO_INT(v) - 1 : -1;
}

/* The number of the last node inside n (numbered num), n's own if none. */
static int
last_inside(const struct bp_node *n, int num)
{
	struct bp_iter	 it;

	bp_iter_init(&it, n);
	num--;
	while (bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.event == BP_EVENT_ENTER)
			num++;
	return num;
}

void
bp_epub_marks_begin(struct bp_xw *w, const char *href, enum bp_page_doc doc,
    const struct bp_node *body)
{
	const struct bp_book		*book = w->book;
	const struct bp_page_start	*ps;
	guint				 k;

	w->href = href;
	if (book->pages == NULL)
		return;
	w->marks = g_array_new(FALSE, FALSE, sizeof(guint));
	for (k = 0; k < book->pages->starts->len; k++) {
		ps = page_at(book, k);
		if (ps->doc == doc && (doc != BP_PAGE_DOC_ARTICLE ||
		    ps->article == book->article))
			g_array_append_val(w->marks, k);
	}
	w->mark_next = 0;
	w->mark_wait = g_string_new(NULL);
	w->node_nums = body != NULL ? bp_pages_index_nodes(body) : NULL;
	/* The pages that begin with the document, at its top. */
	marks_upto(w, BP_AT_START, 0, -1);
	marks_flush(w);
}

/*
 * Markers of pages that begin at or before (node, offset), or inside
 * nodes up to also_to, wait in w->mark_wait.
 */
static void
marks_upto(struct bp_xw *w, int node, int offset, int also_to)
{
	const struct bp_page_start	*ps;
	gint64				 key = place_key(node, offset);

	while (w->marks != NULL && w->mark_next < w->marks->len) {
		ps = page_at(w->book, g_array_index(w->marks, guint,
		    w->mark_next));
		if (place_key(ps->node, ps->offset) > key &&
		    (ps->node < 0 || ps->node > also_to))
			break;
		put_marker(w->book, w->mark_wait, g_array_index(w->marks,
		    guint, w->mark_next), w->href);
		w->mark_next++;
	}
}

static void
marks_flush(struct bp_xw *w)
{
	if (w->mark_wait == NULL || w->mark_wait->len == 0)
		return;
	g_string_append_len(w->out, w->mark_wait->str,
	    (gssize)w->mark_wait->len);
	g_string_truncate(w->mark_wait, 0);
}

/* Between a list's items or a table's rows and cells, a span may not. */
static bool
span_may_stand(const struct bp_node *n)
{
	const struct bp_node	*p = n->parent;

	return p == NULL || (p->type != BP_NODE_LIST &&
	    p->type != BP_NODE_TABLE && p->type != BP_NODE_TABLE_ROW);
}

void
bp_epub_marks_enter(struct bp_xw *w, const struct bp_node *n)
{
	int	 num, to;

	if (w->marks == NULL || w->node_nums == NULL)
		return;
	if (w->mark_next < w->marks->len && (num = node_num(w, n)) >= 0) {
		/*
		 * Due: pages that begin before n or at its start; in text,
		 * later bytes wait for bp_epub_marks_text. An image's alt
		 * text is written whole, so pages that begin in it go first.
		 */
		to = n->type == BP_NODE_IMAGE || (n->type == BP_NODE_LINK &&
		    n->first != NULL && n->first == n->last &&
		    n->first->type == BP_NODE_IMAGE) ? last_inside(n, num) : -1;
		marks_upto(w, num, 0, to);
	}
	if (span_may_stand(n))
		marks_flush(w);
}

void
bp_epub_marks_settle(struct bp_xw *w, const struct bp_node *n, bool entered)
{
	if (w->mark_wait == NULL || w->mark_wait->len == 0)
		return;
	/* Inside an <li> or a cell now; or back out of a list or table. */
	if (entered ? n->type == BP_NODE_ITEM ||
	    n->type == BP_NODE_TABLE_CELL : n->type == BP_NODE_LIST ||
	    n->type == BP_NODE_TABLE)
		marks_flush(w);
}

void
bp_epub_marks_text(struct bp_xw *w, const struct bp_node *n, const char *text)
{
	const struct bp_page_start	*ps;
	int				 num, len, at, from = 0;

	if (text == NULL)
		return;
	if (w->marks == NULL || w->node_nums == NULL ||
	    w->mark_next >= w->marks->len || (num = node_num(w, n)) < 0) {
		bp_epub_escape(w->out, text, -1);
		return;
	}
	len = (int)strlen(text);
	while (w->mark_next < w->marks->len) {
		ps = page_at(w->book, g_array_index(w->marks, guint,
		    w->mark_next));
		if (ps->node != num)
			break;
		at = CLAMP(ps->offset, from, len);
		/* A page that begins inside a word: before the word. */
		while (n->type == BP_NODE_TEXT && at > from &&
		    !g_ascii_isspace(text[at - 1]))
			at--;
		while (at > from && at < len && (text[at] & 0xc0) == 0x80)
			at--;
		bp_epub_escape(w->out, text + from, at - from);
		put_marker(w->book, w->out, g_array_index(w->marks, guint,
		    w->mark_next), w->href);
		w->mark_next++;
		from = at;
	}
	bp_epub_escape(w->out, text + from, len - from);
}

void
bp_epub_marks_end(struct bp_xw *w)
{
	if (w->marks == NULL)
		return;
	marks_upto(w, BP_AT_END, 0, -1);
	marks_flush(w);
	g_array_free(w->marks, TRUE);
	w->marks = NULL;
	g_string_free(w->mark_wait, TRUE);
	w->mark_wait = NULL;
	if (w->node_nums != NULL)
		g_hash_table_destroy(w->node_nums);
	w->node_nums = NULL;
}

void
bp_epub_marks_put_doc(struct bp_book *book, GString *out,
    enum bp_page_doc doc, const char *href)
{
	guint	 k;

	for (k = 0; book->pages != NULL && k < book->pages->starts->len; k++)
		if (page_at(book, k)->doc == doc)
			put_marker(book, out, k, href);
}

/*
 * <nav epub:type="page-list" role="doc-pagelist">, hidden (reading
 * systems offer it as "go to page"): every printed page, in order, by
 * the label the PDF prints.
 */
void
bp_epub_marks_page_list(const struct bp_book *book, GString *out)
{
	const struct bp_page_start	*ps;
	guint				 k;

	if (book->pages == NULL || book->pages->starts->len == 0)
		return;
	g_string_append(out, "<nav epub:type=\"page-list\" "
	    "role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\">\n"
	    "<ol>\n");
	for (k = 0; k < book->pages->starts->len; k++) {
		ps = page_at(book, k);
		if (book->page_hrefs[k] == NULL)
			continue;   /* never: every page's marker is written */
		g_string_append(out, "<li><a href=\"");
		bp_epub_escape(out, book->page_hrefs[k], -1);
		g_string_append(out, "\">");
		bp_epub_escape(out, ps->label, -1);
		g_string_append(out, "</a></li>\n");
	}
	g_string_append(out, "</ol>\n</nav>\n");
}
