/*
 * Unit tests for parse/clean.c: control characters, separators, bidi
 * controls and noncharacters in article text and metadata values.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bp.h"
#include "parse/parse.h"
#include "harness.h"
#define CAPTURE_FILE "x.md"
#include "capture.h"


static char *clean(const char *, struct bp_diag *);
static unsigned count_lf(const char *);
static char *reference(const char *);
static void test_clean_text_untouched(void);
static void test_clean_text_no_write(void);
static void test_controls(void);
static void test_breaks(void);
static void test_bidi(void);
static void test_nonchars(void);
static void test_positions(void);
static void test_random(void);
static void test_values(void);
static void test_meta(void);
static void test_article(void);

/* bp_clean_text on a copy of s, with a fresh sink; caller frees. */
static char *
clean(const char *s, struct bp_diag *d)
{
	char	*buf = g_strdup(s);
	size_t	 len = strlen(s), n;

	diag_init(d);
	n = bp_clean_text(buf, len, /*first_line*/1, d);
	if (n > len || buf[n] != '\0')
		fprintf(stderr, "  bad length %zu of %zu\n", n, len);
	return buf;
}

static unsigned
count_lf(const char *s)
{
	unsigned	 n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* The rules, written out one character at a time with GLib. */
static char *
reference(const char *s)
{
	GString		*out = g_string_new(NULL);
	const char	*p;
	gunichar	 c;

	for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
		    c == 0x2029)
			g_string_append_c(out, ' ');
		else if ((c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) ||
		    (c >= 0x7F && c <= 0x9F))
			continue;
		else if ((c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069))
			continue;
		else if ((c >= 0xFDD0 && c <= 0xFDEF) ||
		    (c & 0xFFFF) == 0xFFFE || (c & 0xFFFF) == 0xFFFF)
			g_string_append_unichar(out, 0xFFFD);
		else
			g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

/* Clean text, with every byte the scanner stops at, stays as it is. */
static void
test_clean_text_untouched(void)
{
	static const char text[] =
	    "Tab\there, CR\r\nline «sitat» – “quote” ’ … é ß € "
	    "\xC2\xA0nbsp \xC2\xAD soft \xE2\x80\x8B zwsp \xE2\x80\x8E lrm "
	    "\xE2\x80\x8F rlm \xD8\x9C alm \xEF\xBB\xBF bom \xEF\xBF\xBD fffd "
	    "\xEF\xB7\x8F fdcf \xEF\xB7\xB0 fdf0 \xF0\x9F\x98\x80 emoji "
	    "\xF0\x9F\xBF\xBD 1fffd \xF4\x8F\xBF\xBD 10fffd\n";
	struct bp_diag	 d;
	char		*got = clean(text, &d);

	CHECK_STR(got, text, "clean text: unchanged");
	CHECK(msgs->len == 0, "clean text: no message");
	g_free(got);

	got = clean("", &d);
	CHECK_STR(got, "", "empty text: unchanged");
	g_free(got);
}

/* A clean text is not written to: a read-only page must do. */
static void
test_clean_text_no_write(void)
{
	static const char text[] = "Ren tekst\tmed «sitat» og – tankestrek.\n";
	struct bp_diag	 d;
	long		 page = sysconf(_SC_PAGESIZE);
	char		*buf;
	size_t		 n;

	buf = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(buf != MAP_FAILED, "read-only page: mapped");
	if (buf == MAP_FAILED)
		return;
	memcpy(buf, text, sizeof text);
	mprotect(buf, (size_t)page, PROT_READ);
	diag_init(&d);
	n = bp_clean_text(buf, strlen(text), 1, &d);
	CHECK(n == strlen(text) && msgs->len == 0,
	    "clean text: cleaned without writing a byte");
	munmap(buf, (size_t)page);
}

static void
test_controls(void)
{
	struct bp_diag		 d;
	const struct msg	*m;
	char			*got;

	/* C0 controls are removed; TAB, LF, CR stay. */
	got = clean("a\x01" "b\x1B[31mc\x07\x08\x1F\x1E" "d\te\r\n", &d);
	CHECK_STR(got, "ab[31mcd\te\r\n", "C0: removed, TAB CR LF kept");
	m = find_msg(CAPTURE_ANY, "control characters removed");
	CHECK(m != NULL && m->sev == BP_WARNING,
	    "C0: one warning for the kind");
	CHECK(m != NULL && strstr(m->text, "6 control characters removed "
	    "(first U+0001)") != NULL, "C0: count and first character");
	CHECK(m != NULL && m->line == 1 && m->col == 2,
	    "C0: line and column of the first");
	CHECK(msgs->len == 1, "C0: one message in all");
	g_free(got);

	/* DEL and C1 (U+0080-009F), NEL aside. */
	got = clean("x\x7Fy\xC2\x80z\xC2\x9F!\xC2\x9B" "2J", &d);
	CHECK_STR(got, "xyz!2J", "DEL, C1: removed");
	m = find_msg(CAPTURE_ANY, "control characters removed");
	CHECK(m != NULL && strstr(m->text, "4 control characters removed "
	    "(first U+007F)") != NULL, "DEL, C1: counted, first named");
	g_free(got);

	/* One is worded as one. */
	got = clean("one\x1B", &d);
	CHECK_STR(got, "one", "single ESC removed");
	m = find_msg(CAPTURE_ANY, "control character U+001B removed");
	CHECK(m != NULL && m->col == 4, "single ESC: named, column 4");
	g_free(got);

	/* Only controls: nothing left. */
	got = clean("\x01\x02\x03", &d);
	CHECK_STR(got, "", "only controls: empty");
	g_free(got);
}

static void
test_breaks(void)
{
	struct bp_diag		 d;
	const struct msg	*m;
	char			*got;

	got = clean("page\x0C" "break\x0Bvt\xC2\x85nel"
	    "\xE2\x80\xA8ls\xE2\x80\xA9ps", &d);
	CHECK_STR(got, "page break vt nel ls ps",
	    "FF VT NEL U+2028 U+2029: a space each");
	m = find_msg(CAPTURE_ANY, "line or page break characters replaced by spaces");
	CHECK(m != NULL && strstr(m->text, "5 line or page break characters "
	    "replaced by spaces (first U+000C)") != NULL,
	    "breaks: one warning, counted");
	CHECK(m != NULL && m->line == 1 && m->col == 5,
	    "breaks: place of the first");
	CHECK(count_lf(got) == 0, "breaks: no line feed made");
	g_free(got);

	got = clean("a\xE2\x80\xA8" "b", &d);
	m = find_msg(CAPTURE_ANY, "line or page break character U+2028 replaced by a "
	    "space");
	CHECK(m != NULL, "single U+2028: worded as one");
	g_free(got);
}

static void
test_bidi(void)
{
	struct bp_diag		 d;
	const struct msg	*m;
	char			*got;

	/* The Trojan Source example: an override hides a reordering. */
	got = clean("access \xE2\x80\xAE" "nimda\xE2\x81\xA6 \xE2\x81\xA9"
	    "x\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD"
	    "\xE2\x81\xA7\xE2\x81\xA8y", &d);
	CHECK_STR(got, "access nimda xy",
	    "bidi: embeddings, overrides, isolates removed");
	m = find_msg(CAPTURE_ANY, "bidirectional control characters removed");
	CHECK(m != NULL && strstr(m->text, "9 bidirectional control "
	    "characters removed (first U+202E)") != NULL,
	    "bidi: one warning, counted");
	CHECK(m != NULL && m->col == 8, "bidi: column of the first");
	g_free(got);

	/* Marks reorder no letters: they stay, silently. */
	got = clean("a\xE2\x80\x8E" "b\xE2\x80\x8F" "c\xD8\x9C" "d", &d);
	CHECK_STR(got, "a\xE2\x80\x8E" "b\xE2\x80\x8F" "c\xD8\x9C" "d",
	    "bidi: LRM, RLM, ALM kept");
	CHECK(msgs->len == 0, "bidi: marks draw no warning");
	g_free(got);

	/* Neighbours of the ranges stay. */
	got = clean("\xE2\x80\xA7\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA", &d);
	CHECK_STR(got, "\xE2\x80\xA7\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA",
	    "bidi: U+2027, U+202F, U+2065, U+206A kept");
	g_free(got);
}

static void
test_nonchars(void)
{
	struct bp_diag		 d;
	const struct msg	*m;
	char			*got;

	got = clean("a\xEF\xB7\x90" "b\xEF\xB7\xAF" "c\xEF\xBF\xBE"
	    "d\xEF\xBF\xBF" "e\xF0\x9F\xBF\xBE" "f\xF0\x9F\xBF\xBF"
	    "g\xF4\x8F\xBF\xBF" "h", &d);
	CHECK_STR(got, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD"
	    "d\xEF\xBF\xBD" "e\xEF\xBF\xBD" "f\xEF\xBF\xBD" "g\xEF\xBF\xBD"
	    "h", "noncharacters: U+FFFD each (3- and 4-byte)");
	m = find_msg(CAPTURE_ANY, "noncharacters replaced by U+FFFD");
	CHECK(m != NULL && strstr(m->text, "7 noncharacters replaced by "
	    "U+FFFD (first U+FDD0)") != NULL, "noncharacters: one warning");
	CHECK(g_utf8_validate(got, -1, NULL), "noncharacters: valid UTF-8");
	g_free(got);

	got = clean("\xF4\x8F\xBF\xBE", &d);
	m = find_msg(CAPTURE_ANY, "noncharacter U+10FFFE replaced by U+FFFD");
	CHECK(m != NULL, "U+10FFFE: named with six digits");
	g_free(got);
}

/* Lines never change; columns count characters of the input. */
static void
test_positions(void)
{
	static const char text[] =
	    "first\n"
	    "ab\x01" "c\xE2\x80\xAE" "d\xEF\xBF\xBF" "e\x0C" "f\n"
	    "\n"
	    "é\x02\x03\xE2\x80\xA8\n";
	struct bp_diag		 d;
	const struct msg	*m;
	char			*got;

	got = clean(text, &d);
	CHECK_STR(got, "first\nabcd\xEF\xBF\xBD" "e f\n\né \n",
	    "positions: cleaned text");
	CHECK(count_lf(got) == count_lf(text), "positions: as many lines");
	m = find_msg(CAPTURE_ANY, "control characters removed");
	CHECK(m != NULL && m->line == 2 && m->col == 3,
	    "positions: control at 2:3");
	m = find_msg(CAPTURE_ANY, "bidirectional");
	CHECK(m != NULL && m->line == 2 && m->col == 5,
	    "positions: bidi at 2:5 (after a removal)");
	m = find_msg(CAPTURE_ANY, "noncharacter");
	CHECK(m != NULL && m->line == 2 && m->col == 7,
	    "positions: noncharacter at 2:7 (after two removals)");
	m = find_msg(CAPTURE_ANY, "line or page break");
	CHECK(m != NULL && m->line == 2 && m->col == 9,
	    "positions: form feed at 2:9");
	CHECK(msgs->len == 4, "positions: one warning per kind");
	g_free(got);

	/* first_line shifts every line. */
	{
		char	*buf = g_strdup("a\nb\x01");

		diag_init(&d);
		bp_clean_text(buf, strlen(buf), /*first_line*/40, &d);
		m = find_msg(CAPTURE_ANY, "control character");
		CHECK(m != NULL && m->line == 41 && m->col == 2,
		    "positions: counted from first_line");
		g_free(buf);
	}
}

/* Random mixes agree with the rules written out plainly. */
static void
test_random(void)
{
	static const char *const pieces[] = {
		"a", "word ", "\n", "\t", "\r\n", "é", "«", "–", "\xF0\x9F\x98\x80",
		"\x01", "\x1B", "\x7F", "\xC2\x80", "\xC2\x85", "\xC2\x9F",
		"\xC2\xA0", "\x0B", "\x0C", "\xE2\x80\xA8", "\xE2\x80\xA9",
		"\xE2\x80\xAA", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA9",
		"\xE2\x80\x8E", "\xEF\xB7\x90", "\xEF\xB7\xAF", "\xEF\xBF\xBE",
		"\xEF\xBF\xBF", "\xEF\xBF\xBD", "\xF0\x9F\xBF\xBE",
		"\xF3\xBF\xBF\xBF", "\xF4\x8F\xBF\xBF",
	};
	struct bp_diag	 d;
	GRand		*rng = g_rand_new_with_seed(11);
	GString		*in = g_string_new(NULL);
	char		*got, *want;
	int		 round, i, bad = 0, badlf = 0;

	for (round = 0; round < 2000; round++) {
		g_string_truncate(in, 0);
		for (i = g_rand_int_range(rng, 0, 60); i > 0; i--)
			g_string_append(in, pieces[g_rand_int_range(rng, 0,
			    (gint32)G_N_ELEMENTS(pieces))]);
		got = clean(in->str, &d);
		want = reference(in->str);
		if (strcmp(got, want) != 0) {
			if (bad++ == 0)
				fprintf(stderr, "  input: %s\n  got:   %s\n"
				    "  want:  %s\n", in->str, got, want);
		}
		if (count_lf(got) != count_lf(in->str))
			badlf++;
		g_free(got);
		g_free(want);
	}
	CHECK(bad == 0, "random: 2000 mixes match the plain rules");
	CHECK(badlf == 0, "random: line feeds kept in every mix");
	g_string_free(in, TRUE);
	g_rand_free(rng);
}

static void
test_values(void)
{
	struct bp_diag		 d;
	const struct msg	*m;
	char			*got;

	diag_init(&d);
	got = bp_clean_value("a\x1B" "b", "title", 2, &d);
	CHECK_STR(got, "ab", "value: ESC removed");
	m = find_msg(CAPTURE_ANY, "title: control character U+001B removed");
	CHECK(m != NULL && m->line == 2 && m->col == 0,
	    "value: warning names the key, at its line");
	g_free(got);

	diag_init(&d);
	got = bp_clean_value("x\x07y\x1Bz\xE2\x80\xAE!\xEF\xBF\xBF\n\tnext",
	    "abstract", 5, &d);
	CHECK_STR(got, "xyz!\xEF\xBF\xBD\n\tnext",
	    "value: several kinds; TAB and LF kept");
	m = find_msg(CAPTURE_ANY, "abstract: 2 control characters removed "
	    "(first U+0007)");
	CHECK(m != NULL && m->line == 5, "value: counted per kind");
	CHECK(find_msg(CAPTURE_ANY, "abstract: bidirectional control character U+202E "
	    "removed") != NULL, "value: bidi named");
	CHECK(find_msg(CAPTURE_ANY, "abstract: noncharacter U+FFFF replaced by U+FFFD") !=
	    NULL, "value: noncharacter named");
	CHECK(msgs->len == 3, "value: one warning per kind");
	g_free(got);

	diag_init(&d);
	CHECK(bp_clean_value(NULL, "title", 1, &d) == NULL,
	    "value: NULL stays NULL");
	got = bp_clean_value("Klar tittel", "title", 1, &d);
	CHECK_STR(got, "Klar tittel", "value: clean copy");
	CHECK(msgs->len == 0, "value: clean gives no warning");
	g_free(got);

	got = bp_clean_value("bad \xFF byte\x01", "title", 1, &d);
	CHECK(got != NULL && g_utf8_validate(got, -1, NULL) &&
	    strchr(got, '\x01') == NULL, "value: invalid UTF-8 repaired");
	g_free(got);
}

/* Through meta.c: front matter escapes, lists, manifests and -M. */
static void
test_meta(void)
{
	static const char text[] =
	    "---\n"
	    "title: \"Tittel\\e med\\a kontroll\"\n"
	    "subtitle: \"\\u202Eevil\\u202C\"\n"
	    "authors:\n"
	    "  - Kari\n"
	    "  - \"Ola\\x01 Nordmann\\uFFFF\"\n"
	    "keywords: \"a\\u2028b, c\"\n"
	    "---\n"
	    "\n"
	    "Body.\n";
	struct bp_diag		 d;
	struct bp_meta		 m;
	const struct msg	*e;
	const char		*body = NULL;
	int			 line = 0;
	struct bp_load_opts	 opts = { 0 };
	struct bp_pack		*pack;
	GPtrArray		*paths;
	char			*tmp, *man, *art;
	FILE			*f;

	diag_init(&d);
	memset(&m, 0, sizeof m);
	CHECK(bp_meta_parse_front(text, strlen(text), &m, &body, &line, &d),
	    "front matter: loads");
	CHECK_STR(m.title, "Tittel med kontroll", "front matter: title");
	e = find_msg(CAPTURE_ANY, "title: 2 control characters removed (first U+001B)");
	CHECK(e != NULL && e->line == 2 && e->sev == BP_WARNING,
	    "front matter: title warning at line 2");
	CHECK_STR(m.subtitle, "evil", "front matter: bidi out of subtitle");
	e = find_msg(CAPTURE_ANY, "subtitle: 2 bidirectional control characters");
	CHECK(e != NULL && e->line == 3, "front matter: subtitle at line 3");
	CHECK(m.authors != NULL && m.authors[0] != NULL && m.authors[1] != NULL,
	    "front matter: two authors");
	if (m.authors != NULL && m.authors[0] != NULL && m.authors[1] != NULL)
		CHECK_STR(m.authors[1], "Ola Nordmann\xEF\xBF\xBD",
		    "front matter: list item cleaned");
	e = find_msg(CAPTURE_ANY, "authors: control character U+0001 removed");
	CHECK(e != NULL && e->line == 6, "front matter: list item's line");
	e = find_msg(CAPTURE_ANY, "authors: noncharacter U+FFFF");
	CHECK(e != NULL && e->line == 6, "front matter: list item noncharacter");
	CHECK(m.keywords != NULL && m.keywords[0] != NULL &&
	    strcmp(m.keywords[0], "a b") == 0, "front matter: keywords");
	CHECK(find_msg(CAPTURE_ANY, "keywords: line or page break character U+2028") !=
	    NULL, "front matter: keywords warning");
	CHECK(d.errors == 0, "front matter: no error");
	bp_meta_clear(&m);

	/* -M KEY=VALUE. */
	diag_init(&d);
	memset(&m, 0, sizeof m);
	CHECK(bp_meta_set_kv(&m, "title=a\x1B" "b", &d), "-M: accepted");
	CHECK_STR(m.title, "ab", "-M: title cleaned");
	e = find_msg(CAPTURE_ANY, "-M title: control character U+001B removed");
	CHECK(e != NULL && e->file == NULL && e->line == 0,
	    "-M: warning names the option, no file");
	bp_meta_clear(&m);

	/* A manifest. */
	tmp = g_dir_make_tmp("bp-test-clean-XXXXXX", NULL);
	CHECK(tmp != NULL, "manifest: temporary folder");
	if (tmp == NULL)
		return;
	man = g_build_filename(tmp, "pack.yaml", NULL);
	art = g_build_filename(tmp, "a.md", NULL);
	g_file_set_contents(art, "Text.\n", -1, NULL);
	f = fopen(man, "w");
	if (f != NULL) {
		fputs("articles:\n  - a.md\ntitle: \"Pakke\\e\"\n", f);
		fclose(f);
	}
	diag_init(&d);
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	CHECK(bp_meta_load_manifest(man, &opts, pack, paths, &d),
	    "manifest: loads");
	CHECK_STR(pack->meta.title, "Pakke", "manifest: title cleaned");
	e = find_msg(CAPTURE_ANY, "title: control character U+001B removed");
	CHECK(e != NULL && e->line == 3 && e->file != NULL &&
	    strcmp(e->file, man) == 0, "manifest: warning at file:3");
	bp_pack_free(pack);
	g_ptr_array_free(paths, TRUE);
	g_unlink(man);
	g_unlink(art);
	g_rmdir(tmp);
	g_free(man);
	g_free(art);
	g_free(tmp);
}

/* A whole article: raw controls in front matter and body, lines kept. */
static void
test_article(void)
{
	static const char text[] =
	    "---\n"
	    "title: \"Ti\x01tle\\e\"\n"
	    "---\n"
	    "\n"
	    "Para\xE2\x80\xA8one \x1B[1m two\xEF\xBF\xBF.\n"
	    "\n"
	    "# Head \xE2\x80\xAE" "ing\n";
	struct bp_diag		 d;
	struct bp_load_opts	 opts = { 0 };
	struct bp_article	*art;
	const struct msg	*e;
	struct bp_node		*n;
	char			*tmp, *path, *plain;

	tmp = g_dir_make_tmp("bp-test-clean-XXXXXX", NULL);
	CHECK(tmp != NULL, "article: temporary folder");
	if (tmp == NULL)
		return;
	path = g_build_filename(tmp, "x.md", NULL);
	g_file_set_contents(path, text, -1, NULL);
	diag_init(&d);
	art = bp_parse_article(path, &opts, &d);
	CHECK(!art->failed, "article: loads");
	CHECK_STR(art->meta.title, "Title", "article: raw and escaped "
	    "controls out of the title");
	e = find_msg(CAPTURE_ANY, "2 control characters removed (first U+0001)");
	CHECK(e != NULL && e->line == 2 && e->col == 11,
	    "article: raw controls counted over the whole file, first at 2:11");
	e = find_msg(CAPTURE_ANY, "title: control character U+001B removed");
	CHECK(e != NULL && e->line == 2, "article: escaped ESC at the title");
	e = find_msg(CAPTURE_ANY, "line or page break character U+2028");
	CHECK(e != NULL && e->line == 5 && e->col == 5,
	    "article: U+2028 at 5:5");
	e = find_msg(CAPTURE_ANY, "bidirectional control character U+202E");
	CHECK(e != NULL && e->line == 7 && e->col == 8,
	    "article: U+202E at 7:8");
	CHECK(art->warnings == 5, "article: five warnings counted");
	CHECK(art->body == NULL, "article: the body is let go after loading");
	CHECK(bp_article_body_acquire(art, &d), "article: the body comes back");
	n = art->body != NULL ? art->body->first : NULL;
	CHECK(n != NULL && n->type == BP_NODE_PARA && n->line == 5,
	    "article: paragraph still on line 5");
	plain = n != NULL ? bp_node_plain_text(n) : NULL;
	CHECK_STR(plain, "Para one [1m two\xEF\xBF\xBD.",
	    "article: paragraph text cleaned");
	g_free(plain);
	n = n != NULL ? n->next : NULL;
	CHECK(n != NULL && n->type == BP_NODE_HEADING && n->line == 7,
	    "article: heading still on line 7");
	plain = n != NULL ? bp_node_plain_text(n) : NULL;
	CHECK_STR(plain, "Head ing", "article: heading text cleaned");
	g_free(plain);
	CHECK(art->warnings == 5, "article: made again quietly");
	bp_article_body_release(art);
	bp_article_free(art);
	g_unlink(path);
	g_rmdir(tmp);
	g_free(path);
	g_free(tmp);
}

int
main(void)
{
	msgs = g_ptr_array_new_with_free_func(msg_free);
	test_clean_text_untouched();
	test_clean_text_no_write();
	test_controls();
	test_breaks();
	test_bidi();
	test_nonchars();
	test_positions();
	test_random();
	test_values();
	test_meta();
	test_article();
	g_ptr_array_free(msgs, TRUE);
	return HARNESS_EXIT();
}
