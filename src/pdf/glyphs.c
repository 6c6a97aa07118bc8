/*
 * Shaped lines kept as glyph runs: made from a line of a PangoLayout
 * once layout is done (so the layout can go), drawn with pango_cairo.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/pdf.h"

#define PT(v) ((double)(v) / PANGO_SCALE)

static void run_attrs(const PangoItem *item, struct bp_grun *r);
static void add_links(struct bp_gline *gl, const struct bp_text *t,
    PangoLayoutLine *line);
static void drop_soft_hyphens(struct bp_gline *gl);
static bool empty(const PangoGlyphString *gs, int g, int e);
static void draw_part(cairo_t *cr, const struct bp_gline *gl,
    PangoItem *item, const struct bp_grun *r, int g0, int g1);
static void draw_runs(cairo_t *cr, const struct bp_gline *gl,
    PangoItem *item, double x, double y, struct bp_rgb color, int from,
    int to, bool glyphs, bool rules);

/* Foreground colour and strikethrough: the only attributes drawn. */
static void
run_attrs(const PangoItem *item, struct bp_grun *r)
{
	const PangoAttrColor	*c;
	const GSList		*a;
	const PangoAttribute	*attr;

	for (a = item->analysis.extra_attrs; a != NULL; a = a->next) {
		attr = a->data;
		if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
			c = (const PangoAttrColor *)attr;
			r->has_color = true;
			r->color.r = c->color.red / 65535.0;
			r->color.g = c->color.green / 65535.0;
			r->color.b = c->color.blue / 65535.0;
		} else if (attr->klass->type == PANGO_ATTR_STRIKETHROUGH &&
		    ((const PangoAttrInt *)attr)->value)
			r->strike = true;
	}
}

/* Link areas of the line: x ranges from the layout's left edge. */
static void
add_links(struct bp_gline *gl, const struct bp_text *t, PangoLayoutLine *line)
{
	const struct bp_link	*lk;
	struct bp_glink		 g;
	GArray			*out = g_array_new(FALSE, TRUE,
	    sizeof(struct bp_glink));
	int			*ranges = NULL, n, k, s, e;
	guint			 i;

	for (i = 0; i < t->links->len; i++) {
		lk = &g_array_index(t->links, struct bp_link, i);
		s = MAX(lk->start, line->start_index);
		e = MIN(lk->end, line->start_index + line->length);
		if (s >= e)
			continue;
		pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
		for (k = 0; k < n; k++) {
			memset(&g, 0, sizeof g);
			g.x = PT(ranges[2 * k]);
			g.w = PT(ranges[2 * k + 1] - ranges[2 * k]);
			g.first = k == 0;
			g.uri = g_strdup(lk->uri);
			g.article = lk->article;
			g.start = s - line->start_index;
			g.end = e - line->start_index;
			g.elem = lk->elem;
			g_array_append_val(out, g);
		}
		g_free(ranges);
		ranges = NULL;
	}
	gl->nlinks = out->len;
	gl->links = (struct bp_glink *)(void *)g_array_free(out, FALSE);
}

/* Are glyphs [g, e) all invisible and without width? */
static bool
empty(const PangoGlyphString *gs, int g, int e)
{
	for (; g < e; g++)
		if (gs->glyphs[g].glyph != PANGO_GLYPH_EMPTY ||
		    gs->glyphs[g].geometry.width != 0)
			return false;
	return true;
}

/*
 * Soft hyphens inside a line are empty glyphs: Cairo would write each one
 * as a marked-content span with ActualText (some 100,000 in a large
 * pack, a sixth of the painting time), and text extraction would carry
 * them into copied words. They go, with their bytes; the one ending a
 * hyphenated line is drawn as a hyphen and stays. Left-to-right runs
 * only, where clusters ascend.
 */
static void
drop_soft_hyphens(struct bp_gline *gl)
{
	struct bp_grun		*r;
	PangoGlyphString	*gs;
	guint8			*drop;
	int			*shift, i, g, e, j, k, start, end, off, dropped;
	char			*text;

	if (strstr(gl->text, "\xc2\xad") == NULL)
		return;
	drop = g_malloc0((gsize)gl->len + 1);
	for (i = 0; i < (int)gl->nruns; i++) {
		r = &gl->runs[i];
		gs = r->glyphs;
		if (r->level % 2 != 0)
			continue;
		/* Cluster by cluster: glyphs [g, e), bytes [start, end). */
		for (g = k = dropped = 0; g < gs->num_glyphs; g = e) {
			for (e = g + 1; e < gs->num_glyphs &&
			    gs->log_clusters[e] == gs->log_clusters[g]; e++)
				;
			start = r->offset + gs->log_clusters[g];
			end = e < gs->num_glyphs ? r->offset +
			    gs->log_clusters[e] : r->offset + r->length;
			if (end > gl->len || start >= end)
				end = start;
			if (end - start == 2 && memcmp(gl->text + start,
			    "\xc2\xad", 2) == 0 && empty(gs, g, e)) {
				/* A lone soft hyphen: glyphs and bytes go. */
				drop[start] = drop[start + 1] = 1;
				dropped++;
				continue;
			}
			/* One inside a ligature ("ef-fect"): its bytes go. */
			for (j = start; end < gl->len && end - start > 2 &&
			    j + 1 < end; j++)
				if (memcmp(gl->text + j, "\xc2\xad", 2) == 0) {
					drop[j] = drop[j + 1] = 1;
					dropped++;
				}
			for (; g < e; g++) {
				gs->glyphs[k] = gs->glyphs[g];
				gs->log_clusters[k++] = gs->log_clusters[g];
			}
		}
		gs->num_glyphs = k;
		r->nchars -= dropped;
	}
	/* Byte i of the old text is byte i - shift[i] of the new. */
	shift = g_new0(int, gl->len + 1);
	text = g_malloc((gsize)gl->len + 1);
	for (i = k = 0; i < gl->len; i++) {
		shift[i + 1] = shift[i] + drop[i];
		if (!drop[i])
			text[k++] = gl->text[i];
	}
	text[k] = '\0';
	for (i = 0; i < (int)gl->nruns; i++) {
		r = &gl->runs[i];
		off = r->offset - shift[r->offset];
		for (g = 0; g < r->glyphs->num_glyphs; g++) {
			start = r->offset + r->glyphs->log_clusters[g];
			r->glyphs->log_clusters[g] = start - shift[start] - off;
		}
		end = r->offset + r->length;
		r->length = end - shift[end] - off;
		r->offset = off;
	}
	for (i = 0; i < (int)gl->nlinks; i++) {
		gl->links[i].start -= shift[gl->links[i].start];
		gl->links[i].end -= shift[gl->links[i].end];
	}
	g_free(gl->text);
	gl->text = text;
	gl->len = k;
	g_free(shift);
	g_free(drop);
}

struct bp_gline *
bp_gline_new(const struct bp_text *t, int index)
{
	PangoLayoutLine		*line = pango_layout_get_line_readonly(t->layout,
	    index);
	const char		*text = pango_layout_get_text(t->layout);
	struct bp_gline		*gl = g_new0(struct bp_gline, 1);
	const PangoGlyphItem	*run;
	struct bp_grun		*r;
	PangoFontMetrics	*m;
	PangoRectangle		 ink, log;
	GSList			*l;
	int			 x = 0, w, g;
	guint			 n = 0;

	gl->len = line->length;
	gl->text = g_strndup(text + line->start_index, (gsize)line->length);
	for (l = line->runs; l != NULL; l = l->next)
		n++;
	gl->runs = g_new0(struct bp_grun, n);
	for (l = line->runs; l != NULL; l = l->next) {
		run = l->data;
		r = &gl->runs[gl->nruns++];
		r->font = g_object_ref(run->item->analysis.font);
		r->glyphs = pango_glyph_string_copy(run->glyphs);
		r->offset = run->item->offset - line->start_index;
		r->length = run->item->length;
		r->nchars = run->item->num_chars;
		r->level = run->item->analysis.level;
		r->x = x + run->start_x_offset;
		r->y = run->y_offset;
		/*
		 * Each glyph's offset takes the run's place on the line. A
		 * character no font has (bp_lay_check_glyphs warned) is left
		 * out, its place kept: Pango would draw a box of hex digits.
		 */
		for (g = 0; g < r->glyphs->num_glyphs; g++) {
			r->glyphs->glyphs[g].geometry.x_offset += r->x;
			r->glyphs->glyphs[g].geometry.y_offset -= r->y;
			if ((r->glyphs->glyphs[g].glyph &
			    PANGO_GLYPH_UNKNOWN_FLAG) != 0)
				r->glyphs->glyphs[g].glyph = PANGO_GLYPH_EMPTY;
		}
		run_attrs(run->item, r);
		w = pango_glyph_string_get_width(run->glyphs);
		if (r->strike) {
			/* Where Pango's renderer would strike it through. */
			pango_glyph_string_extents(run->glyphs,
			    run->item->analysis.font, &ink, &log);
			w = log.width;
			r->strike_x = ink.x;
			r->width = ink.width;
			m = pango_font_get_metrics(run->item->analysis.font,
			    run->item->analysis.language);
			r->strike_y = pango_font_metrics_get_strikethrough_position(m);
			r->strike_h = pango_font_metrics_get_strikethrough_thickness(m);
			pango_font_metrics_unref(m);
		}
		x += run->start_x_offset + w + run->end_x_offset;
	}
	/* Links first: their bytes move with the soft hyphens dropped. */
	if (t->links != NULL && t->links->len > 0)
		add_links(gl, t, (PangoLayoutLine *)line);
	drop_soft_hyphens(gl);
	return gl;
}

void
bp_gline_free(struct bp_gline *gl)
{
	guint	 i;

	if (gl == NULL)
		return;
	for (i = 0; i < gl->nruns; i++) {
		if (gl->runs[i].font != NULL)
			g_object_unref(gl->runs[i].font);
		pango_glyph_string_free(gl->runs[i].glyphs);
	}
	for (i = 0; i < gl->nlinks; i++)
		g_free(gl->links[i].uri);
	g_free(gl->runs);
	g_free(gl->links);
	g_free(gl->text);
	g_free(gl);
}

/*
 * Glyphs [g0, g1) of run r, where the whole run would put them: their
 * text is the bytes of their clusters (for the PDF's text), their
 * offsets moved by the width of the glyphs before them.
 */
static void
draw_part(cairo_t *cr, const struct bp_gline *gl, PangoItem *item,
    const struct bp_grun *r, int g0, int g1)
{
	const PangoGlyphString	*gs = r->glyphs;
	PangoGlyphString	*part = pango_glyph_string_new();
	PangoGlyphItem		 gi = { 0 };
	int			 g, wb = 0, b0 = r->length, b1 = r->length, top = -1;

	for (g = 0; g < g0; g++)
		wb += gs->glyphs[g].geometry.width;
	for (g = g0; g < g1; g++) {
		b0 = MIN(b0, gs->log_clusters[g]);
		top = MAX(top, gs->log_clusters[g]);
	}
	/* The clusters end where the next one (in the text) starts. */
	for (g = 0; g < gs->num_glyphs; g++)
		if (gs->log_clusters[g] > top && gs->log_clusters[g] < b1)
			b1 = gs->log_clusters[g];
	pango_glyph_string_set_size(part, g1 - g0);
	for (g = g0; g < g1; g++) {
		part->glyphs[g - g0] = gs->glyphs[g];
		part->glyphs[g - g0].geometry.x_offset += wb;
		part->log_clusters[g - g0] = gs->log_clusters[g] - b0;
	}
	item->offset = r->offset + b0;
	item->length = b1 - b0;
	item->num_chars = (int)g_utf8_strlen(gl->text + item->offset,
	    item->length);
	gi.item = item;
	gi.glyphs = part;
	pango_cairo_show_glyph_item(cr, gl->text, &gi);
	pango_glyph_string_free(part);
}

/*
 * The runs of gl, their glyphs whose text is in [from, to) (with
 * `glyphs`) and the strikethrough rules (with `rules`): struck runs in
 * a row share one rule, as in Pango, drawn in the colour of the run
 * that ends the row.
 */
static void
draw_runs(cairo_t *cr, const struct bp_gline *gl, PangoItem *item, double x,
    double y, struct bp_rgb color, int from, int to, bool glyphs, bool rules)
{
	const struct bp_grun	*r;
	PangoGlyphItem		 gi = { 0 };
	guint			 i;
	int			 sx = 0, sw = 0, sy = 0, sh = 0, sn = 0;
	int			 g, e, c, n;

	/*
	 * Cairo keeps the current point in 24.8 fixed point: it is set once
	 * a line, at its origin, as Pango's renderer does; the glyphs carry
	 * their run's offset from there.
	 */
	cairo_move_to(cr, x, y);
	cairo_get_current_point(cr, &x, &y);
	for (i = 0; i < gl->nruns; i++) {
		r = &gl->runs[i];
		if (r->has_color)
			cairo_set_source_rgb(cr, r->color.r, r->color.g,
			    r->color.b);
		else
			cairo_set_source_rgb(cr, color.r, color.g, color.b);
		/* A borrowed item: the font is not ours to release. */
		item->offset = r->offset;
		item->length = r->length;
		item->num_chars = r->nchars;
		item->analysis.font = r->font;
		item->analysis.level = (guint8)r->level;
		if (glyphs && from <= r->offset && r->offset + r->length <= to) {
			gi.item = item;
			gi.glyphs = r->glyphs;
			pango_cairo_show_glyph_item(cr, gl->text, &gi);
		} else if (glyphs) {
			/* Runs of glyphs whose text is in [from, to). */
			n = r->glyphs->num_glyphs;
			for (g = 0; g < n; g = e) {
				c = r->offset + r->glyphs->log_clusters[g];
				for (e = g + 1; e < n && (c >= from && c < to) ==
				    (r->offset + r->glyphs->log_clusters[e] >=
				    from && r->offset +
				    r->glyphs->log_clusters[e] < to); e++)
					;
				if (c >= from && c < to)
					draw_part(cr, gl, item, r, g, e);
			}
		}
		if (r->strike) {
			if (sn == 0)
				sx = r->x + r->strike_x;
			sw = r->x + r->strike_x + r->width - sx;
			sy += -r->y - r->strike_y;
			sh += r->strike_h;
			sn++;
		}
		if (sn > 0 && (!r->strike || i + 1 == gl->nruns)) {
			if (rules) {
				cairo_rectangle(cr, x + PT(sx), y + PT(sy / sn),
				    PT(sw), PT(sh / sn));
				cairo_fill(cr);
				cairo_move_to(cr, x, y);
			}
			sn = sy = sh = 0;
		}
	}
	item->analysis.font = NULL;
}

void
bp_gline_draw(cairo_t *cr, const struct bp_gline *gl, PangoItem *item,
    double x, double y, struct bp_rgb color)
{
	draw_runs(cr, gl, item, x, y, color, 0, G_MAXINT, /*glyphs*/true,
	    /*rules*/true);
}

void
bp_gline_draw_part(cairo_t *cr, const struct bp_gline *gl, PangoItem *item,
    double x, double y, struct bp_rgb color, int from, int to)
{
	draw_runs(cr, gl, item, x, y, color, from, to, /*glyphs*/true,
	    /*rules*/false);
}

bool
bp_gline_is_struck(const struct bp_gline *gl)
{
	guint	 i;

	for (i = 0; i < gl->nruns; i++)
		if (gl->runs[i].strike)
			return true;
	return false;
}

void
bp_gline_draw_rules(cairo_t *cr, const struct bp_gline *gl, PangoItem *item,
    double x, double y, struct bp_rgb color)
{
	draw_runs(cr, gl, item, x, y, color, 0, 0, /*glyphs*/false,
	    /*rules*/true);
}
