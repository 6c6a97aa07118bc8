/*
 * Shared helpers for the libFuzzer targets in tests/fuzz/: a quiet
 * diagnostic sink, a private scratch folder, the data folder, option bits,
 * loading an article of another format (.txt, .html, .docx).
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_FUZZ_H
#define BP_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "bp.h"
#include "parse/load.h"

/* The repository root (fonts/, styles/), set by the Makefile. */
#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

/* Inputs longer than this are cut: the work per run stays bounded. */
#define FUZZ_MAX_INPUT (1024u * 1024u)

static void fuzz_log_fn(const gchar *, GLogLevelFlags, const gchar *,
    gpointer) G_GNUC_UNUSED;
static GLogWriterOutput fuzz_log_writer(GLogLevelFlags, const GLogField *,
    gsize, gpointer) G_GNUC_UNUSED;
static void fuzz_diag_init(struct bp_diag *, const char *) G_GNUC_UNUSED;
static const char *fuzz_root(void) G_GNUC_UNUSED;
static const char *fuzz_dir(void) G_GNUC_UNUSED;
static char *fuzz_write(const char *, const void *, size_t) G_GNUC_UNUSED;
static void fuzz_unlink(const char *) G_GNUC_UNUSED;
static const char *fuzz_lang(unsigned) G_GNUC_UNUSED;
static const uint8_t *fuzz_find(const uint8_t *, size_t,
    const char *) G_GNUC_UNUSED;
static void fuzz_rmtree(const char *);
static void fuzz_cleanup(void);
static void fuzz_images(void) G_GNUC_UNUSED;
static void fuzz_setup(void) G_GNUC_UNUSED;
static void fuzz_load_article(const char *, unsigned) G_GNUC_UNUSED;

/*
 * GLib, Pango and librsvg warnings about odd input are not findings; a
 * critical (a g_return_if_fail that failed: a bad call) is, so it aborts.
 */
static void
fuzz_log_fn(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer data)
{
	(void)data;
	if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) == 0)
		return;
	fprintf(stderr, "fuzz: %s: %s\n", domain != NULL ? domain : "?", msg);
	abort();
}

/* The same for structured logging (GLib's own messages). */
static GLogWriterOutput
fuzz_log_writer(GLogLevelFlags level, const GLogField *fields, gsize n,
    gpointer data)
{
	(void)data;
	if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) == 0)
		return G_LOG_WRITER_HANDLED;
	g_log_writer_standard_streams(level, fields, n, NULL);
	abort();
}

static void
fuzz_diag_init(struct bp_diag *d, const char *file)
{
	memset(d, 0, sizeof *d);
	d->file = file;
	d->fn = bp_diag_drop_fn;    /* stderr stays quiet while fuzzing */
	d->quiet = true;
}

/* $BRIEFPACK_DATADIR, else the source tree the target was built from. */
static const char *
fuzz_root(void)
{
	const char	*env = getenv("BRIEFPACK_DATADIR");

	return env != NULL && *env != '\0' ? env : FUZZ_ROOT;
}

/*
 * One scratch folder per process, on tmpfs when there is one (writers
 * fsync their output, which is cheap there). Removed at exit.
 */
static char	*fuzz_scratch;

static void
fuzz_rmtree(const char *dir)
{
	const char	*name;
	char		*p;
	GDir		*d;

	if ((d = g_dir_open(dir, 0, NULL)) == NULL)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		p = g_build_filename(dir, name, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			fuzz_rmtree(p);
		else
			remove(p);
		g_free(p);
	}
	g_dir_close(d);
	remove(dir);
}

static void
fuzz_cleanup(void)
{
	if (fuzz_scratch != NULL)
		fuzz_rmtree(fuzz_scratch);
}

static const char *
fuzz_dir(void)
{
	const char	*base;

	if (fuzz_scratch != NULL)
		return fuzz_scratch;
	base = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) &&
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir();
	fuzz_scratch = g_build_filename(base, "bp-fuzz-XXXXXX", NULL);
	if (g_mkdtemp(fuzz_scratch) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(fuzz_cleanup);
	return fuzz_scratch;
}

/* Write data to name in the scratch folder; returns the path (free it). */
static char *
fuzz_write(const char *name, const void *data, size_t len)
{
	char	*path = g_build_filename(fuzz_dir(), name, NULL);
	FILE	*f = fopen(path, "wb");

	if (f == NULL || (len > 0 && fwrite(data, 1, len, f) != len) ||
	    fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

/* Remove name from the scratch folder, so no run sees an earlier one's. */
static void
fuzz_unlink(const char *name)
{
	char	*path = g_build_filename(fuzz_dir(), name, NULL);

	unlink(path);
	g_free(path);
}

/* Three option bits pick a language (NULL: the default, English). */
static const char *
fuzz_lang(unsigned bits)
{
	static const char *const langs[8] = {
		NULL, "nb", "nn", "en", "de", "sv", "da", "x-klingon",
	};

	return langs[bits & 7u];
}

/* The first occurrence of the separator sep in [d, d + n), or NULL. */
static const uint8_t *
fuzz_find(const uint8_t *d, size_t n, const char *sep)
{
	return memmem(d, n, sep, strlen(sep));
}

/*
 * Copy the test images into the scratch folder as i.png and i.svg, and
 * the fixtures' img/ folder, and make a small JPEG i.jpg (the example
 * photo is too big to decode on every run), so image references can
 * succeed.
 */
static void
fuzz_images(void)
{
	static const char *const from[][2] = {
		{ "tests/fixtures/good/img/fargefelt.png", "i.png" },
		{ "tests/fixtures/good/img/soyler.svg", "i.svg" },
		{ "tests/fixtures/good/img/fargefelt.png", "img/fargefelt.png" },
		{ "tests/fixtures/good/img/soyler.svg", "img/soyler.svg" },
	};
	GdkPixbuf	*pb;
	char		*src, *buf, *sub;
	gsize		 len;
	size_t		 i;

	sub = g_build_filename(fuzz_dir(), "img", NULL);
	g_mkdir_with_parents(sub, 0755);
	g_free(sub);
	for (i = 0; i < G_N_ELEMENTS(from); i++) {
		src = g_build_filename(fuzz_root(), from[i][0], NULL);
		if (g_file_get_contents(src, &buf, &len, NULL)) {
			g_free(fuzz_write(from[i][1], buf, len));
			g_free(buf);
		}
		g_free(src);
	}
	pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, 48, 32);
	gdk_pixbuf_fill(pb, 0x1f4e79ff);
	src = g_build_filename(fuzz_dir(), "i.jpg", NULL);
	if (!gdk_pixbuf_save(pb, src, "jpeg", NULL, "quality", "80", NULL))
		fprintf(stderr, "fuzz: cannot write %s\n", src);
	g_free(src);
	g_object_unref(pb);
}

/* Once per process: fixed clock, quiet GLib. */
static void
fuzz_setup(void)
{
	setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
	g_log_set_default_handler(fuzz_log_fn, NULL);
	g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
	(void)fuzz_dir();
}

/*
 * The readers of other formats (fuzz_txt, fuzz_html, fuzz_docx): load
 * name, a file the target wrote to the scratch folder, as main.c loads
 * an article, then do what the writers do with it. Option bits:
 *   bit 0     smart punctuation by default
 *   bits 1-3  the pack's language: none, nb, nn, en, de, sv, da, other
 *   bit 4     guess the language from the text (data/lang profiles)
 *   bit 5     write it as Markdown (out.md; pictures into out_files/)
 * Always: the pack's defaults, the model dump (the body made again from
 * its kept source), the plain text.
 */
static void
fuzz_load_article(const char *name, unsigned opt)
{
	static struct bp_lang_profiles	*langs;
	static bool			 langs_loaded;
	struct bp_load_opts		 lo = { 0 };
	struct bp_diag			 diag;
	struct bp_pack			*pack;
	struct bp_article		*art;
	struct bp_mdw			*mw;
	char				*path, *out, *files, *dump;

	if ((opt & 0x10u) != 0 && !langs_loaded) {
		fuzz_diag_init(&diag, NULL);
		langs = bp_lang_load(fuzz_root(), &diag);
		langs_loaded = true;
	}
	path = g_build_filename(fuzz_dir(), name, NULL);
	fuzz_diag_init(&diag, path);
	lo.smart = (opt & 1u) != 0;
	lo.lang = fuzz_lang(opt >> 1);
	lo.datadir = fuzz_root();
	lo.langs = (opt & 0x10u) != 0 ? langs : NULL;
	pack = bp_pack_new();
	if (lo.lang != NULL)
		pack->meta.lang = g_strdup(lo.lang);
	art = bp_parse_article(path, &lo, &diag);
	art->id = g_strdup("a1");
	g_ptr_array_add(pack->articles, art);
	bp_pack_fill_defaults(pack, /*folder*/NULL, /*style*/NULL,
	    /*diag*/NULL);
	dump = bp_pack_dump(pack);
	g_free(dump);
	if ((opt & 0x20u) != 0 && !art->failed) {
		out = g_build_filename(fuzz_dir(), "out.md", NULL);
		files = g_build_filename(fuzz_dir(), "out_files", NULL);
		fuzz_rmtree(files);
		mw = bp_mdw_new(&diag);
		(void)bp_mdw_write(mw, pack, out, NULL);
		bp_mdw_free(mw);
		unlink(out);
		fuzz_rmtree(files);
		g_free(out);
		g_free(files);
	}
	bp_pack_free(pack);
	g_free(path);
}

#endif /* BP_FUZZ_H */
