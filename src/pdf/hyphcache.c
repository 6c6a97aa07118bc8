/*
 * Hyphenation dictionaries, compiled once: libhyphen parses a .dic file
 * into a state machine each time it loads one (60 ms for bokmål, 3 s for
 * German), which for a one-article run is most of the work. The parsed
 * machine is kept as a flat file in the user's cache folder, keyed by
 * the dictionary's path, size, modification time and inode, and read
 * back with a checksum and every index and offset checked, so a stale,
 * truncated or damaged cache file is parsed anew, never used.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hyphen.h>
#include <zlib.h>

#include "pdf/pdf.h"

#define MAGIC        "BPHYPH\0\0"
#define VERSION      1u
#define MAX_LEVELS   2      /* libhyphen makes one or two levels */
#define NONE         UINT32_MAX

/*
 * The file: a header, then the payload, little-endian as the machine
 * writes it (the cache is per machine). The payload is the levels, then
 * every level's states, then every level's transitions, then strings.
 */
struct header {
	char		magic[8];
	uint32_t	version;
	uint32_t	levels;
	uint64_t	src_size;
	int64_t		src_mtime;
	int64_t		src_mtime_ns;
	uint64_t	src_ino;
	uint64_t	payload;    /* bytes after the header */
	uint32_t	crc;        /* zlib crc32 of the payload */
	uint32_t	pad;
};

struct level_rec {
	int8_t		lhmin, rhmin, clhmin, crhmin;
	int32_t		utf8;
	char		cset[MAX_NAME];
	int32_t		nohyphenl;
	uint32_t	nohyphen;   /* string offset, NONE */
	uint32_t	nohyphen_len;
	uint32_t	num_states;
	int32_t		next;       /* index of the next level, -1 none */
};

struct state_rec {
	uint32_t	match;      /* string offsets, NONE */
	uint32_t	repl;
	int8_t		replindex, replcut;
	int16_t		pad;
	int32_t		fallback;
	uint32_t	num_trans;
	uint32_t	trans;      /* index into the transitions */
};

struct trans_rec {
	int32_t		ch;
	int32_t		next;
};

/* What a loaded dictionary owns, after the levels libhyphen reads. */
struct owned {
	HyphenDict	 dict[MAX_LEVELS];
	HyphenState	*states;
	HyphenTrans	*trans;
	char		*strings;
};

struct writer {
	GByteArray	*levels, *states, *trans, *strings;
};

static char *cache_path(const char *dic);
static bool same_source(const struct header *, const struct stat *);
static int level_count(HyphenDict *d, HyphenDict **out);
static uint32_t put_string(struct writer *, const char *s, size_t len);
static GByteArray *write_compiled(HyphenDict *d, const struct stat *st);
static HyphenDict *read_compiled(const char *buf, size_t len,
    const struct stat *st);
static bool check_string(const char *strings, size_t n, uint32_t off,
    uint32_t len);

/*
 * Where a dictionary's compiled copy lives: $BRIEFPACK_CACHE_DIR, else
 * $XDG_CACHE_HOME/briefpack, else ~/.cache/briefpack. NULL when
 * BRIEFPACK_CACHE_DIR is empty (no cache).
 */
static char *
cache_path(const char *dic)
{
	const char	*env = g_getenv("BRIEFPACK_CACHE_DIR");
	char		*dir, *sum, *base, *name, *path;

	if (env != NULL && *env == '\0')
		return NULL;
	dir = env != NULL ? g_strdup(env) :
	    g_build_filename(g_get_user_cache_dir(), "briefpack", NULL);
	sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, dic, -1);
	base = g_path_get_basename(dic);
	if (g_str_has_suffix(base, ".dic"))
		base[strlen(base) - 4] = '\0';
	sum[16] = '\0';
	name = g_strdup_printf("%s-%s.hyph", base, sum);
	path = g_build_filename(dir, name, NULL);
	g_free(name);
	g_free(base);
	g_free(sum);
	g_free(dir);
	return path;
}

static bool
same_source(const struct header *h, const struct stat *st)
{
	return h->src_size == (uint64_t)st->st_size &&
	    h->src_mtime == (int64_t)st->st_mtim.tv_sec &&
	    h->src_mtime_ns == (int64_t)st->st_mtim.tv_nsec &&
	    h->src_ino == (uint64_t)st->st_ino;
}

/* The levels reachable from d, first one first; -1 if more than two. */
static int
level_count(HyphenDict *d, HyphenDict **out)
{
	int	 n = 0, i;

	for (; d != NULL; d = d->nextlevel) {
		for (i = 0; i < n; i++)
			if (out[i] == d)
				return n;   /* a loop: libhyphen's doesn't */
		if (n == MAX_LEVELS)
			return -1;
		out[n++] = d;
	}
	return n;
}

static uint32_t
put_string(struct writer *w, const char *s, size_t len)
{
	uint32_t	 off = w->strings->len;

	g_byte_array_append(w->strings, (const guint8 *)s, (guint)len);
	g_byte_array_append(w->strings, (const guint8 *)"", 1);
	return off;
}

/* The compiled file for a dictionary libhyphen loaded; NULL if odd. */
static GByteArray *
write_compiled(HyphenDict *d, const struct stat *st)
{
	HyphenDict	*lv[MAX_LEVELS];
	struct writer	 w;
	struct header	 h;
	struct level_rec lr;
	struct state_rec sr;
	struct trans_rec tr;
	GByteArray	*out;
	uint32_t	 base_trans = 0;
	int		 n, i, s, t, j;
	const char	*p;

	if ((n = level_count(d, lv)) <= 0)
		return NULL;
	w.levels = g_byte_array_new();
	w.states = g_byte_array_new();
	w.trans = g_byte_array_new();
	w.strings = g_byte_array_new();
	for (i = 0; i < n; i++) {
		memset(&lr, 0, sizeof lr);
		lr.lhmin = lv[i]->lhmin;
		lr.rhmin = lv[i]->rhmin;
		lr.clhmin = lv[i]->clhmin;
		lr.crhmin = lv[i]->crhmin;
		lr.utf8 = lv[i]->utf8;
		memcpy(lr.cset, lv[i]->cset, MAX_NAME);
		lr.nohyphenl = lv[i]->nohyphenl;
		lr.nohyphen = NONE;
		if (lv[i]->nohyphen != NULL) {
			/* nohyphenl + 1 strings, one after another. */
			for (p = lv[i]->nohyphen, j = 0; j <= lv[i]->nohyphenl;
			    j++)
				p += strlen(p) + 1;
			lr.nohyphen_len = (uint32_t)(p - lv[i]->nohyphen - 1);
			lr.nohyphen = put_string(&w, lv[i]->nohyphen,
			    lr.nohyphen_len);
		}
		lr.num_states = (uint32_t)lv[i]->num_states;
		lr.next = -1;
		for (j = 0; j < n; j++)
			if (lv[i]->nextlevel == lv[j])
				lr.next = j;
		g_byte_array_append(w.levels, (guint8 *)&lr, sizeof lr);
		for (s = 0; s < lv[i]->num_states; s++) {
			const HyphenState *hs = &lv[i]->states[s];

			memset(&sr, 0, sizeof sr);
			sr.match = hs->match == NULL ? NONE :
			    put_string(&w, hs->match, strlen(hs->match));
			sr.repl = hs->repl == NULL ? NONE :
			    put_string(&w, hs->repl, strlen(hs->repl));
			sr.replindex = hs->replindex;
			sr.replcut = hs->replcut;
			sr.fallback = hs->fallback_state;
			sr.num_trans = (uint32_t)hs->num_trans;
			sr.trans = base_trans;
			for (t = 0; t < hs->num_trans; t++) {
				tr.ch = (unsigned char)hs->trans[t].ch;
				tr.next = hs->trans[t].new_state;
				g_byte_array_append(w.trans, (guint8 *)&tr,
				    sizeof tr);
			}
			base_trans += (uint32_t)hs->num_trans;
			g_byte_array_append(w.states, (guint8 *)&sr, sizeof sr);
		}
	}
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MAGIC, sizeof h.magic);
	h.version = VERSION;
	h.levels = (uint32_t)n;
	h.src_size = (uint64_t)st->st_size;
	h.src_mtime = (int64_t)st->st_mtim.tv_sec;
	h.src_mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	h.src_ino = (uint64_t)st->st_ino;
	h.payload = (uint64_t)w.levels->len + w.states->len + w.trans->len +
	    w.strings->len;
	out = g_byte_array_sized_new((guint)(sizeof h + h.payload));
	g_byte_array_append(out, (guint8 *)&h, sizeof h);
	g_byte_array_append(out, w.levels->data, w.levels->len);
	g_byte_array_append(out, w.states->data, w.states->len);
	g_byte_array_append(out, w.trans->data, w.trans->len);
	g_byte_array_append(out, w.strings->data, w.strings->len);
	((struct header *)(void *)out->data)->crc = (uint32_t)crc32(0,
	    out->data + sizeof h, (uInt)h.payload);
	g_byte_array_unref(w.levels);
	g_byte_array_unref(w.states);
	g_byte_array_unref(w.trans);
	g_byte_array_unref(w.strings);
	return out;
}

/* A string of len bytes at off, NUL-terminated, inside the area. */
static bool
check_string(const char *strings, size_t n, uint32_t off, uint32_t len)
{
	return off < n && len < n - off && strings[off + len] == '\0';
}

/*
 * The dictionary a compiled file holds, with every index and offset
 * checked; NULL when anything is out of place.
 */
static HyphenDict *
read_compiled(const char *buf, size_t len, const struct stat *st)
{
	struct header	 h;
	struct level_rec lr[MAX_LEVELS];
	struct owned	*o;
	const char	*payload, *strings;
	size_t		 nstates = 0, ntrans = 0, nstr, at, k;
	uint32_t	 i, s, first = 0;
	struct state_rec sr;
	struct trans_rec tr;

	if (len < sizeof h)
		return NULL;
	memcpy(&h, buf, sizeof h);
	if (memcmp(h.magic, MAGIC, sizeof h.magic) != 0 ||
	    h.version != VERSION || h.levels < 1 || h.levels > MAX_LEVELS ||
	    h.payload != len - sizeof h || (st != NULL && !same_source(&h, st)))
		return NULL;
	payload = buf + sizeof h;
	if ((uint32_t)crc32(0, (const Bytef *)payload, (uInt)h.payload) !=
	    h.crc)
		return NULL;
	if (h.payload < h.levels * sizeof *lr)
		return NULL;
	memcpy(lr, payload, h.levels * sizeof *lr);
	for (i = 0; i < h.levels; i++) {
		if (lr[i].num_states < 1 || lr[i].num_states > (1u << 26) ||
		    lr[i].next < -1 || lr[i].next >= (int32_t)h.levels ||
		    lr[i].next == (int32_t)i || lr[i].nohyphenl < 0)
			return NULL;
		nstates += lr[i].num_states;
	}
	at = h.levels * sizeof *lr;
	if ((h.payload - at) / sizeof sr < nstates)
		return NULL;
	/* The transitions' count is the states' sum. */
	for (k = 0; k < nstates; k++) {
		memcpy(&sr, payload + at + k * sizeof sr, sizeof sr);
		if (sr.num_trans > 256 || sr.trans != ntrans)
			return NULL;
		ntrans += sr.num_trans;
	}
	if ((h.payload - at - nstates * sizeof sr) / sizeof tr < ntrans)
		return NULL;
	strings = payload + at + nstates * sizeof sr + ntrans * sizeof tr;
	nstr = (size_t)(buf + len - strings);

	o = g_new0(struct owned, 1);
	o->states = g_new0(HyphenState, nstates);
	o->trans = g_new0(HyphenTrans, ntrans > 0 ? ntrans : 1);
	/* One NUL past the end, so no string runs off the area. */
	o->strings = g_malloc(nstr + 1);
	memcpy(o->strings, strings, nstr);
	o->strings[nstr] = '\0';
	for (k = 0; k < ntrans; k++) {
		memcpy(&tr, strings - ntrans * sizeof tr + k * sizeof tr,
		    sizeof tr);
		o->trans[k].ch = (char)tr.ch;
		o->trans[k].new_state = tr.next;
	}
	for (i = 0, k = 0; i < h.levels; i++) {
		HyphenDict	*d = &o->dict[i];

		d->lhmin = lr[i].lhmin;
		d->rhmin = lr[i].rhmin;
		d->clhmin = lr[i].clhmin;
		d->crhmin = lr[i].crhmin;
		d->utf8 = lr[i].utf8;
		memcpy(d->cset, lr[i].cset, MAX_NAME);
		d->cset[MAX_NAME - 1] = '\0';
		d->num_states = (int)lr[i].num_states;
		d->states = o->states + first;
		d->nextlevel = lr[i].next >= 0 ? &o->dict[lr[i].next] : NULL;
		if (lr[i].nohyphen != NONE) {
			if (!check_string(o->strings, nstr, lr[i].nohyphen,
			    lr[i].nohyphen_len))
				goto bad;
			d->nohyphen = o->strings + lr[i].nohyphen;
			d->nohyphenl = lr[i].nohyphenl;
			/* nohyphenl + 1 strings must fit in it. */
			if ((size_t)d->nohyphenl > lr[i].nohyphen_len)
				goto bad;
			{
				const char	*p = d->nohyphen;
				int		 j;

				for (j = 0; j <= d->nohyphenl; j++) {
					if (p > d->nohyphen + lr[i].nohyphen_len)
						goto bad;
					p += strlen(p) + 1;
				}
			}
		}
		for (s = 0; s < lr[i].num_states; s++, k++) {
			HyphenState	*hs = &o->states[k];
			uint32_t	 t;

			memcpy(&sr, payload + at + k * sizeof sr, sizeof sr);
			if (sr.fallback < -1 ||
			    sr.fallback >= (int32_t)lr[i].num_states)
				goto bad;
			if (sr.match != NONE) {
				if (sr.match >= nstr || memchr(o->strings +
				    sr.match, '\0', nstr - sr.match) == NULL)
					goto bad;
				hs->match = o->strings + sr.match;
			}
			if (sr.repl != NONE) {
				if (sr.repl >= nstr || memchr(o->strings +
				    sr.repl, '\0', nstr - sr.repl) == NULL)
					goto bad;
				hs->repl = o->strings + sr.repl;
			}
			hs->replindex = sr.replindex;
			hs->replcut = sr.replcut;
			hs->fallback_state = sr.fallback;
			hs->num_trans = (int)sr.num_trans;
			hs->trans = sr.num_trans > 0 ? o->trans + sr.trans :
			    NULL;
			for (t = 0; t < sr.num_trans; t++)
				if (hs->trans[t].new_state < 0 ||
				    hs->trans[t].new_state >=
				    (int)lr[i].num_states)
					goto bad;
		}
		first += lr[i].num_states;
	}
	/* Two levels must not point at each other (hyphenation recurses). */
	if (h.levels == 2 && lr[0].next == 1 && lr[1].next == 0)
		goto bad;
	return &o->dict[0];
bad:
	bp_hyphcache_free(&o->dict[0]);
	return NULL;
}

HyphenDict *
bp_hyphcache_load(const char *dic, bool *ours)
{
	struct stat	 st;
	char		*cpath, *buf = NULL, *dir;
	gsize		 len = 0;
	HyphenDict	*d = NULL, *parsed;
	GByteArray	*bin;

	*ours = false;
	if (stat(dic, &st) != 0)
		return NULL;
	cpath = cache_path(dic);
	if (cpath != NULL && g_file_get_contents(cpath, &buf, &len, NULL))
		d = read_compiled(buf, len, &st);
	g_free(buf);
	if (d != NULL) {
		g_free(cpath);
		*ours = true;
		return d;
	}
	if ((parsed = hnj_hyphen_load(dic)) == NULL) {
		g_free(cpath);
		return NULL;
	}
	/*
	 * The compiled copy is what we use, also on the first run, so a
	 * run with the cache and one without it hyphenate alike.
	 */
	if ((bin = write_compiled(parsed, &st)) != NULL) {
		d = read_compiled((const char *)bin->data, bin->len, NULL);
		if (d != NULL && cpath != NULL) {
			dir = g_path_get_dirname(cpath);
			/* A cache that can't be written is no error. */
			if (g_mkdir_with_parents(dir, 0755) == 0)
				(void)g_file_set_contents_full(cpath,
				    (const char *)bin->data, (gssize)bin->len,
				    G_FILE_SET_CONTENTS_CONSISTENT, 0644, NULL);
			g_free(dir);
		}
		g_byte_array_unref(bin);
	}
	g_free(cpath);
	if (d == NULL)
		return parsed;   /* odd shape: use libhyphen's as it is */
	hnj_hyphen_free(parsed);
	*ours = true;
	return d;
}

void
bp_hyphcache_free(HyphenDict *d)
{
	struct owned	*o = (struct owned *)(void *)d;

	if (d == NULL)
		return;
	g_free(o->states);
	g_free(o->trans);
	g_free(o->strings);
	g_free(o);
}
