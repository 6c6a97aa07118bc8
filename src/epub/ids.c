/*
 * Ids of the bundle's XHTML: each claimed once across the pack, and one
 * article's id maps (notes, their references, headings) made before output.
 * SPDX-License-Identifier: MIT
 */
#include "epub/epub.h"

static bool is_written(const struct bp_node *n);
static char *squash(const char *s);

char *
bp_epub_id_claim(struct bp_book *book, const char *prefix, const char *base)
{
	GString		*id = g_string_new(prefix);
	char		*cand = NULL;
	gsize		 stem;
	int		 n;

	g_string_append_c(id, '-');
	bp_epub_xml_id(id, base);
	if (id->str[id->len - 1] == '-')
		g_string_append(id, "section");
	stem = id->len;
	n = GPOINTER_TO_INT(g_hash_table_lookup(book->id_next, id->str));
	if (n < 2)
		n = 2;
	if (g_hash_table_contains(book->ids, id->str)) {
		do {
			g_string_truncate(id, stem);
			g_string_append_printf(id, "-%d", n++);
		} while (g_hash_table_contains(book->ids, id->str));
		g_hash_table_insert(book->id_next, g_strndup(id->str, stem),
		    GINT_TO_POINTER(n));
	}
	cand = g_string_free(id, FALSE);
	g_hash_table_add(book->ids, cand);
	return cand;
}

int
bp_epub_note_index(const struct bp_article *art, int num)
{
	int	 i;

	/* Notes are numbered in order: note k is notes[k - 1]. */
	if (num >= 1 && num <= art->nnotes && art->notes[num - 1]->u.fn.num == num)
		return num - 1;
	for (i = 0; i < art->nnotes; i++)
		if (art->notes[i]->u.fn.num == num)
			return i;
	return -1;
}

/* Whether n reaches the XHTML: not when it sits in a dropped cell. */
static bool
is_written(const struct bp_node *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n->type == BP_NODE_TABLE_CELL && bp_epub_cell_dropped(n))
			return false;
	return true;
}

/* Plain text with runs of white space as one space, trimmed. */
static char *
squash(const char *s)
{
	char	**parts = g_strsplit_set(s, " \t\n\r", -1);
	GString	*out = g_string_new(NULL);
	int	  i;

	for (i = 0; parts[i] != NULL; i++) {
		if (*parts[i] == '\0')
			continue;
		if (out->len > 0)
			g_string_append_c(out, ' ');
		g_string_append(out, parts[i]);
	}
	g_strfreev(parts);
	return g_string_free(out, FALSE);
}

void
bp_epub_ids_assign(struct bp_xw *w, GPtrArray *heads)
{
	const struct bp_article	*art = w->art;
	const struct bp_node	*n;
	struct bp_iter		 it;
	struct bp_epub_head	*h;
	GString			*s = g_string_new(NULL);
	int			*refs = g_new0(int, (gsize)art->nnotes + 1);
	int			 i, k, num;
	char			*id, *text;

	w->note_ids = g_new0(const char *, (gsize)art->nnotes + 1);
	w->back_ids = g_new0(const char *, (gsize)art->nnotes + 1);
	for (i = 0; i < art->nnotes; i++) {
		g_string_printf(s, "fn-%d", art->notes[i]->u.fn.num);
		w->note_ids[i] = bp_epub_id_claim(w->book, art->id, s->str);
	}
	for (i = -1; i < art->nnotes; i++) {
		bp_iter_init(&it, i < 0 ? art->body : art->notes[i]);
		while (bp_iter_next(&it) != BP_EVENT_DONE) {
			n = it.node;
			/* Only references that are written get an id, so a
			 * note's back link always has somewhere to go. */
			if (n->type != BP_NODE_FOOTNOTE_REF || !is_written(n))
				continue;
			num = n->u.fn.num;
			if ((k = bp_epub_note_index(art, num)) < 0)
				continue;
			g_string_printf(s, "fnref-%d", num);
			if (refs[k]++ > 0)
				g_string_append_printf(s, "-%d", refs[k]);
			id = bp_epub_id_claim(w->book, art->id, s->str);
			if (w->back_ids[k] == NULL)
				w->back_ids[k] = id;
			g_hash_table_insert(w->node_ids, (gpointer)n, id);
		}
	}
	for (i = -1; i < art->nnotes; i++) {
		bp_iter_init(&it, i < 0 ? art->body : art->notes[i]);
		while (bp_iter_next(&it) != BP_EVENT_DONE) {
			n = it.node;
			/* Each heading once: on its ENTER, not its EXIT. */
			if (n->type != BP_NODE_HEADING ||
			    it.event != BP_EVENT_ENTER)
				continue;
			id = bp_epub_id_claim(w->book, art->id,
			    n->u.heading.id != NULL ? n->u.heading.id :
			    "section");
			g_hash_table_insert(w->node_ids, (gpointer)n, id);
			if (n->u.heading.id != NULL &&
			    !g_hash_table_contains(w->heading_ids, n->u.heading.id))
				g_hash_table_insert(w->heading_ids,
				    (gpointer)n->u.heading.id, id);
			if (i >= 0)
				continue;
			text = bp_node_plain_text(n);
			h = g_new0(struct bp_epub_head, 1);
			h->level = n->u.heading.level;
			h->id = g_strdup(id);
			h->text = squash(text);
			g_free(text);
			g_ptr_array_add(heads, h);
		}
	}
	g_string_free(s, TRUE);
	g_free(refs);
}
