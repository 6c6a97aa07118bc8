/*
 * Diagnostics: every message is "file:line:col: severity: text" on stderr.
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>

#include "bp.h"

static void diag_vreport(struct bp_diag *, const char *, enum bp_severity,
    int, int, const char *, va_list) G_GNUC_PRINTF(6, 0);

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
	if (sev == BP_WARNING)
		d->warnings++;
	else if (sev == BP_ERROR)
		d->errors++;

	msg = g_strdup_vprintf(fmt, ap);
	if (d->fn != NULL) {
		d->fn(d->data, sev, file, line, col, msg);
		goto out;
	}
	if ((sev == BP_NOTE && d->verbose <= 0) ||
	    (sev == BP_WARNING && d->quiet))
		goto out;

	/* GCC's format, so editors and CI can jump to the place. */
	g_mutex_lock(&diag_lock);
	if (file != NULL && line > 0 && col > 0)
		fprintf(stderr, "%s:%d:%d: ", file, line, col);
	else if (file != NULL && line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
	else
		fputs("briefpack: ", stderr);
	fprintf(stderr, "%s: %s\n", severity_names[sev], msg);
	g_mutex_unlock(&diag_lock);
out:
	g_free(msg);
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
