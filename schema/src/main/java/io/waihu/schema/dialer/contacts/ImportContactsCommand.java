package io.waihu.schema.dialer.contacts;

import java.util.List;

/**
 * One chunk of an import (up to {@link #MAX_CONTACTS} rows): handled in one unit of work that
 * appends one {@link ContactImportedEvent} per contact (and a {@code CustomerCreatedEvent} for
 * each contact that creates its customer) as one batch. Not an aggregate's command: each
 * contact is its own aggregate, created by its first event.
 *
 * @param ownerId the owner of the customers the chunk creates (the importing user)
 */
public record ImportContactsCommand(String importId, String campaignId, int chunk, String ownerId,
        List<ContactEntry> contacts) {

    public static final int MAX_CONTACTS = 5_000;
}
