#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Write the seed corpus of fuzz_rx (tests/fuzz/corpus/rx/): one input per
# receive-path situation, in the record format of tests/fuzz/README.md.
# Run from anywhere; the files are committed, this only remakes them.
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'rx')
SYNACK_OPTS = bytes([2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7])
TS = bytes([1, 1, 8, 10, 0, 0, 0, 2, 0, 0, 0, 0])
SEG, RAW, ICMP, TIMER, WAIT, SYSCTL, SOCKOPT, ACTION = range(8)


def seg(flags, dseq=0, dack=0, win=29200, opts=b'', datalen=0, mangle=None):
    b = bytes([SEG, flags]) + struct.pack('>hhH', dseq, dack, win)
    b += bytes([len(opts)]) + opts + bytes([datalen])
    return b + (bytes([1, mangle[0], mangle[1]]) if mangle else bytes([0]))


def synack(opts=SYNACK_OPTS, win=29200):
    """The SYN-ACK fz_start sends for ESTABLISHED and TIME-WAIT (no op, no flags)."""
    return struct.pack('>hhH', 0x1000, 0, win) + bytes([len(opts)]) + opts + bytes([0, 0])


def raw(ethertype, payload):
    payload += bytes(-len(payload) % 4)
    return bytes([RAW, len(payload) // 4]) + struct.pack('>H', ethertype) + payload


ARP_REQ = bytes([0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 2, 10, 77, 0, 2,
                 0, 0, 0, 0, 0, 0, 10, 77, 0, 1])
IP_BARE = bytes([0x45, 0, 0, 20, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 77, 0, 2, 10, 77, 0, 1])
ECHO = bytes([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0x66, 0x4b, 10, 77, 0, 2, 10, 77, 0, 1,
              8, 0, 0xf7, 0xfd, 0, 1, 0, 1])
SEEDS = {
    'syn_sent_only': bytes([0]),
    'syn_sent_rst': bytes([0]) + seg(0x14, 0x1000),
    'syn_sent_synack_timers': bytes([0]) + seg(0x12, 0x1000, opts=SYNACK_OPTS) +
    bytes([TIMER] * 3),
    'syn_sent_retransmit': bytes([0] + [TIMER] * 7),
    'syn_sent_bad_ack': bytes([0]) + seg(0x12, 0x1000, 5, opts=SYNACK_OPTS),
    'syn_sent_plain_synack': bytes([0]) + seg(0x12, 0x1000),
    'syn_sent_simultaneous': bytes([0]) + seg(0x02, 0x1000, opts=bytes([2, 4, 5, 0xb4])),
    'est_data_fin': bytes([1]) + synack() + seg(0x18, opts=TS, datalen=100) +
    seg(0x11, 100, opts=TS) + bytes([TIMER, TIMER]),
    'est_rst': bytes([1]) + synack() + seg(0x04),
    'est_syn': bytes([1]) + synack() + seg(0x02),
    'est_old_ack': bytes([1]) + synack() + seg(0x10, -5000, -100, opts=TS),
    'est_close_timers': bytes([1]) + synack() + bytes([ACTION, 0] + [TIMER] * 5),
    'est_bad_csum': bytes([1]) + synack() + seg(0x10, mangle=(36, 0x55)),
    'est_bad_doff': bytes([1]) + synack() + seg(0x10, mangle=(32, 0xf0)),
    'est_icmp_frag': bytes([1]) + synack() + bytes([ICMP, 3, 4, 0]) + struct.pack('>I', 576),
    'est_icmp_short_quote': bytes([1]) + synack() + bytes([ICMP, 3, 1, 1, 0, 0, 0, 0, 12]),
    'est_sysctl_sockopt': bytes([1]) + synack() + bytes([SYSCTL, 14]) +
    struct.pack('>i', -17) + bytes([SOCKOPT, 0]) + struct.pack('>i', 1) + bytes([ACTION, 0]),
    'tw_segments': bytes([2]) + synack() + seg(0x10) + seg(0x02, 30000) + seg(0x14) +
    bytes([TIMER]),
    'tw_fin_again': bytes([2]) + synack() + seg(0x11, -1) + bytes([WAIT, 0x10, 0]),
    'tw_reconnect': bytes([2]) + synack() + bytes([ACTION, 1]) +
    seg(0x12, 0x2000, opts=SYNACK_OPTS),
    'raw_arp_request': bytes([0]) + raw(0x0806, ARP_REQ),
    'raw_ip_bare': bytes([0]) + raw(0x0800, IP_BARE),
    'raw_icmp_echo': bytes([1]) + synack() + raw(0x0800, ECHO),
}

os.makedirs(OUT, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
print(f'{len(SEEDS)} seeds in {OUT}')
