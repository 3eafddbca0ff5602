/**
 * Campaigns: their configuration (checked here, with defaults), their lifecycle, the mapping of
 * a campaign onto the dial policy's rules and the pacing's settings, and the caller-ID choice.
 */
package io.waihu.backend.dialer.campaigns;
