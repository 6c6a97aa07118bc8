/*
 * Figures: an image scaled to the column and the page, or a placeholder
 * frame when it cannot be used, and its caption with the notes it cites.
 * SPDX-License-Identifier: MIT
 */
#include "pdf/layout.h"

static void lay_placeholder(struct lay *l, const struct bp_node *img,
    const char *why, int figure);
static void lay_picture(struct lay *l, const struct bp_node *img,
    struct bp_pimage *pi);
static void lay_caption(struct lay *l, const struct bp_node *img,
    const char *alt, bool cites);
static bool alt_cites(const struct bp_node *img);
static bool blank(const char *s);
static void warn_no_alt(struct lay *l, const struct bp_node *img);
static void lay_caption_notes(struct lay *l, const struct bp_node *img,
    const char *caption, const struct tstyle *ts);

/*
 * A figure: scaled to the column and the page, never past 150 dpi. Its
 * Figure element holds the image (alt text: the image's description)
 * and the caption. Without alt text the PDF cannot be PDF/A-2a or
 * PDF/UA-1, which the finishing step then does not claim.
 */
void
bp_lay_image(struct lay *l, const struct bp_node *img)
{
	struct bp_pimage	*pi;
	char			*why = NULL, *alt = NULL;
	bool			 cites = alt_cites(img);
	int			 outer;

	pi = bp_pimage_get(l->lc->images, img->u.link.image, &why);
	alt = bp_node_plain_text(img);
	bp_lay_want_space(l, l->st->para_space);
	outer = bp_lay_enter(l, BP_TAG_FIGURE);
	if (pi == NULL)
		lay_placeholder(l, img, why, l->elem);
	else {
		if (!blank(alt))
			bp_lay_set_alt(l, l->elem, alt);
		else
			warn_no_alt(l, img);
		lay_picture(l, img, pi);
	}
	lay_caption(l, img, alt, cites);
	l->elem = outer;
	bp_lay_want_space(l, l->st->para_space);
	g_free(why);
	g_free(alt);
}

/*
 * An image that cannot be used: a frame with a message (why) in it,
 * the message's lines centred in the frame, which grows to hold them.
 */
static void
lay_placeholder(struct lay *l, const struct bp_node *img, const char *why,
    int figure)
{
	struct bp_lctx		*lc = l->lc;
	struct tstyle		 ts = bp_lay_body_style(l);
	struct bp_slice		*s, *ks;
	struct bp_box		*b;
	char			*msg = NULL;
	double			 total = 0;
	guint			 before, k;

	/* Problems found while loading were reported then. */
	if (img->u.link.image != NULL && img->u.link.image->data != NULL)
		bp_diag_at(lc->diag, l->art != NULL ? l->art->path : NULL,
		    BP_WARNING, img->line, img->col, "image \"%s\" %s",
		    img->u.link.url, why);
	lc->placeholders++;
	s = bp_lay_slice_new(l, l->size * 5);
	s->node = img;
	bp_lay_attach_marker(l, l->size);
	b = bp_lay_box_add(l, BP_BOX_FRAME);
	b->x = l->indent;
	b->w = l->width;
	b->h = l->size * 5;
	b->color = l->st->color_rule;
	b->node = img;
	ts.align = PANGO_ALIGN_CENTER;
	ts.justify = false;
	ts.size = l->st->size_small;
	ts.style = PANGO_STYLE_ITALIC;
	msg = g_strdup_printf("%s: %s", bp_l10n_word(lc->lang,
	    BP_W_IMAGE_MISSING), img->u.link.url);
	/* The Figure shows the message: that is its alt text. */
	bp_lay_set_alt(l, figure, msg);

	/* Draw the message inside the frame: pull it up over it. */
	l->space = 0;
	before = l->flow->slices->len;
	bp_lay_plain(l, msg, &ts, /*keep_all*/true, img, NULL);
	for (k = before; k < l->flow->slices->len; k++)
		total += g_array_index(l->flow->slices, struct bp_slice, k).h;
	/* Centre the lines in the frame, or grow the frame. */
	s = &g_array_index(l->flow->slices, struct bp_slice, before - 1);
	if (total + 8 > s->h) {
		s->h = total + 8;
		g_array_index(l->flow->boxes, struct bp_box,
		    s->first_box + s->nboxes - 1).h = s->h;
	}
	s->keep_next = true;
	for (k = before; k < l->flow->slices->len; k++) {
		ks = &g_array_index(l->flow->slices, struct bp_slice, k);
		if (k == before)
			ks->space_before = -(s->h + total) / 2;
		ks->keep_next = k + 1 < l->flow->slices->len;
	}

	/* What follows starts below the frame again. */
	l->space = 0;
	bp_lay_want_space(l, 0);
	s = bp_lay_slice_new(l, (s->h - total) / 2);
	s->node = img;
	g_free(msg);
}

/*
 * The image at its natural size, or smaller to fit the column and
 * three quarters of the page; the paginator may shrink it to 60% of that.
 */
static void
lay_picture(struct lay *l, const struct bp_node *img, struct bp_pimage *pi)
{
	struct bp_slice	*s;
	struct bp_box	*b;
	double		 w, h, maxh = l->lc->body_h * 0.75;

	w = pi->w;
	h = pi->h;
	if (w > l->width) {
		h *= l->width / w;
		w = l->width;
	}
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	s = bp_lay_slice_new(l, h);
	s->node = img;
	s->min_h = h * 0.6;
	bp_lay_attach_marker(l, l->size);
	b = bp_lay_box_add(l, BP_BOX_IMAGE);
	b->x = l->indent + (l->width - w) / 2;
	b->w = w;
	b->h = h;
	b->image = pi;
	b->node = img;
	b->elem = l->elem;
}

/*
 * The caption under a figure, kept with it: the image's title, else its
 * alt text (alt), followed by the numbers of the notes the alt text
 * cites (when cites).
 */
static void
lay_caption(struct lay *l, const struct bp_node *img, const char *alt,
    bool cites)
{
	struct tstyle	 ts;
	const char	*caption;
	int		 outer;

	caption = img->u.link.title != NULL && *img->u.link.title != '\0' ?
	    img->u.link.title : alt;
	if ((caption != NULL && *caption != '\0') || cites) {
		g_array_index(l->flow->slices, struct bp_slice,
		    l->flow->slices->len - 1).keep_next = true;
		ts = bp_lay_body_style(l);
		ts.size = l->st->size_small;
		ts.style = PANGO_STYLE_ITALIC;
		ts.align = PANGO_ALIGN_CENTER;
		ts.justify = false;
		bp_lay_want_space(l, 3);
		outer = bp_lay_enter(l, BP_TAG_CAPTION);
		if (cites)
			lay_caption_notes(l, img, caption, &ts);
		else
			bp_lay_plain(l, caption, &ts, /*keep_all*/true, img, NULL);
		l->elem = outer;
	}
}

static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!g_ascii_isspace(*s))
			return false;
	return true;
}

/* Alt text is what PDF/A-2a and PDF/UA-1 need of a figure. */
static void
warn_no_alt(struct lay *l, const struct bp_node *img)
{
	unsigned	 std = l->lc->standard;
	const char	*claim;

	if ((std & BP_PDF_STD_A2A) != 0)
		claim = (std & BP_PDF_STD_UA1) != 0 ? "is claimed as PDF/A-2b, "
		    "not PDF/A-2a and PDF/UA-1" : "is claimed as PDF/A-2b, "
		    "not PDF/A-2a";
	else if ((std & BP_PDF_STD_UA1) != 0)
		claim = "does not claim PDF/UA-1";
	else
		return;
	bp_diag_at(l->lc->diag, l->art != NULL ? l->art->path : NULL,
	    BP_WARNING, img->line, img->col, "image \"%s\" has no alt text "
	    "(the words between the brackets of ![...]); the PDF %s",
	    img->u.link.url, claim);
}

/* Whether img's alt text cites a note. */
static bool
alt_cites(const struct bp_node *img)
{
	struct bp_iter	 it;
	bool		 found = false;

	bp_iter_init(&it, img);
	while (!found && bp_iter_next(&it) != BP_EVENT_DONE)
		found = it.depth > 0 && it.node->type == BP_NODE_FOOTNOTE_REF;
	return found;
}

/*
 * A caption followed by the numbers of the notes img's alt text cites
 * (the caption is plain text, or the title): they tie the notes to this
 * page, as the EPUB's <figcaption> does.
 */
static void
lay_caption_notes(struct lay *l, const struct bp_node *img,
    const char *caption, const struct tstyle *ts)
{
	GString			*s = g_string_new(caption);
	PangoAttrList		*attrs = pango_attr_list_new();
	GArray			*refs = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_noteref));
	struct bp_iter		 it;
	struct bp_text		*t;

	bp_lay_break_long_runs(s, 0, LONG_RUN, LONG_RUN / 3);
	/* The alt text's note references, in order, each on its own. */
	bp_iter_init(&it, img);
	while (bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.depth > 0 && it.node->type == BP_NODE_FOOTNOTE_REF)
			bp_lay_build_inlines(l, it.node, it.node->next, s,
			    attrs, NULL, refs);
	t = bp_lay_text_new(l, s->str, (int)s->len, attrs, ts, l->width);
	g_array_free(t->noterefs, TRUE);
	t->noterefs = refs;
	bp_lay_emit_lines(l, t, ts, l->indent, /*keep_all*/true, img);
	g_string_free(s, TRUE);
}
