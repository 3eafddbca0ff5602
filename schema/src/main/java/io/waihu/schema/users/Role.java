package io.waihu.schema.users;

/** What a user may do; a user has one or more. */
public enum Role {
    ADMIN,
    SUPERVISOR,
    AGENT,
    ANALYST,
    AUDITOR
}
