/*
 * Unit tests for layout and pagination (src/pdf/ layout files, layout.h): slices split at
 * line boundaries, keep chains, widows and orphans, repeated table heads;
 * where each line and page starts in the model (struct bp_page_start);
 * figures floated to the next page, the keep rules across blocks.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/pdf.h"
#include "parse/load.h"
#include "harness.h"
#include "lctx.h"

/* A flow of n slices of height h; keep[i] sets keep_next. */
static struct bp_flow *
flow_of(int n, double h, const bool *keep, double space)
{
	struct bp_flow	*f = bp_flow_new();
	struct bp_slice	 s;
	int		 i;

	for (i = 0; i < n; i++) {
		memset(&s, 0, sizeof s);
		s.h = h;
		s.space_before = space;
		s.keep_next = keep != NULL && keep[i];
		g_array_append_val(f->slices, s);
	}
	return f;
}

static int
placed_on(const struct bp_pager *pg, guint page)
{
	return (int)((struct bp_page *)g_ptr_array_index(pg->pages, page))
	    ->placed->len;
}

static const struct bp_placed *
placed(const struct bp_pager *pg, guint page, guint i)
{
	return &g_array_index(((struct bp_page *)g_ptr_array_index(pg->pages,
	    page))->placed, struct bp_placed, i);
}

static void
test_pager(void)
{
	struct bp_lctx	 lc = { 0 };
	struct bp_pager	 pg;
	struct bp_flow	*f;
	bool		 keep[10] = { false };

	lc.body_h = 350;

	/* 10 x 100 on 350: 3 + 3 + 3 + 1. */
	bp_pager_init(&pg);
	f = flow_of(10, 100, NULL, 0);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK(pg.pages->len == 4, "10 slices of 100 on 350pt pages: 4 pages");
	CHECK(placed_on(&pg, 0) == 3 && placed_on(&pg, 3) == 1,
	    "3 slices on the first page, 1 on the last");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* Space before a slice is dropped at the top of a page. */
	bp_pager_init(&pg);
	f = flow_of(4, 100, NULL, 20);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK_NUM(placed(&pg, 0, 0)->y, 0, "no space at the top of page 1");
	CHECK_NUM(placed(&pg, 0, 1)->y, 120, "space between slices kept");
	CHECK(placed_on(&pg, 0) == 3, "3 x 100 + 2 x 20 fits in 350");
	CHECK_NUM(placed(&pg, 1, 0)->y, 0, "no space at the top of page 2");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* A keep chain that would straddle the page moves as a whole. */
	bp_pager_init(&pg);
	keep[1] = keep[2] = true;   /* slices 1, 2, 3 stay together */
	f = flow_of(5, 100, keep, 0);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK(placed_on(&pg, 0) == 1, "chain 1-3 does not fit after slice 0");
	CHECK(placed_on(&pg, 1) == 3 && placed(&pg, 1, 0)->slice == 1,
	    "chain starts page 2");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* A chain taller than a page cannot be kept: it is split, no loop. */
	bp_pager_init(&pg);
	memset(keep, 1, sizeof keep);
	f = flow_of(10, 100, keep, 0);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK(pg.pages->len == 4, "an over-long keep chain still paginates");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* A table continued on a new page repeats its header row. */
	bp_pager_init(&pg);
	f = flow_of(8, 100, NULL, 0);
	{
		guint	 i;

		for (i = 0; i < 8; i++)
			g_array_index(f->slices, struct bp_slice, i).table =
			    i >= 1 ? 1 : 0;
		g_array_index(f->slices, struct bp_slice, 1).header_of = 1;
		g_array_index(f->slices, struct bp_slice, 1).keep_next = true;
	}
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK(placed(&pg, 1, 0)->slice == 1, "page 2 starts with the header row");
	CHECK(placed(&pg, 1, 1)->slice == 3, "then the next body row");
	CHECK(placed(&pg, 2, 0)->slice == 1, "page 3 repeats it too");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* Continuing flows share a page; fresh ones start a new one. */
	bp_pager_init(&pg);
	f = flow_of(1, 100, NULL, 10);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, false);
	CHECK(pg.pages->len == 1 && placed_on(&pg, 0) == 2,
	    "a continuing flow runs on on the same page");
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK(pg.pages->len == 2, "a fresh flow starts a new page");
	bp_pager_clear(&pg);
	bp_flow_free(f);
}

static bool
same_gline(const struct bp_gline *a, const struct bp_gline *b)
{
	const struct bp_grun	*ra, *rb;
	guint			 i;

	if (b == NULL || a->len != b->len || strcmp(a->text, b->text) != 0 ||
	    a->nruns != b->nruns || a->nlinks != b->nlinks)
		return false;
	for (i = 0; i < a->nruns; i++) {
		ra = &a->runs[i];
		rb = &b->runs[i];
		if (ra->font != rb->font || ra->strike != rb->strike ||
		    ra->x != rb->x || ra->glyphs->num_glyphs !=
		    rb->glyphs->num_glyphs || memcmp(ra->glyphs->glyphs,
		    rb->glyphs->glyphs, sizeof(PangoGlyphInfo) *
		    (gsize)ra->glyphs->num_glyphs) != 0 ||
		    memcmp(ra->glyphs->log_clusters, rb->glyphs->log_clusters,
		    sizeof(int) * (gsize)ra->glyphs->num_glyphs) != 0)
			return false;
	}
	for (i = 0; i < a->nlinks; i++)
		if (g_strcmp0(a->links[i].uri, b->links[i].uri) != 0 ||
		    a->links[i].x != b->links[i].x)
			return false;
	return true;
}

/*
 * Pages written to the spool come back the same: the dump of what is
 * read back matches the dump of the pages, glyph runs and links too.
 */
static void
check_spool(const struct bp_pager *pg)
{
	struct bp_spool		*sp = bp_spool_new();
	GPtrArray		*back = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_page_free);
	const struct bp_page	*a, *b;
	const struct bp_placed	*pl;
	const struct bp_slice	*s;
	const struct bp_box	*ba, *bb;
	struct bp_page		*page;
	char			*d1, *d2;
	guint			 i, j, k, n, runs = 0, links = 0, same = 0;
	guint			 boxes = 0;
	bool			 ok = true;

	CHECK(sp != NULL, "a spool opens in TMPDIR");
	if (sp == NULL)
		return;
	for (i = 0; i < pg->pages->len; i++)
		ok = ok && bp_spool_put(sp, g_ptr_array_index(pg->pages, i));
	CHECK(ok && bp_spool_rewind(sp), "pages are spooled");
	while ((page = bp_spool_get(sp)) != NULL)
		g_ptr_array_add(back, page);
	CHECK(back->len == pg->pages->len, "as many pages come back (%u)",
	    back->len);
	d1 = bp_layout_dump(pg->pages);
	d2 = bp_layout_dump(back);
	CHECK(strcmp(d1, d2) == 0, "the spooled pages dump the same");
	/* Box by box, in order: the same glyphs, positions and links. */
	for (i = 0; i < back->len && i < pg->pages->len; i++) {
		a = g_ptr_array_index(pg->pages, i);
		b = g_ptr_array_index(back, i);
		CHECK(b->own != NULL && b->number == a->number,
		    "page %u keeps its number and owns its boxes", i + 1);
		n = 0;
		for (j = 0; j < a->placed->len; j++) {
			pl = &g_array_index(a->placed, struct bp_placed, j);
			s = &g_array_index(pl->flow->slices, struct bp_slice,
			    pl->slice);
			for (k = s->first_box; k < s->first_box + s->nboxes;
			    k++, n++) {
				ba = &g_array_index(pl->flow->boxes,
				    struct bp_box, k);
				if (ba->gline == NULL || n >= b->own->boxes->len)
					continue;
				bb = &g_array_index(b->own->boxes, struct bp_box,
				    n);
				boxes++;
				runs += ba->gline->nruns;
				links += ba->gline->nlinks;
				if (same_gline(ba->gline, bb->gline) &&
				    ba->x == bb->x && ba->baseline == bb->baseline)
					same++;
			}
		}
	}
	CHECK(boxes > 0 && same == boxes,
	    "every line comes back with its glyphs and links (%u of %u)",
	    same, boxes);
	CHECK(links >= 12 && runs > boxes, "links (%u) and runs (%u) were "
	    "spooled", links, runs);
	g_free(d1);
	g_free(d2);
	g_ptr_array_free(back, TRUE);
	bp_spool_free(sp);
}

/* Real text: a long paragraph splits at lines, with no widow or orphan. */
static void
test_real_layout(void)
{
	struct bp_diag		 d = { 0 };
	struct bp_fonts		*fonts = bp_fonts_new("fonts", &d);
	struct bp_style		*st = bp_style_new_default();
	struct bp_article	*art = bp_article_new("t.md");
	struct bp_lctx		 lc = { 0 };
	struct bp_pager		 pg;
	struct bp_flow		*f;
	struct bp_load_opts	 lo = { .smart = true };
	GString			*md = g_string_new(NULL);
	const struct bp_page	*page;
	const struct bp_placed	*pl, *last;
	const struct bp_slice	*s;
	guint			 i, j, lines = 0;
	int			 k;
	bool			 inside = true, no_orphan = true;

	CHECK(fonts != NULL, "bundled fonts load");
	if (fonts == NULL)
		return;
	for (k = 0; k < 12; k++) {
		g_string_append(md, "Paragraph start with ~~struck~~ text and "
		    "[a link](https://example.org/a) in it.");
		for (i = 0; i < 60; i++)
			g_string_append(md, " Lorem ipsum dolor sit amet.");
		g_string_append(md, "\n\n");
	}
	d.file = "t.md";
	bp_md_parse(art, md->str, md->len, 1, &lo, &d);
	art->meta.title = g_strdup("T");
	lctx_init(&lc, st, fonts, &d, /*standard*/0);
	f = bp_layout_article(&lc, art, /*have_body*/true);
	bp_pager_init(&pg);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	CHECK(pg.pages->len >= 3, "12 long paragraphs fill several pages (%u)",
	    pg.pages->len);
	for (i = 0; i < pg.pages->len; i++) {
		page = g_ptr_array_index(pg.pages, i);
		last = &g_array_index(page->placed, struct bp_placed,
		    page->placed->len - 1);
		s = &g_array_index(f->slices, struct bp_slice, last->slice);
		if (last->y + s->h > lc.body_h + 0.01)
			inside = false;
		for (j = 0; j < page->placed->len; j++) {
			pl = &g_array_index(page->placed, struct bp_placed, j);
			s = &g_array_index(f->slices, struct bp_slice, pl->slice);
			if (s->node != NULL && s->node->type == BP_NODE_PARA)
				lines++;
		}
		/* The first line on a page must not be a paragraph's last. */
		pl = &g_array_index(page->placed, struct bp_placed, 0);
		if (i > 0 && pl->slice + 1 < f->slices->len &&
		    g_array_index(f->slices, struct bp_slice, pl->slice).node !=
		    g_array_index(f->slices, struct bp_slice, pl->slice + 1).node &&
		    pl->slice > 0 && g_array_index(f->slices, struct bp_slice,
		    pl->slice - 1).node == g_array_index(f->slices,
		    struct bp_slice, pl->slice).node)
			no_orphan = false;
	}
	CHECK(inside, "no page is filled past the text area");
	CHECK(no_orphan, "no page starts with the lone last line of a paragraph");
	CHECK(lines > 12 * 5, "every paragraph made several line slices (%u)",
	    lines);
	check_spool(&pg);
	bp_pager_clear(&pg);
	bp_flow_free(f);
	g_hash_table_destroy(lc.images);
	bp_article_free(art);
	bp_style_free(st);
	bp_fonts_free(fonts);
	g_string_free(md, TRUE);
}

/*
 * Lines as glyph runs: soft hyphens inside a line leave the text and the
 * glyphs (clusters still point at their characters); the one that ends a
 * hyphenated line stays, drawn as a hyphen.
 */
static void
test_glyph_runs(void)
{
	struct bp_diag		 d = { 0 };
	struct bp_fonts		*fonts = bp_fonts_new("fonts", &d);
	struct bp_text		 t = { 0 };
	struct bp_gline		*gl;
	const struct bp_grun	*r;
	PangoAttrList		*attrs;
	const char		*text = "Hyp\u00adhen\u00ada\u00adtion ef\u00adfec"
	    "\u00adtive\u00adly \u00e6\u00f8\u00e5 stu\u00adff";
	int			 n, g, i, lines;
	bool			 ok_clusters = true, ok_chars = true;
	bool			 hyphen_kept = true;
	char			*plain;

	CHECK(fonts != NULL, "bundled fonts load");
	if (fonts == NULL)
		return;
	t.layout = pango_layout_new(bp_fonts_context(fonts));
	attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_family_new("Noto Serif"));
	pango_layout_set_attributes(t.layout, attrs);
	pango_attr_list_unref(attrs);
	t.links = g_array_new(FALSE, TRUE, sizeof(struct bp_link));
	t.noterefs = g_array_new(FALSE, FALSE, sizeof(struct bp_noteref));
	for (n = 0; n < 2; n++) {
		/* Wide: one line; narrow: lines broken at soft hyphens. */
		pango_layout_set_width(t.layout, n == 0 ? -1 : 40 * PANGO_SCALE);
		pango_layout_set_text(t.layout, text, -1);
		lines = pango_layout_get_line_count(t.layout);
		for (i = 0; i < lines; i++) {
			gl = bp_gline_new(&t, i);
			if (n == 0) {
				plain = g_strdup("Hyphenation effectively "
				    "\u00e6\u00f8\u00e5 stuff");
				CHECK(strcmp(gl->text, plain) == 0 &&
				    gl->len == (int)strlen(plain),
				    "a line without its soft hyphens: \"%s\"",
				    gl->text);
				g_free(plain);
			}
			if (i + 1 < lines && !g_str_has_suffix(gl->text,
			    "\u00ad") && !g_str_has_suffix(gl->text, " "))
				hyphen_kept = false;
			for (g = 0; g < (int)gl->nruns; g++) {
				r = &gl->runs[g];
				if (r->offset < 0 || r->offset + r->length >
				    gl->len || g_utf8_strlen(gl->text + r->offset,
				    r->length) != r->nchars)
					ok_chars = false;
				for (int k = 0; k < r->glyphs->num_glyphs; k++)
					if (r->glyphs->log_clusters[k] < 0 ||
					    r->glyphs->log_clusters[k] >= r->length ||
					    (k > 0 && r->glyphs->log_clusters[k] <
					    r->glyphs->log_clusters[k - 1]))
						ok_clusters = false;
			}
			bp_gline_free(gl);
		}
		if (n == 1)
			CHECK(lines > 2, "a narrow measure breaks the text (%d "
			    "lines)", lines);
	}
	CHECK(ok_chars, "every run's bytes and characters agree");
	CHECK(ok_clusters, "every glyph's cluster is inside its run, in order");
	CHECK(hyphen_kept, "a line broken inside a word keeps its soft hyphen");
	g_object_unref(t.layout);
	g_array_free(t.links, TRUE);
	g_array_free(t.noterefs, TRUE);
	bp_fonts_free(fonts);
}

/* Footnotes go to the foot of the page whose text refers to them. */
static void
test_footnotes(void)
{
	struct bp_diag		 d = { 0 };
	struct bp_fonts		*fonts = bp_fonts_new("fonts", &d);
	struct bp_style		*st = bp_style_new_default();
	struct bp_article	*art = bp_article_new("t.md");
	struct bp_lctx		 lc = { 0 };
	struct bp_pager		 pg;
	struct bp_flow		*f;
	struct bp_load_opts	 lo = { .smart = true };
	GString			*md = g_string_new(NULL);
	const struct bp_page	*page;
	const struct bp_placed	*pl;
	const struct bp_slice	*s;
	const struct bp_note_range *r;
	int			 ref_page[41] = { 0 }, note_page[41] = { 0 };
	guint			 i, j, k;
	int			 n, same = 0, bottom_ok = 1;

	if (fonts == NULL)
		return;
	for (n = 1; n <= 40; n++) {
		g_string_append_printf(md, "Paragraph %d refers to a note[^%d].",
		    n, n);
		for (i = 0; i < 12; i++)
			g_string_append(md, " Some more words to fill the line.");
		g_string_append(md, "\n\n");
	}
	for (n = 1; n <= 40; n++)
		g_string_append_printf(md, "[^%d]: Note %d explains it.\n", n, n);
	bp_md_parse(art, md->str, md->len, 1, &lo, &d);
	art->meta.title = g_strdup("T");
	lctx_init(&lc, st, fonts, &d, /*standard*/0);
	f = bp_layout_article(&lc, art, /*have_body*/true);
	CHECK(f->notes != NULL && f->note_range->len == 40,
	    "40 notes laid out in their own flow");
	bp_pager_init(&pg);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	for (i = 0; i < pg.pages->len; i++) {
		page = g_ptr_array_index(pg.pages, i);
		for (j = 0; j < page->placed->len; j++) {
			pl = &g_array_index(page->placed, struct bp_placed, j);
			s = &g_array_index(pl->flow->slices, struct bp_slice,
			    pl->slice);
			if (pl->flow == f) {
				for (k = s->first_ref; k < s->first_ref + s->nrefs;
				    k++) {
					n = g_array_index(f->refs, int, k);
					if (n >= 1 && n <= 40 && !ref_page[n])
						ref_page[n] = page->number;
				}
				continue;
			}
			/* A note slice: below the body, inside the page. */
			if (pl->y + s->h > lc.body_h + 0.01 ||
			    pl->y < page->notes_y)
				bottom_ok = 0;
			for (n = 1; n <= 40; n++) {
				r = &g_array_index(f->note_range,
				    struct bp_note_range, n - 1);
				if (pl->slice == r->first && !note_page[n])
					note_page[n] = page->number;
			}
		}
	}
	for (n = 1; n <= 40; n++)
		same += note_page[n] != 0 && note_page[n] == ref_page[n];
	CHECK(same == 40, "every note on the page of its reference (%d of 40)",
	    same);
	CHECK(bottom_ok, "notes sit in the foot area, inside the text area");
	bp_pager_clear(&pg);
	bp_flow_free(f);
	g_hash_table_destroy(lc.images);
	bp_article_free(art);
	bp_style_free(st);
	bp_fonts_free(fonts);
	g_string_free(md, TRUE);
}

/* Bytes of s with what layout inserts (soft hyphens, break points) out. */
static char *
without_inserted(const char *s)
{
	GString		*out = g_string_new(NULL);
	gunichar	 c;

	for (; *s != '\0'; s = g_utf8_next_char(s))
		if ((c = g_utf8_get_char(s)) != 0xad && c != 0x200b)
			g_string_append_unichar(out, c);
	return g_string_free(out, FALSE);
}

/*
 * Where each line starts in the model (struct bp_page_start's node and
 * offset): the text of the node from that offset on is what the line
 * shows, in hyphenated text, after a dropped leading space, in code;
 * and a page's start in the pager is its first slice's.
 */
static void
test_line_places(void)
{
	struct bp_diag		 d = { 0 };
	struct bp_fonts		*fonts = bp_fonts_new("fonts", &d);
	struct bp_style		*st = bp_style_new_default();
	struct bp_article	*art = bp_article_new("t.md");
	struct bp_lctx		 lc = { 0 };
	struct bp_pager		 pg;
	struct bp_flow		*f;
	struct bp_load_opts	 lo = { .smart = true };
	GString			*md = g_string_new(NULL);
	GHashTable		*index;
	GHashTableIter		 hi;
	gpointer		 key, val;
	const struct bp_node	**nodes;
	const struct bp_slice	*s;
	const struct bp_box	*b = NULL;
	const struct bp_pager_start *ps;
	char			*line;
	const char		*rest;
	guint			 i, n, lines = 0, right = 0, code = 0, inword = 0;
	guint			 starts_ok = 0, starts = 0;
	size_t			 k;

	if (fonts == NULL)
		return;
	for (i = 1; i <= 30; i++) {
		g_string_append_printf(md, "Paragraph %u: internationalisation "
		    "responsibilities notwithstanding, *incomprehensibilities* "
		    "of **characteristically** uncharacteristic "
		    "telecommunications[^1] infrastructure.", i);
		for (k = 0; k < 6; k++)
			g_string_append(md, " Electroencephalographically "
			    "counterrevolutionary institutionalisation.");
		g_string_append(md, "\n\n");
		if (i % 10 == 0) {
			g_string_append(md, "```\n");
			for (k = 0; k < 40; k++)
				g_string_append_printf(md, "line %zu of the code "
				    "block, long enough to wrap around the column "
				    "of text once or more: %s\n", k, "x = y + z "
				    "+ w + v + u + t + s + r + q + p + o;");
			g_string_append(md, "```\n\n");
		}
	}
	g_string_append(md, "[^1]: A note.\n");
	bp_md_parse(art, md->str, md->len, 1, &lo, &d);
	art->meta.title = g_strdup("T");
	lctx_init(&lc, st, fonts, &d, /*standard*/0);
	lc.hyph = bp_hyph_new();
	f = bp_layout_article(&lc, art, /*have_body*/true);

	/* Node by number. */
	index = bp_pages_index_nodes(art->body);
	n = g_hash_table_size(index);
	nodes = g_new0(const struct bp_node *, n + 1);
	g_hash_table_iter_init(&hi, index);
	while (g_hash_table_iter_next(&hi, &key, &val))
		nodes[GPOINTER_TO_INT(val) - 1] = key;
	for (i = 0; i < f->slices->len; i++) {
		s = &g_array_index(f->slices, struct bp_slice, i);
		if (s->at_node < 0 || (guint)s->at_node >= n ||
		    nodes[s->at_node]->text == NULL || s->nboxes == 0)
			continue;
		for (k = s->first_box; k < s->first_box + s->nboxes; k++) {
			b = &g_array_index(f->boxes, struct bp_box, k);
			if (b->type == BP_BOX_LINE && b->gline != NULL)
				break;
		}
		if (k == s->first_box + s->nboxes)
			continue;
		lines++;
		line = without_inserted(b->gline->text);
		rest = nodes[s->at_node]->text + s->at_offset;
		if (nodes[s->at_node]->type == BP_NODE_CODE_BLOCK)
			code++;
		/* Hyphenated words never break a page, but lines they do. */
		if (s->at_offset > 0 && !g_ascii_isspace(rest[-1]) &&
		    rest[-1] != '\n')
			inword++;
		k = MIN(strlen(line), strlen(rest));
		k = MIN(k, 12);
		if (k > 0 && strncmp(line, rest, k) == 0)
			right++;
		else
			fprintf(stderr, "line \"%s\" at node %d+%d: \"%.20s\"\n",
			    line, s->at_node, s->at_offset, rest);
		g_free(line);
	}
	CHECK(lines > 100 && right == lines, "each line's place in the model "
	    "holds its text (%u of %u lines, %u of code, %u inside words)",
	    right, lines, code, inword);
	CHECK(code > 40 && inword > 0, "lines of code and lines that start "
	    "inside a hyphenated word were among them");

	bp_pager_init(&pg);
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	for (i = 0; i < pg.starts->len; i++) {
		ps = &g_array_index(pg.starts, struct bp_pager_start, i);
		starts++;
		if (i == 0 ? ps->placed && ps->at_node == BP_AT_START :
		    ps->placed && (ps->at_node == BP_AT_END ||
		    (ps->at_node > 0 && (guint)ps->at_node < n)))
			starts_ok++;
	}
	CHECK(starts == pg.pages->len && starts_ok == starts && starts > 3,
	    "every page the pager opened has its place (%u of %u pages)",
	    starts_ok, starts);
	bp_pager_clear(&pg);
	g_free(nodes);
	g_hash_table_destroy(index);
	bp_flow_free(f);
	bp_hyph_free(lc.hyph);
	g_hash_table_destroy(lc.images);
	bp_article_free(art);
	bp_style_free(st);
	bp_fonts_free(fonts);
	g_string_free(md, TRUE);
}

/* ---- floats and keep rules (issue 17) ---- */

/* A new structure element of flow f under parent (-1: the Sect). */
static int
elem_add(struct bp_flow *f, enum bp_tag tag, int parent)
{
	struct bp_selem	 e = { 0 };

	e.tag = tag;
	e.parent = parent;
	g_array_append_val(f->elems, e);
	return (int)f->elems->len - 1;
}

/* Append a slice of height h holding one box of `type` in element elem;
 * it starts at "node" number (slice index). */
static struct bp_slice *
slice_add(struct bp_flow *f, double h, enum bp_box_type type, int elem)
{
	struct bp_slice	 s = { 0 };
	struct bp_box	 b = { 0 };

	s.h = h;
	s.first_box = f->boxes->len;
	s.nboxes = 1;
	s.at_node = (int)f->slices->len;
	b.type = type;
	b.elem = elem;
	b.w = 100;
	b.h = h;
	g_array_append_val(f->boxes, b);
	g_array_append_val(f->slices, s);
	return &g_array_index(f->slices, struct bp_slice, f->slices->len - 1);
}

/* n lines of text of height h in element elem. */
static void
lines_add(struct bp_flow *f, int n, double h, int elem)
{
	while (n-- > 0)
		slice_add(f, h, BP_BOX_LINE, elem);
}

/* A picture of height h with a one-line caption (12 high). */
static void
figure_add(struct bp_flow *f, double h)
{
	int		 fig = elem_add(f, BP_TAG_FIGURE, -1);
	struct bp_slice	*s = slice_add(f, h, BP_BOX_IMAGE, fig);

	s->keep_next = true;
	s->min_h = h * 0.6;
	s = slice_add(f, 12, BP_BOX_LINE, elem_add(f, BP_TAG_CAPTION, fig));
	s->space_before = 3;
	/* A caption's lines all keep with the next (keep_all). */
	s->keep_next = true;
}

/* Slice numbers placed on page `page` (0-based), "0 1 2". */
static char *
slices_on(const struct bp_pager *pg, guint page)
{
	GString		*s = g_string_new(NULL);
	int		 i;

	for (i = 0; i < placed_on(pg, page); i++)
		g_string_append_printf(s, "%s%u", i > 0 ? " " : "",
		    placed(pg, page, (guint)i)->slice);
	return g_string_free(s, FALSE);
}

static void
test_floats(void)
{
	struct bp_lctx	 lc = { 0 };
	struct bp_pager	 pg;
	struct bp_flow	*f;
	char		*got;

	lc.body_h = 350;

	/*
	 * Text (200), a picture of 200 with its caption, text: the picture
	 * does not fit the 150 left, which is worth filling: the text after
	 * it does, and the picture opens the next page, caption under it.
	 */
	bp_pager_init(&pg);
	f = bp_flow_new();
	lines_add(f, 10, 20, elem_add(f, BP_TAG_P, -1));
	figure_add(f, 200);
	lines_add(f, 10, 20, elem_add(f, BP_TAG_P, -1));
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	CHECK(pg.pages->len == 2, "a float: 2 pages (%u)", pg.pages->len);
	got = slices_on(&pg, 0);
	CHECK_STR(got, "0 1 2 3 4 5 6 7 8 9 12 13 14 15 16 17 18",
	    "the text after the figure fills page 1");
	g_free(got);
	CHECK_NUM(placed(&pg, 0, 16)->y, 320, "down to its foot");
	got = slices_on(&pg, 1);
	CHECK_STR(got, "10 11 19 20 21", "page 2: the picture, its caption, "
	    "then the text goes on");
	g_free(got);
	CHECK_NUM(placed(&pg, 1, 0)->y, 0, "the picture at the top");
	CHECK_NUM(placed(&pg, 1, 0)->scale, 1, "at its full size");
	CHECK_NUM(placed(&pg, 1, 1)->y, 203, "the caption under it");
	CHECK(g_array_index(pg.starts, struct bp_pager_start, 1).at_node ==
	    19, "page 2 begins where its text does (for the page-list)");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* Little room left (30 < 3 lines): the figure just moves on. */
	bp_pager_init(&pg);
	f = bp_flow_new();
	lines_add(f, 16, 20, elem_add(f, BP_TAG_P, -1));
	figure_add(f, 200);
	lines_add(f, 4, 20, elem_add(f, BP_TAG_P, -1));
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	got = slices_on(&pg, 1);
	CHECK_STR(got, "16 17 18 19 20 21", "a small gap: no float");
	g_free(got);
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* Figures never overtake each other: the second waits too, though
	 * it would fit on page 1. */
	bp_pager_init(&pg);
	f = bp_flow_new();
	lines_add(f, 10, 20, elem_add(f, BP_TAG_P, -1));
	figure_add(f, 200);
	lines_add(f, 2, 20, elem_add(f, BP_TAG_P, -1));
	figure_add(f, 60);
	lines_add(f, 6, 20, elem_add(f, BP_TAG_P, -1));
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	got = slices_on(&pg, 0);
	CHECK_STR(got, "0 1 2 3 4 5 6 7 8 9 12 13 16 17 18 19 20",
	    "two figures wait while text fills page 1");
	g_free(got);
	got = slices_on(&pg, 1);
	CHECK_STR(got, "10 11 14 15 21", "page 2: both, in order, then text");
	g_free(got);
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* A float goes no further than its article's end: there, a page of
	 * its own, which begins where the figure does. */
	bp_pager_init(&pg);
	f = bp_flow_new();
	lines_add(f, 10, 20, elem_add(f, BP_TAG_P, -1));
	figure_add(f, 200);
	lines_add(f, 2, 20, elem_add(f, BP_TAG_P, -1));
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	got = slices_on(&pg, 1);
	CHECK_STR(got, "10 11", "the last figure: flushed at the end");
	g_free(got);
	CHECK(g_array_index(pg.starts, struct bp_pager_start, 1).at_node ==
	    10, "that page begins at the figure");
	bp_pager_clear(&pg);
	bp_flow_free(f);
}

static void
test_keep_rules(void)
{
	struct bp_lctx	 lc = { 0 };
	struct bp_pager	 pg;
	struct bp_flow	*f;
	struct bp_slice	*s;
	char		*got;
	int		 i, l, li, body;

	lc.body_h = 350;

	/* A heading (24) at 300 with a one-line paragraph fits, but not
	 * with the line after that: it goes over with two lines. */
	bp_pager_init(&pg);
	f = bp_flow_new();
	lines_add(f, 15, 20, elem_add(f, BP_TAG_P, -1));
	s = slice_add(f, 24, BP_BOX_LINE, elem_add(f, BP_TAG_H2, -1));
	s->keep_next = true;
	s->outline_level = 3;
	lines_add(f, 1, 14, elem_add(f, BP_TAG_P, -1));
	lines_add(f, 3, 14, elem_add(f, BP_TAG_P, -1));
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	CHECK(placed_on(&pg, 0) == 15 && placed(&pg, 1, 0)->slice == 15,
	    "a heading is never last on a page with one line after it");
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/* A thematic break that would end the page takes a line along. */
	bp_pager_init(&pg);
	f = bp_flow_new();
	lines_add(f, 17, 20, elem_add(f, BP_TAG_P, -1));
	slice_add(f, 10, BP_BOX_HRULE, -1);
	lines_add(f, 3, 20, elem_add(f, BP_TAG_P, -1));
	bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
	bp_pager_finish(&pg);
	got = slices_on(&pg, 1);
	CHECK_STR(got, "16 17 18 19 20", "a rule neither ends nor begins a "
	    "page");
	g_free(got);
	bp_pager_clear(&pg);
	bp_flow_free(f);

	/*
	 * A list of five one-line items after 260 of text: the last item
	 * alone at the top of page 2 would be a widow; after 320, the first
	 * alone at the foot an orphan.
	 */
	for (i = 0; i < 2; i++) {
		bp_pager_init(&pg);
		f = bp_flow_new();
		lines_add(f, i == 0 ? 13 : 16, 20,
		    elem_add(f, BP_TAG_P, -1));
		l = elem_add(f, BP_TAG_L, -1);
		for (int k = 0; k < 5; k++) {
			li = elem_add(f, BP_TAG_LI, l);
			body = elem_add(f, BP_TAG_LBODY, li);
			lines_add(f, 1, 20, elem_add(f, BP_TAG_P, body));
		}
		lines_add(f, 2, 20, elem_add(f, BP_TAG_P, -1));
		bp_paginate(&lc, &pg, f, BP_PAGE_ARTICLE, true);
		bp_pager_finish(&pg);
		if (i == 0)
			CHECK(placed(&pg, 1, 0)->slice == 16,
			    "a list's last line is never alone at a page's "
			    "top (page 2 starts at slice %u)",
			    placed(&pg, 1, 0)->slice);
		else
			CHECK(placed(&pg, 1, 0)->slice == 16,
			    "a list's first line is never alone at a page's "
			    "foot (page 2 starts at slice %u)",
			    placed(&pg, 1, 0)->slice);
		bp_pager_clear(&pg);
		bp_flow_free(f);
	}
}

/* A figure painted after the text that follows it (a float) still comes
 * before that text in the structure tree; notes stay where painted. */
static void
test_float_structure(void)
{
	struct bp_tagging	*t = bp_tagging_new();
	int			 sect, p1, fig, cap, p2, note;
	char			*dump;

	sect = bp_tagging_add(t, BP_TAG_SECT, -1);
	p1 = bp_tagging_add(t, BP_TAG_P, sect);
	fig = bp_tagging_add(t, BP_TAG_FIGURE, sect);
	cap = bp_tagging_add(t, BP_TAG_CAPTION, fig);
	p2 = bp_tagging_add(t, BP_TAG_P, sect);
	note = bp_tagging_add(t, BP_TAG_NOTE, sect);
	bp_tagging_mcid(t, p1, 1, 0);
	bp_tagging_mcid(t, p2, 1, 1);
	bp_tagging_mcid(t, note, 1, 2);
	bp_tagging_mcid(t, fig, 2, 0);
	bp_tagging_mcid(t, cap, 2, 1);
	dump = bp_tagging_dump(t);
	CHECK(strstr(dump, "kid 1 elem 2\nkid 2 mcid 1 0\nkid 1 elem 3\n"
	    "kid 1 elem 5\nkid 5 mcid 1 1\nkid 1 elem 6\n") != NULL &&
	    strstr(dump, "kid 3 mcid 2 0\nkid 3 elem 4\nkid 4 mcid 2 1\n") !=
	    NULL, "the Sect holds P, Figure, P, Note: source order");
	g_free(dump);
	bp_tagging_free(t);
}

int
main(void)
{
	test_pager();
	test_real_layout();
	test_footnotes();
	test_glyph_runs();
	test_line_places();
	test_floats();
	test_keep_rules();
	test_float_structure();
	return HARNESS_EXIT();
}
