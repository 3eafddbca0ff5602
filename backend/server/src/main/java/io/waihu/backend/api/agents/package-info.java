/** Agents' states over GraphQL: log in and out, pause and resume, end a wrap-up, watch the floor. */
package io.waihu.backend.api.agents;
