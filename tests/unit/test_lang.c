/*
 * Unit tests for the language guesser (model/lang.c): the profiles in
 * data/lang/, the labelled paragraphs in tests/fixtures/lang/, and the
 * rules for texts too short to tell.
 * SPDX-License-Identifier: MIT
 */
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bp.h"
#include "harness.h"
#include "parse/load.h"

#define FIX "tests/fixtures/lang"

static int count_words(const char *s);
static int lang_index(const struct bp_lang_profiles *lp, const char *code);
static void test_labelled(const struct bp_lang_profiles *lp);
static void test_short(const struct bp_lang_profiles *lp);
static void test_profiles(void);
static void test_article(const struct bp_lang_profiles *lp);
static void test_decide(void);
static struct bp_pack *guessed_pack(const char *pack_lang);

static int
count_words(const char *s)
{
	char	**w = g_strsplit_set(s, " \t\n", -1);
	int	  i, n = 0;

	for (i = 0; w[i] != NULL; i++)
		n += *w[i] != '\0';
	g_strfreev(w);
	return n;
}

static int
lang_index(const struct bp_lang_profiles *lp, const char *code)
{
	int	 k;

	for (k = 0; k < bp_lang_get_count(lp); k++)
		if (strcmp(bp_lang_get_code(lp, k), code) == 0)
			return k;
	return -1;
}

/*
 * Every paragraph of every labelled file: no wrong guess, every one of
 * 25 words or more told. The confusion table goes to stdout as comments
 * (the README quotes it).
 */
static void
test_labelled(const struct bp_lang_profiles *lp)
{
	int		 n = bp_lang_get_count(lp), conf[BP_LANG_MAX][BP_LANG_MAX + 1];
	int		 k, j, i, total = 0, told = 0, wrong, untold_long;
	char		*path, *text, **paras;
	struct bp_lang_guess g;
	GString		*line;
	bool		 detail = g_getenv("LANG_DETAIL") != NULL;

	memset(conf, 0, sizeof conf);
	for (k = 0; k < n; k++) {
		path = g_strdup_printf(FIX "/%s.txt", bp_lang_get_code(lp, k));
		if (!g_file_get_contents(path, &text, NULL, NULL)) {
			CHECK(0, "labelled: %s readable", path);
			g_free(path);
			continue;
		}
		paras = g_strsplit(text, "\n\n", -1);
		wrong = untold_long = 0;
		for (i = 0; paras[i] != NULL; i++) {
			g_strstrip(paras[i]);
			if (*paras[i] == '\0')
				continue;
			total++;
			bp_lang_guess_text(lp, paras[i], &g);
			j = g.lang[0] != '\0' ? lang_index(lp, g.lang) : n;
			conf[k][j]++;
			told += j < n;
			if (j < n && j != k) {
				wrong++;
				fprintf(stderr, "  %s guessed %s (%.1f over %s): "
				    "%.60s\n", bp_lang_get_code(lp, k), g.lang,
				    g.margin, g.runner, paras[i]);
			}
			if (j == n && count_words(paras[i]) >= 25) {
				untold_long++;
				fprintf(stderr, "  %s not told (%d words, %s "
				    "%.1f over %s): %.60s\n",
				    bp_lang_get_code(lp, k), g.words, g.best,
				    g.margin, g.runner, paras[i]);
			}
			if (detail)
				fprintf(stderr, "  %s -> %s  words %d  best %s "
				    "%.1f over %s  %.50s\n",
				    bp_lang_get_code(lp, k), g.lang, g.words,
				    g.best, g.margin, g.runner, paras[i]);
		}
		CHECK(wrong == 0, "labelled %s: no paragraph guessed wrong",
		    bp_lang_get_code(lp, k));
		CHECK(untold_long == 0, "labelled %s: every paragraph of 25 "
		    "words or more told", bp_lang_get_code(lp, k));
		g_strfreev(paras);
		g_free(text);
		g_free(path);
	}
	/* The table: rows are the truth, columns the guess, "?" not told. */
	line = g_string_new("# truth\\guess");
	for (j = 0; j < n; j++)
		g_string_append_printf(line, " %4s", bp_lang_get_code(lp, j));
	printf("%s    ?\n", line->str);
	for (k = 0; k < n; k++) {
		g_string_printf(line, "# %-11s", bp_lang_get_code(lp, k));
		for (j = 0; j <= n; j++)
			g_string_append_printf(line, " %4d", conf[k][j]);
		printf("%s\n", line->str);
	}
	printf("# %d paragraphs, %d told, %d not told\n", total, told,
	    total - told);
	g_string_free(line, TRUE);
}

/* Too little text is "could not tell", never a guess. */
static void
test_short(const struct bp_lang_profiles *lp)
{
	struct bp_lang_guess g;

	CHECK(!bp_lang_guess_text(lp, "", &g) && g.done && g.words == 0,
	    "short: empty text is not told");
	CHECK(!bp_lang_guess_text(lp, "Ikkje no.", &g) && g.lang[0] == '\0',
	    "short: two words are not told");
	CHECK(!bp_lang_guess_text(lp, "https://www.regjeringen.no/nb/ "
	    "post@example.no 2026-11-27 12 500", &g) && g.words == 0,
	    "short: addresses and numbers are not words");
	CHECK(bp_lang_guess_text(lp, "Eg veit ikkje kva dei har tenkt å "
	    "gjere med det, men vi får sjå kva som skjer no.", &g) &&
	    strcmp(g.lang, "nn") == 0, "short: a nynorsk sentence is nn");
	CHECK(bp_lang_guess_text(lp, "Jeg vet ikke hva de har tenkt å gjøre "
	    "med det, men vi får se hva som skjer nå.", &g) &&
	    strcmp(g.lang, "nb") == 0, "short: the same in bokmål is nb");
	CHECK(bp_lang_guess_text(lp, "Jeg ved ikke, hvad de har tænkt sig "
	    "at gøre med det, men vi får se, hvad der sker nu.", &g) &&
	    strcmp(g.lang, "da") == 0, "short: the same in Danish is da");
	CHECK(!bp_lang_guess_text(NULL, "Dette er en tekst.", &g) && !g.done,
	    "short: no profiles, no guess");
}

/*
 * An article's words, not its code, raw HTML or addresses: a nynorsk
 * text with English code and a link that shows its address is nn.
 */
static void
test_article(const struct bp_lang_profiles *lp)
{
	static const char md[] =
	    "Eg veit ikkje kva dei har tenkt, men vi får sjå.\n\n"
	    "```\nthe code is in English and it is longer than the text, "
	    "with all of the words that the English profile has in it\n```\n\n"
	    "Sjå <https://www.the-and-of-the.org/the/and/of/the/to/a/in/is> "
	    "og `the and of the to` <span>the and of the</span>.\n";
	struct bp_load_opts	 opts = { 0 };
	struct bp_diag		 quiet = { 0 };
	struct bp_article	*art = bp_article_new("t.md");
	struct bp_lang_guess	 g;

	quiet.fn = bp_diag_drop_fn;
	bp_md_init();
	CHECK(bp_md_parse(art, md, sizeof md - 1, 1, &opts, &quiet) &&
	    bp_lang_guess_article(lp, art, &g) && strcmp(g.lang, "nn") == 0,
	    "article: code, raw HTML and addresses are not its words");
	bp_article_free(art);
}

/* A pack of an nn-guessed, an untold and an own-nb article. */
static struct bp_pack *
guessed_pack(const char *pack_lang)
{
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*a;

	a = bp_article_new("a.md");
	a->guess.done = true;
	g_strlcpy(a->guess.lang, "nn", sizeof a->guess.lang);
	g_ptr_array_add(pack->articles, a);
	a = bp_article_new("b.md");
	a->guess.done = true;
	a->guess.words = 3;
	g_ptr_array_add(pack->articles, a);
	a = bp_article_new("c.md");
	a->meta.lang = g_strdup("nb");
	g_ptr_array_add(pack->articles, a);
	pack->meta.lang = g_strdup(pack_lang);
	return pack;
}

#define LANG_OF(pack, k) \
	(((struct bp_article *)g_ptr_array_index((pack)->articles, k))->lang)

/* The one decision (model/doc.c): own, manifest or -M, guess, pack. */
static void
test_decide(void)
{
	struct bp_diag	 d = { 0 };
	struct bp_pack	*pack = guessed_pack(NULL);

	d.fn = bp_diag_drop_fn;
	bp_pack_fill_defaults(pack, NULL, NULL, &d);
	CHECK_STR(pack->meta.lang, "nn", "decide: the pack takes the first "
	    "article's guess");
	CHECK_STR(LANG_OF(pack, 0), "nn", "decide: a guess is used");
	CHECK_STR(LANG_OF(pack, 1), "nn", "decide: could not tell: the pack's");
	CHECK_STR(LANG_OF(pack, 2), "nb", "decide: its own lang wins");
	bp_pack_free(pack);
	pack = guessed_pack("de");
	bp_pack_fill_defaults(pack, NULL, NULL, &d);
	CHECK_STR(LANG_OF(pack, 0), "de", "decide: the manifest's or -M "
	    "lang wins over a guess");
	CHECK_STR(LANG_OF(pack, 2), "nb", "decide: its own lang wins over "
	    "the manifest's");
	bp_pack_free(pack);
}

/* Profile files: found by datadir, bad lines refused, too few languages. */
static void
test_profiles(void)
{
	struct bp_diag		 quiet = { 0 };
	struct bp_lang_profiles	*lp;
	char			*dir = g_dir_make_tmp("bp-lang-XXXXXX", NULL);
	char			*sub = g_build_filename(dir, "data", "lang", NULL);
	char			*p;

	quiet.fn = bp_diag_drop_fn;
	lp = bp_lang_load(dir, &quiet);
	CHECK(lp == NULL && quiet.warnings == 1, "profiles: a missing folder "
	    "is one warning, no profiles");
	g_mkdir_with_parents(sub, 0755);
	p = g_build_filename(sub, "aa.txt", NULL);
	g_file_set_contents(p, "# a comment\nfoo 100\n-ing 50 # ending\n",
	    -1, NULL);
	g_free(p);
	bp_diag_reset_counts(&quiet);
	lp = bp_lang_load(dir, &quiet);
	CHECK(lp == NULL, "profiles: one language is not enough to guess");
	p = g_build_filename(sub, "bb.txt", NULL);
	g_file_set_contents(p, "bar 100\nbaz\n", -1, NULL);
	g_free(p);
	bp_diag_reset_counts(&quiet);
	lp = bp_lang_load(dir, &quiet);
	CHECK(lp == NULL && quiet.warnings == 2, "profiles: a line without "
	    "a count is refused, naming the file");
	p = g_build_filename(sub, "bb.txt", NULL);
	g_file_set_contents(p, "bar 100\nbaz 3000\n", -1, NULL);
	g_free(p);
	bp_diag_reset_counts(&quiet);
	lp = bp_lang_load(dir, &quiet);
	CHECK(lp != NULL && bp_lang_get_count(lp) == 2 &&
	    strcmp(bp_lang_get_code(lp, 1), "bb") == 0,
	    "profiles: two files, in name order");
	bp_lang_free(lp);
	p = g_build_filename(sub, "aa.txt", NULL);
	g_unlink(p);
	g_free(p);
	p = g_build_filename(sub, "bb.txt", NULL);
	g_unlink(p);
	g_free(p);
	g_rmdir(sub);
	g_free(sub);
	sub = g_build_filename(dir, "data", NULL);
	g_rmdir(sub);
	g_rmdir(dir);
	g_free(sub);
	g_free(dir);
}

int
main(void)
{
	struct bp_diag		 d = { 0 };
	struct bp_lang_profiles	*lp = bp_lang_load(".", &d);
	static const char *const want[] = { "da", "de", "en", "nb", "nn", "sv" };
	size_t			 i;

	CHECK(lp != NULL, "the shipped profiles load from data/lang");
	if (lp == NULL)
		return HARNESS_EXIT();
	for (i = 0; i < G_N_ELEMENTS(want); i++)
		CHECK(lang_index(lp, want[i]) >= 0, "profile %s shipped",
		    want[i]);
	test_short(lp);
	test_article(lp);
	test_decide();
	test_labelled(lp);
	test_profiles();
	bp_lang_free(lp);
	return HARNESS_EXIT();
}
