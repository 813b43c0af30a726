package io.solcial.cli;

import io.solcial.identity.Ed25519PublicKey;
import java.io.PrintWriter;

/** The two lines every {@code id} subcommand prints: peer id, then wallet address. Public data only. */
final class IdentityPrinter {
    private IdentityPrinter() {
    }

    static void print(PrintWriter out, Ed25519PublicKey key) {
        out.println("peer-id: " + key.peerId());
        out.println("address: " + key.address());
        out.flush();
    }
}
