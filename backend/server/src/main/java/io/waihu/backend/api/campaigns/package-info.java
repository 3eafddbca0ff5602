/** Dialer campaigns: configuration, lifecycle, progress, and their live changes. */
package io.waihu.backend.api.campaigns;
