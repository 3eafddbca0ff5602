package io.waihu.schema.crm;

import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.Text;

/**
 * Live (not deleted or erased) customers, {@code first} at a time after the opaque
 * {@code after} cursor. Every filter is optional and they combine with AND: {@code name}
 * of 3 or more characters matches anywhere in the name, of 1–2 characters the start of it
 * (case-insensitive); {@code phone} is an E.164 number or its prefix; {@code tag} an exact
 * tag; {@code ownerId} one owner and {@code team} the owners in one team (how a
 * supervisor's view is scoped). Ordered by name, or, when searching by phone, by the
 * matching number (one row per matching number). With {@code backward}, the {@code first} rows
 * just before the cursor {@code after} (or the last ones), still in list order.
 */
public record FindCustomersQuery(
        String name, String phone, String tag, String ownerId, String team, int first, String after,
        boolean backward) {

    public static final int MAX_PAGE = 200;

    /** A forward page. */
    public FindCustomersQuery(String name, String phone, String tag, String ownerId, String team, int first,
            String after) {
        this(name, phone, tag, ownerId, team, first, after, false);
    }

    public FindCustomersQuery {
        if (first < 1 || first > MAX_PAGE) {
            throw new InvalidValue("first", "first must be 1.." + MAX_PAGE);
        }
        // no stored name, number or tag is longer: a longer filter can match nothing
        Text.check("name", name, 200, Text.Lines.SINGLE);
        Text.check("phone", phone, 40, Text.Lines.SINGLE);
        Text.check("tag", tag, 64, Text.Lines.SINGLE);
    }
}
