package io.solcial.chain;

import io.solcial.identity.Ed25519PublicKey;
import java.util.List;

/** The standard Solana programs this adapter uses; the chain has no program of ours. */
public final class TokenPrograms {
    /** The original SPL Token program. */
    public static final Ed25519PublicKey TOKEN = Ed25519PublicKey.fromAddress("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    /** SPL Token-2022 (token extensions: NonTransferable, ...). */
    public static final Ed25519PublicKey TOKEN_2022 =
            Ed25519PublicKey.fromAddress("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
    public static final Ed25519PublicKey ASSOCIATED_TOKEN =
            Ed25519PublicKey.fromAddress("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
    public static final Ed25519PublicKey SYSTEM = Ed25519PublicKey.fromAddress("11111111111111111111111111111111");

    /** Both token programs: a balance is summed over accounts under either. */
    public static final List<Ed25519PublicKey> BOTH = List.of(TOKEN, TOKEN_2022);

    private TokenPrograms() {
    }

    static boolean isTokenProgram(Ed25519PublicKey program) {
        return BOTH.contains(program);
    }
}
