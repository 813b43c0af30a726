package io.solcial.beacon.gateway.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * Renders the Pebble templates under {@code io/solcial/beacon/gateway/web/templates}. Autoescaping
 * is on (HTML strategy) for every expression, so text from posts and profiles can never become
 * markup; strict variables make a template typo an error instead of an empty string.
 */
final class PageRenderer {
    private final PebbleEngine engine;

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

    String render(String template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
