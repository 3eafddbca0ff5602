package io.waihu.schema.dialer.agents;



/**
 * What every agent event says besides its own fact: whose it is and the state it leaves the
 * agent in, so that a reader (the live view, a subscription) never re-derives the rules.
 */
public interface AgentStateEvent {

    String agentId();

    AgentState state();
}
