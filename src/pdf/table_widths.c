/*
 * Table arithmetic once the cells are measured: the text size, the
 * columns' widths (CSS 2.1 automatic table layout) and, for a table too
 * wide even at its narrowest, the groups of columns it is cut into.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "pdf/layout.h"

static void share_out(int nc, const double *minw, const double *maxw,
    double extra, double *colw);
static int split_at(int nc, const double *minw, double first, int from,
    double cap, int *part);

/*
 * Minima that fit: each column gets its minimum and the rest of the
 * width goes to the columns in proportion to how much wider they would
 * like to be (max - min), so running text gets the room and a column
 * of numbers or short words keeps its width. All fits unwrapped: each
 * column its maximum, the table no wider than that.
 */
double
bp_table_widths(int nc, const double *minw, const double *maxw,
    double avail, double *colw)
{
	double	 summin = 0, summax = 0, width = avail;
	int	 c;

	for (c = 0; c < nc; c++) {
		summin += minw[c];
		summax += MAX(maxw[c], minw[c]);
	}
	if (summax <= avail) {
		for (c = 0; c < nc; c++)
			colw[c] = MAX(maxw[c], minw[c]);
		width = summax;
	} else if (summin < avail)
		share_out(nc, minw, maxw, avail - summin, colw);
	else
		for (c = 0; c < nc; c++)
			colw[c] = avail * minw[c] / summin;
	return nc > 0 ? width : 0;
}

/*
 * Share extra points over columns at their minima. The columns that
 * need least to stay unwrapped, together no more than half of extra,
 * get their maximum first: a label or a date kept on one line saves a
 * row's height as much as a line of prose does, for less. The rest goes
 * to the others in proportion to max - min (CSS 2.1, 17.5.2.2).
 */
static void
share_out(int nc, const double *minw, const double *maxw, double extra,
    double *colw)
{
	double	 need, best, given = 0, rest = 0;
	int	 c, pick;

	for (c = 0; c < nc; c++)
		colw[c] = -1;
	for (;;) {
		/* The unserved column that needs least; ties: leftmost. */
		pick = -1;
		best = 0;
		for (c = 0; c < nc; c++) {
			need = MAX(maxw[c], minw[c]) - minw[c];
			if (colw[c] < 0 && (pick < 0 || need < best)) {
				pick = c;
				best = need;
			}
		}
		if (pick < 0 || given + best > extra / 2)
			break;
		colw[pick] = minw[pick] + best;
		given += best;
	}
	for (c = 0; c < nc; c++)
		if (colw[c] < 0)
			rest += MAX(maxw[c], minw[c]) - minw[c];
	for (c = 0; c < nc; c++)
		if (colw[c] < 0)
			colw[c] = minw[c] + (rest > 0 ? (extra - given) *
			    (MAX(maxw[c], minw[c]) - minw[c]) / rest : 0);
}

/*
 * Text widths grow with the text size, padding does not: the size
 * at which the minima (each padded by pad) take at most TABLE_ROOM of
 * avail, in half points from size down to size_min. A table whose
 * cells all fit unwrapped keeps size.
 */
double
bp_table_size(int nc, const double *minw, const double *maxw, double pad,
    double size, double size_min, double avail)
{
	double	 summin = 0, summax = 0, k;
	int	 c;

	for (c = 0; c < nc; c++) {
		summin += minw[c] - pad;
		summax += MAX(maxw[c], minw[c]);
	}
	if (summax <= avail || size <= size_min || summin <= 0)
		return size;
	for (k = size; k > size_min + 1e-9; k -= 0.5)
		if (summin * k / size + nc * pad <= TABLE_ROOM * avail)
			return k;
	return size_min;
}

/*
 * Greedy cut of columns from..nc-1 into parts at most cap wide, each
 * beginning with `first` points (the repeated first column); part[c]
 * gets the part number. A column wider than cap alone gets a part of
 * its own. Returns the number of parts.
 */
static int
split_at(int nc, const double *minw, double first, int from, double cap,
    int *part)
{
	double	 w = first;
	int	 c, n = 1, in_part = 0;

	for (c = from; c < nc; c++) {
		if (in_part > 0 && w + minw[c] > cap) {
			n++;
			w = first;
			in_part = 0;
		}
		w += minw[c];
		in_part++;
		part[c] = n - 1;
	}
	return n;
}

/*
 * Columns too wide together even at their minima: cut them into as
 * few parts as fit avail, then even the parts out (the smallest cap
 * that still needs no more parts, by bisection). The first column is
 * repeated in every part (part[0] = -1) unless it takes more than a
 * third of avail, when it is part 0's alone. Returns the number of
 * parts; part[c] (nc entries, caller's) says each column's.
 */
int
bp_table_split(int nc, const double *minw, double avail, int *part)
{
	double	 first = 0, lo, hi, mid;
	int	 from = 0, n, i;

	if (nc <= 0)
		return 0;
	if (nc > 1 && minw[0] <= avail / 3) {
		first = minw[0];
		part[0] = -1;
		from = 1;
	}
	n = split_at(nc, minw, first, from, avail, part);
	lo = first;
	for (i = from; i < nc; i++)
		lo = MAX(lo, first + minw[i]);
	hi = MAX(avail, lo);
	for (i = 0; i < 40 && hi - lo > 0.01; i++) {
		mid = (lo + hi) / 2;
		if (split_at(nc, minw, first, from, mid, part) <= n)
			hi = mid;
		else
			lo = mid;
	}
	n = split_at(nc, minw, first, from, hi, part);
	return n;
}
