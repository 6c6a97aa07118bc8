/*
 * Printed pages as plain data: where each page of the PDF begins, handed
 * from the PDF layout to the EPUB writer; and the node count both use.
 * SPDX-License-Identifier: MIT
 */
#include "bp.h"

struct bp_pages *
bp_pages_new(void)
{
	struct bp_pages	*pages = g_new0(struct bp_pages, 1);

	pages->starts = g_array_new(FALSE, TRUE, sizeof(struct bp_page_start));
	return pages;
}

void
bp_pages_free(struct bp_pages *pages)
{
	if (pages == NULL)
		return;
	g_array_free(pages->starts, TRUE);
	g_free(pages->edition);
	g_free(pages);
}

GHashTable *
bp_pages_index_nodes(const struct bp_node *body)
{
	GHashTable	*index;
	struct bp_iter	 it;
	int		 n = 0;

	/* Every ENTER event, skipping nothing: each parse counts alike. */
	index = g_hash_table_new(g_direct_hash, g_direct_equal);
	bp_iter_init(&it, body);
	while (bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.event == BP_EVENT_ENTER)
			g_hash_table_insert(index, (gpointer)it.node,
			    GINT_TO_POINTER(++n));
	return index;
}
