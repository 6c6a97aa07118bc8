/*
 * Unit tests for libraries loaded when first needed (util.c,
 * bp_util_lib_load): a table filled from the library, all or nothing;
 * a library or a function that is not there is a message naming it,
 * every time it is asked for; a preload and a load meet on one result.
 * zlib stands in for librsvg, libxml2 and libqpdf (it is linked anyway,
 * and its SONAME, libz.so.1, has not changed in decades).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <zlib.h>

#include "bp.h"
#include "harness.h"

#define ZFUNCS(X) X(crc32) X(adler32)
#define ZBAD(X) X(crc32) X(bp_no_such_function)

struct zapi {
	ZFUNCS(BP_LIB_PTR)
};
struct zbad {
	__typeof__(crc32)	*crc32;
	void			(*bp_no_such_function)(void);
};

int
main(void)
{
	static const char *const names[] = { ZFUNCS(BP_LIB_NAME) };
	static const char *const bad_names[] = { ZBAD(BP_LIB_NAME) };
	static struct zapi	 z, z2;
	static struct zbad	 zb;
	static struct bp_lib	 ok = { .soname = "libz.so.1", .names = names,
	    .n = 2, .api = &z };
	static struct bp_lib	 pre = { .soname = "libz.so.1", .names = names,
	    .n = 2, .api = &z2 };
	static struct bp_lib	 nolib = { .soname = "libbp-no-such.so.0",
	    .names = names, .n = 2, .api = &z2 };
	static struct bp_lib	 nofn = { .soname = "libz.so.1",
	    .names = bad_names, .n = 2, .api = &zb };
	const char		*why = NULL, *why2 = NULL;
	const Bytef		*text = (const Bytef *)"briefpack";

	CHECK(bp_util_lib_load(&ok, &why), "libz.so.1 loads (%s)",
	    why != NULL ? why : "no message");
	CHECK(z.crc32 != NULL && z.crc32(0, text, 9) == crc32(0, text, 9),
	    "the table's crc32 is zlib's");
	CHECK(z.adler32 != NULL && z.adler32(1, text, 9) == adler32(1, text, 9),
	    "the table's adler32 is zlib's");
	CHECK(bp_util_lib_load(&ok, &why), "a second load is the first's");

	why = NULL;
	CHECK(!bp_util_lib_load(&nolib, &why), "a missing library: false");
	CHECK(why != NULL && strstr(why, "cannot load libbp-no-such.so.0") !=
	    NULL, "a missing library: the message names it (%s)",
	    why != NULL ? why : "none");
	CHECK(!bp_util_lib_load(&nolib, &why2) && why2 == why,
	    "a missing library: the same answer when asked again");

	why = NULL;
	CHECK(!bp_util_lib_load(&nofn, &why), "a missing function: false");
	CHECK(why != NULL && strstr(why, "libz.so.1 has no "
	    "bp_no_such_function") != NULL, "a missing function: the message "
	    "names the library and the function (%s)",
	    why != NULL ? why : "none");
	CHECK(zb.crc32 == NULL, "a missing function: nothing of the table is "
	    "left filled (all or nothing)");

	/* A preload on its thread, then a load: it waits for the same. */
	bp_util_lib_preload(&pre);
	bp_util_lib_preload(&pre);
	CHECK(bp_util_lib_load(&pre, &why) && z2.crc32 != NULL &&
	    z2.crc32(0, text, 9) == crc32(0, text, 9),
	    "preloaded, then loaded: the table is filled");
	bp_util_lib_settle(&pre);
	bp_util_lib_settle(&pre);
	CHECK(pre.preload == NULL, "settled: the preload thread is joined");
	return HARNESS_EXIT();
}
