/*
 * Unit tests for Markdown -> document model (parse/md.c, model/).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <glib/gstdio.h>

#include "bp.h"
#include "parse/load.h"
#include "harness.h"

struct sink {
	int	 warnings, errors;
	GString	*text;
};

static void
sink_fn(void *data, enum bp_severity sev, const char *file, int line, int col,
    const char *msg)
{
	struct sink	*s = data;

	(void)file;
	if (sev == BP_WARNING)
		s->warnings++;
	if (sev == BP_ERROR)
		s->errors++;
	g_string_append_printf(s->text, "%d:%d: %s\n", line, col, msg);
}

/* Parse md as an article at "t/x.md" and return its model dump. */
static char *
dump_of(const char *md, int first_line, struct sink *s)
{
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*art = bp_article_new("t/x.md");
	struct bp_diag		 d = { 0 };
	struct bp_load_opts	 lo = { .smart = true };
	char			*out;

	d.file = "t/x.md";
	d.fn = sink_fn;
	d.data = s;
	art->id = g_strdup("a1");
	bp_md_parse(art, md, strlen(md), first_line, &lo, &d);
	g_ptr_array_add(pack->articles, art);
	out = bp_pack_dump(pack);
	bp_pack_free(pack);
	return out;
}

static bool
has(const char *hay, const char *needle)
{
	bool	 found = strstr(hay, needle) != NULL;

	if (!found)
		fprintf(stderr, "  missing \"%s\" in:\n%s\n", needle, hay);
	return found;
}

/*
 * The iterator's events over a parsed article, each a node type's name
 * after "+" on enter, "-" on exit, then the deepest depth reached.
 * bp_iter_skip is called on entering each node of type skip
 * (BP_NODE__MAX: none).
 */
static char *
events_of(const char *md, enum bp_node_type skip)
{
	struct bp_article	*art = bp_article_new("t/x.md");
	struct bp_diag		 d = { 0 };
	struct bp_load_opts	 lo = { 0 };
	struct bp_iter		 it;
	GString			*out = g_string_new(NULL);
	enum bp_event		 ev;
	int			 maxdepth = 0;

	d.fn = bp_diag_drop_fn;
	bp_md_parse(art, md, strlen(md), 1, &lo, &d);
	bp_iter_init(&it, art->body);
	while ((ev = bp_iter_next(&it)) != BP_EVENT_DONE) {
		g_string_append_printf(out, "%s%s ", ev == BP_EVENT_ENTER ?
		    "+" : "-", bp_node_type_name(it.node->type));
		maxdepth = MAX(maxdepth, it.depth);
		if (ev == BP_EVENT_ENTER && it.node->type == skip)
			bp_iter_skip(&it);
	}
	CHECK(bp_iter_next(&it) == BP_EVENT_DONE && it.depth == 0,
	    "iterator: DONE again after DONE, back at depth 0");
	g_string_append_printf(out, "depth=%d", maxdepth);
	bp_article_free(art);
	return g_string_free(out, FALSE);
}

/*
 * The body provider: a loaded article keeps its text, not its tree; the
 * body comes back on acquire, in the language the pack decided, and is
 * let go on release, as often as asked, without reading images again.
 */
static void
test_body_provider(void)
{
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*art;
	struct bp_diag		 d = { 0 };
	struct bp_load_opts	 lo = { .smart = true };
	const struct bp_image	*im;
	char			*tmp, *path, *img, *first = NULL, *again;
	int			 k;

	tmp = g_dir_make_tmp("bp-test-model-XXXXXX", NULL);
	path = g_build_filename(tmp, "x.md", NULL);
	img = g_build_filename(tmp, "gone.png", NULL);
	g_file_set_contents(path, "# Tittel\n\nHan sa \"ja\".[^1]\n\n"
	    "![bilde](gone.png)\n\n[^1]: En note.\n", -1, NULL);
	d.fn = bp_diag_drop_fn;
	art = bp_parse_article(path, &lo, &d);
	art->id = g_strdup("a1");
	g_ptr_array_add(pack->articles, art);
	CHECK(!art->failed && art->body == NULL && art->nnotes == 0,
	    "provider: a loaded article keeps no tree");
	CHECK(art->missing_images == 1, "provider: the missing image counted");
	CHECK(!bp_article_body_acquire(NULL, &d), "provider: NULL has no body");
	pack->meta.lang = g_strdup("nb");
	bp_pack_fill_defaults(pack, /*folder*/NULL, /*style*/NULL, &d);
	CHECK_STR(art->lang, "nb", "provider: the pack decides the language");
	/* The missing image would now be found: it must not be looked for. */
	g_file_set_contents(img, "not a png", -1, NULL);
	for (k = 0; k < 3; k++) {
		CHECK(bp_article_body_acquire(art, &d) && art->body != NULL &&
		    art->nnotes == 1, "provider: acquire %d gives the body and "
		    "its note", k + 1);
		again = bp_node_plain_text(art->body);
		if (first == NULL)
			first = g_strdup(again);
		CHECK_STR(again, first, "provider: the same body each time");
		CHECK(strstr(again, "\xc2\xabja\xc2\xbb") != NULL,
		    "provider: quotes in the decided language (%s)", again);
		CHECK(strstr(again, "Tittel") == NULL,
		    "provider: the opening heading stays the title");
		g_free(again);
		bp_article_body_release(art);
		CHECK(art->body == NULL && art->notes == NULL,
		    "provider: release lets the body go");
	}
	im = art->images->len == 1 ? g_ptr_array_index(art->images, 0) : NULL;
	CHECK(im != NULL && im->data == NULL && im->problem != NULL &&
	    strstr(im->problem, "not found") != NULL,
	    "provider: images are those of the first load (%s)",
	    im != NULL && im->problem != NULL ? im->problem : "none");
	art->failed = true;
	CHECK(!bp_article_body_acquire(art, &d), "provider: failed: no body");
	art->failed = false;
	bp_pack_free(pack);
	g_unlink(img);
	g_unlink(path);
	g_rmdir(tmp);
	g_free(first);
	g_free(img);
	g_free(path);
	g_free(tmp);
}

int
main(void)
{
	struct sink	 s = { 0, 0, NULL };
	char		*d, *md;
	GString		*big;
	int		 i;

	s.text = g_string_new(NULL);
	test_body_provider();

	d = dump_of("# Title\n\nSome *em* and **strong** ~~gone~~ `code`.\n", 1, &s);
	CHECK(has(d, "heading level=1 id=title"), "heading with its id");
	CHECK(has(d, "emph\n") && has(d, "strong\n") && has(d, "strike\n"),
	    "emphasis, strong and strike nodes");
	CHECK(has(d, "code \"code\""), "inline code keeps its text");
	g_free(d);

	d = dump_of("7. seven\n8. eight\n\n1) paren\n", 1, &s);
	CHECK(has(d, "list ordered start=7 delim=."), "ordered list keeps its start");
	CHECK(has(d, "list ordered start=1 delim=)"), "paren delimiter kept");
	g_free(d);

	d = dump_of("- [x] done\n- [ ] open\n- plain\n", 1, &s);
	CHECK(has(d, "item task=done") && has(d, "item task=open"),
	    "task list items");
	g_free(d);

	d = dump_of("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n", 1, &s);
	CHECK(has(d, "table cols=3"), "table columns");
	CHECK(has(d, "row header"), "header row");
	CHECK(has(d, "cell align=left") && has(d, "cell align=center") &&
	    has(d, "cell align=right"), "cell alignment from the delimiter row");
	g_free(d);

	d = dump_of("A[^b] B[^a] C[^b].\n\n[^a]: note a\n[^b]: note b\n", 1, &s);
	CHECK(has(d, "footnote_ref num=1") && has(d, "footnote_ref num=2"),
	    "footnote references numbered by first use");
	CHECK(has(d, "footnote_def num=1\n    para\n      text \"note b\""),
	    "note 1 is the first referenced (b)");
	CHECK(has(d, "footnote_def num=2\n    para\n      text \"note a\""),
	    "note 2 is a");
	g_free(d);

	d = dump_of("## Same\n\n## Same\n\n## Næring og vekst!\n", 1, &s);
	CHECK(has(d, "id=same\n") && has(d, "id=same-2\n"),
	    "duplicate headings get unique ids");
	CHECK(has(d, "id=næring-og-vekst"), "ids keep letters like æ");
	g_free(d);

	/* Raw HTML: kept as text, one warning; comments dropped silently. */
	s.warnings = 0;
	d = dump_of("<script>alert(1)</script>\n\nx <b>y</b> z\n\n<!-- hidden -->\n",
	    1, &s);
	CHECK(has(d, "html_block \"<script>alert(1)</script>\\n\""),
	    "HTML block kept as literal text");
	CHECK(has(d, "html_inline \"<b>\""), "inline HTML kept as literal text");
	CHECK(strstr(d, "hidden") == NULL, "HTML comment dropped");

	CHECK(s.warnings == 1, "one warning per article for raw HTML (got %d)",
	    s.warnings);
	g_free(d);
	/* A block that only starts with a comment keeps what follows. */
	d = dump_of("<!-- foo -->*bar*\n", 1, &s);
	CHECK(has(d, "*bar*"), "text after a comment in an HTML block is kept");
	g_free(d);

	/* Source lines are file lines: front matter shifts them. */
	g_string_truncate(s.text, 0);
	d = dump_of("text\n\n![x](nope.png)\n", 5, &s);
	CHECK(has(s.text->str, "7:1: image \"nope.png\" not found"),
	    "image warning names the file line after front matter");
	CHECK(has(d, "image url=\"nope.png\" missing"), "missing image marked");
	g_free(d);

	g_string_truncate(s.text, 0);
	d = dump_of("![x](../../etc/passwd)\n![y](https://example.com/a.png)\n",
	    1, &s);
	CHECK(has(s.text->str, "outside the article's folder"),
	    "image path leaving the folder refused");
	CHECK(has(s.text->str, "remote"), "remote image never fetched");
	g_free(d);

	/* Deep nesting is flattened past the limit, with a warning. */
	big = g_string_new(NULL);
	for (i = 0; i < 300; i++)
		g_string_append_c(big, '>');
	g_string_append(big, " deep\n");
	s.warnings = 0;
	g_string_truncate(s.text, 0);
	md = g_string_free(big, FALSE);
	d = dump_of(md, 1, &s);
	CHECK(has(s.text->str, "flattened"), "deep quotes flattened with a warning");
	CHECK(has(d, "text \"deep\""), "the text of a deep quote is kept");
	g_free(d);
	g_free(md);

	/* Hard and soft breaks. */
	d = dump_of("a  \nb\\\nc\nd\n", 1, &s);
	CHECK(has(d, "linebreak\n      text \"b\"\n      linebreak"),
	    "both hard break spellings");
	CHECK(has(d, "softbreak"), "soft break");
	g_free(d);

	/* The tree iterator: enter/exit in document order, leaves enter only. */
	d = events_of("# H\n\nA *b*\n\n- x\n---\n", BP_NODE__MAX);
	CHECK_STR(d, "+document +heading +text -heading +para +text +emph "
	    "+text -emph -para +list +item +para +text -para -item -list +rule "
	    "-document depth=4", "iterator: events in document order");
	g_free(d);
	d = events_of("- x\n  - y\n\nz\n", BP_NODE_LIST);
	CHECK_STR(d, "+document +list -list +para +text -para -document depth=2",
	    "iterator: a skipped container gives its exit next");
	g_free(d);
	/* Skipping a leaf skips nothing, not the next container's children. */
	d = events_of("text *em*\n", BP_NODE_TEXT);
	CHECK_STR(d, "+document +para +text +emph +text -emph -para -document "
	    "depth=3",
	    "iterator: skip on a leaf leaves the next container whole");
	g_free(d);
	d = events_of("", BP_NODE__MAX);
	CHECK_STR(d, "+document -document depth=0",
	    "iterator: an empty container enters and exits");
	g_free(d);

	g_string_free(s.text, TRUE);
	return HARNESS_EXIT();
}
