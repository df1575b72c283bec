// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_skbuff.c - socket buffers (core/skbuff.c): sizing as 3.10's
 * __alloc_skb on x86-64, pointer arithmetic, the fclone companion,
 * pskb_copy, reference counts and the queue helpers.
 */
#include <string.h>
#include "harness.h"
#include "skbuff.h"

/* alloc_skb(100): SKB_DATA_ALIGN(100) = 128, + 320 of shared info = 448,
 * served by kmalloc-512, so 512 - 320 = 192 bytes of room and a truesize
 * of 192 + 256 + 320 = 768.  Then reserve/put/push/pull/trim move the
 * pointers by exactly the amounts asked. */
static void test_arithmetic(void)
{
	long live = cs_skb_live_count();
	struct sk_buff *skb;
	unsigned char *p;

	STEP("alloc_skb(100)");
	skb = alloc_skb(100);
	CU_ASSERT_PTR_NOT_NULL_FATAL(skb);
	EXPECT_EQ(skb->end, 192);
	EXPECT_EQ(skb->truesize, 768);
	EXPECT_EQ(skb->len, 0);
	EXPECT_EQ(skb->fclone, SKB_FCLONE_UNAVAILABLE);
	EXPECT_EQ(cs_skb_live_count(), live + 1);
	STEP("skb_reserve(64)");
	skb_reserve(skb, 64);
	EXPECT_EQ(skb_headroom(skb), 64);
	EXPECT_EQ(skb_tailroom(skb), 128);
	STEP("skb_put(20) returns the old tail");
	p = skb_put(skb, 20);
	EXPECT(p == skb->head + 64);
	EXPECT_EQ(skb->len, 20);
	EXPECT_EQ(skb->tail, 84);
	STEP("skb_push(14)");
	p = skb_push(skb, 14);
	EXPECT(p == skb->head + 50);
	EXPECT(skb->data == p);
	EXPECT_EQ(skb->len, 34);
	STEP("skb_pull(4); a pull longer than len fails");
	p = skb_pull(skb, 4);
	EXPECT(p == skb->head + 54);
	EXPECT_EQ(skb->len, 30);
	EXPECT(skb_pull(skb, 31) == NULL);
	EXPECT_EQ(skb->len, 30);
	STEP("skb_trim(10) moves the tail; trim(40) does nothing");
	skb_trim(skb, 10);
	EXPECT_EQ(skb->len, 10);
	EXPECT_EQ(skb->tail, 64);
	skb_trim(skb, 40);
	EXPECT_EQ(skb->len, 10);
	kfree_skb(skb);
	EXPECT_EQ(cs_skb_live_count(), live);
}

/* Larger requests land in larger kmalloc caches: 1500 -> 1536 + 320 =
 * 1856 -> kmalloc-2048 -> 1728 of room; 9000 -> 9024 + 320 = 9344 -> an
 * order-2 page block (16384) -> 16064 of room. */
static void test_sizes(void)
{
	struct sk_buff *a = alloc_skb(1500), *b = alloc_skb(9000);

	STEP("alloc_skb(1500), alloc_skb(9000)");
	EXPECT_EQ(a->end, 1728);
	EXPECT_EQ(a->truesize, 1728 + 576);
	EXPECT_EQ(b->end, 16064);
	kfree_skb(a);
	kfree_skb(b);
}

/* The first clone of an ORIG whose companion is free uses the companion;
 * the second clone is a separate allocation; freeing the companion makes
 * it available again; the pair's block lives until both halves are freed
 * (ASan reports a use after free otherwise). */
static void test_fclone(void)
{
	long live = cs_skb_live_count();
	struct sk_buff *skb, *c1, *c2, *c3;
	struct sk_buff_fclones *fc;

	STEP("alloc_skb_fclone(175)");
	skb = alloc_skb_fclone(175);
	CU_ASSERT_PTR_NOT_NULL_FATAL(skb);
	fc = container_of(skb, struct sk_buff_fclones, skb1);
	EXPECT_EQ(skb->fclone, SKB_FCLONE_ORIG);
	EXPECT_EQ(fc->skb2.fclone, SKB_FCLONE_UNAVAILABLE);
	EXPECT_EQ(atomic_load(&fc->fclone_ref), 1);
	skb_reserve(skb, 64);
	memset(skb_put(skb, 40), 0xab, 40);

	STEP("first clone uses the companion");
	c1 = skb_clone(skb);
	EXPECT(c1 == &fc->skb2);
	EXPECT_EQ(c1->fclone, SKB_FCLONE_CLONE);
	EXPECT_EQ(atomic_load(&fc->fclone_ref), 2);
	EXPECT(c1->head == skb->head && c1->data == skb->data);
	EXPECT_EQ(c1->len, 40);
	EXPECT_EQ(skb->cloned, 1);
	EXPECT_EQ(c1->cloned, 1);
	EXPECT_EQ(atomic_load(&skb_shinfo(skb)->dataref), 2);
	EXPECT(skb_cloned(skb));
	EXPECT_EQ(cs_skb_live_count(), live + 2);

	STEP("second clone while the companion is busy allocates");
	c2 = skb_clone(skb);
	EXPECT(c2 != &fc->skb2);
	EXPECT_EQ(c2->fclone, SKB_FCLONE_UNAVAILABLE);
	EXPECT_EQ(atomic_load(&skb_shinfo(skb)->dataref), 3);

	STEP("free the companion: available again, data still shared by 2");
	kfree_skb(c1);
	EXPECT_EQ(fc->skb2.fclone, SKB_FCLONE_UNAVAILABLE);
	EXPECT_EQ(atomic_load(&fc->fclone_ref), 1);
	EXPECT_EQ(atomic_load(&skb_shinfo(skb)->dataref), 2);
	c3 = skb_clone(skb);
	EXPECT(c3 == &fc->skb2);

	STEP("free the original first: the block survives for the companion");
	kfree_skb(skb);
	EXPECT_EQ(atomic_load(&fc->fclone_ref), 1);
	EXPECT_EQ(c3->data[0], 0xab);
	EXPECT_EQ(atomic_load(&skb_shinfo(c3)->dataref), 2);
	kfree_skb(c3);
	EXPECT_EQ(c2->data[39], 0xab);
	kfree_skb(c2);
	EXPECT_EQ(cs_skb_live_count(), live);
}

/* pskb_copy of a cloned buffer: a private data area with the same
 * headroom, bytes and header offsets; the shared area is not touched. */
static void test_pskb_copy(void)
{
	long live = cs_skb_live_count();
	struct sk_buff *skb = alloc_skb_fclone(200), *c, *n;

	skb_reserve(skb, 80);
	memcpy(skb_put(skb, 5), "hello", 5);
	skb_reset_network_header(skb);
	skb->cb[0] = 42;
	c = skb_clone(skb);
	STEP("pskb_copy of a cloned skb");
	n = pskb_copy(skb);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	EXPECT(n->head != skb->head);
	EXPECT_EQ(skb_headroom(n), 80);
	EXPECT_EQ(n->len, 5);
	EXPECT(memcmp(n->data, "hello", 5) == 0);
	EXPECT_EQ(n->network_header, skb->network_header);
	EXPECT_EQ(n->cb[0], 42);
	EXPECT_EQ(n->cloned, 0);
	EXPECT(!skb_cloned(n));
	EXPECT_EQ(atomic_load(&skb_shinfo(n)->dataref), 1);
	EXPECT_EQ(atomic_load(&skb_shinfo(skb)->dataref), 2);
	STEP("writing the copy leaves the original alone");
	n->data[0] = 'J';
	EXPECT_EQ(skb->data[0], 'h');
	kfree_skb(n);
	kfree_skb(c);
	kfree_skb(skb);
	EXPECT_EQ(cs_skb_live_count(), live);
}

static int destructed;
static void count_destructor(struct sk_buff *skb)
{
	(void)skb;
	destructed++;
}

/* skb_get adds a user; kfree_skb frees only at the last one and runs
 * the destructor exactly once. */
static void test_users(void)
{
	long live = cs_skb_live_count();
	struct sk_buff *skb = alloc_skb(10);

	destructed = 0;
	skb->destructor = count_destructor;
	STEP("skb_get then two frees");
	EXPECT(skb_get(skb) == skb);
	EXPECT_EQ(atomic_load(&skb->users), 2);
	kfree_skb(skb);
	EXPECT_EQ(destructed, 0);
	EXPECT_EQ(cs_skb_live_count(), live + 1);
	consume_skb(skb);
	EXPECT_EQ(destructed, 1);
	EXPECT_EQ(cs_skb_live_count(), live);
	kfree_skb(NULL);
}

/* Queue helpers keep FIFO order and qlen; the head is the sentinel. */
static void test_queue(void)
{
	long live = cs_skb_live_count();
	struct sk_buff_head q;
	struct sk_buff *a = alloc_skb(1), *b = alloc_skb(1), *c = alloc_skb(1);

	skb_queue_head_init(&q);
	STEP("queue a, b at the tail and c at the head");
	EXPECT(skb_peek(&q) == NULL);
	__skb_queue_tail(&q, a);
	__skb_queue_tail(&q, b);
	__skb_queue_head(&q, c);
	EXPECT_EQ(skb_queue_len(&q), 3);
	EXPECT(q.next == c && c->next == a && a->next == b);
	EXPECT(b->next == (struct sk_buff *)(void *)&q);
	STEP("unlink a; dequeue gives c then b");
	__skb_unlink(a, &q);
	EXPECT(a->next == NULL);
	EXPECT(__skb_dequeue(&q) == c);
	EXPECT(__skb_dequeue(&q) == b);
	EXPECT(__skb_dequeue(&q) == NULL);
	EXPECT(skb_queue_empty(&q));
	__skb_queue_tail(&q, a);
	__skb_queue_tail(&q, b);
	__skb_queue_tail(&q, c);
	STEP("purge frees everything");
	__skb_queue_purge(&q);
	EXPECT_EQ(skb_queue_len(&q), 0);
	EXPECT_EQ(cs_skb_live_count(), live);
}

/* skb_copy copies the whole area including headroom. */
static void test_skb_copy(void)
{
	struct sk_buff *skb = alloc_skb(64), *n;

	skb_reserve(skb, 16);
	memcpy(skb_put(skb, 3), "abc", 3);
	skb_push(skb, 2)[0] = 'x';
	STEP("skb_copy");
	n = skb_copy(skb);
	EXPECT_EQ(skb_headroom(n), 14);
	EXPECT_EQ(n->len, 5);
	EXPECT(memcmp(n->data, skb->data, 5) == 0);
	kfree_skb(n);
	kfree_skb(skb);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("skbuff", NULL, NULL);

	CU_add_test(s, "reserve/put/push/pull/trim", test_arithmetic);
	CU_add_test(s, "kmalloc-sized data areas", test_sizes);
	CU_add_test(s, "fclone companion", test_fclone);
	CU_add_test(s, "pskb_copy of a clone", test_pskb_copy);
	CU_add_test(s, "users and destructor", test_users);
	CU_add_test(s, "queue helpers", test_queue);
	CU_add_test(s, "skb_copy", test_skb_copy);
}
