// Solcial: check every post on the page in the reader's browser, without trusting the beacon.
// For each <article class="post"> it checks, with WebCrypto (sha-256, Ed25519):
//   1. the entry block (data-entry-block, base64) hashes to the entry CID (data-entry-cid);
//   2. its DAG-PB Data is canonical JSON, and its author is the author shown;
//   3. the Ed25519 signature over "solcial-entry-v1:" + canonical JSON without "signature"
//      verifies against the author's key (the base58 wallet address);
//   4. the content block (data-content-block) hashes to the entry's "content" CID, and its text,
//      time, attachments and reply target are what the page shows.
// Then it marks the post "signature verified", or "signature NOT verified" with the reason.
// Formats: docs/protocol.md ("Profile log entries", "Signature", "Post content").
(() => {
  'use strict'
  const DOMAIN = 'solcial-entry-v1:'
  const B32 = 'abcdefghijklmnopqrstuvwxyz234567'
  const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
  const DAG_PB = 0x70
  const SHA2_256 = 0x12

  class Refused extends Error {}
  class Unsupported extends Error {}

  const refuse = (why) => { throw new Refused(why) }

  function fromBase64 (text) {
    let raw
    try { raw = atob(text) } catch (e) { refuse('a block is not valid base64') }
    const out = new Uint8Array(raw.length)
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i)
    return out
  }

  function fromBase32 (text) {
    const out = []
    let bits = 0
    let value = 0
    for (const c of text) {
      const v = B32.indexOf(c)
      if (v < 0) refuse('a CID is not base32')
      value = (value << 5) | v
      bits += 5
      if (bits >= 8) {
        bits -= 8
        out.push((value >>> bits) & 0xff)
        value &= (1 << bits) - 1
      }
    }
    return new Uint8Array(out)
  }

  function fromBase58 (text) {
    const bytes = []
    for (const c of text) {
      let carry = B58.indexOf(c)
      if (carry < 0) refuse('the author is not a base58 address')
      for (let j = 0; j < bytes.length; j++) {
        carry += bytes[j] * 58
        bytes[j] = carry & 0xff
        carry >>= 8
      }
      while (carry > 0) { bytes.push(carry & 0xff); carry >>= 8 }
    }
    for (const c of text) { if (c !== '1') break; bytes.push(0) }
    return new Uint8Array(bytes.reverse())
  }

  function varint (buf, pos) {
    let value = 0
    for (let shift = 0; shift < 56; shift += 7) {
      if (pos >= buf.length) refuse('truncated varint')
      const b = buf[pos++]
      value += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return [value, pos]
    }
    refuse('varint too long')
  }

  /** A CIDv1 string (base32, sha2-256): its codec and digest. */
  function parseCid (text) {
    if (typeof text !== 'string' || text[0] !== 'b') refuse('not a base32 CIDv1: ' + text)
    const bytes = fromBase32(text.slice(1))
    let [version, pos] = varint(bytes, 0)
    if (version !== 1) refuse('not a CIDv1')
    let codec, hash, length
    ;[codec, pos] = varint(bytes, pos)
    ;[hash, pos] = varint(bytes, pos)
    ;[length, pos] = varint(bytes, pos)
    if (hash !== SHA2_256 || length !== 32 || pos + 32 !== bytes.length) refuse('CID is not a sha2-256 CID')
    return { codec, digest: bytes.slice(pos) }
  }

  /** The Data field of a DAG-PB node (Links are field 2, Data field 1, both length-delimited). */
  function dagPbData (bytes) {
    let pos = 0
    let data = null
    while (pos < bytes.length) {
      let tag, length
      ;[tag, pos] = varint(bytes, pos)
      if ((tag & 7) !== 2 || (tag >>> 3 !== 1 && tag >>> 3 !== 2)) refuse('not a DAG-PB node')
      ;[length, pos] = varint(bytes, pos)
      if (pos + length > bytes.length) refuse('truncated DAG-PB node')
      if (tag >>> 3 === 1) {
        if (data !== null) refuse('two Data fields')
        data = bytes.subarray(pos, pos + length)
      }
      pos += length
    }
    if (data === null) refuse('DAG-PB node without Data')
    return data
  }

  /** RFC 8785 for the JSON subset of the protocol: objects, arrays, strings, safe integers. */
  function canonical (value) {
    if (typeof value === 'string') return JSON.stringify(value)
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) refuse('a number is not a safe integer')
      return String(value)
    }
    if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']'
    if (value !== null && typeof value === 'object') {
      return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}'
    }
    refuse('unsupported JSON value')
  }

  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const encoder = new TextEncoder()

  /** Parses a block's canonical JSON Data, refusing anything not canonical. */
  function canonicalJson (block) {
    let text
    try { text = utf8.decode(dagPbData(block)) } catch (e) { if (e instanceof Refused) throw e; refuse('Data is not UTF-8') }
    let value
    try { value = JSON.parse(text) } catch (e) { refuse('Data is not JSON') }
    if (canonical(value) !== text) refuse('JSON is not canonical')
    return value
  }

  async function requireHash (block, cidText, codec, what) {
    const cid = parseCid(cidText)
    if (cid.codec !== codec) refuse(what + ' CID has the wrong codec')
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', block))
    if (digest.length !== cid.digest.length || digest.some((b, i) => b !== cid.digest[i])) {
      refuse('the ' + what + ' block does not match its CID')
    }
  }

  const normalize = (text) => text.replace(/\r\n?/g, '\n')

  async function verifySignature (entry) {
    const key = fromBase58(entry.author)
    if (key.length !== 32) refuse('the author address is not a 32-byte key')
    if (typeof entry.signature !== 'string') refuse('no signature')
    const signature = fromBase64(entry.signature)
    if (signature.length !== 64) refuse('the signature is not 64 bytes')
    const unsigned = Object.assign({}, entry)
    delete unsigned.signature
    const message = encoder.encode(DOMAIN + canonical(unsigned))
    let publicKey
    try {
      publicKey = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify'])
    } catch (e) {
      if (e && e.name === 'NotSupportedError') throw new Unsupported('this browser has no Ed25519 in WebCrypto')
      refuse('the author key is not an Ed25519 key')
    }
    if (!await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, message)) {
      refuse('the signature does not match the entry')
    }
  }

  /** Checks that the page shows what the signed content says. */
  function checkShown (article, entry, content) {
    const shown = article.querySelector('.text')
    if (typeof content.text !== 'string') refuse('content has no text')
    if (!shown || normalize(shown.textContent) !== normalize(content.text)) refuse('the text shown is not the signed text')
    const time = article.querySelector('time')
    if (!time || Date.parse(time.getAttribute('datetime')) !== entry.timestamp) refuse('the time shown is not the signed time')
    const media = new Set((Array.isArray(content.media) ? content.media : []).map((m) => m.cid))
    for (const link of article.querySelectorAll('.media a')) {
      const cid = (link.getAttribute('href') || '').replace(/^\/media\//, '')
      if (!media.has(cid)) refuse('an attachment shown is not in the signed content')
    }
    const replying = article.querySelector('.replying a')
    const parent = entry.params && entry.params.parent
    if ((replying !== null) !== (typeof parent === 'string') ||
        (replying && replying.getAttribute('href') !== '/p/' + parent)) {
      refuse('the reply target shown is not the signed one')
    }
  }

  async function verify (article) {
    const d = article.dataset
    if (!window.isSecureContext || !window.crypto || !crypto.subtle) {
      throw new Unsupported('WebCrypto needs HTTPS (or localhost)')
    }
    if (!d.entryCid || !d.entryBlock) refuse('the page carries no signed entry')
    const entryBlock = fromBase64(d.entryBlock)
    await requireHash(entryBlock, d.entryCid, DAG_PB, 'entry')
    const entry = canonicalJson(entryBlock)
    if (entry === null || typeof entry !== 'object' || entry.v !== 1) refuse('not a version 1 entry')
    if (entry.author !== d.author) refuse('the entry is by someone else than the author shown')
    await verifySignature(entry)
    const contentCid = entry.params && entry.params.content
    if (typeof contentCid !== 'string') refuse('the entry names no content')
    if (d.contentBlock === undefined) return 'signature verified · content not held here'
    const contentBlock = fromBase64(d.contentBlock)
    await requireHash(contentBlock, contentCid, DAG_PB, 'content')
    checkShown(article, entry, canonicalJson(contentBlock))
    return 'signature verified'
  }

  function mark (article, state, label, detail) {
    article.dataset.verified = state
    const badge = article.querySelector('.sig')
    if (!badge) return
    badge.dataset.state = state
    badge.textContent = label
    badge.title = detail
  }

  async function run (article) {
    try {
      const label = await verify(article)
      mark(article, 'ok', '✓ ' + label, 'Checked in your browser: the author\'s Ed25519 signature, the block hashes and the text shown.')
    } catch (e) {
      if (e instanceof Unsupported) {
        mark(article, 'unsupported', 'signature not checked', e.message)
      } else {
        const why = e instanceof Refused ? e.message : 'unexpected error: ' + e
        mark(article, 'bad', '✗ signature NOT verified', why)
        const badge = article.querySelector('.sig')
        if (badge) badge.dataset.reason = why
      }
    }
  }

  function start () {
    for (const article of document.querySelectorAll('article.post')) run(article)
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
