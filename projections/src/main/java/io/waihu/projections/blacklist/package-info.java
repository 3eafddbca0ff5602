/** The do-not-call list as a table, and the in-memory index every dial attempt is checked against. */
package io.waihu.projections.blacklist;
