// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_socket.c - core/socket.c: the descriptor table, sys_connect's
 * sockfd_lookup_light, move_addr_to_kernel and security_socket_connect.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <arpa/inet.h>
#include "harness.h"
#include "connscope/connscope.h"
#include "net.h"

static int nb_socket(struct test_stack *ts)
{
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	EXPECT(fd >= 0);
	return fd;
}

/* socket(2): lowest free descriptor first, reused after close. */
static void test_fd_lowest_free(void)
{
	struct test_stack *ts = ts_new(NULL);
	int a, b, c;

	STEP("open three sockets");
	a = nb_socket(ts);
	b = nb_socket(ts);
	c = nb_socket(ts);
	EXPECT_EQ(a, 0);
	EXPECT_EQ(b, 1);
	EXPECT_EQ(c, 2);
	STEP("close fd 1, open again: 1 is reused");
	EXPECT_EQ(cs_close(ts->net, b), 0);
	EXPECT_EQ(nb_socket(ts), 1);
	STEP("close an fd twice: EBADF");
	EXPECT_EQ(cs_close(ts->net, c), 0);
	EXPECT_EQ(cs_close(ts->net, c), -1);
	EXPECT_EQ(errno, EBADF);
	ts_free(ts);
}

/* The table holds CS_MAX_FDS descriptors, then EMFILE. */
static void test_fd_emfile(void)
{
	struct test_stack *ts = ts_new(NULL);
	int i, fd = 0;

	STEP("open %d sockets", CS_MAX_FDS);
	for (i = 0; i < CS_MAX_FDS && fd >= 0; i++)
		fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	EXPECT_EQ(fd, CS_MAX_FDS - 1);
	STEP("one more: EMFILE");
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), -1);
	EXPECT_EQ(errno, EMFILE);
	ts_free(ts);
}

/* connscope.nofile sizes the table (200: not a whole number of bitmap
 * words); a closed descriptor is the next one given, lowest first, and the
 * bitmaps agree with the table all along (cs_check_tables). */
static void test_fd_nofile_lowest_free(void)
{
	static const char *const sysctls[] = { "connscope.nofile=200", NULL };
	static const int holes[] = { 130, 5, 70, 63, 64 };
	struct test_stack *ts = ts_new(sysctls);
	char msg[256];
	int i, fd = 0;

	STEP("open 200 sockets, then EMFILE");
	for (i = 0; i < 200 && fd >= 0; i++)
		fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);
	EXPECT_EQ(fd, 199);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), -1);
	EXPECT_EQ(errno, EMFILE);
	STEP("close 130, 5, 70, 63, 64: they come back lowest first");
	for (i = 0; i < 5; i++)
		EXPECT_EQ(cs_close(ts->net, holes[i]), 0);
	EXPECT_EQ(cs_check_tables(ts->net, msg, sizeof(msg)), 0);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), 5);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), 63);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), 64);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), 70);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), 130);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), -1);
	EXPECT_EQ(errno, EMFILE);
	EXPECT_EQ(cs_check_tables(ts->net, msg, sizeof(msg)), 0);
	ts_free(ts);
	STEP("connscope.nofile=1048576: a stack with the largest table, fd 1048575 not open");
	{
		static const char *const big[] = { "connscope.nofile=1048576", NULL };

		ts = ts_new(big);
		EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, 0), 0);
		EXPECT_EQ(cs_fcntl(ts->net, 1048575, F_GETFL, 0), -1);
		EXPECT_EQ(errno, EBADF);
		ts_free(ts);
	}
}

static int net_secret_drawn(const struct net *net)
{
	return net->inet_ehash_secret != 0;
}

/* socket(2) argument checks of inet_create. */
static void test_socket_args(void)
{
	struct test_stack *ts = ts_new(NULL);

	EXPECT_EQ(cs_socket(ts->net, AF_INET6, SOCK_STREAM, 0), -1);
	EXPECT_EQ(errno, EAFNOSUPPORT);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_DGRAM, 0), -1);
	EXPECT_EQ(errno, ESOCKTNOSUPPORT);
	EXPECT_EQ(net_secret_drawn(ts->net), 0);
	EXPECT_EQ(cs_socket(ts->net, AF_INET, SOCK_STREAM, IPPROTO_UDP), -1);
	EXPECT_EQ(errno, EPROTONOSUPPORT);
	/* inet_create (3.10) draws the secrets before the protocol lookup. */
	EXPECT_EQ(net_secret_drawn(ts->net), 1);
	EXPECT(cs_socket(ts->net, AF_INET, SOCK_STREAM, IPPROTO_TCP) >= 0);
	STEP("sys_socket/__sock_create order (3.10): bad flags, family range, type range");
	EXPECT_EQ(cs_socket(ts->net, AF_INET6, SOCK_STREAM | 0x100, 0), -1);
	EXPECT_EQ(errno, EINVAL);		/* flags beyond CLOEXEC|NONBLOCK */
	EXPECT_EQ(cs_socket(ts->net, AF_INET, 12, 0), -1);
	EXPECT_EQ(errno, EINVAL);		/* type >= SOCK_MAX (11) */
	EXPECT_EQ(cs_socket(ts->net, AF_INET6, 12, 0), -1);
	EXPECT_EQ(errno, EINVAL);		/* type checked before the family's lookup */
	EXPECT_EQ(cs_socket(ts->net, 41, 12, 0), -1);
	EXPECT_EQ(errno, EAFNOSUPPORT);		/* family >= NPROTO first */
	ts_free(ts);
}

/* sockfd_lookup_light: a descriptor that is not open is EBADF, before the
 * address is even looked at. */
static void test_connect_ebadf(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);

	EXPECT_EQ(cs_connect(ts->net, 5, (struct sockaddr *)&sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EBADF);
	EXPECT_EQ(cs_connect(ts->net, -1, NULL, 999), -1);
	EXPECT_EQ(errno, EBADF);
	EXPECT_EQ(cs_connect(ts->net, CS_MAX_FDS, (struct sockaddr *)&sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EBADF);
	ts_free(ts);
}

/* move_addr_to_kernel: negative or > sizeof(sockaddr_storage) is EINVAL;
 * 0 copies nothing (then __inet_stream_connect's length check says EINVAL);
 * a NULL buffer with a length is EFAULT; exactly 128 bytes is accepted. */
static void test_move_addr_lengths(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_storage ss;
	struct sockaddr_in sin = ts_sin(TS_PEER, 80);
	int fd = nb_socket(ts);

	STEP("addrlen -1");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&sin, (socklen_t)-1), -1);
	EXPECT_EQ(errno, EINVAL);
	STEP("addrlen 129");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&ss, 129), -1);
	EXPECT_EQ(errno, EINVAL);
	STEP("addrlen 0");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&sin, 0), -1);
	EXPECT_EQ(errno, EINVAL);
	STEP("NULL address, addrlen 16");
	EXPECT_EQ(cs_connect(ts->net, fd, NULL, sizeof(sin)), -1);
	EXPECT_EQ(errno, EFAULT);
	STEP("addrlen 128 with an AF_INET address: accepted, the SYN goes out");
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, &sin, sizeof(sin));
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&ss, sizeof(ss)), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	ts_free(ts);
}

/* security_socket_connect: allows by default; a deny rule gives EACCES
 * before the protocol is reached (the socket stays unconnected). */
static void test_security_hook(void)
{
	static const char *const deny80[] = { "connscope.fixed_secrets=1",
					      "connscope.security_deny_port=80", NULL };
	struct test_stack *ts = ts_new(deny80);
	struct sockaddr_in s80 = ts_sin(TS_PEER, 80), s81 = ts_sin(TS_PEER, 81);
	uint64_t opens = 0;
	int fd = nb_socket(ts);

	STEP("connect to the denied port 80");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&s80, sizeof(s80)), -1);
	EXPECT_EQ(errno, EACCES);
	EXPECT_EQ(cs_mib_get(ts->net, "ActiveOpens", &opens), 0);
	EXPECT_EQ(opens, 0);
	STEP("the same socket may connect to port 81");
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&s81, sizeof(s81)), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	EXPECT_EQ(cs_mib_get(ts->net, "ActiveOpens", &opens), 0);
	EXPECT_EQ(opens, 1);
	ts_free(ts);
}

/* fcntl O_NONBLOCK, getsockname before and after connect. */
static void test_fcntl_getsockname(void)
{
	struct test_stack *ts = ts_new(NULL);
	struct sockaddr_in sin = ts_sin(TS_PEER, 80), got;
	socklen_t len = sizeof(got);
	int fd = cs_socket(ts->net, AF_INET, SOCK_STREAM, 0);

	EXPECT_EQ(cs_fcntl(ts->net, fd, F_GETFL, 0) & O_NONBLOCK, 0);
	EXPECT_EQ(cs_fcntl(ts->net, fd, F_SETFL, O_NONBLOCK), 0);
	EXPECT(cs_fcntl(ts->net, fd, F_GETFL, 0) & O_NONBLOCK);
	EXPECT_EQ(cs_getsockname(ts->net, fd, (struct sockaddr *)&got, &len), 0);
	EXPECT_EQ(got.sin_port, 0);
	EXPECT_EQ(got.sin_addr.s_addr, 0);
	EXPECT_EQ(cs_connect(ts->net, fd, (struct sockaddr *)&sin, sizeof(sin)), -1);
	EXPECT_EQ(errno, EINPROGRESS);
	len = sizeof(got);
	EXPECT_EQ(cs_getsockname(ts->net, fd, (struct sockaddr *)&got, &len), 0);
	EXPECT_EQ(len, sizeof(got));
	EXPECT_EQ(got.sin_addr.s_addr, inet_addr(TS_ADDR));
	EXPECT(ntohs(got.sin_port) >= 32768 && ntohs(got.sin_port) <= 61000);
	STEP("getpeername in SYN_SENT: ENOTCONN");
	len = sizeof(got);
	EXPECT_EQ(cs_getpeername(ts->net, fd, (struct sockaddr *)&got, &len), -1);
	EXPECT_EQ(errno, ENOTCONN);
	ts_free(ts);
}

void register_tests(void)
{
	CU_pSuite s = CU_add_suite("socket.c", NULL, NULL);

	CU_add_test(s, "fd table: lowest free descriptor", test_fd_lowest_free);
	CU_add_test(s, "fd table: EMFILE when full", test_fd_emfile);
	CU_add_test(s, "fd table: connscope.nofile, lowest free first", test_fd_nofile_lowest_free);
	CU_add_test(s, "socket(2) argument checks", test_socket_args);
	CU_add_test(s, "sockfd_lookup_light: EBADF", test_connect_ebadf);
	CU_add_test(s, "move_addr_to_kernel: lengths", test_move_addr_lengths);
	CU_add_test(s, "security_socket_connect: deny rule", test_security_hook);
	CU_add_test(s, "fcntl and getsockname", test_fcntl_getsockname);
}
