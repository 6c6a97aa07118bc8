/*
 * Unit tests for hyphenation (pdf/hyph.c): dictionary points for nb, nn
 * and en words, minimum fragments, words left alone, missing languages.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/pdf.h"
#include "harness.h"

/* text with soft hyphens shown as '-' */
static char *
hyph(struct bp_hyph *h, const char *lang, const char *text, bool *ok)
{
	GString	*out = g_string_new(NULL);
	bool	 missing = false;
	char   **parts;
	char	*joined;

	*ok = bp_hyph_append(h, lang, text, out, &missing);
	parts = g_strsplit(out->str, "\xc2\xad", -1);
	joined = g_strjoinv("-", parts);
	g_strfreev(parts);
	g_string_free(out, TRUE);
	return joined;
}

int
main(void)
{
	struct bp_hyph	*h = bp_hyph_new();
	GString		*out;
	char		*r;
	bool		 ok, missing;

	r = hyph(h, "nb", "næringsklyngene", &ok);
	CHECK(ok, "bokmål has a dictionary");
	CHECK_STR(r, "næ-rings-klyn-gene", "bokmål word with æ (Latin-1 dictionary)");
	g_free(r);
	r = hyph(h, "no", "regjeringen", &ok);
	CHECK_STR(r, "re-gje-rin-gen", "no maps to bokmål");
	g_free(r);
	r = hyph(h, "nb-NO", "innovasjonsprogrammet", &ok);
	CHECK_STR(r, "in-nova-sjons-program-met", "nb-NO region tag");
	g_free(r);
	r = hyph(h, "nn", "produksjonsområda", &ok);
	CHECK_STR(r, "produk-sjons-områda", "nynorsk with å");
	g_free(r);
	r = hyph(h, "en", "information hyphenation", &ok);
	CHECK_STR(r, "in-for-ma-tion hy-phen-ation", "English words");
	g_free(r);
	r = hyph(h, "en-GB", "programme", &ok);
	CHECK(ok && strchr(r, '-') != NULL, "en-GB uses a British dictionary (%s)",
	    r);
	g_free(r);

	/* Left alone: short words, digits, URLs, mail, capitals. */
	r = hyph(h, "nb", "bil sjø", &ok);
	CHECK_STR(r, "bil sjø", "words under five letters are never broken");
	g_free(r);
	r = hyph(h, "nb", "COVID19 2026-budsjettet", &ok);
	CHECK_STR(r, "COVID19 2026-budsjettet", "no hyphens in words with digits");
	g_free(r);
	r = hyph(h, "en", "https://www.regjeringen.no/informasjon "
	    "www.example.com/information post@information.no", &ok);
	CHECK(strchr(r, '-') == NULL, "no hyphens in URLs or addresses (%s)", r);
	g_free(r);
	r = hyph(h, "nb", "BEGRENSET", &ok);
	CHECK_STR(r, "BEGRENSET", "words in capitals are not broken");
	g_free(r);
	r = hyph(h, "en", "re-examination", &ok);
	CHECK(g_str_has_prefix(r, "re-ex"), "hard hyphens are kept (%s)", r);
	g_free(r);

	/* Minimum fragments: two letters before, three after. */
	r = hyph(h, "en", "bureaucracy", &ok);
	CHECK(!g_str_has_prefix(r, "b-") && strlen(strrchr(r, '-') != NULL ?
	    strrchr(r, '-') : "----") >= 4, "fragments of at least 2 and 3 (%s)",
	    r);
	g_free(r);

	/*
	 * Words are remembered per dictionary: a word met again is broken
	 * the same way, and a word first met in bokmål is still broken by
	 * the English dictionary in English text.
	 */
	r = hyph(h, "nb", "regjeringen Regjeringen regjeringen", &ok);
	CHECK_STR(r, "re-gje-rin-gen Re-gje-rin-gen re-gje-rin-gen",
	    "a word met again is broken the same way");
	g_free(r);
	r = hyph(h, "nb", "information", &ok);
	g_free(r);
	r = hyph(h, "en", "information", &ok);
	CHECK_STR(r, "in-for-ma-tion", "each dictionary remembers its own words");
	g_free(r);

	/* No dictionary: text unchanged, warned once. */
	out = g_string_new(NULL);
	CHECK(!bp_hyph_append(h, "tlh", "abcdefghij", out, &missing) && missing,
	    "a language without a dictionary reports it the first time");
	CHECK_STR(out->str, "abcdefghij", "and leaves the text alone");
	g_string_truncate(out, 0);
	bp_hyph_append(h, "tlh", "abcdefghij", out, &missing);
	CHECK(!missing, "but only the first time");
	g_string_free(out, TRUE);

	bp_hyph_free(h);
	return HARNESS_EXIT();
}
