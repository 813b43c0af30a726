package io.solcial.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solcial.identity.Ed25519KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.programs.SystemProgram;
import org.p2p.solanaj.rpc.RpcApi;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.config.RpcSendTransactionConfig;

/** solanaj's own RPC client understands the litesvm shim (so other code may use it in tests too). */
class SolanajAgainstShimTest {
    @RegisterExtension
    static final LiteSvmRpc RPC = new LiteSvmRpc();

    private static final SecureRandom RANDOM = new SecureRandom();

    private static Account account(Ed25519KeyPair keyPair) {
        byte[] secret = keyPair.secretKey64(); // solanaj wants the 64-byte secret key, not the seed
        try {
            return new Account(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Test
    void readsAndPreflightedTransfer() throws Exception {
        RpcApi api = new RpcClient(RPC.url().toString()).getApi();
        Ed25519KeyPair payer = Ed25519KeyPair.generate(RANDOM);
        Ed25519KeyPair payee = Ed25519KeyPair.generate(RANDOM);
        RPC.airdrop(payer.publicKey(), 2_000_000_000L);
        PublicKey from = new PublicKey(payer.publicKey().toByteArray());
        PublicKey to = new PublicKey(payee.publicKey().toByteArray());
        assertEquals(2_000_000_000L, api.getBalance(from));
        assertFalse(api.getLatestBlockhash().getValue().getBlockhash().isEmpty());

        RpcSendTransactionConfig preflight = RpcSendTransactionConfig.builder()
                .encoding(RpcSendTransactionConfig.Encoding.base64).skipPreflight(false).build();
        Transaction ok = new Transaction().addInstruction(SystemProgram.transfer(from, to, 1_000_000_000L));
        api.sendTransaction(ok, List.of(account(payer)), api.getLatestBlockhash().getValue().getBlockhash(),
                preflight);
        assertEquals(1_000_000_000L, api.getBalance(to));

        // More than it has: preflight refuses, solanaj throws instead of returning a signature.
        Transaction tooMuch = new Transaction().addInstruction(SystemProgram.transfer(from, to, 5_000_000_000L));
        assertThrows(RpcException.class, () -> api.sendTransaction(tooMuch, List.of(account(payer)),
                api.getLatestBlockhash().getValue().getBlockhash(), preflight));
        assertEquals(1_000_000_000L, api.getBalance(to));
    }
}
