/*
 * Utilities: reading files, checking text, resolving paths, atomic output,
 * libraries loaded when first needed.
 * SPDX-License-Identifier: MIT
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bp.h"

struct bp_out {
	char	*path;
	char	*tmp;       /* the temporary name, once it has one */
	int	 fd;
	bool	 unnamed;   /* O_TMPFILE: no name until committed */
	int	 err;       /* errno of the first failed write, else 0 */
};

static bool sync_dir(const char *path);

bool
bp_util_read_file(const char *path, size_t max, struct bp_diag *diag,
    char **out, size_t *out_len)
{
	GString	*buf = NULL;
	FILE	*f = NULL;
	char	 chunk[65536];
	size_t	 n;
	bool	 ok = false;
	bool	 is_stdin = strcmp(path, "-") == 0;
	struct stat st;

	*out = NULL;
	*out_len = 0;
	if (is_stdin)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot read: %s",
		    g_strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0,
		    "is a folder, not a file");
		goto out;
	}
	if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size > max) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0,
		    "file is too large (%lld bytes; the limit is %zu)",
		    (long long)st.st_size, max);
		goto out;
	}

	/* Read in chunks: stdin and pipes have no size up front. */
	buf = g_string_sized_new(is_stdin ? 65536 : (gsize)st.st_size + 1);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf->len + n > max) {
			bp_diag_at(diag, path, BP_ERROR, 0, 0,
			    "input is too large (the limit is %zu bytes)", max);
			goto out;
		}
		g_string_append_len(buf, chunk, (gssize)n);
	}
	if (ferror(f)) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0, "read error: %s",
		    g_strerror(errno));
		goto out;
	}
	*out_len = buf->len;
	*out = g_string_free(buf, FALSE);
	buf = NULL;
	ok = true;
out:
	if (buf != NULL)
		g_string_free(buf, TRUE);
	if (f != NULL && !is_stdin)
		fclose(f);
	return ok;
}

bool
bp_util_check_text(const char *buf, size_t len, int first_line,
    struct bp_diag *diag)
{
	const char	*end = NULL, *line_start = buf;
	const char	*p;
	int		 line = first_line;
	bool		 ok = true;

	if (g_utf8_validate_len(buf, len, &end))
		goto out;

	/* Name the line and column (in characters) of the first bad byte. */
	for (p = buf; p < end; p++)
		if (*p == '\n') {
			line++;
			line_start = p + 1;
		}
	bp_diag(diag, BP_ERROR, line,
	    (int)g_utf8_strlen(line_start, end - line_start) + 1,
	    *end == '\0' ? "NUL byte in text (is this a binary file?)" :
	    "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
	    (unsigned char)*end);
	ok = false;
out:
	return ok;
}

char *
bp_util_resolve(const char *base_file, const char *rel, bool allow_outside)
{
	char	*dir = NULL, *joined = NULL, *canon = NULL, *result = NULL;
	char	*canon_dir = NULL;

	if (rel == NULL || *rel == '\0')
		goto out;
	if (g_path_is_absolute(rel)) {
		if (allow_outside)
			result = g_canonicalize_filename(rel, NULL);
		goto out;
	}
	dir = base_file != NULL && strcmp(base_file, "-") != 0 ?
	    g_path_get_dirname(base_file) : g_strdup(".");
	joined = g_build_filename(dir, rel, NULL);
	if (allow_outside) {
		result = joined;
		joined = NULL;
		goto out;
	}

	/* Lexical check: the canonical path must stay under the folder. */
	canon_dir = g_canonicalize_filename(dir, NULL);
	canon = g_canonicalize_filename(joined, NULL);
	if (g_str_has_prefix(canon, canon_dir) &&
	    (canon[strlen(canon_dir)] == '/' || strcmp(canon_dir, "/") == 0)) {
		result = joined;
		joined = NULL;
	}
out:
	g_free(dir);
	g_free(joined);
	g_free(canon);
	g_free(canon_dir);
	return result;
}

/*
 * Named temporary files that exist right now, for bp_util_out_cleanup()
 * on a signal. Slots are claimed and cleared under a lock; the signal
 * handler only reads them (unlink is async-signal-safe).
 */
#define MAX_NAMED 64
static char *volatile named[MAX_NAMED];
static GMutex named_lock;

static void
named_add(char *path)
{
	int	 i;

	g_mutex_lock(&named_lock);
	for (i = 0; i < MAX_NAMED; i++)
		if (named[i] == NULL) {
			named[i] = path;
			break;
		}
	g_mutex_unlock(&named_lock);
}

static void
named_remove(const char *path)
{
	int	 i;

	g_mutex_lock(&named_lock);
	for (i = 0; i < MAX_NAMED; i++)
		if (named[i] == path)
			named[i] = NULL;
	g_mutex_unlock(&named_lock);
}

void
bp_util_out_cleanup(void)
{
	int	 i;

	for (i = 0; i < MAX_NAMED; i++)
		if (named[i] != NULL)
			unlink(named[i]);
}

/*
 * The output is written to an unnamed file in the target folder
 * (O_TMPFILE): if the process dies, even by SIGKILL, nothing is left
 * behind. Where the file system cannot do that, a hidden named file is
 * used and removed on failure or on a signal.
 */
struct bp_out *
bp_util_out_open(const char *path, struct bp_diag *diag)
{
	struct bp_out	*o = NULL;
	char		*dir = NULL, *base = NULL;

	dir = g_path_get_dirname(path);
	base = g_path_get_basename(path);
	o = g_new0(struct bp_out, 1);
	o->path = g_strdup(path);
	o->tmp = g_strdup_printf("%s/.%s.XXXXXX.tmp", dir, base);
#ifdef O_TMPFILE
	o->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
	if (o->fd >= 0)
		o->unnamed = true;
#else
	o->fd = -1;
#endif
	if (o->fd < 0) {
		o->fd = g_mkstemp_full(o->tmp, O_RDWR | O_CLOEXEC, 0644);
		if (o->fd >= 0)
			named_add(o->tmp);
	}
	if (o->fd < 0) {
		bp_diag_at(diag, path, BP_ERROR, 0, 0,
		    "cannot create a file in \"%s\": %s", dir,
		    g_strerror(errno));
		g_free(o->path);
		g_free(o->tmp);
		g_free(o);
		o = NULL;
	}
	g_free(dir);
	g_free(base);
	return o;
}

int
bp_util_out_fd(const struct bp_out *o)
{
	return o->fd;
}

bool
bp_util_out_write(struct bp_out *o, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (o->err == 0 && len > 0) {
		n = write(o->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->err = n < 0 ? errno : ENOSPC;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	return o->err == 0;
}

bool
bp_util_out_failed(const struct bp_out *o)
{
	return o->err != 0;
}

/* Make a rename durable: sync the folder that holds the new name. */
static bool
sync_dir(const char *path)
{
	char	*dir = g_path_get_dirname(path);
	int	 fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		/* Some file systems cannot sync a folder: not an error. */
		if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
			rc = -1;
		close(fd);
	}
	g_free(dir);
	return rc == 0;
}

/* Give an unnamed file its temporary name, ready to rename. */
static bool
out_link(struct bp_out *o, int fd)
{
	char	 proc[64];
	int	 tries;

	g_snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 100; tries++) {
		/* A fresh random name each time (mkstemp would create it). */
		g_free(o->tmp);
		o->tmp = g_strdup_printf("%s.%08x.tmp", o->path,
		    g_random_int());
		named_add(o->tmp);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp,
		    AT_SYMLINK_FOLLOW) == 0)
			return true;
		named_remove(o->tmp);
		if (errno != EEXIST)
			return false;
	}
	return false;
}

bool
bp_util_out_commit(struct bp_out *o, struct bp_diag *diag)
{
	bool	 ok = false, linked;
	mode_t	 mask;
	int	 fd;

	if (o == NULL)
		return false;
	linked = !o->unnamed;
	fd = o->fd;
	o->fd = -1;
	/*
	 * Every step is checked before the name is given: a write that
	 * failed earlier (disk full, quota, I/O), the flush to the disk,
	 * and the close, which is where some file systems report.
	 */
	if (o->err != 0) {
		bp_diag_at(diag, o->path, BP_ERROR, 0, 0, "cannot write: %s",
		    g_strerror(o->err));
		goto out;
	}
	/* Temporary files are private; give the output the usual mode. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0) {
		bp_diag_at(diag, o->path, BP_ERROR, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		goto out;
	}
	if (o->unnamed && !(linked = out_link(o, fd))) {
		bp_diag_at(diag, o->path, BP_ERROR, 0, 0,
		    "cannot create the file: %s", g_strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		bp_diag_at(diag, o->path, BP_ERROR, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(o->tmp, o->path) != 0) {
		bp_diag_at(diag, o->path, BP_ERROR, 0, 0,
		    "cannot rename into place: %s", g_strerror(errno));
		goto out;
	}
	linked = false;
	if (!sync_dir(o->path)) {
		bp_diag_at(diag, o->path, BP_ERROR, 0, 0,
		    "cannot sync its folder: %s", g_strerror(errno));
		goto out;
	}
	ok = true;
out:
	if (fd >= 0)
		close(fd);
	if (linked) {
		unlink(o->tmp);
		named_remove(o->tmp);
	} else if (o->tmp != NULL)
		named_remove(o->tmp);
	g_free(o->path);
	g_free(o->tmp);
	g_free(o);
	return ok;
}

void
bp_util_out_abort(struct bp_out *o)
{
	if (o == NULL)
		return;
	if (o->fd >= 0)
		close(o->fd);
	if (!o->unnamed) {
		unlink(o->tmp);
		named_remove(o->tmp);
	}
	g_free(o->path);
	g_free(o->tmp);
	g_free(o);
}

bool
bp_util_is_same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	return strcmp(a, "-") != 0 && strcmp(b, "-") != 0 &&
	    stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gint64
bp_util_build_time(void)
{
	const char	*s = g_getenv("SOURCE_DATE_EPOCH");
	char		*end = NULL;
	gint64		 t;

	if (s != NULL && *s != '\0') {
		t = g_ascii_strtoll(s, &end, 10);
		if (end != NULL && *end == '\0' && t >= 0)
			return t;
	}
	return g_get_real_time() / G_USEC_PER_SEC;
}

const char *
bp_util_plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

bool
bp_util_lib_load(struct bp_lib *lib, const char **why)
{
	void		*h, *sym = NULL;
	const char	*e;
	size_t		 i;

	if (g_once_init_enter(&lib->once)) {
		if ((h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
			e = dlerror();
			lib->error = g_strdup_printf("cannot load %s: %s",
			    lib->soname, e != NULL ? e : "unknown error");
		}
		for (i = 0; h != NULL && i < lib->n; i++) {
			if ((sym = dlsym(h, lib->names[i])) == NULL) {
				lib->error = g_strdup_printf("%s has no %s",
				    lib->soname, lib->names[i]);
				break;
			}
			/* A data pointer to a function pointer, as POSIX has it. */
			memcpy((char *)lib->api + i * sizeof sym, &sym,
			    sizeof sym);
		}
		if (lib->error != NULL)
			memset(lib->api, 0, lib->n * sizeof sym);
		g_once_init_leave(&lib->once, 1);
	}
	if (lib->error != NULL) {
		*why = lib->error;
		return false;
	}
	return true;
}

static gpointer
preload_thread(gpointer data)
{
	const char	*why;

	(void)bp_util_lib_load(data, &why);
	return NULL;
}

void
bp_util_lib_preload(struct bp_lib *lib)
{
	g_mutex_lock(&lib->lock);
	if (lib->preload == NULL)
		lib->preload = g_thread_try_new("bp-dlopen", preload_thread, lib,
		    NULL);
	g_mutex_unlock(&lib->lock);
}

void
bp_util_lib_settle(struct bp_lib *lib)
{
	GThread	*t;

	g_mutex_lock(&lib->lock);
	t = lib->preload;
	lib->preload = NULL;
	g_mutex_unlock(&lib->lock);
	if (t != NULL)
		g_thread_join(t);
}
