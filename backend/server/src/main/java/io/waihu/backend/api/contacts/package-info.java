/** The GraphQL and HTTP side of a campaign's contacts: list uploads, import progress, reject reports, contact erasure. */
package io.waihu.backend.api.contacts;
