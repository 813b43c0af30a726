package io.solcial.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak detector the Netty tests rely on really sees a dropped buffer. */
class NettyLeakExtensionTest {

    @Test
    void reportsABufferThatWasNeverReleased() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        LeakAppender appender = LeakAppender.attach();
        try {
            assertTrue(appender.drain().isEmpty(), "no leak before the test");
            leakOne();
            List<String> leaks = appender.drain();
            assertFalse(leaks.isEmpty(), "the dropped buffer was reported");
            assertTrue(leaks.get(0).contains(NettyLeakExtension.DELIBERATE_LEAK_SITE), "the report names the allocation site");
        } finally {
            appender.detach();
        }
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(42);
    }
}
