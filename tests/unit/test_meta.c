/*
 * Unit tests for parse/meta.c: front matter, manifests and -M options.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bp.h"
#include "parse/parse.h"
#include "harness.h"
#define CAPTURE_FILE "test.md"
#include "capture.h"


static bool front(const char *, struct bp_meta *, const char **, int *);
static char *write_file(const char *, const char *, const char *);
static void test_front_keys(void);
static void test_front_lists(void);
static void test_dates(void);
static void test_langs(void);
static void test_wrong_types(void);
static void test_fences(void);
static void test_yaml_errors(void);
static void test_bombs(void);
static void test_duplicates(void);
static void test_manifest_entries(const char *);
static void test_manifest(void);
static void test_set(void);
static void test_exempt(void);
static void test_distribution(void);
static void test_office(void);

/* Parse text's front matter into a cleared meta with a fresh sink. */
static bool
front(const char *text, struct bp_meta *m, const char **body, int *line)
{
	struct bp_diag	 d;

	diag_init(&d);
	memset(m, 0, sizeof *m);
	return bp_meta_parse_front(text, strlen(text), m, body, line, &d);
}

/* Write text to dir/name (making folders); returns the path. */
static char *
write_file(const char *dir, const char *name, const char *text)
{
	char	*path = g_build_filename(dir, name, NULL);
	char	*folder = g_path_get_dirname(path);

	g_mkdir_with_parents(folder, 0755);
	if (!g_file_set_contents(path, text, -1, NULL))
		fprintf(stderr, "cannot write %s\n", path);
	g_free(folder);
	return path;
}

static void
test_front_keys(void)
{
	static const char text[] =
	    "---\n"
	    "title: Klynger i vekst\n"
	    "subtitle: \"Undertittel: med kolon\"\n"
	    "author: Kari Nordmann\n"
	    "date: 2026-11-27\n"
	    "lang: NB-NO\n"
	    "source: https://example.org/a\n"
	    "abstract: Kort sammendrag.\n"
	    "keywords: [klynger, innovasjon]\n"
	    "classification: BEGRENSET\n"
	    "smart: no\n"
	    "custom: kept and ignored\n"
	    "organisation: not an article key\n"
	    "---\n"
	    "# Body\n";
	struct bp_meta	 m;
	const char	*body = NULL;
	int		 line = 0;
	bool		 ok;

	ok = front(text, &m, &body, &line);
	CHECK(ok, "front: all keys parse");
	CHECK(msgs->len == 0, "front: no diagnostics for known and unknown keys");
	CHECK_STR(m.title, "Klynger i vekst", "front: title");
	CHECK_STR(m.subtitle, "Undertittel: med kolon", "front: quoted subtitle");
	CHECK(m.authors != NULL && g_strv_length(m.authors) == 1,
	    "front: author string gives one author");
	CHECK_STR(m.authors ? m.authors[0] : NULL, "Kari Nordmann",
	    "front: author name");
	CHECK_STR(m.date_text, "2026-11-27", "front: date text kept");
	CHECK(m.date.y == 2026 && m.date.m == 11 && m.date.d == 27,
	    "front: date fields");
	CHECK_STR(m.lang, "nb-NO", "front: lang primary subtag lower-cased");
	CHECK_STR(m.source, "https://example.org/a", "front: source");
	CHECK_STR(m.abstract, "Kort sammendrag.", "front: abstract");
	CHECK(m.keywords != NULL && g_strv_length(m.keywords) == 2,
	    "front: keywords list");
	CHECK_STR(m.keywords ? m.keywords[1] : NULL, "innovasjon",
	    "front: second keyword");
	CHECK_STR(m.classification, "BEGRENSET", "front: classification");
	CHECK(m.smart_set && !m.smart, "front: smart: no");
	CHECK(m.organisation == NULL, "front: organisation is not a front key");
	CHECK_STR(body, "# Body\n", "front: body after the closing line");
	CHECK_NUM(line, 15, "front: body line");
	bp_meta_clear(&m);

	/* Scalars of any tag are strings; null values leave keys unset. */
	ok = front("---\ntitle: 2026\nsubtitle:\nsource: ~\nabstract: true\n"
	    "smart: TRUE\n---\n", &m, &body, &line);
	CHECK(ok, "front: numbers and booleans as strings");
	CHECK_STR(m.title, "2026", "front: number title kept as written");
	CHECK(m.subtitle == NULL && m.source == NULL, "front: null values unset");
	CHECK_STR(m.abstract, "true", "front: boolean abstract as text");
	CHECK(m.smart_set && m.smart, "front: smart: TRUE");
	CHECK_STR(body, "", "front: nothing after the block");
	CHECK_NUM(line, 8, "front: body line after a short block");
	bp_meta_clear(&m);

	/* summary is an alias of abstract; authors of author. */
	ok = front("---\nsummary: S\nauthors: [A]\n---\n", &m, &body, &line);
	CHECK(ok && m.abstract != NULL && strcmp(m.abstract, "S") == 0,
	    "front: summary alias");
	CHECK(m.authors != NULL && strcmp(m.authors[0], "A") == 0,
	    "front: authors alias");
	bp_meta_clear(&m);
}

static void
test_front_lists(void)
{
	struct bp_meta	 m;
	const char	*body = NULL;
	int		 line = 0;
	bool		 ok;

	ok = front("---\nauthor:\n  - Kari Nordmann\n  - Ola Hansen\n  -\n"
	    "keywords: \"a, b ,, c \"\n---\n", &m, &body, &line);
	CHECK(ok, "lists: author list and keyword string");
	CHECK(m.authors != NULL && g_strv_length(m.authors) == 2,
	    "lists: two authors (null item skipped)");
	CHECK_STR(m.authors ? m.authors[1] : NULL, "Ola Hansen",
	    "lists: second author");
	CHECK(m.keywords != NULL && g_strv_length(m.keywords) == 3,
	    "lists: keyword string split on commas, empty pieces dropped");
	CHECK_STR(m.keywords ? m.keywords[0] : NULL, "a", "lists: keyword a");
	CHECK_STR(m.keywords ? m.keywords[1] : NULL, "b",
	    "lists: keyword b trimmed");
	CHECK_STR(m.keywords ? m.keywords[2] : NULL, "c",
	    "lists: keyword c trimmed");
	bp_meta_clear(&m);

	ok = front("---\nkeywords:\n  - one, two\n  - 3\n---\n", &m, &body,
	    &line);
	CHECK(ok && m.keywords != NULL && g_strv_length(m.keywords) == 2,
	    "lists: list items are not split");
	CHECK_STR(m.keywords ? m.keywords[0] : NULL, "one, two",
	    "lists: item with comma kept whole");
	CHECK_STR(m.keywords ? m.keywords[1] : NULL, "3",
	    "lists: number item as string");
	bp_meta_clear(&m);
}

static void
test_dates(void)
{
	static const struct {
		const char	*s;
		bool		 ok;
		int		 y, m, d;
	} cases[] = {
		{ "2026-11-27", true, 2026, 11, 27 },
		{ "2026-11-27T10:00:00+01:00", true, 2026, 11, 27 },
		{ "2026-11-27T10:00:00Z", true, 2026, 11, 27 },
		{ "2026-11-27T10:00Z", true, 2026, 11, 27 },
		{ "2026-11-27 23:59:60.5-0500", true, 2026, 11, 27 },
		{ "2026-12-31T00:00:00.123456", true, 2026, 12, 31 },
		{ "2024-02-29", true, 2024, 2, 29 },
		{ "2000-02-29", true, 2000, 2, 29 },
		{ "2100-02-29", false, 0, 0, 0 },
		{ "2026-02-30", false, 0, 0, 0 },
		{ "2026-04-31", false, 0, 0, 0 },
		{ "2026-13-01", false, 0, 0, 0 },
		{ "2026-00-10", false, 0, 0, 0 },
		{ "2026-11-00", false, 0, 0, 0 },
		{ "0000-01-01", false, 0, 0, 0 },
		{ "27.11.2026", false, 0, 0, 0 },
		{ "2026-11-27T25:00", false, 0, 0, 0 },
		{ "2026-11-27T10:60", false, 0, 0, 0 },
		{ "2026-11-27T10", false, 0, 0, 0 },
		{ "2026-11-27X", false, 0, 0, 0 },
		{ "2026-11-27T10:00:00+1", false, 0, 0, 0 },
		{ "2026-11", false, 0, 0, 0 },
		{ "", false, 0, 0, 0 },
	};
	struct bp_date	 d;
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	int		 line = 0;
	size_t		 i;
	bool		 ok;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		d.y = d.m = d.d = -1;
		ok = bp_meta_parse_date(cases[i].s, &d);
		CHECK(ok == cases[i].ok, "date: \"%s\" %s", cases[i].s,
		    cases[i].ok ? "accepted" : "refused");
		if (cases[i].ok)
			CHECK(d.y == cases[i].y && d.m == cases[i].m &&
			    d.d == cases[i].d, "date: \"%s\" fields",
			    cases[i].s);
		else
			CHECK(d.y == -1, "date: \"%s\" leaves out alone",
			    cases[i].s);
	}

	ok = front("---\ntitle: T\ndate: 2026-11-27T10:00:00+01:00\n---\n",
	    &m, &body, &line);
	CHECK(ok && m.date.y == 2026 && m.date.m == 11 && m.date.d == 27,
	    "date: ISO 8601 with time in front matter");
	CHECK_STR(m.date_text, "2026-11-27T10:00:00+01:00",
	    "date: text kept as written");
	bp_meta_clear(&m);

	ok = front("---\ntitle: T\n\ndate: 2026-02-30\n---\n", &m, &body,
	    &line);
	e = find_msg(BP_ERROR, "\"date\"");
	CHECK(!ok, "date: impossible day is an error");
	CHECK(e != NULL && e->line == 4 && e->col == 7,
	    "date: error at the value's file line and column");
	CHECK(e != NULL && strstr(e->text, "2026-02-30") != NULL,
	    "date: error quotes the value");
	CHECK(e != NULL && strcmp(e->file, "test.md") == 0,
	    "date: error names the file");
	bp_meta_clear(&m);
}

static void
test_langs(void)
{
	static const struct {
		const char	*s;
		const char	*want;    /* NULL: refused */
	} cases[] = {
		{ "nb", "nb" },
		{ "en-GB", "en-GB" },
		{ "EN-gb", "en-gb" },
		{ "Nob", "nob" },
		{ "zh-Hant-TW", "zh-Hant-TW" },
		{ "de-CH-1996", "de-CH-1996" },
		{ "x-klingon", "x-klingon" },
		{ "I-default", "i-default" },
		{ "e", NULL },
		{ "x", NULL },
		{ "english", NULL },
		{ "nb_NO", NULL },
		{ "en--GB", NULL },
		{ "en-", NULL },
		{ "en-abcdefghi", NULL },
		{ "e1", NULL },
		{ "en GB", NULL },
		{ "", NULL },
	};
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	char		*got;
	int		 line = 0;
	size_t		 i;
	bool		 ok;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		got = bp_meta_parse_lang(cases[i].s);
		CHECK_STR(got, cases[i].want, "lang: \"%s\"", cases[i].s);
		g_free(got);
	}

	ok = front("---\nlang: nb_NO\n---\n", &m, &body, &line);
	e = find_msg(BP_ERROR, "\"lang\"");
	CHECK(!ok && e != NULL && e->line == 2, "lang: bad tag error at line 2");
	CHECK(e != NULL && strstr(e->text, "'-'") != NULL,
	    "lang: underscore gets a hint");
	CHECK(m.lang == NULL, "lang: bad tag not stored");
	bp_meta_clear(&m);
}

static void
test_wrong_types(void)
{
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	int		 line = 0;
	bool		 ok;

	ok = front("---\ntitle: T\nauthor:\n  name: Kari\n  mail: k@x\n---\n",
	    &m, &body, &line);
	e = find_msg(BP_ERROR, "author");
	CHECK(!ok, "types: author mapping is an error");
	CHECK(e != NULL && e->line == 3 && e->col == 0,
	    "types: error at the key's line");
	CHECK_STR(e ? e->text : NULL,
	    "front matter key \"author\" must be a string or a list of strings",
	    "types: author message");
	bp_meta_clear(&m);

	ok = front("---\ntitle: [a, b]\n---\n", &m, &body, &line);
	e = find_msg(BP_ERROR, "\"title\" must be a string");
	CHECK(!ok && e != NULL && e->line == 2, "types: title list refused");
	bp_meta_clear(&m);

	ok = front("---\nx: 1\nkeywords:\n  - a\n  - [b, c]\n---\n", &m, &body,
	    &line);
	e = find_msg(BP_ERROR, "\"keywords\"");
	CHECK(!ok && e != NULL && e->line == 3,
	    "types: nested list in keywords refused at key line");
	bp_meta_clear(&m);

	ok = front("---\nsmart: maybe\n---\n", &m, &body, &line);
	e = find_msg(BP_ERROR, "\"smart\"");
	CHECK(!ok && e != NULL && e->line == 2 && !m.smart_set,
	    "types: smart must be a boolean");
	bp_meta_clear(&m);

	/* Every error in a block is reported, not only the first. */
	ok = front("---\ntitle: {a: 1}\ndate: soon\nlang: 42\n---\n", &m,
	    &body, &line);
	CHECK(!ok && count_msgs(BP_ERROR) == 3,
	    "types: three bad keys give three errors");
	bp_meta_clear(&m);

	ok = front("---\n- a\n- b\n---\n", &m, &body, &line);
	e = find_msg(BP_ERROR, "mapping");
	CHECK(!ok && e != NULL && e->line == 2,
	    "types: a list as front matter is an error");
	bp_meta_clear(&m);

	ok = front("---\ntitle: \"a\\0b\"\n---\n", &m, &body, &line);
	CHECK(!ok && m.title == NULL, "types: escaped NUL is refused");
	bp_meta_clear(&m);
}

static void
test_fences(void)
{
	static const char plain[] = "# Title\n\nText.\n";
	static const char rule[] = "---\n\nText after a rule.\n";
	static const char rule_ws[] = "---\n   \t\nText.\n";
	static const char only[] = "---";
	static const char unclosed[] = "---\ntitle: x\nmore text\n";
	static const char crlf[] = "---  \r\ntitle: X\r\n---\r\nBody\r\n";
	static const char dots[] = "---\ntitle: Y\n...\nBody";
	static const char empty[] = "---\n---\nBody";
	static const char bom[] = "\xEF\xBB\xBF---\ntitle: B\n---\nBody";
	static const char notfence[] = "----\ntitle: x\n---\n";
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	int		 line = 0;
	bool		 ok;

	ok = front(plain, &m, &body, &line);
	CHECK(ok && body == plain && line == 1 && m.title == NULL,
	    "fences: no front matter");
	bp_meta_clear(&m);

	ok = front(rule, &m, &body, &line);
	CHECK(ok && body == rule && line == 1 && msgs->len == 0,
	    "fences: --- then a blank line is a thematic break");
	bp_meta_clear(&m);

	ok = front(rule_ws, &m, &body, &line);
	CHECK(ok && body == rule_ws && line == 1,
	    "fences: --- then a whitespace line is a thematic break");
	bp_meta_clear(&m);

	ok = front(only, &m, &body, &line);
	CHECK(ok && body == only && line == 1, "fences: a lone --- line");
	bp_meta_clear(&m);

	ok = front(unclosed, &m, &body, &line);
	e = find_msg(BP_ERROR, "not closed");
	CHECK(!ok, "fences: unclosed front matter is an error");
	CHECK(e != NULL && e->line == 1, "fences: unclosed reported at line 1");
	CHECK_STR(e ? e->text : NULL,
	    "front matter is not closed (no closing \"---\" line)",
	    "fences: unclosed message");
	bp_meta_clear(&m);

	ok = front(crlf, &m, &body, &line);
	CHECK(ok, "fences: CRLF and trailing spaces");
	CHECK_STR(m.title, "X", "fences: CRLF title");
	CHECK_STR(body, "Body\r\n", "fences: CRLF body");
	CHECK_NUM(line, 4, "fences: CRLF body line");
	bp_meta_clear(&m);

	ok = front(dots, &m, &body, &line);
	CHECK(ok && m.title != NULL && strcmp(m.title, "Y") == 0,
	    "fences: ... closes");
	CHECK_STR(body, "Body", "fences: body after ...");
	bp_meta_clear(&m);

	ok = front(empty, &m, &body, &line);
	CHECK(ok && m.title == NULL, "fences: empty front matter is fine");
	CHECK_STR(body, "Body", "fences: body after empty block");
	CHECK_NUM(line, 3, "fences: body line after empty block");
	bp_meta_clear(&m);

	ok = front(bom, &m, &body, &line);
	CHECK(ok && m.title != NULL && strcmp(m.title, "B") == 0,
	    "fences: byte order mark before ---");
	bp_meta_clear(&m);

	ok = front(notfence, &m, &body, &line);
	CHECK(ok && body == notfence && m.title == NULL,
	    "fences: ---- is not a fence");
	bp_meta_clear(&m);
}

static void
test_yaml_errors(void)
{
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	int		 line = 0;
	bool		 ok;

	ok = front("---\ntitle: ok\nsubtitle: fine\nfoo: bar: baz\n---\nBody\n",
	    &m, &body, &line);
	e = find_msg(BP_ERROR, "YAML: ");
	CHECK(!ok, "yaml: syntax error fails");
	CHECK(e != NULL && e->line == 4 && e->col == 9,
	    "yaml: syntax error at file line 4, column 9");
	CHECK(e != NULL && strstr(e->text, "mapping values are not allowed")
	    != NULL, "yaml: libyaml's problem in the message");
	CHECK_STR(body, "Body\n", "yaml: body still located");
	bp_meta_clear(&m);

	ok = front("---\ntitle: \"open\nsubtitle: x\n---\n", &m, &body,
	    &line);
	e = find_msg(BP_ERROR, "YAML: ");
	CHECK(!ok && e != NULL && e->line >= 2 && e->line <= 4,
	    "yaml: unclosed quote reported inside the block");
	bp_meta_clear(&m);

	ok = front("---\ntitle: *nowhere\n---\n", &m, &body, &line);
	e = find_msg(BP_ERROR, "YAML: ");
	CHECK(!ok && e != NULL && e->line == 2, "yaml: undefined alias");
	bp_meta_clear(&m);
}

static void
test_bombs(void)
{
	GString		*s = g_string_new("---\n");
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	gint64		 t0, t1;
	int		 line = 0, i, j;
	bool		 ok;

	/* Billion laughs: each level refers to the previous nine times. */
	g_string_append(s, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, "
	    "lol]\n");
	for (i = 1; i < 10; i++) {
		g_string_append_printf(s, "l%d: &l%d [", i, i);
		for (j = 0; j < 9; j++)
			g_string_append_printf(s, "%s*l%d", j ? ", " : "",
			    i - 1);
		g_string_append(s, "]\n");
	}
	g_string_append(s, "title: bomb\n---\n");
	t0 = g_get_monotonic_time();
	ok = front(s->str, &m, &body, &line);
	t1 = g_get_monotonic_time();
	CHECK(ok && m.title != NULL && strcmp(m.title, "bomb") == 0,
	    "bombs: aliases under unknown keys are not expanded");
	CHECK(t1 - t0 < G_USEC_PER_SEC, "bombs: billion laughs is fast");
	bp_meta_clear(&m);

	/* The same bomb as a value that is walked. */
	g_string_truncate(s, s->len - strlen("title: bomb\n---\n"));
	g_string_append(s, "keywords: *l9\nauthor: *l0\n---\n");
	t0 = g_get_monotonic_time();
	ok = front(s->str, &m, &body, &line);
	t1 = g_get_monotonic_time();
	CHECK(!ok && find_msg(BP_ERROR, "\"keywords\"") != NULL,
	    "bombs: a list of lists in keywords is a type error");
	CHECK(m.authors != NULL && g_strv_length(m.authors) == 9,
	    "bombs: an alias to a list of strings works");
	CHECK(t1 - t0 < G_USEC_PER_SEC, "bombs: walked bomb is fast");
	bp_meta_clear(&m);

	/* More than 10,000 nodes is refused. */
	g_string_assign(s, "---\nkeywords: [");
	for (i = 0; i < 10001; i++)
		g_string_append_printf(s, "%sk", i ? "," : "");
	g_string_append(s, "]\n---\n");
	ok = front(s->str, &m, &body, &line);
	e = find_msg(BP_ERROR, "more than 10000");
	CHECK(!ok && e != NULL && e->line == 2,
	    "bombs: more than 10,000 nodes refused");
	CHECK(m.keywords == NULL, "bombs: nothing stored from a huge block");
	bp_meta_clear(&m);

	/* Deep nesting is bounded by the same count. */
	g_string_assign(s, "---\nx: ");
	for (i = 0; i < 20000; i++)
		g_string_append_c(s, '[');
	for (i = 0; i < 20000; i++)
		g_string_append_c(s, ']');
	g_string_append(s, "\n---\n");
	ok = front(s->str, &m, &body, &line);
	CHECK(!ok && find_msg(BP_ERROR, "more than 10000") != NULL,
	    "bombs: 20,000-deep nesting refused");
	bp_meta_clear(&m);
	g_string_free(s, TRUE);
}

static void
test_duplicates(void)
{
	struct bp_meta	 m;
	const struct msg *e;
	const char	*body = NULL;
	int		 line = 0;
	bool		 ok;

	ok = front("---\ntitle: First\nabstract: A\ntitle: Second\nsummary: B\n"
	    "---\n", &m, &body, &line);
	CHECK(ok, "dup: duplicates are only warnings");
	CHECK_STR(m.title, "Second", "dup: the last title wins");
	CHECK_STR(m.abstract, "B", "dup: summary after abstract wins");
	e = find_msg(BP_WARNING, "\"title\"");
	CHECK(e != NULL && e->line == 4, "dup: warning at the second title");
	e = find_msg(BP_WARNING, "\"summary\"");
	CHECK(e != NULL && e->line == 5, "dup: alias counts as duplicate");
	CHECK(count_msgs(BP_WARNING) == 2, "dup: two warnings");
	bp_meta_clear(&m);
}

/*
 * Entries that are not articles (missing, a folder, a manifest) are
 * errors at their lines, kept in the list and in pack->refused.
 */
static void
test_manifest_entries(const char *dir)
{
	static const struct {
		const char	*entry;
		int		 line;
		const char	*why;
	} refused[] = {
		{ "nope.md", 4, "does not exist" },
		{ "sub", 5, "is a folder, not an article" },
		{ "entries.yaml", 6, "is a manifest, not an article" },
		{ "other.YML", 7, "is a manifest, not an article" },
	};
	struct bp_load_opts	 opts = { 0 };
	struct bp_diag		 d;
	struct bp_pack		*pack;
	GPtrArray		*paths;
	const struct msg	*e;
	const char		*why;
	char			*man, *path, *needle;
	size_t			 i;
	bool			 ok;

	man = write_file(dir, "entries.yaml", "title: T\narticles:\n"
	    "  - a.md\n  - nope.md\n  - sub\n  - entries.yaml\n"
	    "  - other.YML\n  - c.md\n");
	diag_init(&d);
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	ok = bp_meta_load_manifest(man, &opts, pack, paths, &d);
	CHECK(ok, "entries: the manifest is still usable");
	CHECK(paths->len == 6, "entries: every entry stays in the list");
	CHECK(d.errors == 4, "entries: four errors");
	CHECK(pack->refused != NULL && g_hash_table_size(pack->refused) == 4,
	    "entries: four refused");
	for (i = 0; i < G_N_ELEMENTS(refused); i++) {
		needle = g_strdup_printf("article \"%s\" %s", refused[i].entry,
		    refused[i].why);
		e = find_msg(BP_ERROR, needle);
		CHECK(e != NULL && e->line == refused[i].line && e->col == 5 &&
		    e->file != NULL && strcmp(e->file, man) == 0,
		    "entries: \"%s\" at the manifest's line %d",
		    refused[i].entry, refused[i].line);
		path = g_build_filename(dir, refused[i].entry, NULL);
		why = pack->refused != NULL ?
		    g_hash_table_lookup(pack->refused, path) : NULL;
		g_free(needle);
		needle = g_strdup_printf("%s (%s, line %d)", refused[i].why,
		    man, refused[i].line);
		CHECK_STR(why, needle, "entries: \"%s\" refused, and why",
		    refused[i].entry);
		g_free(needle);
		g_free(path);
	}
	path = g_build_filename(dir, "a.md", NULL);
	CHECK(pack->refused == NULL ||
	    !g_hash_table_contains(pack->refused, path),
	    "entries: a readable article is not refused");
	g_free(path);
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);
	g_remove(man);
	g_free(man);
}

static void
test_manifest(void)
{
	struct bp_load_opts	 opts = { 0 };
	struct bp_diag		 d;
	struct bp_pack		*pack = NULL;
	GPtrArray		*paths = NULL;
	const struct msg	*e;
	char			*tmp, *dir, *man, *want, *bad;
	bool			 ok;
	/* The articles the manifest names, so that they can be read. */
	static const char *const files[] = {
		"m/a.md", "m/sub/b.md", "m/c.md", "outside.md",
	};
	size_t			 f;

	tmp = g_dir_make_tmp("bp-test-meta-XXXXXX", NULL);
	CHECK(tmp != NULL, "manifest: temporary folder");
	if (tmp == NULL)
		return;
	for (f = 0; f < G_N_ELEMENTS(files); f++)
		g_free(write_file(tmp, files[f], "# A\n"));
	dir = g_build_filename(tmp, "m", NULL);
	man = write_file(dir, "uke48.yaml",
	    "title: Ukesoversikt uke 48\n"
	    "organization: Departementet\n"
	    "style: memo\n"
	    "date: 2026-11-27\n"
	    "frobnicate: 1\n"
	    "articles:\n"
	    "  - a.md\n"
	    "  - sub/b.md\n"
	    "  - ../outside.md\n"
	    "  - sub/../c.md\n"
	    "classification: BEGRENSET\n");

	/* Relative paths resolve against the manifest; ../ is refused. */
	diag_init(&d);
	d.file = "caller";
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	ok = bp_meta_load_manifest(man, &opts, pack, paths, &d);
	CHECK(ok, "manifest: loads despite a refused entry");
	CHECK(d.errors == 1, "manifest: one error counted");
	CHECK_STR(d.file, "caller", "manifest: diag->file restored");
	CHECK(paths->len == 3, "manifest: three articles kept");
	want = g_build_filename(dir, "a.md", NULL);
	CHECK_STR(paths->len > 0 ? paths->pdata[0] : NULL, want,
	    "manifest: a.md beside the manifest");
	g_free(want);
	want = g_build_filename(dir, "sub/b.md", NULL);
	CHECK_STR(paths->len > 1 ? paths->pdata[1] : NULL, want,
	    "manifest: sub/b.md");
	g_free(want);
	e = find_msg(BP_ERROR, "leaves the manifest's folder");
	CHECK(e != NULL && e->line == 9 && strcmp(e->file, man) == 0,
	    "manifest: ../ refused at its line, naming the manifest");
	CHECK(e != NULL && strstr(e->text, "\"../outside.md\"") != NULL &&
	    strstr(e->text, "--allow-outside") != NULL,
	    "manifest: refusal quotes the path and the option");
	e = find_msg(BP_WARNING, "unknown manifest key \"frobnicate\"");
	CHECK(e != NULL && e->line == 5, "manifest: unknown key warning line");
	CHECK_STR(pack->path, man, "manifest: pack->path");
	CHECK_STR(pack->meta.title, "Ukesoversikt uke 48", "manifest: title");
	CHECK_STR(pack->meta.organisation, "Departementet",
	    "manifest: organization alias");
	CHECK_STR(pack->meta.style, "memo", "manifest: style");
	CHECK_STR(pack->meta.classification, "BEGRENSET",
	    "manifest: classification after articles");
	CHECK(pack->meta.date.y == 2026, "manifest: date");
	CHECK(pack->refused == NULL, "manifest: readable entries not refused");
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);

	/* --allow-outside keeps the ../ entry. */
	opts.allow_outside = true;
	diag_init(&d);
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	ok = bp_meta_load_manifest(man, &opts, pack, paths, &d);
	CHECK(ok && d.errors == 0 && paths->len == 4,
	    "manifest: allow_outside keeps all four");
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);
	opts.allow_outside = false;

	/* Missing, empty or mistyped articles key. */
	{
		static const char *const bad_manifests[] = {
			"title: no articles\n",
			"title: T\narticles: []\n",
			"title: T\narticles: a.md\n",
			"title: T\narticles:\n  - a.md\n  - {x: 1}\n",
			"",
			"- a.md\n",
			"title: [\n",
			"title: T\nlang: nb-\narticles: [a.md]\n",
		};
		size_t	 i;

		for (i = 0; i < G_N_ELEMENTS(bad_manifests); i++) {
			bad = write_file(tmp, "bad.yaml", bad_manifests[i]);
			diag_init(&d);
			pack = bp_pack_new();
			paths = g_ptr_array_new_with_free_func(g_free);
			ok = bp_meta_load_manifest(bad, &opts, pack, paths,
			    &d);
			CHECK(!ok && d.errors > 0 && paths->len == 0,
			    "manifest: bad manifest %zu refused", i);
			bp_pack_free(pack);
			g_ptr_array_free(paths, TRUE);
			g_remove(bad);
			g_free(bad);
		}
	}
	diag_init(&d);
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	bad = write_file(tmp, "bad.yaml", "title: T\narticles:\n  - a.md\n"
	    "  - {x: 1}\n");
	ok = bp_meta_load_manifest(bad, &opts, pack, paths, &d);
	e = find_msg(BP_ERROR, "article path");
	CHECK(!ok && e != NULL && e->line == 4,
	    "manifest: non-string entry reported at its line");
	g_remove(bad);
	g_free(bad);
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);

	/* A missing manifest is an error, too. */
	diag_init(&d);
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	bad = g_build_filename(tmp, "missing.yaml", NULL);
	ok = bp_meta_load_manifest(bad, &opts, pack, paths, &d);
	CHECK(!ok && d.errors == 1, "manifest: missing file refused");
	g_free(bad);
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);

	test_manifest_entries(dir);

	g_remove(man);
	g_free(man);
	for (f = 0; f < G_N_ELEMENTS(files); f++) {
		bad = g_build_filename(tmp, files[f], NULL);
		g_remove(bad);
		g_free(bad);
	}
	bad = g_build_filename(dir, "sub", NULL);
	g_rmdir(bad);
	g_free(bad);
	g_rmdir(dir);
	g_free(dir);
	g_rmdir(tmp);
	CHECK(!g_file_test(tmp, G_FILE_TEST_EXISTS),
	    "manifest: temporary folder removed");
	g_free(tmp);
}

static void
test_set(void)
{
	struct bp_meta	 m;
	struct bp_diag	 d;
	const struct msg *e;

	memset(&m, 0, sizeof m);
	diag_init(&d);
	d.file = "pack.yaml";
	m.authors = g_strsplit("A,B", ",", -1);
	CHECK(bp_meta_set(&m, "title", "Ny tittel", &d), "set: title");
	CHECK_STR(m.title, "Ny tittel", "set: title value");
	CHECK(bp_meta_set(&m, "author", "Kari", &d) && m.authors != NULL &&
	    g_strv_length(m.authors) == 1 && strcmp(m.authors[0], "Kari") == 0,
	    "set: author replaces the list");
	CHECK(bp_meta_set(&m, "date", "2026-12-01", &d) && m.date.m == 12 &&
	    m.date.d == 1, "set: date");
	CHECK(bp_meta_set(&m, "lang", "EN-GB", &d), "set: lang");
	CHECK_STR(m.lang, "en-GB", "set: lang normalised");
	CHECK(bp_meta_set(&m, "keywords", "x, y", &d) && m.keywords != NULL &&
	    g_strv_length(m.keywords) == 2 && strcmp(m.keywords[1], "y") == 0,
	    "set: keywords split on commas");
	CHECK(bp_meta_set(&m, "organization", "Dep", &d), "set: organization");
	CHECK_STR(m.organisation, "Dep", "set: organisation value");
	CHECK(bp_meta_set(&m, "style", "memo", &d), "set: style");
	CHECK_STR(m.style, "memo", "set: style value");
	CHECK(bp_meta_set(&m, "summary", "Kort", &d), "set: summary");
	CHECK_STR(m.abstract, "Kort", "set: summary sets abstract");
	CHECK(bp_meta_set(&m, "source", "https://x", &d), "set: source");
	CHECK(bp_meta_set(&m, "subtitle", "Sub", &d), "set: subtitle");
	CHECK(bp_meta_set(&m, "smart", "true", &d) && m.smart && m.smart_set,
	    "set: smart true");
	CHECK(bp_meta_set(&m, "classification", "BEGRENSET", &d) &&
	    bp_meta_set(&m, "classification", "", &d) &&
	    m.classification == NULL, "set: empty value clears");
	CHECK(msgs->len == 0, "set: no diagnostics for good values");

	CHECK(!bp_meta_set(&m, "date", "2026-02-30", &d), "set: bad date");
	CHECK(m.date.m == 12, "set: bad date keeps the old one");
	CHECK(!bp_meta_set(&m, "lang", "english", &d), "set: bad lang");
	CHECK_STR(m.lang, "en-GB", "set: bad lang keeps the old one");
	CHECK(!bp_meta_set(&m, "smart", "perhaps", &d), "set: bad smart");
	CHECK(!bp_meta_set(&m, "colour", "red", &d), "set: unknown key");
	CHECK(!bp_meta_set(&m, "articles", "a.md", &d),
	    "set: articles is not a -M key");
	e = find_msg(BP_ERROR, "unknown -M key \"colour\"");
	CHECK(e != NULL && e->line == 0 && e->file == NULL,
	    "set: unknown key error names no file or line");
	CHECK(d.errors == 5, "set: five errors counted");
	CHECK_STR(d.file, "pack.yaml", "set: diag->file restored");
	bp_meta_clear(&m);
}

/* exempt: a string in front matter, manifest and -M; else an error. */
static void
test_exempt(void)
{
	struct bp_meta		 m;
	struct bp_diag		 d;
	const struct msg	*e;
	const char		*body;
	int			 line;
	bool			 ok;

	ok = front("---\ntitle: T\nexempt: \"  offl. § 15 første ledd \"\n"
	    "---\nText\n", &m, &body, &line);
	CHECK(ok, "exempt: front matter parses");
	CHECK_STR(m.exempt, "offl. § 15 første ledd",
	    "exempt: kept without surrounding spaces");
	CHECK_NUM(m.exempt_line, 3, "exempt: its line kept");
	bp_meta_clear(&m);

	ok = front("---\ntitle: T\nexempt:\n  - a\n  - b\n---\nText\n", &m,
	    &body, &line);
	CHECK(!ok, "exempt: a list is an error");
	e = find_msg(BP_ERROR, "front matter key \"exempt\" must be a string");
	CHECK(e != NULL && e->line == 3 && strcmp(e->file, "test.md") == 0,
	    "exempt: wrong type names file, line and key");
	CHECK(m.exempt == NULL, "exempt: nothing kept after the error");
	bp_meta_clear(&m);

	/* -M: set, then cleared by an empty value. */
	memset(&m, 0, sizeof m);
	diag_init(&d);
	CHECK(bp_meta_set_kv(&m, "exempt=offl. § 13", &d) &&
	    m.exempt != NULL && strcmp(m.exempt, "offl. § 13") == 0,
	    "exempt: -M exempt=...");
	CHECK(bp_meta_set_kv(&m, "exempt=", &d) && m.exempt == NULL,
	    "exempt: -M exempt= clears it");
	CHECK(!bp_meta_set_kv(&m, "distribution=A", &d),
	    "distribution: not a -M key");
	bp_meta_clear(&m);
}

/* Load a manifest text from a temporary folder; *ok what loading said. */
static struct bp_pack *
load_manifest_text(const char *text, bool *ok, char **path)
{
	struct bp_load_opts	 opts = { 0 };
	struct bp_diag		 d;
	struct bp_pack		*pack = bp_pack_new();
	GPtrArray		*paths = g_ptr_array_new_with_free_func(g_free);
	char			*tmp = g_dir_make_tmp("bp-test-meta-XXXXXX", NULL);

	g_free(write_file(tmp, "a.md", "# A\n"));
	*path = write_file(tmp, "pack.yaml", text);
	diag_init(&d);
	*ok = bp_meta_load_manifest(*path, &opts, pack, paths, &d);
	g_ptr_array_free(paths, TRUE);
	g_free(tmp);
	return pack;
}

/* distribution: a non-empty list of names, in a manifest only. */
static void
test_distribution(void)
{
	struct bp_pack		*pack;
	const struct msg	*e;
	char			*path = NULL;
	bool			 ok;

	pack = load_manifest_text("title: T\nexempt: offl. § 15\n"
	    "distribution:\n  - Statsråden\n  - \" Statssekretær Hansen \"\n"
	    "articles:\n  - a.md\n", &ok, &path);
	CHECK(ok, "distribution: manifest loads");
	CHECK(pack->meta.distribution != NULL &&
	    g_strv_length(pack->meta.distribution) == 2,
	    "distribution: two holders");
	CHECK_STR(pack->meta.distribution != NULL ?
	    pack->meta.distribution[1] : NULL, "Statssekretær Hansen",
	    "distribution: names without surrounding spaces");
	CHECK_STR(pack->meta.exempt, "offl. § 15", "exempt: manifest key");
	bp_pack_free(pack);
	g_free(path);

	pack = load_manifest_text("title: T\ndistribution: []\n"
	    "articles:\n  - a.md\n", &ok, &path);
	e = find_msg(BP_ERROR, "\"distribution\" must be a non-empty list");
	CHECK(!ok && e != NULL && e->line == 2,
	    "distribution: an empty list is an error at its line");
	bp_pack_free(pack);
	g_free(path);

	pack = load_manifest_text("title: T\ndistribution: Statsråden\n"
	    "articles:\n  - a.md\n", &ok, &path);
	CHECK(!ok && find_msg(BP_ERROR, "must be a non-empty list") != NULL,
	    "distribution: a single string is an error");
	bp_pack_free(pack);
	g_free(path);

	pack = load_manifest_text("title: T\ndistribution:\n  - A\n  - {x: 1}\n"
	    "  - \"\"\narticles:\n  - a.md\n", &ok, &path);
	e = find_msg(BP_ERROR, "each entry of \"distribution\"");
	CHECK(!ok && e != NULL && e->line == 4,
	    "distribution: a mapping entry is an error at its line");
	CHECK(pack->meta.distribution == NULL,
	    "distribution: nothing kept after an error");
	bp_pack_free(pack);
	g_free(path);
}

/* model/office.c: words, copies, names, the pack's exemption. */
static void
test_office(void)
{
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*a = bp_article_new("a.md");
	struct bp_article	*b = bp_article_new("b.md");
	struct bp_article	*c = bp_article_new("c.md");
	struct bp_article	*dist;
	struct bp_diag		 d;
	char			*s;

	pack->meta.lang = g_strdup("nb");
	g_ptr_array_add(pack->articles, a);
	g_ptr_array_add(pack->articles, b);
	g_ptr_array_add(pack->articles, c);
	a->lang = g_strdup("nn");
	a->meta.exempt = g_strdup("offl. § 13");
	c->meta.exempt = g_strdup("offl. § 13");
	b->meta.exempt = g_strdup("offl. § 14");

	s = bp_office_exempt_line("nb", "offl. § 15 første ledd");
	CHECK_STR(s, "Unntatt offentlighet, jf. offl. § 15 første ledd",
	    "office: nb words");
	g_free(s);
	s = bp_office_exempt_line("en-GB", "s. 15");
	CHECK_STR(s, "Exempt from public disclosure, cf. s. 15",
	    "office: en words");
	g_free(s);
	s = bp_office_exempt_line("fi", "x");
	CHECK_STR(s, "Exempt from public disclosure, cf. x",
	    "office: an unknown language falls back to English");
	g_free(s);
	CHECK(bp_office_exempt_line("nb", "") == NULL,
	    "office: an empty basis is none");

	/* No exemption of its own: the articles' distinct bases, joined. */
	s = bp_pack_get_exempt(pack);
	CHECK_STR(s, "offl. § 13; offl. § 14", "office: articles' bases once");
	g_free(s);
	s = bp_pack_get_page_exempt(pack, a);
	CHECK_STR(s, "Unnateke offentlegheit, jf. offl. § 13",
	    "office: an article's own, in its language");
	g_free(s);
	pack->meta.exempt = g_strdup("offl. § 15");
	pack->meta.classification = g_strdup("BEGRENSET");
	s = bp_pack_get_page_exempt(pack, b);
	CHECK_STR(s, "Unntatt offentlighet, jf. offl. § 14",
	    "office: the article's wins over the pack's");
	g_free(s);
	g_free(b->meta.exempt);
	b->meta.exempt = NULL;
	s = bp_pack_get_page_exempt(pack, b);
	CHECK_STR(s, "Unntatt offentlighet, jf. offl. § 15",
	    "office: else the pack's");
	g_free(s);
	s = bp_pack_get_rights(pack);
	CHECK_STR(s, "BEGRENSET. Unntatt offentlighet, jf. offl. § 15",
	    "office: rights: marking and exemption");
	g_free(s);

	/* Copies. */
	CHECK_NUM(bp_pack_get_copies(pack, 0), 0, "copies: none asked");
	CHECK_NUM(bp_pack_get_copies(pack, 4), 4, "copies: --copies");
	s = bp_pack_copy_words(pack, 2, 4);
	CHECK_STR(s, "Eksemplar 2 av 4", "copies: words without holder");
	g_free(s);
	CHECK(bp_pack_distribution_article(pack, 4) == NULL,
	    "copies: no list, no distribution page");
	pack->meta.distribution = g_strsplit("Statsråden,Hansen", ",", -1);
	CHECK_NUM(bp_pack_get_copies(pack, 0), 2, "copies: the list's");
	s = bp_pack_copy_words(pack, 2, 2);
	CHECK_STR(s, "Eksemplar 2 av 2 \xc2\xb7 Hansen",
	    "copies: words with holder");
	g_free(s);
	diag_init(&d);
	CHECK(bp_pack_check_copies(pack, 2, &d) && bp_pack_check_copies(pack,
	    0, &d), "copies: agreeing counts pass");
	CHECK(!bp_pack_check_copies(pack, 3, &d) &&
	    find_msg(BP_ERROR, "--copies 3, but the distribution list names "
	    "2 holders") != NULL, "copies: disagreeing counts are an error");
	dist = bp_pack_distribution_article(pack, 2);
	CHECK(dist != NULL && dist->body != NULL &&
	    dist->body->first != NULL &&
	    dist->body->first->type == BP_NODE_TABLE,
	    "copies: the distribution page is a table");
	CHECK_STR(dist != NULL ? dist->meta.title : NULL,
	    "Distribusjonsliste", "copies: its title in the pack's language");
	bp_article_free(dist);

	s = bp_office_copy_path("out/pack.pdf", 3);
	CHECK_STR(s, "out/pack-3.pdf", "copies: file name");
	g_free(s);
	s = bp_office_copy_path("out.d/pack", 2);
	CHECK_STR(s, "out.d/pack-2", "copies: no extension");
	g_free(s);
	s = bp_office_copy_path(".pdf", 1);
	CHECK_STR(s, ".pdf-1", "copies: a name that is all extension");
	g_free(s);
	bp_pack_free(pack);
}

int
main(void)
{
	msgs = g_ptr_array_new_with_free_func(msg_free);
	test_front_keys();
	test_front_lists();
	test_dates();
	test_langs();
	test_wrong_types();
	test_fences();
	test_yaml_errors();
	test_bombs();
	test_duplicates();
	test_manifest();
	test_set();
	test_exempt();
	test_distribution();
	test_office();
	g_ptr_array_free(msgs, TRUE);
	return HARNESS_EXIT();
}
