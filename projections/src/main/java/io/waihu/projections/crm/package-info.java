/** CRM read models: customers with their contact history, and the opportunity pipeline. */
package io.waihu.projections.crm;
