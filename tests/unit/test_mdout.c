/*
 * The Markdown emitter of the HTML and .docx readers (parse/mdout.c):
 * escaping, marks around spaces, lists in a row, tables, notes, the map,
 * list styles past the Markdown, column alignment.
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

	/*
	 * List styles ride past the Markdown on the map: a list in a quote,
	 * one that opens on its parent item's line, an unstyled one between.
	 */
	o = bp_mdout_new();
	bp_mdout_quote(o);
	bp_mdout_list(o, true, 1);
	bp_mdout_list_style(o, BP_LIST_STYLE_LOWER_ROMAN);
	bp_mdout_item(o);
	bp_mdout_list(o, true, 1);
	bp_mdout_list_style(o, BP_LIST_STYLE_UPPER_ALPHA);
	bp_mdout_item(o);
	T(o, "deep");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_quote_end(o);
	bp_mdout_list(o, true, 4);
	bp_mdout_item(o);
	T(o, "plain");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_list(o, true, 2);
	bp_mdout_list_style(o, BP_LIST_STYLE_LOWER_ALPHA);
	bp_mdout_item(o);
	T(o, "b");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	md = finish(o, &map);
	CHECK_STR(md, "> 1. 1. deep\n\n4. plain\n\n2) b\n",
	    "styled lists are written in digits");
	{
		struct bp_article	*art = bp_article_new("x.html");
		struct bp_load_opts	 lo = { 0 };
		struct bp_diag		 d = { 0 };
		struct bp_node		*q, *l1, *l2, *l3, *l4;

		d.fn = bp_diag_drop_fn;
		CHECK(bp_txt_parse_body(art, md, strlen(md), map, &lo, &d),
		    "the styled lists parse");
		q = art->body->first;
		l1 = q != NULL ? q->first : NULL;
		l2 = l1 != NULL && l1->first != NULL ? l1->first->first : NULL;
		l3 = q != NULL ? q->next : NULL;
		l4 = l3 != NULL ? l3->next : NULL;
		CHECK(l1 != NULL && l1->type == BP_NODE_LIST &&
		    l1->u.list.style == BP_LIST_STYLE_LOWER_ROMAN,
		    "a list in a quote keeps its style");
		CHECK(l2 != NULL && l2->type == BP_NODE_LIST &&
		    l2->u.list.style == BP_LIST_STYLE_UPPER_ALPHA,
		    "a list on its parent item's line keeps its own");
		CHECK(l3 != NULL && l3->type == BP_NODE_LIST &&
		    l3->u.list.style == BP_LIST_STYLE_DECIMAL,
		    "an unstyled list stays decimal");
		CHECK(l4 != NULL && l4->type == BP_NODE_LIST &&
		    l4->u.list.start == 2 &&
		    l4->u.list.style == BP_LIST_STYLE_LOWER_ALPHA,
		    "a lettered list after it keeps its start and style");
		bp_article_free(art);
	}
	g_free(md);
	bp_txt_map_free(map);
	bp_mdout_free(o);

	/* "a)" lists keep their parenthesis, unless it would merge two. */
	o = bp_mdout_new();
	bp_mdout_list(o, true, 1);
	bp_mdout_list_paren(o);
	bp_mdout_item(o);
	T(o, "x");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	bp_mdout_list(o, true, 1);
	bp_mdout_list_paren(o);
	bp_mdout_item(o);
	T(o, "y");
	bp_mdout_item_end(o);
	bp_mdout_list_end(o);
	md = finish(o, NULL);
	CHECK_STR(md, "1) x\n\n1. y\n", "parentheses, lists in a row apart");
	g_free(md);
	bp_mdout_free(o);

	/* Column alignment: the header cell's, else most of the others'. */
	o = bp_mdout_new();
	bp_mdout_table(o);
	bp_mdout_row(o, true);
	bp_mdout_cell(o);
	T(o, "a");
	bp_mdout_cell_end(o);
	bp_mdout_cell(o);
	bp_mdout_cell_align(o, BP_ALIGN_CENTER);
	T(o, "b");
	bp_mdout_cell_end(o);
	bp_mdout_cell(o);
	T(o, "c");
	bp_mdout_cell_end(o);
	bp_mdout_cell(o);
	T(o, "d");
	bp_mdout_cell_end(o);
	bp_mdout_row_end(o);
	for (int r = 0; r < 3; r++) {
		bp_mdout_row(o, false);
		bp_mdout_cell(o);
		bp_mdout_cell_align(o, r < 2 ? BP_ALIGN_RIGHT : BP_ALIGN_LEFT);
		T(o, "1");
		bp_mdout_cell_end(o);
		bp_mdout_cell(o);
		bp_mdout_cell_align(o, BP_ALIGN_RIGHT);
		T(o, "2");
		bp_mdout_cell_end(o);
		bp_mdout_cell(o);
		bp_mdout_cell_align(o, r == 0 ? BP_ALIGN_RIGHT : BP_ALIGN_NONE);
		T(o, "3");
		bp_mdout_cell_end(o);
		bp_mdout_row_end(o);
	}
	bp_mdout_table_end(o);
	md = finish(o, NULL);
	CHECK_STR(md, "| a | b | c | d |\n| --: | :-: | --- | --- |\n"
	    "| 1 | 2 | 3 |  |\n| 1 | 2 | 3 |  |\n| 1 | 2 | 3 |  |\n",
	    "columns: most cells (2 of 3), the header's, no majority, none");
	g_free(md);
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
