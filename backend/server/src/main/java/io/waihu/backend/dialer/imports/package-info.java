/**
 * Reading a contact list for the dialer: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030, UTF-16) and
 * XLSX, streamed, into validated contact batches and a line-numbered reject report. No Axon,
 * no GraphQL here: the import's upload and its events consume {@link io.waihu.backend.dialer.imports.ListImporter}.
 */
package io.waihu.backend.dialer.imports;
