/*
 * Unit tests for the structure record (pdf/tags.c) and the tagging of
 * layout and painting: elements in reading order, heading levels that
 * never skip, and a record that agrees with the marked content and the
 * link annotations Cairo writes.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <zlib.h>

#include "pdf/pdf.h"
#include "parse/load.h"
#include "harness.h"
#include "lctx.h"

#define ELEM(t, i)  (&g_array_index((t)->elems, struct bp_selem, (i)))
#define KID(t, i)   (&g_array_index((t)->kids, struct bp_skid, (i)))

/* Elements attach to their parents on their first piece, in order. */
static void
test_record(void)
{
	struct bp_tagging	*t = bp_tagging_new();
	struct bp_selem		 local[3] = { { 0 } };
	int			 sect, p1, l, li, lbl, lbody, p2, empty, base;
	char			*dump;

	CHECK(t->elems->len == 1 && ELEM(t, 0)->tag == BP_TAG_DOCUMENT &&
	    ELEM(t, 0)->parent == -1, "element 0 is the Document");
	CHECK_STR(bp_tag_name(BP_TAG_LBODY), "LBody", "type names are PDF's");
	CHECK_STR(bp_tag_name(BP_TAG_TOCI), "TOCI", "... every one");
	sect = bp_tagging_add(t, BP_TAG_SECT, -1);
	p1 = bp_tagging_add(t, BP_TAG_P, sect);
	l = bp_tagging_add(t, BP_TAG_L, sect);
	li = bp_tagging_add(t, BP_TAG_LI, l);
	lbl = bp_tagging_add(t, BP_TAG_LBL, li);
	lbody = bp_tagging_add(t, BP_TAG_LBODY, li);
	p2 = bp_tagging_add(t, BP_TAG_P, lbody);
	empty = bp_tagging_add(t, BP_TAG_P, sect);
	CHECK(ELEM(t, sect)->parent == 0, "-1 as a parent is the Document");
	CHECK(t->kids->len == 0, "nothing is attached before it is painted");
	bp_tagging_mcid(t, p1, 1, 0);
	bp_tagging_mcid(t, lbl, 1, 1);
	bp_tagging_mcid(t, p2, 2, 0);
	bp_tagging_mcid(t, p1, 2, 1);
	bp_tagging_annot(t, p2, 2, 0);
	dump = bp_tagging_dump(t);
	CHECK_STR(strstr(dump, "kid 0 elem"),
	    "kid 0 elem 1\nkid 1 elem 2\nkid 2 mcid 1 0\n"
	    "kid 1 elem 3\nkid 3 elem 4\nkid 4 elem 5\nkid 5 mcid 1 1\n"
	    "kid 4 elem 6\nkid 6 elem 7\nkid 7 mcid 2 0\n"
	    "kid 2 mcid 2 1\nkid 7 annot 2 0\n",
	    "kids in the order painted, each element once, before its own");
	CHECK(!ELEM(t, empty)->attached && ELEM(t, p2)->attached,
	    "an element nothing is painted of never appears");
	g_free(dump);

	/* A flow's elements: parents local, -1 the root given. */
	local[0].tag = BP_TAG_FIGURE;
	local[0].parent = -1;
	local[0].alt = "A chart";
	local[1].tag = BP_TAG_CAPTION;
	local[1].parent = 0;
	local[2].tag = BP_TAG_P;
	local[2].parent = -1;
	base = bp_tagging_append(t, local, 3, sect);
	CHECK(base == empty + 1 && ELEM(t, base)->parent == sect &&
	    ELEM(t, base + 1)->parent == base &&
	    ELEM(t, base + 2)->parent == sect, "appended elements keep their "
	    "parents, the root for -1");
	CHECK(ELEM(t, base)->alt != local[0].alt &&
	    strcmp(ELEM(t, base)->alt, "A chart") == 0, "their text is copied");
	bp_tagging_set_lang(t, sect, "nn");
	bp_tagging_set_alt(t, base + 2, "");
	CHECK(strcmp(ELEM(t, sect)->lang, "nn") == 0 &&
	    ELEM(t, base + 2)->alt == NULL, "language set; empty alt is none");
	bp_tagging_free(t);
	bp_tagging_free(NULL);
}

static cairo_status_t
to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The text of stream data [p, p + n), inflated (NULL: not Flate). */
static GString *
inflate_stream(const unsigned char *p, size_t n)
{
	GString		*out = g_string_new(NULL);
	z_stream	 z = { 0 };
	unsigned char	 buf[65536];
	int		 rc = Z_OK;

	if (inflateInit(&z) != Z_OK)
		return out;
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	while (rc == Z_OK) {
		z.next_out = buf;
		z.avail_out = sizeof buf;
		rc = inflate(&z, Z_NO_FLUSH);
		g_string_append_len(out, (char *)buf, (gssize)(sizeof buf -
		    z.avail_out));
	}
	inflateEnd(&z);
	return out;
}

/*
 * Marked content with an MCID in each stream of a PDF that has some, in
 * order (Cairo writes page contents page by page): returns the number of
 * such streams; counts[] gets how many each has. *ordered: each numbers
 * them 0, 1, 2, ...
 */
static int
count_mcids(const GByteArray *pdf, int *counts, int max, bool *ordered)
{
	const char	*s = (const char *)pdf->data, *end = s + pdf->len;
	const char	*p, *q, *m;
	GString		*c;
	int		 n = 0, k, v;

	*ordered = true;
	for (p = s; (p = memmem(p, (size_t)(end - p), "stream\n", 7)) != NULL;
	    p = q + 9) {
		p += 7;
		if ((q = memmem(p, (size_t)(end - p), "endstream", 9)) == NULL)
			break;
		c = inflate_stream((const unsigned char *)p, (size_t)(q - p));
		k = 0;
		for (m = c->str; (m = strstr(m, "/MCID ")) != NULL; m++) {
			v = atoi(m + 6);
			if (v != k)
				*ordered = false;
			k++;
		}
		if (k > 0 && n < max)
			counts[n++] = k;
		g_string_free(c, TRUE);
	}
	return n;
}

/*
 * An article laid out, merged into a record, spooled and painted: the
 * record's elements, and its sequences and annotations page by page
 * against what Cairo wrote.
 */
static void
test_painted(void)
{
	struct bp_diag		 d = { 0 };
	struct bp_fonts		*fonts = bp_fonts_new("fonts", &d);
	struct bp_style		*st = bp_style_new_default();
	struct bp_pack		*pack = bp_pack_new();
	struct bp_article	*art = bp_article_new("t.md");
	struct bp_lctx		 lc;
	struct bp_pager		 pg;
	struct bp_paint_info	 info = { 0 };
	struct bp_tagging	*t = bp_tagging_new();
	struct bp_spool		*sp = bp_spool_new();
	struct bp_painter	*painter;
	struct bp_page		*page;
	struct bp_flow		*f;
	struct bp_load_opts	 lo = { .smart = true };
	GByteArray		*pdf = g_byte_array_new();
	GString			*md = g_string_new(NULL), *heads = g_string_new(NULL);
	cairo_surface_t		*surface;
	int			 per_page[64] = { 0 }, annots = 0, npages = 0;
	int			 got[64], ngot, want[64], nwant = 0, i, k;
	const struct bp_skid	*kid;
	const struct bp_selem	*e;
	const char		*m;
	bool			 ordered, ok = true;
	int			 tags[BP_TAG__MAX] = { 0 };

	if (fonts == NULL || sp == NULL)
		return;
	d.quiet = true;
	g_string_append(md, "# One\n\nA paragraph with [a link](https://"
	    "example.org/a) and a note[^1].\n\n### Three\n\n## Two\n\n"
	    "- first item\n- second item with [another link](https://"
	    "example.org/b)\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
	    "> A quote.\n\n```\ncode\n```\n\n![A missing image](none.png)\n\n"
	    "# Four\n\n");
	for (i = 0; i < 80; i++)
		g_string_append(md, "Filler text to make a second page. ");
	g_string_append(md, "\n\n[^1]: The note.\n");
	bp_md_parse(art, md->str, md->len, 1, &lo, &d);
	art->meta.title = g_strdup("Title");
	g_ptr_array_add(pack->articles, art);
	lctx_init(&lc, st, fonts, &d, BP_PDF_STD_DEFAULT);
	f = bp_layout_article(&lc, art, /*have_body*/true);
	bp_flow_tag(f, t, "en");
	bp_pager_init(&pg);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, /*fresh*/true);
	bp_pager_finish(&pg);
	for (i = 0; i < (int)pg.pages->len; i++)
		ok = ok && bp_spool_put(sp, g_ptr_array_index(pg.pages, i));
	npages = (int)pg.pages->len;
	bp_pager_clear(&pg);
	bp_flow_free(f);
	CHECK(ok && bp_spool_rewind(sp) && npages >= 2, "spooled %d pages",
	    npages);

	/* Paint, as pdf.c does, from the spool (the flow is gone). */
	info.pack = pack;
	info.npages = npages;
	info.start_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
	info.tags = t;
	surface = cairo_pdf_surface_create_for_stream(to_bytes, pdf,
	    st->page_w, st->page_h);
	painter = bp_painter_new(&lc, &info, surface);
	while ((page = bp_spool_get(sp)) != NULL) {
		bp_painter_page(painter, page);
		bp_page_free(page);
	}
	CHECK(bp_painter_finish(painter) == CAIRO_STATUS_SUCCESS,
	    "painted without error");
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);

	/* The record: headings, one Sect, elements of every kind. */
	for (i = 0; i < (int)t->elems->len; i++) {
		e = ELEM(t, i);
		if (!e->attached)
			continue;
		tags[e->tag]++;
		if (e->tag >= BP_TAG_H1 && e->tag <= BP_TAG_H6)
			g_string_append_printf(heads, "%s ", bp_tag_name(e->tag));
	}
	CHECK_STR(heads->str, "H1 H2 H3 H3 H2 ", "the title is H1; # ### ## # "
	    "become H2 H3 H3 H2 (no level skipped)");
	CHECK(tags[BP_TAG_SECT] == 1 && tags[BP_TAG_L] == 1 &&
	    tags[BP_TAG_LI] == 2 && tags[BP_TAG_LBL] == 3 &&
	    tags[BP_TAG_LBODY] == 2 && tags[BP_TAG_TABLE] == 1 &&
	    tags[BP_TAG_TR] == 2 && tags[BP_TAG_TH] == 2 && tags[BP_TAG_TD] == 2,
	    "a Sect, a list of two items (a Lbl each, and the note's), a table "
	    "of a header row and a row");
	CHECK(tags[BP_TAG_LINK] == 2 && tags[BP_TAG_NOTE] == 1 &&
	    tags[BP_TAG_BLOCKQUOTE] == 1 && tags[BP_TAG_CODE] == 1 &&
	    tags[BP_TAG_FIGURE] == 1 && tags[BP_TAG_CAPTION] == 1,
	    "two links, a note, a quote, code, a figure with its caption");
	for (i = 0; i < (int)t->elems->len; i++)
		if (ELEM(t, i)->tag == BP_TAG_FIGURE)
			CHECK(ELEM(t, i)->alt != NULL &&
			    strstr(ELEM(t, i)->alt, "none.png") != NULL,
			    "a placeholder's alt text is its message");
	for (k = 0; k < (int)t->kids->len; k++) {
		kid = KID(t, k);
		if (kid->kind == BP_SKID_ELEM && ELEM(t, kid->elem)->tag ==
		    BP_TAG_LI)
			break;
	}
	CHECK(k < (int)t->kids->len && ELEM(t, KID(t, k)->child)->tag ==
	    BP_TAG_LBL, "a list item's label is its first kid");

	/* Against the PDF: sequences per page, annotations in all. */
	for (k = 0; k < (int)t->kids->len; k++) {
		kid = KID(t, k);
		if (kid->kind == BP_SKID_MCID && kid->page >= 1 &&
		    kid->page < 64)
			per_page[kid->page]++;
		else if (kid->kind == BP_SKID_ANNOT)
			annots++;
	}
	for (i = 1; i <= npages && i < 64; i++)
		if (per_page[i] > 0)
			want[nwant++] = per_page[i];
	ngot = count_mcids(pdf, got, 64, &ordered);
	ok = ngot == nwant;
	for (i = 0; ok && i < ngot; i++)
		ok = got[i] == want[i];
	CHECK(ok && ordered, "each page's marked content (%d pages with some) "
	    "is what the record holds", ngot);
	for (i = 0, m = (const char *)pdf->data; (m = memmem(m,
	    (size_t)((const char *)pdf->data + pdf->len - m), "/Subtype /Link",
	    14)) != NULL; m++)
		i++;
	CHECK(annots == 2 && i == 2, "two link annotations, both recorded "
	    "(%d in the PDF)", i);

	bp_spool_free(sp);
	bp_tagging_free(t);
	g_hash_table_destroy(info.start_pages);
	g_hash_table_destroy(lc.images);
	g_byte_array_free(pdf, TRUE);
	g_string_free(md, TRUE);
	g_string_free(heads, TRUE);
	bp_pack_free(pack);
	bp_style_free(st);
	bp_fonts_free(fonts);
}

int
main(void)
{
	bp_md_init();
	test_record();
	test_painted();
	return HARNESS_EXIT();
}
