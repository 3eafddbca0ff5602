/** The do-not-call list: numbers and prefixes that are never dialed. */
package io.waihu.schema.blacklist;
