/** Analytics: the ClickHouse store (embedded or a server) and the processors that fill its tables. */
package io.waihu.backend.analytics;
