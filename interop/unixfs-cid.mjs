// Prints the CID that Helia's UnixFS importer gives a file with the settings of
// `ipfs add --cid-version=1`: 256 KiB fixed chunks, raw leaves, balanced DAG of
// at most 174 links per node, a single-chunk file is its raw leaf.
// Usage: node unixfs-cid.mjs <file>
import { createReadStream } from 'node:fs'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

export const KUBO_V1_OPTIONS = {
  cidVersion: 1,
  rawLeaves: true,
  chunker: fixedSize({ chunkSize: 262144 }),
  layout: balanced({ maxChildrenPerNode: 174 }),
  reduceSingleLeafToSelf: true
}

export async function importFile (path, blockstore) {
  const fs = unixfs({ blockstore })
  return fs.addByteStream(createReadStream(path), KUBO_V1_OPTIONS)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2]
  if (path == null) {
    console.error('usage: unixfs-cid.mjs <file>')
    process.exit(2)
  }
  const cid = await importFile(path, new MemoryBlockstore())
  console.log(cid.toString())
}
