package io.waihu.schema.dialer.campaigns;

/** When a campaign's contact becomes a CRM customer (if no customer has its number yet). */
public enum CustomerCreation {
    ON_IMPORT,
    ON_FIRST_CONNECT,
    ON_DISPOSITION,
    NEVER
}
