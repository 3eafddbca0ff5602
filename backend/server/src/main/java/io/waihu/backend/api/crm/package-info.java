/** Customers and opportunities: queries, mutations and subscriptions, and their GraphQL types. */
package io.waihu.backend.api.crm;
