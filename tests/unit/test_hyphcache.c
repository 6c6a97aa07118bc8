/*
 * Unit tests for the compiled hyphenation dictionaries (pdf/hyphcache.c):
 * the compiled copy hyphenates every word as libhyphen's own parse does
 * (cold, then read back warm); a damaged, truncated or stale copy is
 * parsed anew and rewritten, never used; a cache that can't be written
 * and an empty BRIEFPACK_CACHE_DIR (no cache) still hyphenate.
 * SPDX-License-Identifier: MIT
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hyphen.h>
#include <zlib.h>

#include "pdf/pdf.h"
#include "harness.h"

/*
 * The compiled file's header as hyphcache.c writes it: 8 bytes of magic,
 * then at byte 56 the crc32 of everything after the 64-byte header.
 */
#define HDR_SIZE  64
#define CRC_AT    56

/* Latin-1 words for the bokmål dictionary, UTF-8 ones for the rest. */
static const char *const nb_words[] = {
	"n\xe6ringsklyngene", "regjeringen", "innovasjonsprogrammet",
	"statsbudsjettet", "samferdselsdepartementet", "arbeidsledigheten",
	"forskningsr\xe5""det", "b\xe6rekraftig", "utviklingsselskap",
	"kommunesammensl\xe5ing", "helseforetakene", "sj\xf8""fartsdirektoratet",
	"verdiskaping", "konkurransekraft", "omstillingsevne",
};
static const char *const en_words[] = {
	"information", "hyphenation", "programme", "bureaucracy",
	"international", "responsibilities", "accommodation",
	"characteristically", "environmental", "parliamentary",
	"representatives", "unquestionably", "nevertheless",
};

/* The dictionary's marks for a word, as a string of digits. */
static char *
marks(HyphenDict *d, const char *word)
{
	size_t	 n = strlen(word);
	char	*m = g_malloc0(n + 5), **rep = NULL;
	int	*pos = NULL, *cut = NULL, k;
	GString	*s = g_string_new(NULL);

	if (hnj_hyphen_hyphenate3(d, word, (int)n, m, NULL, &rep, &pos, &cut,
	    2, 3, 2, 3) != 0)
		g_string_append(s, "(error)");
	for (k = 0; k < (int)n; k++) {
		g_string_append_c(s, m[k] >= '0' && m[k] <= '9' ? m[k] : '?');
		if (rep != NULL && rep[k] != NULL)
			g_string_append_printf(s, "[%s]", rep[k]);
	}
	if (rep != NULL) {
		for (k = 0; k < (int)n; k++)
			free(rep[k]);
		free(rep);
		free(pos);
		free(cut);
	}
	g_free(m);
	return g_string_free(s, FALSE);
}

/* Every word's marks the same with a and b (reference: libhyphen's). */
static bool
same_marks(HyphenDict *a, HyphenDict *b, const char *const *w, size_t n)
{
	bool	 same = true;
	size_t	 i;

	for (i = 0; i < n; i++) {
		char	*x = marks(a, w[i]), *y = marks(b, w[i]);

		if (strcmp(x, y) != 0) {
			fprintf(stderr, "  %s: libhyphen %s, cache %s\n", w[i],
			    x, y);
			same = false;
		}
		g_free(x);
		g_free(y);
	}
	return same;
}

/* The one compiled file in dir (NULL when there is none). */
static char *
cached_file(const char *dir)
{
	GDir		*d = g_dir_open(dir, 0, NULL);
	const char	*name;
	char		*path = NULL;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(name, ".hyph") && path == NULL)
			path = g_build_filename(dir, name, NULL);
	if (d != NULL)
		g_dir_close(d);
	return path;
}

static ino_t
inode(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

static void
put(const char *path, const char *data, size_t n)
{
	if (!g_file_set_contents(path, data, (gssize)n, NULL))
		fprintf(stderr, "can't write %s\n", path);
}

/* Load path through the cache; CHECK that it is ours and hyphenates. */
static HyphenDict *
load(const char *path, HyphenDict *ref, const char *const *w, size_t n,
    const char *what)
{
	bool		 ours = false;
	HyphenDict	*d = bp_hyphcache_load(path, &ours);

	CHECK(d != NULL && ours, "%s: loaded from a compiled copy", what);
	if (d != NULL)
		CHECK(same_marks(ref, d, w, n), "%s: every word hyphenated as "
		    "libhyphen does", what);
	return d;
}

int
main(void)
{
	const char	*nb = "/usr/share/hyphen/hyph_nb_NO.dic";
	const char	*en = "/usr/share/hyphen/hyph_en_US.dic";
	char		*tmp = g_dir_make_tmp("bp-hyphcache-XXXXXX", NULL);
	char		*cdir, *dic, *cfile, *buf = NULL, *bad;
	gsize		 len = 0;
	HyphenDict	*ref, *d, *ref2_keep = NULL;
	static const char *const stale_w[] = { "oxkoxkoxkoxk" };
	ino_t		 ino;
	uint32_t	 crc;
	size_t		 i, nnb = G_N_ELEMENTS(nb_words);
	bool		 ours, all;
	struct timespec	 ts[2];

	if (tmp == NULL || access(nb, R_OK) != 0 || access(en, R_OK) != 0) {
		printf("SKIP hyphcache: hyphen-no / hyphen-en-us not "
		    "installed\n");
		return 0;
	}
	cdir = g_build_filename(tmp, "cache", NULL);
	g_setenv("BRIEFPACK_CACHE_DIR", cdir, TRUE);
	/* A copy of the dictionary of our own, to make stale. */
	dic = g_build_filename(tmp, "hyph_nb_NO.dic", NULL);
	g_file_get_contents(nb, &buf, &len, NULL);
	put(dic, buf, len);
	g_free(buf);
	ref = hnj_hyphen_load(dic);
	CHECK(ref != NULL, "libhyphen reads the bokmål dictionary");
	if (ref == NULL)
		return HARNESS_EXIT();

	/* Cold: parsed, compiled, written; warm: read back, not rewritten. */
	d = load(dic, ref, nb_words, nnb, "cold cache");
	bp_hyphcache_free(d);
	cfile = cached_file(cdir);
	CHECK(cfile != NULL, "the compiled copy is written to "
	    "BRIEFPACK_CACHE_DIR");
	if (cfile == NULL)
		return HARNESS_EXIT();
	ino = inode(cfile);
	d = load(dic, ref, nb_words, nnb, "warm cache");
	bp_hyphcache_free(d);
	CHECK(inode(cfile) == ino, "warm cache: the copy is used, not "
	    "rewritten");

	/* English (UTF-8, two levels) as well. */
	{
		HyphenDict	*eref = hnj_hyphen_load(en);

		d = load(en, eref, en_words, G_N_ELEMENTS(en_words),
		    "en_US, cold");
		bp_hyphcache_free(d);
		d = load(en, eref, en_words, G_N_ELEMENTS(en_words),
		    "en_US, warm");
		bp_hyphcache_free(d);
		hnj_hyphen_free(eref);
	}

	g_file_get_contents(cfile, &buf, &len, NULL);
	CHECK(len > HDR_SIZE + 1000, "the copy has a payload (%zu bytes)",
	    len);

	/* A flipped byte in the payload: the checksum catches it. */
	bad = g_memdup2(buf, len);
	bad[len / 2] ^= 0x5a;
	put(cfile, bad, len);
	ino = inode(cfile);
	d = load(dic, ref, nb_words, nnb, "damaged copy");
	bp_hyphcache_free(d);
	CHECK(inode(cfile) != ino, "damaged copy: parsed anew and rewritten");
	g_free(bad);

	/* Truncated, at several lengths, the header among them. */
	all = true;
	for (i = 0; i < 6; i++) {
		static const size_t cut[] = { 0, 7, HDR_SIZE - 1, HDR_SIZE,
		    HDR_SIZE + 100, 0 };
		size_t	n = i < 5 ? cut[i] : len - 1;

		put(cfile, buf, n);
		ours = false;
		d = bp_hyphcache_load(dic, &ours);
		if (d == NULL || !same_marks(ref, d, nb_words, nnb))
			all = false;
		if (d != NULL && ours)
			bp_hyphcache_free(d);
		else if (d != NULL)
			hnj_hyphen_free(d);
	}
	CHECK(all, "truncated copies: parsed anew, words hyphenated alike");

	/*
	 * Damage the checksum can't see (the crc made right again): bytes
	 * all through the payload set to 0xff, one at a time. Every index
	 * and offset is checked, so each load either refuses the copy or
	 * reads a machine that runs inside its arrays (ASan would say).
	 */
	all = true;
	for (i = HDR_SIZE; i < len; i += len / 97 + 1) {
		bad = g_memdup2(buf, len);
		bad[i] = (char)0xff;
		crc = (uint32_t)crc32(0, (const Bytef *)bad + HDR_SIZE,
		    (uInt)(len - HDR_SIZE));
		memcpy(bad + CRC_AT, &crc, sizeof crc);
		put(cfile, bad, len);
		ours = false;
		d = bp_hyphcache_load(dic, &ours);
		if (d == NULL)
			all = false;
		else {
			char	*m = marks(d, "regjeringen");

			g_free(m);
			if (ours)
				bp_hyphcache_free(d);
			else
				hnj_hyphen_free(d);
		}
		g_free(bad);
	}
	CHECK(all, "damaged copies with a right checksum: loaded or refused, "
	    "never out of bounds");
	put(cfile, buf, len);
	g_free(buf);

	/*
	 * Stale: the dictionary changes (a pattern changes so that "xk"
	 * is kept whole, and its time moves on): the copy is made again from it.
	 */
	g_file_get_contents(nb, &buf, &len, NULL);
	{
		GString	*s = g_string_new_len(buf, (gssize)len);
		HyphenDict *ref2;
		const char *const *w = stale_w;
		char	*old = marks(ref, stale_w[0]);

		/* The dictionary's x5k becomes x8k (a duplicate pattern
		 * would leak in libhyphen). */
		const char *at = g_strstr_len(s->str, (gssize)s->len,
		    "\nx5k\n");

		CHECK(at != NULL, "the bokmål dictionary has the pattern x5k");
		if (at != NULL)
			s->str[at - s->str + 2] = '8';
		put(dic, s->str, s->len);
		ts[0].tv_sec = ts[1].tv_sec = time(NULL) + 10;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		utimensat(AT_FDCWD, dic, ts, 0);
		ref2 = hnj_hyphen_load(dic);
		d = load(dic, ref2, w, 1, "changed dictionary");
		{
			char	*m = d != NULL ? marks(d, stale_w[0]) : NULL;

			CHECK(m != NULL && strcmp(m, old) != 0,
			    "changed dictionary: its new pattern is used (%s, "
			    "was %s)", m != NULL ? m : "-", old);
			g_free(m);
		}
		g_free(old);
		bp_hyphcache_free(d);
		ref2_keep = ref2;
		g_string_free(s, TRUE);
	}
	g_free(buf);

	/* A cache folder that can't be made: hyphenation goes on. */
	{
		char	*file = g_build_filename(tmp, "a-file", NULL);
		char	*under = g_build_filename(file, "cache", NULL);

		put(file, "x", 1);
		g_setenv("BRIEFPACK_CACHE_DIR", under, TRUE);
		d = load(nb, ref, nb_words, nnb, "unwritable cache folder");
		bp_hyphcache_free(d);
		g_free(under);
		g_free(file);
	}

	/* BRIEFPACK_CACHE_DIR empty: no cache, nothing written. */
	{
		unlink(cfile);
		g_setenv("BRIEFPACK_CACHE_DIR", "", TRUE);
		d = load(dic, ref2_keep, stale_w, 1, "no cache");
		bp_hyphcache_free(d);
		CHECK(access(cfile, F_OK) != 0, "no cache: nothing written");
	}
	hnj_hyphen_free(ref2_keep);

	hnj_hyphen_free(ref);
	{
		char	*argv[] = { "rm", "-rf", tmp, NULL };

		g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
		    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
		    NULL, NULL, NULL, NULL, NULL, NULL);
	}
	g_free(cfile);
	g_free(dic);
	g_free(cdir);
	g_free(tmp);
	return HARNESS_EXIT();
}
