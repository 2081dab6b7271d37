/* The string map: keys are byte strings of any content, copied in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "strmap.h"

#define KEY(s) ((struct sv){ (s), sizeof(s) - 1 })
#define VAL(i) ((void *)(uintptr_t)(i))

static void
test_empty(void **state)
{
	struct strmap m = { 0 };

	(void)state;
	assert_null(strmap_get(&m, KEY("a")));
	assert_null(strmap_key(&m, KEY("a")));
	assert_null(strmap_get(&m, KEY("")));
	strmap_free(&m);
	assert_int_equal(m.n, 0);
}

static void
test_put_get(void **state)
{
	struct strmap m = { 0 };
	void **slot;
	char probe[] = "C001";
	const char *stored;

	(void)state;
	slot = strmap_put(&m, KEY("C001"));
	assert_non_null(slot);
	/* A new key starts with a NULL value. */
	assert_null(*slot);
	*slot = VAL(1);
	assert_int_equal(m.n, 1);
	assert_ptr_equal(strmap_get(&m, KEY("C001")), VAL(1));
	/* Putting a key that is there finds its value, adds nothing. */
	slot = strmap_put(&m, KEY("C001"));
	assert_ptr_equal(*slot, VAL(1));
	*slot = VAL(2);
	assert_int_equal(m.n, 1);
	assert_ptr_equal(strmap_get(&m, KEY("C001")), VAL(2));
	assert_null(strmap_get(&m, KEY("C002")));
	assert_null(strmap_get(&m, KEY("C00")));
	assert_null(strmap_get(&m, KEY("C0011")));
	assert_null(strmap_get(&m, KEY("c001")));
	/* The key is copied: the caller's buffer may change. */
	stored = strmap_key(&m, (struct sv){ probe, 4 });
	assert_non_null(stored);
	assert_ptr_not_equal(stored, probe);
	assert_memory_equal(stored, "C001", 4);
	probe[3] = '2';
	assert_null(strmap_get(&m, (struct sv){ probe, 4 }));
	assert_ptr_equal(strmap_get(&m, KEY("C001")), VAL(2));
	assert_null(strmap_key(&m, KEY("C002")));
	strmap_free(&m);
}

/* Keys are bytes with a length: NUL bytes, high bytes, the empty key. */
static void
test_odd_keys(void **state)
{
	static const struct sv keys[] = {
		KEY("a\0b"), KEY("a\0c"), KEY("a"), KEY("a\0"), KEY(""), KEY("\0"),
		KEY("\0\0"), KEY("张三"), KEY("\xff\xfe"), KEY("a b"), KEY("A"),
	};
	enum { N = sizeof keys / sizeof keys[0] };
	struct strmap m = { 0 };

	(void)state;
	for (int i = 0; i < N; i++) {
		void **slot = strmap_put(&m, keys[i]);

		assert_null(*slot);
		*slot = VAL(i + 1);
	}
	assert_int_equal(m.n, N);
	for (int i = 0; i < N; i++) {
		const char *k = strmap_key(&m, keys[i]);

		assert_ptr_equal(strmap_get(&m, keys[i]), VAL(i + 1));
		assert_non_null(k);
		assert_memory_equal(k, keys[i].p, keys[i].n);
	}
	assert_null(strmap_get(&m, KEY("a\0d")));
	assert_null(strmap_get(&m, KEY("\0\0\0")));
	strmap_free(&m);
}

/* Far past any initial size: every key still found, none invented, and
 * the stored copy of a key stays where it was. */
static void
test_growth(void **state)
{
	enum { N = 200000 };
	struct strmap m = { 0 };
	const char *first = NULL;
	char buf[32];

	(void)state;
	for (int i = 0; i < N; i++) {
		int n = snprintf(buf, sizeof buf, "C%06d", i);
		void **slot = strmap_put(&m, (struct sv){ buf, (size_t)n });

		assert_null(*slot);
		*slot = VAL(i + 1);
		if (i == 0)
			first = strmap_key(&m, (struct sv){ buf, (size_t)n });
	}
	assert_int_equal(m.n, N);
	assert_ptr_equal(strmap_key(&m, KEY("C000000")), first);
	for (int i = 0; i < N; i++) {
		int n = snprintf(buf, sizeof buf, "C%06d", i);

		if (strmap_get(&m, (struct sv){ buf, (size_t)n }) != VAL(i + 1))
			fail_msg("key %s lost", buf);
	}
	for (int i = N; i < N + 1000; i++) {
		int n = snprintf(buf, sizeof buf, "C%06d", i);

		assert_null(strmap_get(&m, (struct sv){ buf, (size_t)n }));
		n = snprintf(buf, sizeof buf, "D%06d", i - N);
		assert_null(strmap_get(&m, (struct sv){ buf, (size_t)n }));
	}
	/* Putting them all again adds nothing. */
	for (int i = 0; i < N; i += 97) {
		int n = snprintf(buf, sizeof buf, "C%06d", i);

		assert_ptr_equal(*strmap_put(&m, (struct sv){ buf, (size_t)n }), VAL(i + 1));
	}
	assert_int_equal(m.n, N);
	strmap_free(&m);
	/* A freed map is empty and can be used again. */
	assert_int_equal(m.n, 0);
	assert_null(strmap_get(&m, KEY("C000001")));
	*strmap_put(&m, KEY("x")) = VAL(7);
	assert_ptr_equal(strmap_get(&m, KEY("x")), VAL(7));
	strmap_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_odd_keys),
		cmocka_unit_test(test_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
