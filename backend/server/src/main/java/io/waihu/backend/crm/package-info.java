/** Customers and opportunities: the aggregates that decide and the pipeline they move through. */
package io.waihu.backend.crm;
