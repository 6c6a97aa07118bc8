/*
 * Unit tests for pasted text (src/parse/txt.c, txt_body.c, paste.c): one
 * group of checks per rule, on small pastes written here.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "bp.h"
#include "parse/parse.h"
#include "parse/txt.h"
#include "harness.h"

#define CAPTURE_FILE "t.txt"
#include "capture.h"

static struct bp_paste_phrases *ph;

/* What one paste became. */
struct got {
	struct bp_meta		 meta;
	struct bp_txt_result	 r;
	bool			 ok;
};

static void
convert(const char *text, struct got *g)
{
	struct bp_diag	 d;

	diag_init(&d);
	memset(g, 0, sizeof(*g));
	g->ok = bp_txt_convert(text, strlen(text), ph, &g->meta, &d, &g->r);
}

static void
got_clear(struct got *g)
{
	bp_meta_clear(&g->meta);
	g_free(g->r.markdown);
	bp_txt_map_free(g->r.map);
}

/* Whether Markdown line `line` (1-based) of g is exactly want. */
static bool
md_line_is(const struct got *g, int line, const char *want)
{
	char	**lines = g_strsplit(g->r.markdown != NULL ? g->r.markdown :
	    "", "\n", -1);
	bool	  same = (int)g_strv_length(lines) >= line &&
	    strcmp(lines[line - 1], want) == 0;

	if (!same)
		fprintf(stderr, "  markdown:\n%s\n", g->r.markdown);
	g_strfreev(lines);
	return same;
}

static bool
md_has(const struct got *g, const char *want)
{
	bool	 has = g->r.markdown != NULL &&
	    strstr(g->r.markdown, want) != NULL;

	if (!has)
		fprintf(stderr, "  markdown lacks \"%s\":\n%s\n", want,
		    g->r.markdown);
	return has;
}

static void
test_norm_and_dates(void)
{
	struct bp_date	 d = { 0 };
	char		*n;

	n = bp_paste_norm("  \xe2\x80\xa2  Logg   inn ", 18);
	CHECK_STR(n, "logg inn", "norm: bullet, spaces, case");
	g_free(n);
	n = bp_paste_norm("Is this page useful?", 20);
	CHECK_STR(n, "is this page useful", "norm: trailing punctuation");
	g_free(n);
	CHECK(bp_paste_find_date(ph, "published 12 november 2026", &d) &&
	    d.y == 2026 && d.m == 11 && d.d == 12, "date: 12 November 2026");
	CHECK(bp_paste_find_date(ph, "dato: 20.11.2026", &d) && d.y == 2026 &&
	    d.m == 11 && d.d == 20, "date: 20.11.2026");
	CHECK(bp_paste_find_date(ph, "13. august 2013", &d) && d.y == 2013 &&
	    d.m == 8 && d.d == 13, "date: 13. august 2013");
	CHECK(bp_paste_find_date(ph, "november 12, 2026", &d) && d.d == 12,
	    "date: November 12, 2026");
	CHECK(bp_paste_find_date(ph, "veröffentlicht am 3. märz 2026", &d) &&
	    d.m == 3, "date: German month");
	CHECK(bp_paste_find_date(ph, "2026-11-27", &d) && d.d == 27,
	    "date: ISO");
	CHECK(!bp_paste_find_date(ph, "publisert 30.02.2026", &d),
	    "date: 30 February is no date");
	CHECK(!bp_paste_find_date(ph, "vi fikk 12 av 20 poeng", &d),
	    "date: numbers without a month are none");
}

/* Site navigation, breadcrumb title, lead, speech, heading, link line. */
static void
test_seed_shape(void)
{
	struct got	 g;
	const char	*text =
	    "Hopp til innhold\n"
	    " \xe2\x80\xa2 EN\n"
	    " \xe2\x80\xa2 Logg inn\n"
	    " \xe2\x80\xa2 Giske vil styrke klyngene\n"
	    "\n"
	    "  Statsr\xc3\xa5" "den var i Kristiansand i dag. Det er et steg "
	    "i riktig retning.\n"
	    "\n"
	    "  Les hele saken hos NRK\n"
	    "\n"
	    "  - Dersom regjeringen vil, er det bra for klyngene i hele "
	    "landet, sier direkt\xc3\xb8ren.\n"
	    "\n"
	    "  Klynger i vekst\n"
	    "\n"
	    "  Klyngene har vokst i mange \xc3\xa5r, og de har blitt "
	    "viktigere for norsk n\xc3\xa6ringsliv.\n";

	convert(text, &g);
	CHECK(g.ok, "seed shape: converted");
	CHECK_STR(g.meta.title, "Giske vil styrke klyngene",
	    "title: the line the breadcrumb ends with");
	CHECK(g.meta.subtitle != NULL && strncmp(g.meta.subtitle,
	    "Statsr", 6) == 0, "lead: the subtitle");
	CHECK(find_msg(BP_NOTE, "lines 1-3: site navigation dropped") != NULL,
	    "navigation: one note naming lines 1-3");
	CHECK(md_line_is(&g, 1, ""), "navigation: not in the Markdown");
	CHECK(md_line_is(&g, 8, "Les hele saken hos NRK"),
	    "link line: kept as text on its own line");
	CHECK(find_msg(BP_NOTE, "line 8: link line kept") != NULL,
	    "link line: noted");
	CHECK(md_line_is(&g, 10, "\xe2\x80\x93 Dersom regjeringen vil, er det "
	    "bra for klyngene i hele landet, sier direkt\xc3\xb8ren."),
	    "speech: an en dash and a space, never a list");
	CHECK(find_msg(BP_NOTE, "line 10: speech paragraph") != NULL,
	    "speech: noted at its line");
	CHECK(md_line_is(&g, 12, "## Klynger i vekst"), "heading: unmarked");
	CHECK(find_msg(BP_NOTE, "line 12: heading") != NULL,
	    "heading: noted at its line");
	got_clear(&g);
}

/* Real lists stay lists: dash runs, bullets, short lines in a row. */
static void
test_lists(void)
{
	struct got	 g;

	convert("Tittel her\n\nDette er en lang innledning med mange ord i seg "
	    "som leses som prosa.\n\nVi har tre punkter:\n\n- Ja\n- Nei\n"
	    "- Kanskje det\n\nFrukt\nGr\xc3\xb8nnsaker\nBr\xc3\xb8" "d\n\n"
	    "Bakgrunn\n\nTeksten fortsetter her med en hel setning til slutt."
	    "\n", &g);
	CHECK(md_has(&g, "- Ja\n- Nei\n- Kanskje det\n"),
	    "list: a run of dash lines stays a list");
	CHECK(md_has(&g, "- Frukt\n- Gr\xc3\xb8nnsaker\n"),
	    "list: short lines in a row");
	CHECK(md_has(&g, "## Bakgrunn\n"), "heading: one word, then prose");
	CHECK(find_msg(BP_NOTE, "list of 3 items") != NULL, "list: noted");
	got_clear(&g);

	convert("Tittel\n\nEn setning som er lang nok til \xc3\xa5 v\xc3\xa6re "
	    "prosa i teksten her.\n\n\xe2\x80\xa2 F\xc3\xb8rste\n"
	    "\xe2\x80\xa2 Andre\n", &g);
	CHECK(md_has(&g, "- F\xc3\xb8rste\n- Andre"), "list: bullets");
	got_clear(&g);
}

/* Cookie banners, share lines and the footer go; notes say so. */
static void
test_furniture(void)
{
	struct got	 g;

	convert("We use cookies to make this site work.\n"
	    "Accept all cookies\nReject all\n"
	    "Budget announced\n"
	    "The minister announced the budget today, with more money for "
	    "schools.\n\n"
	    "It will be debated next week in parliament, as usual.\n"
	    "Share this page\n"
	    "Is this page useful?\nYes\nNo\n"
	    "The footer says something long here that is not the article.\n",
	    &g);
	CHECK_STR(g.meta.title, "Budget announced", "cookie banner: title");
	CHECK(find_msg(BP_NOTE, "lines 1-3: cookie banner dropped") != NULL,
	    "cookie banner: dropped with a note");
	CHECK(g.r.markdown != NULL && strstr(g.r.markdown, "cookies") == NULL,
	    "cookie banner: not in the text");
	CHECK(find_msg(BP_NOTE, "page footer dropped") != NULL &&
	    !strstr(g.r.markdown, "footer says"),
	    "footer: everything after \"Is this page useful?\"");
	CHECK(strstr(g.r.markdown, "Share") == NULL, "share line dropped");
	CHECK(md_has(&g, "It will be debated"), "body kept");
	got_clear(&g);

	convert("Hopp til innhold\nLogg inn\nMeny\n", &g);
	CHECK(!g.ok && find_msg(BP_ERROR, "nothing but page furniture") !=
	    NULL, "only furniture: an error");
	got_clear(&g);
	convert("", &g);
	CHECK(g.ok && g.meta.title == NULL, "empty paste: no title, no error");
	got_clear(&g);
}

/* Dates and bylines, on one line or as label and value. */
static void
test_meta(void)
{
	struct got	 g;

	convert("Home\nNews\nNew rules for ferries\n\n"
	    "Ferries will run more often from next year, the ministry said.\n"
	    "From:\nDepartment for Transport\nPublished\n12 November 2026\n"
	    "The new timetable starts in January and covers every route on "
	    "the coast.\n\nMore text follows here, enough to be prose.\n", &g);
	CHECK(g.meta.date.y == 2026 && g.meta.date.m == 11 &&
	    g.meta.date.d == 12, "date: label and value lines");
	CHECK_STR(g.meta.date_text, "2026-11-12", "date: ISO in the model");
	CHECK(g.meta.authors != NULL &&
	    strcmp(g.meta.authors[0], "Department for Transport") == 0,
	    "byline: label and value lines");
	CHECK(md_line_is(&g, 6, "") && md_line_is(&g, 9, ""),
	    "meta lines: out of the body");
	got_clear(&g);

	convert("Meny\nPengar til forsking\n"
	    "Pressemelding | Dato: 20.11.2026 | Kunnskapsdepartementet\n"
	    "Regjeringa gjev meir pengar til forsking p\xc3\xa5 klima, og "
	    "dei kjem no.\n\nMeir tekst her som er lang nok til prosa.\n", &g);
	CHECK(g.meta.date.d == 20, "date: Dato: 20.11.2026");
	CHECK(g.meta.authors != NULL &&
	    strcmp(g.meta.authors[0], "Kunnskapsdepartementet") == 0,
	    "organisation: the named part of the date line");
	got_clear(&g);
}

/* A line with a number or colon between title and text is no title. */
static void
test_title_choice(void)
{
	struct got	 g;

	convert("Home\nNews\nBudget announced for schools\n"
	    "Updated: 2 hours ago\n"
	    "The minister announced the budget today, with more money for "
	    "schools and more for teachers than last year.\n", &g);
	CHECK_STR(g.meta.title, "Budget announced for schools",
	    "title: not the \"Updated\" line after it");
	CHECK(md_has(&g, "Updated: 2 hours ago"),
	    "title: the line after it is kept as text");
	got_clear(&g);

	convert("Forside \xe2\x80\xba Aktuelt \xe2\x80\xba Ny vei i nord\n\n"
	    "Regjeringen bygger en ny vei i nord, og den skal st\xc3\xa5 "
	    "ferdig om fem \xc3\xa5r med mange nye bruer.\n", &g);
	CHECK_STR(g.meta.title, "Ny vei i nord",
	    "title: the end of a breadcrumb on one line");
	got_clear(&g);
}

/* Share links between furniture lines; a date repeated at the end. */
static void
test_repeats(void)
{
	struct got	 g;

	convert("Meny\nHeat pumps for schools\n"
	    "By Jane Smith | 3 March 2026 | 6 min read\n"
	    "Kicker line\n"
	    "Councils are replacing gas boilers in schools with heat pumps, "
	    "and it saves them money every winter.\n\n"
	    "More text here that is a sentence of its own, and long.\n"
	    "Published 3 March 2026\n"
	    "Share this page\nFacebook\nLinkedIn\nPrint this page\n"
	    "Related\nOther story\n", &g);
	CHECK(g.meta.authors != NULL && strcmp(g.meta.authors[0],
	    "Jane Smith") == 0 && g.meta.date.d == 3,
	    "byline with a date: both taken");
	CHECK(strstr(g.r.markdown, "## Kicker") == NULL &&
	    md_has(&g, "Kicker line"),
	    "a short line before the text: kept, but no heading");
	CHECK(find_msg(BP_NOTE, "the article's date again") != NULL,
	    "a repeated date line: dropped with a note");
	CHECK(strstr(g.r.markdown, "Facebook") == NULL &&
	    strstr(g.r.markdown, "LinkedIn") == NULL,
	    "short lines between share lines: dropped");
	got_clear(&g);
}

/* Hard-wrapped lines are joined; short ones end paragraphs. */
static void
test_wrap(void)
{
	struct got	 g;
	const char	*text =
	    "Tittel p\xc3\xa5 saken\n\n"
	    "En kort ingress med nok ord til \xc3\xa5 v\xc3\xa6re en setning.\n\n"
	    "Dette er en lang tekst som er brutt ved om lag 72 tegn, slik e-post\n"
	    "og enkelte nettsider gj\xc3\xb8r det, og den fortsetter over flere\n"
	    "linjer til avsnittet slutter her.\n"
	    "Et nytt avsnitt uten tom linje foran kan ogs\xc3\xa5 komme etter en\n"
	    "kort linje, og det skal st\xc3\xa5 for seg selv som sitt eget avsnitt\n"
	    "i teksten som blir laget.\n";

	convert(text, &g);
	CHECK(find_msg(BP_NOTE, "hard-wrapped text") != NULL,
	    "wrap: found and noted");
	CHECK(md_has(&g, "slik e-post\nog enkelte"),
	    "wrap: full lines continue their paragraph");
	CHECK(md_has(&g, "slutter her.\n\nEt nytt avsnitt"),
	    "wrap: a short line ends its paragraph (blank line added)");
	CHECK(bp_txt_map_line(g.r.map, 9) == 8 &&
	    bp_txt_map_line(g.r.map, 7) == 7,
	    "map: lines after the added blank line map back");
	got_clear(&g);
}

/* Markdown specials stay text; nodes carry the .txt's lines. */
static void
test_escape_and_lines(void)
{
	struct got		 g;
	struct bp_article	*art = bp_article_new("t.txt");
	struct bp_load_opts	 lo = { 0 };
	struct bp_diag		 d;
	char			*plain = NULL;
	const struct bp_node	*n;
	const char		*odd = "1. *Ikke* _kursiv_ [lenke](x) <b> "
	    "&amp; `kode` # | ~~ \\ slutt.";

	{
		char *text = g_strdup_printf("En setning med mange ord som "
		    "er prosa og ikke en overskrift.\n\n%s\n", odd);

		convert(text, &g);
		g_free(text);
	}
	diag_init(&d);
	CHECK(bp_txt_parse_body(art, g.r.markdown, g.r.len, g.r.map, &lo, &d),
	    "escape: parsed");
	n = art->body != NULL ? art->body->last : NULL;
	if (n != NULL)
		plain = bp_node_plain_text(n);
	CHECK_STR(plain, odd, "escape: the text comes back as written");
	CHECK(n != NULL && n->line == 3 && art->body->first->line == 1,
	    "lines: nodes name the .txt's lines");
	g_free(plain);
	bp_article_free(art);
	got_clear(&g);
}

/* CRLF, no final newline, long lines, too many lines. */
static void
test_hostile(void)
{
	struct got	 g;
	GString		*big = g_string_new("Tittel\r\n\r\n");
	int		 i;

	convert("Tittel\r\n\r\nEn setning med nok ord til \xc3\xa5 v\xc3\xa6re "
	    "prosa her.\r\n\r\nSiste linje uten linjeskift, men med punktum.",
	    &g);
	CHECK(g.ok && md_has(&g, "Siste linje uten linjeskift") &&
	    strchr(g.r.markdown, '\r') == NULL, "CRLF and no final newline");
	CHECK_STR(g.meta.title, "Tittel", "CRLF: title without CR");
	got_clear(&g);

	for (i = 0; i < 200000; i++)
		g_string_append(big, "ord ");
	g_string_append(big, "slutt.\n");
	convert(big->str, &g);
	CHECK(g.ok && g.r.len > 800000, "a line of 800 kB: kept whole");
	got_clear(&g);

	g_string_truncate(big, 0);
	for (i = 0; i < BP_TXT_MAX_LINES + 2; i++)
		g_string_append_c(big, '\n');
	convert(big->str, &g);
	CHECK(!g.ok && find_msg(BP_ERROR, "lines") != NULL,
	    "too many lines: an error");
	got_clear(&g);
	g_string_free(big, TRUE);
}

int
main(void)
{
	struct bp_diag	 d;

	diag_init(&d);
	ph = bp_paste_phrases_load("data/paste", &d);
	CHECK(bp_paste_phrases_count(ph) > 300 && count_msgs(CAPTURE_ANY) == 0,
	    "phrase lists: read from data/paste without complaint");
	CHECK(bp_txt_is_name("a/B.TXT") && !bp_txt_is_name("b.md"),
	    "names: *.txt in any case");
	test_norm_and_dates();
	test_seed_shape();
	test_lists();
	test_furniture();
	test_meta();
	test_title_choice();
	test_repeats();
	test_wrap();
	test_escape_and_lines();
	test_hostile();
	bp_paste_phrases_free(ph);
	g_ptr_array_free(msgs, TRUE);
	return HARNESS_EXIT();
}
