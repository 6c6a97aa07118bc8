/*
 * Unit tests for the finishing step: the content-stream tokenizer and
 * artifacts (pdf/content.c), the --pdf-standard words (style/values.c),
 * XMP escaping (pdf/xmp.c), and the whole step (pdf/archive.c,
 * pdf/stree.c) on a small tagged Cairo PDF with a structure record made
 * here, so the tree is tested whatever the painter records.
 * With --write FILE, also writes that finished PDF (tests/e2e/archival.sh
 * checks it with pikepdf, PDFBox Preflight and pdfinfo -struct-text).
 * Run from the repository root.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "bp.h"
#include "pdf/archive.h"
#include "harness.h"

static char *mark(const char *in, struct bp_content_marks *m, bool *ok);
static void test_tokenizer(void);
static void test_artifacts(void);
static void test_standards(void);
static void test_xmp(void);
static cairo_status_t collect(void *closure, const unsigned char *data,
    unsigned int len);
static GByteArray *tagged_pdf(void);
static struct bp_tagging *tagged_record(bool wrong);
static GBytes *finish(GByteArray *pdf, const struct bp_tagging *t,
    unsigned standard, unsigned *claimed, struct bp_diag *diag);
static char *all_text(qpdf_data q);
static void test_finish(const char *write_to);

/* The marked copy of `in` (caller frees), NULL when unreadable. */
static char *
mark(const char *in, struct bp_content_marks *m, bool *ok)
{
	GByteArray	*out = g_byte_array_new();
	const char	*why = NULL;

	m->mcids = g_array_new(FALSE, FALSE, sizeof(int));
	m->artifacts = m->unbalanced = 0;
	*ok = bp_content_mark((const unsigned char *)in, strlen(in), out, m,
	    &why);
	g_byte_array_append(out, (const guint8 *)"", 1);
	return (char *)g_byte_array_free(out, FALSE);
}

static void
test_tokenizer(void)
{
	struct bp_content_marks	 m;
	char			*s;
	bool			 ok;

	/* Operators inside strings, comments and inline images are data. */
	s = mark("BT (a\\) BT ET \\\\(nested) Q) Tj ET % q EMC BDC\n", &m, &ok);
	CHECK(ok && m.unbalanced == 0 && m.artifacts == 1,
	    "tokenizer: escapes and nesting in strings, comments");
	g_free(s);
	s = mark("q BI /W 2 /H 1 /CS /G /BPC 8 /F /AHx ID 4549 EI Q\n"
	    "q BI /W 4 /H 1 /BPC 8 /CS /G ID \x01 EIQ EI\n"
	    " Q", &m, &ok);
	CHECK(ok && m.unbalanced == 0 && m.artifacts == 1,
	    "tokenizer: inline images end at a free-standing EI");
	CHECK(s != NULL && g_str_has_prefix(s, "/Artifact BMC\nq BI /W 2") &&
	    g_str_has_suffix(s, "EIQ EI\n Q\nEMC"),
	    "tokenizer: inline images wrapped whole, with their q..Q");
	g_free(s);
	s = mark("<</A<4142>/B[(x)]>>BDC 0 0 m 1 1 l S EMC /P<</MCID 7>>BDC "
	    "EMC /Span<</MCID 3/ActualText<FEFF0041>>>BDC EMC", &m, &ok);
	CHECK(ok && m.mcids->len == 2 && g_array_index(m.mcids, int, 0) == 7 &&
	    g_array_index(m.mcids, int, 1) == 3,
	    "tokenizer: MCIDs read from property lists, in stream order");
	g_free(s);
	g_array_free(m.mcids, TRUE);
	s = mark("BT (never closed Tj ET", &m, &ok);
	CHECK(!ok, "tokenizer: an unclosed string is an error");
	g_free(s);
	g_array_free(m.mcids, TRUE);
	s = mark("BI /W 1 ID xyz", &m, &ok);
	CHECK(!ok, "tokenizer: an inline image without EI is an error");
	g_free(s);
	g_array_free(m.mcids, TRUE);
	s = mark("q Q Q EMC BT", &m, &ok);
	CHECK(ok && m.unbalanced == 3,
	    "tokenizer: unpaired Q, EMC and BT are counted");
	g_free(s);
	g_array_free(m.mcids, TRUE);
}

static void
test_artifacts(void)
{
	struct bp_content_marks	 m;
	char			*s;
	bool			 ok;

	/* Runs between tagged pieces, whole groups when they are whole. */
	s = mark("1 0 0 -1 0 800 cm\nq\n0 g BT (head) Tj ET\n"
	    "0 0 m 1 1 l S\n/P <</MCID 0>> BDC BT (x) Tj ET EMC\n"
	    "q 1 0 0 1 0 0 cm /Im0 Do Q\nQ\n", &m, &ok);
	CHECK_STR(s, "1 0 0 -1 0 800 cm\nq\n0 g /Artifact BMC\n"
	    "BT (head) Tj ET\n0 0 m 1 1 l S\nEMC\n"
	    "/P <</MCID 0>> BDC BT (x) Tj ET EMC\n"
	    "/Artifact BMC\nq 1 0 0 1 0 0 cm /Im0 Do Q\nEMC\nQ\n",
	    "artifacts: running text and rules, and a q..Q group");
	g_free(s);
	g_array_free(m.mcids, TRUE);

	/*
	 * A text object that holds tagged content is wrapped inside, and a
	 * clip that Cairo opens in one sequence and closes in the next
	 * keeps both whole.
	 */
	s = mark("BT (a) Tj /P <</MCID 0>> BDC (b) Tj EMC (c) Tj ET\n"
	    "/P <</MCID 1>> BDC Q q 0 0 m 1 1 l f EMC 2 2 m 3 3 l f Q",
	    &m, &ok);
	CHECK_STR(s, "BT /Artifact BMC\n(a) Tj\nEMC /P <</MCID 0>> BDC (b) Tj "
	    "EMC /Artifact BMC\n(c) Tj\nEMC ET\n"
	    "/P <</MCID 1>> BDC Q q 0 0 m 1 1 l f EMC /Artifact BMC\n"
	    "2 2 m 3 3 l f\nEMC Q",
	    "artifacts: inside a text object, beside sequences that cross q/Q");
	g_free(s);
	g_array_free(m.mcids, TRUE);

	/* An untagged sequence (ActualText) goes inside the artifact. */
	s = mark("/Span <</ActualText (fi)>> BDC BT (\\001) Tj ET EMC "
	    "/Artifact BMC 0 0 m 1 1 l S EMC", &m, &ok);
	CHECK_STR(s, "/Artifact BMC\n/Span <</ActualText (fi)>> BDC BT (\\001) "
	    "Tj ET EMC\nEMC /Artifact BMC 0 0 m 1 1 l S EMC",
	    "artifacts: untagged sequences wrapped, artifacts left alone");
	g_free(s);
	g_array_free(m.mcids, TRUE);

	/* A path is never split from its operators. */
	s = mark("q 0 0 10 10 re W n 1 g 0 0 5 5 re f /P <</MCID 0>> BDC "
	    "0 0 m 1 1 l S EMC Q", &m, &ok);
	CHECK_STR(s, "q /Artifact BMC\n0 0 10 10 re W n 1 g 0 0 5 5 re f\n"
	    "EMC /P <</MCID 0>> BDC 0 0 m 1 1 l S EMC Q",
	    "artifacts: a clip and a fill before a tagged path");
	g_free(s);
	g_array_free(m.mcids, TRUE);
}

static void
test_standards(void)
{
	unsigned	 b = 99;
	char		 name[64];

	CHECK(bp_style_parse_pdf_standard("a-2a,ua-1", &b) &&
	    b == BP_PDF_STD_DEFAULT, "--pdf-standard: a-2a,ua-1");
	CHECK(bp_style_parse_pdf_standard(" UA-1 , a-2b ", &b) &&
	    b == (BP_PDF_STD_A2B | BP_PDF_STD_UA1),
	    "--pdf-standard: any case, spaces, any order");
	CHECK(bp_style_parse_pdf_standard("none", &b) && b == 0,
	    "--pdf-standard: none");
	b = 99;
	CHECK(!bp_style_parse_pdf_standard("a-2a,a-2b", &b) && b == 99,
	    "--pdf-standard: two PDF/A levels refused");
	CHECK(!bp_style_parse_pdf_standard("none,ua-1", &b),
	    "--pdf-standard: none with another refused");
	CHECK(!bp_style_parse_pdf_standard("a-3b", &b) &&
	    !bp_style_parse_pdf_standard("", &b) &&
	    !bp_style_parse_pdf_standard("ua-1,", &b) &&
	    !bp_style_parse_pdf_standard("ua-1,ua-1", &b),
	    "--pdf-standard: unknown, empty and repeated words refused");
	bp_style_get_pdf_standard_name(BP_PDF_STD_DEFAULT, name, sizeof name);
	CHECK_STR(name, "PDF/A-2a + PDF/UA-1", "standard names");
}

static void
test_xmp(void)
{
	struct bp_xmp	 x;
	char		*s;

	memset(&x, 0, sizeof x);
	x.claimed = BP_PDF_STD_A2B;
	x.title = "R&D <\"uke\"> 's\x01";
	x.author = "Å";
	x.creator = x.producer = "t";
	x.lang = "nb";
	x.date = "2026-11-18T11:06:40Z";
	s = bp_xmp_make(&x);
	CHECK(strstr(s, "R&amp;D &lt;&quot;uke&quot;&gt; &apos;s</rdf:li>") !=
	    NULL, "xmp: text escaped, control bytes left out");
	CHECK(strstr(s, "<pdfaid:conformance>B<") != NULL &&
	    strstr(s, "pdfuaid") == NULL, "xmp: a-2b claims B, no pdfuaid");
	g_free(s);
	x.claimed = BP_PDF_STD_UA1;
	s = bp_xmp_make(&x);
	CHECK(strstr(s, "<pdfuaid:part>1<") != NULL &&
	    strstr(s, "pdfaid:") == NULL && strstr(s, "pdfaExtension") == NULL,
	    "xmp: ua-1 alone has no PDF/A identification nor schema");
	g_free(s);
}

static cairo_status_t
collect(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draw text at y with the toy font (Cairo embeds it). */
#define TEXT(cr, y, s) do { cairo_move_to(cr, 72, y); \
	cairo_show_text(cr, s); } while (0)

/*
 * Two pages as the painter draws them: each piece in a leaf tag Cairo
 * marks with an MCID (page 1: 0 title, 1 paragraph, 2 link, 3 the rest
 * of the paragraph, 4 figure; page 2: 0 paragraph, 1 header cell, 2
 * cell, 3 note), running text and rules outside any tag.
 */
static GByteArray *
tagged_pdf(void)
{
	GByteArray	*buf = g_byte_array_new();
	cairo_surface_t	*s;
	cairo_t		*cr;

	s = cairo_pdf_surface_create_for_stream(collect, buf, 595, 842);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    "Tagged & small");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "briefpack test");
	cr = cairo_create(s);
	cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 12);
	cairo_tag_begin(cr, "Document", NULL);
	TEXT(cr, 40, "Running header");
	cairo_move_to(cr, 72, 45);
	cairo_line_to(cr, 520, 45);
	cairo_stroke(cr);
	cairo_tag_begin(cr, "H1", NULL);
	TEXT(cr, 100, "Title of the article");
	cairo_tag_end(cr, "H1");
	cairo_tag_begin(cr, "P", NULL);
	TEXT(cr, 130, "Hello, this is");
	cairo_tag_end(cr, "P");
	cairo_tag_begin(cr, CAIRO_TAG_LINK,
	    "uri='https://example.org/' rect=[150 118 60 16]");
	TEXT(cr, 130, " a link");
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_tag_begin(cr, "P", NULL);
	TEXT(cr, 145, "and the paragraph goes on.");
	cairo_tag_end(cr, "P");
	cairo_tag_begin(cr, "Figure", NULL);
	cairo_rectangle(cr, 72, 160, 100, 60);
	cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
	cairo_fill(cr);
	cairo_tag_end(cr, "Figure");
	cairo_set_source_rgb(cr, 0, 0, 0);
	TEXT(cr, 800, "Page 1 of 2");
	cairo_show_page(cr);
	TEXT(cr, 40, "Running header");
	cairo_tag_begin(cr, "P", NULL);
	TEXT(cr, 100, "Second page.");
	cairo_tag_end(cr, "P");
	cairo_tag_begin(cr, "TH", NULL);
	TEXT(cr, 130, "Header");
	cairo_tag_end(cr, "TH");
	cairo_tag_begin(cr, "TD", NULL);
	TEXT(cr, 145, "Cell");
	cairo_tag_end(cr, "TD");
	cairo_tag_begin(cr, "Note", NULL);
	TEXT(cr, 700, "1 A note.");
	cairo_tag_end(cr, "Note");
	TEXT(cr, 800, "Page 2 of 2");
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return buf;
}

/* The record of tagged_pdf(); `wrong` leaves out page 2's note. */
static struct bp_tagging *
tagged_record(bool wrong)
{
	struct bp_tagging	*t = bp_tagging_new();
	int			 sect, e, p, tab, tr;

	/* Made as layout and painting make it: elements, then pieces. */
	sect = bp_tagging_add(t, BP_TAG_SECT, 0);
	bp_tagging_set_lang(t, sect, "nb");
	e = bp_tagging_add(t, BP_TAG_H1, sect);
	bp_tagging_mcid(t, e, 1, 0);
	p = bp_tagging_add(t, BP_TAG_P, sect);
	bp_tagging_mcid(t, p, 1, 1);
	e = bp_tagging_add(t, BP_TAG_LINK, p);
	bp_tagging_mcid(t, e, 1, 2);
	bp_tagging_annot(t, e, 1, 0);
	bp_tagging_mcid(t, p, 1, 3);
	e = bp_tagging_add(t, BP_TAG_FIGURE, sect);
	bp_tagging_set_alt(t, e, "A red rectangle");
	bp_tagging_mcid(t, e, 1, 4);
	/* The paragraph goes on over the page. */
	bp_tagging_mcid(t, p, 2, 0);
	tab = bp_tagging_add(t, BP_TAG_TABLE, sect);
	tr = bp_tagging_add(t, BP_TAG_TR, tab);
	e = bp_tagging_add(t, BP_TAG_TH, tr);
	bp_tagging_mcid(t, e, 2, 1);
	e = bp_tagging_add(t, BP_TAG_TD, tr);
	bp_tagging_mcid(t, e, 2, 2);
	if (!wrong) {
		e = bp_tagging_add(t, BP_TAG_NOTE, sect);
		bp_tagging_mcid(t, e, 2, 3);
	}
	return t;
}

static GBytes *
finish(GByteArray *pdf, const struct bp_tagging *t, unsigned standard,
    unsigned *claimed, struct bp_diag *diag)
{
	struct bp_archive_opts	 o;
	struct bp_pack		*pack = bp_pack_new();
	GBytes			*out = NULL;
	char			*icc = NULL;
	gsize			 len = 0;

	memset(&o, 0, sizeof o);
	pack->meta.lang = g_strdup("nb");
	g_file_get_contents("icc/sRGB.icc", &icc, &len, NULL);
	o.pack = pack;
	o.tags = t;
	o.standard = standard;
	o.icc = g_bytes_new_take(icc, len);
	o.jobs = 2;
	if (!bp_archive_run(&o, pdf->data, pdf->len, "test.pdf", diag, &out,
	    claimed))
		out = NULL;
	g_bytes_unref(o.icc);
	bp_pack_free(pack);
	return out;
}

/* Every object of the file, unparsed: enough to search a small file. */
static char *
all_text(qpdf_data q)
{
	GString	*s = g_string_new(NULL);
	qpdf_oh	 t = qpdf_get_trailer(q), size = qpdf_oh_get_key(q, t, "/Size");
	int	 i, n = qpdf_oh_get_int_value_as_int(q, size);

	for (i = 1; i < n; i++)
		g_string_append_printf(s, "%d: %s\n", i, qpdf_oh_unparse_resolved(q,
		    qpdf_get_object_by_id(q, i, 0)));
	return g_string_free(s, FALSE);
}

static void
test_finish(const char *write_to)
{
	struct bp_diag		 diag = { 0 };
	GByteArray		*pdf = tagged_pdf();
	struct bp_tagging	*t = tagged_record(false), *bad;
	GBytes			*out, *again;
	qpdf_data		 q;
	qpdf_oh			 root, str, k;
	unsigned		 claimed = 0;
	gsize			 len;
	const char		*data, *nolib = "";
	char			*s;

	diag.quiet = true;
	/* libqpdf is loaded when first needed (bp_util_lib_load). */
	CHECK(bp_qpdf_load(&nolib), "libqpdf loads (%s)", nolib);
	q = qpdf_init();
	out = finish(pdf, t, BP_PDF_STD_DEFAULT, &claimed, &diag);
	CHECK(out != NULL && claimed == BP_PDF_STD_DEFAULT && diag.errors == 0 &&
	    diag.warnings == 0, "finish: a matching record claims a-2a + ua-1");
	if (out == NULL)
		goto out;
	again = finish(pdf, t, BP_PDF_STD_DEFAULT, &claimed, &diag);
	CHECK(again != NULL && g_bytes_equal(out, again),
	    "finish: two runs give the same bytes");
	if (again != NULL)
		g_bytes_unref(again);
	if (write_to != NULL) {
		data = g_bytes_get_data(out, &len);
		CHECK(g_file_set_contents(write_to, data, (gssize)len, NULL),
		    "finish: written to %s", write_to);
	}
	data = g_bytes_get_data(out, &len);
	qpdf_silence_errors(q);
	CHECK((qpdf_read_memory(q, "out", data, len, NULL) & QPDF_ERRORS) == 0 &&
	    qpdf_check_pdf(q) == QPDF_SUCCESS, "finish: qpdf reads it back");
	root = qpdf_get_root(q);
	str = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	CHECK(qpdf_oh_is_dictionary(q, str), "tree: the catalog has one");
	s = all_text(q);
	CHECK(strstr(s, "/S /Document") != NULL && strstr(s, "/S /Sect") &&
	    strstr(s, "/Lang (nb)") != NULL, "tree: Document, Sect with /Lang");
	CHECK(strstr(s, "/Alt (A red rectangle)") != NULL,
	    "tree: the Figure's /Alt");
	CHECK(strstr(s, "/A << /O /Table /Scope /Column >>") != NULL,
	    "tree: TH has /Scope /Column");
	CHECK(strstr(s, "/ID (note-") != NULL && strstr(s, "/IDTree") != NULL,
	    "tree: the Note has an /ID in the ID tree");
	CHECK(strstr(s, "/Type /OBJR") != NULL,
	    "tree: the link's annotation is an OBJR kid");
	CHECK(strstr(s, "/Type /MCR") != NULL,
	    "tree: the paragraph's piece on page 2 is an MCR");
	CHECK(strstr(s, "/ParentTreeNextKey 3") != NULL,
	    "tree: keys for two pages and one annotation");
	g_free(s);
	k = qpdf_oh_get_key(q, root, "/MarkInfo");
	s = g_strdup(qpdf_oh_unparse(q, k));
	CHECK_STR(s, "<< /Marked true >>", "catalog: /MarkInfo");
	g_free(s);
	qpdf_oh_release_all(q);

	/* A record that leaves content out: no tree, no 'a', no 'ua'. */
	bad = tagged_record(true);
	diag.warnings = 0;
	again = finish(pdf, bad, BP_PDF_STD_DEFAULT, &claimed, &diag);
	CHECK(again != NULL && claimed == BP_PDF_STD_A2B && diag.warnings == 1,
	    "finish: a record that does not match claims a-2b, warns once");
	if (again != NULL)
		g_bytes_unref(again);
	bp_tagging_free(bad);
	/* No record at all: the same, without a warning. */
	diag.warnings = 0;
	again = finish(pdf, NULL, BP_PDF_STD_A2A, &claimed, &diag);
	CHECK(again != NULL && claimed == BP_PDF_STD_A2B && diag.warnings == 0,
	    "finish: without a record, a-2a becomes a-2b quietly");
	if (again != NULL)
		g_bytes_unref(again);
	/* A figure without alt text. */
	g_free(g_array_index(t->elems, struct bp_selem, 5).alt);
	g_array_index(t->elems, struct bp_selem, 5).alt = NULL;
	again = finish(pdf, t, BP_PDF_STD_DEFAULT, &claimed, &diag);
	CHECK(again != NULL && claimed == BP_PDF_STD_A2B,
	    "finish: a figure without alt text claims a-2b");
	if (again != NULL)
		g_bytes_unref(again);
	g_bytes_unref(out);
out:
	qpdf_cleanup(&q);
	bp_tagging_free(t);
	g_byte_array_free(pdf, TRUE);
}

int
main(int argc, char **argv)
{
	test_tokenizer();
	test_artifacts();
	test_standards();
	test_xmp();
	test_finish(argc == 3 && strcmp(argv[1], "--write") == 0 ? argv[2] :
	    NULL);
	return HARNESS_EXIT();
}
