/*
 * libFuzzer target: bytes -> article(s) -> pack -> PDF (and EPUB when the
 * EPUB writer is built in), written into a scratch folder.
 * SPDX-License-Identifier: MIT
 *
 * README
 *   Build:   make fuzz-build            (clang, ASan + UBSan + libFuzzer)
 *   Run:     make fuzz FUZZ_SECONDS=600, or by hand:
 *            build-fuzz/fuzz_pipeline -dict=tests/fuzz/md.dict \
 *                build-fuzz/corpus/fuzz_pipeline tests/fuzz/corpus/fuzz_pipeline
 *   Replay:  build-fuzz/fuzz_pipeline FILE...   runs each file once; a crash
 *            prints its stack trace. To see the output, set FUZZ_KEEP=DIR:
 *            the last PDF/EPUB are copied there as out.pdf and out.epub.
 *   Regress: a crasher without its 2 option bytes is an article:
 *            tail -c +3 CRASH >tests/regress/issue-N-slug.md, then
 *            build/briefpack tests/regress/issue-N-slug.md -o x.pdf
 *            (set the options it needs in its front matter).
 *   Seeds:   sh tests/fuzz/seed.sh rebuilds tests/fuzz/corpus/.
 *
 * Input: byte 0 and byte 1 choose options, the rest is the article.
 *   byte 0 bit 0     smart punctuation by default
 *          bits 1-3  the pack's language (none, nb, nn, en, de, sv, da, other)
 *          bit 4     the memo style instead of briefing
 *          bit 5     two articles: the text after a "\n+++\n" line is the
 *                    second (without one, the same text twice)
 *          bit 6     the text after "\n@@IMAGE@@\n" is written to x.img in
 *                    the article's folder (reference it as ![](x.img))
 *          bit 7     no PDF (EPUB only, when built in)
 *   byte 1 bit 0     no cover            bit 1  not duplex
 *          bit 2     ragged right        bit 3  no hyphenation
 *          bits 4-5  article start: right, page, continue, right
 *          bit 6     contents page forced on
 *          bit 7     the pack has a classification and an organisation
 * The scratch folder also holds i.png, i.svg and i.jpg. Articles are cut
 * at 64 KiB so one run stays well under the 10 s timeout. German has no
 * hyphenation here (see hyphen_dir()).
 */
#include "fuzz.h"

#define PIPE_MAX_INPUT (64u * 1024u)
#define WRITER_RUNS    1000

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void hyphen_dir(void);
static void make_writers(void);
static struct bp_article *load(const char *, const char *, size_t,
    const struct bp_load_opts *, struct bp_diag *);
static void keep(const char *, const char *);

/* Writers are made once per style and reused: fonts load slowly. */
struct writer {
	struct bp_style	*loaded;     /* as read from styles/ */
	struct bp_style	 work;       /* a copy tweaked per run (shares strings) */
	struct bp_pdf	*pdf;
	struct bp_epub	*epub;
};

static struct writer	 writers[2];
static struct bp_diag	 wdiag;
static unsigned		 runs;
static char		*pdf_path, *epub_path;
static const char *const art_name[2] = { "eins.md", "zwei.md" };

/*
 * Hyphenation dictionaries: the system's, without German. Its 1 MB of
 * patterns takes libhyphen seconds to load (minutes under ASan), and the
 * writer loads it again for every new region tag (de-AT, de-CH, ...):
 * every German input would be a timeout. Other languages stay covered.
 */
static void
hyphen_dir(void)
{
	const char	*name;
	char		*dir, *from, *to;
	GDir		*d;

	dir = g_build_filename(fuzz_dir(), "hyphen", NULL);
	g_mkdir_with_parents(dir, 0755);
	if ((d = g_dir_open("/usr/share/hyphen", 0, NULL)) != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			if (g_str_has_prefix(name, "hyph_de"))
				continue;
			from = g_build_filename("/usr/share/hyphen", name, NULL);
			to = g_build_filename(dir, name, NULL);
			if (symlink(from, to) != 0)
				perror(to);
			g_free(from);
			g_free(to);
		}
		g_dir_close(d);
	}
	setenv("BRIEFPACK_HYPHEN_DIR", dir, 1);
	g_free(dir);
}

/*
 * (Re)make both writers. The PDF writer caches a dictionary per language
 * tag for its lifetime, so it is remade every WRITER_RUNS runs to keep
 * the fuzzer's memory bounded.
 */
static void
make_writers(void)
{
	static const char *const names[2] = { "briefing", "memo" };
	struct bp_pdf_opts	 po = { 0 };
	struct bp_epub_opts	 eo = { 0 };
	int			 i;

	po.datadir = fuzz_root();
	po.toc = -1;
	po.cover = -1;          /* the style's */
	po.standard = -1;       /* the style's: the finishing step runs too */
	eo.datadir = fuzz_root();
	eo.toc = -1;
	for (i = 0; i < 2; i++) {
		bp_pdf_free(writers[i].pdf);
		writers[i].pdf = NULL;
#ifdef FUZZ_EPUB
		bp_epub_free(writers[i].epub);
		writers[i].epub = NULL;
#endif
		if (writers[i].loaded == NULL)
			writers[i].loaded = bp_style_load(names[i], fuzz_root(),
			    &wdiag);
		if (writers[i].loaded == NULL) {
			fprintf(stderr, "fuzz: style %s not found under %s\n",
			    names[i], fuzz_root());
			abort();
		}
		/* Fonts are the same every run: leave them out of the EPUB. */
		writers[i].loaded->epub_embed_fonts = false;
		writers[i].work = *writers[i].loaded;
		if ((writers[i].pdf = bp_pdf_new(&po, &writers[i].work,
		    &wdiag)) == NULL) {
			fprintf(stderr, "fuzz: no fonts under %s\n", fuzz_root());
			abort();
		}
#ifdef FUZZ_EPUB
		writers[i].epub = bp_epub_new(&eo, &writers[i].work, &wdiag);
#endif
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	fuzz_images();
	hyphen_dir();
	fuzz_diag_init(&wdiag, NULL);
	pdf_path = g_build_filename(fuzz_dir(), "out.pdf", NULL);
	epub_path = g_build_filename(fuzz_dir(), "out.epub", NULL);
	make_writers();
	return 0;
}

/* Write the text as the article's file and load it as main.c does. */
static struct bp_article *
load(const char *name, const char *text, size_t len,
    const struct bp_load_opts *lo, struct bp_diag *diag)
{
	struct bp_article	*art = NULL;
	char			*path = fuzz_write(name, text, len);

	diag->file = path;
	art = bp_parse_article(path, lo, diag);
	diag->file = NULL;
	g_free(path);
	return art;
}

/* FUZZ_KEEP=DIR: copy the last output there, to look at a replayed case. */
static void
keep(const char *path, const char *name)
{
	const char	*dir = getenv("FUZZ_KEEP");
	char		*buf = NULL, *to = NULL;
	gsize		 len;

	if (dir == NULL || !g_file_get_contents(path, &buf, &len, NULL))
		return;
	to = g_build_filename(dir, name, NULL);
	g_file_set_contents(to, buf, (gssize)len, NULL);
	g_free(to);
	g_free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_load_opts	 lo = { 0 };
	struct bp_write_result	 res;
	struct bp_diag		 diag;
	struct bp_pack		*pack = NULL;
	struct bp_article	*art;
	struct writer		*w;
	const uint8_t		*text, *end, *sep, *img;
	size_t			 len[2];
	const uint8_t		*part[2];
	unsigned		 o0, o1, nart, i, nfailed = 0;

	if (size < 2)
		return 0;
	if (++runs % WRITER_RUNS == 0)
		make_writers();
	o0 = data[0];
	o1 = data[1];
	text = data + 2;
	end = text + (size - 2 < PIPE_MAX_INPUT ? size - 2 : PIPE_MAX_INPUT);
	fuzz_diag_init(&diag, NULL);

	/* The image blob comes off the end first. */
	fuzz_unlink("x.img");
	if ((o0 & 0x40u) != 0 && (sep = fuzz_find(text, (size_t)(end - text),
	    "\n@@IMAGE@@\n")) != NULL) {
		img = sep + 11;
		g_free(fuzz_write("x.img", img, (size_t)(end - img)));
		end = sep + 1;
	}
	part[0] = text;
	len[0] = (size_t)(end - text);
	nart = 1;
	if ((o0 & 0x20u) != 0) {
		nart = 2;
		part[1] = text;
		len[1] = len[0];
		if ((sep = fuzz_find(text, len[0], "\n+++\n")) != NULL) {
			len[0] = (size_t)(sep + 1 - text);
			part[1] = sep + 5;
			len[1] = (size_t)(end - part[1]);
		}
	}

	/* The pack, filled in the way main.c does. */
	lo.smart = (o0 & 1u) != 0;
	lo.lang = fuzz_lang(o0 >> 1);
	pack = bp_pack_new();
	pack->meta.lang = g_strdup(lo.lang);
	for (i = 0; i < nart; i++) {
		art = load(art_name[i], (const char *)part[i], len[i], &lo,
		    &diag);
		art->id = g_strdup_printf("a%u", i + 1);
		if (art->failed)
			nfailed++;
		g_ptr_array_add(pack->articles, art);
	}
	art = g_ptr_array_index(pack->articles, 0);
	pack->meta.title = g_strdup(nart == 1 ? art->meta.title : "Fuzz");
	pack->meta.date.y = 2026;
	pack->meta.date.m = 11;
	pack->meta.date.d = 27;
	if ((o1 & 0x80u) != 0) {
		pack->meta.classification = g_strdup("BEGRENSET");
		pack->meta.organisation = g_strdup("Fuzzdepartementet");
	}
	/* The rest as main.c: the pack's language, then each article's. */
	bp_pack_fill_defaults(pack, /*folder*/NULL, /*style*/NULL,
	    /*diag*/NULL);
	if (nfailed == nart)
		goto out;

	/* The style of this run, from the pristine copy. */
	w = &writers[(o0 >> 4) & 1u];
	w->work = *w->loaded;
	w->work.cover = w->work.cover && (o1 & 1u) == 0;
	w->work.duplex = w->work.duplex && (o1 & 2u) == 0;
	w->work.justify = w->work.justify && (o1 & 4u) == 0;
	w->work.hyphenate = w->work.hyphenate && (o1 & 8u) == 0;
	w->work.article_start = ((o1 >> 4) & 3u) == 1 ? BP_START_PAGE :
	    ((o1 >> 4) & 3u) == 2 ? BP_START_CONTINUE : BP_START_RIGHT;
	if ((o1 & 0x40u) != 0)
		w->work.toc = 1;

	wdiag.file = NULL;
	if ((o0 & 0x80u) == 0 || w->epub == NULL) {
		if (bp_pdf_write(w->pdf, pack, pdf_path, &res))
			keep(pdf_path, "out.pdf");
	}
#ifdef FUZZ_EPUB
	/* With the printed pages: the PDF's just made, or a pagination. */
	if (w->epub != NULL && w->pdf != NULL)
		bp_batch_give_pages(w->pdf, pack, (o0 & 0x80u) == 0, w->epub);
	if (w->epub != NULL && bp_epub_write(w->epub, pack, epub_path, &res))
		keep(epub_path, "out.epub");
#endif
out:
	bp_pack_free(pack);
	return 0;
}
