/*
 * Messages recorded by unit tests: a bp_diag sink that keeps every
 * message it is given (and echoes it to stderr, where a failing check's
 * details go), and finders over what it kept. A test file may define
 * CAPTURE_FILE, the file its sinks name, before including this.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_CAPTURE_H
#define BP_CAPTURE_H

#include <stdio.h>
#include <string.h>

#include "bp.h"

#ifndef CAPTURE_FILE
#define CAPTURE_FILE "test.md"
#endif

/* find_msg and count_msgs: a message of any severity. */
#define CAPTURE_ANY BP_SEVERITY__MAX

/* One captured diagnostic. */
struct msg {
	enum bp_severity sev;
	char		*file;
	int		 line, col;
	char		*text;
};

/* What the sinks captured since the last diag_init (owned here). */
static GPtrArray *msgs;

static void msg_free(gpointer) G_GNUC_UNUSED;
static void capture_fn(void *, enum bp_severity, const char *, int, int,
    const char *) G_GNUC_UNUSED;
static void diag_init(struct bp_diag *) G_GNUC_UNUSED;
static const struct msg *find_msg(enum bp_severity, const char *)
    G_GNUC_UNUSED;
static unsigned count_msgs(enum bp_severity) G_GNUC_UNUSED;

static void
msg_free(gpointer p)
{
	struct msg	*m = p;

	g_free(m->file);
	g_free(m->text);
	g_free(m);
}

static void
capture_fn(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *text)
{
	struct msg	*m = g_new0(struct msg, 1);

	(void)data;
	if (msgs == NULL)
		msgs = g_ptr_array_new_with_free_func(msg_free);
	m->sev = sev;
	m->file = g_strdup(file);
	m->line = line;
	m->col = col;
	m->text = g_strdup(text);
	g_ptr_array_add(msgs, m);
	fprintf(stderr, "  [diag] %s:%d:%d: %d: %s\n", file ? file : "(none)",
	    line, col, (int)sev, text);
}

/* A fresh sink that records messages; earlier messages are dropped. */
static void
diag_init(struct bp_diag *d)
{
	memset(d, 0, sizeof *d);
	d->file = CAPTURE_FILE;
	d->fn = capture_fn;
	if (msgs == NULL)
		msgs = g_ptr_array_new_with_free_func(msg_free);
	g_ptr_array_set_size(msgs, 0);
}

/* The first message of severity sev (or CAPTURE_ANY) holding needle. */
static const struct msg *
find_msg(enum bp_severity sev, const char *needle)
{
	const struct msg	*m;
	guint			 i;

	for (i = 0; msgs != NULL && i < msgs->len; i++) {
		m = msgs->pdata[i];
		if ((sev == CAPTURE_ANY || m->sev == sev) &&
		    strstr(m->text, needle) != NULL)
			return m;
	}
	return NULL;
}

/* How many messages of severity sev (or CAPTURE_ANY) were captured. */
static unsigned
count_msgs(enum bp_severity sev)
{
	guint		 i;
	unsigned	 n = 0;

	for (i = 0; msgs != NULL && i < msgs->len; i++)
		if (sev == CAPTURE_ANY ||
		    ((const struct msg *)msgs->pdata[i])->sev == sev)
			n++;
	return n;
}

#endif /* BP_CAPTURE_H */
