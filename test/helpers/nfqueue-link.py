#!/usr/bin/env python3
"""
A link emulator (delay, jitter, loss) for kernels without sch_netem, driven by impaired-link.ts.

Why it exists: the test and benchmark machines' kernel has no netem qdisc, so `tc qdisc ...
netem` cannot add delay or loss there. It does have nfnetlink_queue: iptables -j NFQUEUE hands
each packet to a user-space program, which answers with a verdict (accept or drop) whenever it
likes. Holding the verdict back is a delay; dropping is loss.

How it works: it speaks the NFQUEUE netlink protocol itself (raw AF_NETLINK socket,
NETLINK_NETFILTER), so it needs nothing beyond the standard library:
  1. binds one queue number (the first free one of a few random tries) in the namespace it was
     started in, asks for packet metadata only (NFQNL_COPY_META: no payload is copied to us),
     raises the queue's length to 8192 packets, and prints "ready QUEUE_NUMBER";
  2. impaired-link.ts then adds the iptables rules that send packets to that queue;
  3. for each packet, in either direction: with probability LOSS it is dropped at once
     (NF_DROP). A packet coming in (PREROUTING) otherwise gets its accept verdict after a delay
     drawn uniformly from DELAY +- JITTER, kept in a heap ordered by due time (bounded: beyond
     MAX_PENDING packets, newcomers are dropped and counted, never held without limit). A
     packet going out (POSTROUTING) is accepted at once;
  4. it exits when its stdin closes (the parent process died or stop() was called) or on
     SIGTERM: every held packet is accepted at once, the queue is unbound, and one JSON line of
     counts goes to stdout, including the kernel's own count of packets it dropped because the
     queue was full or we could not take them (a measure of whether we kept up).

Why the whole round trip is added on the way in: a packet held on its way out is still charged
to the socket that sent it. The kernel sends the resets of closed ports from one shared socket
per CPU with a small send buffer, and with 1,000 resets held for 40 ms it ran out and dropped
some (25 of 1,000 seen): a loss no real network causes. A packet coming in belongs to no socket
yet. The round trip is what a scanner measures, and it is the same either way.

Packets are judged one by one, so jitter reorders them, as netem does with jitter.

Usage: nfqueue-link.py DELAY_MS JITTER_MS LOSS_FRACTION
"""
import errno
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
SOL_NETLINK = 270
SO_RCVBUFFORCE = 33
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET = 0
NFQNL_MSG_VERDICT = 1
NFQNL_MSG_CONFIG = 2
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLM_F_REQUEST = 1
NLM_F_ACK = 4
NFQA_PACKET_HDR = 1
NFQA_VERDICT_HDR = 2
NFQA_CFG_CMD = 1
NFQA_CFG_PARAMS = 2
NFQA_CFG_QUEUE_MAXLEN = 3
NFQNL_CFG_CMD_BIND = 1
NFQNL_CFG_CMD_UNBIND = 2
NFQNL_COPY_META = 1
NF_DROP = 0
NF_ACCEPT = 1
NF_INET_PRE_ROUTING = 0

QUEUE_MAXLEN = 8192
MAX_PENDING = 65536
RCVBUF_BYTES = 8 * 1024 * 1024
BIND_TRIES = 16
# At most this many netlink reads before due verdicts are sent again: a flood of arrivals
# cannot starve the packets already due.
READS_PER_TURN = 256
ACK_WAIT_S = 5.0

seq_counter = 0


def attr(kind, payload):
    length = 4 + len(payload)
    return struct.pack('=HH', length, kind) + payload + b'\0' * ((4 - length % 4) % 4)


def message(msg_type, queue, attrs, flags=NLM_F_REQUEST):
    global seq_counter
    seq_counter += 1
    body = struct.pack('=BBH', socket.AF_UNSPEC, 0, socket.htons(queue)) + b''.join(attrs)
    header = struct.pack('=IHHII', 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | msg_type, flags, seq_counter, 0)
    return header + body, seq_counter


def messages(data):
    """(type, payload) for each netlink message in one datagram."""
    offset = 0
    while offset + 16 <= len(data):
        length, msg_type, _flags, seq, _pid = struct.unpack_from('=IHHII', data, offset)
        if length < 16:
            return
        yield msg_type, seq, data[offset + 16:offset + length]
        offset += (length + 3) & ~3


def attributes(payload):
    """{type: bytes} of the attributes after the 4-byte nfgenmsg."""
    found = {}
    offset = 4
    while offset + 4 <= len(payload):
        length, kind = struct.unpack_from('=HH', payload, offset)
        if length < 4:
            break
        found[kind & 0x3FFF] = payload[offset + 4:offset + length]
        offset += (length + 3) & ~3
    return found


def configure(sock, queue, attrs):
    """Sends one config message and waits (bounded) for the kernel's acknowledgement."""
    data, seq = message(NFQNL_MSG_CONFIG, queue, attrs, NLM_F_REQUEST | NLM_F_ACK)
    sock.send(data)
    deadline = time.monotonic() + ACK_WAIT_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        for msg_type, reply_seq, payload in messages(sock.recv(65536)):
            if msg_type == NLMSG_ERROR and reply_seq == seq:
                code = struct.unpack_from('=i', payload, 0)[0]
                if code != 0:
                    raise OSError(-code, os.strerror(-code))
                return
    raise TimeoutError('no acknowledgement from nfnetlink_queue')


def bind_queue(sock):
    last = None
    for _ in range(BIND_TRIES):
        queue = random.randint(1000, 65000)
        try:
            configure(sock, queue, [attr(NFQA_CFG_CMD, struct.pack('=BxH', NFQNL_CFG_CMD_BIND, 0))])
        except OSError as error:  # EBUSY: another program holds this number in this namespace
            last = error
            continue
        configure(sock, queue, [attr(NFQA_CFG_PARAMS, struct.pack('>IB', 0, NFQNL_COPY_META))])
        configure(sock, queue, [attr(NFQA_CFG_QUEUE_MAXLEN, struct.pack('>I', QUEUE_MAXLEN))])
        return queue
    raise OSError(f'could not bind an NFQUEUE number after {BIND_TRIES} tries: {last}')


def kernel_counts(queue):
    """The kernel's counters for our queue (/proc/net/netfilter/nfnetlink_queue, this namespace)."""
    try:
        with open('/proc/net/netfilter/nfnetlink_queue') as table:
            for line in table:
                fields = line.split()
                if len(fields) >= 7 and int(fields[0]) == queue:
                    return {'kernelWaiting': int(fields[2]), 'kernelQueueFullDrops': int(fields[5]), 'kernelUndeliveredDrops': int(fields[6])}
    except OSError:
        pass
    return {}


def main():
    if len(sys.argv) != 4:
        sys.stderr.write('usage: nfqueue-link.py DELAY_MS JITTER_MS LOSS_FRACTION\n')
        return 2
    delay_s = float(sys.argv[1]) / 1000
    jitter_s = float(sys.argv[2]) / 1000
    loss = float(sys.argv[3])
    parent = os.getppid()

    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.bind((0, 0))
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, RCVBUF_BYTES)
    except OSError:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF_BYTES)
    queue = bind_queue(sock)
    sock.setblocking(False)

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))

    counts = {'queue': queue, 'packets': 0, 'dropped': 0, 'overflowDropped': 0, 'maxPending': 0,
              'lateOver10ms': 0, 'maxLateMs': 0.0, 'readErrors': 0}
    pending = []  # heap of (due, order, packet_id)
    order = 0

    def verdict(packet_id, decision):
        data, _ = message(NFQNL_MSG_VERDICT, queue, [attr(NFQA_VERDICT_HDR, struct.pack('>II', decision, packet_id))])
        try:
            sock.send(data)
        except BlockingIOError:
            select.select([], [sock], [], 1.0)
            sock.send(data)

    def release_due(now):
        while pending and pending[0][0] <= now:
            due, _, packet_id = heapq.heappop(pending)
            late_ms = (now - due) * 1000
            if late_ms > 10:
                counts['lateOver10ms'] += 1
            counts['maxLateMs'] = max(counts['maxLateMs'], round(late_ms, 2))
            verdict(packet_id, NF_ACCEPT)

    def take(data, now):
        nonlocal order
        for msg_type, _seq, payload in messages(data):
            if msg_type != (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                continue
            header = attributes(payload).get(NFQA_PACKET_HDR)
            if header is None or len(header) < 4:
                continue
            packet_id = struct.unpack_from('>I', header, 0)[0]
            incoming = len(header) >= 7 and header[6] == NF_INET_PRE_ROUTING
            counts['packets'] += 1
            if random.random() < loss:
                counts['dropped'] += 1
                verdict(packet_id, NF_DROP)
                continue
            if not incoming:
                verdict(packet_id, NF_ACCEPT)
                continue
            if len(pending) >= MAX_PENDING:
                counts['overflowDropped'] += 1
                verdict(packet_id, NF_DROP)
                continue
            hold = max(0.0, delay_s + random.uniform(-jitter_s, jitter_s))
            order += 1
            heapq.heappush(pending, (now + hold, order, packet_id))
            counts['maxPending'] = max(counts['maxPending'], len(pending))

    sys.stdout.write(f'ready {queue}\n')
    sys.stdout.flush()
    stdin = sys.stdin.fileno()
    while not stopping:
        now = time.monotonic()
        release_due(now)
        wait = min(1.0, max(0.0, pending[0][0] - now)) if pending else 1.0
        try:
            readable, _, _ = select.select([sock, stdin], [], [], wait)
        except InterruptedError:
            continue
        if stdin in readable and not os.read(stdin, 4096):
            break  # stdin closed: stop() or the parent is gone
        if os.getppid() != parent:
            break  # orphaned (the parent died without closing our stdin)
        if sock in readable:
            for _ in range(READS_PER_TURN):
                try:
                    data = sock.recv(262144)
                except BlockingIOError:
                    break
                except OSError as error:
                    if error.errno != errno.ENOBUFS:
                        raise
                    counts['readErrors'] += 1  # the kernel counts the lost packets too (kernelUndeliveredDrops)
                    continue
                take(data, time.monotonic())

    # Everything still held goes through now: stopping the emulation must not lose packets.
    while pending:
        verdict(heapq.heappop(pending)[2], NF_ACCEPT)
    counts.update(kernel_counts(queue))
    try:
        sock.setblocking(True)
        configure(sock, queue, [attr(NFQA_CFG_CMD, struct.pack('=BxH', NFQNL_CFG_CMD_UNBIND, 0))])
    except (OSError, TimeoutError):
        pass  # closing the socket unbinds as well
    sock.close()
    sys.stdout.write(json.dumps(counts) + '\n')
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
