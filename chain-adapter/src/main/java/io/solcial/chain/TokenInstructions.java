package io.solcial.chain;

import io.solcial.identity.Ed25519PublicKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.SystemProgram;

/**
 * Raw instructions of the SPL Token / Token-2022 and Associated Token Account programs, for either
 * token program (solanaj's own builders hard-code the legacy Token program). Layouts follow the
 * programs' instruction enums; the numbers are the instruction tags.
 */
public final class TokenInstructions {
    /** A mint's size without extensions; Token-2022 mints with extensions pad to ACCOUNT_SIZE first. */
    public static final int MINT_SIZE = 82;
    public static final int ACCOUNT_SIZE = 165;
    /** Mint with NonTransferable: 165 (padded base) + 1 (account type) + 4 (TLV header, no data). */
    public static final int NON_TRANSFERABLE_MINT_SIZE = ACCOUNT_SIZE + 1 + 4;

    private static final byte TRANSFER_CHECKED = 12;
    private static final byte MINT_TO = 7;
    private static final byte FREEZE_ACCOUNT = 10;
    private static final byte INITIALIZE_ACCOUNT_3 = 18;
    private static final byte INITIALIZE_MINT_2 = 20;
    private static final byte INITIALIZE_NON_TRANSFERABLE_MINT = 32;
    private static final byte ATA_CREATE_IDEMPOTENT = 1;

    private TokenInstructions() {
    }

    static PublicKey pk(Ed25519PublicKey key) {
        return new PublicKey(key.toByteArray());
    }

    public static TransactionInstruction createAccount(Ed25519PublicKey payer, Ed25519PublicKey account, long lamports,
            int space, Ed25519PublicKey owner) {
        return SystemProgram.createAccount(pk(payer), pk(account), lamports, space, pk(owner));
    }

    /** InitializeMint2: decimals, mint authority, optional freeze authority (no rent sysvar). */
    public static TransactionInstruction initializeMint2(Ed25519PublicKey program, Ed25519PublicKey mint, int decimals,
            Ed25519PublicKey mintAuthority, Ed25519PublicKey freezeAuthority) {
        ByteBuffer data = ByteBuffer.allocate(1 + 1 + 32 + 1 + 32);
        data.put(INITIALIZE_MINT_2).put((byte) decimals).put(mintAuthority.toByteArray());
        data.put((byte) 1).put(freezeAuthority.toByteArray());
        return new TransactionInstruction(pk(program), List.of(new AccountMeta(pk(mint), false, true)), data.array());
    }

    /** Token-2022 only: must come before InitializeMint2 on the same (sized) account. */
    public static TransactionInstruction initializeNonTransferableMint(Ed25519PublicKey mint) {
        return new TransactionInstruction(pk(TokenPrograms.TOKEN_2022),
                List.of(new AccountMeta(pk(mint), false, true)), new byte[] {INITIALIZE_NON_TRANSFERABLE_MINT});
    }

    /** InitializeAccount3: a (non-associated) token account of {@code owner} for {@code mint}. */
    public static TransactionInstruction initializeAccount3(Ed25519PublicKey program, Ed25519PublicKey account,
            Ed25519PublicKey mint, Ed25519PublicKey owner) {
        byte[] data = ByteBuffer.allocate(33).put(INITIALIZE_ACCOUNT_3).put(owner.toByteArray()).array();
        return new TransactionInstruction(pk(program), List.of(new AccountMeta(pk(account), false, true),
                new AccountMeta(pk(mint), false, false)), data);
    }

    public static TransactionInstruction mintTo(Ed25519PublicKey program, Ed25519PublicKey mint,
            Ed25519PublicKey destination, Ed25519PublicKey authority, long amount) {
        byte[] data = le(9, MINT_TO).putLong(amount).array();
        return new TransactionInstruction(pk(program), List.of(new AccountMeta(pk(mint), false, true),
                new AccountMeta(pk(destination), false, true), new AccountMeta(pk(authority), true, false)), data);
    }

    public static TransactionInstruction transferChecked(Ed25519PublicKey program, Ed25519PublicKey source,
            Ed25519PublicKey mint, Ed25519PublicKey destination, Ed25519PublicKey owner, long amount, int decimals) {
        byte[] data = le(10, TRANSFER_CHECKED).putLong(amount).put((byte) decimals).array();
        return new TransactionInstruction(pk(program), List.of(new AccountMeta(pk(source), false, true),
                new AccountMeta(pk(mint), false, false), new AccountMeta(pk(destination), false, true),
                new AccountMeta(pk(owner), true, false)), data);
    }

    public static TransactionInstruction freezeAccount(Ed25519PublicKey program, Ed25519PublicKey account,
            Ed25519PublicKey mint, Ed25519PublicKey freezeAuthority) {
        return new TransactionInstruction(pk(program), List.of(new AccountMeta(pk(account), false, true),
                new AccountMeta(pk(mint), false, false), new AccountMeta(pk(freezeAuthority), true, false)),
                new byte[] {FREEZE_ACCOUNT});
    }

    /** The associated token account of {@code owner} for {@code mint} under {@code program}. */
    public static Ed25519PublicKey associatedTokenAddress(Ed25519PublicKey owner, Ed25519PublicKey mint,
            Ed25519PublicKey program) {
        PublicKey address = PublicKey.findProgramAddress(
                List.of(owner.toByteArray(), program.toByteArray(), mint.toByteArray()),
                pk(TokenPrograms.ASSOCIATED_TOKEN)).getAddress();
        return Ed25519PublicKey.of(address.toByteArray());
    }

    /** CreateIdempotent: the owner's associated token account, if it does not exist yet. */
    public static TransactionInstruction createAssociatedTokenAccountIdempotent(Ed25519PublicKey payer,
            Ed25519PublicKey owner, Ed25519PublicKey mint, Ed25519PublicKey program) {
        Ed25519PublicKey ata = associatedTokenAddress(owner, mint, program);
        return new TransactionInstruction(pk(TokenPrograms.ASSOCIATED_TOKEN), List.of(
                new AccountMeta(pk(payer), true, true), new AccountMeta(pk(ata), false, true),
                new AccountMeta(pk(owner), false, false), new AccountMeta(pk(mint), false, false),
                new AccountMeta(pk(TokenPrograms.SYSTEM), false, false), new AccountMeta(pk(program), false, false)),
                new byte[] {ATA_CREATE_IDEMPOTENT});
    }

    private static ByteBuffer le(int size, byte tag) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).put(tag);
    }
}
