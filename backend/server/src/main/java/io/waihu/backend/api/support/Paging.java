package io.waihu.backend.api.support;

/**
 * The page a client asked for, from Relay's {@code first/after} (forward) or
 * {@code last/before} (backward) arguments, checked once for every connection: 50 items unless
 * told, at most 200 (a page is one keyset query; 200 rows keep it under a few milliseconds),
 * and one direction per request — {@code first} with {@code last}, or a cursor of the other
 * direction, is a VALIDATION error, as on GitHub's API.
 *
 * @param size how many items, 1..{@link #MAX}
 * @param cursor where to continue from (exclusive), or null for the start (forward) or end (backward)
 * @param backward true for {@code last/before}: the items just before the cursor, still in list order
 */
public record Paging(int size, String cursor, boolean backward) {

    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    /** The description of every connection's {@code first} argument. */
    public static final String FIRST_DOC = "Page forward: this many items (1..200, default 50) after the cursor 'after'.";
    /** The description of every connection's {@code last} argument. */
    public static final String LAST_DOC = "Page backward: this many items (1..200) before the cursor 'before'.";

    /** A forward first page of the default size. */
    public static final Paging FIRST = new Paging(DEFAULT, null, false);

    /** The page the four Relay arguments describe, or VALIDATION naming the argument at fault. */
    public static Paging of(Integer first, String after, Integer last, String before) throws ApiError.Validation {
        if (first != null && last != null) {
            throw new ApiError.Validation("last", "first and last together are not supported: page one way");
        }
        boolean backward = last != null || before != null;
        if (backward && after != null) {
            throw new ApiError.Validation("after", "after pages forward: use it with first, not with last/before");
        }
        if (backward && first != null) {
            throw new ApiError.Validation("first", "first pages forward: use it with after, not with before");
        }
        Integer asked = backward ? last : first;
        String name = backward ? "last" : "first";
        int size = asked == null ? DEFAULT : asked;
        if (size < 1 || size > MAX) {
            throw new ApiError.Validation(name, name + " must be 1.." + MAX);
        }
        return new Paging(size, backward ? before : after, backward);
    }

    /** The name of the cursor argument, for errors about it. */
    public String cursorArgument() {
        return backward ? "before" : "after";
    }
}
