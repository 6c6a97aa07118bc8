/*
 * Tiny unit-test harness: every check prints "ok - what" or "not ok - what"
 * on stdout (tests/run.sh counts them); details of failures go to stderr.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_HARNESS_H
#define BP_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_failed;

#define CHECK(cond, ...) do { \
	if (cond) { \
		printf("ok - " __VA_ARGS__); putchar('\n'); \
	} else { \
		harness_failed++; \
		printf("not ok - " __VA_ARGS__); putchar('\n'); \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_; \
	CHECK(same_, __VA_ARGS__); \
	if (!same_) fprintf(stderr, "  got:  \"%s\"\n  want: \"%s\"\n", \
	    g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define CHECK_NUM(got, want, ...) do { \
	double g_ = (got), w_ = (want); \
	int same_ = g_ - w_ < 1e-6 && w_ - g_ < 1e-6; \
	CHECK(same_, __VA_ARGS__); \
	if (!same_) fprintf(stderr, "  got:  %g\n  want: %g\n", g_, w_); \
} while (0)

#define HARNESS_EXIT() (harness_failed ? 1 : 0)

#endif /* BP_HARNESS_H */
