/**
 * The dialing loop of one running campaign: {@link io.waihu.backend.dialer.engine.CampaignRun}
 * asks the {@link io.waihu.backend.dialer.pacing.Pacer} how many calls to start, takes due
 * contacts, lets the {@link io.waihu.backend.dialer.policy.DialPolicy} decide each one, places the
 * calls customer first and hands every answered call to the longest-idle agent or lets it abandon.
 * Pure Java behind small ports (contacts, attempts, agents, calls), driven by one thread per run,
 * so the live dialer and the tests run the same code with real or simulated time.
 */
package io.waihu.backend.dialer.engine;
