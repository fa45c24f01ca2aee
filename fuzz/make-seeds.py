#!/usr/bin/env python3
"""Writes the committed seed corpora of fuzz/corpus/ (run from anywhere).

The seeds are small on purpose: a few frames of each protocol the
dictionary names for the capture reader, and a handful of hand-shaped
scenarios for the other targets (each byte is a decision; see the target's
decoder). Regression inputs found by fuzzing are added next to them under
their own names and stay: every file becomes a CTest entry.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    path = os.path.join(HERE, "corpus", target, name)
    with open(path, "wb") as f:
        f.write(data)


MAC = bytes.fromhex("020000000001") + bytes.fromhex("020000000002")


def eth(ethertype, payload):
    return MAC + struct.pack(">H", ethertype) + payload


def ipv4(proto, payload):
    total = 20 + len(payload)
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, total, 1, 0, 64, proto, 0,
                       bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + payload


def ipv6(nh, payload):
    return struct.pack(">IHBB16s16s", 0x60000000, len(payload), nh, 64,
                       bytes(15) + b"\x01", bytes(15) + b"\x02") + payload


def udp(dport, payload):
    return struct.pack(">HHHH", 40000, dport, 8 + len(payload), 0) + payload


def tcp(payload):
    return struct.pack(">HHIIBBHHH", 40000, 80, 1, 0, 0x50, 0x18, 65535, 0, 0) + payload


FRAMES = [
    eth(0x0800, ipv4(17, udp(53, b"\x12\x34\x01\x00\x00\x01" + bytes(6)))),
    eth(0x8100, struct.pack(">HH", 100, 0x0800) + ipv4(6, tcp(b"GET / HTTP/1.1\r\n"))),
    eth(0x86DD, ipv6(6, tcp(b"hello"))),
    eth(0x0800, ipv4(17, udp(4789, struct.pack(">II", 0x08000000, 0x00123400) +
                                 eth(0x0800, ipv4(1, b"\x08\x00" + bytes(6)))))),
    eth(0x0800, ipv4(47, struct.pack(">HH", 0, 0x6558) + eth(0x86DD, ipv6(59, b"")))),
    MAC[:10],  # a runt
]


def pcap(frames, linktype=1, truncate_last=False):
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for i, f in enumerate(frames):
        caplen = len(f)
        if truncate_last and i == len(frames) - 1:
            caplen = len(f) // 2
        out += struct.pack("<IIII", 1700000000 + i, 0, caplen, len(f)) + f[:caplen]
    return out


def pad4(b):
    return b + bytes((4 - len(b) % 4) % 4)


def pcapng_block(btype, body):
    length = 12 + len(body)
    return struct.pack("<II", btype, length) + body + struct.pack("<I", length)


def pcapng(frames):
    out = pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += pcapng_block(1, struct.pack("<HHI", 1, 0, 65535))
    for i, f in enumerate(frames):
        body = struct.pack("<IIIII", 0, 0, i, len(f), len(f)) + pad4(f)
        out += pcapng_block(6, body)
    return out


def capture_seeds():
    write("capture", "pcap-protocols", pcap(FRAMES))
    write("capture", "pcap-truncated-frame", pcap(FRAMES[:2], truncate_last=True))
    write("capture", "pcap-jumbo", pcap([eth(0x0800, ipv4(17, udp(9, bytes(9000))))[:9200]]))
    write("capture", "pcap-too-large", pcap([eth(0x0800, bytes(9300))]))
    write("capture", "pcap-linktype-raw", pcap(FRAMES[:1], linktype=101))
    write("capture", "pcapng-protocols", pcapng(FRAMES))


def nb_ops_seeds():
    # Two layouts, then operations; see geometry_decode and run_op.
    one_mdl = bytes([0, 6, 200, 1, 0, 4, 20, 4, 30, 0])       # 1 run, data at 20
    many = bytes([2, 1, 3, 0, 5, 1, 3, 0, 4, 5, 4, 60, 1])     # 3 runs incl. zero-length
    write("nb_ops", "retreat-advance", one_mdl + many +
          bytes([0, 6, 40, 5, 10, 1, 2, 6, 40, 1]))
    write("nb_ops", "slow-retreat-handler", one_mdl + many +
          bytes([1, 7, 2, 0, 4, 8, 9, 4, 8, 2, 0, 7, 1]))
    write("nb_ops", "get-copy", one_mdl + many +
          bytes([4, 6, 30, 2, 1, 1, 1, 0x41, 5, 6, 4, 6, 100, 6, 2]))
    write("nb_ops", "derived", one_mdl + many +
          bytes([8, 1, 0, 1, 0, 9, 1, 4, 10, 4, 30, 4, 8, 4, 16, 1, 0, 10, 1, 4, 2, 4, 8, 0, 0, 0]))
    write("nb_ops", "nbl-retreat-fail", one_mdl + many +
          bytes([18, 1, 6, 200, 6, 100, 1, 2, 18, 1, 6, 10, 0, 1]))


def pools_seeds():
    good = bytes([0, 7, 1, 2, 0, 0, 0, 1, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0])
    write("pools", "nbl-with-data", good + bytes([0, 3, 1, 0, 2, 0, 8, 0, 0, 3, 4]))
    write("pools", "contexts", bytes([0, 7, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) +
          bytes([0, 0x14, 2, 0, 2, 0, 0, 4, 0, 2, 0, 3, 0, 3, 0, 4]))
    write("pools", "bad-header", bytes([0x0F, 0x81, 1, 0, 0]) + bytes(20))
    write("pools", "nb-pool", bytes([0, 7, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) +
          bytes([5, 1, 0, 13, 2, 0, 6, 5, 2, 3, 14]))


capture_seeds()
nb_ops_seeds()
pools_seeds()
