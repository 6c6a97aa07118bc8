/* Paint a photo-like fjord scene with fish-farm pens and save it as JPEG.
 * SPDX-License-Identifier: MIT
 *
 * Deterministic: a fixed-seed hash drives all the noise, no rand(), no
 * clock. Build and run (from the repository root):
 *
 *   cc -O2 -o /tmp/make_photo examples/tools/make_photo.c \
 *      $(pkg-config --cflags --libs gdk-pixbuf-2.0) -lm
 *   /tmp/make_photo examples/artikler/bilder/fjord-oppdrett.jpg
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define W 1200
#define H 800
#define HORIZON 470 /* y of the shoreline / water line */

static double hash2(int x, int y, uint32_t seed);
static double vnoise(double x, double y, uint32_t seed);
static double fbm(double x, double y, int octaves, uint32_t seed);
static double ridge_height(double x, int layer);
static void mix(double *rgb, const double *with, double t);

/* Integer hash to [0, 1). */
static double
hash2(int x, int y, uint32_t seed)
{
	uint32_t h = (uint32_t)x * 374761393u + (uint32_t)y * 668265263u +
	    seed * 2246822519u;
	h = (h ^ (h >> 13)) * 1274126177u;
	h ^= h >> 16;
	return (h & 0xffffff) / 16777216.0;
}

/* Smoothly interpolated value noise. */
static double
vnoise(double x, double y, uint32_t seed)
{
	int xi = (int)floor(x), yi = (int)floor(y);
	double xf = x - xi, yf = y - yi;
	double u = xf * xf * (3 - 2 * xf), v = yf * yf * (3 - 2 * yf);
	double a = hash2(xi, yi, seed), b = hash2(xi + 1, yi, seed);
	double c = hash2(xi, yi + 1, seed), d = hash2(xi + 1, yi + 1, seed);
	return (a * (1 - u) + b * u) * (1 - v) + (c * (1 - u) + d * u) * v;
}

/* Fractal sum of octaves, roughly in [0, 1]. */
static double
fbm(double x, double y, int octaves, uint32_t seed)
{
	double sum = 0, amp = 0.5, norm = 0;
	for (int i = 0; i < octaves; i++) {
		sum += amp * vnoise(x, y, seed + (uint32_t)i * 101u);
		norm += amp;
		x *= 2.03;
		y *= 2.03;
		amp *= 0.5;
	}
	return sum / norm;
}

/* Mountain silhouette: y coordinate of the ridge at column x for a layer
 * (0 = farthest). Nearer layers are higher and rougher. */
static double
ridge_height(double x, int layer)
{
	static const double base[3] = { 330, 300, 250 };
	static const double amp[3] = { 90, 150, 260 };
	double n = fbm(x / (420.0 - layer * 90), layer * 7.3, 6, 17u + layer);
	double y = base[layer] + amp[layer] * (0.5 - n) * 1.6;
	/* open the fjord towards the middle-right, where the pens float */
	double valley = exp(-pow((x - 760) / (220.0 + 60 * layer), 2));
	y += valley * (60 + layer * 55);
	return y > HORIZON ? HORIZON : y;
}

static void
mix(double *rgb, const double *with, double t)
{
	for (int i = 0; i < 3; i++)
		rgb[i] = rgb[i] * (1 - t) + with[i] * t;
}

int
main(int argc, char **argv)
{
	const char *out = argc > 1 ? argv[1] : "fjord-oppdrett.jpg";
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, W, H);
	int stride = gdk_pixbuf_get_rowstride(pb);
	guchar *pix = gdk_pixbuf_get_pixels(pb);
	static const double sky_top[3] = { 92, 128, 170 };
	static const double sky_low[3] = { 222, 214, 200 };
	static const double cloud[3] = { 246, 244, 240 };
	static const double haze[3] = { 196, 204, 212 };
	static const double rock[3][3] = {
		{ 120, 136, 156 }, { 78, 96, 104 }, { 44, 62, 52 } };
	static const double snow[3] = { 236, 240, 246 };
	static const double water_deep[3] = { 28, 52, 66 };
	static const double ring[3] = { 22, 24, 26 };
	static const double barge[3] = { 168, 56, 44 };
	/* pens: centre x, centre y (on water), radius x; ellipses flattened */
	static const double pens[][3] = {
		{ 640, 545, 46 }, { 760, 548, 48 }, { 880, 552, 50 },
		{ 580, 612, 62 }, { 735, 618, 64 }, { 890, 626, 66 },
	};
	GError *err = NULL;

	for (int y = 0; y < H; y++) {
		for (int x = 0; x < W; x++) {
			double c[3];
			int sy = y; /* the row whose scenery we show */
			int water = y > HORIZON;
			double ripple = 0;

			if (water) {
				/* mirror about the horizon, with horizontal ripples */
				double d = y - HORIZON;
				ripple = (fbm(x / 60.0, y / 6.0, 4, 91u) - 0.5) *
				    (6 + d * 0.08);
				sy = HORIZON - (int)d;
				if (sy < 0)
					sy = 0;
			}
			double xx = x + ripple;

			/* sky: vertical gradient plus soft clouds */
			double t = sy / (double)HORIZON;
			for (int i = 0; i < 3; i++)
				c[i] = sky_top[i] * (1 - t) + sky_low[i] * t;
			double cl = fbm(xx / 260.0, sy / 90.0, 5, 3u);
			cl = (cl - 0.52) * 3.2;
			if (cl > 0)
				mix(c, cloud, cl > 0.85 ? 0.85 : cl);

			/* mountains, far to near */
			for (int l = 0; l < 3; l++) {
				double ry = ridge_height(xx, l);
				if (sy >= ry) {
					double tex = fbm(xx / 35.0, sy / 35.0, 4,
					    40u + l);
					double rc[3];
					for (int i = 0; i < 3; i++)
						rc[i] = rock[l][i] *
						    (0.82 + 0.36 * tex);
					/* snow on the high parts of the far ranges */
					if (l < 2 && sy < 300 && tex > 0.45 &&
					    sy - ry < 60)
						mix(rc, snow, 0.7);
					/* atmospheric haze toward the horizon */
					mix(rc, haze, 0.32 - l * 0.14);
					for (int i = 0; i < 3; i++)
						c[i] = rc[i];
				}
			}

			if (water) {
				double d = (y - HORIZON) / (double)(H - HORIZON);
				mix(c, water_deep, 0.35 + 0.45 * d);
				/* glints */
				double g = fbm(x / 14.0, y / 2.5, 3, 77u);
				if (g > 0.74)
					mix(c, cloud, (g - 0.74) * 2.0);
			}

			/* fish-farm pens: dark rings with a light handrail */
			if (water) {
				for (size_t p = 0; p < sizeof pens / sizeof *pens;
				    p++) {
					double rx = pens[p][2], ry = rx * 0.22;
					double ex = (x - pens[p][0]) / rx;
					double ey = (y - pens[p][1]) / ry;
					double r = sqrt(ex * ex + ey * ey);
					double w = 3.2 / rx;
					if (fabs(r - 1) < w)
						mix(c, ring, 0.9);
					else if (fabs(r - 1 - 1.6 * w) < w * 0.6)
						mix(c, snow, 0.5);
					else if (r < 1)
						mix(c, water_deep, 0.25);
				}
				/* feed barge */
				if (x > 985 && x < 1075 && y > 520 && y < 548) {
					double bc[3] = { barge[0], barge[1], barge[2] };
					if (y < 530)
						bc[0] = 230, bc[1] = 230, bc[2] = 226;
					mix(c, bc, 1.0);
				}
			}

			/* vignette and film grain */
			double vx = (x - W / 2.0) / W, vy = (y - H / 2.0) / H;
			double vig = 1 - 0.35 * (vx * vx + vy * vy);
			double grain = (hash2(x, y, 5u) - 0.5) * 6;
			guchar *p = pix + y * stride + x * 3;
			for (int i = 0; i < 3; i++) {
				double v = c[i] * vig + grain;
				p[i] = (guchar)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
			}
		}
	}

	if (!gdk_pixbuf_save(pb, out, "jpeg", &err, "quality", "85", NULL)) {
		fprintf(stderr, "make_photo: %s: %s\n", out, err->message);
		g_error_free(err);
		g_object_unref(pb);
		return 1;
	}
	g_object_unref(pb);
	return 0;
}
