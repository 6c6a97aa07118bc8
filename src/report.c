/*
 * The machine-readable report (--report FILE.json): every input, its
 * outputs, pages, messages and timings, written with json-glib.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "bp.h"

struct rmsg {
	enum bp_severity sev;
	char		*file;
	int		 line, col;
	char		*text;
};

struct rinput {
	int		 order;
	char		*path;
	char		*title;
	bool		 failed;
	char		*error;
	double		 seconds;
};

struct routput {
	int		 order;
	char		*path;
	char		*format;
	char	       **inputs;
	const char	*status;    /* "written", "failed" or "stale" */
	char		*reason;    /* stale: why; failed: found when written */
	struct bp_write_result res;
	double		 seconds;
};

/* What the report counts for its "totals" member. */
struct totals {
	int	 failed;        /* inputs */
	int	 pages, placeholders, stale;   /* outputs */
	int	 warnings, errors;             /* messages */
};

struct bp_report {
	GMutex		 lock;
	GPtrArray	*msgs;      /* struct rmsg * */
	GPtrArray	*inputs;    /* struct rinput * */
	GPtrArray	*outputs;   /* struct routput * */
	char	       **argv;      /* the command line, UTF-8 */
	gint64		 started;   /* real time, microseconds; 0: unknown */
};

static void rmsg_free(gpointer p);
static void rinput_free(gpointer p);
static void routput_free(gpointer p);
static void add_output(struct bp_report *r, int order, const char *path,
    const char *format, const struct bp_pack *pack, bool ok,
    const struct bp_write_result *res, double seconds);
static void add_messages(JsonBuilder *b, const struct bp_report *r,
    const char *file, bool others);
static const char *first_error(const struct bp_report *r, const char *file);
static void add_run(JsonBuilder *b, const struct bp_report *r);
static void add_inputs(JsonBuilder *b, const struct bp_report *r,
    int *failed);
static void add_outputs(JsonBuilder *b, const struct bp_report *r,
    struct totals *t);
static void add_totals(JsonBuilder *b, const struct bp_report *r,
    struct totals *t);
static gint by_order(gconstpointer a, gconstpointer b);

/* Workers finish in any order; the report lists inputs in theirs. */
static gint
by_order(gconstpointer a, gconstpointer b)
{
	const int	*x = *(const int *const *)a, *y = *(const int *const *)b;

	return (*x > *y) - (*x < *y);
}

static const char *const sev_names[BP_SEVERITY__MAX] = {
	"note", "warning", "error",
};

static void
rmsg_free(gpointer p)
{
	struct rmsg	*m = p;

	g_free(m->file);
	g_free(m->text);
	g_free(m);
}

static void
rinput_free(gpointer p)
{
	struct rinput	*in = p;

	g_free(in->path);
	g_free(in->title);
	g_free(in->error);
	g_free(in);
}

static void
routput_free(gpointer p)
{
	struct routput	*o = p;

	g_free(o->path);
	g_free(o->format);
	g_strfreev(o->inputs);
	g_free(o->reason);
	g_free(o);
}

struct bp_report *
bp_report_new(void)
{
	struct bp_report	*r = g_new0(struct bp_report, 1);

	g_mutex_init(&r->lock);
	r->msgs = g_ptr_array_new_with_free_func(rmsg_free);
	r->inputs = g_ptr_array_new_with_free_func(rinput_free);
	r->outputs = g_ptr_array_new_with_free_func(routput_free);
	return r;
}

void
bp_report_free(struct bp_report *r)
{
	if (r == NULL)
		return;
	g_ptr_array_free(r->msgs, TRUE);
	g_ptr_array_free(r->inputs, TRUE);
	g_ptr_array_free(r->outputs, TRUE);
	g_strfreev(r->argv);
	g_mutex_clear(&r->lock);
	g_free(r);
}

void
bp_report_set_run(struct bp_report *r, char *const *argv, gint64 started)
{
	int	 i, n = 0;

	while (argv != NULL && argv[n] != NULL)
		n++;
	g_mutex_lock(&r->lock);
	g_strfreev(r->argv);
	/* File names need not be UTF-8; JSON must be. */
	r->argv = g_new0(char *, n + 1);
	for (i = 0; i < n; i++)
		r->argv[i] = g_utf8_make_valid(argv[i], -1);
	r->started = started;
	g_mutex_unlock(&r->lock);
}

void
bp_report_message(struct bp_report *r, enum bp_severity sev, const char *file,
    int line, int col, const char *msg)
{
	struct rmsg	*m = g_new0(struct rmsg, 1);

	m->sev = sev;
	m->file = g_strdup(file);
	m->line = line;
	m->col = col;
	m->text = g_strdup(msg);
	g_mutex_lock(&r->lock);
	g_ptr_array_add(r->msgs, m);
	g_mutex_unlock(&r->lock);
}

void
bp_report_input(struct bp_report *r, int order, const struct bp_article *art,
    double seconds)
{
	struct rinput	*in = g_new0(struct rinput, 1);

	in->order = order;
	in->path = g_strdup(art->path);
	in->title = g_strdup(art->meta.title);
	in->failed = art->failed;
	in->error = g_strdup(art->error);
	in->seconds = seconds;
	g_mutex_lock(&r->lock);
	g_ptr_array_add(r->inputs, in);
	g_mutex_unlock(&r->lock);
}

/*
 * Numbered copies are files of their own: one output each, named as the
 * writer named them, written up to res->copies_written.
 */
void
bp_report_output(struct bp_report *r, int order, const char *path,
    const char *format, const struct bp_pack *pack, bool ok,
    const struct bp_write_result *res, double seconds)
{
	struct bp_write_result	 one;
	char			*cpath;
	int			 k;

	if (res == NULL || res->copies <= 0) {
		add_output(r, order, path, format, pack, ok, res, seconds);
		return;
	}
	one = *res;
	one.copies = one.copies_written = 0;
	for (k = 1; k <= res->copies; k++) {
		cpath = bp_office_copy_path(path, k);
		add_output(r, order, cpath, format, pack,
		    k <= res->copies_written, &one, seconds / res->copies);
		g_free(cpath);
	}
}

/* One output file of the report. */
static void
add_output(struct bp_report *r, int order, const char *path,
    const char *format, const struct bp_pack *pack, bool ok,
    const struct bp_write_result *res, double seconds)
{
	struct routput	*o = g_new0(struct routput, 1);
	guint		 i;

	o->order = order;
	o->path = g_strdup(path);
	o->format = g_strdup(format);
	o->inputs = g_new0(char *, pack->articles->len + 1);
	for (i = 0; i < pack->articles->len; i++)
		o->inputs[i] = g_strdup(((struct bp_article *)
		    g_ptr_array_index(pack->articles, i))->path);
	o->status = ok ? "written" : "failed";
	if (res != NULL)
		o->res = *res;
	o->seconds = seconds;
	g_mutex_lock(&r->lock);
	g_ptr_array_add(r->outputs, o);
	g_mutex_unlock(&r->lock);
}

void
bp_report_stale(struct bp_report *r, int order, const char *path,
    const char *format, const struct bp_article *art)
{
	struct routput	*o = g_new0(struct routput, 1);

	o->order = order;
	o->path = g_strdup(path);
	o->format = g_strdup(format);
	o->inputs = g_new0(char *, 2);
	o->inputs[0] = g_strdup(art->path);
	o->status = "stale";
	o->reason = g_strdup_printf("kept from an earlier run: %s failed "
	    "(%s)", art->path, art->error != NULL ? art->error :
	    "it could not be read");
	g_mutex_lock(&r->lock);
	g_ptr_array_add(r->outputs, o);
	g_mutex_unlock(&r->lock);
}

/* The first error reported against file: why an output failed. */
static const char *
first_error(const struct bp_report *r, const char *file)
{
	const struct rmsg	*m;
	guint			 i;

	for (i = 0; i < r->msgs->len; i++) {
		m = g_ptr_array_index(r->msgs, i);
		if (m->sev == BP_ERROR && m->file != NULL &&
		    strcmp(m->file, file) == 0)
			return m->text;
	}
	return NULL;
}

/*
 * The command line and the real start time (ISO 8601, UTC): the only
 * members, with the timings, that differ between two runs of the same
 * command on the same inputs.
 */
static void
add_run(JsonBuilder *b, const struct bp_report *r)
{
	GDateTime	*dt;
	char		*iso;
	int		 i;

	json_builder_set_member_name(b, "command");
	json_builder_begin_array(b);
	for (i = 0; r->argv != NULL && r->argv[i] != NULL; i++)
		json_builder_add_string_value(b, r->argv[i]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "started");
	if (r->started > 0 && (dt = g_date_time_new_from_unix_utc(
	    r->started / G_USEC_PER_SEC)) != NULL) {
		iso = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
		json_builder_add_string_value(b, iso);
		g_free(iso);
		g_date_time_unref(dt);
	} else
		json_builder_add_null_value(b);
}

/* Messages about `file` (all others when `others`). */
static void
add_messages(JsonBuilder *b, const struct bp_report *r, const char *file,
    bool others)
{
	const struct rmsg	*m;
	const struct rinput	*in;
	guint			 i, k;
	bool			 known;

	json_builder_begin_array(b);
	for (i = 0; i < r->msgs->len; i++) {
		m = g_ptr_array_index(r->msgs, i);
		if (others) {
			for (k = 0, known = false; k < r->inputs->len; k++) {
				in = g_ptr_array_index(r->inputs, k);
				if (m->file != NULL && strcmp(m->file, in->path) == 0)
					known = true;
			}
			if (known)
				continue;
		} else if (m->file == NULL || strcmp(m->file, file) != 0)
			continue;
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "severity");
		json_builder_add_string_value(b, sev_names[m->sev]);
		json_builder_set_member_name(b, "file");
		if (m->file != NULL)
			json_builder_add_string_value(b, m->file);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "line");
		json_builder_add_int_value(b, m->line);
		json_builder_set_member_name(b, "column");
		json_builder_add_int_value(b, m->col);
		json_builder_set_member_name(b, "message");
		json_builder_add_string_value(b, m->text);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

/*
 * The inputs, in their order: each with the outputs made from it and its
 * messages. Adds the failed ones to *failed.
 */
static void
add_inputs(JsonBuilder *b, const struct bp_report *r, int *failed)
{
	const struct rinput	*in;
	const struct routput	*o;
	guint			 i, k;

	json_builder_set_member_name(b, "inputs");
	json_builder_begin_array(b);
	for (i = 0; i < r->inputs->len; i++) {
		in = g_ptr_array_index(r->inputs, i);
		*failed += in->failed;
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "path");
		json_builder_add_string_value(b, in->path);
		json_builder_set_member_name(b, "title");
		json_builder_add_string_value(b, in->title != NULL ?
		    in->title : "");
		json_builder_set_member_name(b, "status");
		json_builder_add_string_value(b, in->failed ? "failed" : "ok");
		if (in->error != NULL) {
			json_builder_set_member_name(b, "error");
			json_builder_add_string_value(b, in->error);
		}
		json_builder_set_member_name(b, "outputs");
		json_builder_begin_array(b);
		for (k = 0; k < r->outputs->len; k++) {
			o = g_ptr_array_index(r->outputs, k);
			if (g_strv_contains((const char *const *)o->inputs,
			    in->path))
				json_builder_add_string_value(b, o->path);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "messages");
		add_messages(b, r, in->path, /*others*/false);
		json_builder_set_member_name(b, "seconds");
		json_builder_add_double_value(b, in->seconds);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

/*
 * The outputs, in their order, with why each failed or is stale. Adds up
 * their pages, placeholders and stale outputs in *t.
 */
static void
add_outputs(JsonBuilder *b, const struct bp_report *r, struct totals *t)
{
	const struct routput	*o;
	const char		*why;
	guint			 i, k;

	json_builder_set_member_name(b, "outputs");
	json_builder_begin_array(b);
	for (i = 0; i < r->outputs->len; i++) {
		o = g_ptr_array_index(r->outputs, i);
		t->pages += o->res.pages;
		t->placeholders += o->res.placeholders;
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "path");
		json_builder_add_string_value(b, o->path);
		json_builder_set_member_name(b, "format");
		json_builder_add_string_value(b, o->format);
		json_builder_set_member_name(b, "status");
		json_builder_add_string_value(b, o->status);
		t->stale += strcmp(o->status, "stale") == 0;
		why = o->reason;
		if (why == NULL && strcmp(o->status, "failed") == 0 &&
		    (why = first_error(r, o->path)) == NULL)
			why = "not written (see the messages)";
		if (why != NULL) {
			json_builder_set_member_name(b, "reason");
			json_builder_add_string_value(b, why);
		}
		json_builder_set_member_name(b, "pages");
		json_builder_add_int_value(b, o->res.pages);
		json_builder_set_member_name(b, "placeholders");
		json_builder_add_int_value(b, o->res.placeholders);
		json_builder_set_member_name(b, "inputs");
		json_builder_begin_array(b);
		for (k = 0; o->inputs[k] != NULL; k++)
			json_builder_add_string_value(b, o->inputs[k]);
		json_builder_end_array(b);
		json_builder_set_member_name(b, "seconds");
		json_builder_add_double_value(b, o->seconds);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

/* The totals: what add_inputs and add_outputs counted, and the messages. */
static void
add_totals(JsonBuilder *b, const struct bp_report *r, struct totals *t)
{
	const struct rmsg	*m;
	guint			 i;

	for (i = 0; i < r->msgs->len; i++) {
		m = g_ptr_array_index(r->msgs, i);
		t->warnings += m->sev == BP_WARNING;
		t->errors += m->sev == BP_ERROR;
	}
	json_builder_set_member_name(b, "totals");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "inputs");
	json_builder_add_int_value(b, r->inputs->len);
	json_builder_set_member_name(b, "failed");
	json_builder_add_int_value(b, t->failed);
	json_builder_set_member_name(b, "outputs");
	json_builder_add_int_value(b, r->outputs->len);
	json_builder_set_member_name(b, "stale");
	json_builder_add_int_value(b, t->stale);
	json_builder_set_member_name(b, "pages");
	json_builder_add_int_value(b, t->pages);
	json_builder_set_member_name(b, "placeholders");
	json_builder_add_int_value(b, t->placeholders);
	json_builder_set_member_name(b, "warnings");
	json_builder_add_int_value(b, t->warnings);
	json_builder_set_member_name(b, "errors");
	json_builder_add_int_value(b, t->errors);
	json_builder_end_object(b);
}

bool
bp_report_write(struct bp_report *r, const char *path, int exit_status,
    double elapsed, struct bp_diag *diag)
{
	JsonBuilder		*b = json_builder_new();
	JsonGenerator		*gen = NULL;
	JsonNode		*root = NULL;
	struct totals		 t = { 0, 0, 0, 0, 0, 0 };
	struct bp_out		*out = NULL;
	char			*data = NULL;
	gsize			 len = 0;
	bool			 ok = false;

	g_mutex_lock(&r->lock);
	g_ptr_array_sort(r->inputs, by_order);
	g_ptr_array_sort(r->outputs, by_order);
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "briefpack");
	json_builder_add_string_value(b, BP_VERSION);
	add_run(b, r);
	json_builder_set_member_name(b, "exit_status");
	json_builder_add_int_value(b, exit_status);
	json_builder_set_member_name(b, "seconds");
	json_builder_add_double_value(b, elapsed);
	add_inputs(b, r, &t.failed);
	add_outputs(b, r, &t);
	json_builder_set_member_name(b, "messages");
	add_messages(b, r, /*file*/NULL, /*others*/true);
	add_totals(b, r, &t);
	json_builder_end_object(b);
	g_mutex_unlock(&r->lock);

	root = json_builder_get_root(b);
	gen = json_generator_new();
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_root(gen, root);
	data = json_generator_to_data(gen, &len);

	/* Atomically, like every output. */
	if ((out = bp_util_out_open(path, diag)) == NULL)
		goto out;
	/* A failed write is reported by the commit, which then refuses. */
	bp_util_out_write(out, data, len);
	ok = bp_util_out_commit(out, diag);
	out = NULL;
out:
	bp_util_out_abort(out);
	g_free(data);
	if (gen != NULL)
		g_object_unref(gen);
	if (root != NULL)
		json_node_unref(root);
	g_object_unref(b);
	return ok;
}
