package io.solcial.store;

import io.solcial.content.StoreException;
import io.solcial.identity.PeerId;
import io.solcial.overlay.net.BanStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/** The overlay's permanent bans in the {@code bans} table (migration V3). */
public final class H2BanStore implements BanStore {
    private static final int MAX_REASON = 512;
    private final Database db;
    private final Clock clock;

    public H2BanStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Set<PeerId> load() throws StoreException {
        Set<PeerId> out = new HashSet<>();
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement("SELECT peer_id FROM bans");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(PeerId.fromBytes(rs.getBytes(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read bans: " + e.getMessage(), e);
        }
    }

    @Override
    public void add(PeerId peer, String reason) throws StoreException {
        String r = reason.isEmpty() ? "banned" : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        byte[] id = peer.toBytes();
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement("INSERT INTO bans (peer_id, reason, banned_at) "
                        + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM bans WHERE peer_id = ?)")) {
            s.setBytes(1, id);
            s.setString(2, r);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.setBytes(4, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the ban of " + peer + ": " + e.getMessage(), e);
        }
    }
}
