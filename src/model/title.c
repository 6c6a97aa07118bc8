/*
 * An article's title block as both writers show it: which lines, in
 * which order, in which words. The PDF lays it out and the EPUB marks it
 * up; neither decides what is in it.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"

void
bp_title_block_init(struct bp_title_block *tb, const struct bp_article *art)
{
	const struct bp_meta	*m = &art->meta;
	const char		*lang = art->lang != NULL ? art->lang : "en";

	memset(tb, 0, sizeof *tb);
	tb->title = m->title;
	tb->subtitle = m->subtitle;
	if (m->authors != NULL && m->authors[0] != NULL) {
		tb->by = bp_l10n_word(lang, BP_W_BY);
		tb->authors = g_strjoinv(", ", m->authors);
	}
	tb->date = bp_l10n_date(lang, &m->date);
	if (*tb->date == '\0') {
		g_free(tb->date);
		tb->date = NULL;
	}
	if (m->source != NULL) {
		tb->source_label = bp_l10n_word(lang, BP_W_SOURCE);
		tb->source = m->source;
	}
	if (m->abstract != NULL) {
		tb->summary_label = bp_l10n_word(lang, BP_W_SUMMARY);
		tb->summary = m->abstract;
	}
}

void
bp_title_block_clear(struct bp_title_block *tb)
{
	g_free(tb->authors);
	g_free(tb->date);
	memset(tb, 0, sizeof *tb);
}
