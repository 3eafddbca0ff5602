/** Customers and sales opportunities: commands, events and queries. */
package io.waihu.schema.crm;
