/*
 * Diagnostics: every message is "file:line:col: severity: text" on stderr.
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bp.h"

static void diag_vreport(struct bp_diag *d, const char *file,
    enum bp_severity sev, int line, int col, const char *fmt, va_list ap)
    G_GNUC_PRINTF(6, 0);

static void kept_free(gpointer p);
static void keep_fn(void *data, enum bp_severity sev, const char *file,
    int line, int col, const char *text);

static const char *const severity_names[BP_SEVERITY__MAX] = {
	"note", "warning", "error",
};

/* stderr is shared by worker threads: one message at a time. */
static GMutex diag_lock;

static void
diag_vreport(struct bp_diag *d, const char *file, enum bp_severity sev,
    int line, int col, const char *fmt, va_list ap)
{
	char	*msg = NULL;

	if (d == NULL)
		return;
	if (file == NULL)
		file = d->file;
	/* Worker threads share one sink. */
	if (sev == BP_WARNING)
		g_atomic_int_inc((gint *)&d->warnings);
	else if (sev == BP_ERROR)
		g_atomic_int_inc((gint *)&d->errors);

	msg = g_strdup_vprintf(fmt, ap);
	if (d->fn != NULL)
		d->fn(d->data, sev, file, line, col, msg);
	else
		bp_diag_print(d, sev, file, line, col, msg);
	g_free(msg);
}

/*
 * The status line (progress) shown on a terminal, if any: cleared
 * before a message is printed and drawn again after it.
 */
static char *status_line;

static void
status_erase(void)
{
	if (status_line != NULL)
		fputs("\r\033[K", stderr);
}

static void
status_draw(void)
{
	if (status_line != NULL) {
		fputs(status_line, stderr);
		fflush(stderr);
	}
}

void
bp_diag_print(const struct bp_diag *d, enum bp_severity sev, const char *file,
    int line, int col, const char *msg)
{
	if ((sev == BP_NOTE && d->verbose <= 0) ||
	    (sev == BP_WARNING && d->quiet))
		return;

	/* GCC's format, so editors and CI can jump to the place. */
	g_mutex_lock(&diag_lock);
	status_erase();
	if (file != NULL && line > 0 && col > 0)
		fprintf(stderr, "%s:%d:%d: ", file, line, col);
	else if (file != NULL && line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
	else
		fputs("briefpack: ", stderr);
	fprintf(stderr, "%s: %s\n", severity_names[sev], msg);
	status_draw();
	g_mutex_unlock(&diag_lock);
}

void
bp_diag_status(const char *text)
{
	g_mutex_lock(&diag_lock);
	status_erase();
	g_free(status_line);
	status_line = text != NULL ? g_strdup(text) : NULL;
	status_draw();
	g_mutex_unlock(&diag_lock);
}

void
bp_diag_at(struct bp_diag *d, const char *file, enum bp_severity sev,
    int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vreport(d, file, sev, line, col, fmt, ap);
	va_end(ap);
}

void
bp_diag(struct bp_diag *d, enum bp_severity sev, int line, int col,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vreport(d, NULL, sev, line, col, fmt, ap);
	va_end(ap);
}

void
bp_diag_reset_counts(struct bp_diag *d)
{
	if (d == NULL)
		return;
	d->warnings = 0;
	d->errors = 0;
}

/* One kept message. */
struct kept {
	enum bp_severity sev;
	char		*file;
	int		 line, col;
	char		*text;
};

static void
kept_free(gpointer p)
{
	struct kept	*k = p;

	g_free(k->file);
	g_free(k->text);
	g_free(k);
}

static void
keep_fn(void *data, enum bp_severity sev, const char *file, int line, int col,
    const char *text)
{
	struct kept	*k = g_new0(struct kept, 1);

	k->sev = sev;
	k->file = g_strdup(file);
	k->line = line;
	k->col = col;
	k->text = g_strdup(text);
	g_ptr_array_add(data, k);
}

void
bp_diag_keep(struct bp_diag *d, GPtrArray **kept)
{
	memset(d, 0, sizeof *d);
	*kept = g_ptr_array_new_with_free_func(kept_free);
	d->fn = keep_fn;
	d->data = *kept;
}

void
bp_diag_replay(GPtrArray *kept, struct bp_diag *to)
{
	const struct kept	*k;
	guint			 i;

	for (i = 0; kept != NULL && i < kept->len; i++) {
		k = g_ptr_array_index(kept, i);
		bp_diag_at(to, k->file, k->sev, k->line, k->col, "%s", k->text);
	}
}

void
bp_diag_drop_fn(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg)
{
	(void)data;
	(void)sev;
	(void)file;
	(void)line;
	(void)col;
	(void)msg;
}
