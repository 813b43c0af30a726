package io.solcial.beacon.gateway.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * Renders the Pebble templates under {@code io/solcial/beacon/gateway/web/templates}. Autoescaping
 * is on (HTML strategy) for every expression, so text from posts and profiles can never become
 * markup; strict variables make a template typo an error instead of an empty string.
 */
final class PageRenderer {
    private static final int INITIAL_BUFFER = 64 * 1024;
    /** A thread's buffer grown past this (a huge page) is dropped after use rather than kept. */
    private static final int MAX_KEPT_BUFFER = 1024 * 1024;

    private final PebbleEngine engine;
    private final ThreadLocal<Utf8Writer> buffers = new ThreadLocal<>();

    PageRenderer(Clock clock) {
        ClasspathLoader loader = new ClasspathLoader(PageRenderer.class.getClassLoader());
        loader.setPrefix("io/solcial/beacon/gateway/web/templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .extension(new TimeFilters(clock))
                .build();
    }

    /** The page, UTF-8 encoded. */
    byte[] render(String template, Map<String, Object> context) {
        Utf8Writer out = buffers.get();
        if (out == null) {
            out = new Utf8Writer(INITIAL_BUFFER);
        }
        buffers.remove(); // while in use: a nested render on this thread would get a buffer of its own
        out.reset();
        try {
            engine.getTemplate(template).evaluate(out, context);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (out.capacity() <= MAX_KEPT_BUFFER) {
                buffers.set(out);
            }
        }
    }
}
