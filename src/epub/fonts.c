/*
 * The EPUB's fonts: the bundled files a style uses, read once per writer;
 * for each book, the faces its documents use, subset with HarfBuzz.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "epub/epub.h"

/* What the style sets a family for (css.c): body text, headings, code. */
enum font_role {
	ROLE_BODY,
	ROLE_HEADING,
	ROLE_MONO,
	ROLE__MAX
};

/* The faces looked for, indexed by (italic << 1 | bold). */
#define NFACES 4
static const struct {
	const char	*suffix;
	int		 weight;
	bool		 italic;
} faces[NFACES] = {
	{ "Regular", 400, false },
	{ "Bold", 700, false },
	{ "Italic", 400, true },
	{ "BoldItalic", 700, true },
};

/* One font file: its bytes (as an item of the bundle) and parsed face. */
struct font_file {
	struct bp_epub_item	*item;
	hb_face_t		*face;
};

struct family {
	const char		*name;      /* the style's */
	struct font_file	*files[NFACES];
};

struct bp_epub_fonts {
	struct family		 fam[ROLE__MAX];
	int			 nfam;
	int			 of_role[ROLE__MAX]; /* index in fam, or -1 */
};

/* What a run of text is drawn in, as the CSS says. */
struct ctx {
	unsigned char	 role;
	unsigned char	 face;      /* bit 0 bold, bit 1 italic */
	unsigned char	 skip;      /* not drawn: <head>, hidden */
	unsigned char	 toc_li;    /* depth of <li> in the contents */
	unsigned char	 in_toc;
};

/* The characters of one book, and the faces they are drawn in. */
struct usage {
	hb_set_t	*chars;
	bool		 used[ROLE__MAX][NFACES];
	GArray		*stack;     /* struct ctx */
};

static bool read_face(struct font_file *ff, const char *path,
    struct bp_diag *diag);
static void font_file_free(struct font_file *ff);
static bool has_class(const char **names, const char **values,
    const char *cls);
static const char *attr(const char **names, const char **values,
    const char *name);
static void add_text(struct usage *u, const struct ctx *c, const char *s,
    gsize len);
static void on_start(GMarkupParseContext *pc, const char *name,
    const char **names, const char **values, gpointer data, GError **err);
static void on_end(GMarkupParseContext *pc, const char *name, gpointer data,
    GError **err);
static void on_text(GMarkupParseContext *pc, const char *text, gsize len,
    gpointer data, GError **err);
static void scan_doc(struct usage *u, const char *doc, gssize len);
static void add_extras(hb_set_t *set);
static int pick_face(const struct family *f, int want);
static struct bp_epub_item *subset_face(const struct font_file *ff,
    const hb_set_t *chars, struct bp_diag *diag);

/* ------------------------------------------------------------------ */
/* The writer's fonts                                                  */

/* Read a font file and parse it; false after reporting. */
static bool
read_face(struct font_file *ff, const char *path, struct bp_diag *diag)
{
	hb_blob_t	*blob;
	char		*data = NULL;
	size_t		 len = 0;

	if (!bp_util_read_file(path, BP_MAX_INPUT_BYTES, diag, &data, &len))
		return false;
	ff->item->data = (unsigned char *)data;
	ff->item->len = len;
	/* The face reads the item's bytes, which live as long as it does. */
	blob = hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY,
	    NULL, NULL);
	ff->face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(ff->face) == 0) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "not a font HarfBuzz "
		    "can read");
		return false;
	}
	return true;
}

static void
font_file_free(struct font_file *ff)
{
	if (ff == NULL)
		return;
	hb_face_destroy(ff->face);
	bp_epub_item_free(ff->item);
	g_free(ff);
}

struct bp_epub_fonts *
bp_epub_fonts_new(const struct bp_style *st, const char *fonts_dir,
    struct bp_diag *diag)
{
	struct bp_epub_fonts	*fs = g_new0(struct bp_epub_fonts, 1);
	struct family		*fam;
	struct font_file	*ff;
	const char		*names[ROLE__MAX];
	GString			*stem = g_string_new(NULL);
	char			*file = NULL, *path = NULL;
	const char		*p;
	int			 r, j, f;
	bool			 ok = true;

	names[ROLE_BODY] = st->font_body;
	names[ROLE_HEADING] = st->font_heading;
	names[ROLE_MONO] = st->font_mono;
	for (r = 0; r < ROLE__MAX && ok; r++) {
		fs->of_role[r] = -1;
		if (names[r] == NULL || *names[r] == '\0')
			continue;
		/* A family two roles share is read once. */
		for (j = 0; j < fs->nfam; j++)
			if (strcmp(fs->fam[j].name, names[r]) == 0)
				fs->of_role[r] = j;
		if (fs->of_role[r] >= 0)
			continue;
		fam = &fs->fam[fs->nfam];
		fam->name = names[r];
		fs->of_role[r] = fs->nfam++;
		/* "Noto Sans Mono" is fonts/NotoSansMono-Regular.ttf, ... */
		g_string_truncate(stem, 0);
		for (p = names[r]; *p != '\0'; p++)
			if (g_ascii_isalnum(*p))
				g_string_append_c(stem, *p);
		for (f = 0; f < NFACES && ok && stem->len > 0; f++) {
			file = g_strdup_printf("%s-%s.ttf", stem->str,
			    faces[f].suffix);
			path = g_build_filename(fonts_dir, file, NULL);
			if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
				ff = g_new0(struct font_file, 1);
				ff->item = g_new0(struct bp_epub_item, 1);
				ff->item->href = g_strconcat("fonts/", file, NULL);
				ff->item->media_type = "font/ttf";
				ff->item->family = fam->name;
				ff->item->weight = faces[f].weight;
				ff->item->italic = faces[f].italic;
				fam->files[f] = ff;
				ok = read_face(ff, path, diag);
			}
			g_free(file);
			g_free(path);
			file = path = NULL;
		}
	}
	g_string_free(stem, TRUE);
	if (!ok) {
		bp_epub_fonts_free(fs);
		fs = NULL;
	}
	return fs;
}

void
bp_epub_fonts_free(struct bp_epub_fonts *fs)
{
	int	 j, f;

	if (fs == NULL)
		return;
	for (j = 0; j < fs->nfam; j++)
		for (f = 0; f < NFACES; f++)
			font_file_free(fs->fam[j].files[f]);
	g_free(fs);
}

/* ------------------------------------------------------------------ */
/* Which characters each face draws                                    */

static const char *
attr(const char **names, const char **values, const char *name)
{
	int	 i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return values[i];
	return NULL;
}

/* class="a b c" holds cls. */
static bool
has_class(const char **names, const char **values, const char *cls)
{
	const char	*v = attr(names, values, "class"), *p;
	size_t		 n = strlen(cls);

	for (p = v; p != NULL && (p = strstr(p, cls)) != NULL; p += n)
		if ((p == v || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

static void
add_text(struct usage *u, const struct ctx *c, const char *s, gsize len)
{
	const char	*end = s + len;
	bool		 ink = false;
	gunichar	 ch;

	if (c->skip)
		return;
	for (; s < end; s = g_utf8_next_char(s)) {
		ch = g_utf8_get_char(s);
		hb_set_add(u->chars, ch);
		if (!g_unichar_isspace(ch))
			ink = true;
	}
	/* White space alone draws nothing: it picks no face. */
	if (ink)
		u->used[c->role][c->face] = true;
}

/*
 * An element's own rules, as css.c writes them: which family (body,
 * heading, mono) and which face (bold, italic) its text is drawn in.
 */
static void
on_start(GMarkupParseContext *pc, const char *name, const char **names,
    const char **values, gpointer data, GError **err)
{
	static const char *const heading_cls[] = {
		"subtitle", "byline", "source", "cover-subtitle", "cover-date",
		"cover-count",
	};
	static const char *const strong_cls[] = {
		"marking", "abstract-label", "organisation",
	};
	struct usage	*u = data;
	struct ctx	 c = g_array_index(u->stack, struct ctx, u->stack->len - 1);
	const char	*alt, *id;
	size_t		 i;

	(void)pc;
	(void)err;
	/* The <head>'s title and hidden landmarks are not drawn. */
	if (strcmp(name, "head") == 0 || attr(names, values, "hidden") != NULL)
		c.skip = 1;
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0') {
		c.role = ROLE_HEADING;
		c.face |= 1;
		if (name[1] == '6')
			c.face |= 2;
	}
	for (i = 0; i < G_N_ELEMENTS(heading_cls); i++)
		if (has_class(names, values, heading_cls[i]))
			c.role = ROLE_HEADING;
	for (i = 0; i < G_N_ELEMENTS(strong_cls); i++)
		if (has_class(names, values, strong_cls[i])) {
			c.role = ROLE_HEADING;
			c.face |= 1;
		}
	if (strcmp(name, "code") == 0 || strcmp(name, "pre") == 0)
		c.role = ROLE_MONO;
	if (strcmp(name, "strong") == 0 || strcmp(name, "b") == 0 ||
	    strcmp(name, "th") == 0)
		c.face |= 1;
	if (strcmp(name, "em") == 0 || strcmp(name, "i") == 0 ||
	    strcmp(name, "figcaption") == 0 ||
	    has_class(names, values, "placeholder"))
		c.face |= 2;
	/* The contents: entries of articles bold, their headings not. */
	if (strcmp(name, "nav") == 0 && (id = attr(names, values, "id")) !=
	    NULL && strcmp(id, "toc") == 0)
		c.in_toc = 1;
	if (c.in_toc && strcmp(name, "li") == 0 && c.toc_li < 255) {
		c.toc_li++;
		c.face = (unsigned char)((c.face & ~1) | (c.toc_li == 1));
	}
	/* Alt text is drawn where an image cannot be. */
	if (strcmp(name, "img") == 0 && (alt = attr(names, values, "alt")) !=
	    NULL)
		add_text(u, &c, alt, strlen(alt));
	g_array_append_val(u->stack, c);
}

static void
on_end(GMarkupParseContext *pc, const char *name, gpointer data, GError **err)
{
	struct usage	*u = data;

	(void)pc;
	(void)name;
	(void)err;
	if (u->stack->len > 1)
		g_array_set_size(u->stack, u->stack->len - 1);
}

static void
on_text(GMarkupParseContext *pc, const char *text, gsize len, gpointer data,
    GError **err)
{
	struct usage	*u = data;

	(void)pc;
	(void)err;
	add_text(u, &g_array_index(u->stack, struct ctx, u->stack->len - 1),
	    text, len);
}

/*
 * One XHTML document's text into u. Our own documents are well-formed;
 * should one not parse, all its characters count, in every family.
 */
static void
scan_doc(struct usage *u, const char *doc, gssize len)
{
	static const GMarkupParser parser = {
		on_start, on_end, on_text, NULL, NULL,
	};
	GMarkupParseContext	*pc;
	struct ctx		 top = { ROLE_BODY, 0, 0, 0, 0 };
	int			 r;

	g_array_set_size(u->stack, 0);
	g_array_append_val(u->stack, top);
	pc = g_markup_parse_context_new(&parser, 0, u, NULL);
	if (!g_markup_parse_context_parse(pc, doc, len, NULL) ||
	    !g_markup_parse_context_end_parse(pc, NULL))
		for (r = 0; r < ROLE__MAX; r++) {
			top.role = (unsigned char)r;
			add_text(u, &top, doc, len < 0 ? strlen(doc) :
			    (gsize)len);
		}
	g_markup_parse_context_free(pc);
}

/*
 * What CSS and reading systems draw beyond the text: ASCII (list numbers,
 * a reader's own page numbers), no-break and soft hyphen, hyphens that
 * hyphenation adds, dashes, quotes, ellipsis, and the bullets of nested
 * lists.
 */
static void
add_extras(hb_set_t *set)
{
	static const hb_codepoint_t more[] = {
		0x00a0, 0x00ad, 0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019,
		0x201c, 0x201d, 0x2022, 0x2026, 0x25aa, 0x25e6,
	};
	size_t	 i;

	hb_set_add_range(set, 0x20, 0x7e);
	for (i = 0; i < G_N_ELEMENTS(more); i++)
		hb_set_add(set, more[i]);
}

/* ------------------------------------------------------------------ */
/* Subsets                                                             */

/*
 * The file a reader uses for face `want` (bit 0 bold, bit 1 italic) of
 * family f, as CSS font matching picks it: the style first, then the
 * weight. -1 when the family has no file at all.
 */
static int
pick_face(const struct family *f, int want)
{
	const int	 order[NFACES] = { want, want ^ 1, want ^ 2, want ^ 3 };
	int		 k;

	for (k = 0; k < NFACES; k++)
		if (f->files[order[k]] != NULL)
			return order[k];
	return -1;
}

/*
 * A new item holding ff's face subset to chars (the glyphs that draw
 * them, and those its substitutions reach), with the copyright and the
 * licence kept in its name table, as the OFL asks of every copy.
 */
static struct bp_epub_item *
subset_face(const struct font_file *ff, const hb_set_t *chars,
    struct bp_diag *diag)
{
	const struct bp_epub_item	*src = ff->item;
	struct bp_epub_item		*it = g_new0(struct bp_epub_item, 1);
	hb_subset_input_t		*in = hb_subset_input_create_or_fail();
	hb_face_t			*sub = NULL;
	hb_blob_t			*blob = NULL;
	hb_set_t			*ids;
	const char			*data;
	unsigned			 len = 0;

	it->href = g_strdup(src->href);
	it->media_type = src->media_type;
	it->family = src->family;
	it->weight = src->weight;
	it->italic = src->italic;
	if (in != NULL) {
		hb_set_union(hb_subset_input_unicode_set(in), chars);
		ids = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
		hb_set_add_range(ids, 0, 6);
		hb_set_add_range(ids, 13, 14);  /* licence, its address */
		sub = hb_subset_or_fail(ff->face, in);
	}
	if (sub != NULL) {
		blob = hb_face_reference_blob(sub);
		data = hb_blob_get_data(blob, &len);
		if (len > 0)
			it->data = g_memdup2(data, len);
	}
	if (it->data != NULL)
		it->len = len;
	else {
		bp_diag_at(diag, NULL, BP_NOTE, 0, 0, "font %s could not be "
		    "subset; the EPUB holds all of it", src->href);
		it->data = g_memdup2(src->data, src->len);
		it->len = src->len;
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return it;
}

void
bp_epub_fonts_subset(const struct bp_epub_fonts *fs, struct bp_book *book,
    const char *const *extra, size_t n)
{
	const struct bp_epub_item	*doc;
	struct bp_epub_item		*it;
	struct usage			 u;
	bool				 keep[NFACES];
	guint				 i;
	int				 r, j, f, k;

	if (fs == NULL || fs->nfam == 0)
		return;     /* the style embeds no fonts */
	memset(&u, 0, sizeof u);
	u.chars = hb_set_create();
	u.stack = g_array_new(FALSE, FALSE, sizeof(struct ctx));
	for (i = 0; i < book->docs->len; i++) {
		doc = g_ptr_array_index(book->docs, i);
		scan_doc(&u, (const char *)doc->data, (gssize)doc->len);
	}
	for (i = 0; i < n; i++)
		scan_doc(&u, extra[i], -1);
	add_extras(u.chars);

	/*
	 * Each family: every face its text is drawn in (or the file a reader
	 * would use for it), each subset to every character of the book, so
	 * a rule that puts text in another family or face never loses a
	 * glyph.
	 */
	for (j = 0; j < fs->nfam; j++) {
		memset(keep, 0, sizeof keep);
		for (r = 0; r < ROLE__MAX; r++)
			for (f = 0; f < NFACES; f++)
				if (fs->of_role[r] == j && u.used[r][f] &&
				    (k = pick_face(&fs->fam[j], f)) >= 0)
					keep[k] = true;
		for (f = 0; f < NFACES; f++) {
			if (!keep[f])
				continue;
			it = subset_face(fs->fam[j].files[f], u.chars,
			    book->diag);
			it->id = g_strdup_printf("font%u", book->fonts->len + 1);
			g_ptr_array_add(book->fonts, it);
		}
	}
	hb_set_destroy(u.chars);
	g_array_free(u.stack, TRUE);
}
