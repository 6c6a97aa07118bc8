/*
 * libFuzzer target: bytes -> front matter + Markdown -> document model ->
 * model dump, the way parse/article.c loads an article.
 * SPDX-License-Identifier: MIT
 *
 * README
 *   Build:   make fuzz-build            (clang, ASan + UBSan + libFuzzer)
 *   Run:     make fuzz FUZZ_SECONDS=600 (every target), or by hand:
 *            build-fuzz/fuzz_parse -dict=tests/fuzz/md.dict \
 *                build-fuzz/corpus/fuzz_parse tests/fuzz/corpus/fuzz_parse
 *   Replay:  build-fuzz/fuzz_parse FILE...   runs each file once and
 *            stops at the first crash, with its stack trace (libFuzzer
 *            treats arguments that are files as inputs to replay).
 *   Regress: a crasher without its 1 option byte is an article:
 *            tail -c +2 CRASH >tests/regress/issue-N-slug.md, then
 *            build/briefpack tests/regress/issue-N-slug.md -o x.pdf
 *            (set the options it needs in its front matter).
 *   Seeds:   sh tests/fuzz/seed.sh rebuilds tests/fuzz/corpus/.
 *
 * Input: byte 0 chooses options, the rest is the article.
 *   bit 0     smart punctuation by default (front matter "smart" wins)
 *   bits 1-3  the pack's language: none, nb, nn, en, de, sv, da, x-klingon
 *   bit 4     the first line of the article is a "-M key=value" for the
 *             pack's metadata (bp_meta_set), the rest is the article
 *   bit 5     the text after a "\n@@IMAGE@@\n" line is written to x.img
 *             beside the article (reference it as ![](x.img)), so the
 *             loader's image checks see arbitrary bytes
 *   bits 6-7  unused
 * The article lives in a scratch folder holding i.png, i.svg and i.jpg, so
 * image references can succeed; nothing outside that folder is read.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	*article_path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	fuzz_images();
	article_path = g_build_filename(fuzz_dir(), "fuzz.md", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_load_opts	 lo = { 0 };
	struct bp_diag		 diag;
	struct bp_pack		*pack = NULL;
	struct bp_article	*art = NULL;
	const char		*text, *body = NULL, *nl, *eq, *img;
	const uint8_t		*sep;
	char			*dump = NULL, *plain = NULL, *date = NULL;
	char			*key = NULL, *value = NULL;
	size_t			 len;
	int			 body_line = 1;
	unsigned		 opt;

	if (size < 1)
		return 0;
	opt = data[0];
	text = (const char *)data + 1;
	len = size - 1 < FUZZ_MAX_INPUT ? size - 1 : FUZZ_MAX_INPUT;

	fuzz_diag_init(&diag, article_path);
	lo.smart = (opt & 1u) != 0;
	lo.lang = fuzz_lang(opt >> 1);
	pack = bp_pack_new();
	if (lo.lang != NULL)
		pack->meta.lang = g_strdup(lo.lang);

	/* Option: a "-M key=value" line first (key and value are C strings). */
	if ((opt & 0x10u) != 0 && (nl = memchr(text, '\n', len)) != NULL) {
		if ((eq = memchr(text, '=', (size_t)(nl - text))) != NULL &&
		    memchr(text, '\0', (size_t)(nl - text)) == NULL) {
			key = g_strndup(text, (gsize)(eq - text));
			value = g_strndup(eq + 1, (gsize)(nl - eq - 1));
			(void)bp_meta_set(&pack->meta, key, value, &diag);
		}
		len -= (size_t)(nl + 1 - text);
		text = nl + 1;
	}

	/* Option: an image blob comes off the end. */
	fuzz_unlink("x.img");
	if ((opt & 0x20u) != 0 && (sep = fuzz_find((const uint8_t *)text, len,
	    "\n@@IMAGE@@\n")) != NULL) {
		img = (const char *)sep + 11;
		g_free(fuzz_write("x.img", img, len - (size_t)(img - text)));
		len = (size_t)((const char *)sep + 1 - text);
	}

	/* As parse/article.c: BOM, text check, front matter, Markdown. */
	art = bp_article_new(article_path);
	art->id = g_strdup("a1");
	g_ptr_array_add(pack->articles, art);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!bp_util_check_text(text, len, 1, &diag) ||
	    !bp_meta_parse_front(text, len, &art->meta, &body, &body_line,
	    &diag) ||
	    !bp_md_parse(art, body, len - (size_t)(body - text), body_line,
	    &lo, &diag)) {
		art->failed = true;
		art->error = g_strdup("rejected");
		art->body = NULL;
	}

	/* Everything downstream reads: the dump, plain text, dates. */
	if (art->meta.title == NULL)
		art->meta.title = g_strdup(art->name);
	dump = bp_pack_dump(pack);
	plain = bp_node_plain_text(art->body);
	date = bp_l10n_date(art->meta.lang != NULL ? art->meta.lang : lo.lang,
	    &art->meta.date);

	g_free(dump);
	g_free(plain);
	g_free(date);
	g_free(key);
	g_free(value);
	bp_pack_free(pack);
	return 0;
}
