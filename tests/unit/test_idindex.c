/* Dense indices for ids: first-seen order, the guess of the next id, the
 * caller's records grown in step, and byte order for output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idindex.h"

#define KEY(s) ((struct sv){ (s), sizeof(s) - 1 })

static void
test_first_seen_order(void **state)
{
	struct idindex x = { 0 };
	bool added;

	(void)state;
	assert_int_equal(idindex_get(&x, KEY("C2"), &added), 0);
	assert_true(added);
	assert_int_equal(idindex_get(&x, KEY("C10"), &added), 1);
	assert_true(added);
	assert_int_equal(idindex_get(&x, KEY("C2"), &added), 0);
	assert_false(added);
	assert_int_equal(idindex_find(&x, KEY("C10")), 1);
	assert_int_equal(idindex_find(&x, KEY("C1")), (size_t)-1);
	/* A prefix of a known id is another id, not a guess that fits. */
	assert_int_equal(idindex_get(&x, KEY("C1"), &added), 2);
	assert_true(added);
	assert_string_equal(idindex_id(&x, 1), "C10");
	idindex_free(&x);
}

/* Sweeps in the same order every "day", then sorted by cadre: each id keeps
 * its index whichever way the guess goes. */
static void
test_sweeps(void **state)
{
	struct idindex x = { 0 };
	char id[16];
	bool added;

	(void)state;
	for (int day = 0; day < 3; day++)
		for (int c = 0; c < 1000; c++) {
			snprintf(id, sizeof id, "C%04d", (c * 7) % 1000);
			assert_int_equal(idindex_get(&x, sv_of(id), &added), c);
			assert_int_equal(added, day == 0);
		}
	for (int c = 0; c < 1000; c++)
		for (int day = 0; day < 3; day++) {
			snprintf(id, sizeof id, "C%04d", (c * 7) % 1000);
			assert_int_equal(idindex_get(&x, sv_of(id), &added), c);
			assert_false(added);
		}
	assert_int_equal(x.n, 1000);
	idindex_free(&x);
}

static void
test_grow_and_sort(void **state)
{
	static const char *const ids[] = { "b", "C10", "a", "C2", "中", "B" };
	struct idindex x = { 0 };
	long *recs = NULL;
	size_t *v, have = 0;
	bool added;

	(void)state;
	for (size_t i = 0; i < 6; i++) {
		size_t k = idindex_get(&x, sv_of(ids[i]), &added);

		assert_true(added);
		recs = idindex_fit(&x, recs, sizeof *recs, &have);
		assert_int_equal(have, i + 1);
		assert_int_equal(recs[k], 0);   /* zeroed */
		recs[k] = (long)k + 100;
	}
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(recs[i], (long)i + 100);
	/* Ids added while the caller looked away: all of them fitted at once. */
	for (int i = 0; i < 300; i++) {
		char id[8];

		snprintf(id, sizeof id, "x%d", i);
		idindex_get(&x, sv_of(id), &added);
	}
	recs = idindex_fit(&x, recs, sizeof *recs, &have);
	assert_int_equal(have, 306);
	assert_int_equal(recs[5], 105);
	assert_int_equal(recs[305], 0);
	/* Byte order: upper case before lower, ASCII before UTF-8, x0 .. x299
	 * between b and 中. */
	v = idindex_sorted(&x);
	assert_string_equal(idindex_id(&x, v[0]), "B");
	assert_string_equal(idindex_id(&x, v[1]), "C10");
	assert_string_equal(idindex_id(&x, v[2]), "C2");
	assert_string_equal(idindex_id(&x, v[3]), "a");
	assert_string_equal(idindex_id(&x, v[4]), "b");
	assert_string_equal(idindex_id(&x, v[5]), "x0");
	assert_string_equal(idindex_id(&x, v[6]), "x1");
	assert_string_equal(idindex_id(&x, v[7]), "x10");
	assert_string_equal(idindex_id(&x, v[305]), "中");
	free(v);
	free(recs);
	idindex_free(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_seen_order),
		cmocka_unit_test(test_sweeps),
		cmocka_unit_test(test_grow_and_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
