/*
 * libFuzzer target: bytes -> the parts of a Word document, zipped into
 * a .docx -> the Word reader (parse/docx*.c: styles, numbering, notes,
 * pictures, core properties) -> Markdown -> the model, as main.c loads a
 * .docx article; then the dump and the Markdown writer (which writes the
 * document's pictures as files).
 * SPDX-License-Identifier: MIT
 *
 * README
 *   Build:   make fuzz-build            (clang, ASan + UBSan + libFuzzer)
 *   Run:     make fuzz-run-fuzz_docx FUZZ_SECONDS=600, or by hand:
 *            build-fuzz/fuzz_docx -dict=tests/fuzz/fuzz_docx.dict \
 *                build-fuzz/corpus/fuzz_docx tests/fuzz/corpus/fuzz_docx
 *   Replay:  build-fuzz/fuzz_docx FILE...   runs each file once; a crash
 *            prints its stack trace. FUZZ_KEEP=DIR copies the last .docx
 *            made there as out.docx, to open it with briefpack.
 *   Seeds:   sh tests/fuzz/seed.sh rebuilds tests/fuzz/corpus/.
 *
 * Input: byte 0 chooses options.
 *   bits 0-5  as fuzz_load_article (fuzz.h): smart punctuation, the
 *             pack's language, the language guess, -o x.md
 *   bit 6     the rest is the .docx file itself (the zip as bytes)
 *   bit 7     the parts are stored, not deflated
 * Without bit 6 the rest is the parts, separated by "\n---8<---\n" lines,
 * in this order: word/document.xml, word/numbering.xml, word/styles.xml,
 * word/footnotes.xml, word/_rels/document.xml.rels, docProps/core.xml,
 * word/media/image1.png. A missing part is left out, except the
 * relationships, which then name styles, numbering, footnotes, the
 * picture (rId10) and a link (rId20, external).
 */
#include <zip.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static bool make_docx(const char *path, const uint8_t *d, size_t n,
    bool stored);
static void keep_docx(const char *path);

static const char *const part_names[] = {
	"word/document.xml", "word/numbering.xml", "word/styles.xml",
	"word/footnotes.xml", "word/_rels/document.xml.rels",
	"docProps/core.xml", "word/media/image1.png",
};

#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
static const char default_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" R_NS "/numbering\" "
    "Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" R_NS "/footnotes\" "
    "Target=\"footnotes.xml\"/>"
    "<Relationship Id=\"rId10\" Type=\"" R_NS "/image\" "
    "Target=\"media/image1.png\"/>"
    "<Relationship Id=\"rId20\" Type=\"" R_NS "/hyperlink\" "
    "Target=\"https://example.org/\" TargetMode=\"External\"/>"
    "</Relationships>";
static const char package_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" R_NS "/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "</Relationships>";

/* Zip the sections of d (n bytes) as a .docx at path. */
static bool
make_docx(const char *path, const uint8_t *d, size_t n, bool stored)
{
	const uint8_t	*part = d, *end = d + n, *sep;
	zip_t		*z;
	zip_source_t	*src;
	zip_int64_t	 idx;
	size_t		 i, len;
	bool		 ok = true, have_rels = false;
	int		 err = 0;

	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		return false;
	for (i = 0; i < G_N_ELEMENTS(part_names) && part != NULL && ok; i++) {
		sep = fuzz_find(part, (size_t)(end - part), "\n---8<---\n");
		len = sep != NULL ? (size_t)(sep + 1 - part) : (size_t)(end -
		    part);
		if (i == 4)
			have_rels = true;
		src = zip_source_buffer(z, part, len, 0);
		idx = src != NULL ? zip_file_add(z, part_names[i], src,
		    ZIP_FL_OVERWRITE) : -1;
		if (idx < 0) {
			zip_source_free(src);
			ok = false;
		} else if (stored)
			zip_set_file_compression(z, (zip_uint64_t)idx,
			    ZIP_CM_STORE, 0);
		part = sep != NULL ? sep + 10 : NULL;
	}
	if (ok && !have_rels) {
		src = zip_source_buffer(z, default_rels, strlen(default_rels),
		    0);
		ok = src != NULL && zip_file_add(z, part_names[4], src, 0) >= 0;
	}
	if (ok) {
		src = zip_source_buffer(z, package_rels, strlen(package_rels),
		    0);
		ok = src != NULL && zip_file_add(z, "_rels/.rels", src, 0) >= 0;
	}
	if (!ok || zip_close(z) != 0) {
		zip_discard(z);
		return false;
	}
	return true;
}

/* FUZZ_KEEP=DIR: copy the .docx there. */
static void
keep_docx(const char *path)
{
	const char	*dir = getenv("FUZZ_KEEP");
	char		*buf = NULL, *to;
	gsize		 n = 0;

	if (dir == NULL || !g_file_get_contents(path, &buf, &n, NULL))
		return;
	to = g_build_filename(dir, "out.docx", NULL);
	(void)g_file_set_contents(to, buf, (gssize)n, NULL);
	g_free(to);
	g_free(buf);
}

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
	char	*path;
	size_t	 len;
	bool	 made;

	if (size < 1)
		return 0;
	len = size - 1 < FUZZ_MAX_INPUT ? size - 1 : FUZZ_MAX_INPUT;
	if ((data[0] & 0x40u) != 0) {
		g_free(fuzz_write("fuzz.docx", data + 1, len));
		made = true;
	} else {
		path = g_build_filename(fuzz_dir(), "fuzz.docx", NULL);
		unlink(path);
		made = make_docx(path, data + 1, len, (data[0] & 0x80u) != 0);
		if (made)
			keep_docx(path);
		g_free(path);
	}
	if (made)
		fuzz_load_article("fuzz.docx", data[0]);
	return 0;
}
