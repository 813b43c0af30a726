package io.solcial.beacon;

import io.solcial.beacon.gateway.Gateway;
import io.solcial.beacon.gateway.GatewayConfig;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Multiaddr;
import io.solcial.net.host.HostConfig;
import io.solcial.node.Node;
import io.solcial.node.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A beacon: a node that is friends with everyone (it replicates, pins and serves every valid log it
 * hears of), accepts many connections, and serves the HTTP gateway. Start it, read its addresses,
 * {@link #close} it to stop gracefully (the gateway stops accepting, the node leaves the overlay and
 * flushes its store).
 */
public final class Beacon implements AutoCloseable {
    /** A beacon serves far more peers than a desktop node. */
    public static final int MAX_INBOUND_CONNECTIONS = 16_384;
    public static final int MAX_OUTBOUND_CONNECTIONS = 512;

    private final Node node;
    private final Gateway gateway;
    private final ActivityLog activity;

    private Beacon(Node node, Gateway gateway, ActivityLog activity) {
        this.node = node;
        this.gateway = gateway;
        this.activity = activity;
    }

    /** The host settings of a beacon listening on {@code listen}. */
    public static HostConfig hostConfig(List<Multiaddr> listen) {
        return HostConfig.defaults().withListenAddresses(listen)
                .withLimits(MAX_INBOUND_CONNECTIONS, MAX_OUTBOUND_CONNECTIONS);
    }

    /** Starts the node (in the beacon role, whatever {@code config} says) and then the gateway. */
    public static Beacon start(NodeConfig config, GatewayConfig http) throws StoreException, IOException {
        Node node = Node.start(config.withRole(NodeConfig.Role.BEACON));
        ActivityLog activity = ActivityLog.attach(node);
        Gateway gateway = new Gateway(node.reader(), http);
        try {
            gateway.start();
        } catch (IOException | RuntimeException e) {
            activity.close();
            node.close();
            throw new IOException("cannot serve HTTP on " + http.host() + ":" + http.port() + ": " + e.getMessage(), e);
        }
        return new Beacon(node, gateway, activity);
    }

    public Node node() {
        return node;
    }

    /** Where libp2p peers reach this beacon, each ending in {@code /p2p/<id>}. */
    public List<Multiaddr> addresses() {
        return node.addresses();
    }

    /** {@code http://host:port/} of the gateway. */
    public URI gatewayUri() {
        return gateway.uri();
    }

    @Override
    public void close() {
        gateway.close();
        activity.close();
        node.close();
    }
}
