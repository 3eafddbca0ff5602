/**
 * A campaign's contacts and the list imports that add them: the batched write path (a chunk of
 * rows, one command, its events appended as one batch under each person's key), the import
 * run in the background with its encrypted reject report, and contact erasure.
 */
package io.waihu.backend.dialer.contacts;
