package io.solcial.net;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked buffer. Register with
 * {@code @ExtendWith(NettyLeakExtension.class)}; surefire runs with
 * {@code -Dio.netty.leakDetection.level=paranoid} so every buffer is tracked (this extension sets
 * the level too, for runs outside Maven). A leak from an earlier test can surface in a later one:
 * the failing test names the class, the report names the allocation site.
 */
public final class NettyLeakExtension implements BeforeAllCallback, AfterEachCallback {
    static final String DELIBERATE_LEAK_SITE = "NettyLeakExtensionTest.leakOne";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NettyLeakExtension.class);

    private record Registration(LeakAppender appender) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            appender.detach();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        appender(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<String> leaks = new ArrayList<>(appender(context).drain());
        // NettyLeakExtensionTest leaks one buffer on purpose; Netty may report it again later, in
        // whichever test runs then. That report is not that test's leak.
        leaks.removeIf(l -> l.contains(DELIBERATE_LEAK_SITE));
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s) during or before "
                    + context.getDisplayName() + ":\n" + leaks.get(0));
        }
    }

    private static LeakAppender appender(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Registration.class, k -> new Registration(LeakAppender.attach()), Registration.class)
                .appender();
    }
}
