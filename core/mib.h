/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mib.h - the SNMP / netstat counters this path touches, with the names
 * /proc/net/snmp and /proc/net/netstat give them (net/ipv4/proc.c).
 * The X-macro keeps the enum and the printed names in one list.
 */
#ifndef CS_MIB_H
#define CS_MIB_H

#include <stdatomic.h>

/* X(enum suffix, group, /proc name) */
#define CS_MIB_LIST(X)						\
	X(IP_INRECEIVES, "Ip", "InReceives")			\
	X(IP_INHDRERRORS, "Ip", "InHdrErrors")			\
	X(IP_INADDRERRORS, "Ip", "InAddrErrors")		\
	X(IP_INUNKNOWNPROTOS, "Ip", "InUnknownProtos")		\
	X(IP_INDISCARDS, "Ip", "InDiscards")			\
	X(IP_INDELIVERS, "Ip", "InDelivers")			\
	X(IP_OUTREQUESTS, "Ip", "OutRequests")			\
	X(IP_OUTDISCARDS, "Ip", "OutDiscards")			\
	X(IP_OUTNOROUTES, "Ip", "OutNoRoutes")			\
	X(IP_REASMREQDS, "Ip", "ReasmReqds")			\
	X(IP_FRAGFAILS, "Ip", "FragFails")			\
	X(IP_INNOROUTES, "IpExt", "InNoRoutes")			\
	X(IP_INTRUNCATEDPKTS, "IpExt", "InTruncatedPkts")	\
	X(IP_INCSUMERRORS, "IpExt", "InCsumErrors")	\
	X(ICMP_INMSGS, "Icmp", "InMsgs")			\
	X(ICMP_INERRORS, "Icmp", "InErrors")			\
	X(ICMP_INCSUMERRORS, "Icmp", "InCsumErrors")		\
	X(ICMP_INDESTUNREACHS, "Icmp", "InDestUnreachs")	\
	X(ICMP_INTIMEEXCDS, "Icmp", "InTimeExcds")		\
	X(ICMP_INPARMPROBS, "Icmp", "InParmProbs")		\
	X(ICMP_INSRCQUENCHS, "Icmp", "InSrcQuenchs")		\
	X(ICMP_INREDIRECTS, "Icmp", "InRedirects")		\
	X(ICMP_INECHOS, "Icmp", "InEchos")			\
	X(ICMP_INECHOREPS, "Icmp", "InEchoReps")		\
	X(ICMP_OUTMSGS, "Icmp", "OutMsgs")			\
	X(ICMP_OUTDESTUNREACHS, "Icmp", "OutDestUnreachs")	\
	X(ICMP_OUTPARMPROBS, "Icmp", "OutParmProbs")		\
	X(ICMP_OUTECHOREPS, "Icmp", "OutEchoReps")		\
	X(TCP_ACTIVEOPENS, "Tcp", "ActiveOpens")		\
	X(TCP_PASSIVEOPENS, "Tcp", "PassiveOpens")		\
	X(TCP_ATTEMPTFAILS, "Tcp", "AttemptFails")		\
	X(TCP_ESTABRESETS, "Tcp", "EstabResets")		\
	X(TCP_CURRESTAB, "Tcp", "CurrEstab")			\
	X(TCP_INSEGS, "Tcp", "InSegs")				\
	X(TCP_OUTSEGS, "Tcp", "OutSegs")			\
	X(TCP_RETRANSSEGS, "Tcp", "RetransSegs")		\
	X(TCP_INERRS, "Tcp", "InErrs")				\
	X(TCP_OUTRSTS, "Tcp", "OutRsts")			\
	X(TCP_INCSUMERRORS, "Tcp", "InCsumErrors")		\
	X(LINUX_TWRECYCLED, "TcpExt", "TWRecycled")		\
	X(LINUX_PAWSACTIVEREJECTED, "TcpExt", "PAWSActive")	\
	X(LINUX_TCPTIMEOUTS, "TcpExt", "TCPTimeouts")		\
	X(LINUX_TCPABORTONTIMEOUT, "TcpExt", "TCPAbortOnTimeout") \
	X(LINUX_TCPABORTONCLOSE, "TcpExt", "TCPAbortOnClose")	\
	X(LINUX_TCPABORTONDATA, "TcpExt", "TCPAbortOnData")	\
	X(LINUX_TCPSPURIOUSRTXHOSTQUEUES, "TcpExt", "TCPSpuriousRtxHostQueues") \
	X(LINUX_OUTOFWINDOWICMPS, "TcpExt", "OutOfWindowIcmps")	\
	X(LINUX_LOCKDROPPEDICMPS, "TcpExt", "LockDroppedIcmps")	\
	X(LINUX_TCPMINTTLDROP, "TcpExt", "TCPMinTTLDrop")	\
	X(LINUX_TCPBACKLOGDROP, "TcpExt", "TCPBacklogDrop")	\
	X(LINUX_TIMEWAITED, "TcpExt", "TW")			\
	X(LINUX_TCPTIMEWAITOVERFLOW, "TcpExt", "TCPTimeWaitOverflow") \
	X(LINUX_DELAYEDACKS, "TcpExt", "DelayedACKs")		\
	X(LINUX_DELAYEDACKLOST, "TcpExt", "DelayedACKLost")	\
	X(LINUX_LISTENDROPS, "TcpExt", "ListenDrops")		\
	X(LINUX_PAWSESTABREJECTED, "TcpExt", "PAWSEstab")	\
	X(LINUX_TCPPUREACKS, "TcpExt", "TCPPureAcks")		\
	X(LINUX_TCPSYNCHALLENGE, "TcpExt", "TCPSYNChallenge")	\
	X(LINUX_TCPCHALLENGEACK, "TcpExt", "TCPChallengeACK")	\
	X(CS_ARPFAILED, "Arp", "ResolutionFailed")		\
	X(CS_RXDROPNOTIP, "Link", "RxDropped")			\
	X(CS_TXDROPPED, "Link", "TxDropped")			\
	X(CS_RXMISSED, "Link", "RxMissed")			\
	X(LINUX_TCPABORTFAILED, "TcpExt", "TCPAbortFailed")

enum cs_mib_field {
#define CS_MIB_ENUM(e, g, n) MIB_##e,
	CS_MIB_LIST(CS_MIB_ENUM)
#undef CS_MIB_ENUM
	CS_MIB_MAX
};

struct cs_mib {
	atomic_ullong v[CS_MIB_MAX];
};

const char *cs_mib_name(enum cs_mib_field f);
const char *cs_mib_group(enum cs_mib_field f);

/* The kernel's *_INC_STATS family collapses to one atomic add here. */
#define NET_ADD_STATS(net, field, n) \
	atomic_fetch_add(&(net)->mib.v[MIB_##field], (unsigned long long)(n))
#define NET_INC_STATS(net, field) NET_ADD_STATS(net, field, 1)
#define NET_DEC_STATS(net, field) \
	atomic_fetch_sub(&(net)->mib.v[MIB_##field], 1ULL)
#define TCP_INC_STATS(net, field) NET_INC_STATS(net, TCP_##field)
#define IP_INC_STATS(net, field) NET_INC_STATS(net, IP_##field)
#define NET_INC_LINUX(net, field) NET_INC_STATS(net, LINUX_##field)

#endif
