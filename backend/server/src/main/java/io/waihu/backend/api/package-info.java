/** The GraphQL API: thin resolvers that turn requests into commands and read-model queries. */
package io.waihu.backend.api;
