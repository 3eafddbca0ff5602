package io.waihu.backend.dialer.engine;

import java.util.Objects;

/**
 * A contact of the campaign that is due, claimed for this run: nobody else dials it until the run
 * hands it back ({@link ContactQueue#skipped}, {@link ContactQueue#attempted} or
 * {@link ContactQueue#released}).
 *
 * @param contactId  the contact's id
 * @param e164       the number to dial, E.164
 * @param customerId the CRM customer the contact is linked to, or {@code null}
 */
public record Candidate(String contactId, String e164, String customerId) {

    public Candidate {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(e164, "e164");
    }
}
