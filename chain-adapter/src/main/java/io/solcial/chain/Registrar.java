package io.solcial.chain;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainLookupException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

/**
 * A beacon operator's registrar: creates mints, registers wallets (exactly one membership token
 * each, in the wallet's associated token account) and mints gate tokens. The payer signs and pays
 * and is the mints' mint and freeze authority. Every transaction goes through
 * {@link TransactionSender} (preflight on, {@code err} checked).
 */
public final class Registrar {
    /** What a mint account says about itself. */
    public record MintInfo(Ed25519PublicKey program, int decimals, BigInteger supply) {
    }

    private final TransactionSender sender;
    private final SolanaRpc rpc;
    private final SecureRandom random;

    public Registrar(RpcSettings settings, SecureRandom random) {
        this.sender = new TransactionSender(settings);
        this.rpc = sender.rpc();
        this.random = random;
    }

    /**
     * Creates a mint with {@code payer} as mint and freeze authority. Non-transferable mints are
     * Token-2022 mints with the NonTransferable extension (the membership mint); others are
     * legacy Token mints (gates).
     */
    public Ed25519PublicKey createMint(Ed25519KeyPair payer, int decimals, boolean nonTransferable)
            throws ChainLookupException, TransactionFailedException {
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals must be 0..9, got " + decimals);
        }
        Ed25519KeyPair mint = Ed25519KeyPair.generate(random);
        Ed25519PublicKey m = mint.publicKey();
        Ed25519PublicKey authority = payer.publicKey();
        if (nonTransferable) {
            int size = TokenInstructions.NON_TRANSFERABLE_MINT_SIZE;
            sender.send(List.of(
                    TokenInstructions.createAccount(authority, m, rpc.minimumBalanceForRentExemption(size), size,
                            TokenPrograms.TOKEN_2022),
                    TokenInstructions.initializeNonTransferableMint(m),
                    TokenInstructions.initializeMint2(TokenPrograms.TOKEN_2022, m, decimals, authority, authority)),
                    payer, mint);
        } else {
            int size = TokenInstructions.MINT_SIZE;
            sender.send(List.of(
                    TokenInstructions.createAccount(authority, m, rpc.minimumBalanceForRentExemption(size), size,
                            TokenPrograms.TOKEN),
                    TokenInstructions.initializeMint2(TokenPrograms.TOKEN, m, decimals, authority, authority)),
                    payer, mint);
        }
        return m;
    }

    /** Registers {@code wallet}: mints exactly one membership token to its associated account. */
    public String register(Ed25519KeyPair payer, Ed25519PublicKey membershipMint, Ed25519PublicKey wallet)
            throws ChainLookupException, TransactionFailedException, RegistrarException {
        MintInfo mint = mintInfo(membershipMint);
        if (mint.decimals() != 0) {
            throw new RegistrarException("mint " + membershipMint + " has " + mint.decimals()
                    + " decimals; a membership mint has 0");
        }
        if (balance(wallet, membershipMint).signum() > 0) {
            throw new RegistrarException("wallet " + wallet + " is already registered (it holds a token of "
                    + membershipMint + ")");
        }
        return mintTo(payer, membershipMint, mint.program(), wallet, 1);
    }

    /** Mints {@code amount} base units of {@code mint} to the associated account of {@code to}. */
    public String mintTokens(Ed25519KeyPair payer, Ed25519PublicKey mint, Ed25519PublicKey to, long amount)
            throws ChainLookupException, TransactionFailedException, RegistrarException {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        return mintTo(payer, mint, mintInfo(mint).program(), to, amount);
    }

    /** Opens an extra (non-associated) token account of {@code owner} for {@code mint}. */
    public Ed25519PublicKey openTokenAccount(Ed25519KeyPair payer, Ed25519PublicKey mint, Ed25519PublicKey owner)
            throws ChainLookupException, TransactionFailedException, RegistrarException {
        Ed25519PublicKey program = mintInfo(mint).program();
        Ed25519KeyPair account = Ed25519KeyPair.generate(random);
        Ed25519PublicKey a = account.publicKey();
        int size = TokenInstructions.ACCOUNT_SIZE;
        sender.send(List.of(
                TokenInstructions.createAccount(payer.publicKey(), a, rpc.minimumBalanceForRentExemption(size), size,
                        program),
                TokenInstructions.initializeAccount3(program, a, mint, owner)), payer, account);
        return a;
    }

    /** Mints to a given token account (associated or not). */
    public String mintToAccount(Ed25519KeyPair payer, Ed25519PublicKey mint, Ed25519PublicKey account, long amount)
            throws ChainLookupException, TransactionFailedException, RegistrarException {
        Ed25519PublicKey program = mintInfo(mint).program();
        return sender.send(List.of(TokenInstructions.mintTo(program, mint, account, payer.publicKey(), amount)), payer);
    }

    /** Freezes a token account (the payer must be the mint's freeze authority). */
    public String freeze(Ed25519KeyPair payer, Ed25519PublicKey mint, Ed25519PublicKey account)
            throws ChainLookupException, TransactionFailedException, RegistrarException {
        Ed25519PublicKey program = mintInfo(mint).program();
        return sender.send(List.of(TokenInstructions.freezeAccount(program, account, mint, payer.publicKey())), payer);
    }

    public MintInfo mintInfo(Ed25519PublicKey mint) throws ChainLookupException, RegistrarException {
        SolanaRpc.AccountInfo info = rpc.accountInfo(mint)
                .orElseThrow(() -> new RegistrarException("no such mint: " + mint + " (the account does not exist)"));
        byte[] data = info.data();
        boolean sized = data.length == TokenInstructions.MINT_SIZE
                || (data.length > TokenInstructions.ACCOUNT_SIZE && data[TokenInstructions.ACCOUNT_SIZE] == 1);
        if (!TokenPrograms.isTokenProgram(info.owner()) || !sized || data[45] != 1) {
            throw new RegistrarException(mint + " is not a token mint (owner " + info.owner() + ", "
                    + data.length + " bytes)");
        }
        long supply = java.nio.ByteBuffer.wrap(data, 36, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return new MintInfo(info.owner(), data[44], new BigInteger(Long.toUnsignedString(supply)));
    }

    /** The sum over the owner's unfrozen token accounts for {@code mint}, both token programs. */
    public BigInteger balance(Ed25519PublicKey owner, Ed25519PublicKey mint) throws ChainLookupException {
        return rpc.balance(owner, mint);
    }

    private String mintTo(Ed25519KeyPair payer, Ed25519PublicKey mint, Ed25519PublicKey program, Ed25519PublicKey to,
            long amount) throws ChainLookupException, TransactionFailedException {
        Ed25519PublicKey ata = TokenInstructions.associatedTokenAddress(to, mint, program);
        return sender.send(List.of(
                TokenInstructions.createAssociatedTokenAccountIdempotent(payer.publicKey(), to, mint, program),
                TokenInstructions.mintTo(program, mint, ata, payer.publicKey(), amount)), payer);
    }
}
