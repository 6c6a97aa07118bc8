/*
 * The tree walk of an article's XHTML: every block and inline node of the
 * model as semantic HTML, images as figures, notes cited as EPUB 3 noterefs.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"

static const struct bp_node *first_noteref(const struct bp_node *root);
static bool is_image_only(const struct bp_node *n);
static char *link_target(struct bp_xw *w, const struct bp_node *n);
static void open_p(struct bp_xw *w);
static void close_p(struct bp_xw *w);
static void put_img(struct bp_xw *w, const struct bp_node *img,
    const char *href);
static void put_placeholder(struct bp_xw *w, const struct bp_node *img,
    bool block);
static void put_figure(struct bp_xw *w, const struct bp_node *img,
    const struct bp_node *link);
static void put_code_block(struct bp_xw *w, const struct bp_node *n);
static bool open_cell(struct bp_xw *w, const struct bp_node *n);
static void open_row(struct bp_xw *w, const struct bp_node *n);
static void put_noteref(struct bp_xw *w, const struct bp_node *n);
static void put_alt_notes(struct bp_xw *w, const struct bp_node *img);
static bool stray_in_list(const struct bp_node *n);
static bool enter(struct bp_xw *w, const struct bp_node *n);
static bool open_node(struct bp_xw *w, const struct bp_node *n);
static void open_para(struct bp_xw *w, const struct bp_node *n);
static void open_heading(struct bp_xw *w, const struct bp_node *n);
static void open_list(struct bp_xw *w, const struct bp_node *n);
static void open_item(struct bp_xw *w, const struct bp_node *n);
static void open_link(struct bp_xw *w, const struct bp_node *n);
static bool is_blank(const char *s);
static void put_link_label(struct bp_xw *w, const struct bp_node *link,
    const char *text);
static void put_leaf(struct bp_xw *w, const struct bp_node *n);
static void leave(struct bp_xw *w, const struct bp_node *n);

bool
bp_epub_cell_dropped(const struct bp_node *n)
{
	const struct bp_node	*c;
	int			 col = 0;

	for (c = n->prev; c != NULL; c = c->prev)
		col++;
	return n->parent != NULL && n->parent->parent != NULL &&
	    col >= n->parent->parent->u.table.ncols;
}

/* The first note reference inside root (an image's alt text), or NULL. */
static const struct bp_node *
first_noteref(const struct bp_node *root)
{
	struct bp_iter		 it;
	const struct bp_node	*ref = NULL;

	bp_iter_init(&it, root);
	while (ref == NULL && bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.depth > 0 && it.node->type == BP_NODE_FOOTNOTE_REF)
			ref = it.node;
	return ref;
}

/* A link holding nothing but one image. */
static bool
is_image_only(const struct bp_node *n)
{
	return n->type == BP_NODE_LINK && n->first != NULL &&
	    n->first == n->last && n->first->type == BP_NODE_IMAGE;
}

/*
 * Where a link may point (caller frees), or NULL: it is written as plain
 * text. Web and mail links go out as they are; "#x" goes to heading x of
 * this article; nothing else is ever a link.
 */
static char *
link_target(struct bp_xw *w, const struct bp_node *n)
{
	const char	*url = n->u.link.url, *id = NULL;
	char		*frag = NULL, *enc = NULL;
	GString		*href = NULL;

	if (url == NULL || w->in_a > 0)
		goto out;
	if (url[0] == '#') {
		id = g_hash_table_lookup(w->heading_ids, url + 1);
		if (id == NULL && (frag = g_uri_unescape_string(url + 1,
		    NULL)) != NULL)
			id = g_hash_table_lookup(w->heading_ids, frag);
		if (id != NULL) {
			href = g_string_new("#");
			bp_epub_escape(href, id, -1);
		}
	} else if ((enc = bp_epub_link_href(url)) != NULL) {
		href = g_string_new(NULL);
		bp_epub_escape(href, enc, -1);
	}
out:
	g_free(frag);
	g_free(enc);
	return href != NULL ? g_string_free(href, FALSE) : NULL;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

void
bp_epub_put(struct bp_xw *w, const char *s)
{
	g_string_append(w->out, s);
}

void
bp_epub_put_text(struct bp_xw *w, const char *s)
{
	bp_epub_escape(w->out, s, -1);
}

/* ` name="value"` */
void
bp_epub_put_attr(struct bp_xw *w, const char *name, const char *value)
{
	g_string_append_printf(w->out, " %s=\"", name);
	bp_epub_escape(w->out, value, -1);
	g_string_append_c(w->out, '"');
}

/* A task box or a note's back link waiting for the first paragraph. */
void
bp_epub_xhtml_flush(struct bp_xw *w)
{
	if (w->pending->len == 0)
		return;
	g_string_append_len(w->out, w->pending->str, (gssize)w->pending->len);
	g_string_truncate(w->pending, 0);
}

/* Paragraphs open lazily, so images can stand between them as figures. */
static void
open_p(struct bp_xw *w)
{
	if (w->para == NULL || w->p_open)
		return;
	if (!w->bare)
		bp_epub_put(w, "<p>");
	w->p_open = true;
	bp_epub_xhtml_flush(w);
}

static void
close_p(struct bp_xw *w)
{
	if (!w->p_open)
		return;
	bp_epub_put(w, w->bare ? "\n" : "</p>\n");
	w->p_open = false;
}

static void
put_img(struct bp_xw *w, const struct bp_node *img, const char *href)
{
	char	*alt = bp_node_plain_text(img);

	/* For the metadata: images, and those without a text alternative. */
	w->book->a11y.images++;
	if (is_blank(alt))
		w->book->a11y.images_no_alt++;
	bp_epub_put(w, "<img");
	bp_epub_put_attr(w, "src", href);
	bp_epub_put_attr(w, "alt", alt);
	if (img->u.link.title != NULL && *img->u.link.title != '\0')
		bp_epub_put_attr(w, "title", img->u.link.title);
	bp_epub_put(w, "/>");
	g_free(alt);
}

/* The PDF's words for an image that is not there, with its address. */
static void
put_placeholder(struct bp_xw *w, const struct bp_node *img, bool block)
{
	bp_epub_put(w, block ? "<p class=\"placeholder\">" :
	    "<span class=\"placeholder\">");
	bp_epub_put_text(w, bp_l10n_word(w->lang, BP_W_IMAGE_MISSING));
	bp_epub_put(w, ": ");
	bp_epub_put_text(w, img->u.link.url);
	bp_epub_put(w, block ? "</p>" : "</span>");
}

/* An image standing alone in a paragraph (link is its link, or NULL). */
static void
put_figure(struct bp_xw *w, const struct bp_node *img,
    const struct bp_node *link)
{
	const char	*href = bp_epub_image_href(w, img);
	const char	*caption;
	char		*alt = bp_node_plain_text(img), *target = NULL;

	close_p(w);
	bp_epub_xhtml_flush(w);
	bp_epub_put(w, "<figure>");
	if (href != NULL) {
		if (link != NULL && (target = link_target(w, link)) != NULL) {
			bp_epub_put(w, "<a href=\"");
			bp_epub_put(w, target);
			bp_epub_put(w, "\"");
			put_link_label(w, link, alt);
			bp_epub_put(w, ">");
		}
		put_img(w, img, href);
		if (target != NULL)
			bp_epub_put(w, "</a>");
	} else
		put_placeholder(w, img, /*block*/true);
	caption = img->u.link.title != NULL && *img->u.link.title != '\0' ?
	    img->u.link.title : alt;
	/* Notes cited in the alt text go in the caption, after the image. */
	if (*caption != '\0' || first_noteref(img) != NULL) {
		bp_epub_put(w, "<figcaption>");
		bp_epub_put_text(w, caption);
		put_alt_notes(w, img);
		bp_epub_put(w, "</figcaption>");
	}
	bp_epub_put(w, "</figure>\n");
	g_free(alt);
	g_free(target);
}

/* A fenced or indented code block; the info string's first word names
 * the language, as a class. */
static void
put_code_block(struct bp_xw *w, const struct bp_node *n)
{
	const char	*info = n->u.code.info;
	char		*cls = NULL;

	bp_epub_put(w, "<pre><code");
	if (info != NULL && *info != '\0') {
		cls = g_strconcat("language-", info, NULL);
		cls[strlen("language-") + strcspn(info, " \t")] = '\0';
		bp_epub_put_attr(w, "class", cls);
	}
	bp_epub_put(w, ">");
	bp_epub_marks_text(w, n, n->text);
	bp_epub_put(w, "</code></pre>\n");
	g_free(cls);
}

/* A table cell: header cells while the header row lasts. Cells past the
 * table's columns are dropped, as in the PDF (false). */
static bool
open_cell(struct bp_xw *w, const struct bp_node *n)
{
	static const char *const align[BP_ALIGN__MAX] = {
		"", " style=\"text-align: left\"",
		" style=\"text-align: center\"", " style=\"text-align: right\"",
	};
	if (bp_epub_cell_dropped(n))
		return false;
	bp_epub_put(w, w->thead ? "<th" : "<td");
	bp_epub_put(w, n->u.cell.align < BP_ALIGN__MAX ? align[n->u.cell.align] : "");
	bp_epub_put(w, ">");
	return true;
}

static void
open_row(struct bp_xw *w, const struct bp_node *n)
{
	if (n->u.row.header && !w->tbody) {
		if (!w->thead)
			bp_epub_put(w, "<thead>\n");
		w->thead = true;
	} else {
		if (w->thead)
			bp_epub_put(w, "</thead>\n");
		if (!w->tbody)
			bp_epub_put(w, "<tbody>\n");
		w->thead = false;
		w->tbody = true;
	}
	bp_epub_put(w, "<tr>");
}

/*
 * A link to a note. In a link's text, where <a> may not nest, it waits
 * in after_a and follows the link (leave()), so the note stays reachable;
 * the PDF puts it after the link's text too.
 */
static void
put_noteref(struct bp_xw *w, const struct bp_node *n)
{
	const char	*id = g_hash_table_lookup(w->node_ids, n);
	GString		*out = w->links->len > 0 ? w->after_a : w->out;
	int		 k = bp_epub_note_index(w->art, n->u.fn.num);

	if (id == NULL || k < 0) {
		g_string_append_printf(out, "<sup>%d</sup>", n->u.fn.num);
		return;
	}
	g_string_append(out, "<sup><a epub:type=\"noteref\" "
	    "role=\"doc-noteref\" class=\"noteref\" id=\"");
	bp_epub_escape(out, id, -1);
	g_string_append(out, "\" href=\"#");
	bp_epub_escape(out, w->note_ids[k], -1);
	g_string_append_printf(out, "\">%d</a></sup>", n->u.fn.num);
}

/* Notes cited in an image's alt text, which holds no markup: after it. */
static void
put_alt_notes(struct bp_xw *w, const struct bp_node *img)
{
	struct bp_iter	 it;

	bp_iter_init(&it, img);
	while (bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.depth > 0 && it.node->type == BP_NODE_FOOTNOTE_REF)
			put_noteref(w, it.node);
}

/*
 * A list's child that is not an item: lists nested past BP_MAX_DEPTH are
 * flattened, and their paragraphs can land in a list. Each gets an <li>.
 */
static bool
stray_in_list(const struct bp_node *n)
{
	return n->parent != NULL && n->parent->type == BP_NODE_LIST &&
	    n->type != BP_NODE_ITEM;
}

/*
 * Open n. Returns true when n needs leave() (after its children, if it
 * has any), false when n was written whole.
 */
static bool
enter(struct bp_xw *w, const struct bp_node *n)
{
	bool		 down = false;

	if (stray_in_list(n))
		bp_epub_put(w, "<li>");

	/* A paragraph's own children: figures, or text that opens the <p>. */
	if (w->para != NULL && n->parent == w->para) {
		/* Only an image alone in its paragraph is a figure. */
		if ((n->type == BP_NODE_IMAGE || is_image_only(n)) &&
		    n->prev == NULL && n->next == NULL) {
			put_figure(w, n->type == BP_NODE_IMAGE ? n : n->first,
			    n->type == BP_NODE_IMAGE ? NULL : n);
			goto out;
		}
		open_p(w);
	}
	/*
	 * Blocks (the types before BP_NODE_TEXT) start after a pending task
	 * box or back link that found no paragraph to go in.
	 */
	if (n->type < BP_NODE_TEXT && n->type != BP_NODE_PARA &&
	    n->type != BP_NODE_TABLE_ROW && n->type != BP_NODE_TABLE_CELL)
		bp_epub_xhtml_flush(w);
	down = open_node(w, n);
out:
	if (!down && stray_in_list(n))
		bp_epub_put(w, "</li>\n");
	return down;
}

/*
 * The start tag of n, in its place: true. A node without children of its
 * own to walk is written whole instead: false.
 */
static bool
open_node(struct bp_xw *w, const struct bp_node *n)
{
	bool		 down = true;

	switch (n->type) {
	case BP_NODE_PARA:
		open_para(w, n);
		break;
	case BP_NODE_HEADING:
		open_heading(w, n);
		break;
	case BP_NODE_QUOTE:
		bp_epub_put(w, "<blockquote>\n");
		break;
	case BP_NODE_LIST:
		open_list(w, n);
		break;
	case BP_NODE_ITEM:
		open_item(w, n);
		break;
	case BP_NODE_TABLE:
		bp_epub_put(w, "<table>\n");
		w->thead = w->tbody = false;
		break;
	case BP_NODE_TABLE_ROW:
		open_row(w, n);
		break;
	case BP_NODE_TABLE_CELL:
		down = open_cell(w, n);
		break;
	case BP_NODE_EMPH:
		bp_epub_put(w, "<em>");
		break;
	case BP_NODE_STRONG:
		bp_epub_put(w, "<strong>");
		break;
	case BP_NODE_STRIKE:
		bp_epub_put(w, "<del>");
		break;
	case BP_NODE_LINK:
		open_link(w, n);
		break;
	case BP_NODE_DOCUMENT:
	case BP_NODE_FOOTNOTE_DEF:
		break;
	default:
		/* Everything else is written whole. */
		down = false;
		put_leaf(w, n);
		break;
	}
	return down;
}

/* A paragraph: its <p> opens with its first child (open_p). */
static void
open_para(struct bp_xw *w, const struct bp_node *n)
{
	/* Pending task boxes and back links go inside the <p>. */
	w->para = n;
	w->p_open = false;
	w->bare = n->parent != NULL && n->parent->type == BP_NODE_ITEM &&
	    n->parent->parent != NULL &&
	    n->parent->parent->u.list.tight;
	if (n->first == NULL)
		open_p(w);
}

/*
 * A heading keeps its Markdown level. One that skips levels (## then
 * ####) tells screen readers the level the outline gives it (aria-level),
 * so headings never skip a level for them (WCAG 1.3.1); one without text
 * is hidden from them.
 */
static void
open_heading(struct bp_xw *w, const struct bp_node *n)
{
	const char	*id = g_hash_table_lookup(w->node_ids, n);
	char		*text = bp_node_plain_text(n);
	int		 level = CLAMP(n->u.heading.level, 1, 6);

	g_string_append_printf(w->out, "<h%d", level);
	if (id != NULL)
		bp_epub_put_attr(w, "id", id);
	if (is_blank(text))
		bp_epub_put(w, " aria-hidden=\"true\"");
	else {
		if (level > w->head_level + 1) {
			level = w->head_level + 1;
			g_string_append_printf(w->out, " aria-level=\"%d\"",
			    level);
		}
		w->head_level = level;
	}
	bp_epub_put(w, ">");
	g_free(text);
}

static void
open_list(struct bp_xw *w, const struct bp_node *n)
{
	if (!n->u.list.ordered)
		bp_epub_put(w, "<ul>\n");
	else {
		/* "7)" and "b)" lists keep their parenthesis: CSS draws
		 * it, by the type below. */
		bp_epub_put(w, n->u.list.delim == ')' ?
		    "<ol class=\"paren\"" : "<ol");
		if (n->u.list.start != 1)
			g_string_append_printf(w->out, " start=\"%d\"",
			    n->u.list.start);
		/* Letters and roman numerals: HTML's own type attribute. */
		if (n->u.list.style > BP_LIST_STYLE_DECIMAL &&
		    n->u.list.style < BP_LIST_STYLE__MAX)
			g_string_append_printf(w->out, " type=\"%c\"",
			    "1aAiI"[n->u.list.style]);
		bp_epub_put(w, ">\n");
	}
}

/* A list item; a task item's box waits for its first paragraph. */
static void
open_item(struct bp_xw *w, const struct bp_node *n)
{
	const char	*id;

	if (n->u.item.task == BP_TASK_NONE) {
		bp_epub_put(w, "<li>");
		return;
	}
	bp_epub_put(w, "<li class=\"task\">");
	/* Form controls carry an id (EPUBCheck's advice) and a label in
	 * the article's language ("Task done": checked or not). */
	id = bp_epub_id_claim(w->book, w->art->id, "task");
	g_string_append_printf(w->pending, "<input type=\"checkbox\" "
	    "id=\"%s\" disabled=\"disabled\"%s aria-label=\"", id,
	    n->u.item.task == BP_TASK_DONE ? " checked=\"checked\"" :
	    "");
	bp_epub_escape(w->pending, bp_l10n_word(w->lang, BP_W_TASK_DONE), -1);
	g_string_append(w->pending, "\"/> ");
}

/* A link's <a>, when it may be one (link_target); leave() closes it. */
static void
open_link(struct bp_xw *w, const struct bp_node *n)
{
	char		*href = link_target(w, n);
	char		*text = NULL;
	gboolean	 opened = href != NULL;

	if (opened) {
		bp_epub_put(w, "<a href=\"");
		bp_epub_put(w, href);
		bp_epub_put(w, "\"");
		if (n->u.link.title != NULL && *n->u.link.title != '\0')
			bp_epub_put_attr(w, "title", n->u.link.title);
		text = bp_node_plain_text(n);
		put_link_label(w, n, text);
		bp_epub_put(w, ">");
		w->in_a++;
	}
	g_array_append_val(w->links, opened);
	g_free(href);
	g_free(text);
}

/* Nothing but white space (or nothing). */
static bool
is_blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!g_ascii_isspace(*s))
			return false;
	return true;
}

/*
 * A link that shows no text (only an image without alt text, or only a
 * note reference, which follows it) is named by its title, else its
 * address, for screen readers.
 */
static void
put_link_label(struct bp_xw *w, const struct bp_node *link, const char *text)
{
	const char	*title = link->u.link.title;

	if (!is_blank(text))
		return;
	bp_epub_put_attr(w, "aria-label", !is_blank(title) ? title :
	    link->u.link.url);
}

/* A node without children of its own to walk. */
static void
put_leaf(struct bp_xw *w, const struct bp_node *n)
{
	const char	*href;

	switch (n->type) {
	case BP_NODE_CODE_BLOCK:
		put_code_block(w, n);
		break;
	case BP_NODE_HTML_BLOCK:
		/* Raw HTML is shown, never passed through. */
		bp_epub_put(w, "<pre class=\"raw-html\"><code>");
		bp_epub_marks_text(w, n, n->text);
		bp_epub_put(w, "</code></pre>\n");
		break;
	case BP_NODE_RULE:
		bp_epub_put(w, "<hr/>\n");
		break;
	case BP_NODE_TEXT:
		bp_epub_marks_text(w, n, n->text);
		break;
	case BP_NODE_SOFTBREAK:
		bp_epub_put(w, "\n");
		break;
	case BP_NODE_LINEBREAK:
		bp_epub_put(w, "<br/>\n");
		break;
	case BP_NODE_CODE:
		bp_epub_put(w, "<code>");
		bp_epub_marks_text(w, n, n->text);
		bp_epub_put(w, "</code>");
		break;
	case BP_NODE_HTML_INLINE:
		bp_epub_put(w, "<code class=\"raw-html\">");
		bp_epub_marks_text(w, n, n->text);
		bp_epub_put(w, "</code>");
		break;
	case BP_NODE_IMAGE:
		/* An image inside running text stays inline. */
		if ((href = bp_epub_image_href(w, n)) != NULL)
			put_img(w, n, href);
		else
			put_placeholder(w, n, /*block*/false);
		put_alt_notes(w, n);
		break;
	case BP_NODE_FOOTNOTE_REF:
		put_noteref(w, n);
		break;
	default:
		break;
	}
}

static void
leave(struct bp_xw *w, const struct bp_node *n)
{
	gboolean	 opened;

	switch (n->type) {
	case BP_NODE_PARA:
		close_p(w);
		w->para = NULL;
		break;
	case BP_NODE_HEADING:
		g_string_append_printf(w->out, "</h%d>\n",
		    CLAMP(n->u.heading.level, 1, 6));
		break;
	case BP_NODE_QUOTE:
		bp_epub_put(w, "</blockquote>\n");
		break;
	case BP_NODE_LIST:
		bp_epub_put(w, n->u.list.ordered ? "</ol>\n" : "</ul>\n");
		break;
	case BP_NODE_ITEM:
		bp_epub_xhtml_flush(w);
		bp_epub_put(w, "</li>\n");
		break;
	case BP_NODE_TABLE:
		if (w->thead)
			bp_epub_put(w, "</thead>\n");
		if (w->tbody)
			bp_epub_put(w, "</tbody>\n");
		bp_epub_put(w, "</table>\n");
		w->thead = w->tbody = false;
		break;
	case BP_NODE_TABLE_ROW:
		bp_epub_put(w, "</tr>\n");
		break;
	case BP_NODE_TABLE_CELL:
		bp_epub_put(w, w->thead ? "</th>" : "</td>");
		break;
	case BP_NODE_EMPH:
		bp_epub_put(w, "</em>");
		break;
	case BP_NODE_STRONG:
		bp_epub_put(w, "</strong>");
		break;
	case BP_NODE_STRIKE:
		bp_epub_put(w, "</del>");
		break;
	case BP_NODE_LINK:
		opened = g_array_index(w->links, gboolean, w->links->len - 1);
		g_array_set_size(w->links, w->links->len - 1);
		if (opened) {
			bp_epub_put(w, "</a>");
			w->in_a--;
		}
		/* Note references from the link's text follow it. */
		if (w->links->len == 0 && w->after_a->len > 0) {
			g_string_append_len(w->out, w->after_a->str,
			    (gssize)w->after_a->len);
			g_string_truncate(w->after_a, 0);
		}
		break;
	default:
		break;
	}
	if (stray_in_list(n))
		bp_epub_put(w, "</li>\n");
}

/*
 * Write root's children. Walks without recursion (bp_iter), however deep
 * the input nests: enter() each node, and leave() it after its children
 * when enter() asked for that.
 */
void
bp_epub_xhtml_render(struct bp_xw *w, const struct bp_node *root)
{
	struct bp_iter		 it;
	enum bp_event		 ev;
	const struct bp_node	*whole = NULL;

	bp_iter_init(&it, root);
	while ((ev = bp_iter_next(&it)) != BP_EVENT_DONE) {
		/* The root's own tags, if any, are the caller's. */
		if (it.depth == 0)
			continue;
		/* Page-break markers due before the node (marks.c). */
		if (ev == BP_EVENT_ENTER)
			bp_epub_marks_enter(w, it.node);
		/* A node written whole: its EXIT (a container's) comes
		 * next, and needs no leave(). */
		if (ev == BP_EVENT_ENTER && !enter(w, it.node)) {
			whole = it.node;
			bp_iter_skip(&it);
		} else if (ev == BP_EVENT_ENTER)
			bp_epub_marks_settle(w, it.node, /*entered*/true);
		else if (ev == BP_EVENT_EXIT && it.node != whole) {
			leave(w, it.node);
			bp_epub_marks_settle(w, it.node, /*entered*/false);
		}
	}
}
