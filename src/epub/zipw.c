/*
 * The EPUB container: a zip made in memory with libzip, with fixed entry
 * order, fixed dates and no extra fields, written out atomically.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "epub/epub.h"

static void dos_time(gint64 t, zip_uint16_t *dtime, zip_uint16_t *ddate);
static bool add_entry(zip_t *za, const struct bp_zip_entry *e,
    zip_uint16_t dtime, zip_uint16_t ddate, const char *path,
    struct bp_diag *diag);
static bool read_back(zip_source_t *src, unsigned char **out, size_t *out_len,
    const char *path, struct bp_diag *diag);

/*
 * MS-DOS date and time of t read as UTC, so the bytes do not depend on the
 * time zone (libzip's own zip_file_set_mtime uses local time). DOS dates
 * run from 1980 to 2107; times outside are clamped.
 */
static void
dos_time(gint64 t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	GDateTime	*dt;
	int		 y;

	if (t < 315532800)            /* 1980-01-01T00:00:00Z */
		t = 315532800;
	if (t > 4354819198LL)         /* 2107-12-31T23:59:58Z */
		t = 4354819198LL;
	dt = g_date_time_new_from_unix_utc(t);
	y = g_date_time_get_year(dt);
	*ddate = (zip_uint16_t)(((y - 1980) << 9) |
	    (g_date_time_get_month(dt) << 5) | g_date_time_get_day_of_month(dt));
	*dtime = (zip_uint16_t)((g_date_time_get_hour(dt) << 11) |
	    (g_date_time_get_minute(dt) << 5) |
	    (g_date_time_get_second(dt) / 2));
	g_date_time_unref(dt);
}

/*
 * One entry: its data as a malloc'd copy that libzip frees once it has
 * written it (the buffer must outlive zip_close), with the given date,
 * compression, and Unix mode 0644.
 */
static bool
add_entry(zip_t *za, const struct bp_zip_entry *e, zip_uint16_t dtime,
    zip_uint16_t ddate, const char *path, struct bp_diag *diag)
{
	zip_source_t	*src = NULL;
	void		*copy = NULL;
	zip_int64_t	 idx;
	bool		 ok = false;

	if ((copy = malloc(e->len > 0 ? e->len : 1)) == NULL)
		g_error("out of memory");
	memcpy(copy, e->data, e->len);
	if ((src = zip_source_buffer(za, copy, e->len, 1)) == NULL)
		goto fail;
	copy = NULL;
	if ((idx = zip_file_add(za, e->name, src, ZIP_FL_ENC_UTF_8)) < 0)
		goto fail;
	src = NULL;
	if (zip_set_file_compression(za, (zip_uint64_t)idx, e->store ?
	    ZIP_CM_STORE : ZIP_CM_DEFLATE, e->store ? 0 : 6) < 0 ||
	    zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) < 0 ||
	    zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0,
	    ZIP_OPSYS_UNIX, (zip_uint32_t)0100644 << 16) < 0)
		goto fail;
	ok = true;
	goto out;
fail:
	bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot add %s to the EPUB: %s",
	    e->name, zip_strerror(za));
out:
	if (src != NULL)
		zip_source_free(src);
	free(copy);
	return ok;
}

/* The finished archive's bytes, from the buffer source it was made in. */
static bool
read_back(zip_source_t *src, unsigned char **out, size_t *out_len,
    const char *path, struct bp_diag *diag)
{
	zip_stat_t	 st;
	unsigned char	*buf = NULL;
	zip_int64_t	 n;
	zip_uint64_t	 got = 0;
	bool		 opened = false, ok = false;

	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) < 0)
		goto fail;
	opened = true;
	buf = g_malloc(st.size > 0 ? st.size : 1);
	while (got < st.size) {
		n = zip_source_read(src, buf + got, st.size - got);
		if (n <= 0)
			goto fail;
		got += (zip_uint64_t)n;
	}
	*out = buf;
	*out_len = (size_t)st.size;
	buf = NULL;
	ok = true;
	goto out;
fail:
	bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot read the EPUB back "
	    "from memory: %s", zip_error_strerror(zip_source_error(src)));
out:
	if (opened)
		zip_source_close(src);
	g_free(buf);
	return ok;
}

bool
bp_epub_zip_write(const struct bp_zip_entry *entries, size_t n, gint64 mtime,
    const char *path, struct bp_diag *diag)
{
	zip_error_t	 zerr;
	zip_source_t	*src = NULL;
	zip_t		*za = NULL;
	struct bp_out	*out = NULL;
	unsigned char	*bytes = NULL;
	size_t		 len = 0, i;
	zip_uint16_t	 dtime, ddate;
	bool		 ok = false;

	zip_error_init(&zerr);
	dos_time(mtime, &dtime, &ddate);

	/* An empty archive in memory; we keep the source to read it back. */
	if ((src = zip_source_buffer_create(NULL, 0, 0, &zerr)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE,
	    &zerr)) == NULL) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot make the EPUB "
		    "archive: %s", zip_error_strerror(&zerr));
		goto out;
	}
	zip_source_keep(src);
	for (i = 0; i < n; i++)
		if (!add_entry(za, &entries[i], dtime, ddate, path, diag))
			goto out;
	if (zip_close(za) < 0) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot make the EPUB "
		    "archive: %s", zip_strerror(za));
		goto out;
	}
	za = NULL;
	if (!read_back(src, &bytes, &len, path, diag))
		goto out;

	/* Into a temporary file beside path, renamed into place. */
	if ((out = bp_util_out_open(path, diag)) == NULL)
		goto out;
	/* A failed write is reported by the commit, which then refuses. */
	bp_util_out_write(out, bytes, len);
	ok = bp_util_out_commit(out, diag);
	out = NULL;
out:
	if (za != NULL)
		zip_discard(za);
	if (src != NULL)
		zip_source_free(src);
	bp_util_out_abort(out);
	zip_error_fini(&zerr);
	g_free(bytes);
	return ok;
}
