package io.solcial.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.solcial.identity.Ed25519KeyPair;
import io.solcial.membership.ChainResponseException;
import io.solcial.membership.ChainUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;

/**
 * Builds, signs (solanaj) and sends transactions with preflight simulation on, then waits until
 * the signature has a status and reads its {@code err}: a transaction that failed, in preflight or
 * on chain, is a {@link TransactionFailedException}, never a success.
 */
public final class TransactionSender {
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 250;

    private final SolanaRpc rpc;

    public TransactionSender(RpcSettings settings) {
        this(new SolanaRpc(new JsonRpcClient(settings)));
    }

    TransactionSender(SolanaRpc rpc) {
        this.rpc = rpc;
    }

    SolanaRpc rpc() {
        return rpc;
    }

    /**
     * Sends {@code instructions} paid by {@code signers[0]}, signed by all {@code signers}, and
     * returns the signature once the transaction is confirmed without error.
     */
    public String send(List<TransactionInstruction> instructions, Ed25519KeyPair... signers)
            throws ChainUnavailableException, ChainResponseException, TransactionFailedException {
        Transaction tx = new Transaction();
        instructions.forEach(tx::addInstruction);
        tx.setRecentBlockHash(rpc.latestBlockhash());
        List<Account> accounts = new ArrayList<>();
        for (Ed25519KeyPair signer : signers) {
            byte[] secret = signer.secretKey64();
            accounts.add(new Account(secret));
            Arrays.fill(secret, (byte) 0);
        }
        tx.sign(accounts);
        String encoded = Base64.getEncoder().encodeToString(tx.serialize());
        JsonRpcClient.Response response = rpc.client().call("sendTransaction", encoded,
                Map.of("encoding", "base64", "skipPreflight", false, "preflightCommitment", "confirmed"));
        if (response.error().isPresent()) {
            JsonNode error = response.error().get();
            JsonNode data = error.path("data");
            List<String> logs = new ArrayList<>();
            data.path("logs").forEach(l -> logs.add(l.asText()));
            String err = data.has("err") ? data.get("err").toString() : JsonRpcClient.describeError(error);
            throw new TransactionFailedException("transaction failed: " + error.path("message").asText("rejected")
                    + (data.has("err") ? " (err " + err + ")" : ""), err, logs);
        }
        if (response.result() == null || !response.result().isTextual()) {
            throw new ChainResponseException("malformed answer to sendTransaction: no signature");
        }
        String signature = response.result().asText();
        confirm(signature);
        return signature;
    }

    private void confirm(String signature)
            throws ChainUnavailableException, ChainResponseException, TransactionFailedException {
        long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
        while (true) {
            JsonNode result = rpc.client().read("getSignatureStatuses", List.of(signature),
                    Map.of("searchTransactionHistory", true));
            JsonNode status = result == null ? null : result.path("value").path(0);
            if (status == null || status.isMissingNode()) {
                throw new ChainResponseException("malformed answer to getSignatureStatuses: no value for " + signature);
            }
            if (!status.isNull()) {
                JsonNode err = status.path("err");
                if (!err.isMissingNode() && !err.isNull()) {
                    throw new TransactionFailedException("transaction " + signature + " failed: " + err, err.toString(),
                            List.of());
                }
                String level = status.path("confirmationStatus").asText("");
                if (level.equals("confirmed") || level.equals("finalized")) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ChainUnavailableException("chain unreachable: transaction " + signature
                        + " not confirmed within " + CONFIRM_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainUnavailableException("interrupted while waiting for " + signature, e);
            }
        }
    }
}
