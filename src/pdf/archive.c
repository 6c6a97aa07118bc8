/*
 * The finishing step: Cairo's PDF read back with libqpdf and made into
 * PDF/A-2 and PDF/UA-1 (ISO 19005-2, ISO 14289-1): catalog, metadata,
 * output intent, artifacts in the page content (content.c), the
 * structure tree (stree.c), a deterministic ID; pages, annotations,
 * fonts and images in objects.c.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pdf/archive.h"

/* Pages handed out to the marking threads. */
struct workers {
	struct page_job		*jobs;
	gint			 n, next;
};

/* One page's content stream, marked on a worker thread. */
struct page_job {
	unsigned char		*data;      /* from qpdf (malloc'd) */
	size_t			 len;
	bool			 deflated;  /* data is Flate-encoded */
	bool			 have;      /* the page had content to mark */
	qpdf_oh			 stream;    /* where the result goes */
	bool			 replace;   /* /Contents was an array */
	GByteArray		*out;       /* Flate-encoded result */
	struct bp_content_marks	 marks;
	const char		*why;
	bool			 ok;
};

static void trace(const struct bp_archive *a, const char *step);
static bool qpdf_failed(struct bp_archive *a, const char *what);
static void report_warnings(struct bp_archive *a);
static bool inflate_all(const unsigned char *in, size_t len, GByteArray *out);
static bool deflate_all(const guint8 *in, size_t len, GByteArray *out);
static void run_job(struct page_job *j);
static gpointer page_worker(gpointer data);
static bool read_content(struct bp_archive *a, int p, struct page_job *j);
static bool start_marking(struct bp_archive *a);
static bool end_marking(struct bp_archive *a);
static void free_marking(struct bp_archive *a);
static unsigned decide_claim(struct bp_archive *a, bool *tree);
static void set_output_intent(struct bp_archive *a);
static void set_metadata(struct bp_archive *a, unsigned claimed);
static void set_catalog(struct bp_archive *a, bool tree);
static bool write_file(struct bp_archive *a);
static void free_qpdf(gpointer data);

/* Developer tracing: each step's end, in seconds from the start. */
static void
trace(const struct bp_archive *a, const char *step)
{
	char	*status = NULL, *rss, *nl;

	if (!a->trace)
		return;
	/* Linux only: the resident set now, for the memory each step holds. */
	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (rss = strstr(status, "VmRSS:")) != NULL) {
		if ((nl = strchr(rss, '\n')) != NULL)
			*nl = '\0';
	} else {
		rss = NULL;
	}
	fprintf(stderr, "archive: %s done at %.3f s %s\n", step,
	    (double)(g_get_monotonic_time() - a->t0) / G_USEC_PER_SEC, rss != NULL ? rss : "");
	g_free(status);
}

struct bp_qpdf_api bp_qpdf;

BP_LIB_DEFINE(qpdf_lib, BP_SONAME_QPDF, BP_QPDF_FUNCS, bp_qpdf);

bool
bp_qpdf_load(const char **why)
{
	return bp_util_lib_load(&qpdf_lib, why);
}

void
bp_qpdf_preload(void)
{
	bp_util_lib_preload(&qpdf_lib);
}

void
bp_qpdf_settle(void)
{
	bp_util_lib_settle(&qpdf_lib);
}

/* After a qpdf call: its error, reported once in its own words. */
static bool
qpdf_failed(struct bp_archive *a, const char *what)
{
	qpdf_error	 e;

	if (!qpdf_has_error(a->q))
		return false;
	e = qpdf_get_error(a->q);
	bp_diag_at(a->diag, a->path, BP_ERROR, 0, 0, "cannot %s: %s", what,
	    e != NULL ? qpdf_get_error_full_text(a->q, e) : "qpdf failed");
	return true;
}

/* qpdf's warnings about Cairo's file (none are expected). */
static void
report_warnings(struct bp_archive *a)
{
	qpdf_error	 e;

	while (qpdf_more_warnings(a->q))
		if ((e = qpdf_next_warning(a->q)) != NULL)
			bp_diag_at(a->diag, a->path, BP_WARNING, 0, 0,
			    "qpdf: %s", qpdf_get_error_full_text(a->q, e));
}

void
bp_archive_set_name(qpdf_data q, qpdf_oh d, const char *key,
    const char *name)
{
	qpdf_oh	 v = qpdf_oh_new_name(q, name);

	qpdf_oh_replace_key(q, d, key, v);
	qpdf_oh_release(q, v);
}

void
bp_archive_set_int(qpdf_data q, qpdf_oh d, const char *key, long long value)
{
	qpdf_oh	 v = qpdf_oh_new_integer(q, value);

	qpdf_oh_replace_key(q, d, key, v);
	qpdf_oh_release(q, v);
}

void
bp_archive_set_text(qpdf_data q, qpdf_oh d, const char *key,
    const char *utf8)
{
	qpdf_oh	 v = qpdf_oh_new_unicode_string(q, utf8);

	qpdf_oh_replace_key(q, d, key, v);
	qpdf_oh_release(q, v);
}

bool
bp_archive_is_name(qpdf_data q, qpdf_oh d, const char *key, const char *name)
{
	qpdf_oh	 v = qpdf_oh_get_key(q, d, key);
	bool	 r = qpdf_oh_is_name_and_equals(q, v, name);

	qpdf_oh_release(q, v);
	return r;
}

char *
bp_archive_get_text(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh	 v = qpdf_oh_get_key(q, d, key);
	char	*s = NULL;

	if (qpdf_oh_is_string(q, v))
		s = g_strdup(qpdf_oh_get_utf8_value(q, v));
	qpdf_oh_release(q, v);
	return s;
}

const char *
bp_archive_get_lang(const struct bp_pack *pack)
{
	const struct bp_article	*art;

	if (pack->meta.lang != NULL && *pack->meta.lang != '\0')
		return pack->meta.lang;
	if (pack->articles->len > 0) {
		art = g_ptr_array_index(pack->articles, 0);
		if (art->lang != NULL)
			return art->lang;
	}
	return "en";
}

/* zlib's inflate into out; false for data that is not zlib's. */
static bool
inflate_all(const unsigned char *in, size_t len, GByteArray *out)
{
	z_stream	 z;
	int		 r;
	size_t		 have;

	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return false;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)MIN(len, (size_t)G_MAXUINT);
	do {
		have = out->len;
		g_byte_array_set_size(out, (guint)(have + MAX(len * 4,
		    (size_t)65536)));
		z.next_out = out->data + have;
		z.avail_out = out->len - (guint)have;
		r = inflate(&z, Z_NO_FLUSH);
		g_byte_array_set_size(out, out->len - z.avail_out);
	} while (r == Z_OK);
	inflateEnd(&z);
	return r == Z_STREAM_END;
}

/* zlib's deflate at its default level, as Cairo's streams are. */
static bool
deflate_all(const guint8 *in, size_t len, GByteArray *out)
{
	uLongf	 n = compressBound((uLong)len);
	bool	 ok;

	g_byte_array_set_size(out, (guint)n);
	ok = compress2(out->data, &n, in, (uLong)len,
	    Z_DEFAULT_COMPRESSION) == Z_OK;
	g_byte_array_set_size(out, ok ? (guint)n : 0);
	return ok;
}

/* One page on a worker: decode, mark, encode; no qpdf call here. */
static void
run_job(struct page_job *j)
{
	GByteArray	*plain = NULL, *marked;

	if (j->data == NULL)
		return;
	j->have = true;
	if (j->deflated) {
		plain = g_byte_array_new();
		if (!inflate_all(j->data, j->len, plain)) {
			j->why = "its Flate data is damaged";
			goto out;
		}
	}
	marked = g_byte_array_sized_new((guint)(plain != NULL ? plain->len :
	    j->len) + 4096);
	j->ok = bp_content_mark(plain != NULL ? plain->data : j->data,
	    plain != NULL ? plain->len : j->len, marked, &j->marks, &j->why);
	j->out = g_byte_array_new();
	if (j->ok && !deflate_all(marked->data, marked->len, j->out)) {
		j->ok = false;
		j->why = "it cannot be compressed";
	}
	g_byte_array_free(marked, TRUE);
out:
	/* What a page holds at once is only what is left to write back. */
	free(j->data);
	j->data = NULL;
	if (plain != NULL)
		g_byte_array_free(plain, TRUE);
}

static gpointer
page_worker(gpointer data)
{
	struct workers	*w = data;
	gint		 i;

	while ((i = g_atomic_int_add(&w->next, 1)) < w->n)
		run_job(&w->jobs[i]);
	return NULL;
}

/*
 * Page p's content for a job: a single Flate stream as it is (the
 * workers decode it), anything else decoded by qpdf, to be written
 * back as one stream. False when the page has no content.
 */
static bool
read_content(struct bp_archive *a, int p, struct page_job *j)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 c, d, parms;
	bool		 have = false;

	c = qpdf_oh_get_key(q, a->pages[p].oh, "/Contents");
	if (qpdf_oh_is_stream(q, c)) {
		d = qpdf_oh_get_dict(q, c);
		parms = qpdf_oh_get_key(q, d, "/DecodeParms");
		j->deflated = bp_archive_is_name(q, d, "/Filter",
		    "/FlateDecode") && qpdf_oh_is_null(q, parms);
		qpdf_oh_release(q, parms);
		qpdf_oh_release(q, d);
		j->stream = c;
		if (j->deflated)
			have = (qpdf_oh_get_stream_data(q, c, qpdf_dl_none,
			    NULL, &j->data, &j->len) & QPDF_ERRORS) == 0;
		else
			have = (qpdf_oh_get_page_content_data(q,
			    a->pages[p].oh, &j->data, &j->len) &
			    QPDF_ERRORS) == 0;
	} else if (qpdf_oh_is_array(q, c) &&
	    qpdf_oh_get_array_n_items(q, c) > 0) {
		j->stream = qpdf_oh_get_array_item(q, c, 0);
		j->replace = true;
		have = qpdf_oh_is_stream(q, j->stream) &&
		    (qpdf_oh_get_page_content_data(q, a->pages[p].oh,
		    &j->data, &j->len) & QPDF_ERRORS) == 0;
		qpdf_oh_release(q, c);
	} else
		qpdf_oh_release(q, c);
	return have;
}

/*
 * Every page's content marked (artifacts, MCIDs) on opts->jobs threads:
 * qpdf, which is not thread-safe, reads the streams here, and the
 * workers start at once, while this thread goes on with other steps
 * (end_marking joins in).
 */
static bool
start_marking(struct bp_archive *a)
{
	struct workers	*w;
	int		 p, k;

	a->w = w = g_new0(struct workers, 1);
	w->n = a->npages;
	w->next = 0;
	w->jobs = g_new0(struct page_job, a->npages + 1);
	for (p = 0; p < a->npages; p++) {
		w->jobs[p].marks.mcids = a->pages[p].mcids;
		if (!read_content(a, p, &w->jobs[p])) {
			if (qpdf_failed(a, "read the pages' content"))
				return false;
			free(w->jobs[p].data);
			w->jobs[p].data = NULL;
		}
	}
	a->nthreads = MIN(a->o->jobs, a->npages);
	a->threads = g_new0(GThread *, MAX(a->nthreads, 1));
	for (k = 0; k < a->nthreads && a->nthreads > 1; k++)
		a->threads[k] = g_thread_new("bp-archive", page_worker, w);
	return true;
}

/*
 * The rest of the pages marked here, the workers joined, and each
 * stream written back. A page that cannot be read stays as Cairo wrote
 * it, and 'a' and 'ua' are not claimed.
 */
static bool
end_marking(struct bp_archive *a)
{
	qpdf_data	 q = a->q;
	struct page_job	*j;
	qpdf_oh		 flate, null;
	int		 p, k;

	page_worker(a->w);
	for (k = 0; k < a->nthreads && a->nthreads > 1; k++)
		g_thread_join(a->threads[k]);
	a->nthreads = 0;
	flate = qpdf_oh_new_name(q, "/FlateDecode");
	null = qpdf_oh_new_null(q);
	for (p = 0; p < a->npages; p++) {
		j = &a->w->jobs[p];
		if (!j->have)
			continue;
		if (!j->ok || j->marks.unbalanced > 0) {
			if (a->why_not == NULL) {
				a->why_not = g_strdup_printf("the content of "
				    "page %d cannot be read (%s)", p + 1,
				    j->ok ? "its operators do not pair" :
				    j->why);
				bp_diag_at(a->diag, a->path, BP_WARNING, 0, 0,
				    "internal error: %s", a->why_not);
			}
			a->content_ok = false;
			continue;
		}
		qpdf_oh_replace_stream_data(q, j->stream, j->out->data,
		    j->out->len, flate, null);
		/* qpdf keeps a copy. */
		g_byte_array_free(j->out, TRUE);
		j->out = NULL;
		if (j->replace)
			qpdf_oh_replace_key(q, a->pages[p].oh, "/Contents",
			    j->stream);
	}
	qpdf_oh_release(q, flate);
	qpdf_oh_release(q, null);
	return !qpdf_failed(a, "rewrite the pages' content");
}

/* The jobs' memory; workers still running are stopped and joined. */
static void
free_marking(struct bp_archive *a)
{
	struct page_job	*j;
	int		 p, k;

	if (a->w == NULL)
		return;
	g_atomic_int_set(&a->w->next, a->w->n);
	for (k = 0; k < a->nthreads && a->nthreads > 1; k++)
		g_thread_join(a->threads[k]);
	for (p = 0; p < a->npages; p++) {
		j = &a->w->jobs[p];
		free(j->data);
		if (j->out != NULL)
			g_byte_array_free(j->out, TRUE);
		if (j->stream != 0)
			qpdf_oh_release(a->q, j->stream);
	}
	g_free(a->w->jobs);
	g_free(a->w);
	g_free(a->threads);
}

/*
 * What may be claimed: 'a' and 'ua' need the structure tree (a record
 * that agrees with the pages) and every figure's alt text; else the
 * PDF/A level falls back to b. *tree says whether to write the tree.
 */
static unsigned
decide_claim(struct bp_archive *a, bool *tree)
{
	const struct bp_tagging	*t = a->o->tags;
	unsigned		 asked = a->o->standard, claimed = asked;
	char			*why = NULL, n1[64], n2[64];
	int			 missing = 0;

	*tree = false;
	if (t == NULL || t->elems->len == 0) {
		if (a->why_not == NULL)
			a->why_not = g_strdup("the painter kept no structure "
			    "record");
	} else if (a->content_ok) {
		*tree = bp_stree_check(t, a->pages, a->npages, &why);
		if (!*tree) {
			bp_diag_at(a->diag, a->path, BP_WARNING, 0, 0,
			    "internal error: the structure record does not "
			    "match the pages (%s); no structure tree is "
			    "written", why);
			a->why_not = g_strdup("the structure record does not "
			    "match the pages");
		} else if ((missing = bp_stree_count_missing_alt(t)) > 0)
			a->why_not = g_strdup_printf("%d figure%s no alt text",
			    missing, missing == 1 ? " has" : "s have");
	}
	if (a->why_not != NULL) {
		if ((claimed & BP_PDF_STD_A2A) != 0)
			claimed = (claimed & ~BP_PDF_STD_A2A) | BP_PDF_STD_A2B;
		claimed &= ~BP_PDF_STD_UA1;
	}
	if (claimed != asked) {
		bp_style_get_pdf_standard_name(claimed, n1, sizeof n1);
		bp_style_get_pdf_standard_name(asked, n2, sizeof n2);
		bp_diag_at(a->diag, a->path, BP_NOTE, 0, 0,
		    "claims %s, not %s: %s", n1, n2, a->why_not);
	}
	g_free(why);
	return claimed;
}

/*
 * The output intent PDF/A needs for device colours (6.2.4.3): sRGB, as
 * Cairo's DeviceRGB is meant, from the repository's copy of the profile.
 */
static void
set_output_intent(struct bp_archive *a)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 icc, d, oi, arr, root, flate, null;
	GByteArray	*z = g_byte_array_new();
	gsize		 len;
	const guint8	*data = g_bytes_get_data(a->o->icc, &len);

	icc = qpdf_oh_new_stream(q);
	flate = qpdf_oh_new_name(q, "/FlateDecode");
	null = qpdf_oh_new_null(q);
	if (deflate_all(data, len, z))
		qpdf_oh_replace_stream_data(q, icc, z->data, z->len, flate,
		    null);
	else
		qpdf_oh_replace_stream_data(q, icc, data, len, null, null);
	d = qpdf_oh_get_dict(q, icc);
	bp_archive_set_int(q, d, "/N", 3);
	oi = qpdf_oh_new_dictionary(q);
	bp_archive_set_name(q, oi, "/Type", "/OutputIntent");
	bp_archive_set_name(q, oi, "/S", "/GTS_PDFA1");
	bp_archive_set_text(q, oi, "/OutputConditionIdentifier",
	    "sRGB IEC61966-2.1");
	bp_archive_set_text(q, oi, "/Info", "sRGB IEC61966-2.1");
	bp_archive_set_text(q, oi, "/RegistryName", "http://www.color.org");
	qpdf_oh_replace_key(q, oi, "/DestOutputProfile", icc);
	arr = qpdf_oh_new_array(q);
	qpdf_oh_append_item(q, arr, oi);
	root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/OutputIntents", arr);
	qpdf_oh_release(q, root);
	qpdf_oh_release(q, arr);
	qpdf_oh_release(q, oi);
	qpdf_oh_release(q, d);
	qpdf_oh_release(q, icc);
	qpdf_oh_release(q, flate);
	qpdf_oh_release(q, null);
	g_byte_array_free(z, TRUE);
}

/*
 * Info's dates as PDF dates ("D:" and all: Cairo 1.16 leaves it out)
 * and the XMP packet holding the same values (PDF/A-2 6.6.2.1), with
 * the standards claimed.
 */
static void
set_metadata(struct bp_archive *a, unsigned claimed)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 trailer = qpdf_get_trailer(q), info, md, d, root, v;
	GDateTime	*dt;
	char		*pdf_date, *xml;
	struct bp_xmp	 x;

	dt = g_date_time_new_from_unix_utc(bp_util_build_time());
	pdf_date = g_date_time_format(dt, "D:%Y%m%d%H%M%SZ");
	info = qpdf_oh_get_key(q, trailer, "/Info");
	if (!qpdf_oh_is_dictionary(q, info)) {
		qpdf_oh_release(q, info);
		info = qpdf_make_indirect_object(q,
		    v = qpdf_oh_new_dictionary(q));
		qpdf_oh_release(q, v);
		qpdf_oh_replace_key(q, trailer, "/Info", info);
	}
	v = qpdf_oh_new_string(q, pdf_date);
	qpdf_oh_replace_key(q, info, "/CreationDate", v);
	qpdf_oh_replace_key(q, info, "/ModDate", v);
	qpdf_oh_release(q, v);

	memset(&x, 0, sizeof x);
	x.claimed = claimed;
	x.title = bp_archive_get_text(q, info, "/Title");
	x.author = bp_archive_get_text(q, info, "/Author");
	x.subject = bp_archive_get_text(q, info, "/Subject");
	x.keywords = bp_archive_get_text(q, info, "/Keywords");
	x.creator = bp_archive_get_text(q, info, "/Creator");
	x.producer = bp_archive_get_text(q, info, "/Producer");
	x.lang = bp_archive_get_lang(a->o->pack);
	x.date = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	x.rights = bp_pack_get_rights(a->o->pack);
	xml = bp_xmp_make(&x);

	/* Uncompressed, as PDF/A asks (qpdf leaves /Metadata streams so). */
	md = qpdf_oh_new_stream(q);
	v = qpdf_oh_new_null(q);
	qpdf_oh_replace_stream_data(q, md, (const unsigned char *)xml,
	    strlen(xml), v, v);
	qpdf_oh_release(q, v);
	d = qpdf_oh_get_dict(q, md);
	bp_archive_set_name(q, d, "/Type", "/Metadata");
	bp_archive_set_name(q, d, "/Subtype", "/XML");
	root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Metadata", md);

	qpdf_oh_release(q, root);
	qpdf_oh_release(q, d);
	qpdf_oh_release(q, md);
	qpdf_oh_release(q, info);
	qpdf_oh_release(q, trailer);
	g_free((char *)x.title);
	g_free((char *)x.author);
	g_free((char *)x.subject);
	g_free((char *)x.keywords);
	g_free((char *)x.creator);
	g_free((char *)x.producer);
	g_free((char *)x.date);
	g_free((char *)x.rights);
	g_free(xml);
	g_free(pdf_date);
	g_date_time_unref(dt);
}

/*
 * The catalog: the document's language (PDF/UA-1 7.2), marked when it
 * has a structure tree (14.7.1), the title shown in the window (PDF/UA-1
 * 7.1). Cairo's own structure tree goes whatever happens: the painter's
 * record is the tree.
 */
static void
set_catalog(struct bp_archive *a, bool tree)
{
	qpdf_data	 q = a->q;
	qpdf_oh		 root = qpdf_get_root(q), vp, mi, t;

	qpdf_oh_remove_key(q, root, "/StructTreeRoot");
	qpdf_oh_remove_key(q, root, "/MarkInfo");
	bp_archive_set_text(q, root, "/Lang",
	    bp_archive_get_lang(a->o->pack));
	if (tree) {
		mi = qpdf_oh_new_dictionary(q);
		t = qpdf_oh_new_bool(q, QPDF_TRUE);
		qpdf_oh_replace_key(q, mi, "/Marked", t);
		qpdf_oh_replace_key(q, root, "/MarkInfo", mi);
		qpdf_oh_release(q, mi);
		qpdf_oh_release(q, t);
	}
	vp = qpdf_oh_get_key(q, root, "/ViewerPreferences");
	if (!qpdf_oh_is_dictionary(q, vp)) {
		qpdf_oh_release(q, vp);
		vp = qpdf_oh_new_dictionary(q);
	}
	t = qpdf_oh_new_bool(q, QPDF_TRUE);
	qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", t);
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
	qpdf_oh_release(q, t);
	qpdf_oh_release(q, vp);
	qpdf_oh_release(q, root);
}

/*
 * The file, in memory: no object streams, streams copied as they are
 * (compressed already; the metadata stays plain), an EOL before each
 * endstream (PDF/A-2 6.1.7.1), an ID from the content (6.1.3), so the
 * same input gives the same bytes.
 */
static bool
write_file(struct bp_archive *a)
{
	qpdf_data	 q = a->q;

	if ((qpdf_init_write_memory(q) & QPDF_ERRORS) != 0) {
		qpdf_failed(a, "write the PDF");
		return false;
	}
	qpdf_set_object_stream_mode(q, qpdf_o_disable);
	qpdf_set_compress_streams(q, QPDF_FALSE);
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_newline_before_endstream(q, QPDF_TRUE);
	qpdf_set_qdf_mode(q, QPDF_FALSE);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if ((qpdf_write(q) & QPDF_ERRORS) != 0) {
		qpdf_failed(a, "write the PDF");
		return false;
	}
	return true;
}

/* The GBytes of a finished file frees its qpdf_data, which holds them. */
static void
free_qpdf(gpointer data)
{
	qpdf_data	 q = data;

	qpdf_cleanup(&q);
}

bool
bp_archive_run(const struct bp_archive_opts *o, void *pdf, size_t len,
    const char *path, struct bp_diag *diag, GBytes **out, unsigned *claimed)
{
	struct bp_archive	 a;
	bool			 ok = false, tree = false;
	int			 p;
	const char		*nolib;

	*out = NULL;
	*claimed = 0;
	if (!bp_qpdf_load(&nolib)) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot finish the PDF "
		    "as PDF/A or PDF/UA: %s", nolib);
		return false;
	}
	memset(&a, 0, sizeof a);
	a.o = o;
	a.path = path;
	a.diag = diag;
	a.content_ok = true;
	*out = NULL;
	*claimed = 0;
	a.t0 = g_get_monotonic_time();
	a.trace = g_getenv("BP_DEBUG_ARCHIVE") != NULL;
	a.q = qpdf_init();
	qpdf_silence_errors(a.q);
	qpdf_set_suppress_warnings(a.q, QPDF_TRUE);
	bp_archive_hide_cairo_tree(pdf, len);
	if ((qpdf_read_memory(a.q, path, pdf, len, NULL) & QPDF_ERRORS) != 0) {
		qpdf_failed(&a, "read back Cairo's PDF");
		goto out;
	}
	trace(&a, "read");
	bp_archive_fix_pages(&a);
	trace(&a, "pages");
	/* Content is marked on threads while fonts and images are fixed. */
	if (qpdf_failed(&a, "read the pages") || !start_marking(&a))
		goto out;
	if (!bp_archive_fix_resources(&a) ||
	    qpdf_failed(&a, "check the PDF's fonts and images"))
		goto out;
	if ((o->standard & BP_PDF_STD_A2) != 0)
		set_output_intent(&a);
	trace(&a, "fonts");
	if (!end_marking(&a))
		goto out;
	trace(&a, "mark");
	*claimed = decide_claim(&a, &tree);
	set_catalog(&a, tree);
	if (tree && !bp_stree_write(a.q, o->tags, a.pages, a.npages)) {
		qpdf_failed(&a, "write the structure tree");
		goto out;
	}
	trace(&a, "tree");
	set_metadata(&a, *claimed);
	if (qpdf_failed(&a, "finish the PDF") || !write_file(&a))
		goto out;
	trace(&a, "write");
	ok = true;
out:
	free_marking(&a);
	report_warnings(&a);
	for (p = 0; p < a.npages; p++) {
		g_array_free(a.pages[p].mcids, TRUE);
		g_array_free(a.pages[p].annots, TRUE);
	}
	g_free(a.pages);
	g_free(a.why_not);
	/*
	 * The bytes stay qpdf's, not copied: the GBytes frees them, with
	 * the rest of the document, once the caller has written them.
	 */
	if (ok)
		*out = g_bytes_new_with_free_func(qpdf_get_buffer(a.q),
		    qpdf_get_buffer_length(a.q), free_qpdf, a.q);
	else
		qpdf_cleanup(&a.q);
	return ok;
}
