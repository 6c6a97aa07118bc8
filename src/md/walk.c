/*
 * The Markdown writer's tree walk: every block with the prefix its
 * containers give each line (quotes, list items, notes), every inline as
 * CommonMark or GFM writes it, each note's definition where it stood.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "md/md.h"

static void put(struct bp_mdw_walk *w, const char *s);
static void put_marker(struct bp_mdw_walk *w, const char *s);
static void cr(struct bp_mdw_walk *w);
static void blank_line(struct bp_mdw_walk *w);
static void push(struct bp_mdw_walk *w, const char *add);
static void pop(struct bp_mdw_walk *w);
static bool in_tight_item(const struct bp_node *n);
static void separate(struct bp_mdw_walk *w, const struct bp_node *n);
static bool has_break(const struct bp_node *n);
static void put_code_block(struct bp_mdw_walk *w, const struct bp_node *n);
static void put_item(struct bp_mdw_walk *w, const struct bp_node *n);
static void put_delimiter_row(struct bp_mdw_walk *w,
    const struct bp_node *row);
static void put_text(struct bp_mdw_walk *w, const struct bp_node *n);
static bool is_emphasis(const struct bp_node *n);
static bool alnum_edge(const struct bp_node *t, bool at_start);
static bool underscore_fits(const struct bp_node *n);
static char emphasis_char(const struct bp_node *n);
static void put_emphasis(struct bp_mdw_walk *w, const struct bp_node *n);
static char *image_url(const struct bp_mdw_walk *w, const struct bp_node *n);
static void put_destination(struct bp_mdw_walk *w, const struct bp_node *n);
static void enter(struct bp_mdw_walk *w, struct bp_iter *it);
static void leave(struct bp_mdw_walk *w, const struct bp_node *n);
static void walk(struct bp_mdw_walk *w, const struct bp_node *root);
static gint by_line(gconstpointer a, gconstpointer b, gpointer data);

/*
 * Write s: the prefix before the first character of each line (only
 * its markers, without trailing spaces, on a line left empty).
 */
static void
put(struct bp_mdw_walk *w, const char *s)
{
	gsize	 n;

	for (; *s != '\0'; s++) {
		if (w->bol && *s == '\n') {
			n = w->prefix->len;
			while (n > 0 && w->prefix->str[n - 1] == ' ')
				n--;
			g_string_append_len(w->out, w->prefix->str, (gssize)n);
		} else if (w->bol)
			g_string_append(w->out, w->prefix->str);
		g_string_append_c(w->out, *s);
		w->bol = *s == '\n';
		w->fresh = w->bol;
	}
}

/* A block marker ("- ", "> "): what follows still opens the line. */
static void
put_marker(struct bp_mdw_walk *w, const char *s)
{
	put(w, s);
	w->fresh = true;
}

/* End the line, unless at a line's start. */
static void
cr(struct bp_mdw_walk *w)
{
	if (!w->bol)
		put(w, "\n");
}

/* A blank line (within the containers' markers). */
static void
blank_line(struct bp_mdw_walk *w)
{
	cr(w);
	put(w, "\n");
}

static void
push(struct bp_mdw_walk *w, const char *add)
{
	guint	 len = (guint)w->prefix->len;

	g_array_append_val(w->widths, len);
	g_string_append(w->prefix, add);
}

static void
pop(struct bp_mdw_walk *w)
{
	guint	 len;

	if (w->widths->len == 0)
		return;
	len = g_array_index(w->widths, guint, w->widths->len - 1);
	g_array_set_size(w->widths, w->widths->len - 1);
	g_string_truncate(w->prefix, len);
}

/* A block directly in an item of a tight list: no blank lines around. */
static bool
in_tight_item(const struct bp_node *n)
{
	const struct bp_node	*item = n->parent;

	return item != NULL && item->type == BP_NODE_ITEM &&
	    item->parent != NULL && item->parent->type == BP_NODE_LIST &&
	    item->parent->u.list.tight;
}

/*
 * Before block n: nothing after an item's or note's marker, a new line
 * in a tight list item, else a blank line. Two lists of one kind in a
 * row would run together as one: an HTML comment (which briefpack
 * drops) parts them, as the reference parser's own writer does.
 */
static void
separate(struct bp_mdw_walk *w, const struct bp_node *n)
{
	if (w->after_marker) {
		w->after_marker = false;
		return;
	}
	if ((n->prev == NULL && !(n->parent != NULL &&
	    n->parent->type == BP_NODE_DOCUMENT && w->wrote_block)) ||
	    in_tight_item(n))
		cr(w);
	else
		blank_line(w);
	if (n->type == BP_NODE_LIST && n->prev != NULL &&
	    n->prev->type == BP_NODE_LIST &&
	    n->prev->u.list.ordered == n->u.list.ordered &&
	    (!n->u.list.ordered || n->prev->u.list.delim == n->u.list.delim)) {
		put(w, "<!-- -->\n");
		if (!in_tight_item(n))
			put(w, "\n");
	}
}

/* Whether a heading holds a line break (it must be a setext heading). */
static bool
has_break(const struct bp_node *n)
{
	struct bp_iter	 it;
	bool		 found = false;

	bp_iter_init(&it, n);
	while (!found && bp_iter_next(&it) != BP_EVENT_DONE)
		found = it.event == BP_EVENT_ENTER &&
		    (it.node->type == BP_NODE_SOFTBREAK ||
		    it.node->type == BP_NODE_LINEBREAK);
	return found;
}

/* A fence longer than any run of its character in the code. */
static void
put_code_block(struct bp_mdw_walk *w, const struct bp_node *n)
{
	const char	*info = n->u.code.info != NULL ? n->u.code.info : "";
	const char	*code = n->text != NULL ? n->text : "", *p;
	char		 fc = strchr(info, '`') != NULL ? '~' : '`';
	GString		*fence = g_string_new(NULL), *line = g_string_new(NULL);
	size_t		 run = 0, best = 2;

	for (p = code; *p != '\0'; p++) {
		run = *p == fc ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	for (run = 0; run <= best; run++)
		g_string_append_c(fence, fc);
	put(w, fence->str);
	bp_mdw_escape_info(line, info);
	put(w, line->str);
	put(w, "\n");
	put(w, code);
	cr(w);
	put(w, fence->str);
	put(w, "\n");
	g_string_free(fence, TRUE);
	g_string_free(line, TRUE);
}

/*
 * A list item's marker ("- ", "7. ", "- [x] "); its lines after the
 * first are indented to its content.
 */
static void
put_item(struct bp_mdw_walk *w, const struct bp_node *n)
{
	const struct bp_node	*list = n->parent;
	const struct bp_node	*k;
	char			*marker, *pad;
	int			 num;

	if (n->prev != NULL) {
		if (list != NULL && list->u.list.tight)
			cr(w);
		else
			blank_line(w);
	}
	if (list != NULL && list->u.list.ordered) {
		num = list->u.list.start;
		for (k = n->prev; k != NULL; k = k->prev)
			num++;
		marker = g_strdup_printf("%d%c", num, list->u.list.delim ==
		    ')' ? ')' : '.');
	} else
		marker = g_strdup("-");
	pad = g_strnfill(strlen(marker) + 1, ' ');
	put_marker(w, marker);
	if (n->first != NULL || n->u.item.task != BP_TASK_NONE)
		put_marker(w, " ");
	if (n->u.item.task != BP_TASK_NONE)
		put(w, n->u.item.task == BP_TASK_DONE ? "[x] " : "[ ] ");
	push(w, pad);
	w->after_marker = n->first != NULL;
	g_free(marker);
	g_free(pad);
}

/* "| :-- | :-: | --: | --- |", as many cells as the header row has. */
static void
put_delimiter_row(struct bp_mdw_walk *w, const struct bp_node *row)
{
	const struct bp_node	*table = row->parent, *c;
	enum bp_align		 al;
	int			 i = 0;

	put(w, "|");
	for (c = row->first; c != NULL; c = c->next, i++) {
		al = table != NULL && i < table->u.table.ncols ?
		    table->u.table.align[i] : BP_ALIGN_NONE;
		put(w, al == BP_ALIGN_LEFT ? " :-- |" :
		    al == BP_ALIGN_CENTER ? " :-: |" :
		    al == BP_ALIGN_RIGHT ? " --: |" : " --- |");
	}
	put(w, "\n");
}

static void
put_text(struct bp_mdw_walk *w, const struct bp_node *n)
{
	GString		*s = g_string_new(NULL);
	const char	*shown;
	unsigned	 flags = 0;

	if (w->fresh)
		flags |= BP_MDW_LINE_START;
	if (w->in_table)
		flags |= BP_MDW_IN_TABLE;
	if (w->in_heading)
		flags |= BP_MDW_IN_HEADING;
	if (n->next == NULL || n->next->type == BP_NODE_SOFTBREAK ||
	    n->next->type == BP_NODE_LINEBREAK)
		flags |= BP_MDW_LINE_END;
	if (n->next != NULL && (n->next->type == BP_NODE_FOOTNOTE_REF ||
	    (n->next->type == BP_NODE_LINK &&
	    !bp_mdw_is_autolink(n->next, &shown))))
		flags |= BP_MDW_BEFORE_LINK;
	bp_mdw_escape_text(s, n->text != NULL ? n->text : "", flags);
	put(w, s->str);
	g_string_free(s, TRUE);
}

static bool
is_emphasis(const struct bp_node *n)
{
	return n != NULL && (n->type == BP_NODE_EMPH ||
	    n->type == BP_NODE_STRONG);
}

/* Whether text node t (may be NULL) has a letter or digit at its start/end. */
static bool
alnum_edge(const struct bp_node *t, bool at_start)
{
	const char	*s;

	if (t == NULL || t->type != BP_NODE_TEXT || t->text == NULL ||
	    *t->text == '\0')
		return false;
	s = t->text;
	return g_unichar_isalnum(at_start ? g_utf8_get_char(s) :
	    g_utf8_get_char(g_utf8_prev_char(s + strlen(s))));
}

/*
 * Whether '_' can delimit n, inside its parent's '*' delimiters, without
 * standing inside a word: on n's side away from the parent
 * ("*foo__bar__*" is not strong), and next to the parent's own delimiter
 * when that stands in a word ("foo*__bar__*baz" opens nothing).
 */
static bool
underscore_fits(const struct bp_node *n)
{
	const struct bp_node	*p = n->parent;
	bool			 first = n == p->first, last = n == p->last;

	if (first && !last && alnum_edge(n->next, true))
		return false;
	if (last && !first && alnum_edge(n->prev, false))
		return false;
	if (first && alnum_edge(p->prev, false))
		return false;
	if (last && alnum_edge(p->next, true))
		return false;
	return true;
}

/*
 * '*', or '_' for emphasis that touches its parent's own '*' delimiters
 * (where '_' fits): "**" would be read as strong, "***" as emphasis
 * around strong, whatever the tree was; "*_a_*" and "**_a_**" say it.
 * Where '_' does not fit, '*' reads back right in the cases CommonMark
 * resolves ("*foo**bar***").
 */
static char
emphasis_char(const struct bp_node *n)
{
	if (!is_emphasis(n) || !is_emphasis(n->parent) ||
	    (n != n->parent->first && n != n->parent->last))
		return '*';
	return emphasis_char(n->parent) == '*' && underscore_fits(n) ?
	    '_' : '*';
}

/* One delimiter run: "*", "**", "_" or "__". */
static void
put_emphasis(struct bp_mdw_walk *w, const struct bp_node *n)
{
	char	 d[3] = { 0 };

	d[0] = emphasis_char(n);
	if (n->type == BP_NODE_STRONG)
		d[1] = d[0];
	put(w, d);
}

/*
 * An image's address from where the Markdown is written: the file
 * written for a picture no file held (media.c); as written when that
 * is the article's folder, or for an address that is not a file; else
 * the file's path relative to the output's folder. Caller frees.
 */
static char *
image_url(const struct bp_mdw_walk *w, const struct bp_node *n)
{
	const struct bp_image	*img = n->u.link.image;
	const char		*shown;
	char			*abs = NULL, **from = NULL, **to = NULL;
	GString			*rel;
	int			 i, k;

	if (img != NULL && w->media != NULL &&
	    (shown = g_hash_table_lookup(w->media, img)) != NULL)
		return g_strdup(shown);
	if (w->img_to == NULL || img == NULL || img->path == NULL)
		return g_strdup(n->u.link.url != NULL ? n->u.link.url : "");
	abs = g_canonicalize_filename(img->path, NULL);
	from = g_strsplit(w->img_to, "/", -1);
	to = g_strsplit(abs, "/", -1);
	for (i = 0; from[i] != NULL && to[i] != NULL &&
	    strcmp(from[i], to[i]) == 0; i++)
		;
	rel = g_string_new(NULL);
	for (k = i; from[k] != NULL; k++)
		if (*from[k] != '\0')
			g_string_append(rel, "../");
	for (k = i; to[k] != NULL; k++) {
		g_string_append(rel, to[k]);
		if (to[k + 1] != NULL)
			g_string_append_c(rel, '/');
	}
	g_strfreev(from);
	g_strfreev(to);
	g_free(abs);
	return g_string_free(rel, FALSE);
}

/* "](url "title")" closing a link or an image. */
static void
put_destination(struct bp_mdw_walk *w, const struct bp_node *n)
{
	GString	*s = g_string_new("](");
	char	*url = n->type == BP_NODE_IMAGE ? image_url(w, n) :
	    g_strdup(n->u.link.url != NULL ? n->u.link.url : "");

	bp_mdw_escape_url(s, url);
	if (n->u.link.title != NULL && *n->u.link.title != '\0') {
		g_string_append_c(s, ' ');
		bp_mdw_escape_title(s, n->u.link.title);
	}
	g_string_append_c(s, ')');
	put(w, s->str);
	g_string_free(s, TRUE);
	g_free(url);
}

static void
enter(struct bp_mdw_walk *w, struct bp_iter *it)
{
	const struct bp_node	*n = it->node;
	const char		*shown;
	GString			*s;
	char			*num;
	int			 i;

	switch (n->type) {
	case BP_NODE_PARA:
	case BP_NODE_LIST:
	case BP_NODE_RULE:
	case BP_NODE_TABLE:
	case BP_NODE_HTML_BLOCK:
	case BP_NODE_CODE_BLOCK:
	case BP_NODE_HEADING:
	case BP_NODE_QUOTE:
		separate(w, n);
		break;
	default:
		break;
	}
	switch (n->type) {
	case BP_NODE_HEADING:
		if (n->u.heading.level <= 2 && has_break(n))
			break;
		for (i = 0; i < n->u.heading.level && i < 6; i++)
			put(w, "#");
		if (n->first != NULL)
			put(w, " ");
		w->in_heading = true;
		break;
	case BP_NODE_QUOTE:
		put_marker(w, ">");
		put_marker(w, n->first != NULL ? " " : "");
		push(w, "> ");
		w->after_marker = n->first != NULL;
		break;
	case BP_NODE_ITEM:
		put_item(w, n);
		break;
	case BP_NODE_CODE_BLOCK:
		put_code_block(w, n);
		break;
	case BP_NODE_HTML_BLOCK:
		put(w, n->text != NULL ? n->text : "");
		cr(w);
		break;
	case BP_NODE_RULE:
		put(w, "***\n");
		break;
	case BP_NODE_TABLE:
		w->in_table = true;
		break;
	case BP_NODE_TABLE_ROW:
		cr(w);
		put(w, "|");
		break;
	case BP_NODE_TABLE_CELL:
		put(w, " ");
		break;
	case BP_NODE_FOOTNOTE_DEF:
		if (w->wrote_block)
			blank_line(w);
		num = g_strdup_printf("[^%d]:", n->u.fn.num);
		put(w, num);
		put_marker(w, n->first != NULL ? " " : "");
		push(w, "    ");
		w->after_marker = n->first != NULL;
		g_free(num);
		break;
	case BP_NODE_TEXT:
		put_text(w, n);
		break;
	case BP_NODE_SOFTBREAK:
		put(w, "\n");
		break;
	case BP_NODE_LINEBREAK:
		put(w, "\\\n");
		break;
	case BP_NODE_CODE:
		s = g_string_new(NULL);
		bp_mdw_code_span(s, n->text != NULL ? n->text : "",
		    w->in_table);
		put(w, s->str);
		g_string_free(s, TRUE);
		break;
	case BP_NODE_HTML_INLINE:
		put(w, n->text != NULL ? n->text : "");
		break;
	case BP_NODE_EMPH:
	case BP_NODE_STRONG:
		put_emphasis(w, n);
		break;
	case BP_NODE_STRIKE:
		put(w, "~~");
		break;
	case BP_NODE_LINK:
		if (bp_mdw_is_autolink(n, &shown)) {
			put(w, "<");
			put(w, shown);
			put(w, ">");
			bp_iter_skip(it);
		} else
			put(w, "[");
		break;
	case BP_NODE_IMAGE:
		put(w, "![");
		break;
	case BP_NODE_FOOTNOTE_REF:
		num = g_strdup_printf("[^%d]", n->u.fn.num);
		put(w, num);
		g_free(num);
		break;
	default:
		break;
	}
}

static void
leave(struct bp_mdw_walk *w, const struct bp_node *n)
{
	const char	*shown;

	switch (n->type) {
	case BP_NODE_PARA:
		cr(w);
		break;
	case BP_NODE_HEADING:
		if (!w->in_heading) {
			cr(w);
			put(w, n->u.heading.level == 1 ? "===" : "---");
		}
		w->in_heading = false;
		cr(w);
		break;
	case BP_NODE_QUOTE:
	case BP_NODE_ITEM:
	case BP_NODE_FOOTNOTE_DEF:
		w->after_marker = false;
		cr(w);
		pop(w);
		break;
	case BP_NODE_TABLE_CELL:
		put(w, " |");
		break;
	case BP_NODE_TABLE_ROW:
		put(w, "\n");
		if (n->u.row.header)
			put_delimiter_row(w, n);
		break;
	case BP_NODE_TABLE:
		w->in_table = false;
		break;
	case BP_NODE_EMPH:
	case BP_NODE_STRONG:
		put_emphasis(w, n);
		break;
	case BP_NODE_STRIKE:
		put(w, "~~");
		break;
	case BP_NODE_LINK:
		if (!bp_mdw_is_autolink(n, &shown))
			put_destination(w, n);
		break;
	case BP_NODE_IMAGE:
		put_destination(w, n);
		break;
	default:
		break;
	}
}

static void
walk(struct bp_mdw_walk *w, const struct bp_node *root)
{
	struct bp_iter	 it;

	bp_iter_init(&it, root);
	while (bp_iter_next(&it) != BP_EVENT_DONE) {
		if (it.event == BP_EVENT_ENTER)
			enter(w, &it);
		else if (it.event == BP_EVENT_EXIT)
			leave(w, it.node);
	}
}

/* Nodes by source line; equal lines keep their order (note numbers). */
static gint
by_line(gconstpointer a, gconstpointer b, gpointer data)
{
	const struct bp_node	*x = *(const struct bp_node *const *)a;
	const struct bp_node	*y = *(const struct bp_node *const *)b;

	(void)data;
	return x->line != y->line ? (x->line < y->line ? -1 : 1) :
	    (x->u.fn.num < y->u.fn.num ? -1 : x->u.fn.num > y->u.fn.num);
}

/*
 * Each note's definition goes where its source had it, between the
 * body's blocks (by line): the GFM parser numbers notes by their first
 * reference in document order, counting references inside a definition
 * where the definition stands, so the same order gives the same numbers.
 */
void
bp_mdw_walk_article(struct bp_mdw_walk *w, const struct bp_article *art)
{
	const struct bp_node	*b;
	const struct bp_node   **notes;
	int			 k = 0, n = art->nnotes;

	/* The definitions in source order (a stable sort by line). */
	notes = g_new0(const struct bp_node *, (gsize)n + 1);
	if (n > 0)
		memcpy(notes, art->notes, sizeof *notes * (size_t)n);
	g_qsort_with_data(notes, n, sizeof *notes, by_line, NULL);
	w->bol = w->fresh = true;
	for (b = art->body != NULL ? art->body->first : NULL; b != NULL;
	    b = b->next) {
		for (; k < n && notes[k]->line < b->line; k++) {
			walk(w, notes[k]);
			w->wrote_block = true;
		}
		walk(w, b);
		w->wrote_block = true;
	}
	for (; k < n; k++) {
		walk(w, notes[k]);
		w->wrote_block = true;
	}
	cr(w);
	g_free(notes);
}
