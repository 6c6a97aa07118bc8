/*
 * The Markdown emitter of the HTML and .docx readers (parse/mdout.c):
 * escaping, marks around spaces, lists in a row, tables, notes, the map.
 * SPDX-License-Identifier: MIT
 */
#include "harness.h"
#include "parse/mdout.h"

static char *finish(struct bp_mdout *o, struct bp_txt_map **map);

static char *
finish(struct bp_mdout *o, struct bp_txt_map **map)
{
	struct bp_txt_result	 r = { 0 };
	struct bp_diag		 d = { 0 };

	d.fn = bp_diag_drop_fn;
	bp_mdout_finish(o, &d, &r);
	if (map != NULL)
		*map = r.map;
	else
		bp_txt_map_free(r.map);
	return r.markdown;
}

#define T(o, s) bp_mdout_text(o, s, strlen(s))

int
main(void)
{
	struct bp_mdout		*o;
	struct bp_txt_map	*map = NULL;
	char			*md;

	/* Every ASCII punctuation mark escaped; white space collapsed. */
	o = bp_mdout_new();
	bp_mdout_para(o);
	T(o, "  1. *a*  [b](c) <x> #5 - \"q\" ");
	bp_mdout_end_block(o);
	md = finish(o, NULL);
	CHECK_STR(md, "1\\. \\*a\\* \\[b\\]\\(c\\) \\<x\\> \\#5 \\- \\\"q\\\"\n",
	    "text escaped, collapsed, trimmed");
	g_free(md);
	bp_mdout_free(o);

	/* A space inside a mark goes outside it; an empty mark is dropped. */
	o = bp_mdout_new();
	T(o, "a");
	bp_mdout_mark(o, BP_MDOUT_STRONG);
	T(o, " bold ");
	bp_mdout_mark_end(o, BP_MDOUT_STRONG);
	bp_mdout_mark(o, BP_MDOUT_EMPH);
	bp_mdout_mark_end(o, BP_MDOUT_EMPH);
	T(o, "b");
	bp_mdout_mark(o, BP_MDOUT_EMPH);
	T(o, "x");
	bp_mdout_mark(o, BP_MDOUT_STRONG);
	T(o, "y ");
	bp_mdout_mark_end(o, BP_MDOUT_STRONG);
	bp_mdout_mark_end(o, BP_MDOUT_EMPH);
	T(o, "z");
	md = finish(o, NULL);
	CHECK_STR(md, "a **bold** b*x**y*** z\n",
	    "marks: spaces outside, empty dropped, nested");
	g_free(md);
	bp_mdout_free(o);

	/* Two lists in a row do not merge; nested, tight, start kept. */
	o = bp_mdout_new();
	bp_mdout_list(o, false, 1);
	bp_mdout_item(o);
	T(o, "one");
	bp_mdout_list(o, true, 1);
	bp_mdout_item(o);
	T(o, "sub");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_item_end(o);
	bp_mdout_item(o);
	bp_mdout_item_end(o);
	bp_mdout_item(o);
	T(o, "two");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_list(o, false, 1);
	bp_mdout_item(o);
	T(o, "other");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_list(o, true, 7);
	bp_mdout_item(o);
	T(o, "seven");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	md = finish(o, NULL);
	CHECK_STR(md, "- one\n  1. sub\n- two\n\n* other\n\n7. seven\n",
	    "lists: nested, tight, empty item dropped, bullets alternate");
	g_free(md);
	bp_mdout_free(o);

	/* Quote with two paragraphs; hard break; heading. */
	o = bp_mdout_new();
	bp_mdout_heading(o, 2);
	T(o, "Head");
	bp_mdout_break(o);
	T(o, "ing #");
	bp_mdout_end_block(o);
	bp_mdout_quote(o);
	bp_mdout_para(o);
	T(o, "q1");
	bp_mdout_break(o);
	T(o, "q2");
	bp_mdout_break(o);
	bp_mdout_end_block(o);
	bp_mdout_para(o);
	T(o, "q3");
	bp_mdout_quote_end(o);
	md = finish(o, NULL);
	CHECK_STR(md, "## Head ing \\#\n\n> q1\\\n> q2\n>\n> q3\n",
	    "headings, quotes, hard breaks (none at the end)");
	g_free(md);
	bp_mdout_free(o);

	/* Tables: padded rows, pipes escaped, code with backticks. */
	o = bp_mdout_new();
	bp_mdout_set_src(o, 10);
	bp_mdout_table(o);
	bp_mdout_row(o, false);
	bp_mdout_cell(o);
	T(o, "a|b");
	bp_mdout_cell_end(o);
	bp_mdout_cell(o);
	bp_mdout_code(o, "x`|y", 4);
	bp_mdout_cell_end(o);
	bp_mdout_row_end(o);
	bp_mdout_set_src(o, 12);
	bp_mdout_row(o, false);
	bp_mdout_cell(o);
	bp_mdout_para(o);
	T(o, "p1");
	bp_mdout_end_block(o);
	bp_mdout_para(o);
	T(o, "p2");
	bp_mdout_cell_end(o);
	bp_mdout_row_end(o);
	CHECK(!bp_mdout_table_end(o), "a table without a header says so");
	md = finish(o, &map);
	CHECK_STR(md, "| a\\|b | ``x`\\|y`` |\n| --- | --- |\n| p1 p2 |  |\n",
	    "table rows padded, blocks in a cell run together");
	CHECK(bp_txt_map_line(map, 1) == 10 && bp_txt_map_line(map, 3) == 12,
	    "each row maps to its source line");
	g_free(md);
	bp_txt_map_free(map);
	bp_mdout_free(o);

	/* Links, images, notes; a code block with a fence inside. */
	o = bp_mdout_new();
	bp_mdout_set_src(o, 3);
	T(o, "see");
	bp_mdout_link(o, "https://x.example/a b>");
	T(o, " here ");
	bp_mdout_link_end(o);
	bp_mdout_note_ref(o, "1");
	bp_mdout_image(o, "alt [1]", "img/a.png", "Cap \"q\"");
	bp_mdout_set_src(o, 5);
	bp_mdout_code_block(o, "```\ncode\n", 9);
	bp_mdout_set_src(o, 9);
	bp_mdout_note(o, "1");
	T(o, "note one");
	bp_mdout_para(o);
	T(o, "note two");
	bp_mdout_note_end(o);
	md = finish(o, &map);
	CHECK_STR(md, "see [here](<https://x.example/a b\\>>) [^1]![alt \\[1\\]]"
	    "(<img/a.png> \"Cap \\\"q\\\"\")\n\n````\n```\ncode\n````\n\n"
	    "[^1]: note one\n\n    note two\n",
	    "links, images, notes, fences");
	CHECK(bp_txt_map_line(map, 1) == 3 && bp_txt_map_line(map, 4) == 5 &&
	    bp_txt_map_line(map, 8) == 9, "lines map to their sources");
	g_free(md);
	bp_txt_map_free(map);
	bp_mdout_free(o);

	/* Invalid UTF-8 is repaired, controls cleaned. */
	o = bp_mdout_new();
	T(o, "a\xff" "b\x01" "c");
	md = finish(o, NULL);
	CHECK_STR(md, "a\xef\xbf\xbd" "bc\n", "invalid UTF-8 and controls");
	g_free(md);
	bp_mdout_free(o);
	return HARNESS_EXIT();
}
