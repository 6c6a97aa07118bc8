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
	bool		 ok;
	struct bp_write_result res;
	double		 seconds;
};

struct bp_report {
	GMutex		 lock;
	GPtrArray	*msgs;      /* struct rmsg * */
	GPtrArray	*inputs;    /* struct rinput * */
	GPtrArray	*outputs;   /* struct routput * */
};

static void rmsg_free(gpointer);
static void rinput_free(gpointer);
static void routput_free(gpointer);
static void add_messages(JsonBuilder *, const struct bp_report *,
    const char *, bool);
static gint by_order(gconstpointer, gconstpointer);

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
	g_mutex_clear(&r->lock);
	g_free(r);
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

void
bp_report_output(struct bp_report *r, int order, const char *path,
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
	o->ok = ok;
	if (res != NULL)
		o->res = *res;
	o->seconds = seconds;
	g_mutex_lock(&r->lock);
	g_ptr_array_add(r->outputs, o);
	g_mutex_unlock(&r->lock);
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

bool
bp_report_write(struct bp_report *r, const char *path, int exit_status,
    double elapsed, struct bp_diag *diag)
{
	JsonBuilder		*b = json_builder_new();
	JsonGenerator		*gen = NULL;
	JsonNode		*root = NULL;
	const struct rinput	*in;
	const struct routput	*o;
	const struct rmsg	*m;
	struct bp_out		*out = NULL;
	char			*data = NULL;
	gsize			 len = 0, done = 0;
	gssize			 n;
	guint			 i, k;
	int			 pages = 0, failed = 0, warnings = 0, errors = 0;
	int			 placeholders = 0;
	bool			 ok = false;

	g_mutex_lock(&r->lock);
	g_ptr_array_sort(r->inputs, by_order);
	g_ptr_array_sort(r->outputs, by_order);
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "briefpack");
	json_builder_add_string_value(b, BP_VERSION);
	json_builder_set_member_name(b, "exit_status");
	json_builder_add_int_value(b, exit_status);
	json_builder_set_member_name(b, "seconds");
	json_builder_add_double_value(b, elapsed);

	json_builder_set_member_name(b, "inputs");
	json_builder_begin_array(b);
	for (i = 0; i < r->inputs->len; i++) {
		in = g_ptr_array_index(r->inputs, i);
		failed += in->failed;
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
		add_messages(b, r, in->path, false);
		json_builder_set_member_name(b, "seconds");
		json_builder_add_double_value(b, in->seconds);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);

	json_builder_set_member_name(b, "outputs");
	json_builder_begin_array(b);
	for (i = 0; i < r->outputs->len; i++) {
		o = g_ptr_array_index(r->outputs, i);
		pages += o->res.pages;
		placeholders += o->res.placeholders;
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "path");
		json_builder_add_string_value(b, o->path);
		json_builder_set_member_name(b, "format");
		json_builder_add_string_value(b, o->format);
		json_builder_set_member_name(b, "status");
		json_builder_add_string_value(b, o->ok ? "written" : "failed");
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

	json_builder_set_member_name(b, "messages");
	add_messages(b, r, NULL, true);

	for (i = 0; i < r->msgs->len; i++) {
		m = g_ptr_array_index(r->msgs, i);
		warnings += m->sev == BP_WARNING;
		errors += m->sev == BP_ERROR;
	}
	json_builder_set_member_name(b, "totals");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "inputs");
	json_builder_add_int_value(b, r->inputs->len);
	json_builder_set_member_name(b, "failed");
	json_builder_add_int_value(b, failed);
	json_builder_set_member_name(b, "outputs");
	json_builder_add_int_value(b, r->outputs->len);
	json_builder_set_member_name(b, "pages");
	json_builder_add_int_value(b, pages);
	json_builder_set_member_name(b, "placeholders");
	json_builder_add_int_value(b, placeholders);
	json_builder_set_member_name(b, "warnings");
	json_builder_add_int_value(b, warnings);
	json_builder_set_member_name(b, "errors");
	json_builder_add_int_value(b, errors);
	json_builder_end_object(b);
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
	while (done < len) {
		n = write(bp_util_out_fd(out), data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			bp_diag_at(diag, path, BP_ERROR, 0, 0, "cannot write: %s",
			    g_strerror(errno));
			goto out;
		}
		done += (gsize)n;
	}
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
