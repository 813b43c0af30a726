package io.solcial.cli;

import io.solcial.content.Blockstore;
import io.solcial.content.UnixFsReader;
import io.solcial.exchange.bitswap.Bitswap;
import io.solcial.exchange.bitswap.BitswapConfig;
import io.solcial.exchange.bitswap.DagFetchResult;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.NetException;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solcial get CID --from MULTIADDR --out FILE}: fetches a UnixFS file DAG from a peer over
 * Bitswap 1.2.0 (every block checked against its CID), then writes the file. The output appears
 * only complete: it is written to a temporary file beside it and moved into place at the end.
 */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Fetch a file by CID from a peer over Bitswap, verify it and write it.")
final class GetCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CID", description = "The file's root CID.")
    String cidText;

    @Option(names = "--from", required = true, paramLabel = "MULTIADDR", description = "The peer to fetch from (…/p2p/ID).")
    String from;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the file.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the fetched blocks (pinned) in this node data directory; default: a temporary store.")
    Path data;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "16", description = "Blocks in flight (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up on a block (or the connection) after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    GetCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Cid root = parseCid();
        Multiaddr peer = parseAddress();
        if (parallelism < 1 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel and --timeout must be at least 1");
        }
        OutputFiles.refuseExisting(out, force);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Path dir = data != null ? Files.createDirectories(data) : Files.createTempDirectory("solcial-get");
        HostConfig config = HostConfig.dialOnly().withTcp(HostConfig.dialOnly().tcp().withConnectTimeout(timeout));
        Libp2pHost host = new Libp2pHost(Ed25519KeyPair.generate(env.random()), config, Clock.systemUTC());
        long started = System.nanoTime();
        try (Database db = Database.openFile(dir); H2Blockstore store = new H2Blockstore(db)) {
            host.start().join();
            Bitswap bitswap = Bitswap.attach(host, store, BitswapConfig.defaults().withGetTimeout(timeout));
            await(host.connect(peer), timeout.plusSeconds(1));
            store.put(await(bitswap.get(root), timeout.plusSeconds(1)));
            UnixFsReader reader = new UnixFsReader(store);
            long size = reader.size(root);
            DagFetchResult fetched;
            try (TerminalProgress progress = TerminalProgress.start("fetching", size)) {
                fetched = await(bitswap.fetchDag(root, store, parallelism,
                        (block, blocks, bytes) -> progress.stepTo(bytes)), null);
            }
            if (data != null) {
                store.pin(root);
            }
            writeFile(reader, root, size);
            double seconds = (System.nanoTime() - started) / 1e9;
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "fetched: %s %d bytes (%d blocks) in %.1f s",
                    root, size, fetched.blocks(), seconds));
            return 0;
        } finally {
            host.stop().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            if (data == null) {
                deleteTree(dir);
            }
        }
    }

    private void writeFile(UnixFsReader reader, Cid root, long size) throws Exception {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".solcial-get-", ".part");
        try {
            try (InputStream in = reader.open(root); OutputStream os = Files.newOutputStream(tmp)) {
                long copied = in.transferTo(os);
                if (copied != size) {
                    throw new CliFailure("the DAG holds " + copied + " bytes but its root declares " + size);
                }
            }
            if (force) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Cid parseCid() {
        try {
            return Cid.parse(cidText);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "not a CID: " + cidText + " (" + e.getMessage() + ")");
        }
    }

    private Multiaddr parseAddress() {
        try {
            Multiaddr a = Multiaddr.parse(from);
            if (a.peerIdMultihash().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--from must end in /p2p/<peer id>: " + from);
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "not a multiaddr: " + from + " (" + e.getMessage() + ")");
        }
    }

    /** Waits for {@code f} ({@code limit} null: no limit of our own); failures become one clear line. */
    private static <T> T await(CompletableFuture<T> f, Duration limit) throws CliFailure, InterruptedException {
        try {
            return limit == null ? f.get() : f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliFailure("timed out after " + limit.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof TimeoutException) {
                throw new CliFailure("timed out waiting for a block from the peer");
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new CliFailure(cause instanceof NetException ? message : "fetch failed: " + message);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: a temporary directory
        }
    }
}
