/*
 * Protective markings a style ranks ("markings": lowest first, names of
 * equal rank grouped), read from the style's YAML.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <yaml.h>

#include "bp.h"
#include "style/style.h"

static bool add_marking(struct bp_diag *diag, GArray *list, GHashTable *seen,
    yaml_node_t *n, int rank);

/*
 * One marking of rank `rank` into list; `seen` maps each name (case
 * folded) to the line that gave it. False after an error.
 */
static bool
add_marking(struct bp_diag *diag, GArray *list, GHashTable *seen,
    yaml_node_t *n, int rank)
{
	struct bp_marking	 m;
	const char		*s = bp_yaml_node_text(n);
	char			*name = NULL, *key = NULL;
	int			 line = (int)n->start_mark.line + 1;
	int			 col = (int)n->start_mark.column + 1;
	bool			 ok = false;

	if (s == NULL || n->type != YAML_SCALAR_NODE) {
		bp_diag(diag, BP_ERROR, line, col, "style key \"markings\" "
		    "must be %s", BP_STYLE_MARKINGS_WANT);
		goto out;
	}
	name = g_strstrip(g_strdup(s));
	if (*name == '\0') {
		bp_diag(diag, BP_ERROR, line, col, "style key \"markings\" "
		    "has an empty marking");
		goto out;
	}
	key = g_utf8_casefold(name, -1);
	if (g_hash_table_contains(seen, key)) {
		bp_diag(diag, BP_ERROR, line, col, "style key \"markings\" "
		    "lists \"%s\" twice (first at line %d)", name,
		    GPOINTER_TO_INT(g_hash_table_lookup(seen, key)));
		goto out;
	}
	g_hash_table_insert(seen, key, GINT_TO_POINTER(line));
	key = NULL;
	m.name = name;
	m.rank = rank;
	g_array_append_val(list, m);
	name = NULL;
	ok = true;
out:
	g_free(name);
	g_free(key);
	return ok;
}

bool
bp_style_set_markings(struct bp_style *st, yaml_document_t *doc,
    const char *key, yaml_node_t *val, struct bp_diag *diag)
{
	GArray			*list = g_array_new(FALSE, TRUE,
	    sizeof(struct bp_marking));
	GHashTable		*seen = g_hash_table_new_full(g_str_hash,
	    g_str_equal, g_free, NULL);
	yaml_node_item_t	*it, *sub;
	yaml_node_t		*item, *n;
	int			 rank = 0;
	guint			 i;
	bool			 ok = true;

	if (val->type != YAML_SEQUENCE_NODE) {
		bp_diag(diag, BP_ERROR, (int)val->start_mark.line + 1,
		    (int)val->start_mark.column + 1, "style key \"%s\" must "
		    "be %s", key, BP_STYLE_MARKINGS_WANT);
		ok = false;
		goto out;
	}
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++, rank++) {
		if ((item = yaml_document_get_node(doc, *it)) == NULL)
			continue;
		if (item->type != YAML_SEQUENCE_NODE) {
			ok = add_marking(diag, list, seen, item, rank) && ok;
			continue;
		}
		for (sub = item->data.sequence.items.start;
		    sub < item->data.sequence.items.top; sub++)
			if ((n = yaml_document_get_node(doc, *sub)) != NULL)
				ok = add_marking(diag, list, seen, n, rank) &&
				    ok;
	}
out:
	if (ok) {
		bp_style_free_markings(st);
		st->nmarkings = (int)list->len;
		st->markings = (struct bp_marking *)(void *)g_array_free(
		    list, list->len == 0);
		list = NULL;
	}
	if (list != NULL) {
		for (i = 0; i < list->len; i++)
			g_free(g_array_index(list, struct bp_marking, i).name);
		g_array_free(list, TRUE);
	}
	g_hash_table_destroy(seen);
	return ok;
}

void
bp_style_free_markings(struct bp_style *st)
{
	int	 i;

	for (i = 0; i < st->nmarkings; i++)
		g_free(st->markings[i].name);
	g_free(st->markings);
	st->markings = NULL;
	st->nmarkings = 0;
}
