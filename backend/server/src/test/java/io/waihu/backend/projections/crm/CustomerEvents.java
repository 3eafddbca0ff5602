package io.waihu.backend.projections.crm;

import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Customer events as tests need them: only what a test varies is a parameter. */
final class CustomerEvents {

    private CustomerEvents() {
    }

    static CustomerCreatedEvent created(String id, String name, String owner, List<String> phones, Set<String> tags) {
        return new CustomerCreatedEvent(id, name, phones.stream().map(PhoneNumber::new).toList(), "a@example.com",
                "Acme", tags, owner, Map.of("tier", "gold"));
    }

    static CustomerEditedEvent phones(String id, String... phones) {
        return new CustomerEditedEvent(id, null, List.of(phones).stream().map(PhoneNumber::new).toList(), null, null,
                null, null);
    }

    static CustomerEditedEvent name(String id, String name) {
        return new CustomerEditedEvent(id, name, null, null, null, null, null);
    }

    static CallPlacedEvent callPlaced(String callId, String customerId, String number) {
        return new CallPlacedEvent(callId, customerId, "agent-1", customerId, new PhoneNumber(number), "trunk-1",
                CallOrigin.CLICK_TO_DIAL, null);
    }

    /** A mobile number no other test uses (random, 11 digits after +86 1). */
    static String number() {
        return "+861" + (3_000_000_000L + ThreadLocalRandom.current().nextLong(6_000_000_000L));
    }

    /** A word of {@code length} random lower-case letters, so a name is found by no other test's fragment. */
    static String word(int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
