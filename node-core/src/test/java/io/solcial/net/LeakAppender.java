package io.solcial.net;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures Netty's {@code LEAK:} reports (logged at ERROR by {@link ResourceLeakDetector}).
 * Netty reports a leak only after the buffer was garbage collected and when a later buffer is
 * tracked, so {@link #drain()} collects garbage and allocates a few buffers first.
 */
final class LeakAppender extends AppenderBase<ILoggingEvent> {
    private final List<String> leaks = new ArrayList<>();

    static LeakAppender attach() {
        LeakAppender appender = new LeakAppender();
        appender.setName("netty-leaks");
        appender.start();
        logger().addAppender(appender);
        return appender;
    }

    void detach() {
        logger().detachAppender(this);
        stop();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && message.contains("LEAK:")) {
            synchronized (leaks) {
                leaks.add(message);
            }
        }
    }

    /** Leaks reported so far (after forcing collection and a reporting pass), then forgets them. */
    List<String> drain() throws InterruptedException {
        for (int round = 0; round < 4; round++) {
            System.gc();
            Thread.sleep(40);
            for (int i = 0; i < 32; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(8);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(8);
                a.release();
                b.release();
            }
        }
        synchronized (leaks) {
            List<String> out = List.copyOf(leaks);
            leaks.clear();
            return out;
        }
    }
}
