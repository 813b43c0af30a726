package io.solcial.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainResponseException;
import io.solcial.membership.ChainUnavailableException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Junk, errors and silence from the endpoint: clear errors, never a "yes". */
class MalformedRpcTest {
    private static final Ed25519PublicKey MINT = key(1);
    private static final Ed25519PublicKey WALLET = key(2);

    private final MutableClock clock = new MutableClock();
    private FakeRpcServer server;
    private SolanaMembershipOracle oracle;

    private static Ed25519PublicKey key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return Ed25519KeyPair.fromSeed(seed).publicKey();
    }

    @AfterEach
    void stop() {
        if (oracle != null) {
            oracle.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SolanaMembershipOracle oracle(URI url) {
        RpcSettings settings = new RpcSettings(url, Duration.ofSeconds(1), Duration.ofMillis(500), 2, Duration.ofMillis(10));
        oracle = new SolanaMembershipOracle(SolanaOracleConfig.defaults(url, MINT).withRpc(settings), clock);
        return oracle;
    }

    private SolanaMembershipOracle serving(BiFunction<String, Long, String> answer) throws Exception {
        server = new FakeRpcServer(answer);
        return oracle(server.url());
    }

    private static String result(long id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    /** A jsonParsed token account list: one account of {@code owner} holding {@code amount} of MINT. */
    private static String accounts(Ed25519PublicKey program, Ed25519PublicKey owner, String amount) {
        return "{\"context\":{\"slot\":1},\"value\":[{\"pubkey\":\"" + key(9).address() + "\",\"account\":{"
                + "\"owner\":\"" + program.address() + "\",\"lamports\":1,\"executable\":false,\"data\":{"
                + "\"program\":\"spl-token\",\"parsed\":{\"type\":\"account\",\"info\":{\"mint\":\"" + MINT.address()
                + "\",\"owner\":\"" + owner.address() + "\",\"state\":\"initialized\",\"tokenAmount\":{\"amount\":"
                + amount + ",\"decimals\":0}}}}}}]}";
    }

    private static String member(String method, long id) {
        return result(id, method.equals("getTokenAccountsByOwner") && id % 2 == 1
                ? accounts(TokenPrograms.TOKEN, WALLET, "\"1\"") : "{\"context\":{\"slot\":1},\"value\":[]}");
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(CompletionException.class, future::join).getCause();
    }

    private static void assertMalformed(CompletableFuture<?> future, String expected) {
        Throwable e = failure(future);
        assertInstanceOf(ChainResponseException.class, e, String.valueOf(e));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void notJsonIsAMalformedAnswer() throws Exception {
        SolanaMembershipOracle o = serving((m, id) -> "<html>bad gateway</html>");
        assertMalformed(o.isMember(WALLET), "not JSON");
        assertMalformed(o.estimatedNetworkSize(), "not JSON");
    }

    @Test
    void wrongIdOrEnvelopeIsMalformed() throws Exception {
        SolanaMembershipOracle o = serving((m, id) -> result(id + 7, "{\"value\":[]}"));
        assertMalformed(o.isMember(WALLET), "does not match request id");
        server.answer((m, id) -> "{\"jsonrpc\":\"2.0\",\"id\":" + id + "}");
        assertMalformed(o.isMember(WALLET), "neither \"result\" nor \"error\"");
        server.answer((m, id) -> "[1,2,3]");
        assertMalformed(o.isMember(WALLET), "not a JSON-RPC response object");
    }

    @Test
    void mistypedFieldsAreMalformed() throws Exception {
        SolanaMembershipOracle o = serving((m, id) -> result(id, "{\"context\":{},\"value\":\"lots\"}"));
        assertMalformed(o.isMember(WALLET), "\"value\" is not an array");
        server.answer((m, id) -> result(id, accounts(TokenPrograms.TOKEN, WALLET, "1")));
        assertMalformed(o.tokenBalance(WALLET, MINT), "not a decimal string");
        server.answer((m, id) -> result(id, accounts(TokenPrograms.TOKEN, WALLET, "\"-5\"")));
        assertMalformed(o.tokenBalance(WALLET, MINT), "not a decimal string");
        server.answer((m, id) -> result(id, accounts(TokenPrograms.TOKEN, WALLET, "\"99999999999999999999\"")));
        assertMalformed(o.tokenBalance(WALLET, MINT), "exceeds u64");
        server.answer((m, id) -> result(id, "{\"context\":{},\"value\":{\"amount\":3.5}}"));
        assertMalformed(o.estimatedNetworkSize(), "getTokenSupply");
    }

    @Test
    void anAccountOfSomeoneElseIsNeverCountedAsYes() throws Exception {
        SolanaMembershipOracle o = serving((m, id) -> result(id, accounts(TokenPrograms.TOKEN, key(3), "\"1\"")));
        assertMalformed(o.isMember(WALLET), "owned by " + key(3).address());
        server.answer((m, id) -> result(id, accounts(TokenPrograms.TOKEN_2022, WALLET, "\"1\"")));
        assertMalformed(o.isMember(WALLET), "is owned by " + TokenPrograms.TOKEN_2022.address());
    }

    @Test
    void rpcErrorObjectIsReportedWithItsMessage() throws Exception {
        SolanaMembershipOracle o = serving((m, id) -> "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"error\":{\"code\":-32602,\"message\":\"Invalid param: could not find mint\"}}");
        assertMalformed(o.estimatedNetworkSize(), "returned an error: -32602 Invalid param: could not find mint");
    }

    @Test
    void junkAfterConfirmationIsAnErrorNotACachedYes() throws Exception {
        SolanaMembershipOracle o = serving(MalformedRpcTest::member);
        assertTrue(o.isMember(WALLET).join());
        clock.advance(Duration.ofDays(1));
        server.answer((m, id) -> "garbage");
        assertMalformed(o.isMember(WALLET), "not JSON");
    }

    @Test
    void serverErrorsAndSilenceAreUnreachable() throws Exception {
        SolanaMembershipOracle o = serving((m, id) -> "HTTP 503");
        Throwable e = failure(o.isMember(WALLET));
        assertInstanceOf(ChainUnavailableException.class, e);
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().startsWith("chain unreachable"), e.getMessage());

        server.answer((m, id) -> "HANG");
        e = failure(o.isMember(WALLET));
        assertInstanceOf(ChainUnavailableException.class, e);
        assertTrue(e.getMessage().contains("no answer within 500 ms"), e.getMessage());
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SolanaMembershipOracle o = oracle(URI.create("http://127.0.0.1:" + port));
        Throwable e = failure(o.isMember(WALLET));
        assertInstanceOf(ChainUnavailableException.class, e);
        assertEquals("chain unreachable: Solana RPC http://127.0.0.1:" + port
                + " (getTokenAccountsByOwner): connection refused; new joins refused until it recovers", e.getMessage());
    }
}
