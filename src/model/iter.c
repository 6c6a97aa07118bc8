/*
 * Walking an article's tree without recursion: enter and exit events in
 * document order, as the CommonMark reference parser's iterator does.
 * SPDX-License-Identifier: MIT
 */
#include "bp.h"

static bool is_leaf(const struct bp_node *n);

/* Nodes that never hold children: one enter event and no exit. */
static bool
is_leaf(const struct bp_node *n)
{
	switch (n->type) {
	case BP_NODE_TEXT:
	case BP_NODE_SOFTBREAK:
	case BP_NODE_LINEBREAK:
	case BP_NODE_CODE:
	case BP_NODE_HTML_INLINE:
	case BP_NODE_CODE_BLOCK:
	case BP_NODE_HTML_BLOCK:
	case BP_NODE_RULE:
	case BP_NODE_FOOTNOTE_REF:
		return true;
	default:
		return false;
	}
}

void
bp_iter_init(struct bp_iter *it, const struct bp_node *root)
{
	it->root = root;
	it->node = NULL;
	it->event = BP_EVENT_NONE;
	it->depth = 0;
	it->skip = false;
}

enum bp_event
bp_iter_next(struct bp_iter *it)
{
	const struct bp_node	*n = it->node;

	if (it->event == BP_EVENT_DONE || it->root == NULL) {
		it->event = BP_EVENT_DONE;
		goto out;
	}
	if (it->event == BP_EVENT_NONE) {
		it->node = it->root;
		it->event = BP_EVENT_ENTER;
		goto out;
	}
	/* Into an entered container, else on to what follows the node. */
	if (it->event == BP_EVENT_ENTER && !is_leaf(n)) {
		if (n->first != NULL && !it->skip) {
			it->node = n->first;
			it->depth++;
			it->event = BP_EVENT_ENTER;
		} else
			it->event = BP_EVENT_EXIT;
		it->skip = false;
		goto out;
	}
	if (n == it->root) {
		it->event = BP_EVENT_DONE;
		goto out;
	}
	if (n->next != NULL) {
		it->node = n->next;
		it->event = BP_EVENT_ENTER;
	} else {
		it->node = n->parent;
		it->depth--;
		it->event = BP_EVENT_EXIT;
	}
out:
	return it->event;
}

void
bp_iter_skip(struct bp_iter *it)
{
	/* A leaf has nothing to skip; marking it would skip the next
	 * container entered instead. */
	if (it->event == BP_EVENT_ENTER && !is_leaf(it->node))
		it->skip = true;
}
