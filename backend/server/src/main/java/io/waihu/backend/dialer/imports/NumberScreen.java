package io.waihu.backend.dialer.imports;

import io.waihu.schema.common.PhoneNumber;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the dialer knows that the file does not: which numbers are on the do-not-call list and
 * which the campaign already has. Asked once per batch (up to {@link ImportOptions#batchSize()}
 * rows' numbers) so an implementation can answer with one query, not one per row. Numbers the
 * answer leaves out are new. Importing the same file twice therefore adds nothing the second
 * time: every number answers {@link Exclusion#ALREADY_IN_CAMPAIGN}.
 */
@FunctionalInterface
public interface NumberScreen {

    /** Why a number stays out. */
    enum Exclusion { BLACKLISTED, ALREADY_IN_CAMPAIGN }

    Map<PhoneNumber, Exclusion> screen(Set<PhoneNumber> numbers);

    /** Nothing is excluded (a first list for a new campaign, with no do-not-call entries). */
    NumberScreen NONE = numbers -> Map.of();

    /** A screen from two per-number tests; the blacklist wins when both hold. */
    static NumberScreen of(Predicate<PhoneNumber> blacklisted, Predicate<PhoneNumber> inCampaign) {
        return numbers -> {
            Map<PhoneNumber, Exclusion> out = new HashMap<>();
            for (PhoneNumber number : numbers) {
                if (blacklisted.test(number)) {
                    out.put(number, Exclusion.BLACKLISTED);
                } else if (inCampaign.test(number)) {
                    out.put(number, Exclusion.ALREADY_IN_CAMPAIGN);
                }
            }
            return out;
        };
    }
}
