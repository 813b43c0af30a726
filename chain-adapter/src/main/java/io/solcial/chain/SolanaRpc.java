package io.solcial.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.solcial.identity.Ed25519PublicKey;
import io.solcial.membership.ChainResponseException;
import io.solcial.membership.ChainUnavailableException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The typed Solana reads this adapter needs, parsed strictly: a field missing, mistyped or
 * inconsistent with the question (a token account of another owner, an amount that is not a u64)
 * is a {@link ChainResponseException}, never a default value.
 */
final class SolanaRpc {
    static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Map<String, String> CONFIRMED = Map.of("commitment", "confirmed");

    /** A token account as {@code jsonParsed} shows it. */
    record TokenAccount(Ed25519PublicKey address, Ed25519PublicKey program, Ed25519PublicKey mint,
            Ed25519PublicKey owner, BigInteger amount, boolean frozen) {
    }

    /** An account's owner program, lamports and raw data. */
    record AccountInfo(Ed25519PublicKey owner, long lamports, byte[] data) {
    }

    private final JsonRpcClient rpc;

    SolanaRpc(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    JsonRpcClient client() {
        return rpc;
    }

    /** The mint's supply in base units. */
    BigInteger tokenSupply(Ed25519PublicKey mint) throws ChainUnavailableException, ChainResponseException {
        String method = "getTokenSupply";
        JsonNode value = value(method, rpc.read(method, mint.address(), CONFIRMED));
        return amount(method, value.path("amount"));
    }

    /** Every token account that {@code owner} has under {@code program}, any mint. */
    List<TokenAccount> tokenAccountsByOwner(Ed25519PublicKey owner, Ed25519PublicKey program)
            throws ChainUnavailableException, ChainResponseException {
        String method = "getTokenAccountsByOwner";
        JsonNode value = value(method, rpc.read(method, owner.address(), Map.of("programId", program.address()),
                Map.of("encoding", "jsonParsed", "commitment", "confirmed")));
        if (!value.isArray()) {
            throw malformed(method, "\"value\" is not an array");
        }
        List<TokenAccount> out = new ArrayList<>();
        for (JsonNode entry : value) {
            Ed25519PublicKey address = key(method, entry.path("pubkey"), "pubkey");
            JsonNode account = entry.path("account");
            Ed25519PublicKey accountProgram = key(method, account.path("owner"), "account.owner");
            if (!accountProgram.equals(program)) {
                throw malformed(method, "account " + address + " is owned by " + accountProgram + ", not " + program);
            }
            JsonNode parsed = account.path("data").path("parsed");
            if (!"account".equals(parsed.path("type").asText(null))) {
                throw malformed(method, "account " + address + " is not a parsed token account");
            }
            JsonNode info = parsed.path("info");
            Ed25519PublicKey accountOwner = key(method, info.path("owner"), "info.owner");
            if (!accountOwner.equals(owner)) {
                throw malformed(method, "asked for accounts of " + owner + " but got one owned by " + accountOwner);
            }
            String state = info.path("state").asText("");
            if (!state.equals("initialized") && !state.equals("frozen")) {
                throw malformed(method, "account " + address + " has state '" + state + "'");
            }
            out.add(new TokenAccount(address, program, key(method, info.path("mint"), "info.mint"), accountOwner,
                    amount(method, info.path("tokenAmount").path("amount")), state.equals("frozen")));
        }
        return out;
    }

    /** The sum over the owner's unfrozen token accounts for {@code mint}, under both token programs. */
    BigInteger balance(Ed25519PublicKey owner, Ed25519PublicKey mint)
            throws ChainUnavailableException, ChainResponseException {
        BigInteger sum = BigInteger.ZERO;
        for (Ed25519PublicKey program : TokenPrograms.BOTH) {
            for (TokenAccount account : tokenAccountsByOwner(owner, program)) {
                if (account.mint().equals(mint) && !account.frozen()) {
                    sum = sum.add(account.amount());
                }
            }
        }
        return sum;
    }

    Optional<AccountInfo> accountInfo(Ed25519PublicKey address) throws ChainUnavailableException, ChainResponseException {
        String method = "getAccountInfo";
        JsonNode value = value(method, rpc.read(method, address.address(),
                Map.of("encoding", "base64", "commitment", "confirmed")));
        if (value.isNull()) {
            return Optional.empty();
        }
        JsonNode data = value.path("data");
        if (!data.isArray() || !"base64".equals(data.path(1).asText(null)) || !data.path(0).isTextual()
                || !value.path("lamports").canConvertToLong()) {
            throw malformed(method, "unexpected account shape");
        }
        try {
            return Optional.of(new AccountInfo(key(method, value.path("owner"), "owner"), value.get("lamports").asLong(),
                    Base64.getDecoder().decode(data.get(0).asText())));
        } catch (IllegalArgumentException e) {
            throw malformed(method, "account data is not base64");
        }
    }

    String latestBlockhash() throws ChainUnavailableException, ChainResponseException {
        String method = "getLatestBlockhash";
        JsonNode hash = value(method, rpc.read(method, CONFIRMED)).path("blockhash");
        key(method, hash, "blockhash");
        return hash.asText();
    }

    long minimumBalanceForRentExemption(int size) throws ChainUnavailableException, ChainResponseException {
        String method = "getMinimumBalanceForRentExemption";
        JsonNode result = rpc.read(method, size);
        if (result == null || !result.canConvertToLong() || result.asLong() < 0) {
            throw malformed(method, "not a lamport amount");
        }
        return result.asLong();
    }

    private static JsonNode value(String method, JsonNode result) throws ChainResponseException {
        if (result == null || !result.isObject() || !result.has("value")) {
            throw malformed(method, "result has no \"value\"");
        }
        return result.get("value");
    }

    static BigInteger amount(String method, JsonNode node) throws ChainResponseException {
        if (!node.isTextual() || !DIGITS.matcher(node.asText()).matches()) {
            throw malformed(method, "token amount is not a decimal string of base units: " + node);
        }
        BigInteger amount = new BigInteger(node.asText());
        if (amount.compareTo(U64_MAX) > 0) {
            throw malformed(method, "token amount exceeds u64: " + amount);
        }
        return amount;
    }

    static Ed25519PublicKey key(String method, JsonNode node, String field) throws ChainResponseException {
        if (!node.isTextual()) {
            throw malformed(method, "\"" + field + "\" is missing or not a string");
        }
        try {
            return Ed25519PublicKey.fromAddress(node.asText());
        } catch (IllegalArgumentException e) {
            throw malformed(method, "\"" + field + "\" is not a base58 address: " + JsonRpcClient.quote(node.asText()));
        }
    }

    static ChainResponseException malformed(String method, String why) {
        return new ChainResponseException("malformed answer to " + method + ": " + why);
    }
}
