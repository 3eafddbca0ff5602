package io.waihu.projections.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: the items, each item's cursor (to continue after
 * it), whether more follow, and the cursor after the last.
 */
public record Page<T>(List<T> items, List<String> cursors, boolean hasNextPage, String endCursor) {

    /** Cuts a fetch of {@code first + 1} rows into a page; the extra row only says "more follow". */
    public static <T> Page<T> of(List<T> fetched, int first, Function<T, String> cursorOf) {
        boolean more = fetched.size() > first;
        List<T> items = more ? fetched.subList(0, first) : fetched;
        List<String> cursors = items.stream().map(cursorOf).toList();
        String end = cursors.isEmpty() ? null : cursors.get(cursors.size() - 1);
        return new Page<>(List.copyOf(items), cursors, more, end);
    }

    /**
     * A backward page from a fetch of {@code last + 1} rows in reverse order: the rows put back in
     * list order; {@code hasNextPage} then says that more precede the page.
     */
    public static <T> Page<T> ofReversed(List<T> fetched, int last, Function<T, String> cursorOf) {
        Page<T> reversed = of(fetched, last, cursorOf);
        List<T> items = new java.util.ArrayList<>(reversed.items());
        List<String> cursors = new java.util.ArrayList<>(reversed.cursors());
        java.util.Collections.reverse(items);
        java.util.Collections.reverse(cursors);
        return new Page<>(List.copyOf(items), List.copyOf(cursors), reversed.hasNextPage(),
                cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
    }

    /** Cursors are opaque to clients: base64 of the sort key parts joined by a unit separator. */
    public static String cursor(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor, or an {@link IllegalArgumentException} for one this server did not make. */
    public static String[] parts(String cursor, int expected) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor: " + cursor, e);
        }
        String[] parts = decoded.split("\u001f", -1);
        if (parts.length != expected) {
            throw new IllegalArgumentException("not a cursor: " + cursor);
        }
        return parts;
    }
}
