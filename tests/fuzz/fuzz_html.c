/*
 * libFuzzer target: bytes -> a saved web page (.html) -> the page reader
 * (parse/html*.c: the article found, furniture dropped, metadata) ->
 * Markdown -> the model, as main.c loads a .html article; then the dump
 * and the Markdown writer.
 * SPDX-License-Identifier: MIT
 *
 * README
 *   Build:   make fuzz-build            (clang, ASan + UBSan + libFuzzer)
 *   Run:     make fuzz-run-fuzz_html FUZZ_SECONDS=600, or by hand:
 *            build-fuzz/fuzz_html -dict=tests/fuzz/fuzz_html.dict \
 *                build-fuzz/corpus/fuzz_html tests/fuzz/corpus/fuzz_html
 *   Replay:  build-fuzz/fuzz_html FILE...   runs each file once; a crash
 *            prints its stack trace.
 *   Regress: a crasher without its 1 option byte is a page:
 *            tail -c +2 CRASH >tests/regress/issue-N-slug.html, then
 *            build/briefpack tests/regress/issue-N-slug.html -o x.pdf
 *   Seeds:   sh tests/fuzz/seed.sh rebuilds tests/fuzz/corpus/.
 *
 * Input: byte 0 chooses options (fuzz_load_article in fuzz.h: smart
 * punctuation, the pack's language, the language guess, -o x.md), the
 * rest is the page, written as fuzz.html. Its folder holds i.png, i.svg,
 * i.jpg and fuzz_files/i.png, so <img src> can find pictures.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*buf = NULL, *src;
	gsize	 n = 0;

	(void)argc;
	(void)argv;
	fuzz_setup();
	fuzz_images();
	/* A saved page's own folder of pictures. */
	src = g_build_filename(fuzz_dir(), "fuzz_files", NULL);
	g_mkdir_with_parents(src, 0755);
	g_free(src);
	src = g_build_filename(fuzz_dir(), "i.png", NULL);
	if (g_file_get_contents(src, &buf, &n, NULL))
		g_free(fuzz_write("fuzz_files/i.png", buf, n));
	g_free(buf);
	g_free(src);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t	 len;

	if (size < 1)
		return 0;
	len = size - 1 < FUZZ_MAX_INPUT ? size - 1 : FUZZ_MAX_INPUT;
	g_free(fuzz_write("fuzz.html", data + 1, len));
	fuzz_load_article("fuzz.html", data[0]);
	return 0;
}
