package io.waihu.backend.api.support;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/**
 * What a user can fix about a mutation's input, in its payload's {@code userErrors}. Failures
 * no input can fix (not logged in, no right, not found, the server) stay top-level GraphQL
 * errors with {@code extensions.code}, as on GitHub's and Shopify's APIs.
 */
@Enum("UserErrorCode")
@Description("Why a mutation refused input the user can correct.")
public enum UserErrorCode {
    @Description("A value breaks a rule of its field (format, length, range, a required field missing); "
            + "'field' names it.")
    VALIDATION,
    @Description("The object changed since you read it (a stale expectedVersion), or the change contradicts its "
            + "current state: reload it and decide again.")
    CONFLICT,
    @Description("A live customer already has one of the phone numbers; 'ids' lists those of them you may see. "
            + "Send allowDuplicate: true to keep both.")
    DUPLICATE_PHONE,
    @Description("The number (or its prefix) is on the do-not-call list.")
    BLACKLISTED
}
