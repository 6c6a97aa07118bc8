/*
 * libFuzzer target: bytes -> a page pasted as text (.txt) -> the paste
 * reader (parse/txt*.c, paste.c) -> Markdown -> the model, as main.c
 * loads a .txt article; then the dump and the Markdown writer.
 * SPDX-License-Identifier: MIT
 *
 * README
 *   Build:   make fuzz-build            (clang, ASan + UBSan + libFuzzer)
 *   Run:     make fuzz-run-fuzz_txt FUZZ_SECONDS=600, or by hand:
 *            build-fuzz/fuzz_txt -dict=tests/fuzz/md.dict \
 *                build-fuzz/corpus/fuzz_txt tests/fuzz/corpus/fuzz_txt
 *   Replay:  build-fuzz/fuzz_txt FILE...   runs each file once; a crash
 *            prints its stack trace.
 *   Regress: a crasher without its 1 option byte is a paste:
 *            tail -c +2 CRASH >tests/regress/issue-N-slug.txt, then
 *            build/briefpack tests/regress/issue-N-slug.txt -o x.pdf
 *   Seeds:   sh tests/fuzz/seed.sh rebuilds tests/fuzz/corpus/.
 *
 * Input: byte 0 chooses options (fuzz_load_article in fuzz.h: smart
 * punctuation, the pack's language, the language guess, -o x.md), the
 * rest is the paste, written as fuzz.txt. The phrase lists are the
 * repository's data/paste/.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t	 len;

	if (size < 1)
		return 0;
	len = size - 1 < FUZZ_MAX_INPUT ? size - 1 : FUZZ_MAX_INPUT;
	g_free(fuzz_write("fuzz.txt", data + 1, len));
	fuzz_load_article("fuzz.txt", data[0]);
	return 0;
}
