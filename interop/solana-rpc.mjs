// A small Solana JSON-RPC server on 127.0.0.1 in front of litesvm (the real Solana runtime with
// the SPL Token, Token-2022 and Associated Token Account programs built in). Enough of the API for
// solanaj and for Solcial-J's chain adapter; see README.md.
//
//   node solana-rpc.mjs [--port N]      prints `rpc: http://127.0.0.1:PORT` once listening
//
// stdin control lines (for outage tests): `down` closes the listener and every open connection
// (the RPC becomes unreachable, the ledger stays), `up` listens again on the same port; each is
// acknowledged on stdout (`down`, `rpc: ...`). End of stdin stops the process.
import http from 'node:http'
import readline from 'node:readline'
import { randomBytes } from 'node:crypto'
import { LiteSVM } from 'litesvm'
import { address, getBase58Decoder, getBase58Encoder, getCompiledTransactionMessageDecoder,
  getTransactionDecoder, lamports } from '@solana/kit'

const TOKEN = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'
const TOKEN_2022 = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb'
const PROGRAM_NAMES = { [TOKEN]: 'spl-token', [TOKEN_2022]: 'spl-token-2022' }
const RECENT_BLOCKHASHES = 150
const TX_ERRORS = ['AccountInUse', 'AccountLoadedTwice', 'AccountNotFound', 'ProgramAccountNotFound',
  'InsufficientFundsForFee', 'InvalidAccountForFee', 'AlreadyProcessed', 'BlockhashNotFound',
  'CallChainTooDeep', 'MissingSignatureForFee', 'InvalidAccountIndex', 'SignatureFailure',
  'InvalidProgramForExecution', 'SanitizeFailure', 'ClusterMaintenance', 'AccountBorrowOutstanding',
  'WouldExceedMaxBlockCostLimit', 'UnsupportedVersion', 'InvalidWritableAccount',
  'WouldExceedMaxAccountCostLimit', 'WouldExceedAccountDataBlockLimit', 'TooManyAccountLocks',
  'AddressLookupTableNotFound', 'InvalidAddressLookupTableOwner', 'InvalidAddressLookupTableData',
  'InvalidAddressLookupTableIndex', 'InvalidRentPayingAccount', 'WouldExceedMaxVoteCostLimit',
  'WouldExceedAccountDataTotalLimit', 'MaxLoadedAccountsDataSizeExceeded', 'ResanitizationNeeded',
  'InvalidLoadedAccountsDataSizeLimit', 'UnbalancedTransaction', 'ProgramCacheHitMaxLimit', 'CommitCancelled']
const IX_ERRORS = ['GenericError', 'InvalidArgument', 'InvalidInstructionData', 'InvalidAccountData',
  'AccountDataTooSmall', 'InsufficientFunds', 'IncorrectProgramId', 'MissingRequiredSignature',
  'AccountAlreadyInitialized', 'UninitializedAccount', 'UnbalancedInstruction', 'ModifiedProgramId',
  'ExternalAccountLamportSpend', 'ExternalAccountDataModified', 'ReadonlyLamportChange',
  'ReadonlyDataModified', 'DuplicateAccountIndex', 'ExecutableModified', 'RentEpochModified',
  'NotEnoughAccountKeys', 'AccountDataSizeChanged', 'AccountNotExecutable', 'AccountBorrowFailed',
  'AccountBorrowOutstanding', 'DuplicateAccountOutOfSync', 'InvalidError', 'ExecutableDataModified',
  'ExecutableLamportChange', 'ExecutableAccountNotRentExempt', 'UnsupportedProgramId', 'CallDepth',
  'MissingAccount', 'ReentrancyNotAllowed', 'MaxSeedLengthExceeded', 'InvalidSeeds', 'InvalidRealloc',
  'ComputationalBudgetExceeded', 'PrivilegeEscalation', 'ProgramEnvironmentSetupFailure',
  'ProgramFailedToComplete', 'ProgramFailedToCompile', 'Immutable', 'IncorrectAuthority',
  'AccountNotRentExempt', 'InvalidAccountOwner', 'ArithmeticOverflow', 'UnsupportedSysvar', 'IllegalOwner',
  'MaxAccountsDataAllocationsExceeded', 'MaxAccountsExceeded', 'MaxInstructionTraceLengthExceeded',
  'BuiltinProgramsMustConsumeComputeUnits', 'BorshIoError']

// litesvm only accepts its current blockhash: turn its check off and keep our own recent list.
const svm = new LiteSVM().withBlockhashCheck(false)
const recentBlockhashes = [svm.latestBlockhash()]
const statuses = new Map() // signature -> { slot, err }
let slot = 1n
svm.warpToSlot(slot)

const b58 = getBase58Decoder() // bytes -> string
const fromB58 = getBase58Encoder() // string -> bytes
const txDecoder = getTransactionDecoder()
const messageDecoder = getCompiledTransactionMessageDecoder()

class RpcError extends Error {
  constructor (code, message, data) { super(message); this.code = code; this.data = data }
}
const invalidParams = (message) => new RpcError(-32602, message)

function pubkey (value, what = 'pubkey') {
  try {
    if (typeof value === 'string' && fromB58.encode(value).length === 32) return address(value)
  } catch { /* fall through */ }
  throw invalidParams(`Invalid param: ${what} is not a valid base58 public key`)
}

const context = () => ({ slot: Number(slot), apiVersion: '2.2.0' })
const withContext = (value) => ({ context: context(), value })
const u64 = (data, offset) => Buffer.from(data.buffer, data.byteOffset, data.length).readBigUInt64LE(offset)

function nextSlot () {
  slot += 1n
  svm.warpToSlot(slot)
}

// --- token layouts (spl-token / spl-token-2022 state) ---
const MINT_LEN = 82
const ACCOUNT_LEN = 165
function tokenKind (programAddress, data) {
  if (!(programAddress in PROGRAM_NAMES)) return null
  if (data.length === MINT_LEN) return 'mint'
  if (data.length === ACCOUNT_LEN) return 'account'
  if (programAddress === TOKEN_2022 && data.length > ACCOUNT_LEN) {
    return data[ACCOUNT_LEN] === 1 ? 'mint' : data[ACCOUNT_LEN] === 2 ? 'account' : null
  }
  return null
}
const mintInfo = (data) => ({ supply: u64(data, 36), decimals: data[44], initialized: data[45] === 1 })
function tokenAccountInfo (data) {
  return {
    mint: b58.decode(data.subarray(0, 32)),
    owner: b58.decode(data.subarray(32, 64)),
    amount: u64(data, 64),
    state: data[108] === 2 ? 'frozen' : data[108] === 1 ? 'initialized' : 'uninitialized'
  }
}
function uiAmount (amount, decimals) {
  const s = amount.toString().padStart(decimals + 1, '0')
  const text = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, '')
  return { amount: amount.toString(), decimals, uiAmount: Number(text), uiAmountString: text }
}
function decimalsOf (mint) {
  const acct = svm.getAccount(address(mint))
  return acct.exists && tokenKind(acct.programAddress, acct.data) === 'mint' ? acct.data[44] : 0
}

function encodeAccount (acct, encoding) {
  const data = Buffer.from(acct.data)
  const base = {
    executable: acct.executable,
    lamports: Number(acct.lamports),
    owner: acct.programAddress,
    rentEpoch: 18446744073709551615,
    space: data.length
  }
  if (encoding === 'jsonParsed') {
    const kind = tokenKind(acct.programAddress, data)
    if (kind === 'account') {
      const info = tokenAccountInfo(data)
      return {
        ...base,
        data: {
          program: PROGRAM_NAMES[acct.programAddress],
          parsed: {
            type: 'account',
            info: { isNative: false, mint: info.mint, owner: info.owner, state: info.state,
              tokenAmount: uiAmount(info.amount, decimalsOf(info.mint)) }
          },
          space: data.length
        }
      }
    }
    if (kind === 'mint') {
      const info = mintInfo(data)
      return {
        ...base,
        data: {
          program: PROGRAM_NAMES[acct.programAddress],
          parsed: { type: 'mint', info: { decimals: info.decimals, isInitialized: info.initialized, supply: info.supply.toString() } },
          space: data.length
        }
      }
    }
  }
  if (encoding === 'base58') return { ...base, data: [b58.decode(data), 'base58'] }
  return { ...base, data: [data.toString('base64'), 'base64'] }
}

function lookup (key) {
  const acct = svm.getAccount(pubkey(key))
  return acct.exists ? acct : null
}

function matchesFilters (acct, filters = []) {
  for (const f of filters) {
    if (f.dataSize !== undefined && acct.data.length !== f.dataSize) return false
    if (f.memcmp) {
      const bytes = f.memcmp.encoding === 'base64' ? Buffer.from(f.memcmp.bytes, 'base64') : Buffer.from(fromB58.encode(f.memcmp.bytes))
      const slice = Buffer.from(acct.data).subarray(f.memcmp.offset, f.memcmp.offset + bytes.length)
      if (!slice.equals(bytes)) return false
    }
  }
  return true
}

function tokenAccountsByOwner (owner, filter, config = {}) {
  pubkey(owner, 'owner')
  let programs
  let mint = null
  if (filter?.mint) {
    const m = lookup(filter.mint)
    if (!m || tokenKind(m.programAddress, m.data) !== 'mint') throw invalidParams('Invalid param: could not find mint')
    programs = [m.programAddress]
    mint = filter.mint
  } else if (filter?.programId) {
    if (!(filter.programId in PROGRAM_NAMES)) throw invalidParams('Invalid param: unrecognized Token program id')
    programs = [filter.programId]
  } else {
    throw invalidParams('Invalid param: expected {mint} or {programId}')
  }
  const out = []
  for (const program of programs) {
    for (const acct of svm.getProgramAccounts(address(program))) {
      const data = Buffer.from(acct.data)
      if (tokenKind(program, data) !== 'account') continue
      const info = tokenAccountInfo(data)
      if (info.owner !== owner || (mint && info.mint !== mint)) continue
      out.push({ pubkey: acct.address, account: encodeAccount(acct, config.encoding ?? 'base64') })
    }
  }
  return withContext(out)
}

function transactionError (err) {
  if (typeof err === 'number') return TX_ERRORS[err] ?? `TransactionError${err}`
  if (err && typeof err.err === 'function' && 'index' in err) { // InstructionError
    const inner = err.err()
    let ix
    if (typeof inner === 'number') ix = IX_ERRORS[inner] ?? `InstructionError${inner}`
    else if (inner && 'code' in inner) ix = { Custom: inner.code }
    else if (inner && 'msg' in inner) ix = { BorshIoError: inner.msg }
    else ix = String(inner)
    return { InstructionError: [err.index, ix] }
  }
  if (err && 'accountIndex' in err) return { [err.constructor.name.replace('TransactionError', '')]: { account_index: err.accountIndex } }
  if (err && 'index' in err) return { DuplicateInstruction: err.index }
  return String(err)
}

function sendTransaction (encoded, config = {}) {
  const encoding = config.encoding ?? 'base58'
  let bytes
  try {
    bytes = encoding === 'base64' ? Buffer.from(encoded, 'base64') : Buffer.from(fromB58.encode(encoded))
  } catch {
    throw invalidParams(`invalid ${encoding} encoding`)
  }
  let tx, message
  try {
    tx = txDecoder.decode(bytes)
    message = messageDecoder.decode(tx.messageBytes)
  } catch (e) {
    throw invalidParams(`failed to deserialize transaction: ${e.message}`)
  }
  const signatureBytes = Object.values(tx.signatures)[0]
  if (!signatureBytes) throw invalidParams('transaction has no signature')
  const signature = b58.decode(signatureBytes)
  if (!recentBlockhashes.includes(message.lifetimeToken)) {
    throw new RpcError(-32002, 'Transaction simulation failed: Blockhash not found', { err: 'BlockhashNotFound', logs: [] })
  }
  if (statuses.has(signature)) {
    throw new RpcError(-32002, 'Transaction simulation failed: This transaction has already been processed',
      { err: 'AlreadyProcessed', logs: [] })
  }
  if (!config.skipPreflight) {
    const sim = svm.simulateTransaction(tx)
    if (typeof sim.err === 'function') {
      const err = transactionError(sim.err())
      const logs = sim.meta().logs()
      const detail = err.InstructionError ? `Error processing Instruction ${err.InstructionError[0]}: ${JSON.stringify(err.InstructionError[1])}` : JSON.stringify(err)
      throw new RpcError(-32002, `Transaction simulation failed: ${detail}`, { err, logs, accounts: null, unitsConsumed: 0 })
    }
  }
  const result = svm.sendTransaction(tx)
  nextSlot()
  statuses.set(signature, { slot: Number(slot), err: typeof result.err === 'function' ? transactionError(result.err()) : null })
  return signature
}

function requestAirdrop (key, amount) {
  const to = pubkey(key)
  if (!Number.isSafeInteger(amount) || amount <= 0) throw invalidParams('Invalid param: lamports')
  // Credit with setAccount: a second identical airdrop transaction would fail AlreadyProcessed.
  const acct = svm.getAccount(to)
  const current = acct.exists ? acct : { address: to, data: new Uint8Array(), executable: false, lamports: 0n, programAddress: address('11111111111111111111111111111111'), space: 0n }
  svm.setAccount({ ...current, lamports: lamports(BigInt(current.lamports) + BigInt(amount)) })
  nextSlot()
  const signature = b58.decode(randomBytes(64))
  statuses.set(signature, { slot: Number(slot), err: null })
  return signature
}

function latestBlockhash () {
  svm.expireBlockhash()
  const hash = svm.latestBlockhash()
  recentBlockhashes.push(hash)
  if (recentBlockhashes.length > RECENT_BLOCKHASHES) recentBlockhashes.shift()
  return withContext({ blockhash: hash, lastValidBlockHeight: Number(slot) + RECENT_BLOCKHASHES })
}

const methods = {
  getHealth: () => 'ok',
  getVersion: () => ({ 'solana-core': '2.2.0', 'feature-set': 0 }),
  getSlot: () => Number(slot),
  getBlockHeight: () => Number(slot),
  getLatestBlockhash: () => latestBlockhash(),
  getMinimumBalanceForRentExemption: (size) => Number(svm.minimumBalanceForRentExemption(BigInt(size))),
  getBalance: (key) => withContext(Number(svm.getBalance(pubkey(key)) ?? 0n)),
  getAccountInfo: (key, config = {}) => {
    const acct = lookup(key)
    return withContext(acct ? encodeAccount(acct, config.encoding ?? 'base58') : null)
  },
  getMultipleAccounts: (keys, config = {}) => withContext(keys.map((k) => {
    const acct = lookup(k)
    return acct ? encodeAccount(acct, config.encoding ?? 'base64') : null
  })),
  getProgramAccounts: (program, config = {}) => {
    const list = svm.getProgramAccounts(pubkey(program, 'program id'))
      .filter((acct) => matchesFilters(acct, config.filters))
      .map((acct) => ({ pubkey: acct.address, account: encodeAccount(acct, config.encoding ?? 'base64') }))
    return config.withContext ? withContext(list) : list
  },
  getTokenSupply: (key) => {
    const acct = lookup(key)
    if (!acct || tokenKind(acct.programAddress, acct.data) !== 'mint') throw invalidParams('Invalid param: not a Token mint')
    const info = mintInfo(Buffer.from(acct.data))
    return withContext(uiAmount(info.supply, info.decimals))
  },
  getTokenAccountBalance: (key) => {
    const acct = lookup(key)
    if (!acct || tokenKind(acct.programAddress, acct.data) !== 'account') throw invalidParams('Invalid param: not a Token account')
    const info = tokenAccountInfo(Buffer.from(acct.data))
    return withContext(uiAmount(info.amount, decimalsOf(info.mint)))
  },
  getTokenAccountsByOwner: tokenAccountsByOwner,
  sendTransaction,
  requestAirdrop,
  getSignatureStatuses: (signatures) => withContext(signatures.map((s) => {
    const st = statuses.get(s)
    if (!st) return null
    return { slot: st.slot, confirmations: null, err: st.err, confirmationStatus: 'finalized', status: st.err ? { Err: st.err } : { Ok: null } }
  }))
}

function handle (request) {
  const id = request?.id ?? null
  if (!request || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
    return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid request' } }
  }
  const method = methods[request.method]
  if (!method) return { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } }
  try {
    return { jsonrpc: '2.0', id, result: method(...(request.params ?? [])) }
  } catch (e) {
    if (e instanceof RpcError) return { jsonrpc: '2.0', id, error: { code: e.code, message: e.message, ...(e.data ? { data: e.data } : {}) } }
    return { jsonrpc: '2.0', id, error: { code: -32603, message: `Internal error: ${e.message}` } }
  }
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') { res.writeHead(405).end(); return }
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    let body
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      body = Array.isArray(parsed) ? parsed.map(handle) : handle(parsed)
    } catch {
      body = { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
})

let port = Number(process.argv[process.argv.indexOf('--port') + 1] || 0)
if (!process.argv.includes('--port')) port = 0
function listen () {
  server.listen(port, '127.0.0.1', () => {
    port = server.address().port
    console.log(`rpc: http://127.0.0.1:${port}`)
  })
}
listen()

const control = readline.createInterface({ input: process.stdin })
control.on('line', (line) => {
  const command = line.trim()
  if (command === 'down') {
    server.close()
    server.closeAllConnections()
    console.log('down')
  } else if (command === 'up') {
    listen()
  }
})
control.on('close', () => process.exit(0))
