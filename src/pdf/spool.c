/*
 * The page spool: closed pages written to an unlinked temporary file
 * and read back one at a time for painting, so that a pack's memory
 * does not grow with its page count.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pdf/pdf.h"

struct bp_spool {
	FILE		*fp;
	GByteArray	*buf;      /* a page, as written */
	GHashTable	*fonts;    /* PangoFont * -> itself, referenced */
	gsize		 pos;      /* read cursor in buf */
	guint64		 written;  /* bytes in the file */
	bool		 bad;      /* a read ran past the record */
};

static void put(struct bp_spool *sp, const void *p, gsize n);
static void put_str(struct bp_spool *sp, const char *s);
static void put_gline(struct bp_spool *sp, const struct bp_gline *gl,
    int base);
static void get(struct bp_spool *sp, void *p, gsize n);
static char *get_str(struct bp_spool *sp);
static struct bp_gline *get_gline(struct bp_spool *sp);

struct bp_spool *
bp_spool_new(void)
{
	struct bp_spool	*sp;
	GError		*err = NULL;
	char		*name = NULL;
	int		 fd;

	if ((fd = g_file_open_tmp("briefpack-XXXXXX", &name, &err)) < 0) {
		errno = err->domain == G_FILE_ERROR ? EACCES : EIO;
		g_error_free(err);
		return NULL;
	}
	unlink(name);
	g_free(name);
	sp = g_new0(struct bp_spool, 1);
	if ((sp->fp = fdopen(fd, "w+b")) == NULL) {
		close(fd);
		g_free(sp);
		return NULL;
	}
	sp->buf = g_byte_array_new();
	sp->fonts = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    g_object_unref, NULL);
	return sp;
}

void
bp_spool_free(struct bp_spool *sp)
{
	if (sp == NULL)
		return;
	fclose(sp->fp);
	g_byte_array_free(sp->buf, TRUE);
	g_hash_table_destroy(sp->fonts);
	g_free(sp);
}

static void
put(struct bp_spool *sp, const void *p, gsize n)
{
	g_byte_array_append(sp->buf, p, (guint)n);
}

static void
put_str(struct bp_spool *sp, const char *s)
{
	gint64	 n = s != NULL ? (gint64)strlen(s) : -1;

	put(sp, &n, sizeof n);
	if (n > 0)
		put(sp, s, (gsize)n);
}

static void
put_gline(struct bp_spool *sp, const struct bp_gline *gl, int base)
{
	const struct bp_grun	*r;
	struct bp_glink		 lk;
	guint			 i;

	put(sp, gl, sizeof *gl);
	put(sp, gl->text, (gsize)gl->len);
	for (i = 0; i < gl->nruns; i++) {
		r = &gl->runs[i];
		if (!g_hash_table_contains(sp->fonts, r->font))
			g_hash_table_add(sp->fonts, g_object_ref(r->font));
		put(sp, r, sizeof *r);
		put(sp, &r->glyphs->num_glyphs, sizeof(int));
		put(sp, r->glyphs->glyphs, sizeof(PangoGlyphInfo) *
		    (gsize)r->glyphs->num_glyphs);
		put(sp, r->glyphs->log_clusters, sizeof(int) *
		    (gsize)r->glyphs->num_glyphs);
	}
	for (i = 0; i < gl->nlinks; i++) {
		lk = gl->links[i];
		if (lk.elem >= 0)
			lk.elem += base;
		put(sp, &lk, sizeof lk);
		put_str(sp, gl->links[i].uri);
	}
}

/*
 * One record a page: its length, then the page, each placed slice with
 * its boxes, each line box followed by its glyph runs. Not compressed:
 * even zlib's fastest level cost an eighth of the whole run. Structure
 * elements become the document's (the flow's base added): the flow is
 * gone by the time the page is painted.
 */
bool
bp_spool_put(struct bp_spool *sp, const struct bp_page *pg)
{
	const struct bp_placed	*pl;
	const struct bp_slice	*s;
	struct bp_box		 b;
	guint64			 len;
	guint			 i, k;

	g_byte_array_set_size(sp->buf, 0);
	put(sp, pg, sizeof *pg);
	put(sp, &pg->placed->len, sizeof(guint));
	for (i = 0; i < pg->placed->len; i++) {
		pl = &g_array_index(pg->placed, struct bp_placed, i);
		s = &g_array_index(pl->flow->slices, struct bp_slice, pl->slice);
		put(sp, pl, sizeof *pl);
		put(sp, s, sizeof *s);
		put_str(sp, s->outline_title);
		for (k = s->first_box; k < s->first_box + s->nboxes; k++) {
			b = g_array_index(pl->flow->boxes, struct bp_box, k);
			if (b.elem >= 0)
				b.elem += pl->flow->elem_base;
			put(sp, &b, sizeof b);
			if (b.gline != NULL)
				put_gline(sp, b.gline, pl->flow->elem_base);
		}
	}
	len = sp->buf->len;
	sp->written += sizeof len + len;
	return fwrite(&len, sizeof len, 1, sp->fp) == 1 &&
	    fwrite(sp->buf->data, 1, sp->buf->len, sp->fp) == sp->buf->len;
}

guint64
bp_spool_size(const struct bp_spool *sp)
{
	return sp->written;
}

bool
bp_spool_rewind(struct bp_spool *sp)
{
	return fflush(sp->fp) == 0 && fseek(sp->fp, 0, SEEK_SET) == 0;
}

static void
get(struct bp_spool *sp, void *p, gsize n)
{
	/* An empty array may have no storage at all (p NULL). */
	if (n == 0)
		return;
	if (sp->bad || n > sp->buf->len - sp->pos) {
		sp->bad = true;
		memset(p, 0, n);
		return;
	}
	memcpy(p, sp->buf->data + sp->pos, n);
	sp->pos += n;
}

static char *
get_str(struct bp_spool *sp)
{
	gint64	 n = -1;
	char	*s;

	get(sp, &n, sizeof n);
	if (n < 0 || (guint64)n > sp->buf->len)
		return NULL;
	s = g_malloc((gsize)n + 1);
	get(sp, s, (gsize)n);
	s[n] = '\0';
	return s;
}

static struct bp_gline *
get_gline(struct bp_spool *sp)
{
	struct bp_gline	*gl = g_new0(struct bp_gline, 1);
	struct bp_grun	*r;
	guint		 i;
	int		 n;

	get(sp, gl, sizeof *gl);
	if (sp->bad || gl->len < 0 || (gsize)gl->len > sp->buf->len ||
	    gl->nruns > sp->buf->len || gl->nlinks > sp->buf->len) {
		sp->bad = true;
		memset(gl, 0, sizeof *gl);
		gl->text = g_strdup("");
		return gl;
	}
	gl->text = g_malloc((gsize)gl->len + 1);
	get(sp, gl->text, (gsize)gl->len);
	gl->text[gl->len] = '\0';
	gl->runs = g_new0(struct bp_grun, gl->nruns);
	for (i = 0; i < gl->nruns; i++) {
		r = &gl->runs[i];
		get(sp, r, sizeof *r);
		if (r->font != NULL)
			g_object_ref(r->font);
		n = 0;
		get(sp, &n, sizeof n);
		if (n < 0 || (gsize)n > sp->buf->len)
			n = 0;
		r->glyphs = pango_glyph_string_new();
		pango_glyph_string_set_size(r->glyphs, n);
		get(sp, r->glyphs->glyphs, sizeof(PangoGlyphInfo) * (gsize)n);
		get(sp, r->glyphs->log_clusters, sizeof(int) * (gsize)n);
	}
	gl->links = g_new0(struct bp_glink, gl->nlinks);
	for (i = 0; i < gl->nlinks; i++) {
		get(sp, &gl->links[i], sizeof gl->links[i]);
		gl->links[i].uri = get_str(sp);
	}
	return gl;
}

struct bp_page *
bp_spool_get(struct bp_spool *sp)
{
	struct bp_page	*pg;
	struct bp_flow	*f;
	struct bp_placed pl;
	struct bp_slice	 s;
	struct bp_box	 b;
	guint64		 len = 0;
	guint		 n = 0, i, k, nb;
	char		*title;

	if (fread(&len, sizeof len, 1, sp->fp) != 1) {
		errno = ferror(sp->fp) ? EIO : 0;
		return NULL;
	}
	if (len > G_MAXUINT) {
		errno = EINVAL;
		return NULL;
	}
	g_byte_array_set_size(sp->buf, (guint)len);
	if (fread(sp->buf->data, 1, len, sp->fp) != len) {
		errno = EIO;
		return NULL;
	}
	sp->pos = 0;
	sp->bad = false;
	pg = g_new0(struct bp_page, 1);
	get(sp, pg, sizeof *pg);
	pg->placed = g_array_new(FALSE, FALSE, sizeof(struct bp_placed));
	pg->own = f = bp_flow_new();
	get(sp, &n, sizeof n);
	for (i = 0; i < n && !sp->bad; i++) {
		get(sp, &pl, sizeof pl);
		get(sp, &s, sizeof s);
		title = get_str(sp);
		if (title != NULL)
			g_ptr_array_add(f->strings, title);
		s.outline_title = title;
		nb = s.nboxes;
		s.first_box = f->boxes->len;
		s.nrefs = 0;
		s.node = NULL;
		for (k = 0; k < nb && !sp->bad; k++) {
			get(sp, &b, sizeof b);
			b.text = NULL;
			b.node = NULL;
			if (b.gline != NULL) {
				b.gline = get_gline(sp);
				g_ptr_array_add(f->glines, b.gline);
			}
			g_array_append_val(f->boxes, b);
		}
		s.nboxes = f->boxes->len - s.first_box;
		pl.flow = f;
		pl.slice = f->slices->len;
		g_array_append_val(f->slices, s);
		g_array_append_val(pg->placed, pl);
	}
	if (sp->bad) {
		bp_page_free(pg);
		errno = EINVAL;
		return NULL;
	}
	return pg;
}
