// CAR v1 vectors for the Java interop test, made with @ipld/car.
//   node car.mjs write <file> <out.car>  imports <file> like unixfs-cid.mjs, writes the DAG as
//                                        a CAR (root first, depth-first, each block once) and
//                                        prints the root CID
//   node car.mjs read <car>              reads a CAR, checks every block's hash, prints JSON
//                                        { roots: [...], blocks: [...] }
//   node car.mjs fetch <url>             the same for a CAR fetched over HTTP with
//                                        Accept: application/vnd.ipld.car (a trustless gateway);
//                                        the JSON also has the response's status and content type
import { createReadStream, createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CarBlockIterator, CarWriter } from '@ipld/car'
import * as dagPb from '@ipld/dag-pb'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { equals } from 'multiformats/bytes'
import { sha256 } from 'multiformats/hashes/sha2'
import { importFile } from './unixfs-cid.mjs'

async function write (file, out) {
  const blockstore = new MemoryBlockstore()
  const root = await importFile(file, blockstore)
  const { writer, out: bytes } = CarWriter.create([root])
  const done = pipeline(Readable.from(bytes), createWriteStream(out))
  const seen = new Set()
  const visit = async (cid) => {
    if (seen.has(cid.toString())) return
    seen.add(cid.toString())
    const block = await toBytes(blockstore.get(cid))
    await writer.put({ cid, bytes: block })
    if (cid.code === dagPb.code) {
      for (const link of dagPb.decode(block).Links) {
        await visit(link.Hash)
      }
    }
  }
  await visit(root)
  await writer.close()
  await done
  console.log(root.toString())
}

async function toBytes (value) {
  const v = await value
  if (v instanceof Uint8Array) return v
  const parts = []
  for await (const chunk of v) parts.push(chunk)
  return Buffer.concat(parts)
}

async function read (car) {
  console.log(JSON.stringify(await readCar(createReadStream(car))))
}

async function fetchCar (url) {
  const res = await fetch(url, { headers: { accept: 'application/vnd.ipld.car' } })
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${url}: ${await res.text()}`)
  const car = await readCar(res.body)
  console.log(JSON.stringify({ status: res.status, contentType: res.headers.get('content-type'), ...car }))
}

async function readCar (stream) {
  const blocks = await CarBlockIterator.fromIterable(stream)
  const roots = (await blocks.getRoots()).map(String)
  const cids = []
  for await (const { cid, bytes } of blocks) {
    if (cid.multihash.code !== sha256.code || !equals((await sha256.digest(bytes)).digest, cid.multihash.digest)) {
      throw new Error(`hash mismatch for ${cid}`)
    }
    cids.push(cid.toString())
  }
  return { roots, blocks: cids }
}

const [cmd, a, b] = process.argv.slice(2)
if (cmd === 'write' && a != null && b != null) {
  await write(a, b)
} else if (cmd === 'read' && a != null) {
  await read(a)
} else if (cmd === 'fetch' && a != null) {
  await fetchCar(a)
} else {
  console.error('usage: car.mjs write <file> <out.car> | car.mjs read <car> | car.mjs fetch <url>')
  process.exit(2)
}
