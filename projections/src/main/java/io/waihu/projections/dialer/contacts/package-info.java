/** The dialer's contacts table and the list imports' progress, written in plain JDBC batches on the processor's transaction. */
package io.waihu.projections.dialer.contacts;
