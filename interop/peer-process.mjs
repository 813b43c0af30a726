// What every test peer script shares: one-line output, and a clean exit (the node stopped within
// 2 s) on SIGTERM, SIGINT, a closed stdout, or stdin EOF — so a Java test that dies never leaves
// a peer behind.

export function out (line) {
  process.stdout.write(line + '\n')
}

export function message (err) {
  return String(err?.message ?? err).replace(/\s+/g, ' ')
}

/**
 * Wires the exit paths for a started libp2p node (`stopNode` stops it) and prints
 * `connected:` / `disconnected:` lines for `node`'s peers.
 */
export function runUntilTold (node, stopNode, { ignoreStdin }) {
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    try {
      await Promise.race([stopNode(), new Promise(resolve => setTimeout(resolve, 2000))])
    } finally {
      process.exit(0)
    }
  }
  process.on('uncaughtException', err => out(`error: ${message(err)}`))
  process.on('unhandledRejection', err => out(`error: ${message(err)}`))
  process.stdout.on('error', stop)
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  if (!ignoreStdin) {
    process.stdin.on('end', stop)
    process.stdin.on('close', stop)
    process.stdin.on('error', stop)
    process.stdin.resume()
  }
  node.addEventListener('peer:connect', e => out(`connected: ${e.detail}`))
  node.addEventListener('peer:disconnect', e => out(`disconnected: ${e.detail}`))
  return stop
}

/** Prints `listening: <addr>/p2p/<id>` per listen address, then `peer: <id>`. */
export function announce (node) {
  const peerId = node.peerId.toString()
  for (const addr of node.getMultiaddrs()) {
    const text = addr.toString()
    out(`listening: ${text.includes('/p2p/') ? text : `${text}/p2p/${peerId}`}`)
  }
  out(`peer: ${peerId}`)
}

/** Runs the script's actions; a failure is an `error:` line; `done` follows either way. */
export async function actThenDone (actions) {
  try {
    await actions()
  } catch (err) {
    out(`error: ${message(err)}`)
  }
  out('done')
}

/** Runs the script's main; a failure to start is an `error:` line and exit code 1. */
export function runMain (main) {
  main().catch(err => {
    out(`error: ${message(err)}`)
    process.exit(1)
  })
}
