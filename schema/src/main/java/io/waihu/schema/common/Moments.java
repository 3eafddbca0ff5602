package io.waihu.schema.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The range of dates and instants Waihu accepts: the years 1900 to 2299. That is what every
 * store on the way holds: ClickHouse's {@code Date32} and {@code DateTime64} (the analytics
 * tables) end at 2299-12-31 and begin at 1900, inside PostgreSQL's {@code date} and
 * {@code timestamptz} and inside ISO-8601 with a four-digit year, as Jackson writes and reads
 * it back. Java's own range (years ±999,999,999) overflowed PostgreSQL and failed a query as
 * a server fault. No expected close date, expiry or search bound needs more.
 */
public final class Moments {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2299;
    public static final Instant EARLIEST = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final Instant LATEST = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Moments() {
    }

    public static boolean inRange(LocalDate date) {
        return date == null || (date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR);
    }

    public static boolean inRange(Instant instant) {
        return instant == null || (!instant.isBefore(EARLIEST) && instant.isBefore(LATEST));
    }

    /** {@code date} if in range (or null); otherwise {@link InvalidValue} for {@code field}. */
    public static LocalDate check(String field, LocalDate date) {
        if (!inRange(date)) {
            throw new InvalidValue(field, field + " must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return date;
    }

    /** {@code instant} if in range (or null); otherwise {@link InvalidValue} for {@code field}. */
    public static Instant check(String field, Instant instant) {
        if (!inRange(instant)) {
            throw new InvalidValue(field, field + " must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return instant;
    }
}
