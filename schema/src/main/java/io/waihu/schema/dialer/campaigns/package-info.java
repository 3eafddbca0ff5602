/** Dialer campaigns: their configuration and lifecycle (draft, running, paused, stopped). */
package io.waihu.schema.dialer.campaigns;
