package io.solcial.cli;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.PeerId;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.Connection;
import io.solcial.net.NetException;
import io.solcial.net.PeerInfo;
import io.solcial.net.host.HostConfig;
import io.solcial.net.host.Libp2pHost;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solcial ping MULTIADDR [--count N]}: dials a libp2p peer (Noise + yamux), identifies it
 * and pings it. Uses a throwaway identity, so it needs no key file.
 */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Dial a libp2p peer, identify it and ping it.")
final class PingCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MULTIADDR",
            description = "The peer, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW… (the /p2p part is checked when given).")
    String address;

    @Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "Pings to send (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up on the connection or a ping after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "1000",
            description = "Pause between pings (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    PingCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Multiaddr target = parseAddress();
        if (count < 1 || timeoutSeconds < 1 || intervalMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--count and --timeout must be at least 1, --interval not negative");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HostConfig config = HostConfig.dialOnly().withTcp(HostConfig.dialOnly().tcp()
                .withConnectTimeout(timeout).withHandshakeTimeout(timeout));
        Libp2pHost host = new Libp2pHost(Ed25519KeyPair.generate(env.random()), config, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        try {
            host.start().join();
            Connection connection = await(host.connect(target), timeout, "connecting to " + target);
            PeerId peer = connection.remotePeer();
            out.println("peer: " + peer);
            out.flush();
            PeerInfo info = await(host.identify().identify(host, peer), timeout, "identifying " + peer);
            out.println("agent: " + info.agentVersion());
            out.println("protocols: " + String.join(",", info.protocols().stream().sorted().toList()));
            out.flush();
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    Thread.sleep(intervalMillis);
                }
                Duration rtt = await(host.ping().ping(host, peer, timeout), timeout, "pinging " + peer);
                out.println(String.format(Locale.ROOT, "rtt: %.3f ms", rtt.toNanos() / 1e6));
                out.flush();
            }
            return 0;
        } finally {
            host.stop().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    private Multiaddr parseAddress() {
        try {
            return Multiaddr.parse(address);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "not a multiaddr: " + address + " (" + e.getMessage() + ")");
        }
    }

    /** Waits for {@code future}; any failure becomes one clear line saying what we were doing. */
    private static <T> T await(CompletableFuture<T> future, Duration timeout, String doing) throws CliFailure {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CliFailure(doing + ": timed out after " + timeout.toSeconds() + " s");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof TimeoutException) {
                throw new CliFailure(doing + ": timed out after " + timeout.toSeconds() + " s");
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new CliFailure(cause instanceof NetException ? message : doing + ": " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(doing + ": interrupted");
        }
    }
}
