/** Campaigns as a table (settings, status) and their progress counters, for the API and the dialer. */
package io.waihu.projections.dialer.campaigns;
