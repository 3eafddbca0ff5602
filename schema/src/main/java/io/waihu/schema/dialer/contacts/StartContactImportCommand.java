package io.waihu.schema.dialer.contacts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts importing an uploaded file into a campaign. The import id is derived from the
 * campaign and the file's SHA-256 ({@link ContactImportIds}), so the same file uploaded twice
 * meets the first import: refused while it runs or once it is done, started again after a
 * failure.
 *
 * @param createCustomers whether every contact that links to no customer creates one (the
 *                        campaign's "create a CRM customer on import")
 */
public record StartContactImportCommand(@TargetAggregateIdentifier String importId, String campaignId,
        String fileName, String sha256, long bytes, boolean createCustomers) {
}
