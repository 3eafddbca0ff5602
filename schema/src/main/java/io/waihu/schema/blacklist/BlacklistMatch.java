package io.waihu.schema.blacklist;

/** Whether an entry blocks one number exactly or every number starting with its digits. */
public enum BlacklistMatch {
    NUMBER,
    PREFIX
}
