/*
 * Unit tests for the Markdown writer's escaping (md/escape.c): expected
 * forms, and text that must come back from the parser exactly as it was.
 * SPDX-License-Identifier: MIT
 */
#include "bp.h"
#include "harness.h"
#include "md/md.h"
#include "parse/load.h"

static char *esc_text(const char *s, unsigned flags);
static char *esc_code(const char *s, bool table);
static char *esc_url(const char *s);
static char *reparse(const char *md, bool smart);
static void test_forms(void);
static void test_reparse(void);

static char *
esc_text(const char *s, unsigned flags)
{
	GString	*out = g_string_new(NULL);

	bp_mdw_escape_text(out, s, flags);
	return g_string_free(out, FALSE);
}

static char *
esc_code(const char *s, bool table)
{
	GString	*out = g_string_new(NULL);

	bp_mdw_code_span(out, s, table);
	return g_string_free(out, FALSE);
}

static char *
esc_url(const char *s)
{
	GString	*out = g_string_new(NULL);

	bp_mdw_escape_url(out, s);
	return g_string_free(out, FALSE);
}

/* The text of the first block of md, as the model has it. Caller frees. */
static char *
reparse(const char *md, bool smart)
{
	struct bp_load_opts	 opts = { 0 };
	struct bp_diag		 quiet = { 0 };
	struct bp_article	*art = bp_article_new("t.md");
	char			*text = NULL;

	quiet.fn = bp_diag_drop_fn;
	opts.smart = smart;
	art->lang = g_strdup("en");
	if (bp_md_parse(art, md, strlen(md), 1, &opts, &quiet) &&
	    art->body->first != NULL)
		text = bp_node_plain_text(art->body->first);
	bp_article_free(art);
	return text != NULL ? text : g_strdup("(nothing)");
}

#define FORM(got, want, ...) do { \
	char *f_ = (got); \
	CHECK_STR(f_, want, __VA_ARGS__); \
	g_free(f_); \
} while (0)

static void
test_forms(void)
{
	FORM(esc_text("a*b_c d_ [x] <y> `z` ~s~", 0),
	    "a\\*b_c d\\_ \\[x\\] \\<y> \\`z\\` \\~s\\~",
	    "text: emphasis, links, code, HTML, strike");
	FORM(esc_text("snake_case_navn", 0), "snake_case_navn",
	    "text: '_' inside a word stays");
	FORM(esc_text("AT&T og &amp; og &#38; og &#x26;", 0),
	    "AT&T og \\&amp; og \\&#38; og \\&#x26;",
	    "text: only what a parser would decode is escaped");
	FORM(esc_text("- a", BP_MDW_LINE_START), "\\- a",
	    "line start: a bullet");
	FORM(esc_text("- a", 0), "- a", "mid-line: no bullet to fear");
	FORM(esc_text("2026. Året", BP_MDW_LINE_START), "2026\\. Året",
	    "line start: an ordered item's number");
	FORM(esc_text("3) tre", BP_MDW_LINE_START), "3\\) tre",
	    "line start: a number with a parenthesis");
	FORM(esc_text("1234567890. lang", BP_MDW_LINE_START),
	    "1234567890. lang", "line start: ten digits open no item");
	FORM(esc_text("# > + =", BP_MDW_LINE_START), "\\# > + =",
	    "line start: only the first character is at risk");
	FORM(esc_text("  to", BP_MDW_LINE_START), "&#32;&#32;to",
	    "line start: leading spaces as references");
	FORM(esc_text("C# og #1", BP_MDW_IN_HEADING), "C\\# og \\#1",
	    "heading: '#' escaped");
	FORM(esc_text("a | b", BP_MDW_IN_TABLE), "a \\| b",
	    "table: '|' escaped");
	FORM(esc_text("a | b", 0), "a | b", "outside a table: '|' stays");
	FORM(esc_text("\"sitat\" og 'apostrof'", 0),
	    "\\\"sitat\\\" og \\'apostrof\\'",
	    "straight quotes escaped (smart punctuation)");
	FORM(esc_text("a--b ... c", 0), "a-\\-b .\\.\\. c",
	    "dashes and dots escaped (smart punctuation)");
	FORM(esc_text("Hei!", BP_MDW_BEFORE_LINK), "Hei\\!",
	    "a final '!' before a link");
	FORM(esc_text("Hei!", 0), "Hei!", "a final '!' at a paragraph's end");
	FORM(esc_text("Hei! Du", 0), "Hei! Du", "a '!' before a space stays");
	FORM(esc_text("slutt  ", BP_MDW_LINE_END), "slutt&#32;&#32;",
	    "line end: trailing spaces as references");
	FORM(esc_text("slutt ", 0), "slutt ", "mid-line: a trailing space stays");
	FORM(esc_text("a\nb\r", 0), "a&#10;b&#13;",
	    "a line feed in text (from &#10;) as a reference");
	FORM(esc_code("a`b", false), "``a`b``", "code: longer fence");
	FORM(esc_code("`x", false), "`` `x ``", "code: padded at a backtick");
	FORM(esc_code(" a ", false), "`  a  `", "code: spaces at both ends");
	FORM(esc_code("   ", false), "`   `", "code: only spaces");
	FORM(esc_code("a|b", true), "`a\\|b`", "code in a table: '|'");
	FORM(esc_url("https://example.org/a_(b)"), "https://example.org/a_(b)",
	    "url: balanced parentheses stay");
	FORM(esc_url("https://example.org/a b"), "<https://example.org/a b>",
	    "url: a space needs <>");
	FORM(esc_url("x)y"), "<x)y>", "url: an unbalanced parenthesis");
	FORM(esc_url(""), "<>", "url: empty");
	FORM(esc_url("a\\b&amp;"), "a\\\\b\\&amp;", "url: backslash, entity");
}

/*
 * Text escaped as the start of a paragraph, parsed back with and without
 * smart punctuation, must be the same text.
 */
static void
test_reparse(void)
{
	static const char *const texts[] = {
		"*ikke* _uthevet_ __heller__ **ikke**",
		"[ikke lenke](https://example.org) og ![ikke bilde](x.png)",
		"<https://example.org> <b>ikke html</b> <!-- ikke kommentar -->",
		"`ikke kode` ``heller ikke``",
		"~~ikke strek~~ ~enkelt~",
		"\\* \\\\ \\` bakstreker",
		"&amp; &copy; &#9651; &#x26; &nbsp; AT&T",
		"# ikke overskrift",
		"- ikke liste",
		"+ ikke liste",
		"* ikke liste",
		"1. ikke liste",
		"2026) ikke liste",
		"> ikke sitat",
		"=== ikke understrek",
		"--- ikke linje",
		"*** ikke linje",
		"___",
		"    ikke kode",
		"\tikke kode",
		"``` ikke gjerde",
		"~~~ ikke gjerde",
		"[^1] ikke fotnote",
		"[lenke]: https://example.org ikke definisjon",
		"\"rette\" 'anførsels' tegn -- og --- og ...",
		"Hei!",
		"100 % | 50 % | 25 %",
		"a_b_c _a_b_ a__b__c",
		"æ_ø_å",
		"https://www.example.org/ikke/lenke www.example.com",
		"post@example.org",
		"|a|b|",
		":---|:---:",
		"<",
		"!",
		"\\",
		"&",
		"e\xcc\x81 kombinert",
	};
	size_t	 i;
	char	*md, *got;
	bool	 smart;
	int	 k;

	for (i = 0; i < G_N_ELEMENTS(texts); i++)
		for (k = 0; k < 2; k++) {
			smart = k == 1;
			md = esc_text(texts[i], BP_MDW_LINE_START);
			got = reparse(md, smart);
			CHECK_STR(got, texts[i], "reparse%s: %s", smart ?
			    " (smart)" : "", texts[i]);
			g_free(md);
			g_free(got);
		}
}

int
main(void)
{
	bp_md_init();
	test_forms();
	test_reparse();
	return HARNESS_EXIT();
}
