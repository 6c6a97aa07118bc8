/*
 * Localised words and dates for the languages briefpack knows; anything
 * else falls back to English.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"

struct l10n_lang {
	const char	*code;
	const char	*words[BP_W__MAX];
	const char	*months[12];
};

static const struct l10n_lang langs[] = {
	{ "en", {
		"Page %d of %d", "Contents", "This page is intentionally left blank",
		"1 article", "%d articles", "Summary", "Notes", "Source", "By",
		"Image not available", "This article could not be included",
		"Task done",
		"Exempt from public disclosure, cf.", "Copy %d of %d",
		"Distribution list", "Copy no.", "Holder",
	  }, { "January", "February", "March", "April", "May", "June", "July",
	       "August", "September", "October", "November", "December" },
	},
	{ "nb", {
		"Side %d av %d", "Innhold", "Denne siden er blank med vilje",
		"1 artikkel", "%d artikler", "Sammendrag", "Noter", "Kilde", "Av",
		"Bildet er ikke tilgjengelig", "Denne artikkelen kunne ikke tas med",
		"Oppgave utført",
		"Unntatt offentlighet, jf.", "Eksemplar %d av %d",
		"Distribusjonsliste", "Eksemplar nr.", "Mottaker",
	  }, { "januar", "februar", "mars", "april", "mai", "juni", "juli",
	       "august", "september", "oktober", "november", "desember" },
	},
	{ "nn", {
		"Side %d av %d", "Innhald", "Denne sida er blank med vilje",
		"1 artikkel", "%d artiklar", "Samandrag", "Notar", "Kjelde", "Av",
		"Biletet er ikkje tilgjengeleg", "Denne artikkelen kunne ikkje takast med",
		"Oppgåve utført",
		"Unnateke offentlegheit, jf.", "Eksemplar %d av %d",
		"Distribusjonsliste", "Eksemplar nr.", "Mottakar",
	  }, { "januar", "februar", "mars", "april", "mai", "juni", "juli",
	       "august", "september", "oktober", "november", "desember" },
	},
	{ "da", {
		"Side %d af %d", "Indhold", "Denne side er bevidst efterladt blank",
		"1 artikel", "%d artikler", "Resumé", "Noter", "Kilde", "Af",
		"Billedet er ikke tilgængeligt", "Denne artikel kunne ikke medtages",
		"Opgave udført",
		"Undtaget fra offentlighed, jf.", "Eksemplar %d af %d",
		"Fordelingsliste", "Eksemplar nr.", "Modtager",
	  }, { "januar", "februar", "marts", "april", "maj", "juni", "juli",
	       "august", "september", "oktober", "november", "december" },
	},
	{ "sv", {
		"Sida %d av %d", "Innehåll", "Denna sida har avsiktligt lämnats tom",
		"1 artikel", "%d artiklar", "Sammanfattning", "Noter", "Källa", "Av",
		"Bilden är inte tillgänglig", "Den här artikeln kunde inte tas med",
		"Uppgift utförd",
		"Undantagen från offentlighet, jfr", "Exemplar %d av %d",
		"Sändlista", "Exemplar nr", "Mottagare",
	  }, { "januari", "februari", "mars", "april", "maj", "juni", "juli",
	       "augusti", "september", "oktober", "november", "december" },
	},
	{ "de", {
		"Seite %d von %d", "Inhalt", "Diese Seite bleibt absichtlich leer",
		"1 Artikel", "%d Artikel", "Zusammenfassung", "Anmerkungen", "Quelle",
		"Von", "Bild nicht verfügbar",
		"Dieser Artikel konnte nicht aufgenommen werden", "Aufgabe erledigt",
		"Von der Offenlegung ausgenommen, vgl.",
		"Exemplar %d von %d", "Verteiler", "Exemplar Nr.",
		"Empfänger",
	  }, { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	       "August", "September", "Oktober", "November", "Dezember" },
	},
};

static const struct l10n_lang *find_lang(const char *lang);

/* "no", "nb-NO", "NB" -> "nb"; "en-GB" -> "en". */
const char *
bp_l10n_primary(const char *lang, char buf[8])
{
	size_t	 i;

	if (lang == NULL || *lang == '\0')
		lang = "en";
	for (i = 0; i < 7 && lang[i] != '\0' && lang[i] != '-' &&
	    lang[i] != '_'; i++)
		buf[i] = g_ascii_tolower(lang[i]);
	buf[i] = '\0';
	if (strcmp(buf, "no") == 0 || strcmp(buf, "nob") == 0)
		strcpy(buf, "nb");
	else if (strcmp(buf, "nno") == 0)
		strcpy(buf, "nn");
	return buf;
}

static const struct l10n_lang *
find_lang(const char *lang)
{
	char	 buf[8];
	size_t	 i;

	bp_l10n_primary(lang, buf);
	for (i = 0; i < G_N_ELEMENTS(langs); i++)
		if (strcmp(langs[i].code, buf) == 0)
			return &langs[i];
	return &langs[0];
}

const char *
bp_l10n_word(const char *lang, enum bp_word w)
{
	g_return_val_if_fail(w < BP_W__MAX, "");
	return find_lang(lang)->words[w];
}

char *
bp_l10n_date(const char *lang, const struct bp_date *d)
{
	const struct l10n_lang	*l = find_lang(lang);

	if (d == NULL || d->y == 0 || d->m < 1 || d->m > 12)
		return g_strdup("");
	if (strcmp(l->code, "en") == 0 || strcmp(l->code, "sv") == 0)
		return g_strdup_printf("%d %s %d", d->d, l->months[d->m - 1],
		    d->y);
	return g_strdup_printf("%d. %s %d", d->d, l->months[d->m - 1], d->y);
}

/* Fill the %d slots of a word in order (the words are ours, not input). */
char *
bp_l10n_format(const char *lang, enum bp_word w, int a, int b)
{
	const char	*p = bp_l10n_word(lang, w);
	GString		*out = g_string_new(NULL);
	int		 vals[2] = { a, b }, k = 0;

	for (; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'd' && k < 2) {
			g_string_append_printf(out, "%d", vals[k++]);
			p++;
		} else
			g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}
