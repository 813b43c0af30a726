package io.solcial.beacon.gateway.web;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Template filters for timestamps (ms since the epoch): {@code ago} ("now", "5m", "3h", "2d",
 * "Nov 14", "Nov 14, 2023"), {@code iso} (for {@code <time datetime>}) and {@code fulltime}.
 */
final class TimeFilters extends AbstractExtension {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private final Clock clock;

    TimeFilters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "ago", filter(this::ago),
                "iso", filter(ms -> Instant.ofEpochMilli(ms).toString()),
                "fulltime", filter(ms -> FULL.format(Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC))));
    }

    String ago(long millis) {
        Instant then = Instant.ofEpochMilli(millis);
        Duration age = Duration.between(then, clock.instant());
        if (age.toSeconds() < 60) {
            return "now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + "m";
        }
        if (age.toHours() < 24) {
            return age.toHours() + "h";
        }
        if (age.toDays() < 7) {
            return age.toDays() + "d";
        }
        boolean sameYear = then.atOffset(ZoneOffset.UTC).getYear() == clock.instant().atOffset(ZoneOffset.UTC).getYear();
        return (sameYear ? DAY : DAY_YEAR).format(then.atOffset(ZoneOffset.UTC));
    }

    private interface LongFormat {
        String format(long millis);
    }

    private static Filter filter(LongFormat format) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                    int lineNumber) {
                if (!(input instanceof Number n)) {
                    throw new IllegalArgumentException("time filters take a number of milliseconds, got " + input);
                }
                return format.format(n.longValue());
            }
        };
    }
}
