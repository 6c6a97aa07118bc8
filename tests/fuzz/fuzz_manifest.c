/*
 * libFuzzer target: bytes -> a pack manifest and a style file, loaded with
 * bp_meta_load_manifest and bp_style_load from a scratch folder.
 * SPDX-License-Identifier: MIT
 *
 * README
 *   Build:   make fuzz-build            (clang, ASan + UBSan + libFuzzer)
 *   Run:     make fuzz FUZZ_SECONDS=600, or by hand:
 *            build-fuzz/fuzz_manifest -dict=tests/fuzz/md.dict \
 *                build-fuzz/corpus/fuzz_manifest tests/fuzz/corpus/fuzz_manifest
 *   Replay:  build-fuzz/fuzz_manifest FILE...   runs each file once; a crash
 *            prints its stack trace.
 *   Seeds:   sh tests/fuzz/seed.sh rebuilds tests/fuzz/corpus/.
 *
 * Input: byte 0 chooses options; the rest is the manifest, then a line
 * "---8<---" and the style. Without that line both files get the whole
 * text (so keys found for one are tried on the other).
 *   bit 0   --allow-outside (paths are only resolved, never opened)
 *   bit 1   also load the manifest's own "style:" the way main.c does: a
 *           path relative to the manifest, or a name under styles/
 *   bit 2   apply the pack metadata to a copy with bp_meta_set, key by key
 *           (title, date, lang, keywords), as "-M" does
 *   bit 3   load the articles the manifest names (bp_batch_load on one
 *           thread, then bp_pack_fill_defaults with the style, as main.c
 *           does): after the style, each further "---8<---" section is a
 *           file of the scratch folder, in turn a.md, b.md, c.markdown,
 *           d.yml; a folder "sub" exists too. So manifests that name
 *           themselves, folders, other manifests, missing or empty files,
 *           and articles with front matter and images are all reached.
 *           Only with bit 0 clear (paths stay in the scratch folder).
 */
#include <glib/gstdio.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct bp_diag	 diag;
static const char *const extra_names[] = { "a.md", "b.md", "c.markdown",
    "d.yml" };

static void load_articles(struct bp_pack *, GPtrArray *,
    const struct bp_load_opts *, const struct bp_style *);

/* Bit 3: the articles, as main.c loads a manifest's pack. */
static void
load_articles(struct bp_pack *pack, GPtrArray *paths,
    const struct bp_load_opts *lo, const struct bp_style *st)
{
	struct bp_batch_opts	 bo = { 0 };
	struct bp_style		*def = NULL;

	if (st == NULL)
		st = def = bp_style_new_default();
	bo.datadir = fuzz_root();
	bo.style = st;
	bo.load = *lo;
	bo.load.lang = pack->meta.lang;
	bo.toc = -1;
	bo.jobs = 1;
	(void)bp_batch_load(&bo, paths, pack, &diag);
	bp_pack_fill_defaults(pack, NULL, st, &diag);
	bp_style_free(def);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	fuzz_diag_init(&diag, NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_load_opts	 lo = { 0 };
	struct bp_pack		*pack = NULL;
	struct bp_style		*st = NULL, *st2 = NULL;
	struct bp_meta		 copy = { 0 };
	GPtrArray		*paths = NULL;
	const uint8_t		*text, *end, *sep, *style_text;
	char			*man_path = NULL, *style_path = NULL;
	char			*named = NULL, *dump = NULL, *kw = NULL;
	char			*canon = NULL;
	const uint8_t		*parts[2 + G_N_ELEMENTS(extra_names)], *part;
	size_t			 lens[G_N_ELEMENTS(parts)];
	size_t			 man_len, style_len, i, nparts;
	unsigned		 opt;
	char			*sub = NULL;

	if (size < 1)
		return 0;
	opt = data[0];
	text = data + 1;
	end = text + (size - 1 < FUZZ_MAX_INPUT ? size - 1 : FUZZ_MAX_INPUT);
	/*
	 * Sections: the manifest, the style, then (bit 3) the files of
	 * extra_names. Without a separator both files get the whole text.
	 */
	nparts = 0;
	part = text;
	while (nparts < G_N_ELEMENTS(parts) - 1 &&
	    (sep = fuzz_find(part, (size_t)(end - part), "\n---8<---\n")) !=
	    NULL) {
		parts[nparts] = part;
		lens[nparts++] = (size_t)(sep + 1 - part);
		part = sep + 10;
	}
	parts[nparts] = part;
	lens[nparts++] = (size_t)(end - part);
	man_len = lens[0];
	style_text = nparts > 1 ? parts[1] : text;
	style_len = nparts > 1 ? lens[1] : lens[0];
	for (i = 0; i < G_N_ELEMENTS(extra_names); i++)
		fuzz_unlink(extra_names[i]);
	if ((opt & 8u) != 0 && (opt & 1u) == 0) {
		sub = g_build_filename(fuzz_dir(), "sub", NULL);
		g_mkdir(sub, 0700);
		for (i = 2; i < nparts; i++)
			g_free(fuzz_write(extra_names[i - 2], parts[i],
			    lens[i]));
	}
	man_path = fuzz_write("pack.yaml", text, man_len);
	style_path = fuzz_write("style.yaml", style_text, style_len);

	lo.allow_outside = (opt & 1u) != 0;
	pack = bp_pack_new();
	paths = g_ptr_array_new_with_free_func(g_free);
	diag.file = NULL;
	(void)bp_meta_load_manifest(man_path, &lo, pack, paths, &diag);
	st = bp_style_load(style_path, fuzz_root(), &diag);

	/* The manifest's own style, as main.c finds it. */
	if ((opt & 2u) != 0 && pack->meta.style != NULL) {
		if (strchr(pack->meta.style, '/') != NULL ||
		    g_str_has_suffix(pack->meta.style, ".yaml") ||
		    g_str_has_suffix(pack->meta.style, ".yml")) {
			named = bp_util_resolve(man_path, pack->meta.style,
			    lo.allow_outside);
			/* Only files in the scratch folder are ever read. */
			canon = named != NULL ?
			    g_canonicalize_filename(named, NULL) : NULL;
			if (canon != NULL && g_str_has_prefix(canon, fuzz_dir()) &&
			    canon[strlen(fuzz_dir())] == '/')
				st2 = bp_style_load(canon, fuzz_root(), &diag);
			g_free(canon);
		} else
			st2 = bp_style_load(pack->meta.style, fuzz_root(), &diag);
	}

	/* "-M key=value" for what the manifest set. */
	if ((opt & 4u) != 0) {
		if (pack->meta.title != NULL)
			(void)bp_meta_set(&copy, "title", pack->meta.title, &diag);
		if (pack->meta.date_text != NULL)
			(void)bp_meta_set(&copy, "date", pack->meta.date_text,
			    &diag);
		if (pack->meta.lang != NULL)
			(void)bp_meta_set(&copy, "lang", pack->meta.lang, &diag);
		if (pack->meta.keywords != NULL) {
			kw = g_strjoinv(",", pack->meta.keywords);
			(void)bp_meta_set(&copy, "keywords", kw, &diag);
		}
		if (pack->meta.classification != NULL)
			(void)bp_meta_set(&copy, "classification", "", &diag);
	}
	if ((opt & 8u) != 0 && (opt & 1u) == 0)
		load_articles(pack, paths, &lo, st);
	dump = bp_pack_dump(pack);

	g_free(dump);
	g_free(kw);
	bp_meta_clear(&copy);
	bp_style_free(st);
	bp_style_free(st2);
	g_ptr_array_free(paths, TRUE);
	bp_pack_free(pack);
	g_free(named);
	g_free(sub);
	g_free(man_path);
	g_free(style_path);
	return 0;
}
