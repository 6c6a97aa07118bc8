/*
 * Hyphenation: soft hyphens (U+00AD) inserted at libhyphen's dictionary
 * points, by language, before Pango breaks the lines.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "pdf/pdf.h"

#define HYPH_DIR     "/usr/share/hyphen"
#define LEFT_MIN     2    /* letters before the first break */
#define RIGHT_MIN    3    /* letters after the last break */
#define WORD_MIN     5    /* shorter words are never broken */
#define WORD_MAX     100  /* longer "words" are not words */
#define SHY          "\xc2\xad"

#define CACHE_MAX    65536  /* words remembered per dictionary */

/*
 * One loaded dictionary; dict NULL when the language has none. Words
 * recur (a pack says "regjeringen" hundreds of times): each is looked up
 * in libhyphen once and then found in `words`.
 */
struct hdict {
	HyphenDict	*dict;
	bool		 ours;     /* dict from bp_hyphcache_load's copy */
	bool		 latin1;   /* patterns in ISO 8859-1, not UTF-8 */
	GHashTable	*words;    /* word -> word with soft hyphens */
	GMutex		 lock;     /* for words */
};

struct bp_hyph {
	GHashTable	*dicts;    /* language key -> struct hdict (borrowed) */
	GMutex		 lock;
	char		*dir;
};

/*
 * The loaded dictionaries, by file, shared by every bp_hyph of the
 * process (a batch's workers have a PDF writer each): each file is read
 * once per run, and words hyphenated by one worker are known to all.
 * They go when the last bp_hyph does. Taken after a bp_hyph's lock,
 * never before it.
 */
static GMutex		 files_lock;
static GHashTable	*files;    /* dictionary path -> struct hdict (owned) */
static guint		 files_users;

static void hdict_free(gpointer p);
static struct hdict *load_dict(struct bp_hyph *h, const char *lang,
    bool *fresh);
static bool plain_word(const char *tok, const char *end);
static void hyphenate_word(struct hdict *hd, const char *w, size_t len,
    GString *out);
static char *hyphenate_new(const struct hdict *hd, const char *w, size_t len);
static char *to_latin1(const char *s, size_t len, gsize *out_len);

static void
hdict_free(gpointer p)
{
	struct hdict	*h = p;

	if (h == NULL)
		return;
	if (h->dict != NULL && h->ours)
		bp_hyphcache_free(h->dict);
	else if (h->dict != NULL)
		hnj_hyphen_free(h->dict);
	if (h->words != NULL)
		g_hash_table_destroy(h->words);
	g_mutex_clear(&h->lock);
	g_free(h);
}

struct bp_hyph *
bp_hyph_new(void)
{
	struct bp_hyph	*h = g_new0(struct bp_hyph, 1);
	const char	*env = g_getenv("BRIEFPACK_HYPHEN_DIR");

	h->dicts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	g_mutex_lock(&files_lock);
	if (files_users++ == 0)
		files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    hdict_free);
	g_mutex_unlock(&files_lock);
	g_mutex_init(&h->lock);
	h->dir = g_strdup(env != NULL && *env != '\0' ? env : HYPH_DIR);
	return h;
}

void
bp_hyph_free(struct bp_hyph *h)
{
	if (h == NULL)
		return;
	g_hash_table_destroy(h->dicts);
	g_mutex_lock(&files_lock);
	if (--files_users == 0) {
		g_hash_table_destroy(files);
		files = NULL;
	}
	g_mutex_unlock(&files_lock);
	g_mutex_clear(&h->lock);
	g_free(h->dir);
	g_free(h);
}

/*
 * The dictionary for a language tag, loaded once: "nb-NO" tries
 * hyph_nb_NO.dic, then the language's usual region, then hyph_nb.dic.
 * *fresh is set when this call made the entry (so callers warn once).
 */
static struct hdict *
load_dict(struct bp_hyph *h, const char *lang, bool *fresh)
{
	static const char *const usual[][2] = {
		{ "nb", "NO" }, { "nn", "NO" }, { "en", "US" }, { "de", "DE" },
		{ "sv", "SE" }, { "da", "DK" }, { "fr", "FR" }, { "nl", "NL" },
		{ "fi", "FI" }, { "it", "IT" }, { "es", "ES" }, { "pt", "PT" },
	};
	struct hdict	*hd;
	char		 prim[8], region[8] = "", *key, *path = NULL, *name;
	char		*real;
	const char	*p;
	char		 head[64];
	FILE		*f;
	size_t		 i;

	*fresh = false;
	bp_l10n_primary(lang, prim);
	/* A two-letter region subtag, upper-cased: en-gb -> GB. */
	if ((p = strchr(lang != NULL ? lang : "", '-')) != NULL &&
	    strlen(p + 1) == 2) {
		region[0] = g_ascii_toupper(p[1]);
		region[1] = g_ascii_toupper(p[2]);
		region[2] = '\0';
	}
	key = g_strdup_printf("%s_%s", prim, region);
	if ((hd = g_hash_table_lookup(h->dicts, key)) != NULL) {
		g_free(key);
		return hd;
	}
	*fresh = true;
	for (i = 0; i <= G_N_ELEMENTS(usual) + 1 && path == NULL; i++) {
		if (i == 0 && *region != '\0')
			name = g_strdup_printf("hyph_%s_%s.dic", prim, region);
		else if (i > 0 && i <= G_N_ELEMENTS(usual) &&
		    strcmp(usual[i - 1][0], prim) == 0)
			name = g_strdup_printf("hyph_%s_%s.dic", prim,
			    usual[i - 1][1]);
		else if (i == G_N_ELEMENTS(usual) + 1)
			name = g_strdup_printf("hyph_%s.dic", prim);
		else
			continue;
		path = g_build_filename(h->dir, name, NULL);
		g_free(name);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			g_free(path);
			path = NULL;
		}
	}
	/*
	 * One load per file: de, de-AT and de-CH may share a dictionary,
	 * and big ones take a while to read. A language without one gets
	 * an empty entry (under the empty path).
	 */
	/* hyph_de_AT.dic and friends are links to one file. */
	if (path != NULL && (real = realpath(path, NULL)) != NULL) {
		g_free(path);
		path = g_strdup(real);
		free(real);
	}
	g_mutex_lock(&files_lock);
	if ((hd = g_hash_table_lookup(files, path != NULL ? path : "")) ==
	    NULL) {
		hd = g_new0(struct hdict, 1);
		g_mutex_init(&hd->lock);
		if (path != NULL) {
			/* The first line names the pattern encoding. */
			if ((f = fopen(path, "r")) != NULL) {
				if (fgets(head, sizeof head, f) != NULL)
					hd->latin1 = g_ascii_strncasecmp(head,
					    "UTF-8", 5) != 0;
				fclose(f);
			}
			hd->dict = bp_hyphcache_load(path, &hd->ours);
		}
		g_hash_table_insert(files, g_strdup(path != NULL ? path : ""),
		    hd);
	}
	g_mutex_unlock(&files_lock);
	g_hash_table_insert(h->dicts, key, hd);
	g_free(path);
	return hd;
}

/*
 * Only ordinary words are broken: no digits, no URLs, mail addresses or
 * paths, not all capitals.
 */
static bool
plain_word(const char *tok, const char *end)
{
	const char	*p;
	bool		 lower = false;
	gunichar	 c;

	for (p = tok; p < end; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (g_unichar_isdigit(c) || c == '/' || c == '@' || c == ':' ||
		    c == '_' || c == '\\' || c == '=' || c == '<' || c == '>')
			return false;
		if (g_unichar_islower(c))
			lower = true;
	}
	if (end - tok >= 4 && (g_str_has_prefix(tok, "www.") ||
	    g_str_has_prefix(tok, "WWW.")))
		return false;
	return lower;
}

/* UTF-8 to ISO 8859-1, or NULL when a character is not in it. */
static char *
to_latin1(const char *s, size_t len, gsize *out_len)
{
	char		*out = g_malloc(len + 1);
	const char	*p;
	gsize		 n = 0;
	gunichar	 c;

	for (p = s; p < s + len; p = g_utf8_next_char(p)) {
		if ((c = g_utf8_get_char(p)) > 0xff) {
			g_free(out);
			return NULL;
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

/*
 * The word (a letter run) with soft hyphens at the dictionary's points;
 * NULL when it is not to be broken.
 */
static char *
hyphenate_new(const struct hdict *hd, const char *w, size_t len)
{
	char		*low = NULL, *enc = NULL, *marks = NULL;
	char	       **rep = NULL;
	int		*pos = NULL, *cut = NULL;
	gsize		 enclen = 0;
	glong		 nchars = g_utf8_strlen(w, (gssize)len), ci;
	const char	*p;
	int		 k;
	GString		*out = NULL;

	if (nchars < WORD_MIN || nchars > WORD_MAX)
		goto out;
	low = g_utf8_strdown(w, (gssize)len);
	if (strlen(low) != len)
		goto out;
	if (hd->latin1) {
		if ((enc = to_latin1(low, len, &enclen)) == NULL)
			goto out;
	} else {
		enc = g_strdup(low);
		enclen = len;
	}
	marks = g_malloc0(enclen + 5);
	if (hnj_hyphen_hyphenate3(hd->dict, enc, (int)enclen, marks, NULL,
	    &rep, &pos, &cut, LEFT_MIN, RIGHT_MIN, LEFT_MIN, RIGHT_MIN) != 0)
		goto out;

	/*
	 * Marks are per character: Latin-1 bytes are characters, and for
	 * UTF-8 dictionaries libhyphen converts its marks to characters.
	 */
	out = g_string_sized_new(len + 16);
	for (ci = 0, p = w; ci < nchars; ci++) {
		g_string_append_len(out, p, g_utf8_next_char(p) - p);
		if (ci < (glong)enclen && (marks[ci] & 1) != 0 &&
		    ci >= LEFT_MIN - 1 && ci < nchars - RIGHT_MIN)
			g_string_append(out, SHY);
		p = g_utf8_next_char(p);
	}
out:
	if (rep != NULL) {
		for (k = 0; k < (int)enclen; k++)
			g_free(rep[k]);
		g_free(rep);
	}
	g_free(pos);
	g_free(cut);
	g_free(marks);
	g_free(enc);
	g_free(low);
	return out != NULL ? g_string_free(out, FALSE) : NULL;
}

/* Append one letter run with soft hyphens at the dictionary's points. */
static void
hyphenate_word(struct hdict *hd, const char *w, size_t len, GString *out)
{
	char		 key[WORD_MAX * 4 + 1];
	const char	*hit;
	char		*made;

	if (len < WORD_MIN || len >= sizeof key) {
		g_string_append_len(out, w, (gssize)len);
		return;
	}
	memcpy(key, w, len);
	key[len] = '\0';
	g_mutex_lock(&hd->lock);
	if (hd->words == NULL)
		hd->words = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, g_free);
	if ((hit = g_hash_table_lookup(hd->words, key)) != NULL) {
		g_string_append(out, hit);
		g_mutex_unlock(&hd->lock);
		return;
	}
	g_mutex_unlock(&hd->lock);
	made = hyphenate_new(hd, w, len);
	g_string_append(out, made != NULL ? made : key);
	g_mutex_lock(&hd->lock);
	if (g_hash_table_size(hd->words) >= CACHE_MAX)
		g_hash_table_remove_all(hd->words);
	g_hash_table_replace(hd->words, g_strdup(key),
	    made != NULL ? made : g_strdup(key));
	g_mutex_unlock(&hd->lock);
}

bool
bp_hyph_append(struct bp_hyph *h, const char *lang, const char *text,
    GString *out, bool *missing_first)
{
	struct hdict	*hd;
	const char	*p, *tok, *run;
	bool		 fresh;
	gunichar	 c;

	*missing_first = false;
	g_mutex_lock(&h->lock);
	hd = load_dict(h, lang, &fresh);
	g_mutex_unlock(&h->lock);
	if (hd->dict == NULL) {
		*missing_first = fresh;
		g_string_append(out, text);
		return false;
	}
	/* Tokens are runs of non-spaces; inside them, runs of letters. */
	for (p = text; *p != '\0';) {
		c = g_utf8_get_char(p);
		if (g_unichar_isspace(c)) {
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
			p = g_utf8_next_char(p);
			continue;
		}
		for (tok = p; *p != '\0' && !g_unichar_isspace(g_utf8_get_char(p));)
			p = g_utf8_next_char(p);
		if (!plain_word(tok, p)) {
			g_string_append_len(out, tok, p - tok);
			continue;
		}
		for (run = tok; run < p;) {
			const char	*e = run;

			while (e < p && g_unichar_isalpha(g_utf8_get_char(e)))
				e = g_utf8_next_char(e);
			if (e > run) {
				hyphenate_word(hd, run, (size_t)(e - run), out);
				run = e;
			} else {
				e = g_utf8_next_char(run);
				g_string_append_len(out, run, e - run);
				run = e;
			}
		}
	}
	return true;
}
