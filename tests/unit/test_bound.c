/*
 * Unit tests for parse/bound.c: wide tables cut in place, and the limits
 * on what cmark-gfm would build.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "bp.h"
#include "parse/parse.h"
#include "harness.h"
#include "capture.h"

static char *bound(const char *, size_t, int);
static char *line_of(const char *, int);
static unsigned cells_of(const char *);
static GString *wide_row(const char *, const char *, unsigned, const char *);
static bool same_shape(const char *, const char *);
static int table_cols(const char *);
static void test_wide_table(void);
static void test_table_shapes(void);
static void test_no_cut(void);
static void test_cells(void);
static void test_nesting(void);
static void test_inlines(void);
static void test_defs_and_notes(void);
static void test_headings(void);
static void test_nobreak(void);
static void test_tree(void);

/* bp_bound_text on text with a fresh sink; earlier messages dropped. */
static char *
bound(const char *text, size_t len, int first_line)
{
	struct bp_diag	 d;

	diag_init(&d);
	return bp_bound_text(text, len, first_line, &d);
}

/* Line n (1-based) of s, without its "\n"; caller frees. */
static char *
line_of(const char *s, int n)
{
	const char	*e;

	for (; n > 1 && s != NULL; n--)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	if (s == NULL)
		return g_strdup("");
	e = strchr(s, '\n');
	return g_strndup(s, e != NULL ? (gsize)(e - s) : strlen(s));
}

/* Cells as cmark-gfm counts them: unescaped pipes, leading and trailing. */
static unsigned
cells_of(const char *row)
{
	const char	*p = row, *e = row + strlen(row);
	unsigned	 n = 0;

	while (e > p && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	while (*p == ' ' || *p == '>' || (*p == '-' && p[1] == ' '))
		p++;
	if (*p == '|')
		p++;
	for (n = 1; p < e; p++) {
		if (*p == '\\' && p + 1 < e) {
			p++;
			continue;
		}
		if (*p == '|' && p + 1 < e)
			n++;
	}
	return n;
}

/* lead, then n cells each followed by '|': cell with '#' as its number. */
static GString *
wide_row(const char *lead, const char *cell, unsigned n, const char *tail)
{
	GString		*s = g_string_new(lead);
	const char	*c;
	unsigned	 i;

	for (i = 0; i < n; i++) {
		for (c = cell; *c != '\0'; c++)
			if (*c == '#')
				g_string_append_printf(s, "%u", i);
			else
				g_string_append_c(s, *c);
		g_string_append_c(s, '|');
	}
	g_string_append(s, tail);
	return s;
}

/* The same length and line feeds at the same places. */
static bool
same_shape(const char *a, const char *b)
{
	size_t	 i, n = strlen(a);

	if (strlen(b) != n)
		return false;
	for (i = 0; i < n; i++)
		if ((a[i] == '\n') != (b[i] == '\n') ||
		    (a[i] == '\r') != (b[i] == '\r'))
			return false;
	return true;
}

/* The widest table cmark-gfm makes of text (0: none). */
static int
table_cols(const char *text)
{
	cmark_parser	*p;
	cmark_node	*doc, *cn;
	cmark_iter	*it;
	const char	*ts;
	int		 cols = 0;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p,
	    cmark_find_syntax_extension("table"));
	cmark_parser_feed(p, text, strlen(text));
	doc = cmark_parser_finish(p);
	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cn = cmark_iter_get_node(it);
		ts = cmark_node_get_type_string(cn);
		if (ts != NULL && strcmp(ts, "table") == 0)
			cols = MAX(cols,
			    cmark_gfm_extensions_get_table_columns(cn));
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return cols;
}

static void
test_wide_table(void)
{
	GString		*t = g_string_new("# Tabell\n\n");
	GString		*h = wide_row("|", "k#", 70, "\n");
	GString		*d = wide_row("|", "-", 70, "\n");
	char		*out, *l3, *l4, *l5, *trimmed;
	const struct msg *m;

	g_string_append(t, h->str);
	g_string_append(t, d->str);
	g_string_append(t, "|r1|\n|r2|\n\nEtter tabellen.\n");
	out = bound(t->str, t->len, /*first_line*/5);
	CHECK(out != NULL, "wide table: converted");
	if (out == NULL)
		goto out;
	CHECK(same_shape(out, t->str),
	    "wide table: every line keeps its length and number");
	l3 = line_of(out, 3);
	l4 = line_of(out, 4);
	l5 = line_of(out, 5);
	CHECK(cells_of(l3) == 64, "wide table: header cut to 64 cells (%u)",
	    cells_of(l3));
	CHECK(cells_of(l4) == 64, "wide table: delimiter cut to 64 cells (%u)",
	    cells_of(l4));
	CHECK(strstr(l3, "|k63|") != NULL && strstr(l3, "k64") == NULL,
	    "wide table: k63 kept, k64 blanked");
	trimmed = g_strchomp(g_strdup(l3));
	CHECK(g_str_has_suffix(trimmed, "|k63|"),
	    "wide table: the header ends at the pipe after the 64th cell");
	g_free(trimmed);
	CHECK_STR(l5, "|r1|", "wide table: body rows untouched");
	CHECK(table_cols(t->str) == 70 && table_cols(out) == 64,
	    "wide table: cmark-gfm makes 64 columns of it, 70 before");
	CHECK(strstr(out, "Etter tabellen.") != NULL,
	    "wide table: the text after it untouched");
	m = find_msg(BP_WARNING, "table has 70 columns; only the first 64 "
	    "are kept");
	CHECK(m != NULL && m->line == 7 && m->col == 1,
	    "wide table: one warning at the header's file line (7:1)");
	CHECK(count_msgs(BP_WARNING) == 1 && count_msgs(BP_ERROR) == 0,
	    "wide table: exactly one warning, no error");
	g_free(l3);
	g_free(l4);
	g_free(l5);
	g_free(out);
out:
	g_string_free(t, TRUE);
	g_string_free(h, TRUE);
	g_string_free(d, TRUE);
}

/* Escapes, quotes, lists, no outer pipes, CRLF, alignment colons. */
static void
test_table_shapes(void)
{
	static const struct {
		const char *name, *hlead, *hfmt, *htail, *dlead, *dfmt,
		    *dtail, *warning;
	} shapes[] = {
		{ "escaped pipes", "|", "a\\|#", "\n", "|", ":-:", "\n",
		    "table has 100 columns" },
		{ "no outer pipes", "", "c#", "x\n", "", "--", "--\n",
		    "table has 101 columns" },
		{ "block quote", "> |", "q#", "\n", "> |", "-", "\n",
		    "table has 100 columns" },
		{ "nested quote", "> > ", "n#", "\n", "> > ", ":--", "\n",
		    "table has 100 columns" },
		{ "list item", "- |", "l#", "\n", "  |", "-", "\n",
		    "table has 100 columns" },
		{ "CRLF", "|", "w#", "\r\n", "|", "-", "\r\n",
		    "table has 100 columns" },
		{ "spaces around", "  | ", " s# ", "  \n", " |", " --- ", "\n",
		    "table has 100 columns" },
	};
	GString		*t, *h, *d;
	char		*out, *l1, *l2;
	size_t		 i;

	for (i = 0; i < G_N_ELEMENTS(shapes); i++) {
		h = wide_row(shapes[i].hlead, shapes[i].hfmt, 100,
		    shapes[i].htail);
		d = wide_row(shapes[i].dlead, shapes[i].dfmt, 100,
		    shapes[i].dtail);
		t = g_string_new(h->str);
		g_string_append(t, d->str);
		out = bound(t->str, t->len, 1);
		CHECK(out != NULL && same_shape(out, t->str),
		    "%s: converted, same lines", shapes[i].name);
		l1 = line_of(out, 1);
		l2 = line_of(out, 2);
		CHECK(cells_of(l1) == 64 && cells_of(l2) == 64,
		    "%s: both rows cut to 64 cells (%u, %u)", shapes[i].name,
		    cells_of(l1), cells_of(l2));
		CHECK(table_cols(out) == 64, "%s: cmark-gfm makes 64 "
		    "columns of it (%d; %d before)", shapes[i].name,
		    table_cols(out), table_cols(t->str));
		CHECK(find_msg(BP_WARNING, shapes[i].warning) != NULL &&
		    count_msgs(BP_WARNING) == 1, "%s: one warning",
		    shapes[i].name);
		g_free(l1);
		g_free(l2);
		g_free(out);
		g_string_free(t, TRUE);
		g_string_free(h, TRUE);
		g_string_free(d, TRUE);
	}
}

/* What must stay as it is. */
static void
test_no_cut(void)
{
	GString		*t, *d = wide_row("|", "-", 100, "\n");
	char		*out;
	static const char narrow[] =
	    "|a|b|c|\n|:-|-:|:-:|\n|1|2|3|\n\nText *em* and **strong**.\n";

	out = bound(narrow, strlen(narrow), 1);
	CHECK_STR(out, narrow, "a narrow table and text: unchanged");
	CHECK(msgs->len == 0, "a narrow table: no message");
	g_free(out);

	/* After a blank line there is no header: no table, nothing cut. */
	t = g_string_new("Text.\n\n");
	g_string_append(t, d->str);
	out = bound(t->str, t->len, 1);
	CHECK_STR(out, t->str, "a delimiter row after a blank line: unchanged");
	CHECK(msgs->len == 0, "a delimiter row after a blank line: no message");
	g_free(out);
	g_string_free(t, TRUE);

	/* Rows that look like delimiter rows: cut, but one warning. */
	t = wide_row("|", "h#", 100, "\n");
	g_string_append(t, d->str);
	g_string_append(t, d->str);
	g_string_append(t, d->str);
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && count_msgs(BP_WARNING) == 1,
	    "three delimiter-like rows: one warning (%u)",
	    count_msgs(BP_WARNING));
	g_free(out);
	g_string_free(t, TRUE);
	g_string_free(d, TRUE);
}

/* Padded cells: rows are charged the header's width. */
static void
test_cells(void)
{
	GString		*t, *h = wide_row("|", "k#", 64, "\n");
	GString		*d = wide_row("|", "-", 64, "\n");
	char		*out;
	const struct msg *m;
	unsigned	 rows = BP_MAX_TABLE_CELLS / BP_MAX_TABLE_COLS + 10, i;

	/* 64 columns and one-cell rows: padded past the limit. */
	t = g_string_new("Intro.\n\n");
	g_string_append(t, h->str);
	g_string_append(t, d->str);
	for (i = 0; i < rows; i++)
		g_string_append(t, "|x|\n");
	out = bound(t->str, t->len, 10);
	m = find_msg(BP_ERROR, "cells");
	CHECK(out == NULL && m != NULL && m->line == 12,
	    "64 columns x %u rows: refused at the header's line 12", rows);
	g_free(out);
	g_string_free(t, TRUE);

	/* 20,000 rows of 5 columns: fine. */
	t = g_string_new("| Nr | Navn | Verdi | A | B |\n|---:|:--|--:|-|-|\n");
	for (i = 0; i < 20000; i++)
		g_string_append_printf(t, "| %u | **rad%u** | *%u* | a | b |\n",
		    i, i, i * 7);
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "20,000 rows x 5 columns, bold in each row: converted, no message");
	g_free(out);
	g_string_free(t, TRUE);
	g_string_free(h, TRUE);
	g_string_free(d, TRUE);
}

static void
test_nesting(void)
{
	GString		*t = g_string_new(NULL);
	char		*out;
	const struct msg *m;
	unsigned	 i;

	for (i = 0; i < 20000; i++)
		g_string_append(t, "- ");
	g_string_append(t, "x\n");
	for (i = 0; i < 10000; i++)
		g_string_append_c(t, '\n');
	out = bound(t->str, t->len, 3);
	m = find_msg(BP_ERROR, "nested");
	CHECK(out == NULL && m != NULL && m->line == 3,
	    "20,000 list markers then 10,000 blank lines: refused at line 3");
	g_free(out);

	/* Deep, but without the blank lines: fine (md.c flattens it). */
	g_string_truncate(t, 0);
	for (i = 0; i < 3000; i++) {
		g_string_append_printf(t, "%*s- punkt%u\n", (int)i * 2, "", i);
	}
	g_string_append(t, "\nlisteslutt\n");
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "a 3,000-deep indented list: converted, no message");
	g_free(out);

	/* Many blank lines under shallow lists: fine. */
	g_string_assign(t, "- a\n  - b\n    - c\n");
	for (i = 0; i < 1000000; i++)
		g_string_append(t, "\n");
	g_string_append(t, "slutt\n");
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "1,000,000 blank lines after a 3-deep list: converted");
	g_free(out);
	g_string_free(t, TRUE);
}

static void
test_inlines(void)
{
	GString		*t = g_string_new(NULL);
	char		*out;
	const struct msg *m;
	unsigned	 i;

	/* CVE-2023-22483: "*t " x n then "_t*_ " x n. */
	g_string_append(t, "Før.\n\n");
	for (i = 0; i < 30000; i++)
		g_string_append(t, "*t ");
	for (i = 0; i < 30000; i++)
		g_string_append(t, "_t*_ ");
	g_string_append(t, "\n");
	out = bound(t->str, t->len, 1);
	m = find_msg(BP_ERROR, "runs of");
	CHECK(out == NULL && m != NULL && m->line == 3,
	    "120,000 emphasis runs in one paragraph: refused at line 3");
	g_free(out);

	/* The same over lines in one paragraph; a blank line splits it. */
	g_string_truncate(t, 0);
	for (i = 0; i < 60000; i++)
		g_string_append(t, i == 30000 ? "*a*\n\n" : "*a*\n");
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL, "2 x 60,000 runs in two paragraphs: converted");
	g_free(out);

	/* A "table" that is a lazy line of a quote is one paragraph. */
	g_string_assign(t, "> a\n|x|\n|-|\n");
	for (i = 0; i < 40000; i++)
		g_string_append(t, "|*t _t*_\n");
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "runs of") != NULL,
	    "rows of a lazy table count as one paragraph: refused");
	g_free(out);

	/* CVE-2023-22486: "![[]()" x n. */
	g_string_truncate(t, 0);
	for (i = 0; i < 16000; i++)
		g_string_append(t, "![[]()");
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "\"![\"") != NULL,
	    "16,000 \"![[]()\": refused");
	g_free(out);
	g_string_truncate(t, 0);
	for (i = 0; i < 1000; i++)
		g_string_append(t, "![bilde](b.png) [lenke](https://e.no) ");
	for (i = 0; i < 20000; i++)
		g_string_append(t, "![b](c.png) ");
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "21,000 closed images and 1,000 links in a paragraph: converted");
	g_free(out);
	g_string_free(t, TRUE);
}

/* Lines that are not inline text, and lines that only look so. */
static void
test_defs_and_notes(void)
{
	GString		*t = g_string_new(NULL);
	char		*out;
	unsigned	 i;

	/* cmark's "many references": definitions are no paragraph. */
	for (i = 1; i < 200000; i++)
		g_string_append_printf(t, "[%u]: u\n", i);
	for (i = 0; i < 20000; i++)
		g_string_append(t, "[0] ");
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "200,000 link definitions, 20,000 uses: converted");
	g_free(out);

	/* 50,000 footnote definitions in a row: 50,000 blocks. */
	g_string_truncate(t, 0);
	for (i = 0; i < 50000; i++)
		g_string_append_printf(t, "Tekst[^n%u] *a* [b](c).\n\n", i);
	for (i = 0; i < 50000; i++)
		g_string_append_printf(t, "[^n%u]: Note *%u* [b](c).\n", i, i);
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "50,000 footnote definitions in a row: converted");
	g_free(out);

	/* "[ ]:" is no definition (blank label): one paragraph. */
	g_string_truncate(t, 0);
	for (i = 0; i < 30000; i++)
		g_string_append(t, "[ ]: x \"*t _t*_ *t _t*_\"\n");
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "runs of") != NULL,
	    "lines like definitions with a blank label: one paragraph, refused");
	g_free(out);

	/* After a footnote's first line, definitions are its text. */
	g_string_assign(t, "[^1]: x\n");
	for (i = 0; i < 30000; i++)
		g_string_append(t, "[a]: y \"*t _t*_ *t _t*_\"\n");
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "runs of") != NULL,
	    "definitions after a footnote's first line: its text, refused");
	g_free(out);

	/* A definition used 10,000 times: fine; with a 1 MB title, not. */
	g_string_assign(t, "[r]: https://e.no \"Tittel\"\n\n");
	for (i = 0; i < 10000; i++)
		g_string_append(t, "[r] ");
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "a definition used 10,000 times: converted");
	g_free(out);
	g_string_assign(t, "[r]: u\n\"\n");
	for (i = 0; i < 20000; i++)
		g_string_append(t, "[r]\n");
	g_string_append(t, "[r]: u \"t\n");
	out = bound(t->str, t->len, 5);
	CHECK(out == NULL && find_msg(BP_ERROR, "reference definition") != NULL &&
	    find_msg(BP_ERROR, "reference definition")->line == 5,
	    "a title over 20,000 lines used by each: refused at its line");
	g_free(out);
	g_string_free(t, TRUE);
}

/* Heading ids: the same text many times, or numbered. */
static void
test_headings(void)
{
	GString		*t = g_string_new(NULL);
	char		*out;
	unsigned	 i;

	for (i = 0; i < 6000; i++)
		g_string_append(t, "## Innledning\n\nTekst.\n\n");
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "same text") != NULL,
	    "6,000 headings of the same text: refused");
	g_free(out);

	g_string_truncate(t, 0);
	for (i = 0; i < 50000; i++)
		g_string_append_printf(t, "## Kapittel %u\n\n## Kapittel "
		    "%u-2\n\n", i, i);
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "100,000 numbered headings: converted");
	g_free(out);

	/* Setext headings of one line are read as ATX ones. */
	g_string_truncate(t, 0);
	for (i = 0; i < 20000; i++)
		g_string_append_printf(t, "Del %u\n------\n\nTekst.\n\n", i);
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "20,000 numbered setext headings: converted");
	g_free(out);
	g_string_truncate(t, 0);
	for (i = 0; i < 6000; i++)
		g_string_append(t, "Innledning\n==========\n\n");
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "same text") != NULL,
	    "6,000 setext headings of the same text: refused");
	g_free(out);

	/* Text we cannot read as cmark-gfm does counts against every id. */
	g_string_truncate(t, 0);
	for (i = 0; i < 6000; i++)
		g_string_append_printf(t, "## [Del](#d%u)\n\n", i);
	out = bound(t->str, t->len, 1);
	CHECK(out == NULL && find_msg(BP_ERROR, "unique id") != NULL,
	    "6,000 headings that are links: refused");
	g_free(out);
	g_string_free(t, TRUE);
}

/* Runs of text a line cannot break. */
static void
test_nobreak(void)
{
	GString		*t = g_string_new("Først.\n\n");
	char		*out;
	const struct msg *m;
	unsigned	 i;

	for (i = 0; i < 40000; i++)
		g_string_append(t, ": ");
	out = bound(t->str, t->len, 1);
	m = find_msg(BP_ERROR, "no place to break");
	CHECK(out == NULL && m != NULL && m->line == 3,
	    "\": \" x 40,000: refused at line 3");
	g_free(out);

	/* Words, a 200,000-letter word, ideographs, numbered dots: fine. */
	g_string_truncate(t, 0);
	for (i = 0; i < 100000; i++)
		g_string_append(t, i % 12 == 11 ? "ord.\n" : "ord, (og) ");
	g_string_append(t, "\n\n");
	for (i = 0; i < 20000; i++)
		g_string_append(t, "abcdefghij");
	g_string_append(t, "\n\n");
	for (i = 0; i < 50000; i++)
		g_string_append(t, "\xe4\xb8\xad\xe6\x96\x87\xe3\x80\x82");
	g_string_append(t, "\n\n");
	for (i = 0; i < 50000; i++)
		g_string_append_printf(t, "%u. ", i);
	out = bound(t->str, t->len, 1);
	CHECK(out != NULL && msgs->len == 0,
	    "1 MB of words, a 200,000-letter word, 100,000 ideographs: converted");
	g_free(out);
	g_string_free(t, TRUE);
}

/* Inlines nested past the limit are flattened, their text kept. */
static void
test_tree(void)
{
	GString		*t = g_string_new(NULL), *text = g_string_new(NULL);
	cmark_parser	*p;
	cmark_node	*doc, *cn;
	cmark_iter	*it;
	cmark_event_type ev;
	struct bp_diag	 d;
	int		 depth = 0, max = 0;
	unsigned	 i;

	for (i = 0; i < 200; i++)
		g_string_append(t, "*a **a ");
	g_string_append(t, "b");
	for (i = 0; i < 200; i++)
		g_string_append(t, " a** a*");
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p,
	    cmark_find_syntax_extension("strikethrough"));
	cmark_parser_feed(p, t->str, t->len);
	doc = cmark_parser_finish(p);
	memset(&d, 0, sizeof d);
	d.fn = capture_fn;
	g_ptr_array_set_size(msgs, 0);
	bp_bound_tree(doc, /*first_line*/4, &d);

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cn = cmark_iter_get_node(it);
		if (cmark_node_get_type(cn) == CMARK_NODE_EMPH ||
		    cmark_node_get_type(cn) == CMARK_NODE_STRONG) {
			depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
			max = MAX(max, depth);
		} else if (cmark_node_get_type(cn) == CMARK_NODE_TEXT)
			g_string_append(text, cmark_node_get_literal(cn));
	}
	cmark_iter_free(it);
	CHECK(max == BP_MAX_INLINE_DEPTH, "400 nested emphasis: %d deep after "
	    "(limit %d)", max, BP_MAX_INLINE_DEPTH);
	CHECK(strlen(text->str) == 200 * 4 + 1 + 200 * 4 &&
	    strchr(text->str, 'b') != NULL,
	    "400 nested emphasis: every letter kept (%zu)", strlen(text->str));
	CHECK(find_msg(BP_WARNING, "nested deeper than") != NULL &&
	    ((const struct msg *)msgs->pdata[0])->line == 4 && msgs->len == 1,
	    "400 nested emphasis: one warning at the paragraph's line");
	cmark_node_free(doc);
	cmark_parser_free(p);
	g_string_free(t, TRUE);
	g_string_free(text, TRUE);
}

int
main(void)
{
	msgs = g_ptr_array_new_with_free_func(msg_free);
	test_wide_table();
	test_table_shapes();
	test_no_cut();
	test_cells();
	test_nesting();
	test_inlines();
	test_defs_and_notes();
	test_headings();
	test_nobreak();
	test_tree();
	g_ptr_array_free(msgs, TRUE);
	return HARNESS_EXIT();
}
