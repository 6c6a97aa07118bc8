/*
 * Unit tests for table arithmetic (src/pdf/table_widths.c): column
 * widths from measured minima and maxima, the text size of a table that
 * wraps, and the cut of a too-wide table into parts.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/layout.h"
#include "harness.h"

static double
sum(const double *v, int n)
{
	double	 s = 0;
	int	 i;

	for (i = 0; i < n; i++)
		s += v[i];
	return s;
}

static void
test_widths(void)
{
	/* A narrow numeric table: maxima, not stretched. */
	double	 min3[] = { 40, 30, 30 }, max3[] = { 70, 50, 40 };
	double	 w[8], width;

	width = bp_table_widths(3, min3, max3, 450, w);
	CHECK_NUM(width, 160, "a table that fits is as wide as its maxima");
	CHECK_NUM(w[0], 70, "fits: column 1 at its maximum");
	CHECK_NUM(w[2], 40, "fits: column 3 at its maximum");

	/* Prose beside a date: the date stays on one line, the prose
	 * takes the rest. */
	{
		double	 mn[] = { 60, 50, 70 }, mx[] = { 70, 900, 1200 };

		width = bp_table_widths(3, mn, mx, 400, w);
		CHECK_NUM(width, 400, "a table that wraps fills the width");
		CHECK_NUM(sum(w, 3), 400, "wraps: the widths add up");
		CHECK_NUM(w[0], 70, "wraps: a column needing little gets "
		    "its maximum");
		CHECK(w[1] > 50 && w[2] > 70, "wraps: both prose columns get "
		    "more than their minima");
		/* CSS: in proportion to max - min (850 : 1130). */
		CHECK_NUM((w[1] - 50) / (w[2] - 70), 850.0 / 1130.0,
		    "wraps: prose shares in proportion to max - min");
	}

	/* No column is cheap: all share in proportion (CSS 17.5.2.2). */
	{
		double	 mn[] = { 50, 50 }, mx[] = { 450, 250 };

		bp_table_widths(2, mn, mx, 300, w);
		CHECK_NUM(w[0], 50 + 200 * 400.0 / 600.0,
		    "proportional share, column 1");
		CHECK_NUM(w[1], 50 + 200 * 200.0 / 600.0,
		    "proportional share, column 2");
	}

	/* Minima too wide: scaled down to fit (words break inside). */
	{
		double	 mn[] = { 300, 100 }, mx[] = { 300, 100 };

		width = bp_table_widths(2, mn, mx, 200, w);
		CHECK_NUM(width, 200, "too wide: the table fills the width");
		CHECK_NUM(w[0], 150, "too wide: minima scaled down");
	}
	CHECK_NUM(bp_table_widths(0, NULL, NULL, 200, w), 0,
	    "no columns: no width");
}

static void
test_size(void)
{
	/* Seven columns of narrow words, 93% of the width at 9 pt. */
	double	 mn[7], mx[7], k;
	int	 i;

	for (i = 0; i < 7; i++) {
		mn[i] = 60;
		mx[i] = 600;
	}
	k = bp_table_size(7, mn, mx, 8, 9, 7, 450);
	CHECK(k < 9 && k >= 7, "a table of narrow wrapping columns is set "
	    "smaller (%g pt)", k);
	CHECK((60 - 8) * 7 * k / 9 + 7 * 8 <= TABLE_ROOM * 450 || k == 7,
	    "its minima take at most TABLE_ROOM of the width, or it is at "
	    "the floor");
	CHECK(bp_table_size(7, mn, mx, 8, 9, 7, 300) == 7,
	    "never below the floor");

	/* Fits unwrapped: the style's size. */
	for (i = 0; i < 7; i++)
		mx[i] = mn[i];
	CHECK_NUM(bp_table_size(7, mn, mx, 8, 9, 7, 450), 9,
	    "a table that fits keeps its size");
	/* Wraps, but with room to spare: the style's size. */
	{
		double	 mn2[] = { 60, 60 }, mx2[] = { 300, 600 };

		CHECK_NUM(bp_table_size(2, mn2, mx2, 8, 9, 7, 450), 9,
		    "a table with room for its prose keeps its size");
	}
}

static void
test_split(void)
{
	double	 mn[12];
	int	 part[12], n, i, cnt[4] = { 0 };
	double	 w[4] = { 0 };

	/* Twelve columns of 50 pt, the first repeated: 2 even parts. */
	for (i = 0; i < 12; i++)
		mn[i] = 50;
	n = bp_table_split(12, mn, 450, part);
	CHECK(n == 2, "12 x 50 pt in 450 pt: 2 parts (got %d)", n);
	CHECK(part[0] == -1, "the first column is in every part");
	for (i = 1; i < 12; i++) {
		if (part[i] >= 0 && part[i] < 4) {
			cnt[part[i]]++;
			w[part[i]] += mn[i];
		}
	}
	CHECK(cnt[0] + cnt[1] == 11, "every other column is in a part");
	CHECK(cnt[0] - cnt[1] <= 1 && cnt[1] - cnt[0] <= 1,
	    "the parts are even (%d and %d columns)", cnt[0], cnt[1]);
	CHECK(50 + w[0] <= 450 && 50 + w[1] <= 450, "each part fits");
	for (i = 2; i < 12; i++)
		if (part[i] < part[i - 1])
			break;
	CHECK(i == 12, "columns stay in order");

	/* A wide first column is not repeated. */
	mn[0] = 200;
	n = bp_table_split(12, mn, 450, part);
	CHECK(part[0] == 0, "a first column over a third of the width is "
	    "not repeated");
	CHECK(n == 2 || n == 3, "and the columns still fit (%d parts)", n);

	/* A single column wider than the width gets a part of its own. */
	{
		double	 mn2[] = { 40, 500, 60 };
		int	 p2[3];

		n = bp_table_split(3, mn2, 450, p2);
		CHECK(n == 2 && p2[1] == 0 && p2[2] == 1,
		    "an overwide column stands alone");
	}
}

int
main(void)
{
	test_widths();
	test_size();
	test_split();
	return HARNESS_EXIT();
}
